"""Tests for postkit._emoji_table: the emoji package's look-ups, shipped as a generated file."""

from __future__ import annotations

from importlib import metadata, resources

import emoji
import pytest

from postkit import _emoji_table


def _shipped_for_installed() -> None:
    """Skip, saying how to regenerate, when a newer emoji is installed than the file was made from.

    postkit is still right then (it asks the package); only the start-up saving is lost.
    """
    recorded = _emoji_table._stored().version
    if recorded != metadata.version("emoji"):
        pytest.skip(
            f"data/emoji_table.txt is for emoji {recorded}, emoji {metadata.version('emoji')} is installed: "
            "regenerate it with python -m postkit._emoji_table > src/postkit/data/emoji_table.txt"
        )


def test_shipped_file_is_made_from_the_installed_emoji() -> None:
    """data/emoji_table.txt is what the generator makes from the installed emoji package."""
    _shipped_for_installed()
    shipped = resources.files("postkit").joinpath("data/emoji_table.txt").read_text("utf-8")

    assert _emoji_table.render(_emoji_table.reference()) == shipped


def test_table_equals_the_package() -> None:
    """The table read from the file holds the package's statuses and emojize's answers."""
    found = _emoji_table.table()

    assert found.version == emoji.__version__ == metadata.version("emoji")
    assert dict(found.status) == {k: v["status"] for k, v in emoji.EMOJI_DATA.items()}
    assert all(emoji.emojize(code, language="en") == value for code, value in found.names.items())
    assert found == _emoji_table.reference()


def test_other_emoji_version_asks_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under another emoji version the shipped file is not used."""
    monkeypatch.setattr(metadata, "version", lambda name: "0.0")
    monkeypatch.setattr(_emoji_table, "reference", lambda: "asked")
    _emoji_table.table.cache_clear()
    try:
        assert _emoji_table.table() == "asked"
    finally:
        _emoji_table.table.cache_clear()


def test_is_emoji_agrees_with_the_package() -> None:
    """The shipped look-up answers as emoji.is_emoji does, on every sequence and on other text."""
    _shipped_for_installed()
    assert _emoji_table.table().shipped
    others = ["R", "Read", " ", "📝🌍", "\ufe0f", "1", "#", "a\u0301", "🏴\U000e0067", ":memo:"]
    for text in [*emoji.EMOJI_DATA, *others]:
        assert (text in emoji.EMOJI_DATA or emoji.is_emoji(text)) == _emoji_table.is_emoji(text)
