"""Capitals rules (CAP): shouting in ALL CAPS.

Sources: news style guides keep capitals for acronyms and initialisms (The Guardian and
Observer style guide, "capitals"; BBC News Style Guide); the acronym list in
data/phrases/acronyms.txt.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import regex

from postkit import _data
from postkit.rules._analysis import CAPITALS
from postkit.rules.base import Context, Hit, Rule, quote, str_list, whole_number
from postkit.severity import Severity

_ROMAN = re.compile(r"[IVXLCDM]+")
# Cheap first look, one character class: two capitals (or BMP letters of any script, or
# mathematical alphanumerics such as 𝐁𝐎𝐋𝐃) in a row; astral emoji do not trigger it.
# Spelled as what it leaves out: ``re`` compiles a class range by visiting each of its BMP
# code points (~7 ms for "A-Z, U+00C0-U+FFFF" twice, on every run); the complement's
# ranges are short or astral. tests/rules/test_caps.py checks every code point.
_GUARD_CHARS = "[A-Z\u00c0-\uffff\U0001d400-\U0001d7ff]"  # the reference class
_GUARD_CHAR = "[^\\x00-@\\[-\\xbf\\U00010000-\\U0001d3ff\\U0001d800-\\U0010ffff]"
_GUARD = re.compile(_GUARD_CHAR * 2)
# The same look in the text's character classes (rules._analysis: A-Z and U+00C0-U+FFFF are
# CAPITAL there); the mathematical alphanumerics are not, so they are looked for apart, among
# the text's odd characters.
_MATH = re.compile("[\U0001d400-\U0001d7ff]")

# A Latin word with no vowel (nor Y) cannot be said: an initialism (NTSB, HDTV), never shouting.
_VOWELS = frozenset("AEIOUY")
# A letter held three times ("SOOO", "NOOOO") is a shout, whatever the dictionary says.
_HELD = re.compile(r"([A-Z])\1\1")
_HELD_RUN = re.compile(r"([A-Z])\1+")
_POSSESSIVE = re.compile(r"['’]S$")


# The patterns below run only on a text with two capitals in a row (``regex`` compiles each in
# about a millisecond, and most runs never need them): made on first use.


@functools.cache
def _word() -> regex.Pattern[str]:
    """A word of capitals: not inside a word, a hashtag, a mention, a path, an identifier or a file name.

    Not RECORD.jws either; digits, hyphens and apostrophes may sit inside ("ROMED8-2T", "DON'T").
    """
    return regex.compile(r"(?<![\p{L}\p{N}#@/.:_'’-])\p{Lu}[\p{Lu}\p{N}'’-]*\p{Lu}(?![\p{L}\p{N}_]|\.\p{L})")


@functools.cache
def _label() -> regex.Pattern[str]:
    """A label where a line opens, before a colon, a dash or a bar.

    A wire dateline ("NEW YORK (Reuters) -", "ATHENS —"), a wire slug ("UPDATE 2-", "GLOBAL
    MARKETS-", "BREAKING:", "WATCH LIVE:", "ICYMI:") or a section kicker ("TIMES VIEW:", "HEALTH:",
    or on a line of its own above the headline): up to four words in capitals, an optional ", STATE",
    an optional agency in brackets and an optional number. Labels are typography, not shouting.
    """
    return regex.compile(
        r"(?m)^[ \t]*[\[(]?(?P<label>\p{Lu}[\p{Lu}\p{N}.&'’]*(?:[ /&]{1,3}\p{Lu}[\p{Lu}\p{N}.&'’]*){0,3})"
        r"(?:, \p{Lu}[\p{L}.]*)?(?: \([^()\n]{1,40}\))?(?: [0-9]{1,2})?[\])]?"
        r"(?: ?(?::|\||-{1,2}|[—–])(?=[ \p{L}\p{N}\"'‘“])| (?:-{1,2}|[—–]) |[ \t]*\n(?=[ \t]*\S))"
    )


@functools.cache
def _tag() -> regex.Pattern[str]:
    """A tag in brackets: "[VIDEO]", "(PHOTOS)"."""
    return regex.compile(r"[\[(]\p{Lu}[\p{Lu}\p{N} ]*[\])]")


@attrs.frozen
class CapsOptions:
    """CAP001's prepared options: the shortest word flagged and the words allowed."""

    min_length: int
    acronyms: frozenset[str]


