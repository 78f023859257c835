"""What publishing hands a family's sender, and what it gets back; no SDK is imported here.

A family's ``sender`` slot (:attr:`~postkit.platforms.family.Family.sender`) names a
:class:`Connector` in a private module beside the family's (``_bluesky_send.py`` …). The
connector reads the family's account from the environment -- a variable that is missing
is a :class:`~postkit.errors.ConfigError` naming it -- and imports the family's SDK only
when called (a missing extra is a ConfigError naming the extra to install). It makes no
request: the :class:`Channel` it returns logs in when :meth:`Channel.login` is first
called, so a run with nothing new costs no login.

A channel answers one post at a time (:meth:`Channel.send`) and says how it failed with
the errors below, in one line and with no secret in it: the SDKs' own exceptions can
carry request headers and bodies, so senders never pass them on.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs

from postkit.errors import ConfigError, shown_path
from postkit.platforms.payloads import Payload

__all__ = [
    "IMAGE_TIMEOUT",
    "Channel",
    "Connector",
    "Image",
    "ImageError",
    "ImageRef",
    "LoginError",
    "Outgoing",
    "RefusedError",
    "Remote",
    "SendError",
    "TransientError",
    "Variable",
    "load_image",
    "retry_after",
    "unset_error",
]

#: Seconds an image download may take, all told.
IMAGE_TIMEOUT = 20.0
_CHUNK = 64 * 1024
# The image types every sender can post, by their first bytes (the server sniffs them too).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)
_SUFFIX = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}


class SendError(Exception):
    """Why a post did not go out: one line, never a secret (the publisher scrubs it again)."""


class RefusedError(SendError):
    """The server refused the post (a 4xx other than 429): sending it again will not help."""


class LoginError(SendError):
    """The account's credentials were refused: nothing more goes to this platform in this run."""


class TransientError(SendError):
    """A failure that may pass: a 429, a 5xx, a connection that failed or timed out.

    Args:
        message: the one-line reason.
        retry_after: seconds the server asked to wait (``Retry-After``, a rate-limit reset).
        maybe_sent: whether the request may have reached the server (a timeout waiting for
            the answer, a 5xx): on a platform without idempotency the post is then
            "unknown", never sent again by itself.
    """

    def __init__(self, message: str, *, retry_after: float | None = None, maybe_sent: bool = True) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent


class ImageError(Exception):
    """An image that cannot be used: the post goes without it, with a warning."""


@attrs.frozen
class Variable:
    """An environment variable a family's account needs.

    Attributes:
        name: ``BLUESKY_APP_PASSWORD`` …
        about: what it is, for the error when it is missing.
        secret: never printed, logged, stored or put in an error (the publisher scrubs its value).
        default: the value when unset; None: it must be set.
    """

    name: str
    about: str
    secret: bool = True
    default: str | None = None


@attrs.frozen
class Remote:
    """A post as the platform knows it once sent.

    Attributes:
        id: the platform's id (Bluesky: the record key; Mastodon: the status id; X: the
            tweet id; Telegram: ``chat/message``).
        uri: the post's own identifier where the platform has one (Bluesky's ``at://``
            URI, Mastodon's ActivityPub URI); None on X and Telegram.
        url: the web page that shows it (None for a Telegram chat without a public name).
        cid: Bluesky's content id (a reply's strong ref needs it); None elsewhere.
        notes: warnings about the post (an image left out, and why).
    """

    id: str
    uri: str | None = None
    url: str | None = None
    cid: str | None = None
    notes: tuple[str, ...] = ()


@attrs.frozen
class ImageRef:
    """Where a post's image is: an http(s) URL, or a path relative to the record's folder.

    ``folder`` is the record file's folder (None for a record on stdin, which has none).
    """

    source: str
    folder: str | None = None

    @property
    def is_url(self) -> bool:
        """Whether the image is fetched over http(s)."""
        return self.source.lower().startswith(("http://", "https://"))


@attrs.frozen
class Image:
    """An image's bytes, its type from those bytes, and a file name for the upload."""

    data: bytes = attrs.field(repr=lambda data: f"<{len(data)} bytes>")
    mime: str
    name: str


