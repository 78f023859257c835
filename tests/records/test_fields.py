"""Tests for postkit.records.fields: synonyms, mappings, CMS value shapes, base URLs, notes once per file."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from postkit.article import Article
from postkit.errors import ConfigError, RecordError
from postkit.records.fields import (
    MAX_KEYS,
    ReadOptions,
    file_language,
    file_url,
    normalise,
    read_date,
    resolve_url,
)
from postkit.records.reading import iter_records, load_articles


def newsroom_csv(path: Path, rows: int = 30) -> Path:
    """A newsroom CMS export as issue 20 found it: headline/excerpt/keywords/link, comma-string tags, one extra column."""
    lines = ["headline,excerpt,keywords,link,section,cms_revision"]
    lines += [
        f'Story {i} reopens,"The gist of story {i}.","Iraq, Syria",https://news.example/{i},world,{i}'
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


class TestSynonyms:
    def test_a_cms_export_reads_30_of_30(self, tmp_path: Path) -> None:
        """The export that failed 30 of 30: synonyms applied, comma tags split, notes once for the file."""
        records = list(iter_records(newsroom_csv(tmp_path / "export.csv")))

        assert all(r.ok for r in records)
        first = records[0].value
        assert isinstance(first, Article)
        assert (first.title, first.summary, first.tags, first.url, first.topics) == (
            "Story 0 reopens",
            "The gist of story 0.",
            ("Iraq", "Syria"),
            "https://news.example/0",
            ("world",),
        )
        notes = [str(w) for r in records for w in r.warnings]
        assert len(notes) == 6  # one per field (5 synonyms, 1 unknown), on the file's last record
        assert all("(in 30 records; the first is here)" in n for n in notes)
        assert any("field 'headline': read as 'title'" in n for n in notes)
        assert any("field 'cms_revision': unknown field (postkit ignores it)" in n for n in notes)
        assert [] == [w for r in records[:-1] for w in r.warnings]

    def test_strict_makes_each_an_error(self, tmp_path: Path) -> None:
        records = list(iter_records(newsroom_csv(tmp_path / "e.csv", 3), options=ReadOptions(strict=True)))

        assert [r.ok for r in records] == [False, False, False]
        assert "field 'headline': a synonym of 'title', which --strict does not take" in str(records[0].value)

    def test_a_mapping_is_never_warned_about_and_passes_strict(self, tmp_path: Path) -> None:
        path = tmp_path / "b.csv"
        path.write_text("web_title,url,content_tags\nHello,https://b.example/1,Lorem; Ipsum\n", "utf-8")
        (record,) = iter_records(
            path, options=ReadOptions(fields={"Web_Title": "title", "content_tags": "tags"}, strict=True)
        )

        assert record.ok
        assert record.warnings == ()
        assert ("Hello", ("Lorem", "Ipsum")) == (record.value.title, record.value.tags)  # type: ignore[union-attr]

    def test_a_mapping_to_no_field_is_a_config_error(self) -> None:
        with pytest.raises(ConfigError, match="'titel', which is not a record field; did you mean 'title'"):
            ReadOptions(fields={"web_title": "titel"})

    def test_the_field_itself_wins_over_a_synonym(self) -> None:
        values, notes = normalise({"title": "T", "headline": "H", "url": "https://a.example/"})

        assert values["title"] == "T"
        assert ["unknown field; it would mean 'title', which the record has already (postkit ignores it)"] == [
            n.message for n in notes
        ]

    def test_a_typo_of_a_missing_required_field_is_the_error(self) -> None:
        with pytest.raises(RecordError, match="did you mean 'title'"):
            normalise({"titel": "T", "url": "https://a.example/"})


class TestValues:
    @pytest.mark.parametrize(
        ("given", "field", "expected"),
        [
            ({"title": {"rendered": "WP <b>title</b>"}}, "title", "WP <b>title</b>"),
            ({"author": {"name": "Ghost"}}, "author", "Ghost"),
            ({"author": {"displayName": "Blogger Author"}}, "author", "Blogger Author"),
            ({"authors": [{"name": "A"}, {"name": "B"}, "A"]}, "author", "A, B"),
            ({"tags": [{"name": "Iraq"}, "Syria"]}, "tags", ["Iraq", "Syria"]),
            ({"image": {"url": "https://i.example/a.jpg", "alt": "Alt"}}, "image_alt", "Alt"),
            ({"published": "2021/06/08"}, "published", "2021-06-08"),
        ],
    )
    def test_cms_shapes(self, given: dict[str, Any], field: str, expected: Any) -> None:
        values, _ = normalise({"url": "https://a.example/", "title": "T", **given})
        assert values[field] == expected

    @pytest.mark.parametrize(
        ("text", "iso"),
        [
            ("2013-05-06 02:12:52 +0200", "2013-05-06T02:12:52+02:00"),  # Jekyll's
            ("2013-05-06 02:12:52 +02:00", "2013-05-06T02:12:52+02:00"),  # Hugo's, with a space
            ("2013-05-06 02:12", "2013-05-06T02:12:00"),
            ("20130506", "2013-05-06"),  # a date stays a date
            ("2013-05-06", "2013-05-06"),
            ("2013-05-06 02:12:52.5Z", "2013-05-06T02:12:52.500Z"),
            ("2013-05-06T02:12:52.5Z", "2013-05-06T02:12:52.5Z"),
            ("2013-05-06T02:12Z", "2013-05-06T02:12Z"),  # ISO 8601 already: kept as written
            ("2025-02-30", "2025-02-30"),  # no such day: not read, the record keeps it (and warns)
            ("2021/06/08", "2021-06-08"),
            ("Fri, 31 May 2019 12:17:58 -0700", "2019-05-31T12:17:58-07:00"),
            ("Seg, 24 Set 2018 19:42:40 -0300", "Seg, 24 Set 2018 19:42:40 -0300"),  # not read: the record keeps it
        ],
    )
    def test_dates(self, text: str, iso: str) -> None:
        assert iso == read_date(text)

    @given(
        st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 1, 1)),  # noqa: DTZ001 - naive bounds
        st.none() | st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
        st.sampled_from(["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y%m%dT%H%M%S%z"]),
    )
    def test_a_date_read_is_the_same_instant_in_iso_8601(
        self, when: dt.datetime, zone: dt.tzinfo | None, form: str
    ) -> None:
        """Whatever form Python reads, the stored text is ISO 8601's extended form, of the same instant, and stable."""
        when = when.replace(tzinfo=zone)
        if "%f" not in form:
            when = when.replace(microsecond=0)
        stored = read_date(when.strftime(form))
        assert regex.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3,6})?([+-]\d\d:\d\d)?", stored), stored
        assert dt.datetime.fromisoformat(stored) == when
        assert read_date(stored) == stored

    @given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"]))
    def test_a_date_without_a_time_stays_one(self, day: dt.date, form: str) -> None:
        assert read_date(day.strftime(form)) == day.isoformat()

    @pytest.mark.parametrize(
        ("front", "iso"),
        [
            ("---\ndate: 2016-05-19 10:00:00 +0200\n", "2016-05-19T10:00:00+02:00"),  # Jekyll: a YAML string
            ("---\ndate: 2016-05-19 10:00:00 +02:00\n", "2016-05-19T10:00:00+02:00"),  # a YAML timestamp
            ("---\ndate: 2016-05-19\n", "2016-05-19"),  # a YAML date
            ('---\ndate: "2016-05-19 10:00:00"\n', "2016-05-19T10:00:00"),  # Hugo without a zone
            ("+++\ndate = 2019-01-01\n", "2019-01-01"),  # Zola: a TOML date
            ("+++\ndate = 2019-01-01T08:00:00+01:00\n", "2019-01-01T08:00:00+01:00"),  # a TOML datetime
            ('+++\ndate = "2019-01-01 08:00:00 +0100"\n', "2019-01-01T08:00:00+01:00"),
        ],
    )
    def test_front_matter_dates_are_stored_in_iso_8601(self, tmp_path: Path, front: str, iso: str) -> None:
        """A new user's review: a Jekyll date was stored as written, though Article says an ISO string."""
        fence = front[:3]
        path = tmp_path / "2016-05-19-post.md"
        path.write_text(f'{front}title{": " if fence == "---" else " = "}"T"\n{fence}\nBody.\n', "utf-8")
        (record,) = iter_records(path, options=ReadOptions(base_url="https://blog.example/"))
        assert isinstance(record.value, Article), record
        assert record.value.published == iso
        assert not record.warnings

    def test_an_unreadable_date_is_a_warning_and_the_record_is_kept(self, tmp_path: Path) -> None:
        path = tmp_path / "a.json"
        path.write_text(
            json.dumps({"title": "T", "url": "https://a.example/", "published": "Sun, 30Mar 2025"}), "utf-8"
        )
        (record,) = iter_records(path)

        assert record.ok
        assert record.value.published is None
        assert ["published"] == [w.field for w in record.warnings]

    def test_every_field_error_in_one_message(self, tmp_path: Path) -> None:
        path = tmp_path / "a.json"
        path.write_text(json.dumps({"title": 5, "summary": [1], "tags": [2]}), "utf-8")
        (error,) = load_articles(path)

        assert isinstance(error, RecordError)
        message = str(error)
        assert all(f"field '{f}'" in message for f in ("title", "url", "summary", "tags"))

    def test_a_record_too_wide(self) -> None:
        with pytest.raises(RecordError, match=f"postkit reads records of at most {MAX_KEYS:,}"):
            normalise({f"k{i}": i for i in range(MAX_KEYS + 1)})

    def test_unknown_fields_past_twenty_are_counted(self) -> None:
        _, notes = normalise({"title": "T", "url": "https://a.example/", **{f"extra{i}": i for i in range(50)}})

        assert len(notes) == 21
        assert notes[-1].message == "and 30 more unknown fields (postkit ignores them)"


