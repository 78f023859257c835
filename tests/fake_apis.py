"""Mastodon, X and the Telegram Bot API as small HTTP servers on 127.0.0.1, for the SDKs to talk to.

No such server runs here for real, so these answer as the APIs document (Mastodon's Status entity and its
Idempotency-Key kept for an hour, X's ``POST /2/tweets`` response, the Bot API's Message), keep every post
they make, and can be slow (so that a killed client dies mid-request while the server finishes the post, as a
real one would) or hostile (every error echoes the request's URL, headers and body back, as careless servers
and proxies do: the secret-leak tests need that).
"""

from __future__ import annotations

import email.parser
import email.policy
import http.server
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs

MASTODON_ACCOUNT = {"id": "14715", "username": "news", "acct": "news", "url": "https://mastodon.example/@news"}
CHANNEL = {"id": -1001234567890, "title": "Harbour Wire", "username": "harbourwire", "type": "channel"}


@attrs.define
class Post:
    api: str
    id: str
    text: str
    reply_to: str | None
    key: str | None = None  # Mastodon's Idempotency-Key


@attrs.define
class Apis:
    """What the servers made, and how they behave."""

    latency: float = 0.0
    hostile: bool = False
    posts: list[Post] = attrs.field(factory=list)
    keys: dict[str, str] = attrs.field(factory=dict)
    lock: threading.Lock = attrs.field(factory=threading.Lock)
    url: str = ""

    def texts(self, api: str) -> list[str]:
        return [p.text for p in self.posts if p.api == api]


