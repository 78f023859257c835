"""The links a platform's app makes in a text, found the way its counter finds them.

Dispatches on the profile's ``counter`` (the counter and the links it counts are one
grammar): X and Mastodon use twitter-text's extractor, Bluesky its app's ``detectFacets``
with links shown shortened; other platforms link every ``http(s)://`` and ``www.`` URL.
"""

from __future__ import annotations

import re

import attrs

from postkit.platforms.bluesky import detect_links, short_url
from postkit.platforms.registry import Platform
from postkit.platforms.url_grammar import extract_mastodon_urls, extract_urls
from postkit.text import find_urls

__all__ = ["FoundLink", "app_display", "find_links", "shown_url"]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@attrs.frozen
class FoundLink:
    """A link in a text: its span, the URL it opens (http(s) only, else None), how it is shown."""

    start: int
    end: int
    href: str | None
    display: str | None = None  # shown instead of the text (short links on Bluesky, X, Mastodon)


def _href(written: str) -> str | None:
    """The URL a written link opens, http(s) only (a bare domain gets https://)."""
    if _SCHEME.match(written):
        return written if written.lower().startswith(("http://", "https://")) else None
    return "https://" + written


def find_links(text: str, platform: Platform) -> list[FoundLink]:
    """The links ``platform``'s app would make in ``text``, in order."""
    if platform.counter == "bluesky":
        return [FoundLink(x.start, x.end, _href(x.url), x.display) for x in detect_links(text)]
    if platform.counter in ("x", "mastodon"):
        spans = extract_urls(text) if platform.counter == "x" else extract_mastodon_urls(text)
        return [
            FoundLink(start, end, _href(text[start:end]), app_display(text[start:end], platform))
            for start, end in spans
        ]
    spans = list(find_urls(text))
    return [FoundLink(start, end, _href(text[start:end])) for start, end in spans]


def shown_url(url: str, platform: Platform) -> FoundLink:
    """``url`` as one link on ``platform``: where it opens and how the app shows it."""
    display = short_url(url) if platform.counter == "bluesky" else app_display(url, platform)
    return FoundLink(0, len(url), _href(url), display)


def app_display(url: str, platform: Platform) -> str | None:
    """How X and Mastodon show a link: shortened (``data/preview.toml`` [shown_links]); None: as written.

    >>> from postkit.platforms.registry import get_platform
    >>> app_display("https://www.example.com/world/2025/kaim-crossing-reopens", get_platform("mastodon"))
    'example.com/world/2025/kaim-cros…'
    """
    from postkit._data import table  # noqa: PLC0415 - read once, on first use

    rule = table("preview.toml")["shown_links"].get(platform.counter)
    if rule is None:
        return None
    rest = url[len(m.group()) :] if (m := re.match(rule["strip"], url)) else url
    keep = int(rule["keep"])
    if len(rest) <= keep or (rule["one_more"] and len(rest) == keep + 1):
        return rest
    return rest[:keep] + "…"
