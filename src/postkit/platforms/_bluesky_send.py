"""Sending to Bluesky with the atproto SDK: the ``bluesky`` family's sender.

A post is ``com.atproto.repo.createRecord`` of its ``app.bsky.feed.post`` record at a
record key fixed when it was planned (a TID: a post's key must be one), so sending it
again cannot make a second post: the server keeps one record per key. What the server
answers to a second create at a taken key is no conflict but a bare HTTP 500 (PDS
0.5.35, ``tests/pds``), so an attempt that may have landed is settled by reading the key
back (``getRecord``) before anything is sent again. ``createdAt`` is stamped when the
post is sent. The link card's thumbnail is uploaded (``uploadBlob``) from the article's
``image`` and set as ``embed.external.thumb``; a thread's replies carry the strong refs
(URI and CID) of the thread's first post and of the one before.

The SDK is imported when a channel opens; the SDK's exceptions never leave this module
(they can carry the request), only a one-line :class:`~postkit.platforms.sending.SendError`.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from postkit.platforms.sending import (
    Channel,
    Connector,
    ImageError,
    LoginError,
    Outgoing,
    RefusedError,
    Remote,
    TransientError,
    Variable,
    load_image,
    retry_after,
)

__all__ = ["SENDER", "THUMB_BYTES"]

#: The largest link-card thumbnail ``app.bsky.embed.external`` takes (its lexicon's maxSize).
THUMB_BYTES = 1_000_000
_POST = "app.bsky.feed.post"
_T = TypeVar("_T")


def _iso(out: Outgoing) -> str:
    stamp = out.created_at.isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


class BlueskyChannel:
    """A session on a Bluesky PDS (``BLUESKY_SERVICE``), opened on the first :meth:`login`."""

    retry_window = math.inf  # the record key settles every retry
    finds = True

    def __init__(self, values: Mapping[str, str], transport: Any) -> None:
        from atproto import Client  # noqa: PLC0415 - the SDK only when publishing
        from atproto_client.request import Request  # noqa: PLC0415

        options: dict[str, Any] = {"timeout": 30.0}
        if transport is not None:
            options["transport"] = transport
        self._client = Client(base_url=values["BLUESKY_SERVICE"].rstrip("/"), request=Request(**options))
        self._handle = values["BLUESKY_HANDLE"]
        self._password = values["BLUESKY_APP_PASSWORD"]
        self._did: str | None = None
        self._session_did: str | None = None
        self._client.on_session_change(self._keep)

    def _keep(self, _event: Any, session: Any) -> None:
        self._session_did = str(session.did)

    def login(self) -> None:
        """``createSession`` with the app password (no Bluesky profile: a bare PDS has no app view)."""
        if self._did is not None:
            return
        self._call(lambda: self._client.login(self._handle, self._password, fetch_bsky_profile=False), login=True)
        if self._session_did is None:
            msg = "bluesky: the server opened no session"
            raise LoginError(msg)
        self._did = self._session_did

    def send(self, out: Outgoing) -> Remote:
        """Create the record at the post's key, with its thumbnail uploaded first."""
        from atproto import models  # noqa: PLC0415

        self.login()
        record = copy.deepcopy(out.payload)
        record["createdAt"] = _iso(out)
        notes: list[str] = []
        external = record.get("embed", {}).get("external") if isinstance(record.get("embed"), dict) else None
        if out.image is not None and isinstance(external, dict):
            try:
                image = load_image(out.image, cap=THUMB_BYTES)
            except ImageError as err:
                notes.append(f"link card without its thumbnail: {err}")
            else:
                blob = self._call(lambda: self._client.upload_blob(image.data)).blob
                external["thumb"] = {
                    "$type": "blob",
                    "ref": {"$link": str(blob.ref.link)},
                    "mimeType": blob.mime_type,
                    "size": blob.size,
                }
        try:
            post = models.AppBskyFeedPost.Record(**record)
        except Exception as err:  # noqa: BLE001 - pydantic's ValidationError, without importing pydantic
            msg = f"the record does not validate: {_first_line(err)}"
            raise RefusedError(msg) from None
        data = models.ComAtprotoRepoCreateRecord.Data(
            repo=self._did or "", collection=_POST, record=post, rkey=out.token, validate=True
        )
        created = self._call(lambda: self._client.com.atproto.repo.create_record(data))
        return self._remote(out.token, str(created.uri), str(created.cid), tuple(notes))

    def find(self, out: Outgoing) -> Remote | None:
        """The record at the post's key, if an earlier attempt made it (``getRecord``)."""
        from atproto_client import exceptions  # noqa: PLC0415

        self.login()
        params = {"repo": self._did or "", "collection": _POST, "rkey": out.token}
        try:
            got = self._call(
                lambda: self._client.com.atproto.repo.get_record(params), missing=exceptions.BadRequestError
            )
        except _Missing:
            return None
        value = got.value
        text = getattr(value, "text", None) if not isinstance(value, dict) else value.get("text")
        if text != out.payload.get("text"):
            msg = f"record key {out.token} holds another post"
            raise RefusedError(msg)
        return self._remote(out.token, str(got.uri), str(got.cid or ""), ())

    def close(self) -> None:
        """Close the HTTP client."""
        self._client.request.close()

    def _remote(self, rkey: str, uri: str, cid: str, notes: tuple[str, ...]) -> Remote:
        url = f"https://bsky.app/profile/{self._did}/post/{rkey}"
        return Remote(id=rkey, uri=uri, url=url, cid=cid or None, notes=notes)

    def _call(self, request: Callable[[], _T], *, login: bool = False, missing: type | None = None) -> _T:
        """Run an SDK request; its exceptions become SendErrors that carry no request."""
        from atproto_client import exceptions  # noqa: PLC0415

        try:
            return request()
        except exceptions.RequestErrorBase as err:
            response = err.response
            status = response.status_code if response is not None else None
            detail = _detail(response)
            if missing is not None and isinstance(err, missing) and "RecordNotFound" in detail:
                raise _Missing from None
            where = "login" if login else "request"
            if response is None:  # the connection failed or timed out
                msg = f"bluesky: {where} failed: {type(err).__name__}"
                raise TransientError(msg, maybe_sent=True) from None
            text = f"bluesky: {where}: HTTP {status}{': ' + detail if detail else ''}"
            if status == 429:
                raise TransientError(
                    text, retry_after=retry_after(dict(response.headers), time.time()), maybe_sent=False
                ) from None
            if status in {401, 403} or (login and status == 400 and "AuthFactor" not in detail):
                raise LoginError(text) from None
            if status is not None and 400 <= status < 500 and status not in {408, 409}:
                raise RefusedError(text) from None
            raise TransientError(text, maybe_sent=True) from None
        except exceptions.AtProtocolError as err:
            msg = f"bluesky: {type(err).__name__}: {_first_line(err)}"
            raise RefusedError(msg) from None


class _Missing(Exception):  # noqa: N818 - a signal, not an error
    """getRecord found nothing at the key."""


def _detail(response: Any) -> str:
    """``Error: message`` from an XRPC error body (never the request)."""
    if response is None:
        return ""
    content = response.content
    error = getattr(content, "error", None)
    message = getattr(content, "message", None)
    if error is None and isinstance(content, dict):
        error, message = content.get("error"), content.get("message")
    if not error:
        return ""
    return f"{error}: {message}" if message else str(error)


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0][:300] if text else type(err).__name__


def _open(values: Mapping[str, str], transport: Any) -> Channel:
    return BlueskyChannel(values, transport)


SENDER = Connector(
    family="bluesky",
    extra="bluesky",
    variables=(
        Variable("BLUESKY_SERVICE", "the account's PDS or entryway", secret=False, default="https://bsky.social"),
        Variable("BLUESKY_HANDLE", "the account's handle, e.g. news.bsky.social", secret=False),
        Variable("BLUESKY_APP_PASSWORD", "an app password made under Settings → App passwords"),
    ),
    opener=_open,
    retry_window=math.inf,
)
"""The ``bluesky`` family's sender (``Family.sender``)."""
