"""Tests for postkit.rules.emojis: EMO001 (more emoji than the tone allows)."""

from __future__ import annotations

import pytest

from postkit import check


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

    def test_casual_allows_six(self, lint):
        """The casual tone allows six emoji."""
        assert [] == lint("🎉🚚 Kaim 📝🌍🔗🇮🇶", select=["EMO001"], tone="casual")

    def test_max_option(self, lint):
        """``max`` sets the allowance."""
        assert [("EMO001", "warning", "🔗")] == lint("📝🌍🔗", select=["EMO001"], options={"EMO001": {"max": 2}})
