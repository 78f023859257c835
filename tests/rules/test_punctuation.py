"""Tests for postkit.rules.punctuation: PUN001 (exclamations) and PUN002 (repeated marks)."""

from __future__ import annotations

import pytest

from postkit import check


class TestExclamations:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The Kaim crossing is open again!", []),
            ("Open again! Trucks are rolling!", ["!"]),
            ("Open! Rolling! Trading!", ["!", "!"]),
            ("Open again!! Trucks are rolling", []),
            ("Open again?! Trucks roll!", ["!"]),
            ("Open again! Read More: https://news.example/kaim!page", []),
        ],
        ids=["one", "two", "three", "a-run-counts-once", "run-then-one", "inside-a-link"],
    )
    def test_news_allows_one(self, lint, text, expected):
        """Each exclamation beyond the first is flagged; a run such as "!!" is one exclamation."""
        assert [("PUN001", "warning", m) for m in expected] == lint(text, select=["PUN001"])

    def test_message_quotes_the_word(self):
        """The message quotes the exclaimed word and the profile's allowance."""
        [violation] = check("Back open, folks! These burgeoning ties!", "x", select=["PUN001"])

        assert '"ties!" is exclamation 2; the news tone allows 1' == violation.message

    def test_casual_allows_three(self, lint):
        """The casual tone allows three exclamations."""
        assert [] == lint("Open! Rolling! Trading!", select=["PUN001"], tone="casual")
        assert [("PUN001", "warning", "!")] == lint("A! B! C! D!", select=["PUN001"], tone="casual")

    def test_max_option(self, lint):
        """``max = 0`` flags every exclamation."""
        assert [("PUN001", "warning", "!")] == lint("Open!", select=["PUN001"], options={"PUN001": {"max": 0}})


class TestRepeated:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Open again!!", ["!!"]),
            ("Open again?!", ["?!"]),
            ("Open again??", ["??"]),
            ("Open again... and trading", ["..."]),
            ("Open again……", ["……"]),
            ("Open again,, and trading", [",,"]),
            ("Open again… and trading.", []),
            ("Open. Again? Yes! Trading: up", []),
            ("Read More: https://news.example/a...b?c=1", []),
        ],
        ids=[
            "bangs",
            "interrobang",
            "questions",
            "dots",
            "ellipses",
            "commas",
            "single-ellipsis",
            "single-marks",
            "inside-a-link",
        ],
    )
    def test_runs(self, lint, text, expected):
        """Runs of marks are flagged, each on its span; single marks and links are not."""
        assert [("PUN002", "warning", m) for m in expected] == lint(text, select=["PUN002"])
