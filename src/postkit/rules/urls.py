"""URL rules (URL): links that are not safe, absolute http(s) URLs.

Sources: WHATWG URL Standard (credentials in URLs are deprecated for display);
OWASP XSS Prevention Cheat Sheet (javascript: and data: URLs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, Severity

_BAD_SCHEME = regex.compile(r"(?<![\w.+-])(?:javascript|data|vbscript|file|ftp):[^\s]+", regex.IGNORECASE)
_CREDENTIALS = regex.compile(r"https?://[^\s/@]+@[^\s]+", regex.IGNORECASE)
_HIDDEN = r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_ANY_HIDDEN = re.compile(f"[{_HIDDEN}]")
_CONTROL = regex.compile(rf"https?://[^\s{_HIDDEN}]*[{_HIDDEN}]\S*", regex.IGNORECASE)


def bad_url(ctx: Context, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Non-http(s) schemes, credentials and control characters in links."""
    del options
    text = ctx.text
    if ":" not in text:
        return
    lower = text.lower()
    schemes = any(s in lower for s in ("javascript:", "data:", "vbscript:", "file:", "ftp:"))
    for m in _BAD_SCHEME.finditer(text) if schemes else ():
        yield Hit(f"link {m.group()[:40]!r} is not http(s)", m.start(), m.end(), "link to the https:// article URL")
    for m in _CREDENTIALS.finditer(text) if "@" in text else ():
        yield Hit("link carries credentials (user:password@)", m.start(), m.end(), "remove the credentials")
    for m in _CONTROL.finditer(text) if _ANY_HIDDEN.search(text) else ():
        yield Hit("link contains control or invisible characters", m.start(), m.end(),
                  "retype the link without hidden characters")


RULES = (
    Rule("URL001", "unsafe-url", Severity.ERROR, """\
## What it does
Checks for links that are not http(s), carry credentials, or hide control characters.

## Why is this bad?
`javascript:` and `data:` links are attack vectors, credentials leak, and hidden characters make the link point elsewhere than it reads.

## Example
```text
Read More: javascript:alert(1)
```

## Use instead
```text
Read More: https://news.example/world/kaim-crossing
```

## Sources
- OWASP Cross Site Scripting Prevention Cheat Sheet; WHATWG URL Standard, "URL rendering"
""", bad_url),
)
