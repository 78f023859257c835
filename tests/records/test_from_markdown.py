"""Front matter dates: an impossible date, quoted or not, is a warning and the record is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from postkit.article import Article
from postkit.records.reading import load_articles


def _load(folder: Path, date: str) -> tuple[Article, list[str]]:
    path = folder / "a.md"
    path.write_text(f"---\ntitle: T\nurl: https://a.example/t\ndate: {date}\n---\nBody.\n", "utf-8")
    said: list[Any] = []
    (found,) = load_articles(path, on_warning=said.append)
    assert isinstance(found, Article), str(found)
    return found, [str(w) for w in said]


def test_an_unquoted_impossible_date_is_a_warning_like_a_quoted_one(tmp_path: Path) -> None:
    bare, bare_said = _load(tmp_path, "2026-02-30")
    quoted, quoted_said = _load(tmp_path, '"2026-02-30"')
    assert bare.published is None
    assert quoted.published is None
    assert bare_said == quoted_said
    assert len(bare_said) == 1
    assert "line 4, field 'published'" in bare_said[0]
    assert "got '2026-02-30'; the record is kept without a date" in bare_said[0]


def test_an_impossible_time_too(tmp_path: Path) -> None:
    article, said = _load(tmp_path, "2026-02-28 25:61:00")
    assert article.published is None
    assert "got '2026-02-28 25:61:00'" in said[0]


def test_a_real_date_is_still_read(tmp_path: Path) -> None:
    article, said = _load(tmp_path, "2024-02-29")
    assert said == []
    assert article.published is not None
    assert article.published.startswith("2024-02-29")


@given(year=st.integers(1970, 2099), month=st.integers(1, 12), day=st.integers(1, 31))
def test_quoting_a_date_changes_nothing(tmp_path_factory: Any, year: int, month: int, day: int) -> None:
    """Whatever the day, an unquoted date is read as its quoted text would be: kept or warned, never an error."""
    folder = tmp_path_factory.mktemp("d")
    text = f"{year:04d}-{month:02d}-{day:02d}"
    bare, bare_said = _load(folder, text)
    quoted, quoted_said = _load(folder, f'"{text}"')
    assert (bare.published is None) == (quoted.published is None)
    assert len(bare_said) == len(quoted_said)
