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


class TestNamesAndVerbs:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shocking scenes as the Kaim crossing reopens", ["Shocking"]),
            ("Kaim Reopens With Shocking Scenes At The Border", ["Shocking"]),
            ("A stunning win at Kaim", ["stunning"]),
            ("Amazing Radio launches a Kaim show", []),
            ("Kaim fans watch Amazing Grace tonight", []),
            ("Fans Of The Incredible Shrinking Man Meet At Kaim", []),
            ("Prison Workers Fired After Shocking Children With Stun Guns", []),
            ("Trucks roll, stunning the crowd at Kaim", []),
        ],
        ids=[
            "sentence-start",
            "title-case",
            "adjective",
            "name-at-start",
            "name-mid-sentence",
            "the-name-title-case",
            "verb-with-object",
            "verb-with-determiner",
        ],
    )
    def test_names_and_verbs_pass(self, lint, text, expected):
        """Capitalised hype words in names and -ing hype words with an object are not hyperbole."""
        assert [("HYP001", "info", w) for w in expected] == lint(text, select=["HYP001"])
