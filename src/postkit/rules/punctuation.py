"""Punctuation rules (PUN): exclamations, and repeated punctuation.

Sources: journalism writing guides on the exclamation mark (Stovall, "Writing for the Mass
Media", quoting Fowler's Modern English Usage on its excessive use); the seed article's
body, whose two exclamations the news tone flags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from postkit.rules._analysis import MARKS
from postkit.rules.base import Context, Hit, Rule, quote, whole_number
from postkit.severity import Severity

# One exclamation: a run of marks holding a "!" ("!", "!!", "?!"), so "Wow!!" is one
# exclamation (and one PUN002), not two.
_BANGS = re.compile(r"[!?！？]*[!！][!?！？]*")
_WORD_BEFORE = re.compile(r"\S{0,24}$")
# Runs of marks; written to start with one character class, so the engine skips ahead to
# candidates instead of trying four alternatives at every position (10x faster).
_PAIR = re.compile(r"[!?！？.…,;:][!?！？.…,;:]")  # cheap first look: two marks in a row
# The same look in the text's character classes (rules._analysis), for a text without the wide marks.
_WIDE_MARKS = "！？…"
_RUN = re.compile(r"[!?！？.…,;:](?:(?<=[!?！？])[!?！？]+|(?<=\.)\.\.+|(?<=…)…+|(?<=[,;:])[,;:]+)")


def _max(options: Mapping[str, Any]) -> int:
    return whole_number("max", options.get("max", 1)) or 0


def exclamations(ctx: Context, limit: int) -> list[Hit]:
    """Each exclamation beyond ``max`` (news: 1), outside links."""
    text = ctx.text
    if b"!" not in ctx.utf8 and "！" not in ctx.odd:
        return []
    marks = list(ctx.outside_links(_BANGS))
    hits = []
    for number, m in enumerate(marks[limit:], limit + 1):
        # The word before is at most 24 characters (25 with a newline before the mark):
        # searching from there, not from 0, keeps many exclamations linear.
        before = _WORD_BEFORE.search(text, max(0, m.start() - 25), m.start())
        shown = text[before.start() if before else m.start() : m.end()]
        message = f"{quote(shown)} is exclamation {number}; the {ctx.tone} tone allows {limit}"
        hits.append(Hit.spanning(m, message, "end the sentence with a full stop; let the news carry the excitement"))
    return hits


def repeated(ctx: Context, prepared: Any) -> list[Hit]:
    """:func:`repeated_reference`, its first look (two marks in a row) made in the text's character classes."""
    if not ctx.neighbours & MARKS:
        odd = ctx.odd
        if not (odd and any(mark in odd for mark in _WIDE_MARKS)):
            return []
    return repeated_reference(ctx, prepared)


def repeated_reference(ctx: Context, prepared: Any) -> list[Hit]:
    """Runs like ``!!``, ``?!``, ``...`` and ``,,`` outside links."""
    del prepared
    text = ctx.text
    if _PAIR.search(text) is None:
        return []
    return [
        Hit.spanning(
            m, f"repeated punctuation {quote(m.group())}", 'use one "…"' if m.group()[0] in ".…" else "use one mark"
        )
        for m in ctx.outside_links(_RUN)
        if not _truncation(text, m)
    ]


#: Where three dots mark a cut, not a pause: at a line's end ("Continue reading...") or in brackets ("[...]").
_CUT_END = re.compile(r"[\])”\"']?[ \t]*(?:\n|$)")


def _truncation(text: str, m: re.Match[str]) -> bool:
    """Whether a run is the three dots a feed or an excerpt puts where the text was cut."""
    if m.group() != "...":
        return False
    start, end = m.span()
    if start and text[start - 1] in "[(" and text[end : end + 1] in "])":
        return True
    return _CUT_END.match(text, end) is not None


RULES = (
    Rule(
        "PUN001",
        "exclamation-marks",
        Severity.WARNING,
        """\
## What it does
Checks for more exclamations than the tone profile allows (news: 1, casual: 3); a run such as `!!` or `?!` counts once.

## Why is this bad?
Exclamation marks make news read like advertising, and the more there are the less each one says.

## Example
```text
The Kaim crossing is open again! Trucks are rolling!
```

## Use instead
```text
The Kaim crossing is open again. Trucks are rolling.
```

## Options
- `max`: exclamations allowed (news 1, casual 3).

## Known problems
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): under 0.1% on every source. An exclamation inside a quotation is counted too; a name such as "Yahoo!" counts as one.

## Sources
- Jim Stovall, "Avoid the exclamation mark!" (Writing for the Mass Media, quoting Fowler on excessive use): https://www.jprof.com/2013/11/19/avoid-the-exclamation-mark/
- The seed article's body (examples/kaim-crossing.txt): "back open for business, folks!" and "these burgeoning ties!"
""",
        exclamations,
        options={"max": 1},
        prepare=_max,
        uses=("odd", "utf8"),
    ),
    Rule(
        "PUN002",
        "repeated-punctuation",
        Severity.WARNING,
        """\
## What it does
Checks for repeated punctuation: `!!`, `?!`, `??`, runs of dots, and doubled commas, semicolons or colons; not three dots where a text was cut (at a line's end, "Continue reading...", or in brackets, "[...]"), a feed's truncation mark.

## Why is this bad?
It reads as breathless or careless; one mark, or one "…", says the same.

## Example
```text
Kaim crossing reopens?!
```

## Use instead
```text
Kaim crossing reopens
```

## Known problems
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): under 0.6% on every source, mostly three typed dots. Runs inside links are ignored. An ellipsis typed as three dots mid-line is flagged: write "…".

## Sources
- Jim Stovall, "Avoid the exclamation mark!" (on double and triple marks): https://www.jprof.com/2013/11/19/avoid-the-exclamation-mark/
- The Chicago Manual of Style, chapter 6, "Punctuation": https://www.chicagomanualofstyle.org/
""",
        repeated,
        reference=repeated_reference,
        uses=("neighbours", "odd"),
    ),
)
