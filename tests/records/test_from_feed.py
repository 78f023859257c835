"""Tests for postkit.records.from_feed: RSS/Atom entries as Articles, nothing lost, not-a-feed is an error."""

from __future__ import annotations

import io
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import load_articles
from postkit.article import Article
from postkit.errors import RecordError
from postkit.records import _feed_stream, from_feed
from postkit.records.reading import iter_records

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "feeds"


def rss(items: str, channel: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>'
        f"<link>https://news.example/</link>{channel}{items}</channel></rss>"
    )


def item(title: str = "A story", link: str = "https://news.example/a", extra: str = "") -> str:
    return f"<item><title>{title}</title><link>{link}</link>{extra}</item>"


def load(tmp_path: Path, text: str | bytes, name: str = "feed.xml") -> list[Article | RecordError]:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return list(load_articles(path))


class TestExamples:
    def test_rss_example(self) -> None:
        first, second = load_articles(EXAMPLES / "harbour-wire.rss")

        assert isinstance(first, Article)
        assert isinstance(second, Article)
        assert "Rotterdam opens its first all-electric container berth" == first.title
        assert first.summary is not None
        assert first.summary.startswith("Cranes, straddle carriers")
        assert "<" not in first.summary
        assert "terminal’s diesel" in first.summary
        assert ("Shipping", "Energy") == first.tags
        assert "en-GB" == first.language
        assert "harbour-wire-2025-0412" == first.id
        assert "2025-04-12T06:30:00Z" == first.published
        assert "Maria de Vries" == first.author
        assert "https://news.example/img/rotterdam-berth.jpg" == first.image
        assert first.body is not None
        assert 3 == first.body.count("\n\n") + 1
        assert "Aqaba & Eilat agree on a shared desalination study" == second.title
        assert "https://news.example/harbour/aqaba-eilat-desalination" == second.url
        assert "https://news.example/img/aqaba.png" == second.image

    def test_atom_example(self) -> None:
        first, second = load_articles(EXAMPLES / "climate-desk.atom")

        assert isinstance(first, Article)
        assert isinstance(second, Article)
        assert "Leipzig’s heat store doubles in size" == first.title
        assert ("Energy", "District heating") == first.tags
        assert "en" == first.language
        assert "de" == second.language
        assert "Jonas Richter" == first.author
        assert "https://climate.example/img/leipzig-tank.jpg" == first.image
        assert "2025-04-19T06:00:00Z" == second.published  # updated, +02:00 converted to UTC


