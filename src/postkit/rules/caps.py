"""Capitals rules (CAP): shouting in ALL CAPS.

Sources: news style guides keep capitals for acronyms and initialisms (The Guardian and
Observer style guide, "capitals"; BBC News Style Guide); the acronym list in
data/phrases/acronyms.txt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs
import regex

from postkit import _data
from postkit.rules.base import Context, Hit, Rule, str_list, whole_number
from postkit.severity import Severity

# A word of capitals: not inside a word, a hashtag, a mention or a path; digits, hyphens
# and apostrophes may sit inside ("COVID-19" stops at the hyphen, "DON'T" is one word).
_WORD = regex.compile(r"(?<![\p{L}\p{N}#@/.:_'’-])\p{Lu}[\p{Lu}\p{N}'’-]*\p{Lu}(?![\p{L}\p{N}])")
_ROMAN = re.compile(r"[IVXLCDM]+")
# Cheap first look, one character class: two capitals (or BMP letters of any script, or
# mathematical alphanumerics such as 𝐁𝐎𝐋𝐃) in a row; astral emoji do not trigger it.
# Spelled as what it leaves out: ``re`` compiles a class range by visiting each of its BMP
# code points (~7 ms for "A-Z, U+00C0-U+FFFF" twice, on every run); the complement's
# ranges are short or astral. tests/rules/test_caps.py checks every code point.
_GUARD_CHARS = "[A-Z\u00c0-\uffff\U0001d400-\U0001d7ff]"  # the reference class
_GUARD_CHAR = "[^\\x00-@\\[-\\xbf\\U00010000-\\U0001d3ff\\U0001d800-\\U0010ffff]"
_GUARD = re.compile(_GUARD_CHAR * 2)


# A wire dateline where a line opens: a place in capitals (up to four words, an optional
# ", STATE"), an optional agency in brackets, then a dash: "NEW YORK (Reuters) -", "ATHENS —".
_DATELINE = regex.compile(
    r"(?m)^(?P<place>\p{Lu}[\p{Lu}.'’-]*(?: \p{Lu}[\p{Lu}.'’-]*){0,3})(?:, \p{Lu}[\p{L}.]*)?"
    r"(?: \([^()\n]{1,40}\))? ?(?:-{1,2}|[—–]) "
)
# A Latin word with no vowel (nor Y) cannot be said: an initialism (NTSB, HDTV), never shouting.
_VOWELS = frozenset("AEIOUY")


@attrs.frozen
class CapsOptions:
    """CAP001's prepared options: the shortest word flagged and the words allowed."""

    min_length: int
    acronyms: frozenset[str]
    shouted: frozenset[str]  # never a dateline's place (data/phrases/shouting.txt)


def _prepare(options: Mapping[str, Any]) -> CapsOptions:
    min_length = whole_number("min_length", options.get("min_length", 4), minimum=2) or 4
    allowed = frozenset(_data.phrase_list("acronyms")) | frozenset(str_list("acronyms", options.get("acronyms", ())))
    return CapsOptions(min_length, allowed, frozenset(_data.phrase_list("shouting")))


def shouting(ctx: Context, opts: CapsOptions) -> list[Hit]:
    """Words in capitals of ``min_length`` or more letters that the evidence does not make acronyms.

    The evidence: the acronym list, a Roman numeral, no vowel to say it by (NTSB), or the
    place of a wire dateline ("NEW YORK (Reuters) -", "ATHENS —").
    """
    text = ctx.text
    if _GUARD.search(text) is None:
        return []
    datelines: list[tuple[int, int]] | None = None
    hits = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word in opts.acronyms or _ROMAN.fullmatch(word) or (word.isascii() and not _VOWELS.intersection(word)):
            continue
        if sum(c.isalpha() for c in word) < opts.min_length or ctx.in_url(m.start()):
            continue
        if datelines is None:
            datelines = [d.span() for d in _DATELINE.finditer(text) if not opts.shouted.issuperset(d["place"].split())]
        if not any(start <= m.start() < end for start, end in datelines):
            hits.append(
                Hit(
                    f'"{word}" is in capitals',
                    m.start(),
                    m.end(),
                    "write it in sentence case, or add it to the acronyms option if it is one",
                )
            )
    return hits


RULES = (
    Rule(
        "CAP001",
        "all-caps",
        Severity.WARNING,
        """\
## What it does
Checks for words of 4 or more letters written in capitals that are not acronyms: not in the acronym list, not a Roman numeral, not unsayable for want of a vowel (NTSB), and not the place of a wire dateline ("NEW YORK (Reuters) -", "ATHENS —").

## Why is this bad?
Capitals read as shouting, and shouting reads as clickbait. News style keeps capitals for acronyms such as NATO and UEFA.

## Example
```text
BREAKING: Kaim crossing reopens
```

## Use instead
```text
Kaim crossing reopens
```

## Options
- `min_length`: the fewest letters a word in capitals needs to be flagged (news 4, casual 6).
- `acronyms`: more words to allow, besides data/phrases/acronyms.txt (the top-level `acronyms` setting adds to it too).

## Known problems
An acronym with vowels missing from the list (SADC) is flagged until it is added; docs/tone.md measures how often that happens on news headlines. A shouted label before a dash where a line opens looks like a dateline; the common ones (BREAKING, URGENT: data/phrases/shouting.txt) are still flagged.

## Sources
- The Guardian and Observer style guide, "capitals": https://www.theguardian.com/guardian-observer-style-guide-c
- BBC News Style Guide, "Abbreviations and acronyms": https://www.bbc.co.uk/newsstyleguide/
- data/phrases/acronyms.txt and data/phrases/shouting.txt
- AP Stylebook, "datelines" (the city in capitals, then the agency and a dash): https://www.apstylebook.com/
""",
        shouting,
        options={"min_length": 4, "acronyms": ()},
        prepare=_prepare,
    ),
)
