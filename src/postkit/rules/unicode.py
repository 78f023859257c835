"""Unicode rules (UNI): invisible or bidi control characters, and broken text.

Sources: Unicode UAX #9 (bidi controls), Trojan Source (CVE-2021-42574), Unicode UTS #51
(emoji ZWJ sequences and variation selectors).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, Severity
from postkit.text import INVISIBLE_CHARS

_INVISIBLE = regex.compile(f"[{INVISIBLE_CHARS}]")
_BROKEN = regex.compile(
    r"\ufffd|[\ud800-\udfff]"
    r"|(?:^|(?<=[\s\u200d]))\u200d|\u200d(?=[\s]|$)"
    r"|(?:^|(?<=[\s\ufe00-\ufe0f]))[\ufe00-\ufe0f]"
)
_WHAT = {"\ufffd": "replacement character U+FFFD (text was decoded wrongly)", "\u200d": "dangling zero-width joiner"}


def invisible(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Zero-width, bidi and control characters (ZWJ and ZWNJ are allowed)."""
    del options
    text = ctx.text
    if text.isascii() and text.isprintable():
        return
    for m in _INVISIBLE.finditer(text):
        char = m.group()
        if char in "\n\t":
            continue
        yield Hit(f"invisible character U+{ord(char):04X} in text", m.start(), m.end(),
                  "delete it: it changes how the text displays without being seen")


def broken(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """U+FFFD, lone surrogates, a dangling ZWJ or variation selector."""
    del options
    if ctx.text.isascii():
        return
    for m in _BROKEN.finditer(ctx.text):
        char = m.group()
        what = _WHAT.get(char) or (f"lone surrogate U+{ord(char):04X}" if "\ud800" <= char <= "\udfff"
                                   else f"dangling variation selector U+{ord(char):04X}")
        yield Hit(f"broken text: {what}", m.start(), m.end(), "fix the source text's encoding")


RULES = (
    Rule("UNI001", "invisible-character", Severity.ERROR, """\
## What it does
Checks for invisible or bidi control characters: U+200B, U+200E/F, U+202A-E, U+2066-9, U+FEFF inside text, C0 and C1 controls (except newline and tab).

## Why is this bad?
They change how text displays (a bidi override reverses it) without being seen, and break search, counting and links.

## Example
```text
Kaim crossing\u202e reopens
```

## Use instead
```text
Kaim crossing reopens
```

## Known problems
ZWJ (U+200D) and ZWNJ (U+200C) are allowed: emoji sequences and scripts such as Persian need them.

## Sources
- Unicode Standard Annex #9 (Bidirectional Algorithm); "Trojan Source", CVE-2021-42574
""", invisible),
    Rule("UNI002", "broken-text", Severity.ERROR, """\
## What it does
Checks for broken text: U+FFFD, lone surrogates, a dangling zero-width joiner or variation selector.

## Why is this bad?
They are the marks of mis-decoded or mis-cut text and display as boxes or question marks.

## Example
```text
Caf\ufffd reopens
```

## Use instead
```text
Café reopens
```

## Sources
- Unicode Standard, "U+FFFD REPLACEMENT CHARACTER"; Unicode Technical Standard #51 (emoji ZWJ sequences)
""", broken),
)
