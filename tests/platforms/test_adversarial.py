"""The adversarial set against the platforms' own code: postkit must never count under.

``tests/oracles/adversarial.jsonl`` holds strings designed, by category, to make a counter
count less than the platform (see ``tests/oracles/adversarial.py``). Each string is counted
by postkit's public ``measure`` and by the platform's own code:

* ``x``: npm ``twitter-text`` ``parseTweet(text).weightedLength`` (tests/oracles/oracle.mjs);
* ``bluesky``: the app's count of the text it sends (``detectFacets`` + ``toShortUrl``,
  graphemes by ``Intl.Segmenter``), and ``bluesky-bytes``, the UTF-8 size of that text
  against postkit's second Bluesky measurement;
* ``graphemes``: ``Intl.Segmenter`` (node's ICU) against postkit's ``graphemes`` counter:
  where the ``regex`` module and ICU segment differently, postkit must count as ICU does;
* ``mastodon``: Mastodon's ``StatusLengthValidator`` on the twitter-text gem, a fixture
  (tests/oracles/mastodon/adversarial.json, which records how it was made).

Every (string, platform) pair is one test asserting postkit >= the platform, with no
exception. ``tests/oracles/adversarial_under.py`` writes ``adversarial_under.json``: where
postkit counts under and why (its causes, by rule); it lists none, and a test keeps it so.
X posts and threads postkit composes must also be valid for twitter-text (no U+FEFF,
U+FFFE, U+FFFF: they are invisible characters, removed as ``data/invisible.toml`` says).
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import adversarial, client
from oracles.adversarial_under import counts
from oracles.corpus import corpus
from postkit.article import Article
from postkit.errors import PostkitError
from postkit.posts.thread import compose_thread

ORACLES = Path(__file__).parent.parent / "oracles"
MASTODON_FIXTURE = ORACLES / "mastodon" / "adversarial.json"
UNDER = ORACLES / "adversarial_under.json"
PLATFORMS = ("x", "bluesky", "bluesky-bytes", "graphemes", "mastodon")
ROWS = adversarial.load()


def _cases() -> Iterator[Any]:
    for platform in PLATFORMS:
        for index, (category, _) in enumerate(ROWS):
            yield pytest.param(platform, index, id=f"{platform}-{category}-{index}")


@pytest.fixture(scope="session")
def node_answers() -> list[dict[str, Any]]:
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    oracle = client.Oracle()
    try:
        return oracle.count([text for _, text in ROWS])
    finally:
        oracle.close()


@pytest.fixture(scope="session")
def mastodon_counts() -> list[int]:
    fixture = json.loads(MASTODON_FIXTURE.read_text(encoding="utf-8"))
    assert [text for text, _ in fixture["counts"]] == [text for _, text in ROWS], "remake the fixture: see its README"
    return [count for _, count in fixture["counts"]]


@pytest.mark.parametrize(("platform", "index"), list(_cases()))
def test_never_under(platform: str, index: int, request: pytest.FixtureRequest) -> None:
    category, text = ROWS[index]
    if platform == "mastodon":
        ours, theirs = counts(platform, text, {}, request.getfixturevalue("mastodon_counts")[index])
    else:
        ours, theirs = counts(platform, text, request.getfixturevalue("node_answers")[index], 0)
    assert ours >= theirs, f"{category}: postkit {ours} < {platform} {theirs} for {text!r}"


def test_the_set_is_what_the_generator_designs() -> None:
    """adversarial.jsonl starts with designed() as it is now (remake it with adversarial.py)."""
    designed = adversarial.designed()
    assert len(designed) >= 400
    assert ROWS[: len(designed)] == designed
    assert {category for category, _ in ROWS[len(designed) :]} == {
        "composed-x",
        "composed-bluesky",
        "composed-mastodon",
    }


def test_the_mastodon_fixture_counts_this_set() -> None:
    fixture = json.loads(MASTODON_FIXTURE.read_text(encoding="utf-8"))
    digest = hashlib.sha256(adversarial.DATA.read_bytes()).hexdigest()
    assert digest in fixture["corpus"]
    assert fixture["mastodon"]
    assert fixture["twitter_text_gem"]


def test_the_under_list_is_empty() -> None:
    """adversarial_under.json (written by adversarial_under.py) lists no under-count on any platform."""
    listed = json.loads(UNDER.read_text(encoding="utf-8"))
    assert set(listed["under"]) == set(PLATFORMS)
    assert {platform: items for platform, items in listed["under"].items() if items} == {}


@functools.cache
def _composed_today() -> tuple[str, ...]:
    """X posts compose makes today from the articles the set's composed-x posts were made from."""
    return tuple(text for category, text in adversarial.composed(adversarial.designed()) if category == "composed-x")


