"""Sending to Mastodon with Mastodon.py: the ``mastodon`` family's sender.

A post is ``POST /api/v1/statuses`` with an ``Idempotency-Key`` fixed when the post was
planned: within an hour (the server keeps the key in Redis for 3,600 s,
``PostStatusService``), sending it again returns the status the first request made
instead of making a second. The article's ``image`` goes up first as a media
attachment (``POST /api/v2/media``) with ``image_alt`` as its description, waited on
until processed (at most :data:`MEDIA_WAIT` seconds); a record's ``content_warning`` is
the payload's ``spoiler_text``; a thread's replies carry ``in_reply_to_id``.

Mastodon.py would sleep through rate limits by itself: here it throws, and the publisher
waits (``Retry-After`` or the rate limit's reset, bounded) or leaves the post for the
next run. The SDK's exceptions never leave this module.
"""

from __future__ import annotations

import functools
import io
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

__all__ = ["IDEMPOTENCY_WINDOW", "MEDIA_BYTES", "MEDIA_WAIT", "SENDER"]

#: Seconds within which a retry with the same Idempotency-Key cannot post twice: the
#: server's hour, less ten minutes for clocks and queues.
IDEMPOTENCY_WINDOW = 3_000.0
#: The largest image uploaded (Mastodon's default image limit is 16 MB).
MEDIA_BYTES = 16 * 1024 * 1024
#: Seconds to wait for the server to process an uploaded image before posting without it.
MEDIA_WAIT = 60.0
_T = TypeVar("_T")


class MastodonChannel:
    """An API client for ``MASTODON_API_BASE_URL`` with ``MASTODON_ACCESS_TOKEN``."""

    retry_window = IDEMPOTENCY_WINDOW
    finds = False

    def __init__(self, values: Mapping[str, str], transport: Any) -> None:
        import requests  # noqa: PLC0415 - the SDK only when publishing
        from mastodon import Mastodon  # noqa: PLC0415

        session = transport if transport is not None else requests.Session()
        session.hooks.setdefault("response", []).append(self._keep)
        self._last: Any = None
        self._api = Mastodon(
            access_token=values["MASTODON_ACCESS_TOKEN"],
            api_base_url=values["MASTODON_API_BASE_URL"].rstrip("/"),
            session=session,
            ratelimit_method="throw",
            request_timeout=30,
            mastodon_version="4.0.0",  # so no request asks for it; media go to /api/v2/media (3.1.4+)
            version_check_mode="created",
            user_agent="postkit",
        )
        self._session = session
        self._checked = False

    def _keep(self, response: Any, *_args: Any, **_kwargs: Any) -> Any:
        self._last = response  # for the status and Retry-After of a failed request
        return response

    def login(self) -> None:
        """Check the token once (``verify_credentials``): a bad one stops this platform before any post."""
        if not self._checked:
            self._call(self._api.account_verify_credentials)
            self._checked = True

    def send(self, out: Outgoing) -> Remote:
        """Upload the image (with its description), then post the status with the post's Idempotency-Key."""
        self.login()
        payload = dict(out.payload)
        notes: list[str] = []
        media_ids: list[Any] = []
        if out.image is not None:
            try:
                image = load_image(out.image, cap=MEDIA_BYTES)
            except ImageError as err:
                notes.append(f"posted without its image: {err}")
            else:
                media = self._call(
                    lambda: self._api.media_post(
                        io.BytesIO(image.data), mime_type=image.mime, description=out.image_alt, file_name=image.name
                    )
                )
                if self._processed(media):
                    media_ids.append(media["id"])
                else:
                    notes.append(f"posted without its image: the server was still processing it after {MEDIA_WAIT:g} s")
        status = self._call(
            lambda: self._api.status_post(
                payload.pop("status"), media_ids=media_ids or None, idempotency_key=out.token, **payload
            )
        )
        return Remote(id=str(status["id"]), uri=status.get("uri"), url=status.get("url"), notes=tuple(notes))

    def _processed(self, media: Any) -> bool:
        """Wait (bounded) until an upload is processed: ``/api/v2/media`` answers before it is (``url`` null)."""
        deadline = time.monotonic() + MEDIA_WAIT
        while media.get("url") is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(1.0)
            media = self._call(functools.partial(self._api.media, media["id"]))
        return True

    def find(self, out: Outgoing) -> Remote | None:  # noqa: ARG002 - the Idempotency-Key does the finding
        """None: sending again with the same Idempotency-Key gives back the status the first attempt made."""
        return None

    def close(self) -> None:
        """Close the HTTP session."""
        self._session.close()

    def _call(self, request: Callable[[], _T]) -> _T:
        """Run a Mastodon.py call; its exceptions become SendErrors that carry no request."""
        import mastodon  # noqa: PLC0415
        import requests  # noqa: PLC0415

        self._last = None
        try:
            return request()
        except mastodon.MastodonRatelimitError:
            headers = dict(self._last.headers) if self._last is not None else {}
            wait = retry_after(headers, time.time())
            if wait is None and self._api.ratelimit_reset:
                wait = max(0.0, float(self._api.ratelimit_reset) - time.time())
            raise TransientError("mastodon: rate limited (HTTP 429)", retry_after=wait, maybe_sent=False) from None
        except mastodon.MastodonUnauthorizedError as err:
            raise LoginError(f"mastodon: the access token was refused: {_api_error(err)}") from None
        except mastodon.MastodonServerError as err:
            raise TransientError(f"mastodon: server error: {_api_error(err)}", maybe_sent=True) from None
        except mastodon.MastodonAPIError as err:
            status = err.args[1] if len(err.args) > 1 else None
            if status == 403 and not self._checked:
                raise LoginError(f"mastodon: the access token was refused: {_api_error(err)}") from None
            if status in {408, 409, 425}:
                raise TransientError(f"mastodon: {_api_error(err)}", maybe_sent=True) from None
            raise RefusedError(f"mastodon: refused: {_api_error(err)}") from None
        except mastodon.MastodonNetworkError as err:
            cause = err.__context__
            sent = not isinstance(cause, (requests.ConnectTimeout, requests.exceptions.ProxyError)) and not (
                isinstance(cause, requests.ConnectionError) and "NewConnectionError" in repr(cause.args)
            )
            raise TransientError(f"mastodon: the connection failed ({type(cause).__name__})", maybe_sent=sent) from None
        except mastodon.MastodonError as err:
            raise RefusedError(f"mastodon: {type(err).__name__}") from None


def _api_error(err: Exception) -> str:
    """``HTTP 422 Unprocessable Entity: Validation failed: Text character limit of 500 exceeded``."""
    args = err.args
    if len(args) >= 4:
        status, reason, message = args[1], args[2], args[3]
        return f"HTTP {status} {reason}" + (f": {message}" if message else "")
    return type(err).__name__


def _open(values: Mapping[str, str], transport: Any) -> Channel:
    return MastodonChannel(values, transport)


SENDER = Connector(
    family="mastodon",
    extra="mastodon",
    variables=(
        Variable("MASTODON_API_BASE_URL", "the server, e.g. https://mastodon.social", secret=False),
        Variable("MASTODON_ACCESS_TOKEN", "an access token with the write:statuses and write:media scopes"),
    ),
    opener=_open,
    retry_window=IDEMPOTENCY_WINDOW,
)
"""The ``mastodon`` family's sender (``Family.sender``)."""
