"""URL rules (URL): links that are not plain, safe http(s) URLs.

Sources: OWASP Cross Site Scripting Prevention Cheat Sheet (``javascript:`` and ``data:``
URLs); WHATWG URL Standard (credentials in URLs); "Trojan Source" (invisible characters
that make text read differently from what it is).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import regex

from postkit.rules.base import Context, Hit, Rule, quote
from postkit.severity import Severity
from postkit.text import URL_INVISIBLE_CHARS

# Script and local-file schemes; "data:" only with a media type, so "Data: 5%" is prose.
_BAD_SCHEME = re.compile(
    r"(?:(?:javascript|vbscript):\S+|data:[\w.+-]+/[\w.+-]+[;,]\S*|(?:file|ftp)://\S+)", re.IGNORECASE
)
# Where one may start, found in the lowercased text (literal alternatives: the engine skips
# ahead to "j", "v", "d" and "f"); a scheme glued to a word ("metadata:") does not count.
_SCHEME_START = re.compile(r"javascript:|vbscript:|data:|file:|ftp:")
_WORDISH = re.compile(r"[\w.+-]")
# In a link, joiners are suspicious too (they hide inside look-alike host names).
_HIDDEN = re.compile(f"[{URL_INVISIBLE_CHARS}]")


# Scripts whose letters pass for Latin ones (UTS #39 confusables: Cyrillic "а" for "a").
@functools.cache
def _lookalike_scripts() -> dict[str, regex.Pattern[str]]:
    """One pattern per script (made on first use: only a non-ASCII host needs them)."""
    return {
        name: regex.compile(rf"\p{{Script={name}}}") for name in ("Latin", "Cyrillic", "Greek", "Armenian", "Cherokee")
    }


# Cyrillic and Greek letters that look like Latin ones (UTS #39 confusables.txt, the
# lowercase letters of the two scripts mapped to a single Latin letter).
_LATIN_LOOKALIKES = frozenset("авеікјмнорсѕтуххһӏԁԛԝαβεικνορτυχ")
_AUTHORITY_END = re.compile(r"[/?#]")
_SPACE = re.compile(r"\s")


def _credentials(url: str) -> bool:
    _, sep, rest = url.partition("://")
    return bool(sep) and "@" in _AUTHORITY_END.split(rest, maxsplit=1)[0]


def _host(url: str) -> str:
    rest = url.partition("://")[2] or url
    authority = _AUTHORITY_END.split(rest, maxsplit=1)[0]
    return authority.rpartition("@")[2].partition(":")[0].rstrip(".").lower()


def _scripts(label: str) -> set[str]:
    return {
        name
        for char in label
        if char.isalpha()
        for name, pattern in _lookalike_scripts().items()
        if pattern.match(char)
    }


def homograph(url: str) -> str | None:
    """Why the host of ``url`` may impersonate another (an IDN homograph), or None.

    A label that mixes Latin with Cyrillic, Greek, Armenian or Cherokee letters
    (``аpple.com``), or a non-Latin label made only of Latin look-alikes under an ASCII
    top-level domain (``раураl.com``); ``xn--`` labels are decoded first. Browsers show
    such hosts as ``xn--`` for the same reason (Chromium's IDN display policy).
    """
    host = _host(url)
    labels = host.split(".")
    if len(labels) < 2 or (host.isascii() and "xn--" not in host):
        return None
    decoded = []
    for label in labels:
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")  # noqa: PLW2901
            except UnicodeError:
                return f"label {label!r} is not valid punycode"
        decoded.append(label)
    for label in decoded[:-1]:
        scripts = _scripts(label)
        if len(scripts) > 1:
            return f"label {label!r} mixes {' and '.join(sorted(scripts))} letters"
        lookalike = set(label) <= _LATIN_LOOKALIKES | set("-0123456789")
        if scripts and scripts != {"Latin"} and decoded[-1].isascii() and lookalike:
            return f"label {label!r} is written in {next(iter(scripts))} letters that look Latin"
    return None


#: The bad schemes' names: one of them is a word of the lowercased text (``Context.known``)
#: wherever ``_SCHEME_START`` finds a scheme not glued to a word.
_SCHEME_WORDS = frozenset([b"javascript", b"vbscript", b"data", b"file", b"ftp"])


def bad_url(ctx: Context, prepared: Any) -> list[Hit]:
    """:func:`bad_url_reference`, its looks made cheap: bad schemes among the text's words, plain links at a glance.

    A scheme's name is looked up among the words the text was found to have; a link of printable
    ASCII without a space can hold no space, control or invisible character.
    """
    del prepared
    if not ctx.lower_moves and _SCHEME_WORDS.isdisjoint(ctx.known):
        hits: list[Hit] = []
    elif ":" in ctx.text:
        hits = _schemes(ctx)
    else:
        hits = []
    _links(ctx, hits, plain=True)
    return hits


def bad_url_reference(ctx: Context, prepared: Any) -> list[Hit]:
    """Non-http(s) schemes, credentials, spaces and control characters in links."""
    del prepared
    hits = _schemes(ctx) if ":" in ctx.text else []
    _links(ctx, hits, plain=False)
    return hits


def _schemes(ctx: Context) -> list[Hit]:
    text = ctx.text
    low = ctx.lower
    starts = [m.start() for m in (_SCHEME_START.finditer(low) if low else _BAD_SCHEME.finditer(text))]
    found = [m for s in starts if (m := _BAD_SCHEME.match(text, s)) and not (s and _WORDISH.match(text, s - 1))]
    return [
        Hit(f"link {quote(m.group())} is not http(s)", m.start(), m.end(), "link to the article's https:// URL")
        for m in found
    ]


def _plain(value: str) -> bool:
    """Printable ASCII without a space: no whitespace, control or invisible character in it."""
    return value.isascii() and value.isprintable() and " " not in value


def _links(ctx: Context, hits: list[Hit], *, plain: bool) -> None:
    """Credentials, invisible characters and homographs in the text's links, then the Post's own link.

    ``plain``: skip the searches for what a link of printable ASCII cannot hold.
    """
    text = ctx.text
    for start, end in ctx.urls:
        url = text[start:end]
        if "@" in url and _credentials(url):
            hits.append(
                Hit(f"link {quote(url)} carries credentials (user:password@)", start, end, "remove the part before '@'")
            )
        if plain and _plain(url):
            if "xn--" in url.lower():
                _homograph(hits, url, start, end)
            continue
        if (hidden := _HIDDEN.search(text, start, end)) is not None:
            hits.append(
                Hit(
                    f"link {quote(url)} contains an invisible character U+{ord(hidden.group()):04X}",
                    start,
                    end,
                    "retype the link without hidden characters",
                )
            )
        if not url.isascii() or "xn--" in url.lower():
            _homograph(hits, url, start, end)
    link = ctx.link
    if not link:
        return
    spaced = False if plain and _plain(link) else _SPACE.search(link) is not None
    if spaced or not link.lower().startswith(("http://", "https://")):
        at = text.find(link)
        start, end = (at, at + len(link)) if at >= 0 else (0, 0)
        hits.append(
            Hit(
                f"link {quote(link)} is not a single http(s) URL",
                start,
                end,
                "percent-encode spaces, or use the article's https:// URL",
            )
        )


def _homograph(hits: list[Hit], url: str, start: int, end: int) -> None:
    why = homograph(url)
    if why is not None:
        hits.append(
            Hit(
                f"link {quote(url)} may impersonate another site: {why}",
                start,
                end,
                "check the host; retype it in Latin letters if that is what it should be",
            )
        )


RULES = (
    Rule(
        "URL001",
        "unsafe-url",
        Severity.ERROR,
        """\
## What it does
Checks for links that are not http(s), carry credentials (`user:password@`), contain spaces, control or invisible characters, or have a host that may impersonate another (an IDN homograph: a label mixing Latin with Cyrillic, Greek, Armenian or Cherokee letters, or made only of look-alikes of Latin letters).

## Why is this bad?
`javascript:` and `data:` links are attack vectors and are not clickable in posts, credentials leak to every reader, and hidden characters make a link point somewhere other than it reads.

## Example
```text
Kaim crossing reopens. Read More: https://editor:s3cret@news.example/world/kaim-crossing
```

## Use instead
```text
Kaim crossing reopens. Read More: https://news.example/world/kaim-crossing
```

## Known problems
In plain text a space ends a link, so a space inside a URL is only seen when a composed Post's link is known.

## Sources
- OWASP Cross Site Scripting Prevention Cheat Sheet: https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
- WHATWG URL Standard, URL writing (no credentials): https://url.spec.whatwg.org/#url-writing
- Boucher and Anderson, "Trojan Source: Invisible Vulnerabilities" (2021): https://trojansource.codes/
""",
        bad_url,
        reference=bad_url_reference,
        uses=("urls", "known"),
        needs=("scheme", "link"),
    ),
)
