"""The generic counting schemes and the ``text`` family of user-defined platforms.

``utf16`` counts UTF-16 code units (LinkedIn, Facebook, Instagram and Telegram count so;
a JavaScript string's ``length``); ``graphemes`` and ``codepoints`` count plain grapheme
clusters or code points. None of them gives links a length of their own, so any family
may use them (a profile's ``counter`` override). The ``text`` family is a platform postkit
knows nothing about: its profile names one of these counters, links are every
``http(s)://`` and ``www.`` URL shown as written, and the payload is ``{"text": ...}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from postkit._graphemes import count as count_graphemes
from postkit.platforms.family import Counter, Family
from postkit.platforms.links import plain_links, shown_as_written
from postkit.platforms.payloads import text_payload

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["CODEPOINTS", "COUNTERS", "FAMILY", "GRAPHEMES", "UTF16"]


def _utf16(text: str, _platform: Platform) -> tuple[int, str]:
    if text.isascii():
        return len(text), text
    return len(text.encode("utf-16-le", "surrogatepass")) // 2, text


def _graphemes(text: str, _platform: Platform) -> tuple[int, str]:
    return count_graphemes(text), text


def _codepoints(text: str, _platform: Platform) -> tuple[int, str]:
    return len(text), text


UTF16 = Counter("utf16", _utf16)
GRAPHEMES = Counter("graphemes", _graphemes)
CODEPOINTS = Counter("codepoints", _codepoints)
#: The counters any profile may name, whatever its family.
COUNTERS = (UTF16, GRAPHEMES, CODEPOINTS)

FAMILY = Family(
    name="text",
    counter=None,
    find_links=plain_links,
    show_link=shown_as_written,
    payload=text_payload,
)
