"""The plain hashtag rule (``platforms.family.plain_hashtag``) against the platforms' own rules.

Every body the plain rule takes must be one whole hashtag for npm twitter-text 3.1.0
(``extractHashtags``), @atproto/api (``detectFacets``) and Mastodon's ``HASHTAG_RE``: postkit spells
hashtags for X, Mastodon and the platforms whose rules it does not know by this rule. Its character
tables come from twitter-text itself (``data/twitter_text.toml``, ``[hashtag]``).
"""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest

from oracles import client
from postkit import _data
from postkit.platforms import bluesky
from postkit.platforms.family import plain_hashtag


def test_tables_are_the_pinned_packages(oracle: client.Oracle) -> None:
    """data/twitter_text.toml's [hashtag] ranges are what hashtag_chars.mjs derives from npm twitter-text."""
    del oracle  # only for its skip when node_modules is missing
    made = subprocess.run(
        ["node", str(client.HERE / "hashtag_chars.mjs")], capture_output=True, text=True, check=True, cwd=client.HERE
    )
    derived = json.loads(made.stdout)
    data = _data.twitter_text()["hashtag"]
    assert (derived["version"], derived["alpha"], derived["alphanumeric"]) == (
        data["twitter_text"],
        data["alpha"],
        data["alphanumeric"],
    )


def _candidates(stride: int) -> list[str]:
    """Every ``stride``-th code point that is a letter, mark or decimal digit for Python, and a few joiners."""
    found = [
        chr(cp)
        for cp in range(0xA0, 0x110000, stride)
        if unicodedata.category(chr(cp))[0] in "LM" or unicodedata.category(chr(cp)) == "Nd"
    ]
    return [*found, "_", "\u00b7", "\u200c", "\u200d", "\u30fb", "\u05be", "\u0301", "\u00e9"]


@pytest.mark.parametrize("stride", [7])
def test_never_takes_what_a_platform_cuts(oracle: client.Oracle, stride: int) -> None:
    """A body the plain rule takes ("a" + character + "a", the character alone, "x" + it) is whole on all three."""
    bodies = [body for ch in _candidates(stride) for body in (f"a{ch}a", ch, f"x{ch}") if plain_hashtag(body)]
    answers = oracle.hashtags([f"Read #{body} now" for body in bodies])
    cut = [
        (body, key, found[key])
        for body, found in zip(bodies, answers, strict=True)
        for key in ("x", "bsky", "mastodon")
        if found[key] != [body]
    ]
    assert len(bodies) > 10_000
    assert cut == []


@pytest.mark.slow
def test_never_takes_what_a_platform_cuts_every_code_point(oracle: client.Oracle) -> None:
    """The same over every code point (``-m slow``)."""
    test_never_takes_what_a_platform_cuts(oracle, 1)


def test_bluesky_rule_is_detect_facets(oracle: client.Oracle) -> None:
    """Bluesky's rule (symbols too) says what detectFacets says."""
    bodies = ["C++", ".NET", "LGBTQ+", "C#", "a_", "2024", "x-y", "Col·legi", "a\u200cb", "\u00e9t\u00e9", "#x"]
    answers = oracle.hashtags([f"Read #{body} now" for body in bodies])
    assert [bluesky.takes_hashtag(b) for b in bodies] == [
        found["bsky"] == [b] for b, found in zip(bodies, answers, strict=True)
    ]
