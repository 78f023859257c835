"""What the commands print for people: plural-correct counts and the platforms table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["platforms_table", "plural"]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 post``, ``2 posts``; ``many`` for irregular plurals.

    >>> plural(1, "platform"), plural(3, "platform"), plural(0, "info", "info")
    ('1 platform', '3 platforms', '0 info')
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def platforms_table(registry: Mapping[str, Platform]) -> str:
    """``postkit platforms``: one row per platform, columns aligned, the source last."""
    rows = [("platform", "limit", "unit", "links", "hashtags", "source")]
    for p in registry.values():
        limit = f"{p.limit:,}"
        if p.byte_limit:
            limit += f" + {p.byte_limit:,} B"
        if p.caption_limit:
            limit += f" ({p.caption_limit:,} caption)"
        tags = "-" if p.hashtags_advised is None else f"≤ {p.hashtags_advised}"
        unit = p.unit + (" (unconfirmed)" if p.unconfirmed else "")
        links = "in bio" if p.links == "bio" else "clickable"
        # The name to pass to --platform, and the display name (``title``) where it is another.
        name = p.name if not p.title or p.title.lower() == p.name else f"{p.name} ({p.title})"
        rows.append((name, limit, unit, links, tags, p.source.split(";")[0][:60]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip() + "\n")
    return "".join(lines)
