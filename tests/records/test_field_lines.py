"""Tests for where a record's fields are in its file (``Record.field_lines``, ``Record.line_of``).

The oracle is the file itself: the line a field is given on holds that field's key (or,
for a feed, its element), found by looking at the text, not by the reader's logic.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from postkit.records.reading import iter_records
from postkit.records.record import Record

URL = "https://news.example/world/kaim"


def _records(path: Path) -> list[Record]:
    found = list(iter_records(path))
    assert all(r.ok for r in found), [str(r.value) for r in found if not r.ok]
    return found


def _line(path: Path, number: int | None) -> str:
    assert number is not None
    return path.read_text("utf-8").splitlines()[number - 1]


_KEYS = st.sampled_from(["summary", "author", "tags", "topics", "language", "Social Media"])


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(1, 4),
    extra=st.lists(_KEYS, unique=True, max_size=4),
    indent=st.sampled_from([1, 2, 4, "\t"]),
    tricky=st.sampled_from(["plain", 'a "title": inside', "{braces} [and] brackets", "line\\nbreak"]),
)
def test_json_keys_are_on_their_lines(tmp_path_factory, count, extra, indent, tricky):
    """A pretty-printed array: each field's line holds its key, whatever the values hold."""
    values = {"summary": tricky, "author": "A. Writer", "tags": ["x", "y"], "topics": ["world"], "language": "en"}
    values["Social Media"] = "📝 Read"
    records = [
        {"title": f"Story {i} {tricky}", "url": f"{URL}/{i}", **{k: values[k] for k in extra}} for i in range(count)
    ]
    path = tmp_path_factory.mktemp("json") / "a.json"
    path.write_text(json.dumps(records, indent=indent, ensure_ascii=False), encoding="utf-8")

    for record in _records(path):
        assert record.field_lines is not None
        for key in ("title", "url", *extra):
            field = "social" if key == "Social Media" else key
            assert _line(path, record.line_of(field)).lstrip().startswith(f'"{key}":')


def test_json_one_line_object_is_the_records_line(tmp_path):
    """A JSON Lines record, or a one-line object: every field is on the record's line."""
    path = tmp_path / "a.jsonl"
    path.write_text("\n" + json.dumps({"title": "Kaim", "url": URL}) + "\n", encoding="utf-8")
    [record] = _records(path)

    assert (2, 2, None) == (record.line_of("title"), record.line_of("summary"), record.field_lines)


def test_csv_row(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(f'title,url,summary\nKaim,{URL},"two\nlines"\nSecond,{URL}/2,\n', encoding="utf-8")

    assert [2, 4] == [r.line_of("title") for r in _records(path)]


def test_markdown_front_matter_and_body(tmp_path):
    """A front matter key's line; a summary taken from the body: the paragraph's line."""
    path = tmp_path / "a.md"
    path.write_text(
        f"---\nid: kaim\ntitle: Kaim crossing\nurl: {URL}\n---\n\n# Heading\n\nThe first paragraph.\n", encoding="utf-8"
    )
    [record] = _records(path)

    assert "title: Kaim crossing" == _line(path, record.line_of("title"))
    assert "The first paragraph." == _line(path, record.line_of("summary"))
    assert 1 == record.line_of("author")  # not there: where the record starts


def test_plain_text_keys(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Headline\n\nTitle: Kaim crossing\nURL: {URL}\n\nBody text.\n", encoding="utf-8")
    [record] = _records(path)

    assert "Title: Kaim crossing" == _line(path, record.line_of("title"))
    assert "Body text." == _line(path, record.line_of("body"))


def test_feed_entries(tmp_path):
    """A streamed feed: each entry's elements; an entry starts on its start tag's line."""
    items = "".join(
        f"  <item>\n    <title>Story {i}</title>\n    <link>{URL}/{i}</link>\n"
        f"    <description>About {i}</description>\n    <category>Water</category>\n  </item>\n"
        for i in range(3)
    )
    path = tmp_path / "a.rss"
    path.write_text(f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n{items}</channel></rss>\n')
    found = _records(path)

    assert [None, None, None] == [r.line for r in found]  # feed records keep their entry-number labels
    for record in found:
        assert _line(path, record.line_of("title")).strip().startswith("<title>")
        assert _line(path, record.line_of("summary")).strip().startswith("<description>")
        assert _line(path, record.line_of("tags")).strip().startswith("<category>")
        assert _line(path, record.line_of("author")).strip() == "<item>"


def test_shipped_examples_are_placed():
    """Every shipped example's title is found on a line holding that title's key or element."""
    root = Path(__file__).resolve().parents[2] / "examples"
    for record in _records(root):
        line = _line(Path(record.path), record.line_of("title")).lower()
        assert "title" in line or record.path.endswith(".csv"), (record.path, line)
