"""FitError says which part of a post that cannot fit is long, with the measured sizes (posts/fit.py)."""

from __future__ import annotations

import pytest

from postkit import Article, FitError, compose

ARTICLE = Article(title="Kaim crossing reopens", url="https://www.example.com/world/kaim")


def test_long_template_text_is_named():
    """A template whose own text is too long: the error names the template, not the CTA."""
    with pytest.raises(FitError) as caught:
        compose(ARTICLE, "mastodon", template="{{ title }} " + "Lorem ipsum " * 45 + "\n{{ cta }}: {{ link }}")

    message = caught.value.message
    assert "the template's own text (with the emoji) 541, the CTA 'Read More' 9, the link 23 characters" in message
    assert "shorten the template" in (caught.value.hint or "")


def test_long_cta_is_named():
    """A record's social line far too long: the CTA is named as the longest part, cut in the message."""
    article = Article(title="Kaim", url="https://news.example/a", social="📝 " + "Read more now " * 40)
    with pytest.raises(FitError) as caught:
        compose(article, "mastodon")

    assert "the CTA 'Read more now Read more now Read more n…' 559" in caught.value.message
    assert "the CTA is longest" in (caught.value.hint or "")


def test_long_link_is_named():
    """A very long URL on a platform that counts it in full (Threads: bytes)."""
    article = Article(title="Kaim", url="https://news.example/" + "a" * 600)
    with pytest.raises(FitError) as caught:
        compose(article, "threads")

    assert "the link is longest" in (caught.value.hint or "")
    assert "the link 6" in caught.value.message