class TestEntries:
    def test_every_entry_is_an_article_or_an_error(self, tmp_path: Path) -> None:
        items = item() + item(title="") + item(link="ftp://x.example/") + item(title="B", link="https://news.example/b")
        results = load(tmp_path, rss(items))

        assert [Article, RecordError, RecordError, Article] == [type(r) for r in results]

    def test_error_names_feed_entry_and_field(self, tmp_path: Path) -> None:
        results = load(tmp_path, rss(item(link="", extra='<guid isPermaLink="false">g-7</guid>')))

        (error,) = results
        assert isinstance(error, RecordError)
        assert error.path is not None
        assert error.path.endswith("feed.xml")
        assert 1 == error.index
        assert "url" == error.field
        assert "'g-7'" in str(error)
        assert "\n" not in str(error)

    def test_language_from_entry_over_feed(self, tmp_path: Path) -> None:
        atom = (
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>t</title><id>x</id>'
            '<entry><title>Un</title><link href="https://n.example/1"/><id>1</id></entry>'
            '<entry xml:lang="pt-br"><title>Dois</title><link href="https://n.example/2"/><id>2</id></entry></feed>'
        )
        first, second = load(tmp_path, atom, "f.atom")

        assert isinstance(first, Article)
        assert isinstance(second, Article)
        assert ("fr", "pt-BR") == (first.language, second.language)

    def test_each_entry_names_its_feed(self, tmp_path: Path) -> None:
        """The feed's own identity (atom:id, else its link, else its title), not the file it was saved to: an
        RSS guid is unique only within its feed, and the state file keys an entry by both."""
        atom = (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>tag:news.example,2025:feed</id>'
            '<link href="https://news.example/"/><entry><title>Un</title><link href="https://n.example/1"/>'
            "<id>g1</id></entry></feed>"
        )
        untitled = '<rss version="2.0"><channel><title>Only a title</title>' + item() + "</channel></rss>"
        found = [
            *load(tmp_path, atom, "a.atom"),
            *load(tmp_path, rss(item()), "b.xml"),
            *load(tmp_path, untitled, "c.xml"),
        ]

        assert ["tag:news.example,2025:feed", "https://news.example/", "Only a title"] == [
            article.feed for article in found if isinstance(article, Article)
        ]

    def test_two_feeds_may_both_have_a_g1(self, tmp_path: Path) -> None:
        """Another feed's g1 is another entry: no duplicate-id error within one run."""
        first = tmp_path / "a.xml"
        second = tmp_path / "b.xml"
        guid = item(extra='<guid isPermaLink="false">g1</guid>')
        first.write_text(rss(guid), "utf-8")
        second.write_text(rss(guid).replace("https://news.example/</link>", "https://other.example/</link>"), "utf-8")
        from postkit.records._ids import IdRegistry  # noqa: PLC0415
        from postkit.records.reading import iter_records  # noqa: PLC0415

        ids = IdRegistry()
        values = [r.value for path in (first, second) for r in iter_records(path, seen_ids=ids)]

        assert [("https://news.example/", "g1"), ("https://other.example/", "g1")] == [
            (v.feed, v.id) for v in values if isinstance(v, Article)
        ]

    def test_summary_falls_back_to_the_first_paragraph_of_content(self, tmp_path: Path) -> None:
        content = (
            '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<![CDATA[<p>First &amp; foremost.</p><p>Second.</p>]]></content:encoded>"
        )
        (article,) = load(tmp_path, rss(item(extra=content)))

        assert isinstance(article, Article)
        assert "First & foremost." == article.summary
        assert "First & foremost.\n\nSecond." == article.body

    def test_relative_image_is_resolved_against_the_link(self, tmp_path: Path) -> None:
        extra = '<enclosure url="../img/a.jpg" type="image/jpeg" length="1"/>'
        (article,) = load(tmp_path, rss(item(link="https://news.example/world/a", extra=extra)))

        assert isinstance(article, Article)
        assert "https://news.example/img/a.jpg" == article.image

    def test_audio_enclosure_is_not_an_image(self, tmp_path: Path) -> None:
        extra = '<enclosure url="https://news.example/a.mp3" type="audio/mpeg" length="1"/>'
        (article,) = load(tmp_path, rss(item(extra=extra)))

        assert isinstance(article, Article)
        assert article.image is None

    def test_an_empty_feed_is_zero_records(self, tmp_path: Path) -> None:
        assert [] == load(tmp_path, rss(""))


