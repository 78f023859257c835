"""The families' senders through their real SDKs, with the transport intercepted.

Each SDK builds its real request (atproto and the Bot API over httpx with an ``httpx.MockTransport``;
Mastodon.py and tweepy over requests with an adapter mounted on the SDK's session); the answers are the
APIs' documented examples (Mastodon's Status and MediaAttachment entities, X's ``POST /2/tweets`` response
and problem details, the Bot API's Message and error objects, atproto's XRPC errors). Bluesky is also
tested against its own server in tests/pds/test_publish.py.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
from requests.adapters import BaseAdapter

from postkit.platforms import _bluesky_send, _mastodon_send, _telegram_send, _x_send
from postkit.platforms.sending import (
    ImageError,
    ImageRef,
    LoginError,
    Outgoing,
    RefusedError,
    TransientError,
    load_image,
    retry_after,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
NOW = dt.datetime(2026, 12, 5, 8, 0, 0, 123000, tzinfo=dt.UTC)
TOKEN = "3m2postkit222"


def outgoing(payload: dict[str, Any], *, image: ImageRef | None = None, alt: str | None = None) -> Outgoing:
    return Outgoing(payload, TOKEN, NOW, image, alt)


@pytest.fixture(name="png")
def _png(tmp_path: Path) -> ImageRef:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "berth.png").write_bytes(PNG)
    return ImageRef("img/berth.png", str(tmp_path))


class Adapter(BaseAdapter):
    """A requests transport that keeps each request and answers from a table of (method, path) -> answer."""

    def __init__(
        self, answers: dict[tuple[str, str], Callable[[requests.PreparedRequest], tuple[int, Any, dict[str, str]]]]
    ) -> None:
        super().__init__()
        self.answers = answers
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **_kwargs: Any) -> requests.Response:
        self.requests.append(request)
        path = urllib.parse.urlsplit(request.url or "").path
        status, body, headers = self.answers[(request.method or "", path)](request)
        response = requests.Response()
        response.status_code, response.request, response.url = status, request, request.url or ""
        response.reason = {
            200: "OK",
            201: "Created",
            403: "Forbidden",
            422: "Unprocessable Entity",
            429: "Too Many Requests",
            503: "Service Unavailable",
        }.get(status, "")
        response.headers.update({"Content-Type": "application/json", **headers})
        response._content = json.dumps(body).encode()
        return response

    def close(self) -> None:
        pass


def session(adapter: Adapter) -> requests.Session:
    made = requests.Session()
    made.mount("https://", adapter)
    return made


def answer(
    status: int, body: Any, headers: dict[str, str] | None = None
) -> Callable[..., tuple[int, Any, dict[str, str]]]:
    return lambda _request: (status, body, headers or {})


# Mastodon's documented entities (docs.joinmastodon.org/entities/Status, MediaAttachment, Account), trimmed.
ACCOUNT = {
    "id": "14715",
    "username": "trwnh",
    "acct": "trwnh",
    "display_name": "infinite love ⴳ",
    "url": "https://mastodon.social/@trwnh",
}
STATUS = {
    "id": "103270115826048975",
    "created_at": "2019-12-08T03:48:33.901Z",
    "in_reply_to_id": None,
    "sensitive": False,
    "spoiler_text": "",
    "visibility": "public",
    "language": "en",
    "uri": "https://mastodon.social/users/Gargron/statuses/103270115826048975",
    "url": "https://mastodon.social/@Gargron/103270115826048975",
    "content": "<p>&quot;I lost my inheritance with one wrong digit on my sort code&quot;</p>",
    "account": ACCOUNT,
    "media_attachments": [],
}
MEDIA = {
    "id": "22345792",
    "type": "image",
    "url": "https://files.mastodon.social/media_attachments/files/022/345/792/original/57859aede991da25.jpeg",
    "preview_url": "https://files.mastodon.social/media_attachments/files/022/345/792/small/57859aede991da25.jpeg",
    "description": "test uploaded via api",
}


class TestMastodon:
    def channel(self, adapter: Adapter) -> Any:
        values = {"MASTODON_API_BASE_URL": "https://mastodon.social", "MASTODON_ACCESS_TOKEN": "token-1234"}
        return _mastodon_send.SENDER(values, transport=session(adapter))

    def test_the_status_with_its_idempotency_key_media_and_content_warning(self, png):
        adapter = Adapter(
            {
                ("GET", "/api/v1/accounts/verify_credentials"): answer(200, ACCOUNT),
                ("POST", "/api/v2/media"): answer(200, MEDIA),
                ("POST", "/api/v1/statuses"): answer(200, STATUS),
            }
        )
        payload = {"status": "Kaim reopens", "visibility": "public", "language": "en", "spoiler_text": "Border news"}
        remote = self.channel(adapter).send(outgoing({**payload, "in_reply_to_id": "1099"}, image=png, alt="The berth"))

        login, media, status = adapter.requests
        form = urllib.parse.parse_qs(status.body)  # type: ignore[arg-type]
        assert ("Bearer token-1234", TOKEN) == (status.headers["Authorization"], status.headers["Idempotency-Key"])
        assert {
            "status": ["Kaim reopens"],
            "visibility": ["public"],
            "language": ["en"],
            "spoiler_text": ["Border news"],
            "in_reply_to_id": ["1099"],
            "media_ids[]": ["22345792"],
            "sensitive": ["0"],
        } == form
        assert b'name="description"\r\n\r\nThe berth' in media.body  # type: ignore[operator]
        assert b'filename="berth.png"\r\nContent-Type: image/png\r\n\r\n' + PNG in media.body  # type: ignore[operator]
        assert ("103270115826048975", STATUS["uri"], STATUS["url"]) == (remote.id, remote.uri, remote.url)
        assert "verify_credentials" in (login.url or "")

    def test_a_422_is_refused_with_the_servers_words(self):
        error = {"error": "Validation failed: Text character limit of 500 exceeded"}
        adapter = Adapter(
            {
                ("GET", "/api/v1/accounts/verify_credentials"): answer(200, ACCOUNT),
                ("POST", "/api/v1/statuses"): answer(422, error),
            }
        )
        with pytest.raises(
            RefusedError, match="HTTP 422 Unprocessable Entity: Validation failed: Text character limit"
        ):
            self.channel(adapter).send(outgoing({"status": "x" * 501}))

    def test_a_429_says_when_to_come_back(self):
        reset = dt.datetime.fromtimestamp(time.time() + 120, dt.UTC).isoformat()
        adapter = Adapter(
            {
                ("GET", "/api/v1/accounts/verify_credentials"): answer(200, ACCOUNT),
                ("POST", "/api/v1/statuses"): answer(429, {"error": "Too many requests"}, {"X-RateLimit-Reset": reset}),
            }
        )
        with pytest.raises(TransientError) as raised:
            self.channel(adapter).send(outgoing({"status": "x"}))
        assert raised.value.maybe_sent is False
        assert 100 < (raised.value.retry_after or 0) <= 121

    def test_a_bad_token_stops_before_any_post(self):
        adapter = Adapter(
            {("GET", "/api/v1/accounts/verify_credentials"): answer(401, {"error": "The access token is invalid"})}
        )
        with pytest.raises(LoginError, match="The access token is invalid"):
            self.channel(adapter).login()
        assert 1 == len(adapter.requests)

    def test_a_5xx_may_have_posted(self):
        adapter = Adapter(
            {
                ("GET", "/api/v1/accounts/verify_credentials"): answer(200, ACCOUNT),
                ("POST", "/api/v1/statuses"): answer(503, {"error": "Service Unavailable"}),
            }
        )
        with pytest.raises(TransientError) as raised:
            self.channel(adapter).send(outgoing({"status": "x"}))
        assert raised.value.maybe_sent is True
        assert "token-1234" not in str(raised.value)


# X's documented answers (docs.x.com, POST /2/tweets): the created tweet, and problem details.
TWEET = {"data": {"id": "1445880548472328192", "text": "Are you excited for the weekend?"}}
DUPLICATE = {
    "detail": "You are not allowed to create a Tweet with duplicate content.",
    "type": "about:blank",
    "title": "Forbidden",
    "status": 403,
}
X_VALUES = {
    "X_API_KEY": "ck-1234",
    "X_API_SECRET": "cs-5678",
    "X_ACCESS_TOKEN": "at-9012",
    "X_ACCESS_TOKEN_SECRET": "as-3456",
}


class TestX:
    def test_a_signed_create_tweet_replying_in_a_thread(self):
        adapter = Adapter({("POST", "/2/tweets"): answer(201, TWEET)})
        channel = _x_send.SENDER(X_VALUES, transport=session(adapter))
        remote = channel.send(outgoing({"text": "Kaim reopens 2/3", "in_reply_to_tweet_id": "1445880548472328190"}))

        [request] = adapter.requests
        auth = request.headers["Authorization"]
        fields = dict(part.strip().split("=", 1) for part in auth.removeprefix("OAuth ").split(","))
        assert ("https://api.twitter.com/2/tweets", "application/json") == (
            request.url,
            request.headers["Content-Type"],
        )
        assert {"text": "Kaim reopens 2/3", "reply": {"in_reply_to_tweet_id": "1445880548472328190"}} == json.loads(
            request.body or b""
        )
        assert ('"ck-1234"', '"at-9012"', '"HMAC-SHA1"') == (
            fields["oauth_consumer_key"],
            fields["oauth_token"],
            fields["oauth_signature_method"],
        )
        assert "cs-5678" not in auth
        assert "as-3456" not in auth  # the secrets sign; they are never sent
        assert ("1445880548472328192", "https://x.com/i/web/status/1445880548472328192", None) == (
            remote.id,
            remote.url,
            remote.uri,
        )

    def test_duplicate_content_is_refused(self):
        adapter = Adapter({("POST", "/2/tweets"): answer(403, DUPLICATE)})
        with pytest.raises(
            RefusedError, match="HTTP 403 Forbidden: You are not allowed to create a Tweet with duplicate content"
        ):
            _x_send.SENDER(X_VALUES, transport=session(adapter)).send(outgoing({"text": "again"}))

    def test_a_429_waits_for_the_reset(self):
        reset = str(int(time.time()) + 900)
        adapter = Adapter(
            {("POST", "/2/tweets"): answer(429, {"title": "Too Many Requests"}, {"x-rate-limit-reset": reset})}
        )
        with pytest.raises(TransientError) as raised:
            _x_send.SENDER(X_VALUES, transport=session(adapter)).send(outgoing({"text": "x"}))
        assert (False, True) == (raised.value.maybe_sent, 890 < (raised.value.retry_after or 0) <= 901)

    def test_a_5xx_may_have_posted(self):
        adapter = Adapter({("POST", "/2/tweets"): answer(503, {"title": "Service Unavailable"})})
        with pytest.raises(TransientError) as raised:
            _x_send.SENDER(X_VALUES, transport=session(adapter)).send(outgoing({"text": "x"}))
        assert raised.value.maybe_sent is True

    def test_a_refused_key_is_a_login_error(self):
        adapter = Adapter(
            {("POST", "/2/tweets"): answer(401, {"title": "Unauthorized", "detail": "Unauthorized", "status": 401})}
        )
        with pytest.raises(LoginError):
            _x_send.SENDER(X_VALUES, transport=session(adapter)).send(outgoing({"text": "x"}))


# The Bot API's documented objects (core.telegram.org/bots/api: Message, Chat, the error object).
CHANNEL = {"id": -1001234567890, "title": "Harbour Wire", "username": "harbourwire", "type": "channel"}
MESSAGE = {"message_id": 42, "sender_chat": CHANNEL, "chat": CHANNEL, "date": 1764921600, "text": "Kaim reopens"}
BOT = {"id": 123456789, "is_bot": True, "first_name": "Harbour Wire", "username": "harbour_wire_bot"}
TG_VALUES = {
    "TELEGRAM_BOT_TOKEN": "123456789:AAE-secret-token",
    "TELEGRAM_CHAT_ID": "@harbourwire",
    "TELEGRAM_API_URL": "https://api.telegram.org",
}


class TestTelegram:
    def channel(self, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
        return _telegram_send.SENDER(TG_VALUES, transport=httpx.MockTransport(handler))

    def test_a_message_with_its_link_preview(self):
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            method = request.url.path.rsplit("/", 1)[1]
            return httpx.Response(200, json={"ok": True, "result": BOT if method == "getMe" else MESSAGE})

        payload = {
            "text": "Kaim reopens",
            "link_preview_options": {"url": "https://news.example/a.jpg", "prefer_large_media": True},
        }
        remote = self.channel(handler).send(outgoing(payload))

        assert ["/bot123456789:AAE-secret-token/getMe", "/bot123456789:AAE-secret-token/sendMessage"] == [
            r.url.path for r in seen
        ]
        assert {"chat_id": "@harbourwire", **payload} == json.loads(seen[1].content)
        assert ("-1001234567890/42", "https://t.me/harbourwire/42") == (remote.id, remote.url)

    def test_a_photo_beside_the_record_is_uploaded(self, png):
        seen: list[httpx.Request] = []

        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(
                200, json={"ok": True, "result": BOT if request.url.path.endswith("getMe") else MESSAGE}
            )

        self.channel(handler).send(outgoing({"photo": "img/berth.png", "caption": "Kaim reopens"}, image=png))

        upload = seen[1]
        assert upload.url.path.endswith("/sendPhoto")
        assert upload.headers["content-type"].startswith("multipart/form-data")
        body = upload.read()
        assert b'name="caption"\r\n\r\nKaim reopens' in body
        assert b'name="chat_id"\r\n\r\n@harbourwire' in body
        assert b'filename="berth.png"' in body
        assert PNG in body

    def test_a_429_says_how_long(self):
        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("getMe"):
                return httpx.Response(200, json={"ok": True, "result": BOT})
            return httpx.Response(
                429,
                json={
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 5",
                    "parameters": {"retry_after": 5},
                },
            )

        with pytest.raises(TransientError) as raised:
            self.channel(handler).send(outgoing({"text": "x"}))
        assert (5.0, False) == (raised.value.retry_after, raised.value.maybe_sent)

    def test_an_error_names_the_method_not_the_url(self):
        def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("getMe"):
                return httpx.Response(200, json={"ok": True, "result": BOT})
            return httpx.Response(
                400, json={"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
            )

        with pytest.raises(RefusedError) as raised:
            self.channel(handler).send(outgoing({"text": "x"}))
        assert "telegram: sendMessage: HTTP 400: Bad Request: chat not found" == str(raised.value)

    def test_a_bad_token(self):
        def handler(_request: httpx.Request) -> httpx.Response:
            return httpx.Response(401, json={"ok": False, "error_code": 401, "description": "Unauthorized"})

        with pytest.raises(LoginError, match="getMe: HTTP 401: Unauthorized"):
            self.channel(handler).login()

    def test_a_connection_error_never_shows_the_url(self):
        def handler(request: httpx.Request) -> httpx.Response:
            raise httpx.ReadTimeout(f"timed out reading {request.url}", request=request)

        with pytest.raises(TransientError) as raised:
            self.channel(handler).login()
        assert "secret-token" not in str(raised.value)
        assert raised.value.maybe_sent is True


def jwt(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2ln"


DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"
SESSION = {
    "did": DID,
    "handle": "news.test",
    "accessJwt": jwt({"scope": "com.atproto.appPass", "sub": DID, "iat": 1764921600, "exp": 4102444800}),
    "refreshJwt": jwt({"scope": "com.atproto.refresh", "sub": DID, "iat": 1764921600, "exp": 4102444800}),
}
BSKY_VALUES = {
    "BLUESKY_SERVICE": "https://pds.example",
    "BLUESKY_HANDLE": "news.test",
    "BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop",
}
URI = f"at://{DID}/app.bsky.feed.post/{TOKEN}"
CID = "bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q"


class TestBluesky:
    def channel(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]], seen: list[httpx.Request]) -> Any:
        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return routes[request.url.path.rsplit("/", 1)[1]](request)

        routes.setdefault("com.atproto.server.createSession", lambda _r: httpx.Response(200, json=SESSION))
        return _bluesky_send.SENDER(BSKY_VALUES, transport=httpx.MockTransport(handler))

    def test_create_record_at_the_posts_key_stamped_when_sent(self, png):
        seen: list[httpx.Request] = []
        blob = {
            "$type": "blob",
            "ref": {"$link": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},
            "mimeType": "image/png",
            "size": len(PNG),
        }
        routes = {
            "com.atproto.repo.uploadBlob": lambda _r: httpx.Response(200, json={"blob": blob}),
            "com.atproto.repo.createRecord": lambda _r: httpx.Response(200, json={"uri": URI, "cid": CID}),
        }
        record = {
            "$type": "app.bsky.feed.post",
            "text": "Kaim reopens news.example/kaim",
            "createdAt": "2020-01-01T00:00:00Z",
            "langs": ["en"],
            "embed": {
                "$type": "app.bsky.embed.external",
                "external": {"uri": "https://news.example/kaim", "title": "Kaim", "description": ""},
            },
        }
        remote = self.channel(routes, seen).send(outgoing(record, image=png))

        login, upload, create = seen
        body = json.loads(create.content)
        assert ("https://pds.example/xrpc/com.atproto.server.createSession", PNG) == (str(login.url), upload.content)
        assert (DID, "app.bsky.feed.post", TOKEN, True) == (
            body["repo"],
            body["collection"],
            body["rkey"],
            body["validate"],
        )
        assert "2026-12-05T08:00:00.123Z" == body["record"]["createdAt"]
        assert blob["ref"] == body["record"]["embed"]["external"]["thumb"]["ref"]
        assert f"Bearer {SESSION['accessJwt']}" == create.headers["authorization"]
        assert (TOKEN, URI, CID, f"https://bsky.app/profile/{DID}/post/{TOKEN}") == (
            remote.id,
            remote.uri,
            remote.cid,
            remote.url,
        )

    def test_a_taken_key_answers_500_and_get_record_settles_it(self):
        """What PDS 0.5.35 does (tests/pds/test_pds.py): the retry reads the key back."""
        seen: list[httpx.Request] = []
        error = {"error": "InternalServerError", "message": "Internal Server Error"}
        record = {"$type": "app.bsky.feed.post", "text": "Kaim reopens", "createdAt": "2026-12-05T08:00:00.123Z"}
        routes = {
            "com.atproto.repo.createRecord": lambda _r: httpx.Response(500, json=error),
            "com.atproto.repo.getRecord": lambda _r: httpx.Response(
                200, json={"uri": URI, "cid": CID, "value": record}
            ),
        }
        channel = self.channel(routes, seen)

        with pytest.raises(TransientError, match="HTTP 500: InternalServerError") as raised:
            channel.send(outgoing(record))
        found = channel.find(outgoing(record))

        assert raised.value.maybe_sent is True
        assert (TOKEN, CID) == (found.id, found.cid)
        assert {"repo": DID, "collection": "app.bsky.feed.post", "rkey": TOKEN} == dict(seen[-1].url.params)

    def test_a_free_key_is_not_found(self):
        missing = {"error": "RecordNotFound", "message": "Could not locate record: at://..."}
        routes = {"com.atproto.repo.getRecord": lambda _r: httpx.Response(400, json=missing)}
        assert self.channel(routes, []).find(outgoing({"text": "x"})) is None

    def test_another_post_at_the_key_is_refused(self):
        routes = {
            "com.atproto.repo.getRecord": lambda _r: httpx.Response(
                200, json={"uri": URI, "cid": CID, "value": {"text": "other"}}
            )
        }
        with pytest.raises(RefusedError, match="holds another post"):
            self.channel(routes, []).find(outgoing({"text": "mine"}))

    def test_an_invalid_record_is_refused(self):
        refusal = {
            "error": "InvalidRequest",
            "message": "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text",
        }
        routes = {"com.atproto.repo.createRecord": lambda _r: httpx.Response(400, json=refusal)}
        with pytest.raises(RefusedError, match="grapheme too big"):
            self.channel(routes, []).send(
                outgoing({"$type": "app.bsky.feed.post", "text": "a" * 301, "createdAt": "x"})
            )

    def test_a_429_waits_for_the_reset(self):
        reset = str(int(time.time()) + 300)
        routes = {
            "com.atproto.repo.createRecord": lambda _r: httpx.Response(
                429,
                json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                headers={"ratelimit-reset": reset},
            )
        }
        with pytest.raises(TransientError) as raised:
            self.channel(routes, []).send(outgoing({"$type": "app.bsky.feed.post", "text": "x", "createdAt": "x"}))
        assert (False, True) == (raised.value.maybe_sent, 290 < (raised.value.retry_after or 0) <= 301)

    def test_a_wrong_password(self):
        refusal = {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}
        routes = {"com.atproto.server.createSession": lambda _r: httpx.Response(401, json=refusal)}
        with pytest.raises(LoginError, match="Invalid identifier or password") as raised:
            self.channel(routes, []).login()
        assert "abcd-efgh" not in str(raised.value)


class TestImages:
    def test_beside_the_record(self, png):
        image = load_image(png, cap=1000)
        assert ("image/png", "berth.png", PNG) == (image.mime, image.name, image.data)

    def test_a_link_out_of_the_folder_is_refused(self, tmp_path):
        (tmp_path / "records").mkdir()
        (tmp_path / "secret.png").write_bytes(PNG)
        (tmp_path / "records" / "thumb.png").symlink_to(tmp_path / "secret.png")
        with pytest.raises(ImageError, match="leads out of the record's folder"):
            load_image(ImageRef("thumb.png", str(tmp_path / "records")), cap=1000)

    @pytest.mark.parametrize(
        ("data", "cap", "message"),
        [
            (b"GIF89a" + b"\0" * 10, 8, "larger than 8 bytes"),
            (b"<html>not an image</html>", 1000, "is not a PNG, JPEG, GIF or WebP"),
        ],
    )
    def test_size_and_type(self, tmp_path, data, cap, message):
        (tmp_path / "a.png").write_bytes(data)
        with pytest.raises(ImageError, match=message):
            load_image(ImageRef("a.png", str(tmp_path)), cap=cap)

    def test_a_record_from_stdin_has_no_folder(self):
        with pytest.raises(ImageError, match="read from stdin has no folder"):
            load_image(ImageRef("a.png", None), cap=1000)

    def test_a_url_is_fetched_with_a_cap_and_a_type_check(self, image_server):
        assert "image/png" == load_image(ImageRef(image_server + "/ok.png"), cap=1000).mime
        with pytest.raises(ImageError, match="larger than 1,000 bytes"):
            load_image(ImageRef(image_server + "/big.png"), cap=1000)
        with pytest.raises(ImageError, match="not a PNG"):
            load_image(ImageRef(image_server + "/page.html"), cap=1000)
        with pytest.raises(ImageError, match="HTTP 404"):
            load_image(ImageRef(image_server + "/missing.png"), cap=1000)
        with pytest.raises(ImageError, match="could not be fetched: ReadTimeout"):
            load_image(ImageRef(image_server + "/slow.png"), cap=1000, timeout=0.3)


@pytest.fixture(name="image_server")
def _image_server():
    """A local HTTP server with an image, a big one, a page, and one that never answers in time."""
    import http.server  # noqa: PLC0415
    import threading  # noqa: PLC0415

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            bodies = {"/ok.png": PNG, "/big.png": PNG + b"\0" * 5000, "/page.html": b"<html></html>"}
            if self.path == "/slow.png":
                time.sleep(1.0)
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            if self.path != "/big.png":  # the big one does not say how big: the cap is met while reading
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_retry_after_reads_seconds_dates_and_resets():
    now = 1_764_921_600.0
    assert 7.0 == retry_after({"Retry-After": "7"}, now)
    assert 30.0 == retry_after({"retry-after": "Fri, 05 Dec 2025 08:00:30 GMT"}, now)
    assert 120.0 == retry_after({"x-rate-limit-reset": str(int(now) + 120)}, now)
    assert 60.0 == retry_after({"X-RateLimit-Reset": "2025-12-05T08:01:00+00:00"}, now)
    assert retry_after({}, now) is None
