"""Tests for postkit.records: every format, bad bytes, the hostile corpus, nothing lost."""

from __future__ import annotations

import csv
import importlib.metadata
import io
import json
import os
import pickle
import sys
import tempfile
import tracemalloc
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import postkit
from postkit import load_articles
from postkit.article import Article
from postkit.errors import RecordError
from postkit.records.from_text import parse_text_record
from postkit.records.reading import SUPPORTED_SUFFIXES, iter_record_files, iter_records
from postkit.records.record import Record
from postkit.text import remove_invisible

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
EXAMPLES = ROOT / "examples"
SEED = "Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing"
URL = "https://news.example/world/kaim-crossing"
MB10 = 10 * 1024 * 1024


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def load(path: Path | str) -> list[Article | RecordError]:
    """Every outcome; the warnings said on the way must each be one line naming the path (a file in it)."""
    said: list[RecordError] = []
    results = list(load_articles(path, on_warning=said.append))
    for warning in said:
        assert_one_line(warning, path)
    return results


def split(results: list[Article | RecordError]) -> tuple[list[Article], list[RecordError]]:
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, RecordError)]
    assert len(articles) + len(errors) == len(results)
    return articles, errors


def only_article(path: Path | str) -> Article:
    results = load(path)
    assert [type(r) for r in results] == [Article], [str(r) for r in results]
    article = results[0]
    assert isinstance(article, Article)
    return article


def only_error(path: Path | str) -> RecordError:
    results = load(path)
    assert [type(r) for r in results] == [RecordError], results
    error = results[0]
    assert isinstance(error, RecordError)
    return error


def assert_clean(article: Article) -> None:
    """Every text field is free of invisible and bidi control characters."""
    for name, value in attrs.asdict(article).items():
        values = value if isinstance(value, list | tuple) else [value]
        for text in values:
            if isinstance(text, str):
                assert remove_invisible(text) == text, (name, text)


def assert_one_line(error: RecordError, path: Path | str) -> None:
    text = str(error)
    assert "\n" not in text
    assert "\r" not in text
    assert str(path) in text


def obj(**fields: Any) -> dict[str, Any]:
    return {"title": SEED, "url": URL, **fields}


class TestLoadArticlesJson:
    """``.json``: one object or an array of objects."""

    def test_one_object(self, tmp_path: Path) -> None:
        """A single object is one record, with every field read."""
        path = write(
            tmp_path,
            "a.json",
            json.dumps(obj(tags=["Iraq", "Middle East"], topics=["world"], social="📝🌍🔗 Read More", id="k-1")),
        )

        article = only_article(path)

        assert (SEED, URL, ("Iraq", "Middle East"), ("world",), "📝🌍🔗 Read More", "k-1") == (
            article.title,
            article.url,
            article.tags,
            article.topics,
            article.social,
            article.id,
        )

    def test_array_errors_name_the_line_each_record_starts_on(self, tmp_path: Path) -> None:
        """A bad element is reported at its own line and the good ones still load."""
        text = '[\n  {"title": "A", "url": "https://a.example/1"},\n  {"title": "B",\n   "url": "ftp://x"},\n  {"title": "C", "url": "https://a.example/3"}\n]\n'
        path = write(tmp_path, "a.json", text)

        articles, errors = split(load(path))

        assert ["A", "C"] == [a.title for a in articles]
        assert [(3, 2, "url")] == [(e.line, e.index, e.field) for e in errors]

    def test_malformed_file_is_one_error_and_loads_nothing(self, tmp_path: Path) -> None:
        """A syntax error late in an array means nothing from the file is loaded."""
        text = '[\n {"title": "A", "url": "https://a.example/1"},\n {"title": "B" "url": "x"}\n]'
        path = write(tmp_path, "a.json", text)

        error = only_error(path)

        assert (3, True) == (error.line, "invalid JSON" in error.message)

    def test_concatenated_objects_hint_at_json_lines(self, tmp_path: Path) -> None:
        """Two objects one per line in a .json file suggest renaming to .jsonl."""
        path = write(tmp_path, "a.json", json.dumps(obj()) + "\n" + json.dumps(obj()) + "\n")

        error = only_error(path)

        assert error.hint is not None
        assert ".jsonl" in error.hint

    @pytest.mark.parametrize(
        ("text", "kind"), [("5", "int"), ('"x"', "str"), ("null", "NoneType")], ids=["number", "string", "null"]
    )
    def test_top_level_must_be_object_or_array(self, tmp_path: Path, text: str, kind: str) -> None:
        """A JSON document that is neither an object nor an array is one error."""
        error = only_error(write(tmp_path, "a.json", text))

        assert f"expected an object or an array of objects, got {kind}" == error.message

    def test_empty_array_has_no_records(self, tmp_path: Path) -> None:
        """``[]`` is a valid file with no records."""
        assert [] == load(write(tmp_path, "a.json", "[ ]\n"))

    def test_duplicate_key_is_an_error_naming_the_key(self, tmp_path: Path) -> None:
        """JSON would keep the last value silently; postkit reports the key."""
        error = only_error(write(tmp_path, "a.json", f'{{"title": "A", "url": "{URL}", "url": "{URL}/2"}}'))

        assert "url" == error.field

    @pytest.mark.parametrize(
        "text",
        ["[" * 50_000, f'{{"title": "x", "url": "{URL}", "id": {"9" * 5000}}}'],
        ids=["deep-nesting", "huge-number"],
    )
    def test_parser_limits_are_errors(self, tmp_path: Path, text: str) -> None:
        """Recursion and integer-size limits of the parser become a RecordError."""
        path = write(tmp_path, "a.json", text)

        assert_one_line(only_error(path), path)


class TestLoadArticlesJsonl:
    """``.jsonl``: one record per line, streamed, errors by line."""

    def test_lines_blank_lines_and_errors(self, tmp_path: Path) -> None:
        """Blank lines are skipped; each bad line is one error at its line number."""
        lines = [
            json.dumps(obj(title="A")),
            "",
            "{broken",
            "   ",
            json.dumps({"title": "B"}),
            json.dumps(obj(title="C")),
        ]
        path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")

        articles, errors = split(load(path))

        assert ["A", "C"] == [a.title for a in articles]
        assert [(3, None), (5, "url")] == [(e.line, e.field) for e in errors]

    def test_ndjson_is_json_lines(self, tmp_path: Path) -> None:
        """``.ndjson`` is read as JSON Lines."""
        assert SEED == only_article(write(tmp_path, "a.ndjson", json.dumps(obj()) + "\n")).title

    def test_crlf_line_endings(self, tmp_path: Path) -> None:
        """Windows line endings are fine."""
        path = write(tmp_path, "a.jsonl", json.dumps(obj(title="A")) + "\r\n" + json.dumps(obj(title="B")) + "\r\n")

        assert ["A", "B"] == [a.title for a in split(load(path))[0]]

    def test_bad_bytes_on_one_line_do_not_hide_the_next(self, tmp_path: Path) -> None:
        """A line that is not UTF-8 is one error; the lines after it still load."""
        raw = (
            json.dumps(obj(title="A")).encode()
            + b"\n"
            + b'{"title": "Caf\xe9"}\n'
            + json.dumps(obj(title="B")).encode()
            + b"\n"
        )
        path = write(tmp_path, "a.jsonl", raw)

        articles, errors = split(load(path))

        assert ["A", "B"] == [a.title for a in articles]
        assert [2] == [e.line for e in errors]
        offset = raw.index(b"\xe9")
        assert f"byte offset {offset}" in errors[0].message

    def test_streams_without_reading_the_whole_file(self, tmp_path: Path) -> None:
        """The first record arrives before later lines are even written (a FIFO stands in)."""
        path = write(tmp_path, "a.jsonl", json.dumps(obj(title="First")) + "\n")
        results = load_articles(path)

        first = next(results)
        with path.open("a", encoding="utf-8") as fh:  # appended after the first record was read
            fh.write(json.dumps(obj(title="Second")) + "\n")

        assert ["First", "Second"] == [first.title, next(results).title]  # type: ignore[union-attr]


