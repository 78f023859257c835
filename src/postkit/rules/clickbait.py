"""Clickbait rules (CLK): clickbait phrases and curiosity gaps.

Sources: Chakraborty, Paranjape, Kakarla, Ganguly, "Stop Clickbait: Detecting and Preventing
Clickbaits in Online News Media" (ASONAM 2016, arXiv:1610.09786); Blom and Hansen, "Click
bait: Forward-reference as lure in online news headlines" (Journal of Pragmatics 76, 2015).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity, phrase_hits

_GAP = re.compile(
    r"^(?:(?:this|these|here[’']s|here is|that[’']s)\s+(?:is\s+)?(?:why|how|what|the\s+reason)\b"
    r"|\d{1,3}\s+(?:things|reasons|ways|facts|photos|pictures|times|signs|secrets|tips|tricks)\b)",
    re.IGNORECASE | re.MULTILINE,
)


def clickbait(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Phrases of data/phrases/clickbait.txt."""
    del options
    yield from phrase_hits("clickbait", ctx, '"{phrase}" is a clickbait phrase',
                           "say what happened instead")


def curiosity_gap(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """A line that opens with a forward reference or a numbered listicle."""
    del options
    starts = [line.lstrip()[:6].lower() for line in ctx.text.split("\n")]
    if not any(s[:1].isdigit() or s.startswith(("this", "these", "here", "that")) for s in starts):
        return
    for m in _GAP.finditer(ctx.text):
        yield Hit(f'"{m.group()}" opens a curiosity gap', m.start(), m.end(),
                  "lead with the news itself")


RULES = (
    Rule("CLK001", "clickbait-phrase", Severity.WARNING, """\
## What it does
Checks for clickbait phrases ("you won't believe", "what happens next") from a curated list.

## Why is this bad?
Clickbait trades trust for clicks; readers and platforms learn to skip it.

## Example
```text
You won't believe what Iraq and Syria just did at the border
```

## Use instead
```text
Iraq and Syria reopen the Kaim border crossing
```

## Known problems
A phrase can be innocent in a quote; suppress with `{# postkit: noqa: CLK001 #}` in a template.

## Sources
- Chakraborty et al. 2016, "Stop Clickbait" (arXiv:1610.09786); data/phrases/clickbait.txt
""", clickbait),
    Rule("CLK002", "curiosity-gap", Severity.INFO, """\
## What it does
Checks for lines that open with a forward reference ("This is why…", "Here's how…") or a numbered listicle ("7 things…").

## Why is this bad?
Withholding the news to force a click is the classic curiosity gap.

## Example
```text
This is why the border matters
```

## Use instead
```text
Reopened Kaim crossing restores Iraq-Syria trade
```

## Sources
- Blom and Hansen 2015, "Click bait: Forward-reference as lure in online news headlines"; Chakraborty et al. 2016
""", curiosity_gap),
)
