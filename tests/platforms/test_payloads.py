"""Tests for postkit.payloads: what an API client sends for each platform."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import regex
from hypothesis import given

from postkit.article import Article
from postkit.errors import FitError
from postkit.platforms.bluesky import short_url
from postkit.platforms.counting import measurements
from postkit.platforms.linkedin import escape_little
from postkit.posts.composer import compose
from postkit.text import graphemes
from strategies import SEED_TITLE, SEED_URL, articles

LITTLE_RESERVED = "\\|{}@[]()<>#*_~"


def facet_texts(record: dict[str, object]) -> list[tuple[str, dict[str, str]]]:
    """Each facet's selected text (decoded from the UTF-8 byte range) and its feature."""
    data = str(record["text"]).encode("utf-8")
    facets = record.get("facets", [])
    assert isinstance(facets, list)
    return [(data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8"), f["features"][0]) for f in facets]


def unescape_little(text: str) -> str:
    return regex.sub(r"\\([\\|{}@\[\]()<>#*_~])", r"\1", text)


class TestBlueskyRecord:
    """Tests for bluesky_record (Post.payload() on Bluesky)."""

    def test_seed(self, seed: Article) -> None:
        """Shortened link text, link facet with the full URL, tag facets, langs, createdAt."""
        post = compose(seed, "bluesky")
        when = dt.datetime(2025, 4, 19, 8, 0, tzinfo=dt.UTC)

        record = post.payload(when)

        shown = short_url(post.link or "")
        assert "app.bsky.feed.post" == record["$type"]
        assert "2025-04-19T08:00:00Z" == record["createdAt"]
        assert ["en"] == record["langs"]
        assert post.text.replace(post.link or "", shown) == record["text"]
        assert [
            (shown, {"$type": "app.bsky.richtext.facet#link", "uri": post.link}),
            ("#MiddleEast", {"$type": "app.bsky.richtext.facet#tag", "tag": "MiddleEast"}),
            ("#Iraq", {"$type": "app.bsky.richtext.facet#tag", "tag": "Iraq"}),
            ("#Syria", {"$type": "app.bsky.richtext.facet#tag", "tag": "Syria"}),
        ] == facet_texts(record)

    def test_multibyte_offsets(self) -> None:
        """Byte offsets count UTF-8 bytes (emoji, Arabic, CJK before the link)."""
        article = Article(
            title="افتتاح 👨\u200d👩\u200d👧 中国 🇮🇶",
            url="https://news.example.com/world/kaim-crossing-reopens",
            language="ar",
            tags=("العراق", "Ελλάδα"),
        )

        record = compose(article, "bluesky").payload()

        texts = facet_texts(record)
        assert "news.example.com/world/kaim-c..." == texts[0][0]
        assert ["#العراق", "#Ελλάδα"] == [t for t, _ in texts[1:]]
        assert ["ar"] == record["langs"]

    def test_url_in_title_gets_a_facet(self) -> None:
        """A link in the title is shortened and faceted too, as the app would (and as measure counts)."""
        article = Article(title="Read https://example.com/a/very/long/path/here first", url=SEED_URL)

        record = compose(article, "bluesky").payload()

        assert [("example.com/a/very/long/...", "https://example.com/a/very/long/path/here")] == [
            (t, f["uri"]) for t, f in facet_texts(record) if "uri" in f
        ][:1]

    def test_tag_inside_a_word_is_not_faceted(self) -> None:
        """'#Iraq' glued to a word is not a hashtag; the standalone one is."""
        article = Article(title="Q&A#Iraq talks", url=SEED_URL, tags=("Iraq",))

        record = compose(article, "bluesky").payload()

        tags = [t for t, f in facet_texts(record) if "tag" in f]
        assert ["#Iraq"] == tags
        assert record["text"].endswith("#Iraq")

    @given(article=articles(max_words=15))
    def test_facets_select_exactly(self, article: Article) -> None:
        """Every facet's bytes are its link's shown text or '#' + its tag; the text as sent fits."""
        try:
            post = compose(article, "bluesky")
        except FitError:
            return

        record = post.payload()

        text = str(record["text"])
        assert len(graphemes(text)) <= 300
        assert len(text.encode("utf-8")) <= 3000
        assert not any(m.over for m in measurements(post.text, "bluesky"))
        for selected, feature in facet_texts(record):
            if "tag" in feature:
                assert "#" + feature["tag"] == selected
            else:
                assert short_url(feature["uri"]) == selected or feature["uri"].endswith(selected)
        spans = [(f["index"]["byteStart"], f["index"]["byteEnd"]) for f in record.get("facets", [])]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
        if post.link:
            assert post.link in [f.get("uri") for _, f in facet_texts(record)]


class TestEscapeLittle:
    """Tests for escape_little (LinkedIn commentary)."""

    @pytest.mark.parametrize(
        ("text", "hashtags", "expected"),
        [
            ("Q&A (live)", (), "Q&A \\(live\\)"),
            ("#MiddleEast now", ("#MiddleEast",), "#MiddleEast now"),
            ("#MiddleEastern", ("#MiddleEast",), "\\#MiddleEastern"),
            ("see https://a.example/x_(y)?q=[1]", (), "see https://a.example/x_(y)?q=[1]"),
            ("a\\b|c{d}e@f[g]h<i>j*k_l~m", (), "a\\\\b\\|c\\{d\\}e\\@f\\[g\\]h\\<i\\>j\\*k\\_l\\~m"),
            ("C# and F#", (), "C\\# and F\\#"),
        ],
        ids=["parens", "hashtag-kept", "hashtag-prefix-escaped", "url-kept", "all-reserved", "hash-in-words"],
    )
    def test_escapes(self, text: str, hashtags: tuple[str, ...], expected: str) -> None:
        """Reserved characters are backslash-escaped outside URLs and intended hashtags."""
        assert expected == escape_little(text, hashtags)

    @given(article=articles(max_words=12))
    def test_round_trip(self, article: Article) -> None:
        """Unescaping the commentary gives the post text back; nothing reserved is left bare outside URLs/tags."""
        post = compose(article, "linkedin")

        commentary = post.payload()["commentary"]

        assert post.text == unescape_little(commentary)
        bare = regex.sub(r"https?://[^\s<>\"]+", "", regex.sub(r"\\[\\|{}@\[\]()<>#*_~]", "", commentary))
        for tag in post.hashtags:
            bare = bare.replace(tag, "")
        assert [] == [c for c in bare if c in LITTLE_RESERVED]


class TestBuildPayload:
    """Tests for build_payload (Post.payload()) per platform."""

    def test_mastodon(self) -> None:
        """status, visibility and the primary language subtag."""
        article = Article(title="Título", url=SEED_URL, language="pt-BR")
        post = compose(article, "mastodon")

        assert {"status": post.text, "visibility": "public", "language": "pt"} == post.payload()

    @pytest.mark.parametrize("platform", ["x", "threads"], ids=["x", "threads"])
    def test_text_platforms(self, plain: Article, platform: str) -> None:
        """X and Threads send the text."""
        post = compose(plain, platform)

        assert post.text == post.payload()["text"]

    def test_linkedin(self, plain: Article) -> None:
        """LinkedIn: escaped commentary, public, published, main feed."""
        article = Article(title="Q&A (live): Kaim_crossing", url=SEED_URL, tags=("Iraq",))
        post = compose(article, "linkedin")

        payload = post.payload()

        assert payload["commentary"].startswith("Q&A \\(live\\): Kaim\\_crossing")
        assert post.link in payload["commentary"]
        assert payload["commentary"].endswith("#Iraq")
        assert ("PUBLIC", "PUBLISHED", {"feedDistribution": "MAIN_FEED"}) == (
            payload["visibility"],
            payload["lifecycleState"],
            payload["distribution"],
        )

    def test_telegram_text_and_caption(self) -> None:
        """Telegram: a photo caption when there is an image and the text fits 1024; a longer text keeps the photo
        as its large link preview (not dropped); no image, plain text."""
        with_image = Article(title=SEED_TITLE, url=SEED_URL, image="https://news.example/i.jpg")
        long_with_image = Article(
            title=SEED_TITLE, url=SEED_URL, image="https://news.example/i.jpg", summary="word " * 400
        )

        short = compose(with_image, "telegram")
        long = compose(long_with_image, "telegram")

        assert {"photo": "https://news.example/i.jpg", "caption": short.text} == short.payload()
        assert {
            "text": long.text,
            "link_preview_options": {
                "url": "https://news.example/i.jpg",
                "prefer_large_media": True,
                "show_above_text": True,
            },
        } == long.payload()
        assert 1024 < len(long.text)
        assert {"text": compose(Article(title=SEED_TITLE, url=SEED_URL), "telegram").text} == compose(
            Article(title=SEED_TITLE, url=SEED_URL), "telegram"
        ).payload()

    def test_instagram(self) -> None:
        """Instagram: caption (no URL), the image, and the tracked link for the bio or a link sticker."""
        article = Article(title=SEED_TITLE, url=SEED_URL, image="https://news.example/i.jpg")
        post = compose(article, "instagram")

        assert {
            "caption": post.text,
            "image_url": "https://news.example/i.jpg",
            "link": f"{SEED_URL}?utm_source=instagram&utm_medium=social",
        } == post.payload()
        assert "http" not in post.payload()["caption"]

    def test_facebook(self, plain: Article) -> None:
        """Facebook: message and link."""
        post = compose(plain, "facebook")

        assert {"message": post.text, "link": post.link} == post.payload()

    def test_custom_platform_by_counter(self, plain: Article) -> None:
        """A custom platform counting like Bluesky gets a Bluesky record."""
        from strategies import tiny_platform  # noqa: PLC0415

        post = compose(plain, tiny_platform(200, "bluesky", "my-bsky"))

        assert "app.bsky.feed.post" == post.payload()["$type"]
