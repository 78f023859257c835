"""Tests for postkit.rules.punctuation: PUN001 (exclamations) and PUN002 (repeated marks)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import Article, check, compose
from postkit.rules.engine import RuleSet

_words = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=4).map(" ".join)


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

    def test_a_configured_max_is_named_as_set(self):
        """Not "the casual tone allows 1": the tone allows 3, the rule's own option 1."""
        rules = RuleSet.from_settings(tone="casual", select=["PUN001"], per_rule={"PUN001": {"max": 1}})
        [violation] = rules.check("Back open, folks! These burgeoning ties!", "x")

        assert '"ties!" is exclamation 2; per-rule.PUN001.max allows 1' == violation.message

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
            ("Open again..... and trading", ["....."]),
            ("Open again………", ["………"]),
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

    @pytest.mark.parametrize(
        "text",
        [
            "The NBA is mad as hell ... and fans want more",
            "Open again...",
            "Open again... [...] and trading",
            "Players go down with injuries this year....",
            "Open again…. Trading resumes",
            "国境が再開された……トラックが走る",
        ],
        ids=["ap-style", "at-the-end", "cut-mark", "four-dots", "ellipsis-and-stop", "cjk"],
    )
    def test_an_ellipsis_is_one_mark(self, lint, text):
        """An ellipsis as typed: three full stops (AP, The Guardian), four after a sentence (Chicago), "……" (CJK)."""
        assert [] == lint(text, select=["PUN002"])

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("I forgot Nokogiri::Slop() and Test::Unit", []),
            ("Listen on ::1 and localhost", []),
            ("Note:: the crossing is open", ["::"]),
            ("Open again;; trading", [";;"]),
        ],
        ids=["ruby-paths", "ipv6", "doubled-colon", "doubled-semicolon"],
    )
    def test_a_double_colon_in_code_is_not_doubled(self, lint, text, expected):
        """A "::" before a letter or digit is code (a path, an IPv6 address); in prose a colon is followed by a space."""
        assert [("PUN002", "warning", m) for m in expected] == lint(text, select=["PUN002"])


class TestEllipsisProperty:
    @given(_words, st.sampled_from(["...", "....", "…", "….", ".…", "……"]), st.sampled_from(["", " ", "\n"]), _words)
    def test_an_ellipsis_as_typed_is_never_a_run(self, before, mark, gap, after):
        """Every way an ellipsis is typed passes, wherever it stands between words."""
        assert [] == check(f"{before}{mark}{gap}{after}", "mastodon", select=["PUN002"])

    @given(_words, st.integers(5, 12), _words)
    def test_dots_beyond_four_are_a_run(self, before, dots, after):
        """Five full stops or more are dots repeated: one finding on the whole run."""
        text = f"{before}{'.' * dots} {after}"
        [found] = check(text, "mastodon", select=["PUN002"])
        assert text[found.start : found.end] == "." * dots


class TestTheQuotedSummary:
    """A composed post's summary is the article's prose, quoted: its exclamations are the article's voice."""

    def _found(self, title, summary, select=("PUN",)):
        post = compose(Article(title=title, url="https://news.example/a", summary=summary), "facebook")
        return [(v.code, post.text[v.start : v.end]) for v in check(post, select=list(select))]

    def test_the_summarys_exclamations_are_not_the_teasers(self):
        """The news tone's one exclamation is the teaser's: the article's own do not count against it."""
        assert [] == self._found("Kaim crossing reopens!", "Hey everyone! The trucks are back! Trade resumes.")

    def test_the_headline_is_still_counted(self):
        """Two exclamations in the teaser's headline are one too many, whatever the summary says."""
        assert [("PUN001", "!")] == self._found("Kaim reopens! Trucks roll!", "Trade resumes.")

    def test_stacked_marks_in_the_summary_are_flagged(self):
        """Repeated marks are careless wherever they stand: PUN002 judges the summary too."""
        assert [("PUN002", "!!")] == self._found("Kaim crossing reopens", "Hello truckers!! Trade resumes.")