WORDPRESS = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><title>Blog</title><link>https://blog.example</link>
<language>en-US</language><item><title>Hello &#8211; world</title><link>https://blog.example/hello/</link>
<dc:creator><![CDATA[Ana Ruiz]]></dc:creator><pubDate>Tue, 15 Apr 2025 10:00:00 +0000</pubDate>
<category><![CDATA[News]]></category><guid isPermaLink="false">https://blog.example/?p=123</guid>
<description><![CDATA[<p>Short teaser&#8230;</p>]]></description>
<content:encoded><![CDATA[<p>Full text here.</p><p>Second para.</p>]]></content:encoded><slash:comments>3</slash:comments>
</item></channel></rss>"""
YOUTUBE = b"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015"
 xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom"><title>Channel</title>
<entry><id>yt:video:abc123</id><yt:videoId>abc123</yt:videoId><title>Video title</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=abc123"/><author><name>Channel</name></author>
<published>2025-04-10T12:00:00+00:00</published><media:group><media:title>Video title</media:title>
<media:content url="https://www.youtube.com/v/abc123" type="application/x-shockwave-flash"/>
<media:thumbnail url="https://i.ytimg.com/vi/abc123/hqdefault.jpg" width="480" height="360"/>
<media:description>About the video.</media:description></media:group></entry></feed>"""
PODCAST = b"""<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Pod</title><link>https://pod.example</link><language>de</language><item><title>Folge 1</title>
<link>https://pod.example/1</link><enclosure url="https://pod.example/1.mp3" type="audio/mpeg" length="123"/>
<itunes:image href="https://pod.example/1.jpg"/><itunes:summary>Worum es geht.</itunes:summary></item>
</channel></rss>"""


class TestRealWorldShapes:
    """The shapes of feeds publishers have: WordPress, YouTube's Atom, a podcast."""

    def only(self, data: bytes) -> Article:
        ((_, article),) = from_feed.feed_entries(io.BytesIO(data), "f.xml")
        assert isinstance(article, Article), str(article)
        return article

    def test_wordpress(self) -> None:
        article = self.only(WORDPRESS)

        assert ("Hello – world", "Ana Ruiz", ("News",), "en-US") == (
            article.title,
            article.author,
            article.tags,
            article.language,
        )
        assert "Short teaser…" == article.summary
        assert "Full text here.\n\nSecond para." == article.body

    def test_youtube(self) -> None:
        article = self.only(YOUTUBE)

        assert "https://i.ytimg.com/vi/abc123/hqdefault.jpg" == article.image  # not the Flash media:content
        assert "About the video." == article.summary
        assert "2025-04-10T12:00:00Z" == article.published

    def test_podcast(self) -> None:
        article = self.only(PODCAST)

        assert "https://pod.example/1.jpg" == article.image  # itunes:image, not the audio enclosure
        assert ("Worum es geht.", "de") == (article.summary, article.language)


class TestNotAFeed:
    @pytest.mark.parametrize("text", ["<html><body><p>hi</p></body></html>", '{"title": "x"}', "plain words"])
    def test_one_error(self, tmp_path: Path, text: str) -> None:
        (error,) = load(tmp_path, text, "f.rss")

        assert isinstance(error, RecordError)
        assert "not an RSS or Atom feed" in error.message

    def test_oversized_malformed_feed_is_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A feed read whole (here: malformed, feedparser's job to repair) is bounded."""
        monkeypatch.setattr(from_feed, "MAX_FEED_BYTES", 1000)
        (error,) = load(tmp_path, rss(item() * 50).replace("</channel>", ""))

        assert isinstance(error, RecordError)
        assert "larger than" in error.message

    def test_oversized_well_formed_feed_streams(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(from_feed, "MAX_FEED_BYTES", 1000)
        items = "".join(item(f"S{i}", f"https://news.example/{i}") for i in range(50))

        assert 50 == sum(isinstance(r, Article) for r in load(tmp_path, rss(items)))

    def test_a_document_naming_a_file_is_not_that_file(self, tmp_path: Path) -> None:
        """feedparser opens bytes that name a file; postkit hands it a stream, so the text is the document."""
        real = tmp_path / "real.xml"
        real.write_text(rss(item()), "utf-8")
        (error,) = load(tmp_path, str(real), "pointer.xml")

        assert isinstance(error, RecordError)
        assert "not an RSS or Atom feed" in error.message


class TestStdin:
    def test_a_feed_on_stdin(self, monkeypatch: pytest.MonkeyPatch) -> None:
        data = (EXAMPLES / "harbour-wire.rss").read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n  " + data)))
        records = list(iter_records("-"))

        assert 2 == len(records)
        assert all(r.ok for r in records)
        assert {"<stdin>"} == {r.path for r in records}

    def test_json_lines_on_stdin_still_work(self, monkeypatch: pytest.MonkeyPatch) -> None:
        line = b'{"title": "T", "url": "https://news.example/a"}\n'
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line * 2)))

        assert 2 == sum(r.ok for r in iter_records("-"))


_FIELD = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@st.composite
def hostile_items(draw: Any) -> str:
    """An item with random, possibly broken or missing, fields (escaped: the XML stays well-formed)."""
    from xml.sax.saxutils import escape  # noqa: PLC0415

    parts = []
    if draw(st.booleans()):
        parts.append(f"<title>{escape(draw(_FIELD))}</title>")
    if draw(st.booleans()):
        link = draw(st.one_of(_FIELD, st.just("https://news.example/x"), st.just("javascript:x")))
        parts.append(f"<link>{escape(link)}</link>")
    if draw(st.booleans()):
        parts.append(f"<pubDate>{escape(draw(_FIELD))}</pubDate>")
    if draw(st.booleans()):
        parts.append(f"<description>{escape(draw(_FIELD))}</description>")
    return "<item>" + "".join(parts) + "</item>"


@given(st.lists(hostile_items(), max_size=8))
def test_nothing_is_lost(items: list[str]) -> None:
    """Every entry ends as exactly one Article or one one-line RecordError."""
    data = rss("".join(items)).encode()
    results = list(from_feed.feed_entries(io.BytesIO(data), "f.xml"))

    assert list(range(1, len(items) + 1)) == [n for n, _ in results]
    for _, value in results:
        assert isinstance(value, Article | RecordError)
        if isinstance(value, RecordError):
            assert "\n" not in str(value)
            assert str(value).startswith("f.xml, record ")


def outcomes(data: bytes, *, stream: bool) -> list[tuple[int, str]]:
    return [
        (n, repr(v) if isinstance(v, Article) else str(v))
        for n, v in from_feed.feed_entries(io.BytesIO(data), "f.xml", stream=stream)
    ]


FEED_FILES = sorted([*EXAMPLES.glob("*.rss"), *EXAMPLES.glob("*.atom"), *(ROOT / "tests" / "hostile").glob("feed-*")])


class TestStreamingMatchesTheWholeParse:
    """The batched path gives exactly what feedparser gives for the whole document."""

    @pytest.mark.parametrize("path", FEED_FILES, ids=lambda p: p.name)
    def test_files(self, path: Path) -> None:
        data = path.read_bytes()

        assert outcomes(data, stream=False) == outcomes(data, stream=True)

    @pytest.mark.parametrize("data", [WORDPRESS, YOUTUBE, PODCAST], ids=["wordpress", "youtube", "podcast"])
    def test_real_world_shapes(self, data: bytes) -> None:
        assert _feed_stream.scan(io.BytesIO(data)) is not None
        assert outcomes(data, stream=False) == outcomes(data, stream=True)

    def test_batches_are_used(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_feed_stream, "BATCH_ENTRIES", 3)
        items = "".join(item(f"S{i}", f"https://news.example/{i}") for i in range(10))
        layout = _feed_stream.scan(io.BytesIO(rss(items).encode()))

        assert layout is not None
        assert [3, 3, 3, 1] == [n for n, _ in _feed_stream.batches(io.BytesIO(rss(items).encode()), layout)]

    @pytest.mark.parametrize(
        "doc",
        [
            '<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel><item><title>a</title></item></channel></rss>',
            "<rss><channel><item><title>unclosed</channel></rss>",
            '<?xml version="1.0" encoding="UTF-16"?><rss/>',
            "<html><body><p>no entries</p></body></html>",
        ],
    )
    def test_read_whole_when_streaming_does_not_apply(self, doc: str) -> None:
        assert _feed_stream.scan(io.BytesIO(doc.encode())) is None

    @given(st.lists(hostile_items(), max_size=8), st.sampled_from(["", "<language>fr</language>"]), st.integers(1, 4))
    def test_generated_feeds(self, items: list[str], channel: str, batch: int) -> None:
        data = rss("".join(items), channel).encode()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_feed_stream, "BATCH_ENTRIES", batch)
            assert outcomes(data, stream=False) == outcomes(data, stream=True)

    def test_atom_with_namespaces_and_xhtml(self) -> None:
        atom = (
            '<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom" xml:lang="de" '
            'xml:base="https://n.example/blog/"><a:title>t</a:title><a:id>x</a:id>'
            + "".join(
                f'<a:entry><a:title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Eintrag '
                f'<b>{i}</b></div></a:title><a:link href="p/{i}"/><a:id>e{i}</a:id></a:entry>'
                for i in range(5)
            )
            + "</a:feed>"
        ).encode()
        streamed = outcomes(atom, stream=True)

        assert outcomes(atom, stream=False) == streamed
        assert "url='https://n.example/blog/p/4'" in streamed[-1][1]
        assert "language='de'" in streamed[-1][1]


