"""Tests for postkit.platforms._tld_fast: the dot-and-TLD test, against twitter-text's TLD pattern."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postkit import _data
from postkit.platforms import url_grammar
from postkit.platforms._tld_fast import has_tld

_TLDS = [*_data.twitter_text()["tlds"]["generic"], *_data.twitter_text()["tlds"]["country"]]
_PIECES = st.one_of(
    st.sampled_from(_TLDS),
    st.sampled_from(_TLDS).map(str.upper),
    st.sampled_from(
        [
            ".",
            ".",
            "..",
            "xn--",
            "XN--",
            "xn--p",
            "-",
            "@",
            "+",
            "_",
            "/",
            " ",
            "1",
            "a",
            "Com",
            "co",
            "uk",
            "K",
            "\u212a",
            "\u017f",
            "\u0130",
            "\u0131",
            "’",
            "é",
            "\u0440\u0444",
        ]
    ),
    st.characters(codec="utf-8"),
)


@given(st.lists(_PIECES, max_size=12).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_same_as_the_pattern(text: str, cut_start: int, cut_end: int) -> None:
    """has_tld answers as the TLD pattern's search does, on any stretch of any text."""
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = url_grammar._tld_end().search(text, start, end) is not None

    assert expected == has_tld(text, start, end, url_grammar._tld_end)


def test_every_tld() -> None:
    """Each TLD after a dot is found, in any case, before an end or a space, but not before a letter or '-'."""
    for tld in _TLDS:
        for text in (f"a.{tld}", f"a.{tld.upper()}/x", f"a.{tld} b", f"a.{tld}x", f"a.{tld}-b", f"a.{tld}@"):
            assert (url_grammar._tld_end().search(text) is not None) == has_tld(
                text, 0, len(text), url_grammar._tld_end
            ), text


def test_ascii_stretch_needs_no_pattern() -> None:
    """An ASCII stretch is answered without compiling the pattern."""

    def no_pattern() -> None:
        raise AssertionError("compiled")

    assert has_tld("see bbc.co.uk/news", 0, 18, no_pattern)  # type: ignore[arg-type]
    assert not has_tld("e.g. news.example", 0, 17, no_pattern)  # type: ignore[arg-type]
