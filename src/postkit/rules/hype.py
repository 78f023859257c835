"""Hyperbole rules (HYP): hype words and intensifiers.

Sources: The Economist Style Guide (on intensifiers); AP Stylebook; data/phrases/hyperbole.txt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity, phrase_hits


def hyperbole(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Words of data/phrases/hyperbole.txt."""
    del options
    yield from phrase_hits("hyperbole", ctx, '"{phrase}" is hyperbole',
                           "let the facts make the point")


RULES = (
    Rule("HYP001", "hyperbole", Severity.INFO, """\
## What it does
Checks for hyperbole and intensifiers ("shocking", "insane", "literally").

## Why is this bad?
Hype words promise more than news delivers and wear out the reader's trust.

## Example
```text
Shocking scenes as the Kaim crossing reopens
```

## Use instead
```text
Trucks queue as the Kaim crossing reopens
```

## Sources
- The Economist Style Guide; AP Stylebook; data/phrases/hyperbole.txt
""", hyperbole),
)
