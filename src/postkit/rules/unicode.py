"""Unicode rules (UNI): invisible or bidi control characters, and broken text.

Sources: Unicode Standard Annex #9 (the bidi controls); "Trojan Source" (CVE-2021-42574);
the Unicode Standard on U+FFFD and surrogates; Unicode Technical Standard #51 (emoji ZWJ
sequences and variation selectors).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from postkit._regex_cache import compiled
from postkit.rules.base import Context, Hit, Rule
from postkit.severity import Severity
from postkit.text import INVISIBLE_CHARS, find_invisible

# The same set compose strips (postkit.text, data/invisible.toml): every format character
# (Cf) but ZWJ and ZWNJ, C0 controls but \t and \n, DEL, C1 controls, CGJ, Hangul fillers,
# the Braille blank, the BMP's noncharacters.
# Characters that may be broken; whether they are depends on their neighbours (checked in
# Python: one character class is far faster to scan for than look-arounds at every position).
# Its program is read from postkit's regex cache: ``re`` compiles the surrogates' range code
# point by code point (~4 ms a run).
_SUSPECT = compiled("[\ufffd\ud800-\udfff\u200d\ufe00-\ufe0f]")
_SELECTORS = frozenset(map(chr, range(0xFE00, 0xFE10)))
# Every character find_invisible reports is one of these (the same class: ``re`` returns the
# pattern postkit.text compiled); none is printable ASCII, so each is in ``Context.odd``.
_ANY_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_NAMES = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
}


def _name(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name}"


def invisible(ctx: Context, prepared: Any) -> list[Hit]:
    """:func:`invisible_reference`, after a look at the text's few odd characters (usually none is invisible)."""
    odd = ctx.odd
    if not odd or _ANY_INVISIBLE.search(odd) is None:
        return []
    return invisible_reference(ctx, prepared)


def invisible_reference(ctx: Context, prepared: Any) -> list[Hit]:
    """Format, control and blank characters (ZWJ and ZWNJ are allowed)."""
    del prepared
    text = ctx.text
    if text.isascii() and text.isprintable():
        return []
    return [
        Hit(
            f"invisible character {_name(char)} in the text",
            at,
            at + 1,
            "delete it: it changes how the text displays, or hides text, without being seen",
        )
        for at, char in find_invisible(text)
        if not (char == "\r" and text.startswith("\n", at + 1))  # a CRLF line end is spacing
    ]


def _what(text: str, at: int) -> str | None:
    """Why the suspect character at ``at`` is broken, or None when it is fine."""
    char = text[at]
    before = text[at - 1] if at else ""
    if char == "\ufffd":
        return "replacement character U+FFFD (the text was decoded wrongly)"
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate U+{ord(char):04X} (half of a character)"
    if char == "\u200d":
        after = text[at + 1] if at + 1 < len(text) else ""
        if not before or not after or before.isspace() or after.isspace() or char in {before, after}:
            return "zero-width joiner U+200D joining nothing"
        return None
    if not before or before.isspace() or before in _SELECTORS:
        return f"variation selector U+{ord(char):04X} with nothing to vary"
    return None


def broken(ctx: Context, prepared: Any) -> list[Hit]:
    """:func:`broken_reference`, after a look at the text's few odd characters (usually none is suspect)."""
    odd = ctx.odd
    if not odd or _SUSPECT.search(odd) is None:
        return []
    return broken_reference(ctx, prepared)


def broken_reference(ctx: Context, prepared: Any) -> list[Hit]:
    """U+FFFD, lone surrogates, a dangling ZWJ or variation selector."""
    del prepared
    text = ctx.text
    if text.isascii():
        return []
    hits = []
    for m in _SUSPECT.finditer(text):
        what = _what(text, m.start())
        if what is not None:
            hits.append(Hit(f"broken text: {what}", m.start(), m.end(), "fix the source text, then compose again"))
    return hits


RULES = (
    Rule(
        "UNI001",
        "invisible-character",
        Severity.ERROR,
        """\
## What it does
Checks for invisible characters: every format character (Unicode general category Cf: zero-width space, soft hyphen, bidi marks, embeddings, overrides and isolates, word joiner, invisible operators, the BOM, interlinear annotation, tag characters, the Arabic letter mark, the Mongolian vowel separator…), C0 and C1 controls other than newline and tab, the combining grapheme joiner, the Hangul fillers, the Braille blank and the noncharacters (U+FFFE, U+FFFF…: twitter-text calls a post holding one invalid) (the list: `postkit/data/invisible.toml`).

## Why is this bad?
They change how text displays without being seen (a right-to-left override reverses what follows), and they break search, counting and links.

## Example
```text
Kaim crossing\u202e reopens
```

## Use instead
```text
Kaim crossing reopens
```

## Known problems
The zero-width joiner (U+200D) and non-joiner (U+200C) are allowed: emoji sequences and scripts such as Persian and the Indic scripts need them. Tag characters are allowed inside a subdivision flag (🏴 + tags + cancel tag). A carriage return is allowed before a newline (a CRLF line end).

## Sources
- Unicode Standard Annex #9, Unicode Bidirectional Algorithm: https://www.unicode.org/reports/tr9/
- Boucher and Anderson, "Trojan Source: Invisible Vulnerabilities" (CVE-2021-42574): https://trojansource.codes/
""",
        invisible,
        reference=invisible_reference,
        uses=("odd",),
        needs=("invisible",),
    ),
    Rule(
        "UNI002",
        "broken-text",
        Severity.ERROR,
        """\
## What it does
Checks for broken text: U+FFFD, lone surrogates, and a zero-width joiner or variation selector with nothing to attach to.

## Why is this bad?
They are the marks of text decoded with the wrong encoding or cut in the middle of a character, and display as boxes or question marks.

## Example
```text
Caf\ufffd owners welcome the reopened crossing
```

## Use instead
```text
Café owners welcome the reopened crossing
```

## Known problems
A variation selector after a character that has no variation sequence is not detected; only one at the start, after a space or after another selector is.

## Sources
- The Unicode Standard, chapter 3, "U+FFFD Substitution of Maximal Subparts" and "Surrogates": https://www.unicode.org/versions/latest/
- Unicode Technical Standard #51, Unicode Emoji (ZWJ sequences, variation selectors): https://www.unicode.org/reports/tr51/
""",
        broken,
        reference=broken_reference,
        uses=("odd",),
        needs=("suspect",),
    ),
)
