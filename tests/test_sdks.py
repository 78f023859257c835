"""The payloads against the SDKs users post with (no network: the transport is mocked).

* atproto: ``models.AppBskyFeedPost.Record(**payload)`` validates every example's
  Bluesky payload, and ``Client.send_post(text=..., facets=..., langs=..., embed=...)`` sends
  the same record (text, facets, langs, link card) to ``com.atproto.repo.createRecord``.
* Mastodon.py: ``Mastodon.status_post(**payload)`` posts to ``/api/v1/statuses`` with the
  payload's status, visibility and language.
* tweepy: ``Client.create_tweet(**payload)`` posts the text to ``/2/tweets``, and a thread's
  replies (``reply_to``) with the ``reply.in_reply_to_tweet_id`` tweepy builds from the payload.

The README's "Posting with your SDK" shows these calls.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
import tweepy
from atproto import Client, models
from atproto_client.request import Response
from mastodon import Mastodon

from postkit import compose, load_articles

EXAMPLES = Path(__file__).parents[1] / "examples"
ARTICLES = [a for a in load_articles(EXAMPLES) if not isinstance(a, Exception)]
IDS = [a.id or a.title[:20] for a in ARTICLES]


def untyped(value):
    """``value`` without ``$type`` keys (atproto writes them on every nested object; postkit on some)."""
    if isinstance(value, dict):
        return {k: untyped(v) for k, v in value.items() if k != "$type"}
    if isinstance(value, list):
        return [untyped(v) for v in value]
    return value


def test_there_are_examples():
    assert len(ARTICLES) >= 8


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
class TestBluesky:
    def test_record_validates(self, article):
        payload = compose(article, "bluesky").payload()
        record = models.AppBskyFeedPost.Record(**payload)

        assert (payload["text"], payload["$type"]) == (record.text, record.py_type)
        assert untyped(payload["facets"]) == untyped(
            [f.model_dump(by_alias=True, exclude_none=True) for f in record.facets or []]
        )

    def test_send_post_sends_the_record(self, article):
        payload = compose(article, "bluesky").payload()
        record = models.AppBskyFeedPost.Record(**payload)
        client = Client()
        sent: list[dict] = []

        def post(*_args, **kwargs):
            sent.append(kwargs)
            return Response(
                success=True,
                status_code=200,
                headers={},
                content={"uri": "at://did:plc:test/app.bsky.feed.post/1", "cid": "bafyreitest"},
            )

        with mock.patch.object(client.request, "post", side_effect=post):
            client.send_post(
                text=record.text,
                facets=record.facets,
                langs=record.langs,
                embed=record.embed,
                profile_identify="did:plc:test",
            )
        body = json.loads(sent[0]["content"])

        assert sent[0]["url"].endswith("/xrpc/com.atproto.repo.createRecord")
        assert untyped({k: v for k, v in payload.items() if k != "createdAt"}) == untyped(
            {k: v for k, v in body["record"].items() if k != "createdAt"}
        )


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_mastodon_status_post(article):
    payload = compose(article, "mastodon").payload()
    api = Mastodon(access_token="token", api_base_url="https://mastodon.example", version_check_mode="none")
    calls: list[tuple] = []

    def request(_self, method, endpoint, params=None, *_args, **_kwargs):
        calls.append((method, endpoint, params))
        return {"id": "1", "content": params["status"]}

    with mock.patch.object(Mastodon, "_Mastodon__api_request", request):
        api.status_post(**payload)
    method, endpoint, params = calls[0]

    assert ("POST", "/api/v1/statuses") == (method, endpoint)
    assert payload == {k: params[k] for k in payload}


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_tweepy_create_tweet(article):
    payload = compose(article, "x").payload()
    client = tweepy.Client(consumer_key="a", consumer_secret="b", access_token="c", access_token_secret="d")
    sent: list[tuple] = []

    def request(_self, method, route, params=None, json=None, user_auth=False):
        sent.append((method, route, json))
        response = mock.Mock(status_code=201)
        response.json.return_value = {"data": {"id": "1", "text": json["text"]}}
        return response

    with mock.patch.object(tweepy.Client, "request", request):
        result = client.create_tweet(**payload)

    assert [("POST", "/2/tweets", payload)] == sent
    assert payload["text"] == result.data["text"]


def test_tweepy_create_tweet_a_thread():
    """The README's loop on X: every reply payload goes to create_tweet(**payload) as it is (tweepy is the oracle)."""
    from postkit import compose_thread, reply_to  # noqa: PLC0415

    article = max(ARTICLES, key=lambda a: len(a.body or a.summary or ""))
    thread = compose_thread(article, "x", max_posts=3)
    client = tweepy.Client(consumer_key="a", consumer_secret="b", access_token="c", access_token_secret="d")
    sent: list[dict] = []

    def request(_self, method, route, params=None, json=None, user_auth=False):
        sent.append(json)
        response = mock.Mock(status_code=201)
        response.json.return_value = {"data": {"id": str(100 + len(sent)), "text": json["text"]}}
        return response

    parent = None
    with mock.patch.object(tweepy.Client, "request", request):
        for payload in thread.payloads():
            sending = payload if parent is None else reply_to(payload, "x", parent)
            parent = client.create_tweet(**sending).data  # the answer's data: {"id", "text"}

    assert len(sent) == len(thread.posts) >= 2
    assert "reply" not in sent[0]
    assert [body["reply"] for body in sent[1:]] == [
        {"in_reply_to_tweet_id": str(101 + i)} for i in range(len(sent) - 1)
    ]
