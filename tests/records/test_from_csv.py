"""CSV of another separator: one error naming the separator the header shows, not one per row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from postkit.article import Article
from postkit.errors import RecordError
from postkit.records.reading import load_articles


def test_a_semicolon_file_is_one_error_naming_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("title;url;tags\nSemi row;https://a.example/semi;a,b\nOther;https://a.example/o;c\n", "utf-8")
    (found,) = load_articles(path)
    assert isinstance(found, RecordError)
    assert str(found) == (
        f"{path}, line 1: the header 'title;url;tags' is one column: the file looks semicolon-separated (';'); "
        "postkit reads comma-separated CSV (RFC 4180): save it with commas"
    )


def test_a_one_column_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("url\nhttps://a.example/a\n", "utf-8")
    (found,) = load_articles(path, on_warning=lambda _: None)
    assert "separated" not in str(found)
    path.write_text("title,url\nA; B | C,https://a.example/a\n", "utf-8")
    (article,) = load_articles(path)
    assert isinstance(article, Article)
    assert article.title == "A; B | C"


@given(
    columns=st.lists(
        st.sampled_from(["title", "url", "summary", "tags", "author", "published"]), min_size=2, unique=True
    ),
    separator=st.sampled_from([(";", "semicolon"), ("\t", "tab"), ("|", "pipe")]),
)
def test_any_other_separator_is_named(tmp_path_factory: Any, columns: list[str], separator: tuple[str, str]) -> None:
    mark, name = separator
    path = tmp_path_factory.mktemp("c") / "r.csv"
    path.write_text(mark.join(columns) + "\n" + mark.join("x" for _ in columns) + "\n", "utf-8")
    (found,) = load_articles(path)
    assert isinstance(found, RecordError)
    assert f"looks {name}-separated" in found.message
