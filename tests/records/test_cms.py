"""Tests for postkit.records.cms: JSON Feed, WordPress REST and Ghost documents read as they come."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.article import Article
from postkit.errors import RecordError
from postkit.records.cms import lead_sentence, shape, wordpress_excerpt
from postkit.records.reading import iter_records, load_articles

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def load(tmp_path: Path, document: Any, **options: Any) -> list[Article | RecordError]:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), "utf-8")
    return list(load_articles(path, **options))


def articles(results: list[Article | RecordError]) -> list[Article]:
    assert all(isinstance(r, Article) for r in results), [str(r) for r in results]
    return results  # type: ignore[return-value]


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour Wire",
    "home_page_url": "https://wire.example/",
    "language": "de",
    "authors": [{"name": "Desk"}],
    "items": [
        {
            "id": "1",
            "url": "https://wire.example/a",
            "title": "Kaim crossing reopens",
            "content_html": "<p>Trucks roll again.</p><p>Officials said so.</p>",
            "date_published": "2025-04-19T08:00:00Z",
            "tags": ["Iraq", "Syria"],
            "authors": [{"name": "Ana Ruiz"}, {"name": "Ben Ode"}],
            "image": "https://wire.example/a.jpg",
        },
        {"id": "2", "url": "/b", "title": "Relative", "summary": "Short.", "language": "en"},
        {"id": "3", "external_url": "https://elsewhere.example/c", "content_text": "Link blog. More text here."},
        {"id": "4", "title": "No link"},
    ],
}


class TestJsonFeed:
    def test_items_become_articles(self, tmp_path: Path) -> None:
        found = load(tmp_path, JSON_FEED)
        a, b, c = articles(found[:3])

        assert (a.title, a.url, a.summary, a.body) == (
            "Kaim crossing reopens",
            "https://wire.example/a",
            "Trucks roll again.",
            "Trucks roll again.\n\nOfficials said so.",
        )
        assert (a.author, a.tags, a.language, a.image, a.published) == (
            "Ana Ruiz, Ben Ode",
            ("Iraq", "Syria"),
            "de",
            "https://wire.example/a.jpg",
            "2025-04-19T08:00:00Z",
        )
        assert (b.url, b.language, b.author) == ("https://wire.example/b", "en", "Desk")
        assert (c.url, c.title, c.summary) == ("https://elsewhere.example/c", "Link blog.", "More text here.")

    def test_an_item_without_a_link_is_one_error_naming_why(self, tmp_path: Path) -> None:
        error = load(tmp_path, JSON_FEED)[3]

        assert isinstance(error, RecordError)
        assert "record 4, field 'url': is required" in str(error)
        assert "JSON Feed item has no link: it has neither url nor external_url" in str(error)

    def test_version_1_0_author(self, tmp_path: Path) -> None:
        feed = {
            "version": "https://jsonfeed.org/version/1",
            "author": {"name": "Gruber"},
            "items": [JSON_FEED["items"][1]],
        }
        (article,) = articles(load(tmp_path, {**feed, "home_page_url": "https://df.example/"}))

        assert ("Gruber", "https://df.example/b") == (article.author, article.url)

    def test_rfc822_dates(self, tmp_path: Path) -> None:
        item = {
            "id": "1",
            "url": "https://a.example/",
            "title": "T",
            "date_published": "Fri, 31 May 2019 12:17:58 -0700",
        }
        (article,) = articles(load(tmp_path, {"version": "https://jsonfeed.org/version/1.1", "items": [item]}))

        assert "2019-05-31T12:17:58-07:00" == article.published

    @given(
        st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "id": st.text(max_size=5),
                    "url": st.sampled_from(["https://a.example/x", "/rel", "", "ftp://x"]),
                    "title": st.text(max_size=10),
                    "content_text": st.text(max_size=30),
                },
            ),
            max_size=6,
        )
    )
    def test_nothing_is_lost(self, items: list[dict[str, str]]) -> None:
        """Every item ends as one Article or one one-line error."""
        import tempfile  # noqa: PLC0415 - hypothesis and tmp_path do not mix

        with tempfile.TemporaryDirectory() as folder:
            found = load(
                Path(folder),
                {"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://h.example/", "items": items},
            )
        assert len(found) == len(items)
        assert all("\n" not in str(r) for r in found if isinstance(r, RecordError))


WORDPRESS = {
    "id": 12345,
    "date": "2019-11-07T10:36:54",
    "date_gmt": "2019-11-07T15:36:54",
    "slug": "my-post",
    "link": "https://site.example/2019/11/my-post/",
    "title": {"rendered": "It&#8217;s <em>my</em> post"},
    "excerpt": {"rendered": "<p>The gist of it. [&hellip;]</p>\n"},
    "content": {"rendered": "<h2>Heading</h2>\n<p>First &amp; foremost.</p>\n<p>Second.</p>"},
    "author": 29,
    "tags": [800, 1200],
    "categories": [3],
    "_embedded": {
        "author": [{"id": 29, "name": "Guest Writer"}],
        "wp:featuredmedia": [{"source_url": "https://site.example/a.jpg", "alt_text": "A picture"}],
        "wp:term": [
            [{"taxonomy": "category", "name": "News"}],
            [{"taxonomy": "post_tag", "name": "Bar &amp; Baz"}, {"taxonomy": "post_tag", "name": "Iraq"}],
        ],
    },
}


class TestWordPress:
    def test_a_post_as_the_api_returns_it(self, tmp_path: Path) -> None:
        (article,) = articles(load(tmp_path, WORDPRESS))

        assert (article.url, article.title, article.summary) == (
            "https://site.example/2019/11/my-post/",
            "It&#8217;s <em>my</em> post",  # HTML, cleaned when composed (as a feed's)
            "The gist of it.",
        )
        assert (article.body, article.published, article.id) == (
            "Heading\n\nFirst & foremost.\n\nSecond.",
            "2019-11-07T15:36:54Z",
            "12345",
        )
        assert (article.author, article.tags, article.topics) == ("Guest Writer", ("Bar & Baz", "Iraq"), ("News",))
        assert (article.image, article.image_alt) == ("https://site.example/a.jpg", "A picture")

    def test_a_list_and_a_post_without_embed(self, tmp_path: Path) -> None:
        bare = {k: v for k, v in WORDPRESS.items() if k != "_embedded"}
        first, second = articles(load(tmp_path, [bare, {**bare, "id": 2}]))

        assert first.tags == ()
        assert first.author is None
        assert second.id == "2"

    def test_the_corpus_posts(self) -> None:
        found = [r for p in sorted(CORPUS.glob("tryghost-migrate/mg-wp-api--*.json")) for r in load_articles(p)]
        assert sum(isinstance(r, Article) for r in found) == 10
        # WordPress cut these excerpts mid-sentence ("… excerpt content [&hellip;]"): they say so with "…".
        summaries = {r.summary for r in found if isinstance(r, Article)}
        assert "This is my strong headline thing. Here we have some excerpt content…" in summaries
        assert not any("[" in (s or "") for s in summaries)

    @pytest.mark.parametrize(
        ("html", "summary"),
        [
            ("<p>Cutting library hours [&hellip;]</p>\n", "Cutting library hours…"),  # a new user's review
            ("<p>Cutting library hours, [&#8230;]</p>", "Cutting library hours…"),  # no ",…"
            ("<p>Cutting library hours [...]</p>", "Cutting library hours…"),
            ("<p>The gist of it. [&hellip;]</p>", "The gist of it."),  # a sentence's end: no "…" after it
            ("<p>He said “go!” [&hellip;]</p>", "He said “go!”"),
            ("<p>A whole excerpt, written by hand</p>", "A whole excerpt, written by hand"),  # not cut: no "…"
            ("<p>[&hellip;]</p>", None),
        ],
    )
    def test_a_cut_excerpt_ends_with_an_ellipsis(self, html: str, summary: str | None) -> None:
        assert wordpress_excerpt(html) == summary

    @given(st.lists(st.text("abcdefghij,;:é日", min_size=1, max_size=12), min_size=1, max_size=60), st.booleans())
    def test_an_excerpt_loses_no_word_and_says_when_it_was_cut(self, words: list[str], marker: bool) -> None:
        text = " ".join(words)
        got = wordpress_excerpt(f"<p>{text}{' [&hellip;]' if marker else ''}</p>")
        assert got is not None
        assert got.endswith("…") == (marker and not text.rstrip().endswith("…"))
        assert text.startswith(got.removesuffix("…").rstrip(" ,;:"))
        assert got.removesuffix("…").translate(str.maketrans("", "", " ,;:")) == text.translate(
            str.maketrans("", "", " ,;:")
        )


GHOST_POSTS = {
    "posts": [
        {
            "id": "5c7e",
            "uuid": "3a03",
            "slug": "welcome",
            "title": "Welcome",
            "html": "<p>Hello.</p>",
            "custom_excerpt": "Welcome, it's great.",
            "url": "https://demo.ghost.io/welcome/",
            "published_at": "2012-11-27T15:30:00.000+00:00",
            "tags": [{"name": "Getting Started"}, {"name": "#internal"}],
            "primary_author": {"name": "Ghost"},
            "feature_image": "https://demo.ghost.io/a.jpg",
            "feature_image_alt": "A ghost",
        }
    ],
    "meta": {"pagination": {"total": 1}},
}


class TestGhost:
    def test_content_api(self, tmp_path: Path) -> None:
        (article,) = articles(load(tmp_path, GHOST_POSTS))

        assert (article.url, article.summary, article.tags, article.author, article.image_alt) == (
            "https://demo.ghost.io/welcome/",
            "Welcome, it's great.",
            ("Getting Started",),
            "Ghost",
            "A ghost",
        )

    def test_an_export_needs_a_base_url(self, tmp_path: Path) -> None:
        export = CORPUS / "tryghost-migrate" / "mg-assetscraper-db--ghost.json"
        bare = list(load_articles(export))
        based = articles(list(load_articles(export, base_url="https://blog.example")))

        assert all(isinstance(r, RecordError) and "give a base URL" in str(r) for r in bare)
        assert [a.url for a in based] == [
            "https://blog.example/post-1/",
            "https://blog.example/post-2/",
            "https://blog.example/post-3-lexical/",
        ]

    def test_posts_documents_and_nested_data(self, tmp_path: Path) -> None:
        doc = {
            "posts": [
                {
                    "url": "https://m.example/p",
                    "data": {"title": "Nested", "tags": [{"url": "u", "data": {"name": "Things"}}]},
                }
            ]
        }
        (article,) = articles(load(tmp_path, doc))

        assert ("Nested", ("Things",)) == (article.title, article.tags)


def test_rss_written_as_json_says_so(tmp_path: Path) -> None:
    (error,) = load(tmp_path, {"rss": {"channel": {"item": [{"title": "T"}]}, "version": "2.0"}})

    assert isinstance(error, RecordError)
    assert "an RSS feed written as JSON" in str(error)


@pytest.mark.parametrize(
    ("text", "lead", "rest"),
    [
        ("Just shipped v2. It has a new parser!", "Just shipped v2.", "It has a new parser!"),
        ("One line only", "One line only", ""),
        ("word " * 60, ("word " * 24).strip() + "…", "…" + ("word " * 36).strip()),
        ("a" * 130 + " tail", "a" * 119 + "…", "…" + "a" * 11 + " tail"),
    ],
)
def test_lead_sentence(text: str, lead: str, rest: str) -> None:
    """A title-less entry's lead: its first sentence, at most 120 characters cut at a word; the rest goes on."""
    assert (lead, rest) == lead_sentence(text)