def test_flat_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Peak traced memory reading 4,000 entries is about that of 200 (batches of 20 here; 200 by default).

    The 10,000-entry figure is measured in a child process by benchmarks/bench_feed.py.
    """
    monkeypatch.setattr(_feed_stream, "BATCH_ENTRIES", 20)
    assert 1 == len(load(tmp_path, rss(item())))  # imports and caches out of the way
    peaks = []
    # The first 4,000 fills the bounded caches (hashtags, blurbs), so both measured runs start full.
    for n in (4_000, 200, 4_000):
        path = tmp_path / f"{n}.rss"
        path.write_text(rss("".join(item(f"Story {i}", f"https://news.example/{i}") for i in range(n))), "utf-8")
        tracemalloc.start()
        count = sum(1 for _ in load_articles(path))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert n == count

    # Streamed, 4,000 entries peak at 2.4-2.6 times 200 (the id registry grows ~32 bytes a record; the 200-entry
    # peak moves by a few KB with what earlier tests left in caches); read whole: about 5 times.
    assert peaks[2] < 3 * peaks[1], peaks


@pytest.mark.slow
def test_ten_thousand_entries(tmp_path: Path) -> None:
    """A 10,000-entry feed loads whole: every entry an Article (memory: benchmarks/bench_feed.py)."""
    items = "".join(
        item(f"Story {i}", f"https://news.example/{i}", f'<guid isPermaLink="false">s{i}</guid>') for i in range(10_000)
    )
    results = load(tmp_path, rss(items))

    assert 10_000 == sum(isinstance(r, Article) for r in results)
