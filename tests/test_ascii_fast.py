"""The ASCII fast paths of record validation, against the plain references they stand in for."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from postkit import _ascii_fast, article, text

PIECES = [
    "a",
    "Z",
    "0",
    " ",
    "  ",
    "\t",
    "\n",
    "é",
    "\u200b",
    "e\u0301",
    "-",
    ".",
    "@",
    ":",
    "/",
    "?",
    "#",
    "%",
    "[",
    "]",
    "\\",
    "~",
    "http://",
    "https://",
    "HTTP://",
    "ftp://",
    "user:pw@",
    ":80",
    ":0",
    "xn--",
    "\x7f",
    "日本",
]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@example("  Kaim  crossing ")
@example("")
def test_plain_inline_is_clean_inline(value: str) -> None:
    """Where the fast path answers, it answers as the reference does."""
    fast = _ascii_fast.plain_inline(value)
    if fast is not None:
        assert text._clean_inline_reference(value) == fast
    assert text.clean_inline(value) == text._clean_inline_reference(value)


def reference_check_url(value: str) -> str | None:
    """check_url without its fast path: the value, or None where it raises."""
    try:
        return article._check_url_reference(value)
    except ValueError:
        return None


@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@example("https://news.example.com/a?b=c#d")
@example("http://-/")
@example("https://./x")
def test_simple_http_url_is_accepted_by_check_url(value: str) -> None:
    """Every URL the fast path accepts, the full check accepts unchanged."""
    if _ascii_fast.simple_http_url(value):
        assert value == reference_check_url(value)


def test_common_urls_take_the_fast_path() -> None:
    """The fast path answers for the URLs feeds carry."""
    assert _ascii_fast.simple_http_url("https://news.example.com/world/2025/kaim-crossing?ref=feed#top")
    assert not _ascii_fast.simple_http_url("https://user:pw@news.example/")
    assert not _ascii_fast.simple_http_url("https://news.example:8080/")
