"""Link cards and alt text: the Bluesky card is valid per the lexicon (atproto's models); alt flows on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from postkit import load_articles
from postkit.article import Article
from postkit.cli.main import main
from postkit.errors import FitError
from postkit.pipeline import Card, Row
from postkit.posts.composer import compose
from postkit.posts.thread import compose_thread, reply_to
from postkit.preview.page import render_preview
from strategies import SEED_TITLE, SEED_URL, articles

ROOT = Path(__file__).resolve().parents[2]
IMAGE = "https://news.example/img/kaim.jpg"
ARTICLE = Article(
    title=SEED_TITLE,
    url=SEED_URL,
    summary="Trucks cross again &amp; trade resumes.",
    image=IMAGE,
    image_alt="Lorries queue at the Kaim border gate",
)
BLOB = {
    "$type": "blob",
    "ref": {"$link": "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},
    "mimeType": "image/jpeg",
    "size": 48213,
}


def models():
    return pytest.importorskip("atproto").models


class TestBlueskyCard:
    def test_card_from_the_article(self) -> None:
        post = compose(ARTICLE, "bluesky")
        embed = post.payload()["embed"]

        assert "app.bsky.embed.external" == embed["$type"]
        assert {"uri": post.link, "title": SEED_TITLE, "description": "Trucks cross again & trade resumes."} == (
            embed["external"]
        )
        assert IMAGE == post.card_image

    def test_valid_per_the_lexicon_with_and_without_the_uploaded_thumb(self) -> None:
        record = compose(ARTICLE, "bluesky").payload()
        models().AppBskyFeedPost.Record.model_validate(record)
        record["embed"]["external"]["thumb"] = BLOB  # what the caller sets after uploadBlob
        parsed = models().AppBskyFeedPost.Record.model_validate(record)

        assert 48213 == parsed.embed.external.thumb.size

    def test_without_a_summary_the_description_is_empty(self) -> None:
        record = compose(Article(title=SEED_TITLE, url=SEED_URL), "bluesky").payload()

        assert "" == record["embed"]["external"]["description"]
        models().AppBskyFeedPost.Record.model_validate(record)

    def test_no_card_image_without_an_image(self) -> None:
        assert compose(Article(title=SEED_TITLE, url=SEED_URL), "bluesky").card_image is None

    def test_only_the_post_with_the_link_has_the_card(self) -> None:
        thread = compose_thread(ARTICLE, "bluesky", text="A sentence about the crossing. " * 40)
        payloads = thread.payloads()

        assert "embed" in payloads[0]
        assert all("embed" not in p for p in payloads[1:])
        root = {"uri": "at://did:plc:abc/app.bsky.feed.post/3k", "cid": "bafyreia"}
        for payload in payloads[1:]:
            models().AppBskyFeedPost.Record.model_validate(reply_to(payload, "bluesky", root))

    def test_other_platforms_have_no_card_image(self) -> None:
        assert compose(ARTICLE, "mastodon").card_image is None


@given(articles())
def test_every_bluesky_record_is_valid(article: Article) -> None:
    """Property: whatever the record, the composed Bluesky payload passes the SDK's lexicon models."""
    try:
        post = compose(article, "bluesky")
    except FitError:
        return
    models().AppBskyFeedPost.Record.model_validate(post.payload())


class TestAltText:
    def test_instagram_carries_alt_text(self) -> None:
        payload = compose(ARTICLE, "instagram").payload()

        assert {"image_url": IMAGE, "alt_text": "Lorries queue at the Kaim border gate"} == {
            k: payload[k] for k in ("image_url", "alt_text")
        }

    def test_no_alt_text_without_alt(self) -> None:
        payload = compose(Article(title=SEED_TITLE, url=SEED_URL, image=IMAGE), "instagram").payload()

        assert "alt_text" not in payload

    def test_read_from_json_and_text_records(self, tmp_path: Path) -> None:
        (tmp_path / "a.json").write_text(
            json.dumps({"title": "T", "url": SEED_URL, "image": IMAGE, "image_alt": "A gate"}), "utf-8"
        )
        (tmp_path / "b.txt").write_text(f"T\n\nURL: {SEED_URL}\nImage: {IMAGE}\nImage Alt: A  gate\n", "utf-8")

        assert ["A gate", "A gate"] == [a.image_alt for a in load_articles(tmp_path) if isinstance(a, Article)]


class TestSurfaces:
    def test_preview_shows_the_card(self) -> None:
        post = compose(ARTICLE, "bluesky")
        page = render_preview([Row(ARTICLE, (Card(post.platform, post),))])

        assert 'data-card="app.bsky.embed.external"' in page
        assert "Lorries queue at the Kaim border gate" in page
        assert "Trucks cross again &amp; trade resumes." in page

    def test_cli_payload_names_the_card_image(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"title": "T", "url": SEED_URL, "image": IMAGE}), "utf-8")

        assert 0 == main(["compose", str(path), "-p", "bluesky,x", "-f", "jsonl", "--payload"])
        bluesky, x = map(json.loads, capsys.readouterr().out.splitlines())
        assert IMAGE == bluesky["card_image"]
        assert "card_image" not in x
