"""The built-in platforms' names as a type, so that editors offer them where a name is taken.

``PlatformName`` lists the tables of ``data/platforms.toml`` (a test keeps the two equal).
Every function that takes one also takes any ``str`` (a platform a configuration adds,
``"twitter"`` for ``"x"``, any case) or a :class:`~postkit.platforms.registry.Platform`.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

__all__ = ["PlatformName"]

PlatformName: TypeAlias = Literal[
    "x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram", "telegram"
]
"""A built-in platform's name."""
