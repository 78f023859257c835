"""Length rules (LEN): the platform's limits, and LinkedIn's "see more" fold.

Sources: platform limits and units in data/platforms.toml (DESIGN.md "Platform facts").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from postkit.counting import measurements
from postkit.rules.base import Context, Hit, Rule, Severity

_URL = regex.compile(r"https?://\S+")


def over_limit(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Every limit of the platform the text exceeds."""
    del options
    for m in ctx.sizes if ctx.sizes is not None else measurements(ctx.text, ctx.platform):
        if m.over:
            yield Hit(f"post is {m.value:,} {m.unit}, over {ctx.platform.name}'s limit of {m.limit:,}",
                      hint="shorten it, or let `postkit compose` fit it")


def past_fold(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Title (first line) or link past the "see more" fold."""
    fold = options.get("fold") or getattr(ctx.platform, "fold", None)
    if not fold:
        return
    first = ctx.text.split("\n", 1)[0]
    if len(first) > fold:
        yield Hit(f"first line is {len(first)} characters; the fold cuts it at ~{fold}",
                  start=fold, end=len(first), hint="put the news in the first words")
    link = ctx.link or next((m.group() for m in _URL.finditer(ctx.text)), None)
    at = ctx.text.find(link) if link else -1
    if at > fold:
        yield Hit(f'link starts at character {at}, below the ~{fold}-character "see more" fold',
                  start=at, end=at + len(link or ""), hint="move the link up or shorten the text above it")


RULES = (
    Rule("LEN001", "over-limit", Severity.ERROR, """\
## What it does
Checks for posts longer than any of the platform's limits, measured in its own unit.

## Why is this bad?
The platform rejects the post, or silently cuts it, losing the link.

## Example
```text
Iraq and Syria reopen the Kaim border crossing after months of closure, and trucks and civilians can cross again, officials say; the move is seen as a step towards normal relations between the two neighbours and a boost for trade across the region, which had suffered for years. 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Known problems
LinkedIn, Facebook and Instagram publish no counting rule; postkit counts UTF-16 code units there.

## Sources
- data/platforms.toml (each limit with its source); twitter-text config/v3.json; atproto app.bsky.feed.post lexicon
""", over_limit, example_platform="x"),
    Rule("LEN002", "past-fold", Severity.WARNING, """\
## What it does
Checks for a title or link that falls below LinkedIn's "see more" fold (~210 characters).

## Why is this bad?
Readers see only the text above the fold; a link below it gets few clicks.

## Example
```text
In a move that officials from both countries described on Saturday as the result of months of quiet diplomacy and careful preparation by border authorities, customs officers and ministries, Iraq and Syria reopened the Kaim crossing

📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim crossing

📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Options
- `fold`: characters shown before "see more" (default: the platform's `fold`).

## Known problems
The fold is an estimate: LinkedIn varies it by device and does not publish it.

## Sources
- LinkedIn feed behaviour as reported by third-party social media guides (unconfirmed estimate)
""", past_fold, options={"fold": None}, example_platform="linkedin"),
)
