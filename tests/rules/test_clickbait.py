"""Tests for postkit.rules.clickbait: CLK001 (clickbait phrases) and CLK002 (curiosity gaps)."""

from __future__ import annotations

import pytest

from postkit.rules import check


class TestClickbait:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("You won't believe what Iraq did", ["You won't believe"]),
            ("You won’t believe what Iraq did", ["You won’t believe"]),
            ("YOU WON'T BELIEVE it", ["YOU WON'T BELIEVE"]),
            ("A mind-blowing deal and a mind blowing one", ["mind-blowing", "mind blowing"]),
            ("The shocking truth about Kaim", ["shocking truth"]),
            ("Iraq and Syria reopen the Kaim crossing", []),
            ("A must-seem odd test: mustsee", []),
        ],
        ids=["phrase", "typographic-apostrophe", "capitals", "hyphen-or-space", "longest-match", "clean",
             "whole-words-only"],
    )
    def test_phrases(self, lint, text, expected):
        """Listed phrases are found whole-word, ignoring case, apostrophe style and hyphens."""
        assert [("CLK001", "warning", m) for m in expected] == lint(text, select=["CLK001"])

    def test_phrases_in_links_are_ignored(self, lint):
        """A phrase in a URL slug is the link's business, not the post's wording."""
        assert [] == lint("Kaim reopens https://news.example/you-wont-believe/guess-what", select=["CLK001"])

    def test_message(self):
        """The message quotes the phrase as written."""
        [violation] = check("Guess what: Kaim reopens", "x", select=["CLK001"])

        assert '"Guess what" is a clickbait phrase' == violation.message
        assert "say what happened instead" == violation.hint

    def test_extend_and_allow(self, lint):
        """``extend`` adds phrases, ``allow`` removes listed ones."""
        assert [("CLK001", "warning", "big reveal")] == lint("The big reveal at Kaim", select=["CLK001"],
                                                              options={"CLK001": {"extend": ["big reveal"]}})
        assert [] == lint("Guess what: Kaim reopens", select=["CLK001"], options={"CLK001": {"allow": ["guess what"]}})


class TestCuriosityGap:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("This is why the border matters", ["This is why"]),
            ("Here’s how trade will change", ["Here’s how"]),
            ("Kaim reopens. Here's why it matters", ["Here's why"]),
            ("Kaim reopens — here's what changes", ["here's what"]),
            ("Kaim reopens\nThese are the winners", ["These are the"]),
            ("7 things to know about Kaim", ["7 things"]),
            ("5 surprising reasons trade grows", ["5 surprising reasons"]),
            ("12 trucks crossed at Kaim", []),
            ("Officials said this is why they waited", []),
            ("In 2024 things changed at Kaim", []),
        ],
        ids=["this-is-why", "heres-how", "after-a-sentence", "after-a-dash", "new-line", "listicle",
             "listicle-adjective", "number-not-listicle", "mid-sentence", "year-mid-sentence"],
    )
    def test_openers(self, lint, text, expected):
        """Forward references and numbered listicles are flagged where a line or sentence opens."""
        assert [("CLK002", "info", m) for m in expected] == lint(text, select=["CLK002"])
