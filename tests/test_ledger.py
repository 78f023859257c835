"""Tests for postkit.ledger: the publish ledger's states, each step committed, in the state file."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.errors import ConfigError
from postkit.ledger import Ledger, LedgerMarks, Planned, tid
from postkit.platforms.sending import Remote
from postkit.state import ArticleKey, State

TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")  # atproto's TID syntax
KEY = ArticleKey("https://news.example/", "g1")


def plan(n: int = 1) -> list[Planned]:
    return [Planned({"text": f"post {i}"}, None, {"label": "a.jsonl, line 1"}) for i in range(1, n + 1)]


def statuses(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT status FROM published ORDER BY entry")]


class TestTid:
    def test_layout(self) -> None:
        """53 bits of microseconds, then 10 bits of clock id, in base32-sortable: what atproto's TID class makes."""
        micros = 1_764_918_000_123_456
        made = tid(micros, 5)
        alphabet = "234567abcdefghijklmnopqrstuvwxyz"
        value = 0
        for char in made:
            value = value * 32 + alphabet.index(char)
        assert (micros, 5) == (value >> 10, value & 0x3FF)
        assert TID.match(made)

    @given(st.integers(0, 2**53 - 1), st.integers(0, 1023), st.integers(0, 2**53 - 1))
    def test_valid_and_sorted_like_time(self, micros: int, clock: int, other: int) -> None:
        assert TID.match(tid(micros, clock))
        assert (tid(micros, clock) < tid(other, clock)) == (micros < other)


