"""``postkit publish`` against Bluesky's own PDS: posted for real, exactly once, whatever kills it.

Every run is the real command in a child process with the account in the environment, as cron would run it;
what the server holds is read back with ``listRecords``, ``getRecord`` and ``getBlob``.
"""

from __future__ import annotations

import datetime as dt
import http.server
import itertools
import json
import os
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from killing import kill_and_rerun
from pds import launcher

pytestmark = pytest.mark.pds

ROOT = Path(__file__).resolve().parents[2]
POST = "app.bsky.feed.post"


def png(width: int, height: int, shade: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + b"".join(bytes((shade, x * 20 % 256, y * 30 % 256)) for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def postkit(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postkit", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env},
        check=False,
        timeout=300,
    )


def records(account: launcher.PdsAccount) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"repo": account.did, "collection": POST, "limit": 100, **({"cursor": cursor} if cursor else {})}
        page = httpx.get(f"{account.service}/xrpc/com.atproto.repo.listRecords", params=params, timeout=30).json()
        found.extend(page["records"])
        cursor = page.get("cursor")
        if not cursor or not page["records"]:
            return found


def blob(account: launcher.PdsAccount, cid: str) -> bytes:
    params = {"did": account.did, "cid": cid}
    return httpx.get(f"{account.service}/xrpc/com.atproto.sync.getBlob", params=params, timeout=30).content


def when(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp)


@pytest.fixture(name="image_url")
def _image_url() -> Iterator[tuple[str, bytes]]:
    """A thumbnail served over http on 127.0.0.1 (an article's image URL)."""
    image = png(12, 8, 40)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(image)))
            self.end_headers()
            self.wfile.write(image)

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/thumb.png", image
    server.shutdown()
    server.server_close()


