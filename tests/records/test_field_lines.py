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


_FEED_KEYS = st.sampled_from(["summary", "content_html", "content_text", "date_published", "tags", "image"])
_FEED_VALUES = {
    "summary": 'A "summary": {with} [marks]',
    "content_html": "<p>The body.</p>",
    "content_text": "The body, as text.",
    "date_published": "2024-05-01T10:00:00Z",
    "tags": ["x", "y"],
    "image": "https://news.example/i.jpg",
}
#: The JSON Feed key each record field comes from, as the spec names them (jsonfeed.org/version/1.1).
_FEED_FIELD = {"date_published": "published", "content_html": "body", "content_text": "body"}


@settings(max_examples=40, deadline=None)
@given(
    count=st.integers(1, 4),
    extra=st.lists(_FEED_KEYS, unique=True, max_size=4),
    indent=st.sampled_from([1, 2, 4, "\t"]),
)
def test_json_feed_item_keys_are_on_their_lines(tmp_path_factory, count, extra, indent):
    """A JSON Feed item: its title, url and other fields are placed on their keys' lines, not the file's first."""
    items = [
        {"id": str(i), "url": f"{URL}/{i}", "title": f"Story {i}", **{k: _FEED_VALUES[k] for k in extra}}
        for i in range(count)
    ]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": items}
    path = tmp_path_factory.mktemp("feed") / "feed.json"
    path.write_text(json.dumps(feed, indent=indent), encoding="utf-8")

    for record in _records(path):
        assert record.field_lines is not None
        assert _line(path, record.field_lines.start).strip() == "{"
        for key in ("title", "url", *extra):
            field = _FEED_FIELD.get(key, key)
            if field == "body" and "content_html" in extra and key == "content_text":
                continue  # content_html is read first: the body is its
            assert _line(path, record.line_of(field)).lstrip().startswith(f'"{key}":'), (key, field)
        if "summary" not in extra and ("content_html" in extra or "content_text" in extra):
            first = "content_html" if "content_html" in extra else "content_text"
            assert _line(path, record.line_of("summary")).lstrip().startswith(f'"{first}":')


def test_json_feed_on_few_lines(tmp_path):
    """The new user's feed: an item's title on line 5 is reported there (was 1:1)."""
    path = tmp_path / "feed.json"
    path.write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "F", "home_page_url": "https://g.example/",\n'
        ' "items": [\n'
        '  {"id": "1", "url": "https://g.example/1", "title": "Fine title"},\n'
        '  {"id": "2", "url": "https://g.example/2",\n'
        '   "title": "This one weird trick cuts bills"}\n'
        " ]}\n",
        encoding="utf-8",
    )
    first, second = _records(path)

    assert (3, 3, 3) == (first.line_of(None), first.line_of("title"), first.line_of("url"))
    assert (4, 5, 4) == (second.line_of(None), second.line_of("title"), second.line_of("url"))


def test_wordpress_nested_keys(tmp_path):
    """A WordPress post's title and summary: the line of ``rendered`` under ``title`` and ``excerpt``."""
    posts = [
        {
            "id": 7,
            "link": "https://g.example/a/",
            "title": {"rendered": "Council meets"},
            "excerpt": {"rendered": "<p>You won&#8217;t believe the budget.</p>", "protected": False},
            "content": {"rendered": "<p>Body.</p>"},
        }
    ]
    path = tmp_path / "wp.json"
    path.write_text(json.dumps(posts, indent=2), encoding="utf-8")
    [record] = _records(path)

    assert _line(path, record.line_of("summary")).strip().startswith('"rendered": "<p>You won')
    assert _line(path, record.line_of("title")).strip() == '"rendered": "Council meets"'
    assert _line(path, record.line_of("body")).strip() == '"rendered": "<p>Body.</p>"'
    assert _line(path, record.line_of("url")).strip().startswith('"link":')


def test_ghost_posts(tmp_path):
    """A Ghost Content API post: the summary is the custom excerpt's line, the url the canonical one's."""
    post = {
        "id": "g1",
        "uuid": "u1",
        "title": "Ghost story",
        "url": "https://g.example/ghost/",
        "canonical_url": "https://g.example/c/",
        "custom_excerpt": "An excerpt.",
        "excerpt": "Auto excerpt.",
        "html": "<p>Body.</p>",
    }
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps({"posts": [post]}, indent=2), encoding="utf-8")
    [record] = _records(path)

    assert _line(path, record.line_of("summary")).strip().startswith('"custom_excerpt":')
    assert _line(path, record.line_of("url")).strip().startswith('"canonical_url":')
    assert _line(path, record.line_of("title")).strip().startswith('"title":')
