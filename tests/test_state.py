"""Tests for postkit.state and `compose --state`: new items only, crash- and overlap-safe, for real.

The crash and overlap tests run postkit in child processes: one is killed mid-run or made
to die between writing its output and committing; two runs overlap on one state file.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from postkit.article import Article
from postkit.errors import ConfigError
from postkit.state import State, article_key

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "examples" / "feeds" / "harbour-wire.rss"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def record(i: int) -> str:
    return json.dumps({"id": f"r{i}", "title": f"Story {i}", "url": f"https://news.example/{i}"}) + "\n"


def postkit(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postkit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=120,
    )


def start(*args: str, code: str | None = None) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "postkit", *args]
    return subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def ids(jsonl: str) -> list[tuple[str, str]]:
    return [(p["platform"], p["id"]) for p in map(json.loads, jsonl.splitlines())]


def marks(path: Path) -> int:
    """How many marks are committed (none when even the table's creation was rolled back)."""
    with sqlite3.connect(path) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'composed'").fetchone():
            return 0
        return int(db.execute("SELECT count(*) FROM composed").fetchone()[0])


def wait_locked(path: Path, proc: subprocess.Popen[str]) -> None:
    """Until ``proc`` holds the state file's lock (another open fails at once)."""
    for _ in range(400):
        assert proc.poll() is None, proc.communicate()
        try:
            State(path, timeout=0.01).open().rollback()
        except ConfigError as err:
            if "locked" in err.message:
                return
            if "cannot use" not in err.message:
                raise
        time.sleep(0.05)
    pytest.fail("the child never took the lock")


class TestState:
    def test_marks_survive_a_commit(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        with State(path) as state:
            assert not state.seen("x", "a")
            state.mark("x", "a")
            assert state.seen("x", "a")
        with State(path) as state:
            assert state.seen("x", "a")
            assert not state.seen("bluesky", "a")
            assert 1 == len(state)

    def test_an_exception_rolls_back(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"

        def run() -> None:
            with State(path) as state:
                state.mark("x", "a")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            run()
        with State(path) as state:
            assert not state.seen("x", "a")

    def test_forget(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        now = time.time()
        with State(path) as state:
            state.mark("x", "old", when=now - 40 * 86_400)
            state.mark("x", "new", when=now - 86_400)
        with State(path) as state:
            assert 1 == state.forget(30, now=now)
            assert (False, True) == (state.seen("x", "old"), state.seen("x", "new"))

    def test_key_is_id_else_url(self) -> None:
        assert "a-1" == article_key(Article(title="t", url="https://n.example/a", id="a-1"))
        assert "https://n.example/a" == article_key(Article(title="t", url="https://n.example/a"))

    def test_not_a_database(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        path.write_text("this is not SQLite, just text that is long enough to have a header" * 10)

        with pytest.raises(ConfigError, match="cannot use state file"):
            State(path).open()

    def test_another_schema(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version = 7")

        with pytest.raises(ConfigError, match="schema version 7"):
            State(path).open()

    def test_a_held_lock_times_out(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        first = State(path).open()
        try:
            with pytest.raises(ConfigError, match="locked by another run"):
                State(path, timeout=0.1).open()
        finally:
            first.rollback()


class TestCron:
    def test_the_same_feed_twice_emits_only_new_items(self, tmp_path: Path) -> None:
        state = str(tmp_path / "s.db")
        feed = tmp_path / "feed.rss"
        feed.write_text(FEED.read_text("utf-8"), "utf-8")

        first = postkit("compose", str(feed), "-p", "x,bluesky", "-f", "jsonl", "--state", state)
        second = postkit("compose", str(feed), "-p", "x,bluesky", "-f", "jsonl", "--state", state)
        newer = FEED.read_text("utf-8").replace(
            "<item>",
            "<item><title>New berth</title><link>https://news.example/harbour/new</link>"
            '<guid isPermaLink="false">harbour-wire-new</guid></item><item>',
            1,
        )
        feed.write_text(newer, "utf-8")
        third = postkit("compose", str(feed), "-p", "x,bluesky", "-f", "jsonl", "--state", state)

        assert 4 == len(ids(first.stdout))
        assert [] == ids(second.stdout)
        assert "4 already composed" in second.stderr
        assert [("x", "harbour-wire-new"), ("bluesky", "harbour-wire-new")] == ids(third.stdout)

    def test_forget_after(self, tmp_path: Path) -> None:
        state = str(tmp_path / "s.db")
        postkit("compose", str(FEED), "-p", "x", "--state", state)
        with sqlite3.connect(state) as db:
            db.execute("UPDATE composed SET composed_at = composed_at - 10 * 86400")
        again = postkit("compose", str(FEED), "-p", "x", "-f", "jsonl", "--state", state, "--forget-after", "7")

        assert 2 == len(ids(again.stdout))

    def test_forget_after_needs_state(self) -> None:
        result = postkit("compose", str(FEED), "--forget-after", "7")

        assert 2 == result.returncode
        assert "--forget-after needs --state" in result.stderr


class TestCrash:
    def test_a_killed_run_marks_nothing(self, tmp_path: Path) -> None:
        """SIGKILL mid-run: nothing is marked, and the next run emits every post."""
        state = tmp_path / "s.db"
        proc = start("compose", "-", "-p", "x", "-f", "jsonl", "--state", str(state))
        assert proc.stdin is not None
        proc.stdin.write(record(1) + record(2))
        proc.stdin.flush()
        wait_locked(state, proc)
        time.sleep(0.5)  # let it compose what it has read; it then waits for more input
        proc.send_signal(signal.SIGKILL)
        proc.communicate()

        assert 0 == marks(state)
        rerun = postkit("compose", "-", "-p", "x", "-f", "jsonl", "--state", str(state), stdin=record(1) + record(2))
        assert [("x", "r1"), ("x", "r2")] == ids(rerun.stdout)
        assert 1 == len(
            ids(
                postkit(
                    "compose",
                    "-",
                    "-p",
                    "x",
                    "-f",
                    "jsonl",
                    "--state",
                    str(state),
                    stdin=record(1) + record(2) + record(3),
                ).stdout
            )
        )

    def test_dying_after_writing_but_before_commit(self, tmp_path: Path) -> None:
        """Output written, then the process dies before committing: posts come again (at least once)."""
        state = tmp_path / "s.db"
        out = tmp_path / "out.jsonl"
        code = (
            "import os, sys, postkit.state as s\n"
            "s.State.commit = lambda self: os._exit(9)\n"
            "from postkit.cli.main import main\n"
            "main(sys.argv[1:])\n"
        )
        proc = start("compose", str(FEED), "-p", "x", "-f", "jsonl", "-o", str(out), "--state", str(state), code=code)
        proc.communicate(timeout=120)

        assert 9 == proc.returncode
        assert 2 == len(ids(out.read_text("utf-8")))
        assert 0 == marks(state)
        assert 2 == len(ids(postkit("compose", str(FEED), "-p", "x", "-f", "jsonl", "--state", str(state)).stdout))


class TestOverlap:
    def test_an_overlapping_run_waits_and_emits_only_the_rest(self, tmp_path: Path) -> None:
        """Two processes over one state file: every (platform, id) is emitted exactly once."""
        state = tmp_path / "s.db"
        later = tmp_path / "later.jsonl"
        later.write_text("".join(record(i) for i in range(1, 6)), "utf-8")
        first = start("compose", "-", "-p", "x,mastodon", "-f", "jsonl", "--state", str(state))
        assert first.stdin is not None
        first.stdin.write(record(1) + record(2))
        first.stdin.flush()
        wait_locked(state, first)
        second = start("compose", str(later), "-p", "x,mastodon", "-f", "jsonl", "--state", str(state))
        time.sleep(1.0)
        assert second.poll() is None  # waiting for the first run's lock
        first.stdin.write(record(3))
        out1, _ = first.communicate(timeout=120)
        out2, err2 = second.communicate(timeout=120)

        emitted = ids(out1) + ids(out2)
        assert 0 == first.returncode
        assert 0 == second.returncode, err2
        assert sorted(emitted) == sorted(set(emitted))
        assert {(p, f"r{i}") for p in ("x", "mastodon") for i in range(1, 6)} == set(emitted)
        assert {(p, f"r{i}") for p in ("x", "mastodon") for i in (4, 5)} == set(ids(out2))
        assert 10 == marks(state)
