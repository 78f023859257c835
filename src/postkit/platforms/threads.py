"""Threads (Meta): its counter, its payload and its replies: the family.

Threads counts code points, but each emoji sequence as its UTF-8 byte length (Meta's
rule, read cautiously: the whole sequence's bytes). Links are every URL, shown as
written; the payload is the Threads API's text container, a reply ``reply_to_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from postkit._emoji_scan import all_emoji
from postkit.platforms.family import Counter, Family
from postkit.platforms.links import plain_links, shown_as_written
from postkit.platforms.payloads import Payload, PostParts, parent_id

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FAMILY"]


def _count(text: str, _platform: Platform) -> tuple[int, str]:
    if text.isascii():
        return len(text), text
    _, emoji = all_emoji().split(text)
    return len(text) + len(emoji.encode("utf-8")) - len(emoji), text


def _payload(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return {"media_type": "TEXT", "text": parts.text}


def _reply(parent: Any, _root: Any) -> Payload:
    return {"reply_to_id": parent_id(parent, "threads")}


FAMILY = Family(
    name="threads",
    counter=Counter("threads", _count),
    find_links=plain_links,
    show_link=shown_as_written,
    payload=_payload,
    reply_fields=_reply,
    preview_style="threads",
)
