"""Tests for postkit.rules.tags: TAG001 (too many hashtags)."""

from __future__ import annotations

import pytest

from postkit import RuleSet, check
from postkit.text import find_hashtags as hashtags


class TestHashtags:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim #Iraq #Syria", ["#Iraq", "#Syria"]),
            ("Kaim #1 #2024 a#b", []),
            ("Kaim #Syria_2 #हिन्दी", ["#Syria_2", "#हिन्दी"]),
            ("Kaim ＃Iraq", ["＃Iraq"]),
        ],
        ids=["latin", "numbers-and-inside-words", "underscore-and-marks", "fullwidth"],
    )
    def test_found(self, text, expected):
        """Hashtags are found as the platforms link them: a letter needed, marks included."""
        assert expected == [text[s:e] for s, e in hashtags(text)]


class TestTooMany:
    def test_x_advises_two(self, lint):
        """On X a third hashtag is a warning spanning the extra ones."""
        assert [] == lint("Kaim #Iraq #Syria", "x", select=["TAG001"])
        assert [("TAG001", "warning", "#Trade #Energy")] == lint(
            "Kaim #Iraq #Syria #Trade #Energy", "x", select=["TAG001"]
        )

    def test_hard_cap_is_an_error(self, lint):
        """Over a platform's hard cap (Threads: one topic tag) is an error."""
        assert [("TAG001", "error", "#Syria")] == lint("Kaim #Iraq #Syria", "threads", select=["TAG001"])

    def test_instagram_cap(self, lint):
        """Instagram allows five."""
        tags = " ".join(f"#Tag{c}" for c in "abcdef")

        assert [("TAG001", "error", "#Tagf")] == lint(f"Kaim {tags} Link in bio", "instagram", select=["TAG001"])

    def test_links_are_not_hashtags(self, lint):
        """A URL fragment is not a hashtag."""
        assert [] == lint("Kaim #Iraq https://news.example/a#b #Syria", "x", select=["TAG001"])

    def test_max_option(self, lint):
        """``max`` overrides the platform's advice."""
        assert [("TAG001", "warning", "#Syria")] == lint(
            "Kaim #Iraq #Syria", "x", select=["TAG001"], options={"TAG001": {"max": 1}}
        )

    def test_configured_severity_wins(self):
        """A configured severity applies even over the hard cap."""
        [violation] = RuleSet(select=("TAG001",), severities={"TAG001": "info"}).check("#a #b", "threads")

        assert "info" == str(violation.severity)

    def test_message(self):
        """The message counts the hashtags and names the platform's advice."""
        [violation] = check("Kaim #Iraq #Syria #Trade", "x", select=["TAG001"])

        assert '3 hashtags; X advises at most 2 (from "#Trade" on)' == violation.message
