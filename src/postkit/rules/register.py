"""Register rules (CAS): casual words in the news tone profile.

Sources: BBC News Style Guide ("Slang"); Reuters Handbook of Journalism; the seed article's
own casual lines (shared/seeds/); data/phrases/casual.txt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity, phrase_hits


def casual(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Words of data/phrases/casual.txt."""
    del options
    yield from phrase_hits("casual", ctx, '"{phrase}" is casual register',
                           "use neutral news wording")


RULES = (
    Rule("CAS001", "casual-register", Severity.INFO, """\
## What it does
Checks for casual register ("folks", "gonna") in the news tone profile.

## Why is this bad?
A news account speaks in a neutral voice; slang reads as flippant about serious events.

## Example
```text
The border is back open for business, folks
```

## Use instead
```text
The border has reopened to trade
```

## Known problems
Off in the casual profile.

## Sources
- BBC News Style Guide, "Slang"; the seed article (shared/seeds/); data/phrases/casual.txt
""", casual, profiles={"casual": None}),
)
