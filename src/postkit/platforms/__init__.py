"""Platforms: their families, counting, links and payloads.

A platform (``registry.Platform``: a profile of ``data/platforms.toml``, or configured) names
its family (``family.Family``: how its app counts, finds and shows links, its payload,
replies and link card); ``families`` is the one registry of families and counters, each
family living in its own module (``x``, ``bluesky``, ``mastodon``, ``threads``,
``linkedin``, ``facebook``, ``instagram``, ``telegram``, ``generic``). ``counting``,
``links`` and ``payloads`` are the calls the rest of postkit makes; ``names`` the built-in
names as a type. Like every subpackage, this one re-exports nothing.
"""
