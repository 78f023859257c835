"""Per-platform API payloads: what a client sends for a post.

A post's text is what a person pastes; the payload is what an API client sends. They
differ where the platform's API differs from its composer (Bluesky: links shortened as
the app shows them, with facets; LinkedIn: the little text format). Each family builds
its own (:attr:`~postkit.platforms.family.Family.payload`, in the family's module), so a
configured platform gets its base's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from postkit.errors import ReplyError

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["Payload", "PostParts", "build_payload", "parent_id", "strong_ref", "text_payload"]

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


def _shown(value: Any) -> str:
    """A value for an error message: its type, and a short repr."""
    text = repr(value)
    return f"{type(value).__name__} {text[:60] + '…' if len(text) > 60 else text}"


def parent_id(parent: Any, family: str, *, field: str = "parent") -> str:
    """The id a reply names (Mastodon, X, Threads): an id, or what an SDK or the sender answered with one.

    Takes a string or a number, a mapping with ``"id"`` (Mastodon.py's status, tweepy's
    ``response.data``) or an object with an ``id`` (postkit's ``Remote``).

    Raises:
        ReplyError: anything else (a Bluesky strong ref, a tweepy ``Response`` itself, None).
    """
    value = parent.get("id") if isinstance(parent, Mapping) else parent
    if not isinstance(value, (str, int)):
        value = getattr(value, "id", None)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        msg = f"a reply on {family} names the previous post's id, got {_shown(parent)}"
        hint = "pass the id the API returned (a string or number), or an object or mapping with an 'id'"
        raise ReplyError(msg, field=field, hint=hint)
    return str(value).strip()


def strong_ref(value: Any, family: str, *, field: str = "parent") -> dict[str, str]:
    """A Bluesky strong ref ``{"uri": "at://…", "cid": …}``, from a mapping or an SDK's answer (``.uri``, ``.cid``).

    Raises:
        ReplyError: a value without a uri and a cid (a bare id, a dict without its cid).
    """
    if isinstance(value, Mapping):
        uri, cid = value.get("uri"), value.get("cid")
    else:
        uri, cid = getattr(value, "uri", None), getattr(value, "cid", None)
    if not (isinstance(uri, str) and uri.strip() and isinstance(cid, str) and cid.strip()):
        msg = f"a reply on {family} names its {field} by strong ref {{'uri': 'at://…', 'cid': …}}, got {_shown(value)}"
        hint = "pass what com.atproto.repo.createRecord returned (its uri and cid)"
        raise ReplyError(msg, field=field, hint=hint)
    return {"uri": uri, "cid": cid}