class TestLoadArticlesCsv:
    """``.csv``: a header row, list columns split on ``;`` or ``,``."""

    def test_rows_lists_and_aliases(self, tmp_path: Path) -> None:
        """Header names are case-insensitive; ``Social Media`` is ``social``; lists split."""
        text = (
            "Title,URL,Tags,Topics,Sources,Social Media\n"
            f'"{SEED}",{URL},"Washington, D.C.; Middle East","world,politics",ntv.de;RTS,📝🌍🔗 Read More\n'
        )
        article = only_article(write(tmp_path, "a.csv", text))

        assert (("Washington, D.C.", "Middle East"), ("world", "politics"), ("ntv.de", "RTS"), "📝🌍🔗 Read More") == (
            article.tags,
            article.topics,
            article.sources,
            article.social,
        )

    def test_quoted_newline_and_line_numbers(self, tmp_path: Path) -> None:
        """A row spanning lines is one record; the next row's error names its own first line."""
        text = f'title,url\n"Two\nlines",{URL}\nBad,ftp://x\n'
        articles, errors = split(load(write(tmp_path, "a.csv", text)))

        assert (["Two lines"], [(4, 2)]) == ([a.title for a in articles], [(e.line, e.index) for e in errors])

    def test_empty_cells_are_absent_fields(self, tmp_path: Path) -> None:
        """An empty cell does not become an empty string (which would be an error)."""
        article = only_article(write(tmp_path, "a.csv", f"title,url,summary,language\nA,{URL},,\n"))

        assert (None, "en") == (article.summary, article.language)

    def test_short_row_is_fine_long_row_is_an_error(self, tmp_path: Path) -> None:
        """Missing trailing cells are absent; extra cells would be lost, so they are an error."""
        text = f"title,url,summary\nA,{URL}\nB,{URL},s,extra\n"
        articles, errors = split(load(write(tmp_path, "a.csv", text)))

        assert (["A"], ["row has 4 cells but the header has 3"]) == (
            [a.title for a in articles],
            [e.message for e in errors],
        )

    def test_large_field_and_process_limit_restored(self, tmp_path: Path) -> None:
        """A field over csv's default 128 KiB limit loads, and the global limit is put back."""
        before = csv.field_size_limit()
        article = only_article(write(tmp_path, "a.csv", f"title,url,summary\nA,{URL},{'x' * 300_000}\n"))

        assert (300_000, before) == (len(article.summary or ""), csv.field_size_limit())

    @pytest.mark.parametrize(
        ("text", "needle"),
        [
            ('title,url\n"open,x\n', "unexpected end of data"),
            ("title,title\n", "appears twice"),
            ("title,,url\n", "has no name"),
        ],
        ids=["unclosed-quote", "duplicate-column", "unnamed-column"],
    )
    def test_malformed_csv(self, tmp_path: Path, text: str, needle: str) -> None:
        """Broken quoting and header problems are one error naming the line."""
        path = write(tmp_path, "a.csv", text)
        error = only_error(path)

        assert needle in error.message
        assert error.line is not None


