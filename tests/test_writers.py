"""Tests for postkit.writers: the post formats, streamed, byte for byte what json.dumps writes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.article import Article
from postkit.pipeline import Card, Row, rows
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.writers import SCHEMA, ComposeSummary, PostWriter, _StreamedObject, post_fields, write_posts
from strategies import SEED_TITLE, SEED_URL

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(
    head=st.dictionaries(st.text(max_size=8).filter(lambda k: k != "items"), _JSON, max_size=3),
    items=st.lists(_JSON, max_size=5),
    tail=st.dictionaries(st.text(max_size=8).filter(lambda k: k != "items"), _JSON, max_size=3),
)
def test_streamed_object_is_what_json_dumps_writes(
    head: dict[str, Any], items: list[Any], tail: dict[str, Any]
) -> None:
    """Property: the array written an item at a time gives json.dumps(whole, indent=2)'s bytes."""
    tail = {k: v for k, v in tail.items() if k not in head}
    out = io.StringIO()
    document = _StreamedObject(out, head, "items")
    for item in items:
        document.append(item)
    document.close(tail)

    assert json.dumps({**head, "items": items, **tail}, ensure_ascii=False, indent=2) + "\n" == out.getvalue()


def test_json_document() -> None:
    """The postkit.compose/1 document: schema, posts with where they came from, the summary."""
    post = compose(Article(title=SEED_TITLE, url=SEED_URL), "mastodon")
    out = io.StringIO()
    writer = PostWriter(out, "json", payload=True)
    writer.write(post, where={"path": "a.json", "record": None, "line": 1, "id": None}, thread=(1, 2))
    writer.finish(ComposeSummary(records=1, posts=1, failed=0, known=3))

    document = json.loads(out.getvalue())
    assert SCHEMA == document["schema"]
    assert {"records": 1, "posts": 1, "failed": 0} == document["summary"]
    (written,) = document["posts"]
    assert {"path": "a.json", "record": None, "line": 1, "id": None, "thread": {"index": 1, "of": 2}}.items() <= (
        written.items()
    )
    assert post.payload() == written["payload"]
    assert post_fields(post, payload=True, path="a.json", record=None, line=1, id=None) == {
        k: v for k, v in written.items() if k != "thread"
    }


@pytest.mark.parametrize(("fmt", "payload"), [("yaml", False), ("text", True)])
def test_refused(fmt: str, payload: bool) -> None:
    with pytest.raises(ValueError, match=r"format|payload"):
        PostWriter(io.StringIO(), fmt, payload=payload)


def test_posts_are_written_as_they_come() -> None:
    """Each row's posts are out before the next row is read: nothing waits for the end."""
    out = io.StringIO()
    x = [get_platform("x")]
    seen: list[int] = []

    def watched() -> Iterator[Row]:
        for number, row in enumerate(rows([EXAMPLES], x), 1):
            seen.append(out.getvalue().count('"platform"'))
            yield row
            assert number == out.getvalue().count('"platform"')

    done = write_posts(watched(), out, fmt="json")

    assert list(range(len(seen))) == seen
    assert done.posts == len(json.loads(out.getvalue())["posts"])


def test_text_and_threads() -> None:
    post = compose(Article(title=SEED_TITLE, url=SEED_URL), "x")
    row = Row(Article(title=SEED_TITLE, url=SEED_URL), [Card(post.platform, post)], source="a.json, line 1")
    out = io.StringIO()

    assert ComposeSummary(1, 1, 0, 0) == write_posts([row], out)
    assert out.getvalue().startswith(f"# a.json, line 1 · x · {post.length}/280 {post.platform.unit}\n{post.text}\n\n")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_emoji_are_written_as_they_are(fmt: str) -> None:
    """JSON output keeps emoji (and every non-ASCII character) as UTF-8, not as \\uXXXX escapes (issue 20)."""
    article = Article(title="Kaim crossing reopens ✂️", url=SEED_URL, topics=["sport"], language="ar")
    out = io.StringIO()
    write_posts([Row(article, (Card(get_platform("x"), compose(article, "x")),))], out, fmt=fmt, payload=True)
    text = out.getvalue()

    assert "\\u" not in text
    assert "📝🏆🔗" in text
    assert "✂️" in text
    assert "اقرأ المزيد" in text
