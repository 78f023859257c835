"""Length rules (LEN): the platform's limits, and LinkedIn's "see more" fold.

Sources: the platform limits and counting units in data/platforms.toml, each with its
source (twitter-text config/v3.json, the atproto post lexicon, Mastodon's status length
validator, Meta's Threads API docs, Telegram's Bot API); the fold estimate there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from postkit.platforms.counting import measurements
from postkit.rules.base import Context, Hit, Rule, quote, whole_number
from postkit.severity import Severity


def over_limit(ctx: Context, prepared: Any) -> list[Hit]:
    """Every limit of the platform the text exceeds (compose's measurements reused)."""
    del prepared
    found = ctx.measurements or measurements(ctx.text, ctx.platform)
    return [
        Hit(
            f"post is {m.value:,} {m.unit}, {m.value - m.limit:,} over {ctx.platform.title}'s limit of {m.limit:,}",
            hint="shorten it, or let `postkit compose` fit it",
        )
        for m in found
        if m.value > m.limit
    ]


def _fold(options: Mapping[str, Any]) -> int | None:
    return whole_number("fold", options.get("fold"), minimum=1, optional=True)


def _fold_needs(fold: int | None) -> tuple[str, ...]:
    """A configured fold applies on every platform; otherwise only a text past its platform's fold is looked at."""
    return () if fold else ("fold",)


def past_fold(ctx: Context, fold: int | None) -> list[Hit]:
    """Title (first line) or link past the "see more" fold."""
    fold = fold or ctx.platform.fold
    text = ctx.text
    if not fold or len(text) <= fold:
        return []
    hits = []
    first = text.split("\n", 1)[0]
    if len(first) > fold:
        cut = text.rfind(" ", 0, fold) + 1  # the word the fold falls in
        hits.append(
            Hit(
                f"first line is {len(first)} characters; {quote(first[cut:])} is past the ~{fold}-character fold",
                cut,
                len(first),
                "put the news in the first words",
            )
        )
    at = text.find(ctx.link) if ctx.link else -1
    if at < 0 and ctx.urls:
        at = ctx.urls[0][0]
    if at >= fold:
        end = next((e for s, e in ctx.urls if s == at), at + len(ctx.link or ""))
        hits.append(
            Hit(
                f"link {quote(text[at:end])} starts at character {at + 1}, below the ~{fold}-character fold",
                at,
                end,
                "move the link up, or shorten the text above it",
            )
        )
    return hits


RULES = (
    Rule(
        "LEN001",
        "over-limit",
        Severity.ERROR,
        """\
## What it does
Checks for posts longer than any of the platform's limits, measured in the platform's own unit.

## Why is this bad?
The platform refuses the post, or cuts it silently and loses the link at its end. Each platform counts differently: X weighs most non-Latin characters 2 and every link 23, Bluesky counts graphemes and also caps the UTF-8 bytes, Threads counts an emoji as its bytes.

## Example
```text
Iraq and Syria reopen the Kaim border crossing after months of closure, and trucks and civilians can cross again, officials say; the move is seen as a step towards normal relations between the two neighbours and a boost for trade across the region, which had suffered for years. 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing 📝🌍🔗 Read More: https://news.example/world/kaim-crossing
```

## Known problems
LinkedIn, Facebook and Instagram publish no counting rule; postkit counts UTF-16 code units there, the cautious reading.

## Sources
- twitter-text, config/v3.json and conformance/validate.yml: https://github.com/twitter/twitter-text
- atproto lexicon app.bsky.feed.post (maxGraphemes 300, maxLength 3000): https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
- Mastodon, "Posting": https://docs.joinmastodon.org/user/posting/
- data/platforms.toml (every limit with its source)
""",
        over_limit,
        example_platform="x",
        needs=("over",),
    ),
    Rule(
        "LEN002",
        "past-fold",
        Severity.WARNING,
        """\
## What it does
Checks for a first line or a link that runs past the platform's "see more" fold (LinkedIn: about 210 characters).

## Why is this bad?
Readers see only the text above the fold. A title cut by it loses its point, and a link below it gets few clicks.

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
- `fold`: characters shown before "see more" (default: the platform's `fold`; only LinkedIn has one).

## Known problems
The fold is an estimate: LinkedIn varies it by device and window width and does not publish it.

## Sources
- data/platforms.toml, `[linkedin] fold`: a third-party estimate, marked unconfirmed there
""",
        past_fold,
        options={"fold": None},
        prepare=_fold,
        example_platform="linkedin",
        uses=("urls",),
        needs=_fold_needs,
    ),
)
