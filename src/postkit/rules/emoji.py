"""Emoji rules (EMO): more emoji than the tone profile allows.

Sources: the seed article's blurb "📝🌍🔗" (three emoji: the house maximum for news);
Unicode UTS #51 for what counts as one emoji (a ZWJ sequence, a flag, a keycap).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from postkit._emoji_scan import all_emoji
from postkit.rules.base import Context, Hit, Rule, Severity


def too_many(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """More emoji sequences than ``max``."""
    text = ctx.text
    if text.isascii():
        return
    spans = all_emoji().spans(text)
    limit = int(options.get("max", 3))
    if len(spans) > limit:
        yield Hit(f"{len(spans)} emoji (the {ctx.profile} profile allows {limit})",
                  spans[limit][0], spans[-1][1], "keep the blurb's trio, drop the rest")


RULES = (
    Rule("EMO001", "too-many-emoji", Severity.WARNING, """\
## What it does
Checks for more emoji than the tone profile allows (news: 3, the seed's trio 📝🌍🔗; casual: 6).

## Why is this bad?
A wall of emoji reads as spam and is hard for screen readers, which read each one aloud.

## Example
```text
Kaim crossing reopens 🎉🚚🇮🇶🇸🇾 📝🌍🔗 Read More
```

## Use instead
```text
Kaim crossing reopens 📝🌍🔗 Read More
```

## Options
- `max`: emoji allowed (an emoji ZWJ sequence, flag or keycap counts once).

## Sources
- The seed article's blurb (shared/seeds/); Unicode Technical Standard #51
""", too_many, options={"max": 3}, profiles={"casual": {"max": 6}}),
)
