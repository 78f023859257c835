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
from postkit.rules.base import Context, Hit, Rule, allows, limit_option, quote
from postkit.severity import Severity

# One exclamation: a run of marks holding a "!" ("!", "!!", "?!"), so "Wow!!" is one
# exclamation (and one PUN002), not two.
_BANGS = re.compile(r"[!?！？]*[!！][!?！？]*")  # the reference: it may open empty, so it is tried at every position
# The same exclamations, found fast: every run of marks (one class first, so the engine skips ahead
# to a mark), kept where it holds a "!". A run _BANGS matches is a whole run (its stars are greedy).
_MARK_RUN = re.compile(r"[!?！？][!?！？]*")
_WORD_BEFORE = re.compile(r"\S{0,24}$")
# Runs of marks; written to start with one character class, so the engine skips ahead to
# candidates instead of trying four alternatives at every position (10x faster).
_PAIR = re.compile(r"[!?！？.…,;:][!?！？.…,;:]")  # cheap first look: two marks in a row
# The same look in the text's character classes (rules._analysis), for a text without the wide marks.
_WIDE_MARKS = "！？…"
_RUN = re.compile(r"[!?！？.…,;:](?:(?<=[!?！？])[!?！？]+|(?<=[.…])[.…]+|(?<=[,;:])[,;:]+)")
#: An ellipsis is one mark however it is typed: "…", three full stops (AP and The Guardian spell
#: it so), four where it follows a sentence's full stop (Chicago), "…." likewise, and "……", the
#: Chinese and Japanese ellipsis (two U+2026, GB/T 15834). Dots weigh one, "…" three; a run of
#: more than four (but "……") is dots repeated. Two dots were never a run here.
_ELLIPSIS_MOST = 4
_CJK_ELLIPSIS = "……"


def _max(options: Mapping[str, Any]) -> int:
    return limit_option("max", options, 1)


def exclamations(ctx: Context, limit: int) -> list[Hit]:
    """:func:`exclamations_reference`, its exclamations found as runs of marks that hold a "!"."""
    if b"!" not in ctx.utf8 and "！" not in ctx.odd:
        return []
    marks = [
        m
        for m in ctx.outside_links(_MARK_RUN)
        if ("!" in m.group() or "！" in m.group()) and not ctx.in_excerpt(m.start())
    ]
    return _beyond(ctx, limit, marks)


def exclamations_reference(ctx: Context, limit: int) -> list[Hit]:
    """Each exclamation beyond ``max`` (news: 1) in the teaser's own words: outside links and the quoted summary."""
    if b"!" not in ctx.utf8 and "！" not in ctx.odd:
        return []
    # The teaser's own exclamations: not those of the article's summary it quotes (the article's voice).
    marks = [m for m in ctx.outside_links(_BANGS) if not ctx.in_excerpt(m.start())]
    return _beyond(ctx, limit, marks)


def _beyond(ctx: Context, limit: int, marks: list[re.Match[str]]) -> list[Hit]:
    """A hit for each of the exclamations ``marks`` after the first ``limit``."""
    text = ctx.text
    hits = []
    for number, m in enumerate(marks[limit:], limit + 1):
        # The word before is at most 24 characters (25 with a newline before the mark):
        # searching from there, not from 0, keeps many exclamations linear.
        before = _WORD_BEFORE.search(text, max(0, m.start() - 25), m.start())
        shown = text[before.start() if before else m.start() : m.end()]
        message = f"{quote(shown)} is exclamation {number}; {allows(limit, ctx.tone)}"
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
        if not _one_mark(text, m)
    ]


def _one_mark(text: str, m: re.Match[str]) -> bool:
    """Whether a run of marks is one mark as typed: an ellipsis (see ``_ELLIPSIS_MOST``), or a "::" in code.

    A double colon before a letter or digit is code, not punctuation doubled (prose puts a space
    after a colon): a path ("Test::Unit", "std::vector", "::Const") or an IPv6 address ("::1").
    """
    run = m.group()
    first = run[0]
    if first in ".…":
        return run == _CJK_ELLIPSIS or run.count(".") + 3 * run.count("…") <= _ELLIPSIS_MOST
    if run == "::":
        end = m.end()
        return end < len(text) and text[end].isalnum()
    return False


RULES = (
    Rule(
        "PUN001",
        "exclamation-marks",
        Severity.WARNING,
        """\
## What it does
Checks for more exclamations than the tone profile allows (news: 1, casual: 3); a run such as `!!` or `?!` counts once. In a composed post only the teaser's own exclamations count (its headline, the template's text): the article's summary it quotes is the article's voice, and its exclamations are not counted.

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
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): under 0.1% on every source. On the real-world feed corpus, 0.13 findings per 100 composed posts, all two or more exclamations in a title ("Hey Rustaceans! Got an easy question? Ask here (21/2020)!"). An exclamation inside a quotation is counted too; a name such as "Yahoo!" counts as one. A text checked as plain text (`postkit lint`) has no summary known to be quoted: every exclamation in it counts.

## Sources
- Jim Stovall, "Avoid the exclamation mark!" (Writing for the Mass Media, quoting Fowler on excessive use): https://www.jprof.com/2013/11/19/avoid-the-exclamation-mark/
- The seed article's body (examples/kaim-crossing.txt): "back open for business, folks!" and "these burgeoning ties!"
""",
        exclamations,
        options={"max": 1},
        prepare=_max,
        reference=exclamations_reference,
        uses=("odd", "utf8"),
        needs=("bang",),
    ),
    Rule(
        "PUN002",
        "repeated-punctuation",
        Severity.WARNING,
        """\
## What it does
Checks for repeated punctuation: `!!`, `?!`, `??`, runs of dots, and doubled commas, semicolons or colons. An ellipsis is one mark however it is typed: "…", three full stops (AP and The Guardian type it so; a feed's "Continue reading...", "[...]"), four after a sentence's full stop (Chicago), "…." and the Chinese and Japanese "……"; a "::" before a letter or digit is code ("Test::Unit", "::1"), not a colon doubled. Stacked marks are flagged in the article's quoted summary too: they are careless wherever they stand.

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
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts): at most 0.03% on every source. On the real-world feed corpus, 0.65 findings per 100 composed posts, stacked marks as typed ("Hello Jekyllers!!", "Fails To Start in Nested Environment ?!", "!!!!"). Runs inside links are ignored. Five dots or more are flagged as dots repeated.

## Sources
- Jim Stovall, "Avoid the exclamation mark!" (on double and triple marks): https://www.jprof.com/2013/11/19/avoid-the-exclamation-mark/
- The Chicago Manual of Style, chapter 6, "Punctuation": https://www.chicagomanualofstyle.org/
""",
        repeated,
        reference=repeated_reference,
        uses=("neighbours", "odd"),
        needs=("marks",),
    ),
)
