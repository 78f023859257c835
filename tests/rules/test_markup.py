"""Tests for postkit.rules.markup: HTM001 (markup left in the text)."""

from __future__ import annotations

import html.entities

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
            ("It&rsquos a 7&ndash4 win, &ldquohistoric&rdquo", ["&rsquos", "&ndash4", "&ldquohistoric", "&rdquo"]),
            ("It&#8217s open", ["&#8217"]),
            ("Fish &amp chips", ["&amp"]),
        ],
        ids=["named", "decimal", "hex", "tags", "self-closing", "comment", "no-semicolon", "decimal-bare", "amp-bare"],
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
            "Q&A with R&Development and B&Bs",
        ],
        ids=["comparison", "bare-ampersand", "reference-in-link", "heart", "ampersand-words"],
    )
    def test_prose_is_not_markup(self, lint, text):
        """Comparisons, bare ampersands and references inside links are left alone."""
        assert [] == lint(text, select=["HTM001"])

    def test_message_quotes_the_markup(self):
        """The message says which kind of markup and quotes it."""
        [violation] = check("Ports &amp; shipping", "x", select=["HTM001"])

        assert 'HTML character reference "&amp;" left in the text' == violation.message


def test_every_html5_reference_is_found():
    """Each of the HTML Standard's references is flagged, as written ("&name;" or a legacy "&name")."""
    missed = []
    for name in sorted(html.entities.html5):
        text = f"Kaim &{name} crossing"
        found = [text[v.start : v.end] for v in check(text, "x", select=["HTM001"])]
        if found != [f"&{name}"]:
            missed.append((name, found))
    assert missed == []
