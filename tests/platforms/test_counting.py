"""Tests for postkit.counting: each platform's own length unit.

X is checked against twitter-text's conformance suite (tests/data, Apache-2.0, Twitter,
Inc.), against npm twitter-text 3.1.0 itself in tests/platforms/test_oracles.py, and here, on
generated text without emoji, against twitter-text-parser (the Python port of twitter-text
3.x; its emoji data is emoji-test.txt 12.0, not the twemoji-parser 11.0.2 that npm
twitter-text weighs emoji with, so emoji are left to the npm oracle).
"""

from __future__ import annotations

import doctest
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from postkit import _graphemes
from postkit.errors import ConfigError
from postkit.platforms import _twemoji, counting
from postkit.platforms import x as x_weights
from postkit.platforms.counting import Measurement, fits, measure, measurements
from postkit.platforms.registry import get_platform, make_platform
from postkit.platforms.x import x_weighted_length
from strategies import FAMILY, post_texts

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from twitter_text import parse_tweet
    from twitter_text.config import config as twitter_text_config
    from twitter_text.extract_emojis import extract_emojis_with_indices

CONFORMANCE = Path(__file__).parent.parent / "data" / "twitter_text_conformance.yml"
V3 = dict(twitter_text_config["version3"])
URL_LENGTH = get_platform("x").url_length or 0


def conformance_cases() -> list[Any]:
    groups = yaml.safe_load(CONFORMANCE.read_text("utf-8"))["tests"]
    return [
        pytest.param(group, case["text"], case["expected"]["weightedLength"], id=f"{group}: {case['description']}")
        for group, cases in groups.items()
        for case in cases
    ]


class TestConformance:
    """twitter-text 3.1's 44 weighted-length conformance cases."""

    def test_all_cases_present(self) -> None:
        """The test data holds the 44 cases of the three groups."""
        assert 44 == len(conformance_cases())

    @pytest.mark.parametrize(("group", "text", "expected"), conformance_cases())
    def test_weighted_length(self, group: str, text: str, expected: int) -> None:
        """The weighted length is the suite's (v2 group: emoji sequences not discounted)."""
        emoji_sequences = group != "WeightedTweetsCounterTest"

        assert expected == x_weighted_length(text, URL_LENGTH, emoji_sequences=emoji_sequences)


def twitter_text_length(text: str) -> int:
    """twitter-text-parser's weighted length, corrected for the one named divergence.

    CRLF: the Python port turns CRLF into LF before counting ("a\\r\\nb" is 3), the
    JavaScript library does not (4). postkit counts the cautious 4, so the port's count
    is raised by one per CRLF.
    """
    normalized = unicodedata.normalize("NFC", text)
    return int(parse_tweet(text, V3).weightedLength) + normalized.count("\r\n")


def port_applies(text: str) -> bool:
    """Whether the Python port should agree with npm twitter-text (which postkit follows).

    The port differs on emoji (emoji-test.txt 12.0 against twemoji-parser 11.0.2), checks
    hosts with IDNA 2003 (the JS library only punycodes them, so a host glued to Arabic
    text is a URL there), and folds İ, ı, ſ and the Kelvin sign to ASCII letters under
    its case-insensitive patterns (JavaScript does not), and finds no URL in a host that
    starts with a format character such as U+200D (``"\u200d.com.com"``: npm twitter-text
    weighs it 25, a URL after the joiner; the port 9). npm is the oracle for those
    (tests/platforms/test_adversarial.py, conformance/x.yml).
    """
    normalized = unicodedata.normalize("NFC", text)
    return (
        not extract_emojis_with_indices(normalized)
        and not any(unicodedata.category(char) == "Cf" for char in normalized)
        and not _twemoji.spans(normalized)
        and not any(unicodedata.bidirectional(char) in {"R", "AL"} or char in "İıſK" for char in normalized)
    )


class TestXAgainstTwitterTextParser:
    """Differential tests: ``measure(text, "x")`` against twitter-text-parser (v3) where it applies."""

    @given(post_texts)
    def test_same_weighted_length(self, text: str) -> None:
        """Generated posts weigh the same (CRLF aside, see ``twitter_text_length``)."""
        assume(port_applies(text))
        assert twitter_text_length(text) == measure(text, "x")

    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
    def test_same_weighted_length_any_text(self, text: str) -> None:
        """Arbitrary Unicode text without a dot (so no URL: hosts are checked differently) weighs the same."""
        assume("." not in text and port_applies(text))
        assert twitter_text_length(text) == measure(text, "x")

    @pytest.mark.slow
    @settings(max_examples=3000)
    @given(post_texts)
    def test_same_weighted_length_many(self, text: str) -> None:
        """The same, with many more examples."""
        assume(port_applies(text))
        assert twitter_text_length(text) == measure(text, "x")

    def test_crlf_is_the_named_divergence(self) -> None:
        """CRLF counts 2 (the JavaScript count); the Python port says 1."""
        assert (4, 3) == (measure("a\r\nb", "x"), parse_tweet("a\r\nb", V3).weightedLength)


