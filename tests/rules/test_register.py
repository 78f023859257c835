"""Tests for postkit.rules.register: CAS001 (casual register in the news profile)."""

from __future__ import annotations

import pytest


class TestCasual:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Back open for business, folks!", ["folks"]),
            ("Trade is gonna grow", ["gonna"]),
            ("Keep your eyes peeled for more", ["eyes peeled"]),
            ("Y’all should read this", ["Y’all"]),
            ("Folksy music at Kaim", []),
        ],
        ids=["folks", "gonna", "idiom", "typographic-apostrophe", "longer-word"],
    )
    def test_news_profile(self, lint, text, expected):
        """Casual words are flagged in the news profile."""
        assert [("CAS001", "info", m) for m in expected] == lint(text, select=["CAS001"])

    def test_off_in_casual_profile(self, lint):
        """The casual profile turns CAS001 off..."""
        assert [] == lint("Back open, folks", select=["CAS"], tone="casual")

    def test_selected_by_code_in_casual_profile(self, lint):
        """...unless ``select`` names it by its full code."""
        assert [("CAS001", "info", "folks")] == lint("Back open, folks", select=["CAS001"], tone="casual")
