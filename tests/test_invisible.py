"""Issue 13, items 11, 12 and 13: URLs are rejected rather than changed; invisible and
format characters are removed from prose with a UNI001 finding; homograph hosts are flagged.

The oracle for "all of Cf" is Python's own unicodedata, not our list.
"""

from __future__ import annotations

import sys
import unicodedata
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import RuleSet, _data
from postkit import text as text_module
from postkit.article import Article
from postkit.errors import RecordError
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.rules.urls import homograph
from postkit.text import clean_inline, find_invisible

# The issue's characters (U+E0041 for the tag block), then the blank ones and older ones.
ISSUE_CHARS = [
    "\u061c",
    "\u00ad",
    "\u180e",
    "\u2061",
    "\u2062",
    "\ufff9",
    "\U000e0041",
    "\U000e0001",
    "\u3164",
    "\u115f",
    "\u1160",
    "\uffa0",
    "\u2800",
    "\u034f",
    "\u200b",
    "\u2060",
    "\ufeff",
]


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= code <= b for a, b in ranges)


class TestInvisibleData:
    """data/invisible.toml holds every format character Python knows."""

    def test_every_cf_character_is_listed(self) -> None:
        """unicodedata (the oracle) says Cf: the URL list has it; the prose list too, but ZWNJ/ZWJ."""
        url_ranges, prose_ranges = _data.invisible_ranges(prose=False), _data.invisible_ranges(prose=True)
        missing = [
            f"U+{c:04X}"
            for c in range(sys.maxunicode + 1)
            if unicodedata.category(chr(c)) == "Cf" and not _in_ranges(c, url_ranges)
        ]

        assert [] == missing
        assert not _in_ranges(0x200D, prose_ranges)
        assert not _in_ranges(0x200C, prose_ranges)
        assert _in_ranges(0x200D, url_ranges)


class TestProse:
    """Item 12: removed from titles and summaries, with a UNI001 finding in lint."""

    @pytest.mark.parametrize("char", ISSUE_CHARS, ids=[f"U+{ord(c):04X}" for c in ISSUE_CHARS])
    def test_removed_and_reported(self, char: str) -> None:
        """The issue's characters (and the blank ones) never reach a post; lint names each."""
        text = f"Kaim{char} crossing reopens"
        found = [v for v in RuleSet().check(text, get_platform("x")) if v.code == "UNI001"]

        assert "Kaim crossing reopens" == clean_inline(text)
        assert 1 == len(found)
        assert f"U+{ord(char):04X}" in found[0].message
        article = Article.from_dict({"title": text, "url": "https://news.example/a"})
        assert char not in compose(article, "x").text

    def test_flags_and_joiners_stay(self) -> None:
        """A subdivision flag's tags and emoji ZWJ sequences are content, not hidden text."""
        scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
        family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
        text = f"Kaim {scotland} {family}"

        assert text == clean_inline(text)
        assert [] == find_invisible(text)
        assert not [v for v in RuleSet().check(text, get_platform("x")) if v.code == "UNI001"]

    @given(st.text(st.characters(categories=["Cf"]), min_size=1, max_size=5))
    def test_any_cf_text_is_reported(self, hidden: str) -> None:
        """Any format characters but ZWNJ/ZWJ (and tags that make a flag) are found."""
        expected = [c for c in hidden if c not in "\u200c\u200d"]

        assert expected == [c for _, c in find_invisible(f"a{hidden}b")]


class TestUrls:
    """Item 11: a URL that would need changing is rejected, with its field and a hint."""

    @pytest.mark.parametrize(
        "url",
        [
            "https://news.example/ar\u2060ticle",
            "https://news.example/a\u00adb",
            "https://news.example/a\u200db",
            "https://news.example/a\U000e0041",
            "https://news.example/a\u3164",
            "https://news.example/a b",
        ],
        ids=["word-joiner", "soft-hyphen", "zwj", "tag", "hangul-filler", "space"],
    )
    def test_rejected(self, url: str) -> None:
        """The record is an error naming 'url', with a hint; nothing is silently removed."""
        with pytest.raises(RecordError) as info:
            Article.from_dict({"title": "T", "url": url})

        assert "url" == info.value.field
        assert info.value.hint
        assert "position" in info.value.message

    def test_not_normalised(self) -> None:
        """cafe + U+0301 stays as written: NFC would make it another percent-encoded path."""
        url = "https://news.example/cafe\u0301"

        assert url == Article.from_dict({"title": "T", "url": url}).url

    @given(
        path=st.text(st.characters(codec="ascii", categories=["L", "N", "P"], exclude_characters="#?"), max_size=20),
        query=st.lists(
            st.sampled_from(["a=1", "", "b", "utm_source=rss", "c=%2F", "utm_medium=x", "d=a+b"]), max_size=5
        ),
        fragment=st.sampled_from(["", "#top", "#a?b"]),
    )
    def test_link_differs_only_in_utm(self, path: str, query: list[str], fragment: str) -> None:
        """Post.link and Article.url are the same URL but for the utm_* parameters."""
        url = f"https://news.example/{urllib.parse.quote(path)}" + (f"?{'&'.join(query)}" if query else "") + fragment
        article = Article.from_dict({"title": "Kaim crossing reopens", "url": url})
        link = compose(article, "mastodon").link

        assert link is not None
        assert _without_utm(url) == _without_utm(link)


def _without_utm(url: str) -> str:
    base, hash_mark, fragment = url.partition("#")
    path, _, query = base.partition("?")
    items = [i for i in (query.split("&") if query else []) if not i.startswith("utm_")]
    return path + ("?" + "&".join(items) if items else "") + hash_mark + fragment


class TestHomographs:
    """Item 13: IDN homograph hosts get a URL001 finding."""

    @pytest.mark.parametrize(
        "url",
        [
            "https://\u0430pple.com/x",
            "https://xn--pple-43d.com/",
            "https://\u0440\u0430\u0443\u0440\u0430\u04cf.com",
        ],
        ids=["mixed", "punycode", "whole-script"],
    )
    def test_flagged(self, url: str) -> None:
        """Mixed Latin/Cyrillic, its punycode, and an all-Cyrillic look-alike under .com."""
        found = [v for v in RuleSet().check(f"Read More: {url}", get_platform("x")) if v.code == "URL001"]

        assert homograph(url) is not None
        assert 1 == len(found)
        assert "impersonate" in found[0].message

    @pytest.mark.parametrize(
        "url",
        [
            "https://news.example/a",
            "https://b\u00fccher.de/",
            "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/",
            "https://\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac.gr/",
            "https://\u4f8b\u3048.jp/",
        ],
        ids=["ascii", "german", "cyrillic-rf", "greek", "japanese"],
    )
    def test_not_flagged(self, url: str) -> None:
        """Hosts written in one script (or Latin with accents) are fine."""
        assert homograph(url) is None


def test_find_invisible_quick_class_covers_every_invisible_character() -> None:
    """The quick look's class holds every character of the exact one (a superset, checked per code point)."""
    chars = "".join(map(chr, range(0x110000)))
    exact = {m.start() for m in text_module._ANY_INVISIBLE.finditer(chars)}
    quick = {m.start() for m in text_module._MAYBE_INVISIBLE.finditer(chars)}

    assert exact <= quick
    assert not quick & set(text_module._EMOJI_BLOCKS)  # emoji never need the second look
