"""Unicode rules (UNI): invisible or bidi control characters, and broken text.

Sources: Unicode UAX #9 (bidi controls), Trojan Source (CVE-2021-42574), Unicode UTS #51
(emoji ZWJ sequences and variation selectors).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity
from postkit.text import INVISIBLE_CHARS

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_MAYBE_BROKEN = re.compile("[\ufffd\ud800-\udfff\u200d\ufe00-\ufe0f]")


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


def _dangling(text: str, i: int) -> bool:
    char = text[i]
    before = text[i - 1] if i else ""
    if char == "\u200d":
        after = text[i + 1] if i + 1 < len(text) else ""
        return not before or not after or before.isspace() or after.isspace() or before == char
    return not before or before.isspace() or "\ufe00" <= before <= "\ufe0f"


def broken(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """U+FFFD, lone surrogates, a dangling ZWJ or variation selector."""
    del options
    text = ctx.text
    if text.isascii():
        return
    for m in _MAYBE_BROKEN.finditer(text):
        char, i = m.group(), m.start()
        if char == "\ufffd":
            what = "replacement character U+FFFD (text was decoded wrongly)"
        elif "\ud800" <= char <= "\udfff":
            what = f"lone surrogate U+{ord(char):04X}"
        elif _dangling(text, i):
            what = "dangling zero-width joiner" if char == "\u200d" else f"dangling variation selector U+{ord(char):04X}"
        else:
            continue
        yield Hit(f"broken text: {what}", i, i + 1, "fix the source text's encoding")


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