@given(st.lists(st.text("abcdefghij,;:é日", min_size=1, max_size=25), min_size=1, max_size=40), st.booleans())
def test_the_lead_and_the_rest_say_the_text_once(words: list[str], stop: bool) -> None:
    """Whatever the text: the lead and the rest hold each word once (nothing repeated, nothing lost)."""
    text = " ".join(words) + ("." if stop else "")
    lead, rest = lead_sentence(text)
    joined = lead.removesuffix("…") + (" " if not lead.endswith("…") and rest else "") + rest.removeprefix("…")
    squeeze = str.maketrans("", "", " ,;:")
    assert joined.translate(squeeze) == text.translate(squeeze)
    assert len(lead) <= 120


def test_jsonl_wordpress_posts(tmp_path: Path) -> None:
    """A WordPress post a line in JSON Lines is read as one."""
    path = tmp_path / "wp.jsonl"
    path.write_text(json.dumps(WORDPRESS) + "\n", "utf-8")
    (record,) = iter_records(path)

    assert record.ok
    assert record.value.url == WORDPRESS["link"]


class TestIdsScopedByFeedOrSite:
    """A JSON Feed item's id and a WordPress post's number are unique within their feed or site, as an RSS guid."""

    @staticmethod
    def read(tmp_path: Path, documents: dict[str, Any]) -> list[Article | RecordError]:
        from postkit.records._ids import IdRegistry  # noqa: PLC0415

        ids = IdRegistry()
        found: list[Article | RecordError] = []
        for name, document in documents.items():
            path = tmp_path / name
            path.write_text(json.dumps(document), "utf-8")
            found += load_articles(path, seen_ids=ids)
        return found

    @staticmethod
    def feed(home: str, *ids: str) -> dict[str, Any]:
        items = [{"id": i, "url": f"{home}{n}", "title": f"T{n}"} for n, i in enumerate(ids)]
        return {"version": "https://jsonfeed.org/version/1.1", "home_page_url": home, "items": items}

    def test_two_json_feeds(self, tmp_path: Path) -> None:
        found = self.read(
            tmp_path, {"a.json": self.feed("https://a.example/", "1"), "b.json": self.feed("https://b.example/", "1")}
        )
        a, b = articles(found)
        assert (a.feed, b.feed) == ("https://a.example/", "https://b.example/")

    def test_the_same_feed_twice_is_still_a_duplicate(self, tmp_path: Path) -> None:
        document = self.feed("https://a.example/", "1")
        _, again = self.read(tmp_path, {"a.json": document, "copy.json": document})
        assert isinstance(again, RecordError)
        assert "duplicate id '1'; first used at" in str(again)

    def test_two_wordpress_sites(self, tmp_path: Path) -> None:
        def post(link: str, **more: Any) -> dict[str, Any]:
            return {**WORDPRESS, "id": 5, "link": link, **more}

        self_link = {"_links": {"self": [{"href": "https://c.example/blog/wp-json/wp/v2/posts/5"}]}}
        found = self.read(
            tmp_path,
            {
                "a.json": [post("https://a.example/x/")],
                "b.json": [post("https://b.example/x/")],
                "c.json": [post("https://c.example/blog/x/", **self_link)],
                "a-again.json": [post("https://a.example/y/")],
            },
        )
        a, b, c = articles(found[:3])
        assert (a.feed, b.feed, c.feed) == ("https://a.example/", "https://b.example/", "https://c.example/blog/")
        assert isinstance(found[3], RecordError)
        assert "duplicate id '5'" in str(found[3])

    @given(
        st.lists(st.sampled_from(["1", "2", "3"]), max_size=4), st.lists(st.sampled_from(["1", "2", "3"]), max_size=4)
    )
    def test_a_duplicate_only_within_a_feed(self, first: list[str], second: list[str]) -> None:
        """Across two feeds nothing is a duplicate; within one, each id after its first is."""
        import tempfile  # noqa: PLC0415 - hypothesis and tmp_path do not mix

        with tempfile.TemporaryDirectory() as folder:
            found = self.read(
                Path(folder),
                {"a.json": self.feed("https://a.example/", *first), "b.json": self.feed("https://b.example/", *second)},
            )
        expected = [i in ids[:n] for ids in (first, second) for n, i in enumerate(ids)]
        assert [isinstance(r, RecordError) for r in found] == expected


