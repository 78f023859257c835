"""HTML rules (HTM): markup or character references left in plain-text posts.

Sources: WHATWG HTML Standard, "Named character references" and "Tags"; social platforms
take post text as plain text (atproto's post text, Mastodon's status text).
"""

from __future__ import annotations

import html.entities
import re
from typing import Any

from postkit.rules._analysis import ampersand_outside
from postkit.rules.base import Context, Hit, Rule, quote
from postkit.severity import Severity

# A tag starts with a letter, '/' or '!' after '<' ("x < y" is prose); a reference is
# named, decimal or hex, with or without its ';' (the name group is checked below).
# Written to start with one character class, so the engine skips ahead to '<' and '&'.
_MARKUP = re.compile(
    r"[<&](?:(?<=<)[A-Za-z/!][^<>\n]{0,500}>|(?<=&)(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|([A-Za-z][A-Za-z0-9]{0,31})(;?)))"
)
# The HTML Standard's reference names (html.entities.html5), without their ';'.
_NAMES = frozenset(name.rstrip(";") for name in html.entities.html5)
# A name without ';' counts when it is a reference name, or starts with one of at least this
# many letters ("It&rsquos", "&ndash4": what a lost ';' leaves); shorter ones ("&Del" in
# "R&Development") are too likely to be prose.
_PREFIX = 4


def _is_reference(match: re.Match[str]) -> bool:
    name, semicolon = match.group(1), match.group(2)
    if name is None:
        return match.group()[0] == "<" or match.group()[1] == "#"
    if semicolon:
        return len(name) >= 2
    return name in _NAMES or any(name[:k] in _NAMES for k in range(_PREFIX, len(name)))


def html_left(ctx: Context, prepared: Any) -> list[Hit]:
    """HTML tags and character references outside links."""
    del prepared
    text = ctx.text
    if "<" not in text or ">" not in text:  # no tag: look further only for an "&" outside the links
        if "&" not in text:
            return []
        urls = ctx.urls  # (made once: other rules read the links too)
        if len(urls) == 1:  # a post's one link, whose query holds the "&"s of the UTM parameters
            start, end = urls[0]
            if text.find("&", 0, start) < 0 and text.find("&", end) < 0:
                return []
        elif not ampersand_outside(text, urls):
            return []
    return [
        Hit.spanning(
            m,
            f"HTML {'character reference' if m.group()[0] == '&' else 'tag'} {quote(m.group())} left in the text",
            "decode references and strip tags (compose does this for titles and summaries)",
        )
        for m in ctx.outside_links(_MARKUP)
        if _is_reference(m)
    ]


RULES = (
    Rule(
        "HTM001",
        "html-in-text",
        Severity.WARNING,
        """\
## What it does
Checks for HTML tags (`<em>`) and character references (`&amp;`, `&#8217;`) left in the text, with or without their `;` (`It&rsquos`, `&ndash4`: what a lost `;` leaves).

## Why is this bad?
Social platforms show post text as it is: readers see "Ports &amp; shipping" and stray `<em>` tags.

## Example
```text
Ports &amp; shipping: Rotterdam opens a <em>new</em> terminal
```

## Use instead
```text
Ports & shipping: Rotterdam opens a new terminal
```

## Known problems
A reference inside a link's query (`?a=1&amp;b=2`) is left alone: links are checked by URL001. Without its `;`, a name counts when it is one of the HTML Standard's reference names or starts with one of at least four letters, so `AT&T` and `R&Development` are prose.

## Sources
- WHATWG HTML Standard, "Named character references": https://html.spec.whatwg.org/multipage/named-characters.html
- atproto lexicon app.bsky.feed.post (`text` is plain text with facets): https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
""",
        html_left,
        uses=("urls",),
        needs=("markup",),
    ),
)