@attrs.frozen
class Outgoing:
    """One post to send.

    Attributes:
        payload: the family's payload (``Post.payload()``) with the reply fields added.
        token: the post's idempotency token, fixed when it was planned: Bluesky's record
            key (a TID), Mastodon's ``Idempotency-Key``; unused where the API has none.
        created_at: when it is sent (Bluesky's ``createdAt``).
        image: the image to upload with it (Bluesky's link-card thumbnail, Mastodon's media).
        image_alt: the image's description.
        retry: an earlier attempt may have reached the server.
    """

    payload: Payload
    token: str
    created_at: dt.datetime
    image: ImageRef | None = None
    image_alt: str | None = None
    retry: bool = False


class Channel(Protocol):
    """An open connection to one platform's API (what a :class:`Connector` returns)."""

    #: Seconds after an interrupted send within which sending it again cannot make a
    #: second post: ``math.inf`` where the post's key settles it (Bluesky), the server's
    #: idempotency window (Mastodon: an hour), 0 where the API has no such thing (X, Telegram).
    retry_window: float
    #: Whether :meth:`find` is authoritative: None from it means "not there" (Bluesky's
    #: ``getRecord`` at the post's key), rather than "cannot tell".
    finds: bool

    def login(self) -> None:
        """Open the session if not yet open (raises LoginError, TransientError)."""
        ...

    def send(self, out: Outgoing) -> Remote:
        """Send one post; raises RefusedError, TransientError or LoginError."""
        ...

    def find(self, out: Outgoing) -> Remote | None:
        """The post, if an earlier attempt made it (Bluesky reads its key back); None: not found, or cannot tell."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


@attrs.frozen
class Connector:
    """What a family's ``sender`` slot names: its account's variables and how to open a channel.

    Attributes:
        family: the family it sends for.
        extra: the pip extra that installs its SDK (``postkit-teasers[bluesky]``).
        variables: the environment variables of the account.
        opener: ``opener(values, transport)`` imports the SDK and returns the channel;
            ``transport`` is the tests' way in (an httpx transport, a requests session).
        retry_window: the channel's :attr:`Channel.retry_window`, known without opening
            one (a dry run, and settling what a killed run left, need it).
    """

    family: str
    extra: str
    variables: tuple[Variable, ...]
    opener: Callable[[Mapping[str, str], Any], Channel] = attrs.field(repr=False)
    retry_window: float = 0.0

    def read(self, env: Mapping[str, str]) -> dict[str, str]:
        """The account's values from ``env``; the missing ones are one error naming every variable.

        Raises:
            ConfigError: ``BLUESKY_HANDLE is not set (…)``.
        """
        error = unset_error(env, [self])
        if error is not None:
            raise error
        return {v.name: env.get(v.name, "").strip() or v.default or "" for v in self.variables}

    def unset(self, env: Mapping[str, str]) -> list[Variable]:
        """The account's variables ``env`` does not set (and that have no default)."""
        return [v for v in self.variables if not (env.get(v.name, "").strip() or v.default)]

    def secrets(self, env: Mapping[str, str]) -> list[str]:
        """The values of the secret variables that ``env`` sets."""
        return [env[v.name] for v in self.variables if v.secret and env.get(v.name)]

    def __call__(self, env: Mapping[str, str], *, transport: Any = None) -> Channel:
        """Read the account, import the SDK, return the channel (no request yet).

        Raises:
            ConfigError: a missing variable, or the SDK is not installed.
        """
        values = self.read(env)
        try:
            return self.opener(values, transport)
        except ImportError as err:
            msg = f"publishing to {self.family} needs {err.name or 'its SDK'}, which is not installed"
            raise ConfigError(msg, hint=f"pip install 'postkit-teasers[{self.extra}]'") from None


def unset_error(env: Mapping[str, str], connectors: Iterable[Connector]) -> ConfigError | None:
    """One error naming every account variable ``env`` lacks, over all ``connectors``; None: all set.

    A run is refused before anything is sent, and all at once: fixing one variable and
    running again only to hear of the next would waste a run.
    """
    missing = [(connector, variable) for connector in connectors for variable in connector.unset(env)]
    if not missing:
        return None
    families = ", ".join(dict.fromkeys(connector.family for connector, _ in missing))
    if len(missing) == 1:
        variable = missing[0][1]
        msg = f"{variable.name} is not set ({variable.about}); publishing to {families} needs it"
        return ConfigError(msg, hint="set it in the environment")
    named = ", ".join(f"{v.name} ({v.about})" for _, v in missing)
    msg = f"{named} are not set; publishing to {families} needs them"
    return ConfigError(msg, hint="set them in the environment")


