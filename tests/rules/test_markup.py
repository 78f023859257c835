"""Tests for postkit.rules.markup: HTM001 (markup left in the text)."""

from __future__ import annotations

import pytest

from postkit import check


class TestHtmlLeft:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Ports &amp; shipping", ["&amp;"]),
            ("It&#8217;s open", ["&#8217;"]),
            ("It&#x2019;s open", ["&#x2019;"]),
            ("A <em>new</em> terminal", ["<em>", "</em>"]),
            ("Line<br/>break", ["<br/>"]),
            ("<!-- note --> Kaim", ["<!-- note -->"]),
        ],
        ids=["named", "decimal", "hex", "tags", "self-closing", "comment"],
    )
    def test_markup_found(self, lint, text, expected):
        """Tags and character references are flagged, each on its own span."""
        assert [("HTM001", "warning", m) for m in expected] == lint(text, select=["HTM001"])

    @pytest.mark.parametrize(
        "text",
        [
            "Trade grew 3 < 5 and AT&T rose",
            "Ports & shipping; rates",
            "Read More: https://news.example/a?x=1&amp;y=2",
            "I <3 Kaim",
        ],
        ids=["comparison", "bare-ampersand", "reference-in-link", "heart"],
    )
    def test_prose_is_not_markup(self, lint, text):
        """Comparisons, bare ampersands and references inside links are left alone."""
        assert [] == lint(text, select=["HTM001"])

    def test_message_quotes_the_markup(self):
        """The message says which kind of markup and quotes it."""
        [violation] = check("Ports &amp; shipping", "x", select=["HTM001"])

        assert 'HTML character reference "&amp;" left in the text' == violation.message
