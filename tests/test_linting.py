"""Tests for postkit.linting: ``postkit lint`` as one library call, over paths and texts."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from bounded import run_bounded
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


class TestWhatCannotBeRead:
    """Issue 23: lint says what it does not read (devices, FIFOs, links to nothing, unlistable folders), never hangs."""

    def test_a_fifo_named_directly_is_refused_at_once(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "post.txt")
        done = run_bounded("lint", "post.txt", cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "error: post.txt: not a regular file (a FIFO, device or socket): not read" in done.stderr
        assert "1 file unreadable" in done.stderr

    def test_a_device_named_directly(self) -> None:
        result = lint(["/dev/zero"], note=lambda _: None)
        assert (0, 1) == (result.posts, result.unreadable)

    def test_a_folder_says_what_it_skips(self, tmp_path: Path) -> None:
        (tmp_path / "posts").mkdir()
        (tmp_path / "posts" / "a.txt").write_text("Kaim crossing reopens", "utf-8")
        os.mkfifo(tmp_path / "posts" / "fifo.txt")
        (tmp_path / "posts" / "gone.txt").symlink_to(tmp_path / "nothing")
        (tmp_path / "posts" / "null.txt").symlink_to("/dev/null")
        (tmp_path / "posts" / "notes.md").write_text("not a post", "utf-8")  # not .txt: not a post
        done = run_bounded("lint", "posts", cwd=tmp_path)
        lines = done.stderr.splitlines()
        assert "error: posts/fifo.txt: not a regular file (a FIFO, device or socket): not read" in lines
        assert "error: posts/gone.txt: a link to nothing" in lines
        assert "error: posts/null.txt: not a regular file (a FIFO, device or socket): not read" in lines
        assert "postkit: 2 findings in 1 post on 1 platform; 3 files unreadable" in lines
        assert not any("notes.md" in line for line in lines)

    def test_an_unlistable_folder_is_reported(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """os.walk's error for a folder it cannot list (as root every folder can be listed: simulated)."""
        (tmp_path / "a.txt").write_text("Kaim crossing reopens", "utf-8")
        walk = os.walk

        def failing_walk(top: Any, **kwargs: Any) -> Any:
            kwargs["onerror"](PermissionError(13, "Permission denied", str(Path(top) / "locked")))
            yield from walk(top, **kwargs)

        monkeypatch.setattr("postkit.linting.os.walk", failing_walk)
        said: list[str] = []
        result = lint([tmp_path], note=said.append)
        assert (1, 1) == (result.posts, result.unreadable)
        assert [f"error: {tmp_path / 'locked'}: cannot list the folder: Permission denied"] == said

    def test_links_to_folders_are_not_followed(self, tmp_path: Path) -> None:
        """A link loop cannot make lint walk forever."""
        (tmp_path / "posts").mkdir()
        (tmp_path / "posts" / "a.txt").write_text("Kaim crossing reopens", "utf-8")
        (tmp_path / "posts" / "loop").symlink_to(tmp_path / "posts")
        done = run_bounded("lint", "posts", cwd=tmp_path)
        assert "in 1 post" in done.stderr