def test_composed_x_posts_are_valid_per_twitter_text() -> None:
    """compose removes U+FEFF, U+FFFE, U+FFFF (invisible: data/invisible.toml): twitter-text takes every post."""
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    composed = list(_composed_today())
    oracle = client.Oracle()
    try:
        answers = oracle.count(composed)
    finally:
        oracle.close()
    assert len(composed) == 20
    invalid = [text for text, answer in zip(composed, answers, strict=True) if not answer["xValid"]]
    assert [] == invalid[:5], f"{len(invalid)} of {len(composed)} composed X posts invalid"
    over = [(text, answer["x"]) for text, answer in zip(composed, answers, strict=True) if answer["x"] > 280]
    assert [] == over


# ---------------------------------------------------------------------------------------
# X: threads. twitter-text calls a text holding U+FEFF, U+FFFE or U+FFFF invalid.
# ---------------------------------------------------------------------------------------

THREADS = 25


@functools.cache
def _thread_posts() -> tuple[str, ...]:
    """Posts of synthetic X threads: paragraphs of corpus and adversarial strings."""
    rng = random.Random(23)
    pool = [text for _, text in ROWS if len(text) < 400] + corpus(300)
    article = Article(title="Thread", url="https://news.example.com/a", summary="A thread")
    posts: list[str] = []
    for _ in range(THREADS):
        paragraphs = (" ".join(rng.sample(pool, rng.randint(2, 8))) for _ in range(rng.randint(3, 8)))
        try:
            thread = compose_thread(article, "x", text="\n\n".join(paragraphs), max_posts=10)
        except PostkitError:
            continue
        posts.extend(post.text for post in thread.posts)
    return tuple(posts)


@pytest.fixture(scope="session")
def thread_answers() -> list[tuple[str, dict[str, Any]]]:
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    oracle = client.Oracle()
    try:
        posts = list(_thread_posts())
        return list(zip(posts, oracle.count(posts), strict=True))
    finally:
        oracle.close()


def test_x_thread_posts_fit_per_twitter_text(thread_answers: list[tuple[str, dict[str, Any]]]) -> None:
    assert len(thread_answers) > 100
    over = [(post, answer["x"]) for post, answer in thread_answers if answer["x"] > 280]
    assert [] == over[:5]


def test_x_thread_posts_are_valid_per_twitter_text(thread_answers: list[tuple[str, dict[str, Any]]]) -> None:
    invalid = [post for post, answer in thread_answers if not answer["xValid"]]
    assert [] == invalid[:5], f"{len(invalid)} of {len(thread_answers)} thread posts invalid"


def test_x_thread_with_a_bom_is_valid_per_twitter_text() -> None:
    reason = client.missing()
    if reason is not None:
        pytest.skip(reason)
    article = Article(title="Thread", url="https://news.example.com/a", summary="A thread")
    text = "Kaim crossing reopens\ufeff after talks. " * 30
    posts = [post.text for post in compose_thread(article, "x", text=text).posts]
    oracle = client.Oracle()
    try:
        answers = oracle.count(posts)
    finally:
        oracle.close()
    assert all(answer["xValid"] for answer in answers)


# Words of threads: the set's short strings, invisible and noncharacter code points among them.
THREAD_WORDS = [text for _, text in ROWS if len(text) < 40] + ["\ufeff", "\ufffe", "\uffff", "\U0010ffff", "\ufdd0"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(THREAD_WORDS), min_size=3, max_size=120), st.sampled_from(["\n\n", " "]))
def test_x_threads_are_valid_per_twitter_text(oracle: client.Oracle, words: list[str], joint: str) -> None:
    """Whatever the text, every post of an X thread is one twitter-text takes: valid and within 280."""
    article = Article(title="Thread", url="https://news.example.com/a", summary="A thread")
    try:
        thread = compose_thread(article, "x", text=joint.join(words), max_posts=6)
    except PostkitError:
        return
    answers = oracle.count([post.text for post in thread.posts])
    assert all(answer["xValid"] for answer in answers), [post.text for post in thread.posts]
    assert all(answer["x"] <= 280 for answer in answers)
