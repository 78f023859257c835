"""Tests for postkit.linting: ``postkit lint`` as one library call, over paths and texts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from postkit import RuleSet
from postkit.linting import LintInput, lint, lint_inputs
from postkit.platforms.registry import get_platform

LOUD = "BREAKING!! Kaim crossing reopens, folks\n\nRead More: https://news.example/world/kaim\n"


@pytest.fixture(name="posts")
def _posts(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    (folder / "week").mkdir(parents=True)
    (folder / "b.txt").write_text(LOUD, "utf-8")
    (folder / "week" / "a.txt").write_text(LOUD, "utf-8")
    (folder / ".hidden.txt").write_text(LOUD, "utf-8")
    (folder / "bad.txt").write_bytes(b"caf\xe9")
    (folder / "notes.json").write_text("{}", "utf-8")
    return folder


def test_inputs_in_order(posts: Path) -> None:
    """Texts first, then each path; a folder's .txt files sorted, hidden ones and other files skipped."""
    found = list(lint_inputs([posts], ["hello\n"]))

    assert [LintInput("<text>", "hello")] == found[:1]
    assert [str(posts / "b.txt"), str(posts / "bad.txt"), str(posts / "week" / "a.txt")] == [i.path for i in found[1:]]
    assert "not UTF-8 (byte 3)" == found[2].error


def test_lint_is_what_the_rules_find(posts: Path) -> None:
    """Every readable text checked on every platform; findings sorted by file, line, column."""
    notes: list[str] = []
    platforms = [get_platform("x"), get_platform("mastodon")]
    result = lint([posts], rules=RuleSet(select=("CAP", "PUN")), platforms=platforms, note=notes.append)

    expected = RuleSet(select=("CAP", "PUN")).check(LOUD.removesuffix("\n"), "x")
    assert (2, 1) == (result.posts, result.unreadable)
    assert [f"error: {posts / 'bad.txt'}: not UTF-8 (byte 3)"] == notes
    assert 2 * 2 * len(expected) == len(result.findings)
    assert {"x", "mastodon"} == {f.platform for f in result.findings}
    assert sorted(result.findings, key=lambda f: (f.path, f.line, f.column)) == list(result.findings)


def test_texts_alone_and_defaults() -> None:
    """No paths: the texts; the default platform is X and the default rules every rule (news tone)."""
    result = lint(texts=[LOUD])

    assert 1 == result.posts
    assert {"<text>"} == {f.path for f in result.findings}
    assert {None} == {f.platform for f in result.findings}  # one platform: findings do not name it
    assert {v.code for v in RuleSet().check(LOUD.removesuffix("\n"), "x")} == {f.code for f in result.findings}


def test_nothing_given_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(LOUD))

    assert ["<posted>"] == [f.path for f in lint(stdin_name="<posted>").findings][:1]
