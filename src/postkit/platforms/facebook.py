"""Facebook Pages: the family.

Facebook counts UTF-16 code units (the widely quoted figure, unconfirmed by Meta) and
links every URL as written. A Page post (``POST /{page-id}/feed``) is its ``message``,
with the tracked link as ``link`` so the post gets its link preview; no thread replies.
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
    payload: Payload = {"message": parts.text}
    if parts.link:
        payload["link"] = parts.link
    return payload


FAMILY = Family(
    name="facebook",
    counter=UTF16,
    find_links=plain_links,
    show_link=shown_as_written,
    payload=_payload,
    preview_style="facebook",
)
