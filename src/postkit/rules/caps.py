"""Capitals rules (CAP): shouting in ALL CAPS.

Sources: AP Stylebook ("all caps" for emphasis is shouting); BBC News Style Guide
("Capital letters"); acronym list in data/phrases/acronyms.txt.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity, phrases

_EDGE = "!\"$%&()*+,./:;<=>?[\\]^_`{|}~“”‘’«»„…—–¡¿'"


@functools.cache
def _acronyms() -> frozenset[str]:
    return frozenset(phrases("acronyms"))


def shouting(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """ALL-CAPS words of ``min_length`` or more letters that are not known acronyms."""
    text = ctx.text
    min_length = int(options.get("min_length", 4))
    extra = frozenset(str(a) for a in options.get("acronyms", ()))
    known = _acronyms()
    pos = 0
    for part in text.split():
        word = part.strip(_EDGE)
        if len(word) < min_length or not word.isupper() or word[0] in "#@" or "://" in part:
            continue
        at = text.find(word, pos)
        pos = at + len(word)
        if sum(c.isalpha() for c in word) >= min_length and word not in known and word not in extra:
            yield Hit(f'"{word}" is in capitals', at, at + len(word),
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
