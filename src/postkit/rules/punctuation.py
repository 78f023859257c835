"""Punctuation rules (PUN): exclamation marks and repeated punctuation.

Sources: The Economist Style Guide ("exclamation marks ... should be avoided");
AP Stylebook, "exclamation point".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity

_BANG = re.compile(r"[!！]")
_RUN = re.compile(r"[!?！？]{2,}|\.{3,}|…{2,}")
_RUN_SEEDS = ("!!", "!?", "?!", "??", "...", "……", "！！", "？？", "！？", "？！")
_URL = re.compile(r"https?://\S+")


def _outside_urls(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)] if "://" in text else []


def exclamations(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """More ``!`` than ``max`` (news: 1)."""
    text = ctx.text
    if "!" not in text and "！" not in text:
        return
    urls = _outside_urls(text)
    marks = [m for m in _BANG.finditer(text) if not any(s <= m.start() < e for s, e in urls)]
    limit = int(options.get("max", 1))
    if len(marks) > limit:
        first = marks[limit]
        yield Hit(f"{len(marks)} exclamation marks (at most {limit})", first.start(), marks[-1].end(),
                  "let the news carry the excitement")


def repeated(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Runs like ``!!``, ``?!`` and ``...``."""
    del options
    text = ctx.text
    if not any(seed in text for seed in _RUN_SEEDS):
        return
    urls = _outside_urls(text)
    for m in _RUN.finditer(text):
        if not any(s <= m.start() < e for s, e in urls):
            hint = 'use one "…"' if "." in m.group() else "use one mark"
            yield Hit(f'repeated punctuation "{m.group()}"', m.start(), m.end(), hint)


RULES = (
    Rule("PUN001", "exclamation-marks", Severity.WARNING, """\
## What it does
Checks for more exclamation marks than the tone profile allows (news: 1).

## Why is this bad?
Exclamation marks make news read like advertising.

## Example
```text
The border is open! Trucks are rolling!
```

## Use instead
```text
The border is open. Trucks are rolling again.
```

## Options
- `max`: exclamation marks allowed (news 1, casual 3).

## Sources
- The Economist Style Guide, "Punctuation"; AP Stylebook, "exclamation point"
""", exclamations, options={"max": 1}, profiles={"casual": {"max": 3}}),
    Rule("PUN002", "repeated-punctuation", Severity.WARNING, """\
## What it does
Checks for repeated punctuation: `!!`, `?!`, and runs of dots.

## Why is this bad?
It reads as breathless or unfinished; one mark (or one "…") says the same.

## Example
```text
Kaim crossing reopens?!
```

## Use instead
```text
Kaim crossing reopens
```

## Sources
- The Economist Style Guide, "Punctuation"
""", repeated),
)