def test_a_long_title_less_item_is_not_said_twice(tmp_path: Path) -> None:
    """The user's jf10.json item: one long sentence without a full stop; the summary goes on from the cut."""
    from postkit import compose  # noqa: PLC0415

    sentence = (
        "A very long first sentence without any full stop that goes on and on about the weather in the mountains "
        "and the valleys and the rivers and the lakes and the forests and the meadows beyond"
    )
    item = {"id": "b", "url": "https://old.example/b", "content_html": f"<p>{sentence}</p>"}
    (article,) = articles(load(tmp_path, {"version": "https://jsonfeed.org/version/1", "items": [item]}))

    assert article.title == sentence[: sentence.index(" and the rivers")] + "…"
    assert article.summary == "…and the rivers and the lakes and the forests and the meadows beyond"
    assert compose(article, "mastodon").text.count("the valleys") == 1


class TestWrongTypesAreNamed:
    """A list or a number where a CMS format has a string is reported as what it is, not as missing."""

    def messages(self, tmp_path: Path, document: Any) -> list[str]:
        return [str(r) for r in load(tmp_path, document) if isinstance(r, RecordError)]

    def test_json_feed(self, tmp_path: Path) -> None:
        items = [
            {"id": "1", "url": "https://a.example/x", "title": ["list", "title"]},
            {"id": "2", "url": 12345, "title": "Num url"},
            {"id": "3", "url": "https://a.example/z", "title": "T", "content_html": {"a": 1}},
        ]
        found = self.messages(tmp_path, {"version": "https://jsonfeed.org/version/1.1", "items": items})
        assert len(found) == 3
        assert "record 1, field 'title': expected a string, got list ['list', 'title']" in found[0]
        assert "record 2, field 'url': expected a string, got int 12345" in found[1]
        assert "no link" not in found[1]
        assert "record 3, field 'body': expected a string, got dict" in found[2]

    def test_wordpress(self, tmp_path: Path) -> None:
        found = self.messages(tmp_path, {**WORDPRESS, "link": 7, "title": {"rendered": ["a"]}})
        assert len(found) == 1
        assert "field " in found[0]
        assert "expected a string, got" in found[0]
        assert "is required" not in found[0]

    def test_ghost(self, tmp_path: Path) -> None:
        (post,) = GHOST_POSTS["posts"]
        found = self.messages(tmp_path, {**GHOST_POSTS, "posts": [{**post, "title": 3}]})
        assert len(found) == 1
        assert "field 'title': expected a string, got int 3" in found[0]

    @given(st.one_of(st.integers(), st.lists(st.text(max_size=3), max_size=2), st.booleans()))
    def test_any_wrong_title_is_named_not_required(self, title: Any) -> None:
        shaped = shape(
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://a.example/", "title": title}]}
        )
        assert shaped is not None
        assert shaped.records[0]["title"] == title


