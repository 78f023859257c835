"""Tests for postkit.rules.unicode: UNI001 (invisible characters) and UNI002 (broken text)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import check
from strategies import emoji_sequences, titles

LONE = chr(0xD800)  # a lone surrogate (built with chr: linters cannot print it)
INVISIBLE = [
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
]


class TestInvisible:
    @pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
    def test_each_invisible_character(self, lint, char):
        """Each zero-width, bidi or control character DESIGN lists is an error spanning it."""
        assert [("UNI001", "error", char)] == lint(f"Kaim{char} crossing", select=["UNI001"])

    @pytest.mark.parametrize(
        "text",
        [
            "line one\nline two",
            "tab\tseparated",
            "line one\r\nline two",
            "👩\u200d💻 coder",
            "می\u200cخواهم",
            "क्\u200dष",
        ],
        ids=["newline", "tab", "crlf", "emoji-zwj", "persian-zwnj", "devanagari-zwj"],
    )
    def test_allowed(self, lint, text):
        """Newline, tab, a CRLF line end, and the joiners emoji and scripts need are fine."""
        assert [] == lint(text, select=["UNI001"])

    def test_lone_carriage_return(self, lint):
        """A carriage return that is not part of a CRLF is a control character."""
        assert [("UNI001", "error", "\r")] == lint("Kaim\rcrossing", select=["UNI001"])

    def test_message_names_the_character(self):
        """The message names the code point (the character itself cannot be seen)."""
        [violation] = check("Kaim\u202e crossing", "x", select=["UNI001"])

        assert "invisible character U+202E RIGHT-TO-LEFT OVERRIDE in the text" == violation.message

    @given(titles())
    def test_spans_point_at_invisible_characters(self, text):
        """Whatever the text, each UNI001 span is one character of the invisible set."""
        for v in check(text, "mastodon", select=["UNI001"]):
            assert 1 == v.end - v.start
            # Not printable, or one of the blanks Python calls printable (CGJ, Hangul fillers, Braille blank).
            assert not text[v.start].isprintable() or text[v.start] in "\u034f\u115f\u1160\u3164\uffa0\u2800"


class TestBroken:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Caf\ufffd reopens", "\ufffd"),
            (f"Caf{LONE} reopens", LONE),
            ("\u200dKaim", "\u200d"),
            ("Kaim\u200d", "\u200d"),
            ("Kaim \u200d crossing", "\u200d"),
            ("👩\u200d\u200d💻", "\u200d"),
            ("\ufe0fKaim", "\ufe0f"),
            ("Kaim \ufe0f crossing", "\ufe0f"),
            ("❤\ufe0f\ufe0f", "\ufe0f"),
        ],
        ids=[
            "replacement",
            "lone-surrogate",
            "zwj-at-start",
            "zwj-at-end",
            "zwj-between-spaces",
            "double-zwj",
            "selector-at-start",
            "selector-after-space",
            "double-selector",
        ],
    )
    def test_broken(self, lint, text, expected):
        """U+FFFD, lone surrogates, and joiners or selectors with nothing to attach to are errors."""
        assert ("UNI002", "error", expected) in lint(text, select=["UNI002"])

    @given(st.lists(emoji_sequences, min_size=1, max_size=8).map(" ".join))
    def test_emoji_sequences_are_whole(self, text):
        """Valid emoji sequences (ZWJ, flags, keycaps, selectors, tags) are never broken text."""
        assert [] == check(text, "mastodon", select=["UNI002"])

    def test_ascii_text(self, lint):
        """Plain ASCII text has nothing to break."""
        assert [] == lint("Kaim crossing reopens! https://news.example/a?b=1", select=["UNI002"])
