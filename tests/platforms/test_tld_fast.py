"""Tests for postkit.platforms._tld_fast: the dot-and-TLD test, against twitter-text's TLD pattern."""

from __future__ import annotations

from hypothesis import strategies as st

from postkit import _data
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


def test_ascii_stretch_needs_no_pattern() -> None:
    """An ASCII stretch is answered without compiling the pattern."""

    def no_pattern() -> None:
        raise AssertionError("compiled")

    assert has_tld("see bbc.co.uk/news", 0, 18, no_pattern)  # type: ignore[arg-type]
    assert not has_tld("e.g. news.example", 0, 17, no_pattern)  # type: ignore[arg-type]
