"""The links a platform's app makes in a text, and how it shows them.

Each family finds links with its own grammar (its :attr:`~postkit.platforms.family.Family.find_links`:
X and Mastodon twitter-text's extractor, Bluesky its app's ``detectFacets``, the rest every
``http(s)://`` and ``www.`` URL); this module holds what they share and the two calls
the rest of postkit makes, :func:`find_links` and :func:`shown_url`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from postkit import _data
from postkit.text import find_urls

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FoundLink", "app_display", "find_links", "href", "plain_links", "shown_as_written", "shown_url"]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@attrs.frozen
class FoundLink:
    """A link in a text: its span, the URL it opens (http(s) only, else None), how it is shown."""

    start: int
    end: int
    href: str | None
    display: str | None = None  # shown instead of the text (short links on Bluesky, X, Mastodon)


def href(written: str) -> str | None:
    """The URL a written link opens, http(s) only (a bare domain gets https://)."""
    if _SCHEME.match(written):
        return written if written.lower().startswith(("http://", "https://")) else None
    return "https://" + written


def find_links(text: str, platform: Platform) -> list[FoundLink]:
    """The links ``platform``'s app would make in ``text``, in order (by its family)."""
    return platform.family.find_links(text)


def shown_url(url: str, platform: Platform) -> FoundLink:
    """``url`` as one link on ``platform``: where it opens and how the app shows it."""
    return FoundLink(0, len(url), href(url), platform.family.show_link(url))


def plain_links(text: str) -> list[FoundLink]:
    """Every ``http(s)://`` and ``www.`` link, shown as written: apps without a grammar of their own."""
    return [FoundLink(start, end, href(text[start:end])) for start, end in find_urls(text)]


def shown_as_written(url: str) -> None:
    """How an app without short links shows ``url``: as written (None)."""
    del url


def app_display(url: str, rule: str) -> str:
    """How X and Mastodon show a link, by their ``data/preview.toml`` [shown_links] ``rule``: shortened.

    >>> app_display("https://www.example.com/world/2025/kaim-crossing-reopens", "mastodon")
    'example.com/world/2025/kaim-cr…'
    """
    shown = _data.table("preview.toml")["shown_links"][rule]
    rest = url[len(m.group()) :] if (m := re.match(shown["strip"], url)) else url
    keep = int(shown["keep"])
    if len(rest) <= keep or (shown["one_more"] and len(rest) == keep + 1):
        return rest
    return rest[:keep] + "…"