class TestBaseUrl:
    @pytest.mark.parametrize(
        ("record", "file_name", "url"),
        [
            ({"permalink": "/2020/a/"}, None, "https://blog.example/sub/2020/a/"),
            ({"path": "2024/05/07/OSPP-2024"}, None, "https://blog.example/sub/2024/05/07/OSPP-2024"),
            ({"slug": "hello-world"}, None, "https://blog.example/sub/hello-world/"),
            ({"url": "/about/"}, None, "https://blog.example/about/"),  # RFC 3986: the host's root
            ({"url": "about/"}, None, "https://blog.example/sub/about/"),  # the base is a folder: made to end in /
            ({"url": "../up/"}, None, "https://blog.example/up/"),
            ({"url": "https://other.example/x"}, None, "https://other.example/x"),
            (
                {},
                "_posts/2016-05-19-super-short-article.md",
                "https://blog.example/sub/2016/05/19/super-short-article.html",
            ),
            ({}, "content/posts/first/index.md", "https://blog.example/sub/first/"),
            ({}, "content/posts/markdown.fa.md", "https://blog.example/sub/fa/markdown/"),
            ({"slug": "with:colon"}, "x.md", "https://blog.example/sub/x/"),
        ],
    )
    def test_urls_built(self, record: dict[str, str], file_name: str | None, url: str) -> None:
        values, _ = normalise(
            {"title": "T", **record}, ReadOptions(base_url="https://blog.example/sub"), file_name=file_name
        )
        assert url == values["url"]

    def test_no_base_url_no_url(self) -> None:
        values, _ = normalise({"title": "T", "slug": "s"})
        assert "url" not in values

    def test_a_bad_base_url_is_a_config_error(self) -> None:
        with pytest.raises(ConfigError, match="base URL"):
            ReadOptions(base_url="blog.example")

    def test_markdown_folder_with_load_articles(self, tmp_path: Path) -> None:
        (tmp_path / "2024-03-01-hello.md").write_text("---\ntitle: Hello\n---\nBody.\n", "utf-8")
        (article,) = load_articles(tmp_path / "2024-03-01-hello.md", base_url="https://b.example/")

        assert isinstance(article, Article)
        assert "https://b.example/2024/03/01/hello.html" == article.url

    @given(st.text(alphabet="abcxyz-_./%é ", min_size=1, max_size=20))
    def test_built_urls_are_valid(self, slug: str) -> None:
        """Whatever the slug, the record gets a URL Article accepts, or stays without one."""
        values, _ = normalise({"title": "T", "slug": slug}, ReadOptions(base_url="https://b.example/"))
        if "url" in values:
            Article(title="T", url=values["url"])


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("post.fa.md", "fa"),
        ("index.pt-br.md", "pt-br"),
        ("node.js.md", None),
        ("post.md", None),
        ("a.b.markdown", None),
    ],
)
def test_file_language(name: str, language: str | None) -> None:
    assert language == file_language(name)


