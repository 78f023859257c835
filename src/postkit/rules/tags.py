"""Hashtag rules (TAG): more hashtags than the platform advises or allows.

Sources: data/platforms.toml (hashtags_advised, hashtags_max, each with its source).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, Severity

HASHTAG = regex.compile(r"(?<![\p{L}\p{M}\p{N}_&/#])#[\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*")


def too_many(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Hashtags over the advice (warning) or the hard cap (error)."""
    if "#" not in ctx.text:
        return
    tags = list(HASHTAG.finditer(ctx.text))
    advised = options.get("max") or getattr(ctx.platform, "hashtags_advised", None)
    hard = getattr(ctx.platform, "hashtags_max", None)
    name = ctx.platform.name
    if hard is not None and len(tags) > hard:
        yield Hit(f"{len(tags)} hashtags; {name} allows {hard}", tags[hard].start(), tags[-1].end(),
                  "drop hashtags from the end", Severity.ERROR)
    elif advised is not None and len(tags) > advised:
        yield Hit(f"{len(tags)} hashtags; {name} advises at most {advised}", tags[advised].start(),
                  tags[-1].end(), "drop hashtags from the end")


RULES = (
    Rule("TAG001", "too-many-hashtags", Severity.WARNING, """\
## What it does
Checks for more hashtags than the platform advises (a warning) or allows (an error).

## Why is this bad?
Extra hashtags cost reach on X and are refused by Threads and Instagram above their caps.

## Example
```text
Kaim crossing reopens #Iraq #Syria #MiddleEast #Trade
```

## Use instead
```text
Kaim crossing reopens #Iraq #Syria
```

## Options
- `max`: hashtags advised (default: the platform's `hashtags_advised`).

## Sources
- data/platforms.toml: X help (≤ 2 advised), Threads API (1 topic tag), Instagram (5, reported Dec 2025)
""", too_many, options={"max": None}, example_platform="x"),
)
