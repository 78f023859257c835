"""Sending to X with tweepy (API v2, OAuth 1.0a user context): the ``x`` family's sender.

A post is ``POST /2/tweets`` (``Client.create_tweet``); a thread's replies carry
``in_reply_to_tweet_id`` (the API's ``reply.in_reply_to_tweet_id``). The API has no
idempotency key and no way to look a post up by anything the client chose, so the
publisher writes its intent before each request and a request that may have reached X
without an answer (a timeout, a 5xx) leaves the post "unknown": never sent again unless
``--retry-unknown`` says so. A 429 (rate limit) was not posted: it waits for
``x-rate-limit-reset`` (bounded) or the next run.

tweepy's ``Client`` has no media upload (that is API v1.1's ``media/upload``), so X
posts go without the article's image. The SDK's exceptions never leave this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from postkit.platforms.sending import (
    Channel,
    Connector,
    LoginError,
    Outgoing,
    RefusedError,
    Remote,
    TransientError,
    Variable,
    retry_after,
)

__all__ = ["SENDER"]

_T = TypeVar("_T")


class XChannel:
    """A tweepy ``Client`` with the app's consumer keys and the account's access token."""

    retry_window = 0.0  # no idempotency: an interrupted send is "unknown"
    finds = False

    def __init__(self, values: Mapping[str, str], transport: Any) -> None:
        import tweepy  # noqa: PLC0415 - the SDK only when publishing

        self._client = tweepy.Client(
            consumer_key=values["X_API_KEY"],
            consumer_secret=values["X_API_SECRET"],
            access_token=values["X_ACCESS_TOKEN"],
            access_token_secret=values["X_ACCESS_TOKEN_SECRET"],
        )
        if transport is not None:
            self._client.session = transport

    def login(self) -> None:
        """Nothing to open: OAuth 1.0a signs each request (and X counts every ``GET /2/users/me``)."""

    def send(self, out: Outgoing) -> Remote:
        """``create_tweet`` with the text and, in a thread, the tweet it replies to."""
        payload = out.payload
        parent = payload.get("in_reply_to_tweet_id")
        answer = self._call(
            lambda: self._client.create_tweet(text=payload["text"], in_reply_to_tweet_id=parent, user_auth=True)
        )
        data = getattr(answer, "data", None) or {}
        tweet = str(data.get("id", ""))
        if not tweet:
            msg = "x: the answer holds no tweet id"
            raise TransientError(msg, maybe_sent=True)
        return Remote(id=tweet, url=f"https://x.com/i/web/status/{tweet}")

    def find(self, out: Outgoing) -> Remote | None:  # noqa: ARG002 - X has nothing to find a post by
        """None: X has no key a client chooses, so an earlier attempt cannot be looked up."""
        return None

    def close(self) -> None:
        """Close the HTTP session."""
        self._client.session.close()

    def _call(self, request: Callable[[], _T]) -> _T:
        """Run a tweepy call; its exceptions become SendErrors that carry no request."""
        import requests  # noqa: PLC0415
        import tweepy  # noqa: PLC0415

        try:
            return request()
        except tweepy.TooManyRequests as err:
            wait = retry_after(dict(err.response.headers), time.time())
            raise TransientError("x: rate limited (HTTP 429)", retry_after=wait, maybe_sent=False) from None
        except tweepy.Unauthorized as err:
            raise LoginError(f"x: the keys or tokens were refused: {_problem(err)}") from None
        except tweepy.TwitterServerError as err:
            raise TransientError(f"x: server error: {_problem(err)}", maybe_sent=True) from None
        except tweepy.HTTPException as err:
            raise RefusedError(f"x: refused: {_problem(err)}") from None
        except (requests.ConnectTimeout, requests.exceptions.SSLError) as err:
            raise TransientError(f"x: could not connect ({type(err).__name__})", maybe_sent=False) from None
        except requests.ConnectionError as err:
            unsent = "NewConnectionError" in repr(err.args) or "NameResolutionError" in repr(err.args)
            raise TransientError(f"x: the connection failed ({type(err).__name__})", maybe_sent=not unsent) from None
        except requests.RequestException as err:
            raise TransientError(f"x: the request failed ({type(err).__name__})", maybe_sent=True) from None
        except tweepy.TweepyException as err:
            raise RefusedError(f"x: {type(err).__name__}") from None


def _problem(err: Any) -> str:
    """``HTTP 403 Forbidden: You are not allowed to create a Tweet with duplicate content.``."""
    response = err.response
    status = getattr(response, "status_code", "?")
    reason = getattr(response, "reason", "") or ""
    messages = list(getattr(err, "api_messages", []) or [])
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and not messages:
        messages = [str(body[k]) for k in ("detail", "title") if isinstance(body.get(k), str)][:1]
    text = f"HTTP {status} {reason}".strip()
    return f"{text}: {'; '.join(messages)}" if messages else text


def _open(values: Mapping[str, str], transport: Any) -> Channel:
    return XChannel(values, transport)


SENDER = Connector(
    family="x",
    extra="x",
    variables=(
        Variable("X_API_KEY", "the app's API key (consumer key)"),
        Variable("X_API_SECRET", "the app's API key secret (consumer secret)"),
        Variable("X_ACCESS_TOKEN", "the account's access token"),
        Variable("X_ACCESS_TOKEN_SECRET", "the account's access token secret"),
    ),
    opener=_open,
)
"""The ``x`` family's sender (``Family.sender``)."""
