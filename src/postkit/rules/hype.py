"""Hyperbole rules (HYP): hype words and intensifiers.

Sources: Strunk and White, The Elements of Style ("Do not overstate"); Chakraborty et al.
2016, "Stop Clickbait" (hyperbolic words mark clickbait); the list in
data/phrases/hyperbole.txt.
"""

from __future__ import annotations

import re

from postkit.rules._phrases import PhraseMatch, PhraseSet
from postkit.rules.base import Context, Hit, Rule, phrase_option, quote
from postkit.severity import Severity

_BEFORE = re.compile(r"([\w'’-]+)[^\w\n]*$")
_AFTER = re.compile(r"[^\w\n]*([\w'’-]+)")
_LINE_WORDS = re.compile(r"[^\W\d_][\w'’-]{3,}")
#: After an -ing hype word, an object makes it a verb: "stunning the crowd", "shocking children".
_OBJECTS = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
        "him",
        "them",
        "us",
        "me",
        "everyone",
        "children",
        "kids",
        "people",
        "fans",
        "viewers",
        "residents",
        "voters",
        "investors",
        "patients",
        "students",
    ]
)


def _title_case(line: str) -> bool:
    """Whether most longer words of ``line`` are capitalised (a Title Case headline)."""
    words = _LINE_WORDS.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _opens(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'‘“(")
    return not before or before[-1] in "\n.!?:—–-"


def _proper_name(text: str, m: PhraseMatch) -> bool:
    """A capitalised hype word that is part of a name: "Amazing Radio", "The Incredible Hulk".

    In sentence case a capital mid-sentence, or a capitalised word after it, marks a name; in
    Title Case every word has one, so only "The" before and a capitalised word after do.
    """
    if not m.text[:1].isupper() or m.text.isupper():
        return False
    after = _AFTER.match(text, m.end)
    followed = after is not None and after.group(1)[:1].isupper()
    line = text[text.rfind("\n", 0, m.start) + 1 : (text.find("\n", m.end) + 1 or len(text) + 1) - 1]
    if not _title_case(line):
        return followed or not _opens(text, m.start)
    before = _BEFORE.search(text, 0, m.start)
    return followed and before is not None and before.group(1).lower() == "the"


def _verb(text: str, m: PhraseMatch) -> bool:
    """An -ing hype word used as a verb: "after shocking children", "stunning the crowd"."""
    if not m.text.lower().endswith("ing") or " " in m.text:
        return False
    after = _AFTER.match(text, m.end)
    return after is not None and after.group(1).lower() in _OBJECTS


#: A quotation within a line: double or typographic quotes, or single quotes that are not apostrophes.
_QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’|(?<![\w\'])\'[^\'\n]{1,300}\'(?![\w])')


def _quoted(text: str) -> list[tuple[int, int]]:
    if not any(q in text for q in "\"“‘'"):
        return []
    return [m.span() for m in _QUOTED.finditer(text)]


def hyperbole(ctx: Context, phrase_set: PhraseSet) -> list[Hit]:
    """Words of data/phrases/hyperbole.txt (plus ``extend``, minus ``allow``), not in names, as verbs or quoted.

    Quoted includes the article's summary a composed post quotes (``Context.in_excerpt``): like a
    quotation, it is someone else's words ("stunning losses" in a news site's own description).
    """
    text = ctx.text
    found = ctx.phrase_matches(phrase_set)
    if not found:
        return []
    quoted = _quoted(text)
    return [
        Hit(f"{quote(m.text)} is hyperbole", m.start, m.end, "let the facts make the point")
        for m in found
        if not _proper_name(text, m)
        and not _verb(text, m)
        and not any(a < m.start < b for a, b in quoted)
        and not ctx.in_excerpt(m.start)  # the article's summary, quoted: its words, as a quotation's are
    ]


RULES = (
    Rule(
        "HYP001",
        "hyperbole",
        Severity.INFO,
        """\
## What it does
Checks for hyperbole and intensifiers ("shocking", "insane", "literally"), except in names ("Amazing Radio", "The Incredible Hulk"), verb uses ("fired after shocking children") and quotations ('the minister called it "stunning"'), among them the article's summary a composed post quotes (its words, as a quotation's are: "Republicans' stunning losses" in a news site's own description).

## Why is this bad?
Hype words promise more than the news delivers and wear out the reader's trust; the facts are stronger without them.

## Example
```text
Shocking scenes as the Kaim crossing reopens
```

## Use instead
```text
Trucks queue as the Kaim crossing reopens
```

## Options
- `extend`: more words or phrases to flag.
- `allow`: listed words or phrases not to flag.

## Known problems
Measured in docs/tone.md (`python evals/tone.py`) on ordinary text from seven sources (Stop Clickbait news, ABC News 2003, Times of India 2001 and 2007-2021, blog and PEP titles, two Webis-17 releases of publishers' posts); within the 1% budget on every source but the 2015 Webis-17 release (mostly Daily Mail titles, where "stunning" and "incredible" describe), at about 1.3%. On the real-world feed corpus, 0.13 findings per 100 composed posts, in titles ("Useless and Terrible at Absolutely Everything", "BEYOND BELIEF"). A text checked as plain text has no summary known to be quoted: all of it is judged. A listed word can be plain description ("stunning cliffside property"); the rule is informational. Quotations are recognised within a line, by paired quotes. Names are recognised by their capitals: in a Title Case headline only "The" + hype word + capitalised word ("The Incredible Shrinking Man") counts as one.

## Sources
- Strunk and White, The Elements of Style, chapter V, "Do not overstate" and "Avoid the use of qualifiers"
- Chakraborty et al., "Stop Clickbait", ASONAM 2016 (hyperbolic words mark clickbait): https://arxiv.org/abs/1610.09786
- data/phrases/hyperbole.txt
""",
        hyperbole,
        options={"extend": (), "allow": ()},
        prepare=phrase_option("hyperbole"),
        uses=("known",),
        needs=("phrase",),
    ),
)
