"""Per-platform API payloads: what a client sends for a post.

A post's text is what a person pastes; the payload is what an API client sends. They
differ where the platform's API differs from its composer (Bluesky: links shortened as
the app shows them, with facets; LinkedIn: the little text format). The builder is
chosen by the profile's ``payload`` field, so a configured platform inherits its base's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeAlias

import attrs

from postkit.platforms.bluesky import bluesky_record, link_card
from postkit.platforms.linkedin import linkedin_payload
from postkit.platforms.registry import Platform

__all__ = ["PAYLOADS", "Payload", "PostParts", "build_payload"]

Payload: TypeAlias = dict[str, Any]
"""A JSON-ready request body (or record) for one platform's API."""


@attrs.frozen
class PostParts:
    """What a payload is built from: the post's text and the parts composing placed in it."""

    text: str
    link: str | None
    hashtags: tuple[str, ...]
    language: str
    image: str | None = None
    image_alt: str | None = None
    title: str | None = None
    description: str | None = None


def _bluesky(parts: PostParts, _platform: Platform, created_at: dt.datetime | None) -> Payload:
    card = link_card(parts.link, parts.title, parts.description) if parts.link and parts.title else None
    return bluesky_record(parts.text, link=parts.link, language=parts.language, created_at=created_at, card=card)


def _mastodon(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return {"status": parts.text, "visibility": "public", "language": parts.language.split("-")[0]}


def _linkedin(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return linkedin_payload(parts.text, parts.hashtags)


def _telegram(parts: PostParts, platform: Platform, _at: dt.datetime | None) -> Payload:
    """Send a photo when the text fits its caption; else a message with the photo as its large link preview.

    A photo's caption holds 1,024 characters, a message 4,096: a longer post keeps its photo
    as the message's link preview (Bot API ``LinkPreviewOptions``: ``url``,
    ``prefer_large_media``, ``show_above_text``), https://core.telegram.org/bots/api#linkpreviewoptions.
    """
    caption_limit = platform.caption_limit
    as_caption = caption_limit is not None and len(parts.text.encode("utf-16-le")) // 2 <= caption_limit
    if parts.image and as_caption:
        return {"photo": parts.image, "caption": parts.text}
    if parts.image:
        return {
            "text": parts.text,
            "link_preview_options": {"url": parts.image, "prefer_large_media": True, "show_above_text": True},
        }
    return {"text": parts.text}


def _instagram(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    payload: Payload = {"caption": parts.text}
    if parts.image:
        payload["image_url"] = parts.image
        if parts.image_alt:  # Content Publishing API: alt_text on image posts since 2025-03-24
            payload["alt_text"] = parts.image_alt
    if parts.link:  # not a media field: the tracked link for the bio or a story's link sticker
        payload["link"] = parts.link
    return payload


def _facebook(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    payload: Payload = {"message": parts.text}
    if parts.link:
        payload["link"] = parts.link
    return payload


def _threads(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return {"media_type": "TEXT", "text": parts.text}


def _text(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    return {"text": parts.text}


_Builder: TypeAlias = Callable[[PostParts, Platform, "dt.datetime | None"], Payload]

#: The payload builders, by the value of a profile's ``payload`` field.
PAYLOADS: dict[str, _Builder] = {
    "bluesky": _bluesky,
    "facebook": _facebook,
    "instagram": _instagram,
    "linkedin": _linkedin,
    "mastodon": _mastodon,
    "telegram": _telegram,
    "text": _text,
    "threads": _threads,
}


def build_payload(parts: PostParts, platform: Platform, created_at: dt.datetime | None = None) -> Payload:
    """The API payload for a post with ``parts`` on ``platform`` (by ``platform.payload``)."""
    return PAYLOADS[platform.payload](parts, platform, created_at)
