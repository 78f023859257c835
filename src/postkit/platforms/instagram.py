"""Instagram: the family.

Instagram counts UTF-16 code units (third-party documentation) and its captions make no
links clickable (profiles say ``links = "bio"``). The payload is the Content Publishing
API's image container: ``caption``, ``image_url`` and ``alt_text``, and the tracked link
(not a media field) for the bio or a story's link sticker; no thread replies.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from postkit.platforms.family import Family
from postkit.platforms.generic import UTF16
from postkit.platforms.links import plain_links, shown_as_written
from postkit.platforms.payloads import Payload, PostParts

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FAMILY"]


def _payload(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    payload: Payload = {"caption": parts.text}
    if parts.image_url:  # the API fetches it: a URL, not a file beside the record
        payload["image_url"] = parts.image_url
        if parts.image_alt:  # Content Publishing API: alt_text on image posts since 2025-03-24
            payload["alt_text"] = parts.image_alt
    if parts.link:  # not a media field: the tracked link for the bio or a story's link sticker
        payload["link"] = parts.link
    return payload


FAMILY = Family(
    name="instagram",
    counter=UTF16,
    find_links=plain_links,
    show_link=shown_as_written,
    payload=_payload,
    preview_style="instagram",
)
