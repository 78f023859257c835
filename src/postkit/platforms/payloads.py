"""Per-platform API payloads: what a client sends for a post.

A post's text is what a person pastes; the payload is what an API client sends. They
differ where the platform's API differs from its composer (Bluesky: links shortened as
the app shows them, with facets; LinkedIn: the little text format). Each family builds
its own (:attr:`~postkit.platforms.family.Family.payload`, in the family's module), so a
configured platform gets its base's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["Payload", "PostParts", "build_payload", "text_payload"]

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
    content_warning: str | None = None

    @property
    def image_url(self) -> str | None:
        """The image when it is an http(s) URL (an API can fetch it); None for a path beside the record."""
        image = self.image
        return image if image and image.lower().startswith(("http://", "https://")) else None


def build_payload(parts: PostParts, platform: Platform, created_at: dt.datetime | None = None) -> Payload:
    """The API payload for a post with ``parts`` on ``platform`` (built by its family)."""
    return platform.family.payload(parts, platform, created_at)


def text_payload(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    """``{"text": ...}``: X's ``POST /2/tweets`` body, and any API that takes just the text."""
    return {"text": parts.text}
