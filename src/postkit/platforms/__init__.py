"""Platforms: profiles, counting, link grammars and payloads.

Profiles (``profile``), counting in each platform's unit (``counting``), each family's link
grammar and payload (``x``, ``twitter_text``, ``mastodon``,
``bluesky``, ``linkedin``), and the payload dispatch (``payloads``).
"""
