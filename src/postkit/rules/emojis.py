"""Emoji rules (EMO): more emoji than the tone profile allows.

Sources: the seed article's blurb "📝🌍🔗" (three emoji: the news tone's maximum);
Unicode Technical Standard #51 for what one emoji is (a ZWJ sequence, a flag, a keycap
and a skin-tone sequence each count once) and which characters are text by default.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from postkit._emoji_scan import all_emoji
from postkit._emoji_table import table
from postkit._regex_cache import compiled
from postkit.rules.base import Context, Hit, Rule, allows, limit_option, quote
from postkit.severity import Severity

_UNQUALIFIED = 4  # the emoji package's status code for "unqualified"
# Every emoji that counts holds a character from U+2000 up (below it only © and ®, which
# count only with U+FE0F); counting those is a cheap upper bound on the emoji.
# Written as the complement: ``re`` visits each BMP code point of a class range while
# compiling (~4 ms for this one on every run, even so: its program is read from postkit's regex
# cache instead). tests/rules/test_emoji.py checks every code point.
_HIGH_CHARS = "[\u2000-\U0010ffff]"  # the reference class
_HIGH = compiled("[^\\x00-\\u1fff]")


@functools.cache
def _text_by_default() -> frozenset[str]:
    """Single characters that display as text unless followed by U+FE0F (©, ™, ↔, ❤)."""
    return frozenset(k for k, v in table().status.items() if len(k) == 1 and v == _UNQUALIFIED)


def _max(options: Mapping[str, Any]) -> int:
    return limit_option("max", options, 3)


def _max_needs(limit: int) -> tuple[str, ...]:
    """With a max of 3 or more, a text needs more than three characters from U+2000 up (the cue ``emoji``)."""
    return ("emoji",) if limit >= 3 else ()


def _blurb(ctx: Context) -> tuple[int, int] | None:
    """The span of the blurb's emoji group in a composed post (the one before its call to action)."""
    group = ctx.emoji
    if not group:
        return None
    text = ctx.text
    at = text.rfind(f"{group} {ctx.cta}") if ctx.cta else -1
    if at < 0:
        at = text.rfind(group)
    return None if at < 0 else (at, at + len(group))


def too_many(ctx: Context, limit: int) -> list[Hit]:
    """:func:`too_many_reference`, after counting the characters an emoji needs in the text's odd characters.

    Every emoji that counts holds a character from U+2000 up, so with no more of them than
    ``max`` there is nothing to find. In a composed post, the blurb's group does not count:
    when it stands after a space, a newline or at the start, no counted emoji can hold one
    of its characters, so those are left out of the count too.
    """
    odd = ctx.odd
    if not odd:
        return []
    high = len(_HIGH.findall(odd))
    if high <= limit:
        return []
    blurb = _blurb(ctx)
    if blurb is not None:
        start, end = blurb
        text = ctx.text
        if (not start or text[start - 1] in " \n") and high - len(_HIGH.findall(text, start, end)) <= limit:
            return []
    return too_many_reference(ctx, limit)


def too_many_reference(ctx: Context, limit: int) -> list[Hit]:
    """More emoji than ``max`` in the post's own text: one finding spanning the extra ones.

    The blurb's emoji group that postkit adds (📝🌍🔗) is not counted: the limit is for the
    article's own emoji, so a composed post is never flagged for what postkit put in it.
    """
    text = ctx.text
    if text.isascii() or len(_HIGH.findall(text)) <= limit:
        return []  # every emoji holds a character from U+2000 up: not enough of them to be over
    plain = _text_by_default()
    spans = [(s, e) for s, e in all_emoji().spans(text) if e - s > 1 or text[s] not in plain]
    blurb = _blurb(ctx)
    if blurb is not None:
        spans = [(s, e) for s, e in spans if not blurb[0] <= s < blurb[1]]
    if len(spans) <= limit:
        return []
    extra = "".join(text[start:end] for start, end in spans[limit:])
    return [
        Hit(
            f"{len(spans)} emoji; {allows(limit, ctx.tone)} (extra: {quote(extra, 24)})",
            spans[limit][0],
            spans[-1][1],
            "keep the emoji that say something and drop the rest",
        )
    ]


RULES = (
    Rule(
        "EMO001",
        "too-many-emoji",
        Severity.WARNING,
        """\
## What it does
Checks for more emoji of the post's own than the tone profile allows (news: 3; casual: 6); in a composed post the blurb's group that postkit adds (📝🌍🔗) does not count.

## Why is this bad?
A row of emoji reads as spam, and screen readers read each one aloud by its name.

## Example
```text
Kaim crossing reopens 🎉🚚🛂🌉
```

## Use instead
```text
Kaim crossing reopens 🎉
```

## Options
- `max`: emoji allowed (news 3, casual 6). A ZWJ sequence (👩‍👩‍👧), a flag (🇮🇶), a keycap (1️⃣) or a skin-tone sequence (👍🏽) counts once.

## Known problems
Characters that display as text unless followed by U+FE0F (©, ™, ❤ without the selector) are not counted. A plain text (not a composed post) does not say which emoji are the blurb's, so its 📝🌍🔗 counts. Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): it never fires there (the Webis-17 texts lost their emoji); the property test tests/rules/test_self_inflicted.py holds that composing never raises it.

## Sources
- The seed article's blurb line "📝🌍🔗 Read More" (examples/kaim-crossing.txt)
- Unicode Technical Standard #51, Unicode Emoji (emoji sequences, emoji presentation): https://www.unicode.org/reports/tr51/
""",
        too_many,
        options={"max": 3},
        reference=too_many_reference,
        prepare=_max,
        uses=("odd",),
        needs=_max_needs,
    ),
)
