"""Tests for postkit._emoji_table: the emoji package's look-ups, as a table generated from it.

That the table in use is the generator's for the installed ``emoji`` (shipped or made and
cached) is tests/test_generated.py's; here, that the generator asks the package right.
"""

from __future__ import annotations

from importlib import metadata

import emoji

from postkit import _emoji_table


def test_table_equals_the_package() -> None:
    """The table holds the package's statuses and emojize's answers, for the installed version."""
    found = _emoji_table.table()

    assert found.version == emoji.__version__ == metadata.version("emoji") == _emoji_table.installed_version()
    assert dict(found.status) == {k: v["status"] for k, v in emoji.EMOJI_DATA.items()}
    assert all(emoji.emojize(code, language="en") == value for code, value in found.names.items())
    assert found == _emoji_table.reference()


def test_generated_text_reads_back() -> None:
    """What the generator writes, the parser reads as the same table."""
    assert _emoji_table.reference() == _emoji_table.parse(_emoji_table.generate())


def test_is_emoji_agrees_with_the_package() -> None:
    """The look-up answers as emoji.is_emoji does, on every sequence and on other text."""
    others = ["R", "Read", " ", "📝🌍", "\ufe0f", "1", "#", "a\u0301", "🏴\U000e0067", ":memo:"]
    for text in [*emoji.EMOJI_DATA, *others]:
        assert emoji.is_emoji(text) == _emoji_table.is_emoji(text)