def _prepare(options: Mapping[str, Any]) -> CapsOptions:
    min_length = whole_number("min_length", options.get("min_length", 4), minimum=2) or 4
    allowed = frozenset(_data.phrase_list("acronyms")) | frozenset(str_list("acronyms", options.get("acronyms", ())))
    return CapsOptions(min_length, allowed)


def _acronym(part: str, opts: CapsOptions) -> bool:
    """Whether one word (a hyphen's part) in capitals is a name, an acronym or a code, not shouting.

    By shape: a digit in it (a product code: ROMED8-2T, NBA2K), a Roman numeral, no vowel to
    say it by (NTSB); by data: the acronym list (and its plural, SEALS), or not an English word
    at all (BCCI, NAACP, JSON: data/english_words.txt). A word outside basic Latin is judged by
    the list alone (the word list is English).
    """
    plain = part.isalpha()  # the common case: letters only, no apostrophe to look at
    if not plain:
        part = _POSSESSIVE.sub("", part).replace("’", "'")
    if len(part) < 2 or part in opts.acronyms or (part[-1] == "S" and part[:-1] in opts.acronyms):
        return True
    if not part.isascii():
        folded = unicodedata.normalize("NFKC", part)  # 𝐁𝐎𝐋𝐃 reads as BOLD
        if not folded.isascii():
            return False
        part = folded
        plain = part.isalpha()
    if not (plain or part.replace("'", "").isalpha()) or not _VOWELS.intersection(part) or _ROMAN.fullmatch(part):
        return True
    words = _data.english_words()
    if _HELD.search(part):  # "SOOOO", "GOOOAL": a word held out loud, if one letter or two of the run make a word
        once, twice = _HELD_RUN.sub(r"\1", part).lower(), _HELD_RUN.sub(r"\1\1", part).lower()
        return once not in words and twice not in words
    return part.lower() not in words


def _labels_reference(text: str) -> list[tuple[int, int]]:
    """The spans of the labels and the tags in brackets in ``text``."""
    return [m.span("label") for m in _label().finditer(text)] + [m.span() for m in _tag().finditer(text)]


def _labels(text: str) -> list[tuple[int, int]]:
    """:func:`_labels_reference`, the label pattern tried only where a line opens (where its ``^`` can match).

    ``regex`` tries a pattern that opens on ``^`` at every position (~9 µs for a post); a label
    ends at the latest where the next line opens, so no match hides the next line's.
    """
    label = _label()
    found = []
    at = 0
    while True:
        m = label.match(text, at)
        if m is not None:
            found.append(m.span("label"))
        at = text.find("\n", at) + 1
        if not at:
            break
    return found + [m.span() for m in _tag().finditer(text)]


def shouting(ctx: Context, opts: CapsOptions) -> list[Hit]:
    """:func:`shouting_reference`, its first look (two capitals in a row) made in the text's character classes.

    Labels are looked for where lines open only (:func:`_labels`).
    """
    if not ctx.neighbours & CAPITALS and (not ctx.odd or _MATH.search(ctx.odd) is None):
        return []
    return _shouting(ctx, opts, _labels)


def shouting_reference(ctx: Context, opts: CapsOptions) -> list[Hit]:
    """Words in capitals of ``min_length`` or more letters that the evidence does not make acronyms.

    The evidence: the word's shape and data (:func:`_acronym`), and its place: a label where a
    line opens (dateline, wire slug or kicker) or a tag in brackets. Shouted words in a row (no
    lowercase letter between them) are one finding: one shout, not one per word. The teaser's own
    words (its headline, the template's text) are judged as a headline, where one shouted word is
    one too many; the article's summary it quotes (``Context.in_excerpt``) as running prose, where
    a lone word in capitals is emphasis and a run of them is shouting.
    """
    return _shouting(ctx, opts, _labels_reference)


