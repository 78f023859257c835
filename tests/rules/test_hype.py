"""Tests for postkit.rules.hype: HYP001 (hyperbole and intensifiers)."""

from __future__ import annotations

import pytest


class TestHyperbole:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shocking scenes as Kaim reopens", ["Shocking"]),
            ("An absolutely historic day, literally", ["absolutely", "literally"]),
            ("A game-changer for trade", ["game-changer"]),
            ("Shockingly, Kaim reopens", []),
            ("A massive queue at the huge crossing", []),
        ],
        ids=["word", "two-words", "hyphenated", "longer-word", "plain-news-words"],
    )
    def test_words(self, lint, text, expected):
        """Listed hype words are flagged whole-word; words news uses plainly are not listed."""
        assert [("HYP001", "info", m) for m in expected] == lint(text, select=["HYP001"])

    def test_allow_option(self, lint):
        """``allow`` removes a listed word."""
        assert [] == lint("Stunning views at Kaim", select=["HYP001"], options={"HYP001": {"allow": ["stunning"]}})
