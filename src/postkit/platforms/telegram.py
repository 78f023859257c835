"""Telegram (Bot API): the family.

Telegram counts UTF-16 code units (the Bot API's limits are in them) and links every URL
as written. A post is a photo with its caption when the text fits the caption limit,
else a message; no thread replies.
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


def _payload(parts: PostParts, platform: Platform, _at: dt.datetime | None) -> Payload:
    """Send a photo when the text fits its caption; else a message with the photo as its large link preview.

    A photo's caption holds 1,024 characters, a message 4,096: a longer post keeps its photo
    as the message's link preview (Bot API ``LinkPreviewOptions``: ``url``,
    ``prefer_large_media``, ``show_above_text``), https://core.telegram.org/bots/api#linkpreviewoptions.
    """
    caption_limit = platform.caption_limit
    as_caption = caption_limit is not None and len(parts.text.encode("utf-16-le")) // 2 <= caption_limit
    if parts.image and as_caption:
        return {"photo": parts.image, "caption": parts.text}
    if (
        parts.image_url
    ):  # a preview is fetched by Telegram: a URL only (a file beside the record is uploaded as a photo)
        return {
            "text": parts.text,
            "link_preview_options": {"url": parts.image_url, "prefer_large_media": True, "show_above_text": True},
        }
    return {"text": parts.text}


FAMILY = Family(
    name="telegram",
    counter=UTF16,
    find_links=plain_links,
    show_link=shown_as_written,
    payload=_payload,
    preview_style="telegram",
    sender="postkit.platforms._telegram_send:SENDER",
)
