"""Hashtag rules (TAG): more hashtags than the platform advises or allows.

Sources: data/platforms.toml (``hashtags_advised`` and ``hashtags_max``, each with its
source: X Help Center, Meta's Threads API docs, reports of Instagram's cap).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, quote, whole_number
from postkit.severity import Severity
from postkit.text import find_hashtags


def _max(options: Mapping[str, Any]) -> int | None:
    return whole_number("max", options.get("max"), optional=True)


def _max_needs(advised: int | None) -> tuple[str, ...]:
    """With the platform's own limits, a text needs more '#' than the smaller (the cue ``tags``)."""
    return ("tags",) if advised is None else ()


def too_many(ctx: Context, advised: int | None) -> list[Hit]:
    """Hashtags over the advice (the rule's severity) or over the hard cap (an error)."""
    text = ctx.text
    platform = ctx.platform
    hard = platform.hashtags_max
    advised = advised if advised is not None else platform.hashtags_advised
    limits = [n for n in (hard, advised) if n is not None]
    if not limits or ctx.utf8.count(b"#") + ctx.odd.count("＃") <= min(limits):
        return []  # no more '#' than allowed: cannot be over (the common case, no scan)
    tags = [(s, e) for s, e in find_hashtags(text) if not ctx.in_url(s)]
    for most, verb, severity in ((hard, "allows", Severity.ERROR), (advised, "advises", None)):
        if most is not None and len(tags) > most:
            (start, end), last = tags[most], tags[-1][1]
            message = f"{len(tags)} hashtags; {platform.title} {verb} at most {most} (from {quote(text[start:end])} on)"
            return [Hit(message, start, last, "drop hashtags from the end", severity)]
    return []


RULES = (
    Rule(
        "TAG001",
        "too-many-hashtags",
        Severity.WARNING,
        """\
## What it does
Checks for more hashtags than the platform advises (a warning) or allows (an error).

## Why is this bad?
X advises at most two and ranks posts with more lower; Threads allows one topic tag, and Instagram caps hashtags too: a post over a cap is refused or loses its tags.

## Example
```text
Kaim crossing reopens #Iraq #Syria #MiddleEast #Trade
```

## Use instead
```text
Kaim crossing reopens #Iraq #Syria
```

## Options
- `max`: hashtags advised (default: the platform's `hashtags_advised`). A platform's hard cap (`hashtags_max`) is always an error.

## Known problems
Instagram's cap of 5 was reported in December 2025 and is unconfirmed by Meta.

## Sources
- X Help Center, "How to use hashtags" (no more than two per post): https://help.x.com/en/using-x/how-to-use-hashtags
- Meta, Threads API, "Posts" (one topic tag): https://developers.facebook.com/docs/threads/posts
- data/platforms.toml (`hashtags_advised`, `hashtags_max`, with sources)
""",
        too_many,
        options={"max": None},
        prepare=_max,
        example_platform="x",
        uses=("odd", "utf8"),
        needs=_max_needs,
    ),
)
