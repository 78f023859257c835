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

Every (string, platform) pair is one test asserting postkit >= the platform. The pairs
postkit counted under when the set was made are listed, each with its believed cause, in
``tests/oracles/adversarial_under.json`` and marked ``xfail(strict=True)``: a fix makes
them pass unexpectedly, and its author deletes their entries.
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


@functools.cache
def _under() -> dict[str, dict[str, str]]:
    """Per platform: text -> why postkit counted it under when the set was made (cause keys: detail)."""
    listed = json.loads(UNDER.read_text(encoding="utf-8"))["under"]
    return {
        platform: {item["text"]: f"{', '.join(item['causes'])}: {item['detail']}"[:160] for item in items}
        for platform, items in listed.items()
    }


def _cases() -> Iterator[Any]:
    for platform in PLATFORMS:
        known = _under().get(platform, {})
        for index, (category, text) in enumerate(ROWS):
            marks = [pytest.mark.xfail(strict=True, reason=known[text])] if text in known else []
            yield pytest.param(platform, index, id=f"{platform}-{category}-{index}", marks=marks)


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


def test_the_under_list_names_strings_of_the_set() -> None:
    """Every listed (text, platform) is in the set, so each one is an xfail; every cause is explained."""
    listed = json.loads(UNDER.read_text(encoding="utf-8"))
    texts = {text for _, text in ROWS}
    for platform, items in listed["under"].items():
        assert platform in PLATFORMS
        assert {item["text"] for item in items} <= texts
        assert {cause for item in items for cause in item["causes"]} <= set(listed["causes"])


@pytest.mark.xfail(
    strict=True,
    reason="compose keeps U+FFFE and U+FFFF (noncharacters, not in data/invisible.toml) from titles and "
    "summaries; twitter-text's parseTweet calls a text holding one invalid",
)
def test_composed_x_posts_are_valid_per_twitter_text(node_answers: list[dict[str, Any]]) -> None:
    composed = [
        (text, answer) for (category, text), answer in zip(ROWS, node_answers, strict=True) if category == "composed-x"
    ]
    invalid = [text for text, answer in composed if not answer["xValid"]]
    assert [] == invalid[:5], f"{len(invalid)} of {len(composed)} composed X posts invalid"


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


@pytest.mark.xfail(
    strict=True,
    reason="compose_thread keeps U+FEFF (and U+FFFE, U+FFFF) from the text it threads; twitter-text's "
    "parseTweet calls a text holding one invalid (postkit's check reports UNI001, the thread is emitted anyway)",
)
def test_x_thread_posts_are_valid_per_twitter_text(thread_answers: list[tuple[str, dict[str, Any]]]) -> None:
    invalid = [post for post, answer in thread_answers if not answer["xValid"]]
    assert [] == invalid[:5], f"{len(invalid)} of {len(thread_answers)} thread posts invalid"


@pytest.mark.xfail(strict=True, reason="compose_thread keeps U+FEFF: twitter-text calls the post invalid")
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
