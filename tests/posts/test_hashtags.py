"""Tests for postkit.posts.hashtags: hashtags as a social editor writes them, linked whole by each platform.

The oracle is each platform's own hashtag rule, run in node (tests/oracles/oracle.mjs, op ``hashtags``):
npm twitter-text 3.1.0 ``extractHashtags`` (X), @atproto/api ``detectFacets`` (Bluesky) and Mastodon's
``Tag::HASHTAG_RE`` restated from its source.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import client
from postkit.platforms.registry import builtin_platforms
from postkit.posts.hashtags import hashtag, hashtag_problem, hashtags_from_tags

# The platforms each oracle answer stands for: X's rule, Bluesky's, Mastodon's.
ORACLE_KEY = {"x": "x", "bluesky": "bsky", "mastodon": "mastodon"}


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("Women's football", "#WomensFootball"),
        ("St. Mary's Hospital", "#StMarysHospital"),
        ("iPhone/iPad", "#iPhoneiPad"),
        ("iPhone", "#iPhone"),
        ("iOS Apps", "#iOSApps"),
        ("mRNA vaccines", "#mRNAVaccines"),
        ("détention d'arme", "#DétentionDarme"),
        ("l'Assemblée nationale", "#LAssembléeNationale"),
        ("O'Brien", "#OBrien"),
        ("McDonald's", "#McDonalds"),
        ("كرة القدم", "#كرة_القدم"),
        ("ליגת העל", "#ליגת_העל"),
        ("हिंदी समाचार", "#हिंदी_समाचार"),
        ("東京 オリンピック", "#東京オリンピック"),
        ("Col·legi", "#Col·legi"),
        ("CO₂ emissions", "#CO2Emissions"),
        ("#Iraq", "#Iraq"),
        ("2024 2025", ""),
        ("Windows 10 11", "#Windows10_11"),
        (".NET", "#dotnet"),
        ("C++", "#cpp"),
        ("C#", "#csharp"),
        ("LGBTQ+", ""),
        ("2024", ""),
    ],
)
def test_as_an_editor_writes_them(tag: str, expected: str) -> None:
    """The issue's examples, on the plain rule every platform shares (X, Mastodon and the rest)."""
    assert hashtag(tag) == expected
    assert hashtag(tag, "x") == expected
    assert hashtag(tag, "mastodon") == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("C++", "#C++"), (".NET", "#.NET"), ("LGBTQ+", "#LGBTQ+"), ("C#", "#csharp"), ("LGBTQ+ rights", "#LGBTQ+Rights")],
)
def test_symbols_on_bluesky(tag: str, expected: str) -> None:
    """Bluesky's tag rule takes '+' and a leading '.': the name keeps its symbol there."""
    assert hashtag(tag, "bluesky") == expected


def test_problems_name_the_cause() -> None:
    """A tag left out says why, per platform."""
    assert hashtag_problem("2024", "x") == "has no letter, and a hashtag needs one"
    assert "'+'" in (hashtag_problem("LGBTQ+", "mastodon") or "")
    assert hashtag_problem("LGBTQ+", "bluesky") is None
    assert hashtag_problem("x" * 80, "x") == "is longer than 64 characters as a hashtag"
    assert hashtag_problem("Middle East", "x") is None


def test_per_platform_list() -> None:
    """hashtags_from_tags spells each tag by the platform's rule, de-duplicated and capped."""
    tags = ["C++", "cpp", "LGBTQ+", "2024", "Middle East"]
    assert hashtags_from_tags(tags, platform="x") == ["#cpp", "#MiddleEast"]
    assert hashtags_from_tags(tags, platform="bluesky") == ["#C++", "#cpp", "#LGBTQ+", "#MiddleEast"]
    assert hashtags_from_tags(tags, 1, "bluesky") == ["#C++"]


_WORDS = st.sampled_from(
    [
        "Middle",
        "east",
        "iPhone",
        "mRNA",
        "Women's",
        "d'arme",
        "l'Assemblée",
        "St.",
        "C++",
        "C#",
        ".NET",
        "LGBTQ+",
        "2024",
        "COVID-19",
        "كرة",
        "القدم",
        "ליגת",
        "हिंदी",
        "東京",
        "オリンピック",
        "서울",
        "Ελλάδα",
        "Col·legi",
        "rock'n'roll",
        "AT&T",
        "x²",
        "ﬁnance",
        "❤️",
        "naïve",
        "Ⅷ",
        "_",
        "a_",
        "\u200c",
        "کتاب\u200cها",
    ]
)
TAGS = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join) | st.text(max_size=20)


@settings(max_examples=200)
@given(tags=st.lists(TAGS, min_size=1, max_size=20))
def test_every_hashtag_is_linked_whole(oracle: client.Oracle, tags: list[str]) -> None:
    """Whatever the tags, each hashtag postkit writes is found whole by the platform's own rule.

    X, Bluesky and Mastodon by their own extractors; every other built-in platform spells by
    the plain rule, which all three take whole.
    """
    cases: list[tuple[str, str, str]] = []
    for platform in builtin_platforms().values():
        keys = [ORACLE_KEY[platform.family.name]] if platform.family.name in ORACLE_KEY else list(ORACLE_KEY.values())
        for tag in tags:
            made = hashtag(tag, platform)
            if made:
                cases += [(platform.name, made, key) for key in keys]
    if not cases:
        return
    answers = oracle.hashtags([f"Read More: https://news.example/a {made}" for _, made, _ in cases])
    wrong = [(name, made, key, found[key]) for (name, made, key), found in zip(cases, answers, strict=True)]
    assert [case for case in wrong if case[3] != [case[1][1:]]] == []
