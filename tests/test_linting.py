"""Tests for postkit.linting: ``postkit lint`` as one library call, over paths and texts."""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from bounded import run_bounded
from postkit import RuleSet
from postkit.linting import LintInput, lint, lint_inputs
from postkit.platforms.registry import builtin_platforms, get_platform
from strategies import post_texts

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
    # The same finding on both platforms is reported once, naming both (as check does).
    assert 2 * len(expected) == len(result.findings)
    assert {("x", "mastodon")} == {f.platforms for f in result.findings}
    assert sorted(result.findings, key=lambda f: (f.path, f.line, f.column)) == list(result.findings)


def test_texts_alone_and_defaults() -> None:
    """No paths: the texts; the default platform is X and the default rules every rule (news tone)."""
    result = lint(texts=[LOUD])

    assert 1 == result.posts
    assert {"<text>"} == {f.path for f in result.findings}
    assert {"x"} == {f.platform for f in result.findings}  # named, as in json: "platform": "x"
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
        assert "1 input not linted" in done.stderr

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
        assert "postkit: 2 findings in 1 post on 1 platform; 3 inputs not linted" in lines
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


class TestMergedPlatforms:
    """A finding the same on several platforms is one finding naming them all; nothing lost or doubled."""

    @settings(max_examples=60, deadline=None)
    @given(text=post_texts)
    def test_merged_findings_are_every_platforms_violations(self, text: str) -> None:
        """Oracle: each platform's own ``check``; expanding the merged findings gives exactly its violations."""
        platforms = list(builtin_platforms().values())
        rules = RuleSet()
        result = lint(texts=[text], rules=rules, platforms=platforms, note=lambda _: None)

        expanded = Counter((name, f.violation) for f in result.findings for name in f.platforms)
        expected = Counter((p.name, v) for p in platforms for v in rules.check(text.removesuffix("\n"), p))
        assert expected == expanded
        keys = [(f.code, f.line, f.column, f.violation.message) for f in result.findings]
        assert len(keys) == len(set(keys))  # no two findings the same but for the platform

    def test_cli_prints_a_clickbait_phrase_once(self, tmp_path: Path) -> None:
        """The new user's report: with five targets, CLK001 was printed five times for one phrase."""
        (tmp_path / "postkit.toml").write_text('targets = ["x", "bluesky", "mastodon", "threads"]\n', "utf-8")
        (tmp_path / "a.txt").write_text("You will never guess what happened", "utf-8")
        done = run_bounded("lint", "a.txt", cwd=tmp_path)
        clk = [line for line in done.stdout.splitlines() if " CLK001 " in line]
        assert ['a.txt:1:1: CLK001 [4 platforms] "You will never guess" is a clickbait phrase'] == clk

    def test_json_names_the_one_platform(self, tmp_path: Path) -> None:
        """``lint -p x -f json``: "platform": "x", "platforms": ["x"] (not null and [])."""
        done = run_bounded("lint", "--text", "Kaim crossing reopens", "-p", "x", "-f", "json", cwd=tmp_path)
        found = json.loads(done.stdout)["findings"]
        assert found
        assert {("x", ("x",))} == {(f["platform"], tuple(f["platforms"])) for f in found}


class TestNotPosts:
    """What lint refuses, each with its reason and exit 1: a wrong path must not pass CI."""

    def test_a_folder_without_txt_files(self, tmp_path: Path) -> None:
        (tmp_path / "records").mkdir()
        (tmp_path / "records" / "a.json").write_text("{}", "utf-8")
        done = run_bounded("lint", "records", cwd=tmp_path)
        assert 1 == done.returncode
        assert "error: records: no .txt files in this folder" in done.stderr
        assert "postkit check --examples" in done.stderr
        assert "1 input not linted" in done.stderr

    @pytest.mark.parametrize("name", ["export.csv", "a.json", "a.jsonl", "feed.xml", "feed.atom"])
    def test_a_record_file_points_at_check(self, tmp_path: Path, name: str) -> None:
        (tmp_path / name).write_text("title,url\nKaim,https://news.example/a\n", "utf-8")
        done = run_bounded("lint", name, cwd=tmp_path)
        assert 1 == done.returncode
        suffix = Path(name).suffix
        assert f"error: {name}: a record file ({suffix}), not a post" in done.stderr
        assert f"postkit check --examples {name}" in done.stderr
        assert "" == done.stdout

    def test_markdown_with_front_matter_is_a_record(self, tmp_path: Path) -> None:
        (tmp_path / "a.md").write_text("---\ntitle: Kaim\n---\nBody.\n", "utf-8")
        (tmp_path / "b.md").write_text("Kaim crossing reopens\n", "utf-8")  # a post drafted in Markdown
        result = lint([tmp_path / "a.md", tmp_path / "b.md"], note=lambda _: None)
        assert (1, 1) == (result.posts, result.unreadable)