class TestMeasureX:
    """Tests for ``measure`` on X (the cases: conformance/x.yml, from npm twitter-text)."""

    def test_url_length_comes_from_the_platform(self) -> None:
        """A profile with another url_length counts URLs as that."""
        profile = make_platform("x2", {"url_length": 30}, base=get_platform("x"))

        assert 30 == measure("https://example.com/a", profile)

    def test_counting_urls_needs_url_length(self) -> None:
        """A platform of the X family without url_length is a configuration error."""
        profile = make_platform("bare", {"limit": 100, "family": "x"})

        with pytest.raises(ConfigError, match="url_length"):
            measure("text", profile)


class TestMeasureBluesky:
    """Tests for ``measure`` on Bluesky (the cases: conformance/bluesky.yml, from the app's own code)."""

    def test_byte_limit_measures_the_text_as_sent(self) -> None:
        """The 3000-byte limit applies to the text with links shortened."""
        url = "https://news.example.com/" + "a" * 400
        text = FAMILY * 115 + " " + url  # 3301 bytes as pasted
        sent = FAMILY * 115 + " news.example.com/aaaaaaaaaaaa..."

        assert len(text.encode()) > 3000
        assert (
            Measurement(148, 300, "graphemes"),
            Measurement(len(sent.encode()), 3000, "UTF-8 bytes"),
        ) == measurements(text, "bluesky")
        assert fits(text, "bluesky")

    def test_byte_limit_can_be_the_one_exceeded(self) -> None:
        """Few graphemes but many bytes: the byte limit is the one over."""
        text = "👩\u200d👩\u200d👧\u200d👦" * 130  # 130 graphemes, 3250 bytes
        main, sent = measurements(text, "bluesky")

        assert ((130, False), (3250, True)) == ((main.value, main.over), (sent.value, sent.over))
        assert not fits(text, "bluesky")


class TestMeasureMastodon:
    """Tests for ``measure`` on Mastodon."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("https://example.com/" + "a" * 100, 23),
            ("see https://example.com/wärme/日本 now", 31),
            ("see example.com now", 19),
            ("cc @editor@news.social.example", 10),
            ("cc @desk", 8),
            (FAMILY + " 🇮🇶", 3),
        ],
        ids=["url-23", "unicode-path-23", "bare-domain-counts", "remote-mention", "local-mention", "graphemes"],
    )
    def test_cases(self, text: str, expected: int) -> None:
        """URLs count 23, remote mentions as @user, the rest in graphemes."""
        assert expected == measure(text, "mastodon")

    def test_instance_with_other_numbers(self) -> None:
        """An instance profile's url_length and limit are used."""
        profile = make_platform("big", {"limit": 1000, "url_length": 30}, base=get_platform("mastodon"))

        assert ((30, 1000),) == tuple((m.value, m.limit) for m in measurements("https://example.com/a", profile))


class TestMeasurements:
    """Tests for ``measurements`` and ``fits``."""

    def test_main_limit_first(self) -> None:
        """The main limit comes first, in the platform's unit."""
        assert (Measurement(5, 280, "weighted characters"),) == measurements("Hello", "x")

    def test_bluesky_has_two(self) -> None:
        """Bluesky adds the UTF-8 byte limit."""
        assert [(300, "graphemes"), (3000, "UTF-8 bytes")] == [
            (m.limit, m.unit) for m in measurements("Hello", "bluesky")
        ]

    @pytest.mark.parametrize(("size", "expected"), [(280, True), (281, False)])
    def test_fits_at_the_limit(self, size: int, expected: bool) -> None:
        """A text exactly at the limit fits; one more does not."""
        assert expected == fits("x" * size, "x")


class TestAnyText:
    """Every counter takes any string."""

    @given(st.text(max_size=60))
    def test_no_error_and_not_negative(self, text: str) -> None:
        """Broken text (lone surrogates, controls) is counted, not an error."""
        for platform in ("x", "bluesky", "mastodon", "threads", "linkedin"):
            assert all(m.value >= 0 for m in measurements(text, platform))


def test_doctests() -> None:
    """The examples in the docstrings hold."""
    for module in (counting, x_weights, _graphemes):
        assert 0 == doctest.testmod(module).failed
