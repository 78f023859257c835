"""LinkedIn: the ``commentary`` of a post in the "little" text format, and its payload: the family.

LinkedIn's ``commentary`` is in the little text format, where reserved characters must be
backslash-escaped or the post is silently cut at the first one (Microsoft Learn,
little-text-format). URLs and the post's own hashtags stay as written. LinkedIn counts
UTF-16 code units (assumed, unconfirmed) and links every URL as written; the Posts API
has no replies to chain a thread with.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import regex

from postkit.platforms.family import Family
from postkit.platforms.generic import UTF16
from postkit.platforms.links import plain_links, shown_as_written
from postkit.platforms.payloads import Payload, PostParts
from postkit.text import find_urls

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FAMILY", "escape_little", "linkedin_payload"]

_LITTLE_RESERVED = regex.compile(r"[\\|{}@\[\]()<>#*_~]")


def escape_little(text: str, hashtags: tuple[str, ...] = ()) -> str:
    r"""Escape LinkedIn "little" reserved characters, keeping URLs and intended hashtags.

    >>> escape_little("Q&A (live) #MiddleEast https://a.example/x_(y)", ("#MiddleEast",))
    'Q&A \\(live\\) #MiddleEast https://a.example/x_(y)'
    """
    keep: list[tuple[int, int]] = list(find_urls(text, trailing=True))
    for tag in hashtags:
        keep.extend(m.span() for m in regex.finditer(regex.escape(tag) + r"(?![\p{L}\p{M}\p{N}_])", text))
    keep.sort()
    out: list[str] = []
    pos = 0
    for start, end in keep:
        if start < pos:
            continue
        out.append(_LITTLE_RESERVED.sub(lambda m: "\\" + m.group(), text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(_LITTLE_RESERVED.sub(lambda m: "\\" + m.group(), text[pos:]))
    return "".join(out)


def linkedin_payload(text: str, hashtags: tuple[str, ...]) -> dict[str, object]:
    """The Posts API body: escaped commentary, public, published to the main feed."""
    return {
        "commentary": escape_little(text, hashtags),
        "visibility": "PUBLIC",
        "lifecycleState": "PUBLISHED",
        "distribution": {"feedDistribution": "MAIN_FEED"},
    }


def _payload(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return linkedin_payload(parts.text, parts.hashtags)


FAMILY = Family(
    name="linkedin",
    counter=UTF16,
    find_links=plain_links,
    show_link=shown_as_written,
    payload=_payload,
    preview_style="linkedin",
)
