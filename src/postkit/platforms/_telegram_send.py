"""Sending to Telegram over the Bot API with httpx: the ``telegram`` family's sender.

A post is ``sendPhoto`` (the article's image with the text as its caption, when it fits
1,024 characters) or ``sendMessage`` (the text, the image as its large link preview) to
``TELEGRAM_CHAT_ID``. The Bot API has no idempotency key, so the publisher writes its
intent before each request and a request that may have reached Telegram without an
answer leaves the post "unknown" (not sent again unless ``--retry-unknown``). A 429
says how long to wait (``parameters.retry_after``).

The bot token is part of every request's URL (``/bot<token>/sendMessage``): no URL, and
no httpx exception (their messages name the URL), leaves this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

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
)

__all__ = ["PHOTO_BYTES", "SENDER"]

#: The largest photo the Bot API takes as an upload (``sendPhoto``: 10 MB).
PHOTO_BYTES = 10 * 1024 * 1024


class TelegramChannel:
    """A bot (``TELEGRAM_BOT_TOKEN``) posting to one chat or channel (``TELEGRAM_CHAT_ID``)."""

    retry_window = 0.0  # no idempotency: an interrupted send is "unknown"
    finds = False

    def __init__(self, values: Mapping[str, str], transport: Any) -> None:
        import httpx  # noqa: PLC0415 - only when publishing

        self._base = values["TELEGRAM_API_URL"].rstrip("/")
        self._token = values["TELEGRAM_BOT_TOKEN"]
        self._chat = values["TELEGRAM_CHAT_ID"]
        self._http = httpx.Client(timeout=30.0, transport=transport)
        self._checked = False

    def login(self) -> None:
        """``getMe`` once: a bad token stops this platform before any post."""
        if not self._checked:
            self._call("getMe", {})
            self._checked = True

    def send(self, out: Outgoing) -> Remote:
        """``sendPhoto`` (a photo URL, or the image file uploaded) or ``sendMessage``."""
        self.login()
        payload = dict(out.payload)
        notes: list[str] = []
        if "photo" in payload:
            if out.image is not None and not out.image.is_url:
                try:
                    image = load_image(out.image, cap=PHOTO_BYTES)
                except ImageError as err:
                    notes.append(f"sent as a message without its photo: {err}")
                    payload = {"text": payload.pop("caption", "")}
                    message = self._call("sendMessage", payload)
                else:
                    payload.pop("photo")
                    message = self._call("sendPhoto", payload, photo=(image.name, image.data, image.mime))
            else:
                message = self._call("sendPhoto", payload)
        else:
            message = self._call("sendMessage", payload)
        return _remote(message, tuple(notes))

    def find(self, out: Outgoing) -> Remote | None:  # noqa: ARG002 - the Bot API has nothing to find a message by
        """None: the Bot API cannot look a message up by anything the sender chose."""
        return None

    def close(self) -> None:
        """Close the HTTP client."""
        self._http.close()

    def _call(self, method: str, payload: dict[str, Any], photo: tuple[str, bytes, str] | None = None) -> Any:
        """One Bot API call; the answer's ``result``. Errors name the method and Telegram's description only."""
        import httpx  # noqa: PLC0415

        url = f"{self._base}/bot{self._token}/{method}"
        body = {"chat_id": self._chat, **payload} if method != "getMe" else {}
        try:
            if photo is not None:
                fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
                answer = self._http.post(url, data=fields, files={"photo": photo})
            else:
                answer = self._http.post(url, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout) as err:
            raise TransientError(
                f"telegram: {method}: could not connect ({type(err).__name__})", maybe_sent=False
            ) from None
        except httpx.HTTPError as err:
            raise TransientError(
                f"telegram: {method}: the request failed ({type(err).__name__})", maybe_sent=True
            ) from None
        try:
            data = answer.json()
        except ValueError:
            data = {}
        if answer.status_code == 200 and isinstance(data, dict) and data.get("ok"):
            return data.get("result")
        description = str(data.get("description", "")) if isinstance(data, dict) else ""
        text = f"telegram: {method}: HTTP {answer.status_code}" + (f": {description}" if description else "")
        if answer.status_code == 429:
            parameters = data.get("parameters") if isinstance(data, dict) else None
            wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
            header = answer.headers.get("retry-after", "")
            seconds = float(wait) if isinstance(wait, int | float) else float(header) if header.isdigit() else None
            raise TransientError(text, retry_after=seconds, maybe_sent=False)
        if answer.status_code in {401, 404} and method == "getMe":
            raise LoginError(text)  # the Bot API answers a bad token with 401 or 404
        if answer.status_code >= 500:
            raise TransientError(text, maybe_sent=True)
        raise RefusedError(text)


def _remote(message: Any, notes: tuple[str, ...]) -> Remote:
    chat = message.get("chat", {}) if isinstance(message, dict) else {}
    number = message.get("message_id") if isinstance(message, dict) else None
    if number is None:
        msg = "telegram: the answer holds no message id"
        raise TransientError(msg, maybe_sent=True)
    username = chat.get("username")
    url = f"https://t.me/{username}/{number}" if username else None
    return Remote(id=f"{chat.get('id')}/{number}", url=url, notes=notes)


def _open(values: Mapping[str, str], transport: Any) -> Channel:
    return TelegramChannel(values, transport)


SENDER = Connector(
    family="telegram",
    extra="telegram",
    variables=(
        Variable("TELEGRAM_BOT_TOKEN", "the bot's token from @BotFather"),
        Variable(
            "TELEGRAM_CHAT_ID", "the chat or channel to post to: its id, or @name for a public channel", secret=False
        ),
        Variable("TELEGRAM_API_URL", "the Bot API server", secret=False, default="https://api.telegram.org"),
    ),
    opener=_open,
)
"""The ``telegram`` family's sender (``Family.sender``)."""