class TestWordPressReadMore:
    """A theme's "Continue reading"/"Read more" link at the end of an excerpt is no part of the summary."""

    @pytest.mark.parametrize(
        ("excerpt", "summary"),
        [
            (
                (
                    '<p>The plan costs £4m&#8230; <a href="https://blog.example/x/" class="more-link">Continue reading'
                    '<span class="screen-reader-text"> &#8220;Five things&#8221;</span></a></p>\n'
                ),
                "The plan costs £4m…",
            ),
            ('<p>Ministers met. <a class="more-link" href="/x">Read more &raquo;</a></p>', "Ministers met."),
            ("<p>Ministers met [&hellip;] <a href='/x'>Continue reading &rarr;</a></p>", "Ministers met…"),
            ("<p>Why you should keep reading the small print</p>", "Why you should keep reading the small print"),
            ("<p>Read more books</p>", "Read more books"),
        ],
    )
    def test_the_link_text_is_dropped(self, tmp_path: Path, excerpt: str, summary: str) -> None:
        (article,) = articles(load(tmp_path, {**WORDPRESS, "excerpt": {"rendered": excerpt}}))
        assert article.summary == summary

    @given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz .,", min_size=1, max_size=40).filter(str.strip))
    def test_the_excerpt_before_it_is_kept(self, text: str) -> None:
        html = f"<p>{text} <a class='more-link' href='/x'>Continue reading “T”</a></p>"
        shaped = shape({**WORDPRESS, "excerpt": {"rendered": html}})
        assert shaped is not None
        assert shaped.records[0].get("summary") == " ".join(text.split())
