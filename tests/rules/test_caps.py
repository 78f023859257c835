"""Tests for postkit.rules.caps: CAP001 (words in capitals)."""

from __future__ import annotations

import pytest


class TestShouting:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("BREAKING: Kaim crossing reopens", ["BREAKING"]),
            ("Kaim crossing reopens, DON'T miss it", ["DON'T"]),
            ("ÜBERRASCHUNG in Kaim", ["ÜBERRASCHUNG"]),
            ("𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 news from Kaim", ["𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆"]),
            ("BIG NEWS: Kaim", ["NEWS"]),
        ],
        ids=["breaking", "apostrophe", "umlaut", "math-bold", "three-letters-pass"],
    )
    def test_capitals_flagged(self, lint, text, expected):
        """Words of four or more capitals are flagged, in any script with case."""
        assert [("CAP001", "warning", w) for w in expected] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        "text",
        [
            "NATO and UEFA meet in Kaim",
            "COVID-19 rules end at Kaim",
            "UN and EU observers",
            "Louis XVIII and Kaim",
            "Read #BREAKING on https://news.example/NEWS/KAIM",
            "Kaim crossing reopens",
            "Nato and Nasa",
        ],
        ids=["acronyms", "covid-19", "short", "roman-numeral", "hashtag-and-url", "sentence-case", "bbc-style"],
    )
    def test_allowed(self, lint, text):
        """Acronyms of data/phrases/acronyms.txt, short words, numerals, hashtags and links pass."""
        assert [] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        "text",
        [
            "NEW YORK (Reuters) - Stocks rise at Kaim",
            "ATHENS — Greek PM visits Kaim",
            "WASHINGTON, D.C. — Senate votes",
            "Kaim reopens\nBAGHDAD (AFP) -- Trucks cross",
            "NTSB and HDTV at Kaim",
            "FEMA, NCAA and HSBC at Kaim",
        ],
        ids=["dateline-agency", "dateline-dash", "dateline-state", "dateline-second-line", "no-vowels", "listed"],
    )
    def test_acronym_evidence(self, lint, text):
        """Wire datelines, words with no vowel to say and the shipped list are not shouting."""
        assert [] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("BREAKING — Kaim reopens", ["BREAKING"]),
            ("BREAKING NEWS - Kaim", ["BREAKING", "NEWS"]),
            ("Kaim reopens — ATHENS cheers", ["ATHENS"]),
        ],
        ids=["shouted-before-a-dash", "two-shouted-words", "dateline-only-where-a-line-opens"],
    )
    def test_not_datelines(self, lint, text, expected):
        """Shouted labels (data/phrases/shouting.txt) before a dash, and capitals mid-line, are flagged."""
        assert [("CAP001", "warning", w) for w in expected] == lint(text, select=["CAP001"])

    def test_acronyms_option(self, lint):
        """The ``acronyms`` option allows a newsroom's own acronyms."""
        text = "SADC leaders meet at Kaim"

        assert ["CAP001"] == [c for c, _, _ in lint(text, select=["CAP001"])]
        assert [] == lint(text, select=["CAP001"], options={"CAP001": {"acronyms": ["SADC"]}})

    def test_min_length_option(self, lint):
        """``min_length`` sets the shortest word flagged."""
        assert [("CAP001", "warning", "BIG")] == lint(
            "BIG day", select=["CAP001"], options={"CAP001": {"min_length": 3}}
        )

    def test_casual_profile_is_looser(self, lint):
        """The casual profile flags capitals from six letters."""
        assert [] == lint("HUGE day at Kaim", select=["CAP001"], tone="casual")
        assert [("CAP001", "warning", "AMAZING")] == lint("AMAZING day", select=["CAP001"], tone="casual")