class TestLoadArticlesMarkdown:
    """``.md``: TOML or YAML front matter, the body becomes ``body``."""

    def test_toml_front_matter(self, tmp_path: Path) -> None:
        """TOML front matter with a date; the body is kept."""
        text = f'+++\ntitle = "{SEED}"\nurl = "{URL}"\npublished = 2025-04-19\nsummary = "S."\n+++\n\nBody text.\n'
        article = only_article(write(tmp_path, "a.md", text))

        assert (SEED, "2025-04-19", "Body text.", "S.") == (
            article.title,
            article.published,
            article.body,
            article.summary,
        )

    def test_yaml_front_matter_and_aliases(self, tmp_path: Path) -> None:
        """YAML front matter; ``description`` and ``date`` stand in for summary and published."""
        text = f"---\ntitle: '{SEED}'\nurl: {URL}\ndescription: Trucks cross again.\ndate: 2025-04-19\ntags: [Iraq, Middle East]\n---\nBody.\n"
        article = only_article(write(tmp_path, "a.md", text))

        assert ("Trucks cross again.", "2025-04-19", ("Iraq", "Middle East")) == (
            article.summary,
            article.published,
            article.tags,
        )

    def test_summary_from_first_prose_paragraph(self, tmp_path: Path) -> None:
        """Headings, lists and code are passed over; links and emphasis are unwrapped."""
        body = (
            "# Heading\n\n- a list item\n- another\n\n```\ncode block\n\nstill code\n```\n\n"
            "The *Kaim* crossing has [reopened](https://x.example/a) to **trucks**.\nSecond line.\n\nLater paragraph.\n"
        )
        text = f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n\n{body}'
        article = only_article(write(tmp_path, "a.md", text))

        assert "The Kaim crossing has reopened to trucks. Second line." == article.summary

    @pytest.mark.parametrize(
        ("body", "summary"),
        [
            ("A lucky night\n=============\n\nTrucks crossed at dawn.\n", "Trucks crossed at dawn."),
            ("Subtitle\n--------\nTrucks crossed.\n", "Trucks crossed."),
            (
                "<div>\nraw html\n</div>\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nProse `code` here.\n",
                "Prose code here.",
            ),
            ("[ref]: https://x.example\n\n![photo](p.jpg) Trucks <b>roll</b>.\n", "Trucks roll."),
            ("    indented code\n\n1. item\n\n***\n\nAfter a rule.\n", "After a rule."),
        ],
        ids=["setext-h1", "setext-h2", "html-quote-table", "refs-images-inline-html", "indented-list-rule"],
    )
    def test_summary_is_commonmark_first_paragraph(self, tmp_path: Path, body: str, summary: str) -> None:
        """Setext headings (the issue's 'A lucky night' / '====') are headings, not the summary."""
        text = f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n\n{body}'

        assert summary == only_article(write(tmp_path, "a.md", text)).summary

    def test_summary_from_a_huge_paragraph_is_capped_at_a_word(self, tmp_path: Path) -> None:
        text = f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n\n{"word " * 5_000}\n'
        summary = only_article(write(tmp_path, "a.md", text)).summary or ""

        assert (3_999, True) == (len(summary), summary.endswith("word"))

    def test_no_prose_no_summary(self, tmp_path: Path) -> None:
        """A body with only a heading gives no summary."""
        text = f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n# Only a heading\n'

        assert only_article(write(tmp_path, "a.md", text)).summary is None

    def test_field_error_names_the_front_matter_line(self, tmp_path: Path) -> None:
        """A bad value is reported at the line of its key."""
        text = '+++\ntitle = "T"\n\nurl = "javascript:alert(1)"\n+++\n'
        error = only_error(write(tmp_path, "a.md", text))

        assert (4, "url") == (error.line, error.field)

    @pytest.mark.parametrize(
        ("text", "line", "needle"),
        [
            ('+++\ntitle = "T"\nurl = = 1\n+++\n', 3, "invalid TOML front matter"),
            ('---\ntitle: "T\n---\n', None, "invalid YAML front matter"),
            ("---\na: &a [x]\nb: *a\n---\n", 3, "aliases"),
            ("---\ntitle: A\ntitle: B\n---\n", 3, "appears twice"),
            ("---\n- a\n---\n", 2, "must be a mapping"),
            ('+++\ntitle = "T"\n', 1, "never closed"),
            ("# No front matter\n", 1, "no front matter"),
        ],
        ids=["toml-syntax", "yaml-syntax", "yaml-alias", "yaml-duplicate-key", "yaml-list", "unclosed", "none"],
    )
    def test_front_matter_problems(self, tmp_path: Path, text: str, line: int | None, needle: str) -> None:
        """Each front-matter problem is one error naming the file line where known."""
        error = only_error(write(tmp_path, "a.md", text))

        assert needle in error.message
        if line is not None:
            assert line == error.line

    def test_pure_python_yaml(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without libyaml, PyYAML's own parser gives the same results and errors."""
        yaml = pytest.importorskip("yaml")
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
        monkeypatch.setattr("postkit.records.from_markdown._YAML_LOADERS", {})
        good = write(tmp_path, "a.md", f"---\ntitle: T\nurl: {URL}\ntags: [Iraq]\n---\n")
        bad = write(tmp_path, "b.md", "---\na: &a [x]\nb: *a\ntitle: T\ntitle: U\n---\n")

        assert (("Iraq",), 3) == (only_article(good).tags, only_error(bad).line)

    def test_pyyaml_is_a_runtime_dependency(self) -> None:
        """YAML front matter works out of the box: the distribution requires PyYAML itself."""
        requires = importlib.metadata.requires("postkit-teasers") or []

        assert any(r.lower().startswith("pyyaml") and "extra" not in r for r in requires)


class TestParseTextRecord:
    """The seed's plain-text form."""

    def test_seed_with_a_url_line(self) -> None:
        """The seed, plus a URL line, gives its title, social line, sources and body."""
        seed = (EXAMPLES / "kaim-crossing.txt").read_text(encoding="utf-8")

        article = parse_text_record(seed, path="seed.txt")

        assert (SEED, URL, "📝🌍🔗 Read More", ("ntv.de", "RTS"), None) == (
            article.title,
            article.url,
            article.social,
            article.sources,
            article.summary,
        )
        assert article.body is not None
        assert article.body.startswith("First things first, the Kaim border crossing")
        assert "Skip to content" not in article.body

    def test_seed_without_url_line_is_an_error(self) -> None:
        """The seed as shipped has no URL line: an error that says to add one."""
        with_url = (EXAMPLES / "kaim-crossing.txt").read_text(encoding="utf-8")
        text = with_url.replace(f"URL: {URL}\n", "")
        assert text != with_url

        with pytest.raises(RecordError, match="no 'URL:' line") as info:
            parse_text_record(text, path="seed.txt")

        assert "url" == info.value.field

    def test_optional_lines_and_headline_as_title(self) -> None:
        """Without Title:, the first line is the title; Summary/Tags/Topics/Language are read."""
        text = (
            "Kaim crossing reopens\n\nURL: https://news.example/k\nSummary: Trucks cross again.\n"
            "Tags: Iraq; Middle East\nTopics: world, politics\nLanguage: en-gb\n\nBody one.\n\nBody two.\n"
        )

        article = parse_text_record(text)

        assert (
            "Kaim crossing reopens",
            "Trucks cross again.",
            ("Iraq", "Middle East"),
            ("world", "politics"),
            "en-GB",
            "Body one.\n\nBody two.",
        ) == (article.title, article.summary, article.tags, article.topics, article.language, article.body)

    def test_field_error_names_its_line(self) -> None:
        """A bad value is reported at the line it is on."""
        with pytest.raises(RecordError) as info:
            parse_text_record("Title: T\n\nURL: javascript:alert(1)\n", path="a.txt")

        assert (3, "url") == (info.value.line, info.value.field)

    def test_repeated_key_is_an_error(self) -> None:
        """Two Title: lines are ambiguous: an error naming both lines."""
        with pytest.raises(RecordError, match="lines 1 and 3"):
            parse_text_record(f"Title: A\nURL: {URL}\nTitle: B\n")


class TestLoadArticlesBytes:
    """UTF-8 only: BOM dropped; other encodings, NUL bytes and empty files are errors."""

    GOOD: Mapping[str, str] = {
        ".json": json.dumps(obj()),
        ".jsonl": json.dumps(obj()) + "\n",
        ".csv": f"title,url\n{SEED},{URL}\n",
        ".md": f'+++\ntitle = "{SEED}"\nurl = "{URL}"\n+++\n',
        ".txt": f"Title: {SEED}\nURL: {URL}\n",
    }

    @pytest.mark.parametrize("suffix", list(GOOD), ids=list(GOOD))
    def test_bom_is_dropped(self, tmp_path: Path, suffix: str) -> None:
        """A UTF-8 byte-order mark is accepted and does not reach the record."""
        article = only_article(write(tmp_path, "a" + suffix, b"\xef\xbb\xbf" + self.GOOD[suffix].encode()))

        assert SEED == article.title

    @pytest.mark.parametrize("suffix", list(GOOD), ids=list(GOOD))
    def test_empty_file(self, tmp_path: Path, suffix: str) -> None:
        """An empty file is an error, not zero records."""
        path = write(tmp_path, "a" + suffix, b"")
        error = only_error(path)

        assert "file is empty" == error.message
        assert_one_line(error, path)

    @pytest.mark.parametrize("suffix", list(GOOD), ids=list(GOOD))
    def test_nul_byte(self, tmp_path: Path, suffix: str) -> None:
        """A NUL byte is an error naming its byte offset."""
        data = self.GOOD[suffix].encode()
        offset = data.index(b"Boosting")
        path = write(tmp_path, "a" + suffix, data[:offset] + b"\x00" + data[offset:])
        error = next(r for r in load(path) if isinstance(r, RecordError))

        assert f"NUL byte at byte offset {offset}" in error.message
        assert_one_line(error, path)

    @pytest.mark.parametrize("suffix", list(GOOD), ids=list(GOOD))
    def test_latin1(self, tmp_path: Path, suffix: str) -> None:
        """Latin-1 bytes are an error naming the byte, never decoded some other way."""
        data = self.GOOD[suffix].replace("Boosting", "Boösting").encode("latin-1")
        path = write(tmp_path, "a" + suffix, data)
        results = load(path)

        assert [] == [r for r in results if isinstance(r, Article)]
        offset = data.index(b"\xf6")
        assert f"byte 0xF6 at byte offset {offset}" in str(results[0])

    @pytest.mark.parametrize("suffix", list(GOOD), ids=list(GOOD))
    def test_utf16(self, tmp_path: Path, suffix: str) -> None:
        """A UTF-16 file is named as such."""
        error = only_error(write(tmp_path, "a" + suffix, ("\ufeff" + self.GOOD[suffix]).encode("utf-16-le")))

        assert "file is UTF-16" in error.message


class TestLoadArticlesPaths:
    """Files that cannot be read, unsupported types, stdin."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing path is one error, not an exception."""
        path = tmp_path / "missing.json"

        assert "no such file or folder" == only_error(path).message

    def test_unsupported_extension(self, tmp_path: Path) -> None:
        """A file given by name with an unknown extension is an error listing the formats."""
        error = only_error(write(tmp_path, "a.yaml", "title: x"))

        assert all(s in error.message for s in SUPPORTED_SUFFIXES)

    def test_unreadable_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file that cannot be opened (permissions) is one error."""
        path = write(tmp_path, "a.json", json.dumps(obj()))
        real_open = os.open

        def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied")
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", deny)

        assert "cannot read: Permission denied" == only_error(path).message

    @pytest.mark.parametrize(
        ("data", "titles"),
        [
            (json.dumps(obj(title="A")) + "\n" + json.dumps(obj(title="B")) + "\n", ["A", "B"]),
            (json.dumps([obj(title="A"), obj(title="B")], indent=2), ["A", "B"]),
            (json.dumps(obj(title="A"), indent=2), ["A"]),
            ("\n\n" + json.dumps(obj(title="A")) + "\n{broken\n", ["A"]),
        ],
        ids=["jsonl", "json-array", "json-pretty-object", "jsonl-with-bad-line"],
    )
    def test_stdin_sniffs_json_or_jsonl(self, monkeypatch: pytest.MonkeyPatch, data: str, titles: list[str]) -> None:
        """``-`` reads stdin as JSON Lines when the first line is a whole value, else JSON."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))

        assert titles == [a.title for a in split(load("-"))[0]]

    @pytest.mark.parametrize("data", ["title,url\nA,https://a.example/\n", "---\ntitle: A\n---\nBody\n"])
    def test_csv_or_markdown_on_stdin_says_what_stdin_takes(self, monkeypatch: pytest.MonkeyPatch, data: str) -> None:
        """CSV or Markdown piped in: the invalid-JSON error says stdin takes feeds, JSON, JSON Lines."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
        said = str(only_error("-"))
        assert said.startswith("<stdin>, line 1: invalid JSON")
        assert "stdin takes an RSS/Atom feed, JSON or JSON Lines; save CSV, Markdown" in said

    def test_stdin_errors_name_stdin(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Errors from stdin are located at ``<stdin>``."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"title": "A"}\n')))

        assert str(only_error("-")).startswith("<stdin>, line 1, field 'url': is required (the record has no link")


class TestIterRecordFiles:
    """Folder walks: recursive, sorted, unsupported and hidden files skipped."""

    def test_sorted_recursive_and_skips(self, tmp_path: Path) -> None:
        """Supported files in sorted path order; hidden, README and other files skipped."""
        for name in ("b.json", "a/z.jsonl", "a/b.CSV", "c.txt", "README.md", "notes.py", ".hidden.json", ".git/x.json"):
            write(tmp_path, name, "x")

        found = [p.relative_to(tmp_path).as_posix() for p in iter_record_files(tmp_path) if isinstance(p, Path)]

        assert ["a/b.CSV", "a/z.jsonl", "b.json", "c.txt"] == found

    def test_folder_load_keeps_going_after_a_bad_file(self, tmp_path: Path) -> None:
        """A bad file in a folder is one error; the files after it still load."""
        write(tmp_path, "a.json", "{")
        write(tmp_path, "b.json", json.dumps(obj()))

        articles, errors = split(load(tmp_path))

        assert (1, 1) == (len(articles), len(errors))

    def test_folder_without_records_is_an_error(self, tmp_path: Path) -> None:
        """A folder with no record file says so rather than yielding nothing."""
        write(tmp_path, "script.py", "")

        assert "no record files" in only_error(tmp_path).message


class TestSkippedFilesAreSaid:
    """A new user's review: a folder's .yaml, .html or feed.php were skipped without a word (a misnamed feed lost).

    One warning per folder read, on its last record, counting the skipped files and naming a few; hidden
    entries, READMEs, a content folder's images, audio, video and fonts, program source and licences are not
    worth one (postkit's own examples folder holds two .py scripts).
    """

    def folder(self, tmp_path: Path, others: tuple[str, ...]) -> Path:
        write(tmp_path, "a.jsonl", json.dumps(obj()) + "\n" + json.dumps(obj(url="https://news.example/2")) + "\n")
        write(tmp_path, "sub/b.json", json.dumps(obj(url="https://news.example/3")))
        for name in others:
            write(tmp_path, name, "x")
        return tmp_path

    def test_one_warning_counts_and_names_them(self, tmp_path: Path) -> None:
        others = ("feed.php", "notes.yaml", "sub/page.html", "sub/zz.bak", "img/pic.png", "README.md", ".x.yaml")
        records = list(iter_records(self.folder(tmp_path, others)))

        assert [len(r.warnings) for r in records] == [0, 0, 1]  # once, on the folder's last record
        (note,) = records[-1].warnings
        assert note.message == "skipped 4 files of other types: feed.php, notes.yaml, sub/page.html and 1 more"
        assert note.path == str(tmp_path)
        assert ".xml" in (note.hint or "")
        assert "\n" not in str(note)

    def test_issued_as_a_record_warning_from_python(self, tmp_path: Path) -> None:
        with pytest.warns(postkit.RecordWarning, match=r"skipped 1 file of other types: feed\.php"):
            found = list(load_articles(self.folder(tmp_path, ("feed.php",))))
        assert 3 == len(found)  # every record is still read

    @pytest.mark.parametrize(
        "others",
        [(), ("README", "readme.rst", ".DS_Store", ".git/HEAD", "a.JPG", "b.svg", "c.mp4", "d.woff2", "e.mp3")],
    )
    def test_no_noise(self, tmp_path: Path, others: tuple[str, ...]) -> None:
        """Nothing skipped worth a word: no warning (README.*, hidden entries, media)."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert 3 == len(list(load_articles(self.folder(tmp_path, others))))

    def test_a_folder_of_none_names_them_in_its_error(self, tmp_path: Path) -> None:
        write(tmp_path, "feed.php", "<rss/>")

        assert only_error(tmp_path).message.endswith("; skipped 1 file of other types: feed.php")

    def test_the_last_record_failing_still_carries_it(self, tmp_path: Path) -> None:
        write(tmp_path, "a.json", "{")
        write(tmp_path, "b.yaml", "x")
        (record,) = iter_records(tmp_path)

        assert not record.ok
        assert ["skipped 1 file of other types: b.yaml"] == [w.message for w in record.warnings]

    @given(st.lists(st.sampled_from(["x.yaml", "y.html", "z.php", "p.png", ".h", "README"]), unique=True))
    @settings(max_examples=25, deadline=None)
    def test_nothing_lost_and_said_once(self, others: list[str]) -> None:
        """Whatever else the folder holds: every record is read, and the note comes once, with the right count."""
        with tempfile.TemporaryDirectory() as name:
            records = list(iter_records(self.folder(Path(name), tuple(others))))
        notes = [w for r in records for w in r.warnings if w.message.startswith("skipped")]
        expected = len([o for o in others if o in ("x.yaml", "y.html", "z.php")])
        assert 3 == len(records)
        assert len(notes) == (1 if expected else 0)
        assert all(n.message.startswith(f"skipped {expected} file") for n in notes)


class TestIterRecords:
    """Records carry their place."""

    def test_labels(self, tmp_path: Path) -> None:
        """Each Record names its file and line; errors are Records too."""
        path = write(tmp_path, "a.jsonl", json.dumps(obj()) + "\n\n" + '{"title": "x"}\n')

        records = list(iter_records(path))

        assert [(True, f"{path}, line 1"), (False, f"{path}, line 3")] == [(r.ok, r.label) for r in records]

    def test_label_without_line(self) -> None:
        """A record known only by index, or by file, is labelled accordingly."""
        error = RecordError("x")

        assert ("f.json, record 2", "f.json") == (Record(error, "f.json", 2).label, Record(error, "f.json").label)


class TestDuplicateIds:
    """An id used twice in one run is reported at the later record, naming the first."""

    def test_across_files_of_a_folder(self, tmp_path: Path) -> None:
        """The second use, in another file, names the first file and line."""
        first = write(tmp_path, "a.jsonl", json.dumps(obj(id="k-1")) + "\n")
        write(tmp_path, "b.md", f'+++\ntitle = "T"\nurl = "{URL}"\nid = "k-1"\n+++\n')

        articles, errors = split(load(tmp_path))

        assert 1 == len(articles)
        assert [f"duplicate id 'k-1'; first used at {first}, line 1"] == [e.message for e in errors]

    def test_shared_across_calls(self, tmp_path: Path) -> None:
        """Passing one ``seen_ids`` to several calls reports duplicates between them."""
        a = write(tmp_path, "a.json", json.dumps(obj(id=7)))
        b = write(tmp_path, "b.json", json.dumps(obj(id="7")))
        seen: dict[str, Any] = {}

        results = [*load_articles(a, seen_ids=seen), *load_articles(b, seen_ids=seen)]

        assert [Article, RecordError] == [type(r) for r in results]


class TestHugeInputs:
    """10 MB fields and pathological text load in linear time; JSON Lines stream."""

    @pytest.mark.parametrize(
        ("suffix", "make"),
        [
            (".json", lambda big: json.dumps(obj(summary=big, title="T " + big))),
            (".jsonl", lambda big: json.dumps(obj(summary=big)) + "\n"),
            (".csv", lambda big: f"title,url,summary\nT,{URL},{big}\n"),
            (".md", lambda big: f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n\n{big}\n'),
            (".md", lambda big: f'---\ntitle: T\nurl: {URL}\nsummary: "{big}"\n---\n'),
            (".txt", lambda big: f"Title: T {big}\nURL: {URL}\n\n{big}\n"),
        ],
        ids=["json", "jsonl", "csv", "md", "md-yaml", "txt"],
    )
    def test_ten_megabyte_fields(self, tmp_path: Path, suffix: str, make: Any) -> None:
        """A 10 MB field is read whole in every format (a Markdown body whole; the summary taken from it is capped)."""
        big = "word " * (MB10 // 5)
        article = only_article(write(tmp_path, "a" + suffix, make(big)))

        assert max(len(article.summary or ""), len(article.title), len(article.body or "")) >= MB10 - 10

    @pytest.mark.parametrize(
        "body",
        ["[" * 2_000_000, "](" * 1_000_000, "*_`" * 700_000, "[x](" * 500_000],
        ids=["brackets", "link-ends", "emphasis", "open-links"],
    )
    def test_pathological_markdown_summary(self, tmp_path: Path, body: str) -> None:
        """Markdown that could make a backtracking regex blow up is read in linear time."""
        article = only_article(write(tmp_path, "a.md", f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n{body}\n'))

        assert article.body is not None

    def test_json_lines_memory_is_flat(self, tmp_path: Path) -> None:
        """Reading 5,000 records (5 MB) holds one record at a time, not the file."""
        self._check_flat_memory(tmp_path, 5_000, padding=25)

    @pytest.mark.slow
    def test_json_lines_memory_is_flat_100k(self, tmp_path: Path) -> None:
        """The same for 100,000 records (slow)."""
        self._check_flat_memory(tmp_path, 100_000, padding=1)

    @staticmethod
    def _check_flat_memory(tmp_path: Path, count: int, *, padding: int) -> None:
        path = tmp_path / "big.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(count):
                fh.write(
                    json.dumps(
                        obj(
                            title=f"Record {i} on the Kaim crossing",
                            url=f"{URL}/{i}",
                            summary="Trucks and travellers cross again. " * padding,
                        )
                    )
                    + "\n"
                )
        size = path.stat().st_size
        tracemalloc.start()
        try:
            seen = sum(1 for r in load_articles(path) if isinstance(r, Article))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

        assert count == seen
        assert peak < size / 8, (peak, size)


def _hostile_files() -> list[Path]:
    return sorted(p for p in HOSTILE.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "README.md")


# file: (articles, errors, text in the first error)
HOSTILE_EXPECTED: dict[str, tuple[int, int, str | None]] = {
    "binary.json": (0, 1, "NUL byte at byte offset 0"),
    "bom-only.jsonl": (0, 1, "file is empty"),
    "bom.csv": (1, 0, None),
    "bom.json": (1, 0, None),
    "feed-atom03.atom": (1, 0, None),
    "feed-bad-language.rss": (2, 0, None),  # an unreadable language is a warning: 'en' is used
    "feed-empty.atom": (0, 1, "file is empty"),
    "feed-entity-bomb.xml": (1, 0, None),
    "feed-entry-problems.xml": (3, 2, "record 2, field 'url': expected an absolute http(s) URL, got a javascript: URL"),
    "feed-html-page.xml": (0, 1, "not an RSS or Atom feed"),
    "feed-json.rss": (0, 1, "not an RSS or Atom feed"),
    "feed-latin1.rss": (1, 0, None),
    "feed-malformed.rss": (2, 1, "record 3, field 'url': is required"),
    "feed-rss10.xml": (1, 0, None),
    "csv-bad-quote.csv": (1, 1, "line 2: invalid CSV: ',' expected after '\"'; the row is not read"),
    "csv-duplicate-header.csv": (0, 1, "column 'title' appears twice"),
    "csv-empty-header-column.csv": (0, 1, "header column 2 has no name"),
    "csv-extra-cells.csv": (2, 1, "row has 4 cells but the header has 2"),
    "csv-header-only.csv": (0, 0, None),
    "csv-not-utf8.csv": (1, 1, "line 3: not UTF-8: byte 0xFC"),
    "csv-bad-byte-mid.csv": (5, 1, "line 4: not UTF-8: byte 0xE9"),
    "csv-unclosed-quote.csv": (1, 1, "unexpected end of data"),
    "csv-wrong-values.csv": (3, 0, None),  # a bad language and a bad date are warnings
    "empty.csv": (0, 1, "file is empty"),
    "empty.json": (0, 1, "file is empty"),
    "empty.jsonl": (0, 1, "file is empty"),
    "empty.md": (0, 1, "file is empty"),
    "empty.txt": (0, 1, "file is empty"),
    "json-concatenated.json": (0, 1, "Extra data"),
    "json-deep-nesting.json": (0, 1, "nested too deeply"),
    "json-duplicate-key.json": (0, 1, "field 'title': appears more than once"),
    "json-empty-array.json": (0, 0, None),
    "json-huge-number.json": (0, 1, "a number has too many digits"),
    "json-malformed.json": (0, 1, "line 1: invalid JSON: Expecting value"),
    "json-missing-fields.json": (0, 9, "field 'title': is required"),
    "json-nan.json": (0, 1, "field 'title': expected a string"),
    "json-template-in-title.json": (1, 0, None),
    "json-top-level-string.json": (0, 1, "expected an object or an array of objects"),
    "json-trailing-comma.json": (0, 1, "line 3: invalid JSON"),
    "json-wrong-types.json": (3, 5, "line 2, field 'title': expected a string, got int"),
    "jsonl-array-of-records.jsonl": (0, 1, "got list"),
    "jsonl-duplicate-ids.jsonl": (3, 2, "duplicate id 'a-1'"),
    "jsonl-invisible-titles.jsonl": (5, 1, "line 6, field 'title'"),
    "jsonl-mixed.jsonl": (2, 4, "line 3: invalid JSON"),
    "jsonl-not-utf8.jsonl": (2, 1, "line 2: not UTF-8: byte 0xE9"),
    "jsonl-nul.jsonl": (1, 1, "line 2: NUL byte"),
    "jsonl-urls.jsonl": (1, 14, "javascript: URL"),
    "jsonl-url-invisible.jsonl": (1, 5, "line 1, field 'url': URL contains the invisible character U+2060"),
    "jsonl-format-characters.jsonl": (10, 0, None),
    "jsonl-blank-run.jsonl": (2, 0, None),
    "md-empty-front-matter.md": (0, 1, "field 'title': is required"),
    "md-no-front-matter.md": (0, 1, "no front matter"),
    "md-pathological-markdown.md": (1, 0, None),
    "md-toml-broken.md": (0, 1, "line 3: invalid TOML front matter"),
    "md-toml-wrong-types.md": (1, 0, None),  # tags as one string are split, as in CSV
    "md-unclosed-front-matter.md": (0, 1, "never closed"),
    "md-yaml-alias-bomb.md": (0, 1, "aliases (*name) are not allowed"),
    "md-yaml-broken.md": (0, 1, "invalid YAML front matter"),
    "md-yaml-duplicate-key.md": (0, 1, "key 'title' appears twice"),
    "md-yaml-list.md": (0, 1, "must be a mapping"),
    "md-yaml-wrong-types.md": (0, 1, "field 'title': expected a string, got date"),
    "nul.json": (0, 1, "NUL byte"),
    "txt-bad-url.txt": (0, 1, "line 2, field 'url'"),
    "txt-duplicate-key.txt": (0, 1, "appears twice"),
    "txt-latin1.txt": (0, 1, "not UTF-8"),
    "txt-no-url.txt": (0, 1, "no 'URL:' line"),
    "txt-url-word-joiner.txt": (0, 1, "field 'url': URL contains the invisible character U+2060"),
    "unsupported.yaml": (0, 1, "unsupported file type .yaml"),
    "utf16.json": (0, 1, "file is UTF-16"),
    "whitespace-only.json": (0, 1, "file is empty"),
}


class TestHostileCorpus:
    """Every hostile file gives clean Articles or one-line errors naming it, nothing else."""

    def test_every_file_has_an_expectation(self) -> None:
        """The table below covers the corpus exactly."""
        assert sorted(HOSTILE_EXPECTED) == [p.name for p in _hostile_files()]

    @pytest.mark.parametrize("path", _hostile_files(), ids=lambda p: p.name)
    def test_file(self, path: Path) -> None:
        """Only Articles (free of invisible characters) and one-line RecordErrors naming the file."""
        results = load(path)
        articles, errors = split(results)
        for article in articles:
            assert_clean(article)
        for error in errors:
            assert_one_line(error, path)

        count_a, count_e, needle = HOSTILE_EXPECTED[path.name]
        assert (count_a, count_e) == (len(articles), len(errors)), [str(e) for e in errors]
        if needle is not None:
            assert needle in str(errors[0])

    def test_whole_folder(self) -> None:
        """Loading the corpus as one folder raises nothing and loses nothing."""
        results = load(HOSTILE)
        per_file = sum(len(load(p)) for p in _hostile_files() if p.suffix != ".yaml")

        assert per_file == len(results)

    def test_invisible_characters_are_removed_from_titles(self) -> None:
        """Bidi overrides and zero-width characters never pass through; ZWJ/ZWNJ stay."""
        titles = [a.title for a in load(HOSTILE / "jsonl-invisible-titles.jsonl") if isinstance(a, Article)]

        assert ["Kaim crossing reopens"] * 3 == titles[:3]
        assert "\u200d" in titles[4]
        assert "\u200c" in titles[4]

    def test_template_syntax_in_a_title_is_text(self) -> None:
        """``{{ 7*7 }}`` in a record is kept as written."""
        assert (
            "Budget {{ 7*7 }} and {% raw %} {# note #}" == only_article(HOSTILE / "json-template-in-title.json").title
        )


class TestExamples:
    """The shipped examples load cleanly and cover every format."""

    def test_all_examples_load(self) -> None:
        """At least 12 records, no errors, every supported format present."""
        articles, errors = split(load(EXAMPLES))
        suffixes = {p.suffix for p in iter_record_files(EXAMPLES) if isinstance(p, Path)}
        md = [p.read_text(encoding="utf-8")[:3] for p in EXAMPLES.glob("*.md")]

        assert [] == [str(e) for e in errors]
        assert len(articles) >= 12
        assert {".json", ".jsonl", ".csv", ".md", ".txt"} <= suffixes
        assert {"+++", "---"} <= set(md)

    def test_examples_cover_the_brief(self) -> None:
        """Languages, an over-long title, entities, an own social line, multi-word tags."""
        articles = [a for a in load(EXAMPLES) if isinstance(a, Article)]

        assert {"en", "de", "ar"} <= {a.language.split("-")[0] for a in articles}
        assert max(len(a.title) for a in articles) > 350
        assert any("&amp;" in a.title and "&#8217;" in a.title for a in articles)
        assert {"📝🌍🔗 Read More", "🏃\u200d♀️🏅 Full results"} <= {a.social for a in articles}
        assert any("Middle East" in a.tags for a in articles)
        assert {"world", "politics", "business", "sport", "science", "tech", "climate", "health"} <= {
            t for a in articles for t in a.topics
        }


# --- property: nothing lost ----------------------------------------------------------

_SAFE_TEXT = st.text(
    st.characters(categories=["L", "N", "P", "Zs", "So"], exclude_characters="\n\r\x85\u2028\u2029"), max_size=30
)


@st.composite
def _good_line(draw: st.DrawFn, n: int) -> tuple[bytes, str]:
    url = f"https://news.example/r/{n}"
    record = {
        "title": f"Story {n} " + draw(_SAFE_TEXT),
        "url": url,
        "id": f"id-{n}",
        "tags": draw(st.lists(_SAFE_TEXT, max_size=3)),
    }
    return json.dumps(record, ensure_ascii=draw(st.booleans())).encode(), url


_BAD_LINES = st.one_of(
    st.just(b'{"title": "Unclosed", "url": '),
    st.just(b"[1, 2]"),
    st.just(b'"a string"'),
    st.just(b'{"title": 5, "url": "https://news.example/x"}'),
    st.just(b'{"title": "No URL"}'),
    st.just(b'{"title": "Bad URL", "url": "javascript:alert(1)"}'),
    st.just(b'{"title": "Caf\xe9", "url": "https://news.example/x"}'),
    st.just(b'{"title": "N\x00L", "url": "https://news.example/x"}'),
    st.just(b'{"title": "A", "title": "B", "url": "https://news.example/x"}'),
    # (not a line that is blank once a leading UTF-8 BOM is dropped: at the start of a file that is
    # no record, as the BOM is dropped there)
    st.binary(min_size=1, max_size=40).filter(lambda b: b"\n" not in b and b.removeprefix(b"\xef\xbb\xbf").strip()),
)


@st.composite
def _mixed_file(draw: st.DrawFn) -> tuple[bytes, list[str], int]:
    """JSON Lines bytes, the URLs of the good records in order, and the number of records."""
    lines: list[bytes] = []
    good: list[str] = []
    records = 0
    for n in range(draw(st.integers(min_value=0, max_value=12))):
        kind = draw(st.sampled_from(["good", "bad", "blank"]))
        if kind == "blank":
            lines.append(draw(st.sampled_from([b"", b"  ", b"\t"])))
            continue
        records += 1
        if kind == "good":
            line, url = draw(_good_line(n))
            good.append(url)
        else:
            line = draw(_BAD_LINES)
        lines.append(line)
    return b"\n".join(lines) + b"\n", good, records


class TestNothingLost:
    """Records in = articles + errors out, and a good record is never skipped."""

    @settings(max_examples=100, deadline=None)
    @given(_mixed_file())
    def test_mixed_json_lines(self, case: tuple[bytes, list[str], int]) -> None:
        """Every record is accounted for once; good ones come out, in order, unchanged."""
        data, good, records = case

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "mixed.jsonl"
            path.write_bytes(data)
            articles, errors = split(load(path))

        if records == 0:  # no records at all: the file is reported as empty
            assert ([], ["file is empty"]) == (articles, [e.message for e in errors])
            return
        assert records == len(articles) + len(errors)
        assert good == [a.url for a in articles]
        for error in errors:
            assert_one_line(error, path)
            assert error.line is not None

    @settings(max_examples=50, deadline=None)
    @given(data=st.binary(max_size=300), suffix=st.sampled_from([".json", ".jsonl", ".csv", ".md", ".txt"]))
    def test_arbitrary_bytes_never_raise(self, data: bytes, suffix: str) -> None:
        """Any bytes in any format give Articles or one-line errors naming the file."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / ("fuzz" + suffix)
            path.write_bytes(data)
            results = load(path)

        for result in results:
            if isinstance(result, Article):
                assert_clean(result)
            else:
                assert isinstance(result, RecordError)
                assert_one_line(result, path)


def test_a_first_line_that_starts_like_a_bom_costs_only_itself(tmp_path: Path) -> None:
    """Found by the nothing-lost property: bytes FF FE that are no UTF-16 file lose no other record."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'\xff\xfe garbage\n{"title": "Kept", "url": "https://news.example/k"}\n')

    articles, errors = split(load(path))

    assert (["Kept"], 1) == ([a.title for a in articles], len(errors))


def test_a_utf16_looking_first_line_with_nul_bytes_costs_only_itself(tmp_path: Path) -> None:
    """Found by the nothing-lost property: a BOM and NUL bytes on line 1 do not swallow line 2."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'\xff\xfe\x00x\x00\n{"title": "Kept", "url": "https://news.example/k"}\n')

    articles, errors = split(load(path))

    assert (["Kept"], 1) == ([a.title for a in articles], len(errors))


class TestRedTeam:
    """Issue 23's findings in record reading, each an input that ended a run or cost too much."""

    def test_one_csv_quoting_error_costs_its_row(self, tmp_path: Path) -> None:
        """(6) `"B"x` ended the file: the 1,877 good rows after it were lost. Now only its own row is."""
        rows = [f"Good {i},https://news.example/g{i}" for i in range(1877)]
        path = write(tmp_path, "q.csv", "title,url\n" + '"B"x,https://news.example/b\n' + "\n".join(rows) + "\n")
        articles, errors = split(load(path))

        assert (len(articles), len(errors)) == (1877, 1)
        assert "line 2: invalid CSV: ',' expected after '\"'; the row is not read" in str(errors[0])

    def test_a_bad_byte_after_a_closing_quote_costs_its_row(self, tmp_path: Path) -> None:
        path = write(tmp_path, "q.csv", b'title,url\n"B"\xff,https://news.example/b\nGood,https://news.example/g\n')
        articles, errors = split(load(path))

        assert ([a.title for a in articles], len(errors)) == (["Good"], 1)
        assert "line 2: not UTF-8: byte 0xFF" in str(errors[0])

    @given(st.lists(st.sampled_from(["ok", '"B"x', '"unclosed', 'a,"b"c', "\xff"]), max_size=12))
    @settings(max_examples=60)
    def test_every_csv_row_ends_as_a_record_or_an_error(self, lines: list[str]) -> None:
        """Whatever the quoting, every row is an Article or one error, and a good row after a bad one is read."""
        with tempfile.TemporaryDirectory() as folder:
            body = "".join(
                f"{line},https://news.example/{i}\n" if line != "ok" else f"Good {i},https://news.example/{i}\n"
                for i, line in enumerate(lines)
            )
            results = load(write(Path(folder), "a.csv", "title,url\n" + body))
        assert all("\n" not in str(r) for r in results if isinstance(r, RecordError))
        if lines and lines[-1] == "ok" and '"unclosed' not in lines:
            assert isinstance(results[-1], Article)

    def test_front_matter_with_a_million_keys_is_one_error_in_bounded_memory(self, tmp_path: Path) -> None:
        """It took 59 s, 1.3 GB and a million warnings; now one error before anything is parsed."""
        from peak import BOUND_KIB, peak_rss_kib  # noqa: PLC0415 - a test helper

        path = tmp_path / "keys.md"
        with path.open("w", encoding="utf-8") as fh:
            fh.write("---\ntitle: T\nurl: https://news.example/a\n")
            fh.writelines(f"k{i}: {i}\n" for i in range(1_000_000))
            fh.write("---\nBody.\n")
        (error,) = load(path)
        peak, done = peak_rss_kib("compose", str(path), "-p", "x")

        assert "front matter runs past 10,000 lines or 1,000 keys" in str(error)
        assert peak < BOUND_KIB
        assert done.returncode == 1
        assert done.stderr.count("\n") == 2

    def test_front_matter_with_a_few_thousand_keys_is_one_error(self, tmp_path: Path) -> None:
        body = "".join(f"k{i}: {i}\n" for i in range(2_000))
        (error,) = load(write(tmp_path, "keys.md", f"---\ntitle: T\nurl: {URL}\n{body}---\nBody.\n"))

        assert isinstance(error, RecordError)
        assert "1,000 keys" in str(error)

    def test_a_json_record_with_many_keys_is_one_error(self, tmp_path: Path) -> None:
        record = {"title": "T", "url": URL, **{f"k{i}": i for i in range(5_000)}}
        (error,) = load(write(tmp_path, "wide.json", json.dumps(record)))

        assert isinstance(error, RecordError)
        assert "postkit reads records of at most 1,000" in str(error)

    @pytest.mark.parametrize(
        ("fence", "entry", "sep"),
        [("---", "k{i}: {i}", ", "), ("+++", "k{i} = {i}", ", ")],
        ids=["yaml-flow-mapping", "toml-inline-table"],
    )
    def test_a_million_keys_on_one_line_is_one_error(self, tmp_path: Path, fence: str, entry: str, sep: str) -> None:
        """The same attack as one inline table: the values are counted before anything is built."""
        from peak import BOUND_KIB, peak_rss_kib  # noqa: PLC0415 - a test helper

        table = "{" + sep.join(entry.format(i=i) for i in range(1_000_000)) + "}"
        head = (
            f"title: T\nurl: {URL}\nextra: {table}\n"
            if fence == "---"
            else f'title = "T"\nurl = "{URL}"\nextra = {table}\n'
        )
        path = write(tmp_path, "flow.md", f"{fence}\n{head}{fence}\nBody.\n")
        (error,) = load(path)
        peak, _ = peak_rss_kib("compose", str(path), "-p", "x")

        assert "front matter holds more than 20,000 values" in str(error)
        assert peak < BOUND_KIB


class TestWarningsAreSaid:
    """A new user's review: ``load_articles`` dropped every warning silently; now each is said.

    Without ``on_warning`` each is a ``postkit.RecordWarning`` (Python's ``warnings``); with it,
    each RecordError goes to the callback. The oracle for "every one" is ``iter_records``,
    whose Records carry the warnings the CLI prints.
    """

    CSV = "headline,url,published,colour\nKaim,https://news.example/k,next Tuesday,red\nPort,https://news.example/p,,\n"

    def test_issued_as_record_warnings(self, tmp_path: Path) -> None:
        path = write(tmp_path, "export.csv", self.CSV)
        with pytest.warns(postkit.RecordWarning) as caught:
            articles = list(load_articles(path))

        assert 2 == len(articles)
        fields = sorted(w.message.error.field for w in caught if isinstance(w.message, postkit.RecordWarning))
        assert ["colour", "headline", "published"] == fields
        assert all(w.filename == __file__ for w in caught)  # the caller's line, not postkit's
        assert any("'headline': read as 'title'" in str(w.message) for w in caught)

    def test_filtered_as_any_warning(self, tmp_path: Path) -> None:
        path = write(tmp_path, "export.csv", self.CSV)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", postkit.RecordWarning)
            assert 2 == len(list(load_articles(path)))
        with warnings.catch_warnings():
            warnings.simplefilter("error", postkit.RecordWarning)
            with pytest.raises(postkit.RecordWarning, match=r"export\.csv"):
                list(load_articles(path))

    def test_on_warning_takes_them_instead(self, tmp_path: Path) -> None:
        path = write(tmp_path, "export.csv", self.CSV)
        said: list[RecordError] = []
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # none issued
            articles = list(load_articles(path, on_warning=said.append))

        assert 2 == len(articles)
        expected = [w for record in iter_records(path) for w in record.warnings]
        assert [str(w) for w in expected] == [str(w) for w in said]

    def test_a_warning_pickles(self) -> None:
        warning = postkit.RecordWarning(RecordError("read as 'title'", path="a.csv", line=2, field="headline"))
        back = pickle.loads(pickle.dumps(warning))
        assert (str(warning), "headline") == (str(back), back.error.field)

    @settings(max_examples=40, deadline=None)
    @given(
        extra=st.lists(
            st.sampled_from(["headline", "excerpt", "colour", "keywords", "published", "link", "section", "author"]),
            unique=True,
        ),
        date=st.sampled_from(["2026-01-05", "yesterday", "31/31/2026", ""]),
    )
    def test_every_warning_is_said_once(self, extra: list[str], date: str) -> None:
        """Property: what load_articles says is exactly what iter_records' Records carry, in order."""
        record: dict[str, Any] = {"title": SEED, "url": URL}
        for key in extra:
            record[key] = date if key == "published" else "x"
        with tempfile.TemporaryDirectory() as folder:
            path = write(Path(folder), "a.jsonl", json.dumps(record) + "\n" + json.dumps(record) + "\n")
            expected = [str(w) for r in iter_records(path) for w in r.warnings]
            said: list[RecordError] = []
            list(load_articles(path, on_warning=said.append))
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                list(load_articles(path))

        assert expected == [str(w) for w in said]
        assert expected == [str(w.message) for w in caught]
