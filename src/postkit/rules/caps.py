"""Capitals rules (CAP): shouting in ALL CAPS.

Sources: AP Stylebook ("all caps" for emphasis is shouting); BBC News Style Guide
("Capital letters"); acronym list in data/phrases/acronyms.txt.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, Severity, phrases

_WORD = regex.compile(r"(?<![\p{L}\p{N}#@/.:_-])[\p{Lu}][\p{Lu}\p{N}'’-]*[\p{Lu}](?![\p{L}\p{N}])")


@functools.cache
def _acronyms() -> frozenset[str]:
    return frozenset(phrases("acronyms"))


def shouting(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """ALL-CAPS words of ``min_length`` or more letters that are not known acronyms."""
    text = ctx.text
    if not any(c.isupper() for c in text):
        return
    min_length = int(options.get("min_length", 4))
    extra = frozenset(str(a) for a in options.get("acronyms", ()))
    known = _acronyms()
    for m in _WORD.finditer(text):
        word = m.group()
        letters = sum(c.isalpha() for c in word)
        if letters >= min_length and word not in known and word not in extra:
            yield Hit(f'"{word}" is in capitals', m.start(), m.end(),
                      "write it in sentence case, or add it to the acronyms option")


RULES = (
    Rule("CAP001", "all-caps", Severity.WARNING, """\
## What it does
Checks for words of 4 or more letters written in capitals that are not known acronyms.

## Why is this bad?
Capitals read as shouting and as clickbait; news style keeps them for acronyms.

## Example
```text
BREAKING: Kaim crossing reopens
```

## Use instead
```text
Kaim crossing reopens
```

## Options
- `min_length`: the fewest letters a capitalised word needs to be flagged (default 4).
- `acronyms`: more words to allow, besides data/phrases/acronyms.txt.

## Sources
- AP Stylebook, "all caps"; BBC News Style Guide, "Capital letters"
""", shouting, options={"min_length": 4, "acronyms": ()}, profiles={"casual": {"min_length": 6}}),
)