def _shouting(ctx: Context, opts: CapsOptions, labels_of: Callable[[str], list[tuple[int, int]]]) -> list[Hit]:
    """:func:`shouting_reference`, its labels found by ``labels_of``."""
    text = ctx.text
    if _GUARD.search(text) is None:
        return []
    labels: list[tuple[int, int]] | None = None
    runs: list[list[int]] = []  # [start, end, words] of each shouted run
    for m in _word().finditer(text):
        word = m.group()
        if word in opts.acronyms or sum(c.isalpha() for c in word) < opts.min_length:
            continue
        parts = word.split("-")
        if len(parts) > 1:  # each part is judged as a word of its own: "UN-RESIGN" is, "AT-ACT" is not
            parts = [p for p in parts if sum(c.isalpha() for c in p) >= opts.min_length]
        if all(_acronym(part, opts) for part in parts) or ctx.in_url(m.start()):
            continue
        if labels is None:
            labels = labels_of(text)
        if any(start <= m.start() < end for start, end in labels):
            continue
        if runs and _same_run(text[runs[-1][1] : m.start()]):
            runs[-1][1] = m.end()
            runs[-1][2] += 1
        else:
            runs.append([m.start(), m.end(), 1])
    return [
        Hit(
            f"{quote(text[start:end])} is in capitals",
            start,
            end,
            "write it in sentence case, or add it to the acronyms option if it is one",
        )
        for start, end, words in runs
        # In the article's quoted summary, one word in capitals is the prose's emphasis (plain text's
        # italics: a feed's description has lost its markup); a run of them is shouting.
        if words > 1 or not ctx.in_excerpt(start)
    ]


def _same_run(gap: str) -> bool:
    """Whether two shouted words with ``gap`` between them are one shout ("WINTER WEATHER ADVISORY IN EFFECT")."""
    return "\n" not in gap and not any(c.islower() for c in gap)


RULES = (
    Rule(
        "CAP001",
        "all-caps",
        Severity.WARNING,
        """\
## What it does
Checks for words of 4 or more letters in capitals that are shouting: an English word ("LANDED", "DON'T"), not an acronym, a name or a code. Not flagged: a word that is not an English word (BCCI, NAACP, JSON), a word with a digit (ROMED8-2T), a Roman numeral, a word with no vowel (NTSB), a listed acronym that spells a word (SEAL) and its plural, hyphenated acronyms (AFL-CIO), identifiers and file names (TYPE_CHECKING, RECORD.jws), and labels where a line opens: datelines ("NEW YORK (Reuters) -"), wire slugs ("BREAKING:", "UPDATE 2-", "GLOBAL MARKETS-", "WATCH LIVE:"), kickers ("TIMES VIEW:") and tags in brackets ("[VIDEO]"). In the article's summary a composed post quotes, one word in capitals is the prose's emphasis (a feed's description has lost its italics) and passes; a run of them is flagged there too.

## Why is this bad?
Capitals read as shouting, and shouting reads as clickbait. News style keeps capitals for acronyms such as NATO and UEFA.

## Example
```text
Kaim crossing reopens: trucks have LANDED
```

## Use instead
```text
Kaim crossing reopens: trucks have landed
```

## Options
- `min_length`: the fewest letters a word in capitals needs to be flagged (news 4, casual 6).
- `acronyms`: more words to allow, besides data/phrases/acronyms.txt (the top-level `acronyms` setting adds to it too).

## Known problems
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts) and on four clickbait sources. Within the 1% budget on every source but the 2015 Webis-17 release (mostly Daily Mail titles), where the findings are capitals for emphasis ("his love of TOFU"), which the rule is for. On the real-world feed corpus, about 1.2 findings per 100 composed posts, nearly all real shouting: headlines set in capitals ("KARNATAKA BANK BAGS MSME BANKING EXCELLENCE AWARDS"), classified ads ("GREAT PLACE TO CALL HOME!!!"), a National Weather Service advisory, headings of a flattened article body ("HIGHEST SCORES IN SCIENCE STREAM"). An acronym that spells an English word and is not listed (CARE) is flagged until it is added; a shouted word that is not an English word ("KAIM") is missed unless it holds a letter three times ("GOOOAL"); a shouted label where a line opens ("SHOCKING:") is read as a kicker.

## Sources
- The Guardian and Observer style guide, "capitals": https://www.theguardian.com/guardian-observer-style-guide-c
- BBC News Style Guide, "Abbreviations and acronyms": https://www.bbc.co.uk/newsstyleguide/
- data/phrases/acronyms.txt; data/english_words.txt (SCOWL, Kevin Atkinson, http://wordlist.aspell.net/, via Debian's wamerican and wbritish)
- AP Stylebook, "datelines" (the city in capitals, then the agency and a dash): https://www.apstylebook.com/
- Reuters and AP wire slugs ("UPDATE 1-", "GLOBAL MARKETS-"), as they stand in the headlines of docs/tone.md's sources
""",
        shouting,
        options={"min_length": 4, "acronyms": ()},
        prepare=_prepare,
        reference=shouting_reference,
        uses=("neighbours", "odd"),
        needs=("capitals",),
    ),
)
