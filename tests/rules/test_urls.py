"""Tests for postkit.rules.urls: URL001 (unsafe links)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from postkit import check
from postkit.platforms.registry import get_platform


class TestBadUrl:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Read More: https://news.example/world/kaim-crossing", []),
            ("Read More: javascript:alert(1)", ["URL001"]),
            ("Read More: JavaScript:alert(1)", ["URL001"]),
            ("Read More: data:text/html;base64,PHNjcmlwdD4=", ["URL001"]),
            ("Data: trade rose 5% after the reopening", []),
            ("Read More: file:///etc/passwd", ["URL001"]),
            ("Read More: ftp://files.example/kaim.pdf", ["URL001"]),
            ("Read More: https://editor:s3cret@news.example/kaim", ["URL001"]),
            ("Write to desk@news.example or read https://news.example/kaim", []),
            ("Read More: https://news.example/kaim?from=a@b", []),
            ("Read More: https://news.exa\u200bmple/kaim", ["URL001"]),
        ],
        ids=[
            "https",
            "javascript",
            "javascript-mixed-case",
            "data-url",
            "data-as-prose",
            "file",
            "ftp",
            "credentials",
            "email-beside-link",
            "at-in-query",
            "zero-width-space",
        ],
    )
    def test_unsafe_links(self, codes, text, expected):
        """Script, data and local schemes, credentials and hidden characters in links are URL001."""
        assert expected == codes(text, "mastodon", select=["URL001"])

    def test_span_is_the_link(self, lint):
        """The violation spans the offending link."""
        text = "Read More: https://editor:s3cret@news.example/kaim."

        assert [("URL001", "error", "https://editor:s3cret@news.example/kaim")] == lint(text, select=["URL001"])

    def test_posts_link_with_a_space(self):
        """A Post's link with a space is not one URL (in plain text the space would end it)."""
        link = "https://news.example/kaim crossing"
        post = SimpleNamespace(
            text=f"Kaim reopens. Read More: {link}",
            platform=get_platform("mastodon"),
            link=link,
            hashtags=(),
            cta="Read More",
            measurements=(),
        )

        assert ["URL001"] == [v.code for v in check(post, select=["URL001"])]