def retry_after(headers: Mapping[str, str], now: float) -> float | None:
    """Seconds to wait from a response's headers: ``Retry-After`` (seconds or a date), else a rate-limit reset.

    ``x-rate-limit-reset`` (X) and ``X-RateLimit-Reset`` (Mastodon) give the time the
    limit resets, as epoch seconds or an ISO 8601 date.
    """
    lower = {key.lower(): value for key, value in headers.items()}
    given = lower.get("retry-after")
    if given is not None:
        seconds = _seconds_or_date(given, now)
        if seconds is not None:
            return seconds
    for name in ("x-rate-limit-reset", "x-ratelimit-reset", "ratelimit-reset"):
        if name in lower:
            reset = _epoch(lower[name])
            if reset is not None:
                return max(0.0, reset - now) if reset > 1e9 else max(0.0, reset)
    return None


def _seconds_or_date(value: str, now: float) -> float | None:
    text = value.strip()
    if text.isdigit():
        return float(text)
    from email.utils import parsedate_to_datetime  # noqa: PLC0415

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)


def _epoch(value: str) -> float | None:
    text = value.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def _image_type(head: bytes) -> str | None:
    for magic, offset, mime in _MAGIC:
        if head[offset : offset + len(magic)] == magic and (mime != "image/webp" or head[:4] == b"RIFF"):
            return mime
    return None


def load_image(ref: ImageRef, *, cap: int, timeout: float = IMAGE_TIMEOUT) -> Image:
    """The image's bytes, at most ``cap`` of them, and its type from those bytes.

    A path must lead to a regular file inside the record's folder (after links are
    followed): a record from a feed cannot make postkit upload ``/etc/passwd``. A URL
    is fetched with a timeout, at most 5 redirects and ``cap`` bytes. Either must be a
    PNG, JPEG, GIF or WebP by its first bytes (not by its name or Content-Type).

    Raises:
        ImageError: saying why the image cannot be used.
    """
    data = _fetch(ref, cap, timeout) if ref.is_url else _read(ref, cap)
    mime = _image_type(data[:16])
    if mime is None:
        msg = f"image {_shown(ref)} is not a PNG, JPEG, GIF or WebP image"
        raise ImageError(msg)
    stem = Path(ref.source.split("?", 1)[0]).stem or "image"
    return Image(data, mime, stem + _SUFFIX[mime])


def _shown(ref: ImageRef) -> str:
    text = ref.source if len(ref.source) <= 100 else ref.source[:97] + "..."
    return repr(shown_path(text))


def _read(ref: ImageRef, cap: int) -> bytes:
    if ref.folder is None:
        msg = f"image {_shown(ref)} is a path, and a record read from stdin has no folder to find it in"
        raise ImageError(msg)
    folder = Path(ref.folder).resolve()
    target = (folder / ref.source).resolve()
    if not target.is_relative_to(folder):
        msg = f"image {_shown(ref)} leads out of the record's folder"
        raise ImageError(msg)
    try:
        fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        msg = f"image {_shown(ref)}: {err.strerror or err}"
        raise ImageError(msg) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            msg = f"image {_shown(ref)} is not a regular file"
            raise ImageError(msg)
        data = handle.read(cap + 1)
    if len(data) > cap:
        msg = f"image {_shown(ref)} is larger than {cap:,} bytes"
        raise ImageError(msg)
    return data


def _fetch(ref: ImageRef, cap: int, timeout: float) -> bytes:
    import time  # noqa: PLC0415

    import httpx  # noqa: PLC0415 - only when an image is fetched

    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5) as client,
            client.stream("GET", ref.source) as answer,
        ):
            if answer.status_code != 200:
                msg = f"image {_shown(ref)}: HTTP {answer.status_code}"
                raise ImageError(msg)
            declared = answer.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                msg = f"image {_shown(ref)} is larger than {cap:,} bytes"
                raise ImageError(msg)
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_bytes(_CHUNK):
                size += len(chunk)
                if time.monotonic() > deadline:
                    msg = f"image {_shown(ref)} took longer than {timeout:g} s to fetch"
                    raise ImageError(msg)
                if size > cap:
                    msg = f"image {_shown(ref)} is larger than {cap:,} bytes"
                    raise ImageError(msg)
                chunks.append(chunk)
    except httpx.HTTPError as err:
        msg = f"image {_shown(ref)} could not be fetched: {type(err).__name__}"
        raise ImageError(msg) from None
    return b"".join(chunks)
