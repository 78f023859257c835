"""Smoke tests of the test PDS with the atproto SDK: what Bluesky's own server accepts, stores and refuses.

These pin the server's answers the publisher will be built on (tests/pds/README.md has them in prose): a link
card post with an uploaded thumbnail is stored exactly as sent; the 300-grapheme limit; a post's record key
must be a TID; a second ``createRecord`` at a taken key is a bare 500 that ``getRecord`` has to settle.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import libipld
import pytest
from atproto import Client, client_utils, models
from atproto_client import exceptions
from atproto_client.request import Request

from pds import launcher

pytestmark = pytest.mark.pds

POST = "app.bsky.feed.post"
LOCK = Path(__file__).resolve().parent / "package-lock.json"
ARTICLE = "https://news.example/world/kaim-crossing"
RKEY = "3m2postkit222"  # a TID (the record key a post takes): 13 base32-sortable characters, first in 2-7a-j


def _png(width: int = 8, height: int = 6) -> bytes:
    """A real PNG (the PDS sniffs a blob's type from its bytes: a fake one is stored as */*)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"".join(bytes((x * 30, y * 40, 200)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _ipld(value: Any) -> Any:
    """atproto's JSON form to its data model: ``{"$link"}`` is a CID, ``{"$bytes"}`` bytes (libipld encodes
    CID-shaped bytes as a link)."""
    if isinstance(value, dict):
        if set(value) == {"$link"}:
            return libipld.decode_multibase(value["$link"])[1]
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"] + "==")
        return {key: _ipld(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_ipld(item) for item in value]
    return value


def _cid(record: dict[str, Any]) -> str:
    """The CID of a record's DAG-CBOR block (CIDv1, dag-cbor, sha2-256), made here from the JSON."""
    block = libipld.encode_dag_cbor(_ipld(record))
    return str(libipld.encode_cid(b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()))


@pytest.fixture(name="login")
def _login() -> Iterator[Callable[..., Client]]:
    """Log an SDK client in (a bare PDS has no app view, so without fetching a Bluesky profile); closed after."""
    clients: list[Client] = []

    def login(account: launcher.PdsAccount, request: Request | None = None) -> Client:
        client = Client(base_url=account.service, request=request)
        clients.append(client)
        client.login(account.handle, account.app_password, fetch_bsky_profile=False)
        return client

    yield login
    for client in clients:
        client.request.close()


def _get_record(account: launcher.PdsAccount, rkey: str) -> httpx.Response:
    params = {"repo": account.did, "collection": POST, "rkey": rkey}
    return httpx.get(f"{account.service}/xrpc/com.atproto.repo.getRecord", params=params, timeout=30)


def _create(
    client: Client, did: str, record: dict[str, Any], **extra: Any
) -> models.ComAtprotoRepoCreateRecord.Response:
    return client.com.atproto.repo.create_record({"repo": did, "collection": POST, "record": record, **extra})


def _refusal(error: exceptions.RequestErrorBase) -> tuple[int, str, str]:
    response = error.response
    assert response is not None
    assert isinstance(response.content, models.ComAtprotoRepoCreateRecord.Response) is False
    return response.status_code, response.content.error, response.content.message  # type: ignore[union-attr]


def _post(text: str, created_at: str = "2026-12-05T08:00:00.000Z") -> dict[str, Any]:
    return {"$type": POST, "text": text, "createdAt": created_at}


class TestServer:
    def test_is_the_pinned_pds_on_loopback_only(self, pds_server):
        """The server is the @atproto/pds the lock file pins, open without invites, handles under .test, and
        both of its ports (PDS, PLC) listen on 127.0.0.1 and nowhere else."""
        pinned = json.loads(LOCK.read_text(encoding="utf-8"))["packages"]["node_modules/@atproto/pds"]["version"]
        described = httpx.get(f"{pds_server.url}/xrpc/com.atproto.server.describeServer", timeout=30).json()

        assert (pinned, False, [".test"]) == (
            pds_server.version,
            described["inviteCodeRequired"],
            described["availableUserDomains"],
        )
        ports = {int(url.rsplit(":", 1)[1]) for url in (pds_server.url, pds_server.plc_url)}
        listening = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text(encoding="ascii").splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, port = local.split(":")
                if state == "0A" and int(port, 16) in ports:  # 0A: LISTEN
                    listening.add((address, int(port, 16)))
        assert {("0100007F", port) for port in ports} == listening  # 127.0.0.1, little-endian

    def test_app_password_logs_in(self, pds_server, pds_account, login):
        """The fixture's app password opens a session for the account's DID and handle."""
        client = login(pds_account)

        assert (pds_account.did, pds_account.handle) == (client._session.did, client._session.handle)  # type: ignore[union-attr]

    def test_login_fetching_a_profile_fails_on_a_bare_pds(self, pds_account):
        """The SDK's default login asks for the Bluesky profile, which a PDS without an app view cannot give:
        that is why every client of this server logs in with ``fetch_bsky_profile=False``."""
        client = Client(base_url=pds_account.service)

        with pytest.raises(exceptions.BadRequestError) as raised:
            client.login(pds_account.handle, pds_account.app_password)
        client.request.close()

        assert (400, "InvalidRequest", "No service configured for app.bsky.actor.getProfile") == _refusal(raised.value)


class TestLinkCard:
    def test_post_with_link_card_reads_back_byte_identical(self, pds_server, login):
        """send_post with a link facet and a link card whose thumbnail went up by uploadBlob: the record read
        back with getRecord is the one the SDK sent (same JSON; its CID, recomputed here from that JSON, is the
        one createRecord and getRecord give), and getBlob gives back the thumbnail's exact bytes."""
        account = pds_server.create_account()
        wire: list[bytes] = []

        def keep(request: httpx.Request) -> None:
            if request.url.path.endswith("/com.atproto.repo.createRecord"):
                wire.append(request.read())

        client = login(account, Request(event_hooks={"request": [keep]}))
        thumbnail = _png()
        blob = client.upload_blob(thumbnail).blob
        text = client_utils.TextBuilder().text("Kaim-Übergang öffnet wieder 🌍 ").link("news.example/kaim", ARTICLE)
        card = models.AppBskyEmbedExternal.External(
            uri=ARTICLE, title="Kaim crossing reopens", description="Iraq and Syria reopened it on Monday.", thumb=blob
        )

        created = client.send_post(
            text, embed=models.AppBskyEmbedExternal.Main(external=card), profile_identify=account.did
        )

        sent = json.loads(wire[-1])["record"]
        got = _get_record(account, created.uri.rsplit("/", 1)[1]).json()
        stored_thumb = got["value"]["embed"]["external"]["thumb"]
        link = got["value"]["facets"][0]
        fetched = httpx.get(
            f"{account.service}/xrpc/com.atproto.sync.getBlob",
            params={"did": account.did, "cid": stored_thumb["ref"]["$link"]},
            timeout=30,
        )
        assert (sent, created.cid, created.cid) == (got["value"], got["cid"], _cid(sent))
        assert ("image/png", len(thumbnail), blob.ref.link) == (
            stored_thumb["mimeType"],
            stored_thumb["size"],
            stored_thumb["ref"]["$link"],
        )
        assert thumbnail == fetched.content
        start, end = link["index"]["byteStart"], link["index"]["byteEnd"]
        assert ("news.example/kaim", ARTICLE) == (
            got["value"]["text"].encode()[start:end].decode(),
            link["features"][0]["uri"],
        )

    def test_sdk_adds_type_to_nested_dicts(self, pds_server, login):
        """``create_record`` with a plain dict sends the SDK's re-serialisation of it, which adds ``$type`` to
        nested objects (the card, the facet's byte slice): the stored record is that, not the dict. So the
        record a publisher compares with getRecord is the one on the wire, not the one it built."""
        account = pds_server.create_account()
        client = login(account)
        blob = client.upload_blob(_png()).blob
        record = {
            **_post("Kaim crossing reopens"),
            "facets": [
                {
                    "$type": "app.bsky.richtext.facet",
                    "index": {"byteStart": 0, "byteEnd": 4},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": ARTICLE}],
                }
            ],
            "embed": {
                "$type": "app.bsky.embed.external",
                "external": {
                    "uri": ARTICLE,
                    "title": "Kaim",
                    "description": "",
                    "thumb": {
                        "$type": "blob",
                        "ref": {"$link": blob.ref.link},
                        "mimeType": "image/png",
                        "size": blob.size,
                    },
                },
            },
        }

        created = _create(client, account.did, record)

        stored = _get_record(account, created.uri.rsplit("/", 1)[1]).json()["value"]
        assert ("app.bsky.embed.external#external", "app.bsky.richtext.facet#byteSlice") == (
            stored["embed"]["external"].pop("$type"),
            stored["facets"][0]["index"].pop("$type"),
        )
        assert record == stored
        assert created.cid != _cid(record)


class TestRefusals:
    @pytest.mark.parametrize("grapheme", ["a", "👍🏽"], ids=["ascii", "emoji-with-skin-tone"])
    def test_300_graphemes_pass_and_301_are_refused(self, pds_server, pds_account, grapheme, login):
        """app.bsky.feed.post's text is at most 300 graphemes (a thumbs-up with a skin tone is one grapheme
        of two code points and eight bytes): the PDS stores 300 and refuses 301 with a 400 naming the limit."""
        client = login(pds_account)

        created = _create(client, pds_account.did, _post(grapheme * 300))
        with pytest.raises(exceptions.BadRequestError) as raised:
            _create(client, pds_account.did, _post(grapheme * 301))

        assert created.uri.startswith(f"at://{pds_account.did}/{POST}/")
        assert (
            400,
            "InvalidRequest",
            "Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301) at $.record.text",
        ) == _refusal(raised.value)

    def test_post_record_key_must_be_a_tid(self, pds_account, login):
        """A post's record key is a TID (the lexicon's ``key: tid``): any other key is a 400, unless the
        record is sent with ``validate: false``, which skips the lexicon altogether (the publisher should not)."""
        client = login(pds_account)

        with pytest.raises(exceptions.BadRequestError) as raised:
            _create(client, pds_account.did, _post("keyed"), rkey="postkit-entry-1")
        unvalidated = _create(client, pds_account.did, _post("keyed"), rkey="postkit-entry-1", validate=False)

        assert (
            400,
            "InvalidRequest",
            'Invalid record key for app.bsky.feed.post: Invalid TID string (got "postkit-entry-1") at $',
        ) == _refusal(raised.value)
        assert unvalidated.uri.endswith("/postkit-entry-1")


class TestRecordKey:
    def test_second_create_with_one_rkey_is_a_bare_500_and_the_first_stands(self, pds_server, login):
        """createRecord at a record key that is taken answers HTTP 500 ``InternalServerError`` / "Internal
        Server Error" (the server's log says "There is already a value at key"), not a conflict, whether the
        record is the same or not; getRecord at that key then gives the first record, and the repository holds
        one post. So a retry that gets a 500 must read the key back before it counts as done (or as failed)."""
        account = pds_server.create_account()
        client = login(account)
        first = _create(client, account.did, _post("first"), rkey=RKEY)

        answers = []
        for again in (_post("first"), _post("second", created_at="2026-12-05T08:05:00.000Z")):
            with pytest.raises(exceptions.RequestException) as raised:
                _create(client, account.did, again, rkey=RKEY)
            answers.append(_refusal(raised.value))

        got = _get_record(account, RKEY).json()
        listed = client.com.atproto.repo.list_records({"repo": account.did, "collection": POST})
        assert [(500, "InternalServerError", "Internal Server Error")] * 2 == answers
        assert (first.uri, first.cid, _post("first")) == (got["uri"], got["cid"], got["value"])
        assert [first.uri] == [record.uri for record in listed.records]
        assert f"There is already a value at key: {POST}/{RKEY}" in pds_server.log.read_text(encoding="utf-8")

    def test_get_record_at_a_free_key_is_record_not_found(self, pds_account):
        """What a retry reads when its first attempt never landed: 400 RecordNotFound, so it may create."""
        answer = _get_record(pds_account, "3m2postkit333")

        assert (400, "RecordNotFound") == (answer.status_code, answer.json()["error"])