def test_file_url_jekyll_and_hugo() -> None:
    assert "https://x.example/2016/05/19/a.html" == file_url("https://x.example/", "2016-5-19-a.md")


def test_field_lines_follow_a_synonym(tmp_path: Path) -> None:
    """A field read under another name is located at that key's line (where a finding on it is reported)."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"headline": "T", "link": "https://a.example/", "excerpt": "S"}, indent=1), "utf-8")
    (record,) = iter_records(path)

    assert (record.line_of("title"), record.line_of("url"), record.line_of("summary")) == (2, 3, 4)


# --- relative URLs: one resolution, RFC 3986's, for records and feeds -----------------------

_segment = st.text(st.sampled_from("abcxyz019-_.~"), min_size=1, max_size=6)
_bases = st.builds(
    lambda host, path, slash: f"https://{host}.example/" + "/".join(path) + ("/" if slash and path else ""),
    st.sampled_from(["blog", "micro", "news"]),
    st.lists(_segment, max_size=3),
    st.booleans(),
)
_references = st.builds(
    lambda lead, path, slash, query, fragment: lead + "/".join(path) + slash + query + fragment,
    st.sampled_from(["", "/", "./", "../", "../../", "//cdn.example/"]),
    st.lists(st.one_of(_segment, st.sampled_from([".", ".."])), max_size=4),
    st.sampled_from(["", "/"]),
    st.sampled_from(["", "?q=1", "?a=b&c=d"]),
    st.sampled_from(["", "#top"]),
)


class TestRelativeUrls:
    """A new user's review: a record's "/about/" went under the base's path while a feed's went to the host's root.

    The oracle is the standard library's RFC 3986 resolution, ``urllib.parse.urljoin``.
    """

    @settings(max_examples=300)
    @given(base=_bases, reference=_references)
    def test_resolve_url_is_rfc_3986(self, base: str, reference: str) -> None:
        assert urllib.parse.urljoin(base, reference) == resolve_url(base, reference)

    @given(base=_bases, reference=st.sampled_from(["https://other.example/a?", "mailto:desk@news.example", "tag:x"]))
    def test_a_reference_with_a_scheme_is_kept_as_published(self, base: str, reference: str) -> None:
        assert reference == resolve_url(base, f"  {reference} ")

    @settings(max_examples=150)
    @given(base=_bases, reference=_references.filter(lambda r: r.strip() and not r.startswith("//")))
    def test_a_records_url_is_resolved_against_the_base_as_a_folder(self, base: str, reference: str) -> None:
        """The documented exception: the configured base URL names a folder, so it is made to end in "/"."""
        values, _ = normalise({"title": "T", "url": reference}, ReadOptions(base_url=base.rstrip("/")))
        folder = base.rstrip("/") + "/"
        assert urllib.parse.urljoin(folder, reference) == values["url"]

    @settings(max_examples=40, deadline=None)
    @given(base=_bases.filter(lambda b: b.endswith("/")), reference=_references.filter(lambda r: r.strip()))
    def test_records_and_feeds_resolve_alike(self, base: str, reference: str) -> None:
        """A feed whose link is ``base`` and a record read with ``--base-url base``: the same URL for ``reference``."""
        assume(urllib.parse.urlsplit(urllib.parse.urljoin(base, reference)).path)
        escaped = reference.replace("&", "&amp;")
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            f"<link>{base}</link><description>d</description>"
            f"<item><title>Kaim reopens</title><link>{escaped}</link></item></channel></rss>"
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "feed.xml"
            path.write_text(feed, "utf-8")
            from_feed = list(load_articles(path, on_warning=lambda _: None))
            record = Path(folder) / "a.json"
            record.write_text(json.dumps({"title": "Kaim reopens", "url": reference}), "utf-8")
            from_record = list(load_articles(record, base_url=base, on_warning=lambda _: None))

        expected = urllib.parse.urljoin(base, reference)
        assert [expected] == [getattr(a, "url", a) for a in from_feed]
        assert [expected] == [getattr(a, "url", a) for a in from_record]

    def test_the_readme_example(self) -> None:
        """``--base-url https://blog.example/posts`` and a record url "/about/": the host's /about/, as a feed's."""
        values, _ = normalise({"title": "T", "url": "/about/"}, ReadOptions(base_url="https://blog.example/posts"))
        assert "https://blog.example/about/" == values["url"]
        values, _ = normalise({"title": "T", "url": "about/"}, ReadOptions(base_url="https://blog.example/posts"))
        assert "https://blog.example/posts/about/" == values["url"]
