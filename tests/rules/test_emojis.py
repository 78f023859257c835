"""Tests for postkit.rules.emojis: EMO001 (more emoji than the tone allows)."""

from __future__ import annotations

import pickle

import pytest

from postkit import check
from postkit.rules.base import Limit, allows
from postkit.rules.engine import RuleSet


class TestTooMany:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim reopens 📝🌍🔗 Read More", []),
            ("Kaim reopens 🎉 📝🌍🔗 Read More", ["🔗"]),
            ("Kaim reopens 🎉🚚 📝🌍🔗", ["🌍🔗"]),
            ("Kaim 👩\u200d👩\u200d👧\u200d👦🇮🇶🇸🇾 reopens", []),
            ("Kaim 👍🏽👍🏿1️⃣ reopens", []),
            ("Apple™ © 2024 ® ❤ 📝🌍🔗", []),
            ("Kaim ❤️ 📝🌍🔗", ["🔗"]),
        ],
        ids=[
            "seed-trio",
            "fourth",
            "fifth",
            "zwj-and-flags-count-once",
            "skin-tones-and-keycap",
            "text-presentation-not-counted",
            "selector-makes-an-emoji",
        ],
    )
    def test_news_allows_three(self, lint, text, expected):
        """A fourth emoji is flagged (a ZWJ sequence, flag, keycap or skin-tone sequence counts once)."""
        assert [("EMO001", "warning", m) for m in expected] == lint(text, select=["EMO001"])

    def test_message(self):
        """The message counts the emoji, names the profile's allowance and quotes the extra ones."""
        [violation] = check("Kaim reopens 🎉🚚 📝🌍🔗", "x", select=["EMO001"])

        assert '5 emoji; the news tone allows 3 (extra: "🌍🔗")' == violation.message

    def test_a_configured_max_is_named_as_set(self):
        """A new user's review: with ``--tone casual`` and ``max = 3`` it said "the casual tone allows 3" (casual: 6)."""
        rules = RuleSet.from_settings(tone="casual", select=["EMO001"], per_rule={"EMO001": {"max": 3}})
        [violation] = rules.check("Kaim reopens 🎉🚚 📝🌍🔗", "x")

        assert '5 emoji; per-rule.EMO001.max allows 3 (extra: "🌍🔗")' == violation.message
        limit = pickle.loads(pickle.dumps(Limit(3, "per-rule.EMO001.max")))
        assert (limit, allows(limit, "casual")) == (3, "per-rule.EMO001.max allows 3")

    def test_the_tone_s_own_limit_is_the_tone_s(self):
        [violation] = check("🎉🚚🎈 Kaim reopens 🐣🐥 📝🌍🔗", "x", select=["EMO001"], tone="casual")

        assert violation.message.startswith("8 emoji; the casual tone allows 6 ")

    def test_casual_allows_six(self, lint):
        """The casual tone allows six emoji."""
        assert [] == lint("🎉🚚 Kaim 📝🌍🔗🇮🇶", select=["EMO001"], tone="casual")

    def test_max_option(self, lint):
        """``max`` sets the allowance."""
        assert [("EMO001", "warning", "🔗")] == lint("📝🌍🔗", select=["EMO001"], options={"EMO001": {"max": 2}})