class TestLedger:
    def test_steps_are_committed_when_they_return(self, tmp_path: Path) -> None:
        """Each step is on disk before the ledger goes on: another connection sees it at once."""
        path = tmp_path / "s.db"
        with Ledger(path) as ledger:
            [entry] = ledger.plan("bluesky", KEY, plan())
            assert ["planned"] == statuses(path)
            entry = ledger.intent(entry, "2026-12-05T08:00:00.000Z")
            assert ["sending"] == statuses(path)
            entry = ledger.sent(entry, Remote("3k", "at://did/app.bsky.feed.post/3k", "https://bsky.app/x", "bafy"))
            assert ["sent"] == statuses(path)
        assert (1, "2026-12-05T08:00:00.000Z", "bafy") == (entry.attempts, entry.created_at, entry.remote.cid)

    def test_tokens_are_unique_tids(self, tmp_path: Path) -> None:
        with Ledger(tmp_path / "s.db") as ledger:
            now = time.time()
            entries = [e for i in range(20) for e in ledger.plan("bluesky", ArticleKey("", f"k{i}"), plan(3), now=now)]
        tokens = [e.token for e in entries]
        assert len(set(tokens)) == len(tokens) == 60
        assert all(TID.match(token) for token in tokens)

    def test_a_plan_is_replaced_until_a_post_is_on_its_way(self, tmp_path: Path) -> None:
        """Planned or failed: composed afresh. Sending, sent or unknown: fixed."""
        with Ledger(tmp_path / "s.db") as ledger:
            marks = LedgerMarks(ledger)
            first = ledger.plan("x", KEY, plan(2))
            assert not marks.seen("x", KEY)
            ledger.failed(first[0], "HTTP 400")
            again = ledger.plan("x", KEY, plan(3))
            assert [3, 3, 3] == [e.total for e in again]
            ledger.intent(again[0], "2026-12-05T08:00:00.000Z")
            assert marks.seen("x", KEY)
            assert not marks.seen("bluesky", KEY)
            with pytest.raises(ValueError, match="on its way out"):
                ledger.plan("x", KEY, plan(1))

    def test_cards_lists_what_is_not_sent_oldest_first(self, tmp_path: Path) -> None:
        with Ledger(tmp_path / "s.db") as ledger:
            [done] = ledger.plan("x", ArticleKey("", "done"), plan(), now=1.0)
            ledger.sent(ledger.intent(done, "t"), Remote("1"))
            ledger.plan("x", ArticleKey("", "later"), plan(), now=3.0)
            ledger.plan("x", ArticleKey("", "earlier"), plan(2), now=2.0)
            ledger.plan("mastodon", ArticleKey("", "other platform"), plan(), now=0.5)

            assert [["earlier", "earlier"], ["later"]] == [[e.key for e in card] for card in ledger.cards(["x"])]

    def test_interrupted(self, tmp_path: Path) -> None:
        with Ledger(tmp_path / "s.db") as ledger:
            a, b = ledger.plan("x", KEY, plan(2))
            ledger.intent(a, "t")
            assert [a.entry] == [e.entry for e in ledger.interrupted()]
            assert {"planned": 1, "sending": 1, "sent": 0, "unknown": 0, "failed": 0} == ledger.counts()
            assert "planned" == ledger.back(ledger.intent(b, "t"), "planned").status

    def test_one_file_with_the_compose_marks(self, tmp_path: Path) -> None:
        path = tmp_path / "s.db"
        with State(path) as state:
            state.mark("x", KEY)
        with Ledger(path) as ledger:
            ledger.plan("x", KEY, plan())
        with State(path) as state, sqlite3.connect(path) as db:
            assert state.seen("x", KEY)
            assert 1 == db.execute("SELECT count(*) FROM published").fetchone()[0]

    def test_forget_drops_only_cards_sent_over_days_ago(self, tmp_path: Path) -> None:
        """As the compose state's forget: the file does not grow without bound; work and doubt stay."""
        day, now = 86_400.0, 100 * 86_400.0
        with Ledger(tmp_path / "s.db") as ledger:

            def card(key: str, statuses: list[str], done: float) -> None:
                entries = ledger.plan("x", ArticleKey("", key), plan(len(statuses)), now=done)
                for entry, status in zip(entries, statuses, strict=True):
                    if status == "sent":
                        ledger.sent(ledger.intent(entry, "t", now=done), Remote("1"), now=done)
                    elif status == "unknown":
                        ledger.unknown(ledger.intent(entry, "t", now=done), "cut off", now=done)
                    elif status == "failed":
                        ledger.failed(entry, "HTTP 400", now=done)
                    elif status == "sending":
                        ledger.intent(entry, "t", now=done)

            card("old sent", ["sent", "sent"], now - 40 * day)
            card("new sent", ["sent"], now - 10 * day)
            card("old half", ["sent", "planned"], now - 40 * day)
            card("old unknown", ["sent", "unknown"], now - 40 * day)
            card("old failed", ["failed"], now - 40 * day)
            card("old sending", ["sending"], now - 40 * day)

            assert 2 == ledger.forget(30, now=now)  # the two posts of the one settled old card
            left = {e.key for e in ledger.interrupted()} | {e.key for c in ledger.cards(["x"]) for e in c}
            assert left == {"old half", "old unknown", "old failed", "old sending"}
            assert ledger.fixed("x", ArticleKey("", "new sent"))
            assert not ledger.fixed("x", ArticleKey("", "old sent"))  # forgotten: it would be planned again
            assert 0 == ledger.forget(30, now=now)

    @given(
        st.lists(st.tuples(st.sampled_from(["sent", "planned", "failed", "unknown"]), st.integers(0, 60)), max_size=8)
    )
    def test_forget_keeps_every_card_not_settled_long_ago(self, cards: list[tuple[str, int]]) -> None:
        """Whatever the ledger holds: what goes is exactly the all-sent cards done over the days ago."""
        import tempfile  # noqa: PLC0415 - hypothesis and tmp_path do not mix

        day, now = 86_400.0, 100 * 86_400.0
        with tempfile.TemporaryDirectory() as folder, Ledger(Path(folder) / "s.db") as ledger:
            for i, (status, age) in enumerate(cards):
                [entry] = ledger.plan("x", ArticleKey("", f"k{i}"), plan(), now=now - age * day)
                if status == "sent":
                    ledger.sent(entry, Remote("1"), now=now - age * day)
                elif status != "planned":
                    getattr(ledger, status)(entry, "why", now=now - age * day)
            gone = ledger.forget(30, now=now)
            expected = {f"k{i}" for i, (status, age) in enumerate(cards) if status == "sent" and age > 30}
            assert gone == len(expected)
            for i in range(len(cards)):
                assert bool(ledger.entries("x", ArticleKey("", f"k{i}"))) == (f"k{i}" not in expected)

    def test_a_dry_run_reads_and_never_writes(self, tmp_path: Path) -> None:
        path = tmp_path / "missing.db"
        with Ledger(path, write=False) as ledger:
            assert ([], False) == (list(ledger.cards(["x"])), ledger.fixed("x", KEY))
            with pytest.raises(RuntimeError, match="not open for writing"):
                ledger.plan("x", KEY, plan())
        assert not path.exists()

    def test_a_held_lock_times_out(self, tmp_path: Path) -> None:
        """A compose run and a publish run on one file take turns, as two runs of either do."""
        path = tmp_path / "s.db"
        with State(path), pytest.raises(ConfigError, match="locked by another run"):
            Ledger(path, timeout=0.1).open()
