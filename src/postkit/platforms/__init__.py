"""Platforms: profiles, their families, counting, links and payloads.

A profile (``registry.Platform``) names its family (``family.Family``: how its app counts,
finds and shows links, its payload, replies and link card); ``families`` is the one registry
of families and counters, each family living in its own module (``x``, ``bluesky``,
``mastodon``, ``threads``, ``linkedin``, ``facebook``, ``instagram``, ``telegram``, ``generic``).
``counting``, ``links`` and ``payloads`` are the calls the rest of postkit makes.
"""
