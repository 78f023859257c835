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


ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{head}{entries}</feed>"""


def atom(entries: str, head: str = '<link href="https://e.example/"/>') -> str:
    return ATOM.format(head=head, entries=entries)


class TestOneFieldDoesNotCostTheEntry:
    """Issue 20: a link relative to the feed, an unreadable date, a missing title are no longer the entry's end."""

    @pytest.mark.parametrize(
        "date",
        ["9999-12-31T23:59:59-23:00", "0000-00-00T00:00:00Z"],
        ids=["year-10000", "year-0"],
    )
    def test_a_date_outside_pythons_range_is_a_warning(self, tmp_path: Path, date: str) -> None:
        """Issue 23 (1): it ended the run with ValueError; now the field's warning, the entry and the rest read."""
        path = tmp_path / "d.atom"
        path.write_text(
            atom(
                f'<entry><title>One</title><link href="https://e.example/1"/><id>1</id><updated>{date}</updated></entry>'
                '<entry><title>Two</title><link href="https://e.example/2"/><id>2</id></entry>'
            ),
            "utf-8",
        )
        first, second = iter_records(path)

        assert first.ok
        assert second.ok
        assert first.value.published is None  # type: ignore[union-attr]
        (warning,) = first.warnings
        assert warning.field == "published"
        assert "not a date Python can hold" in str(warning)

    def test_the_rss_form_too(self, tmp_path: Path) -> None:
        path = tmp_path / "d.rss"
        path.write_text(
            rss(item(extra="<pubDate>0000-00-00T00:00:00Z</pubDate>") + item("Two", "https://news.example/b"))
        )
        assert [r.ok for r in iter_records(path)] == [True, True]

    @pytest.mark.parametrize("date", ["Seg, 24 Set 2018 19:42:40 -0300", "Sun, 30Mar 2025 10:00:00 GMT"])
    def test_an_unreadable_date_is_a_warning(self, tmp_path: Path, date: str) -> None:
        path = tmp_path / "f.rss"
        path.write_text(rss(item(extra=f"<pubDate>{date}</pubDate>")))
        (record,) = iter_records(path)

        assert record.ok
        assert [w.field for w in record.warnings] == ["published"]

    @pytest.mark.parametrize(
        ("head", "link", "url"),
        [
            ('<link href="https://e.example/blog/"/>', "2003/12/13/a", "https://e.example/blog/2003/12/13/a"),
            (
                '<link href="/blog/"/><link rel="self" href="https://e.example/blog/feed.xml"/>',
                "/blog/a",
                "https://e.example/blog/a",
            ),
            ("<id>https://e.example/feed</id>", "a", "https://e.example/a"),
        ],
        ids=["feed-link", "self-link", "feed-id"],
    )
    def test_relative_links_resolved(self, tmp_path: Path, head: str, link: str, url: str) -> None:
        path = tmp_path / "r.atom"
        path.write_text(atom(f'<entry><title>T</title><link href="{link}"/><id>tag:x,1:1</id></entry>', head))
        (article,) = load_articles(path)

        assert isinstance(article, Article), str(article)
        assert url == article.url

    def test_xml_base_first(self, tmp_path: Path) -> None:
        path = tmp_path / "r.atom"
        entry = '<entry xml:base="https://base.example/x/"><title>T</title><link href="z"/><id>tag:x,1:1</id></entry>'
        (article,) = load_articles(path) if path.write_text(atom(entry)) else ()

        assert isinstance(article, Article)
        assert article.url == "https://base.example/x/z"

    def test_a_relative_link_with_nothing_to_resolve_it_names_why(self, tmp_path: Path) -> None:
        path = tmp_path / "r.atom"
        path.write_text(atom('<entry><title>T</title><link href="/a"/><id>/a</id></entry>', '<link href="/"/>'))
        (error,) = load_articles(path)
        (based,) = load_articles(path, base_url="https://site.example/")

        assert isinstance(error, RecordError)
        assert "the feed gives no absolute address to resolve it against" in str(error)
        assert isinstance(based, Article)
        assert based.url == "https://site.example/a"

    def test_a_title_less_entry_takes_its_first_sentence(self, tmp_path: Path) -> None:
        """Micro-blogs publish entries without titles: the lead is the text's first sentence."""
        path = tmp_path / "m.rss"
        path.write_text(
            rss(
                "<item><link>https://m.example/1</link><description>Just shipped v2. It is faster!</description></item>"
            )
        )
        (article,) = load_articles(path)

        assert isinstance(article, Article)
        assert ("Just shipped v2.", "It is faster!") == (article.title, article.summary)

    def test_an_entry_with_no_title_and_no_text_says_so(self, tmp_path: Path) -> None:
        path = tmp_path / "m.rss"
        path.write_text(rss("<item><link>https://m.example/1</link></item>"))
        (error,) = load_articles(path)

        assert "no summary or content to take its first sentence from" in str(error)

    def test_an_entry_without_a_link_says_it_has_no_link(self, tmp_path: Path) -> None:
        """Not a hint about hidden characters: the entry has no link (issue 20)."""
        path = tmp_path / "n.atom"
        path.write_text(atom("<entry><title>T</title><id>urn:uuid:1225c695</id></entry>"))
        (error,) = load_articles(path)

        assert isinstance(error, RecordError)
        assert "field 'url': is required" in str(error)
        assert "the entry has no link" in str(error)
        assert "hidden" not in str(error)


class TestEncodings:
    """A feed whose bytes are not what it declares: a warning, never silent mojibake."""

    def test_shift_jis_declared_as_utf8_is_a_warning(self, tmp_path: Path) -> None:
        """Issue 23: feedparser's bozo flag was ignored; now each entry carries the file's note (said once)."""
        title = "東京の天気は晴れです"
        body = rss(item(title) + item(title, "https://news.example/b")).replace('encoding="UTF-8"', 'encoding="utf-8"')
        path = tmp_path / "sjis.rss"
        path.write_bytes(body.encode("shift_jis"))
        records = list(iter_records(path))
        notes = [str(w) for r in records for w in r.warnings]

        assert len(notes) == 1
        assert "not in the encoding it declares" in notes[0]
        assert "mojibake" in notes[0]
        assert "(in 2 records; the first is here)" in notes[0]

    def test_utf8_under_a_latin1_declaration_is_read_as_utf8(self, tmp_path: Path) -> None:
        body = rss(item("Brøndby søndag")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        path = tmp_path / "l.rss"
        path.write_bytes(body.encode("utf-8"))
        (record,) = iter_records(path)

        assert record.value.title == "Brøndby søndag"  # type: ignore[union-attr]
        assert "declares 'ISO-8859-1' but its bytes are UTF-8" in str(record.warnings[0])

    def test_real_latin1_stays_latin1(self, tmp_path: Path) -> None:
        body = rss(item("Brøndby søndag")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        path = tmp_path / "l.rss"
        path.write_bytes(body.encode("latin-1"))
        (record,) = iter_records(path)

        assert (record.value.title, record.warnings) == ("Brøndby søndag", ())  # type: ignore[union-attr]


def test_rdf_is_read_as_rss_10(tmp_path: Path) -> None:
    """RSS 1.0 saved as .rdf is a feed, not an unsupported file type."""
    source = (ROOT / "tests" / "hostile" / "feed-rss10.xml").read_bytes()
    path = tmp_path / "news.rdf"
    path.write_bytes(source)

    assert all(isinstance(r, Article) for r in load_articles(path))