def test_link_cards_with_thumbnails_posted_once_and_stamped_when_sent(pds_server, tmp_path, image_url):
    """Three articles with link cards (a thumbnail beside the record, one by URL, none); the first run cannot log
    in (a wrong app password), so the posts are planned and wait. The next run reads another file, and sends its
    article and the three waiting ones, as planned -- stamped when sent, not when composed; a third run over the
    first file sends nothing."""
    account = pds_server.create_account()
    local = png(8, 6, 200)
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "berth.png").write_bytes(local)
    url, remote_image = image_url
    feed = tmp_path / "news.jsonl"
    lines = [
        {
            "id": "a",
            "title": "Rotterdam opens an electric berth",
            "url": "https://news.example/a",
            "summary": "Ships plug in.",
            "image": "img/berth.png",
            "image_alt": "The berth",
        },
        {"id": "b", "title": "Aqaba and Eilat study desalination", "url": "https://news.example/b", "image": url},
        {"id": "c", "title": "Kaim crossing reopens", "url": "https://news.example/c"},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    other = tmp_path / "later.jsonl"
    other.write_text(json.dumps({"id": "d", "title": "Later news", "url": "https://news.example/d"}) + "\n", "utf-8")
    state = tmp_path / "state.db"
    args = ("-p", "bluesky", "--state", str(state), "-f", "jsonl")

    refused = postkit("publish", str(feed), *args, env={**account.env(), "BLUESKY_APP_PASSWORD": "wrong-wrong-wrong"})
    time.sleep(1.5)
    before = dt.datetime.now(dt.UTC)
    sent = postkit("publish", str(other), *args, env=account.env())
    after = dt.datetime.now(dt.UTC)
    again = postkit("publish", str(feed), *args, env=account.env())

    assert 1 == refused.returncode
    assert "AuthenticationRequired" in refused.stderr
    assert 0 == sent.returncode, sent.stderr
    assert ("", 0) == (again.stdout, again.returncode)
    reports = [json.loads(line) for line in sent.stdout.splitlines()]
    stored = {r["uri"]: r for r in records(account)}
    assert 4 == len(stored) == len(reports)
    assert ["d", "a", "b", "c"] == [report["id"] for report in reports]
    with sqlite3.connect(state) as db:
        ledger = {
            k: (token, json.loads(payload)["createdAt"], planned)
            for k, token, payload, planned in db.execute("SELECT key, token, payload, planned_at FROM published")
        }
    for report in reports:
        record = stored[report["uri"]]
        token, composed_at, planned_at = ledger[report["id"]]
        value = record["value"]
        assert (token, token) == (report["uri"].rsplit("/", 1)[1], report["remote_id"])
        assert (planned_at < before.timestamp()) is (report["id"] != "d")
        assert before <= when(value["createdAt"]) <= after  # stamped when sent ...
        assert (when(composed_at) < before) is (report["id"] != "d")  # ... not when composed
        assert report["created_at"] == value["createdAt"]
        assert report["url"] == f"https://bsky.app/profile/{account.did}/post/{token}"
    thumbs = {report["id"]: stored[report["uri"]]["value"]["embed"]["external"].get("thumb") for report in reports}
    assert local == blob(account, thumbs["a"]["ref"]["$link"])
    assert remote_image == blob(account, thumbs["b"]["ref"]["$link"])
    assert ("image/png", None) == (thumbs["a"]["mimeType"], thumbs["c"])


def test_a_thread_is_a_chain_of_replies(pds_server, tmp_path):
    account = pds_server.create_account()
    body = "\n\n".join(
        f"Paragraph {n}. " + "The harbour opened its first electric berth today. " * 4 for n in range(1, 6)
    )
    feed = tmp_path / "news.jsonl"
    feed.write_text(
        json.dumps({"id": "t", "title": "The berth, in full", "url": "https://news.example/t", "body": body}) + "\n"
    )

    result = postkit(
        "publish",
        str(feed),
        "-p",
        "bluesky",
        "--thread",
        "--max-posts",
        "4",
        "--state",
        str(tmp_path / "s.db"),
        "-f",
        "jsonl",
        env=account.env(),
    )

    assert 0 == result.returncode, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    stored = {r["uri"]: r for r in records(account)}
    chain = [stored[report["uri"]] for report in reports]
    assert [1, 2, 3, 4] == [report["thread"]["index"] for report in reports]
    assert "reply" not in chain[0]["value"]
    root = {"uri": chain[0]["uri"], "cid": chain[0]["cid"]}
    for before, post in itertools.pairwise(chain):
        reply = post["value"]["reply"]
        assert (root, {"uri": before["uri"], "cid": before["cid"]}) == (
            {k: reply["root"][k] for k in ("uri", "cid")},
            {k: reply["parent"][k] for k in ("uri", "cid")},
        )


def test_killed_at_random_then_rerun_each_post_exactly_once(pds_server, tmp_path):
    """Killed (SIGKILL) at random moments many times, then run to the end: every post on the server once."""
    account = pds_server.create_account()
    feed = tmp_path / "news.jsonl"
    lines = [
        {"id": f"s{i}", "title": f"Single story {i} about the harbour", "url": f"https://news.example/s{i}"}
        for i in range(1, 21)
    ]
    body = "\n\n".join(
        " ".join(f"Thread {{t}}.{part}.{n}: ships plug in at the berth while they load." for n in range(1, 6))
        for part in range(1, 4)
    )
    lines += [
        {
            "id": f"t{t}",
            "title": f"Thread story {t}",
            "url": f"https://news.example/t{t}",
            "body": body.replace("{t}", str(t)),
        }
        for t in (1, 2, 3)
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    state = tmp_path / "state.db"
    args = ["publish", str(feed), "-p", "bluesky", "--thread", "--max-posts", "3", "--state", str(state)]
    env = {**account.env(), "POSTKIT_TEST_PRELOAD": "atproto,httpx"}

    def landed(tokens: list[str]) -> int:
        """How many of the posts a kill left "sending" the server had made (getRecord at their keys)."""
        url = f"{account.service}/xrpc/com.atproto.repo.getRecord"
        found = [
            httpx.get(url, params={"repo": account.did, "collection": POST, "rkey": t}, timeout=30) for t in tokens
        ]
        return sum(answer.status_code == 200 for answer in found)

    figures, (final, again) = kill_and_rerun(args, env, state=state, runs=18, max_delay=0.6, seed=23, probe=landed)

    stored = records(account)
    with sqlite3.connect(state) as db:
        rows = list(db.execute("SELECT key, number, status, token, source FROM published"))
    texts = Counter(record["value"]["text"] for record in stored)  # every post's text is its own
    by_key = {record["uri"].rsplit("/", 1)[1]: record for record in stored}
    figures.posts = len(rows)
    figures.duplicates = sum(count - 1 for count in texts.values())
    figures.lost = sum(status != "sent" for _, _, status, _, _ in rows)
    figures.unknown = sum(status == "unknown" for _, _, status, _, _ in rows)
    print(figures.line("bluesky (PDS)"))  # noqa: T201 - the figures the issue asks for (pytest -s shows them)

    assert 0 == final.returncode, final.stderr
    assert "" == again.stdout
    assert (0, 0, 0) == (figures.duplicates, figures.lost, figures.unknown), figures.line("bluesky")
    assert len(stored) == len(rows) > 10
    assert set(by_key) == {token for _, _, _, token, _ in rows}  # each post at its planned key, nothing else
    tokens = {(key, number): token for key, number, _, token, _ in rows}
    for (key, number), token in tokens.items():  # threads chained, whatever the kills did
        if number > 1:
            parent = by_key[tokens[key, number - 1]]
            assert (parent["uri"], parent["cid"]) == (
                by_key[token]["value"]["reply"]["parent"]["uri"],
                by_key[token]["value"]["reply"]["parent"]["cid"],
            )
    assert figures.kills >= 12
    assert figures.mid_send >= 3
