"""HTML rules (HTM): markup or entities left in plain-text posts.

Sources: WHATWG HTML Standard, "Named character references".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from postkit.rules.base import Context, Hit, Rule, Severity

_MARKUP = re.compile(r"<[A-Za-z/!][^<>\n]{0,500}>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def html_left(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """HTML tags and character references."""
    del options
    text = ctx.text
    if "<" not in text and "&" not in text:
        return
    for m in _MARKUP.finditer(text):
        kind = "entity" if m.group().startswith("&") else "tag"
        yield Hit(f"HTML {kind} {m.group()[:30]!r} left in the text", m.start(), m.end(),
                  "decode entities and strip tags (compose does this for titles and summaries)")


RULES = (
    Rule("HTM001", "html-in-text", Severity.WARNING, """\
## What it does
Checks for HTML tags (`<em>`) or character references (`&amp;`, `&#8217;`) left in the text.

## Why is this bad?
Social platforms show them literally: readers see "Q&amp;A".

## Example
```text
Ports &amp; shipping: Rotterdam opens a <em>new</em> terminal
```

## Use instead
```text
Ports & shipping: Rotterdam opens a new terminal
```

## Sources
- WHATWG HTML Standard, "Named character references"
""", html_left),
)