def _form(handler: http.server.BaseHTTPRequestHandler, body: bytes) -> dict[str, Any]:
    kind = handler.headers.get("Content-Type", "")
    if kind.startswith("application/json"):
        return json.loads(body or b"{}")
    if kind.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + body
        )
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = part.get_content() if part.get_filename() is None else part.get_payload(decode=True)
        return fields
    return {k: v[0] if len(v) == 1 else v for k, v in urllib.parse.parse_qs(body.decode()).items()}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    apis: Apis

    def log_message(self, *_args: Any) -> None:
        pass

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client was killed mid-request: the post is made all the same

    def _echo(self, body: bytes) -> str:
        return f"{self.command} {self.path} {dict(self.headers)} {body.decode(errors='replace')}"

    def do_GET(self) -> None:
        self._serve(b"")

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client was killed while it sent the request: nothing was made
        self._serve(body)

    def _serve(self, body: bytes) -> None:
        apis = self.apis
        if apis.latency:
            time.sleep(apis.latency)
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/bot"):
            self._telegram(path, body)
        elif path.startswith("/2/"):
            self._x(path, body)
        elif path.startswith("/xrpc/"):
            self._send(401, {"error": "AuthenticationRequired", "message": self._echo(body)})
        else:
            self._mastodon(path, body)

    def _mastodon(self, path: str, body: bytes) -> None:
        apis = self.apis
        if path == "/api/v1/accounts/verify_credentials":
            self._send(200, MASTODON_ACCOUNT)
            return
        if apis.hostile:
            self._send(422, {"error": self._echo(body)})
            return
        if path == "/api/v2/media":
            self._send(200, {"id": "555", "type": "image", "url": f"{apis.url}/media/555.png", "description": None})
            return
        if path != "/api/v1/statuses":
            self._send(404, {"error": "Record not found"})
            return
        form = _form(self, body)
        key = self.headers.get("Idempotency-Key")
        with apis.lock:
            if key and key in apis.keys:  # PostStatusService: the status the key made, within the hour
                made = next(p for p in apis.posts if p.id == apis.keys[key])
            else:
                made = Post("mastodon", str(1000 + len(apis.posts)), form["status"], form.get("in_reply_to_id"), key)
                apis.posts.append(made)
                if key:
                    apis.keys[key] = made.id
        self._send(
            200,
            {
                "id": made.id,
                "uri": f"https://mastodon.example/users/news/statuses/{made.id}",
                "url": f"https://mastodon.example/@news/{made.id}",
                "content": f"<p>{made.text}</p>",
                "in_reply_to_id": made.reply_to,
                "visibility": "public",
                "account": MASTODON_ACCOUNT,
                "media_attachments": [],
            },
        )

    def _x(self, path: str, body: bytes) -> None:
        apis = self.apis
        if apis.hostile:
            self._send(403, {"title": "Forbidden", "detail": self._echo(body), "status": 403})
            return
        if path != "/2/tweets":
            self._send(404, {"title": "Not Found"})
            return
        form = json.loads(body)
        with apis.lock:
            made = Post(
                "x",
                str(1445880548472328192 + len(apis.posts)),
                form["text"],
                (form.get("reply") or {}).get("in_reply_to_tweet_id"),
            )
            apis.posts.append(made)
        self._send(201, {"data": {"id": made.id, "text": made.text}})

    def _telegram(self, path: str, body: bytes) -> None:
        apis = self.apis
        method = path.rsplit("/", 1)[1]
        if method == "getMe":
            self._send(
                200, {"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "Wire", "username": "wire_bot"}}
            )
            return
        if apis.hostile:
            self._send(400, {"ok": False, "error_code": 400, "description": self._echo(body)})
            return
        form = _form(self, body)
        text = form.get("text") or form.get("caption") or ""
        with apis.lock:
            made = Post("telegram", str(len(apis.posts) + 1), text, None)
            apis.posts.append(made)
        message = {"message_id": int(made.id), "chat": CHANNEL, "date": int(time.time()), "text": text}
        self._send(200, {"ok": True, "result": message})


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client killed mid-request is what the kill tests do: no traceback for it."""
        import sys  # noqa: PLC0415

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serving(*, latency: float = 0.0, hostile: bool = False) -> Iterator[Apis]:
    """The three APIs on one port of 127.0.0.1 (``apis.url``), for as long as the block lasts."""
    apis = Apis(latency=latency, hostile=hostile)
    handler = type("Handler", (_Handler,), {"apis": apis})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    apis.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield apis
    finally:
        server.shutdown()
        server.server_close()


# A child process that publishes with the real SDKs against these servers: Mastodon and Telegram are told
# the server's URL (MASTODON_API_BASE_URL, TELEGRAM_API_URL); tweepy always calls api.twitter.com, so its
# session gets an adapter that sends each request here instead. With POSTKIT_TEST_BREAK_RUN set, the run
# fails unexpectedly with that text in the exception (what an SDK bug could do).
DRIVER = r"""
import logging, os, sys
import requests
from requests.adapters import HTTPAdapter

if os.environ.get("POSTKIT_TEST_DEBUG_LOGS"):
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)

class ToFake(HTTPAdapter):
    def send(self, request, **kwargs):
        request.url = request.url.replace("https://api.twitter.com", os.environ["FAKE_APIS_URL"])
        return super().send(request, **kwargs)

import postkit.platforms._x_send as x_send
opened = x_send.XChannel.__init__
def patched(self, values, transport):
    session = requests.Session()
    session.mount("https://api.twitter.com", ToFake())
    opened(self, values, session)
x_send.XChannel.__init__ = patched

if os.environ.get("POSTKIT_TEST_BREAK_RUN"):
    import postkit.publishing as publishing
    def broken(self, ledger):
        raise RuntimeError("the SDK said: " + os.environ["POSTKIT_TEST_BREAK_RUN"])
    publishing._Run._settle = broken

from postkit.cli.main import main

if os.environ.get("POSTKIT_TEST_WAIT_GO"):  # imports done: the kill's clock starts at "go"
    import importlib
    import postkit.publishing, postkit.ledger  # noqa: E401
    for name in os.environ.get("POSTKIT_TEST_PRELOAD", "").split(","):
        if name:
            importlib.import_module(name)
    print("ready", flush=True)
    sys.stdin.readline()
sys.exit(main(sys.argv[1:]))
"""
