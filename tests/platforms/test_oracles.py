"""Differential tests: postkit against the platforms' own code.

The references (see docs/counting.md):

* X: npm ``twitter-text`` 3.1.0 ``parseTweet(text).weightedLength``, run in node.
* Bluesky: ``@atproto/api`` (``RichText``, ``detectFacets``, ``validateRecord``) with the
  app's ``shortenLinks``/``toShortUrl`` (tests/oracles/oracle.mjs), and the Python ``atproto``
  SDK's models.
* Mastodon: a fixture made by running Mastodon's ``StatusLengthValidator`` on the
  twitter-text Ruby gem (tests/oracles/mastodon/, which says how it was made).

One node process serves the whole session. The default run takes the edge cases, the first
``QUICK`` generated strings and every emoji sequence; ``-m slow`` runs the full corpus.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest

from oracles import client
from oracles.corpus import QUICK, SIZE, corpus, emoji_sequences
from postkit import _data
from postkit.article import Article
from postkit.errors import PostkitError
from postkit.platforms import bluesky
from postkit.platforms.counting import measure
from postkit.posts.composer import compose
from postkit.posts.post import Post

MASTODON_FIXTURE = Path(__file__).parent.parent / "oracles" / "mastodon" / "status_length.json"


@pytest.fixture(scope="session")
def quick(oracle: client.Oracle) -> list[tuple[str, dict[str, Any]]]:
    texts = corpus(QUICK)
    return list(zip(texts, oracle.count(texts), strict=True))


@pytest.fixture(scope="session")
def full(oracle: client.Oracle) -> list[tuple[str, dict[str, Any]]]:
    texts = corpus(SIZE)
    return list(zip(texts, oracle.count(texts), strict=True))


@pytest.fixture(scope="session")
def emoji(oracle: client.Oracle) -> list[tuple[str, dict[str, Any]]]:
    texts = emoji_sequences()
    return list(zip(texts, oracle.count(texts), strict=True))


def _compare(pairs: list[tuple[str, int, int]], *, share: float) -> None:
    """Assert postkit never counts under the reference and agrees on ``share`` of strings."""
    under = [(text, ours, theirs) for text, ours, theirs in pairs if ours < theirs]
    differ = [(text, ours, theirs) for text, ours, theirs in pairs if ours != theirs]
    assert [] == under[:20], f"{len(under)} strings counted under the reference"
    agreement = 1 - len(differ) / len(pairs)
    assert agreement >= share, f"agreement {agreement:.4%} < {share:.2%}; first: {differ[:20]}"


# ---------------------------------------------------------------------------------------
# X: npm twitter-text 3.1.0
# ---------------------------------------------------------------------------------------


def _x(answers: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, int, int]]:
    return [(text, measure(text, "x"), answer["x"]) for text, answer in answers]


def test_x_matches_twitter_text(quick: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_x(quick), share=0.999)


@pytest.mark.slow
def test_x_matches_twitter_text_full_corpus(full: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_x(full), share=0.999)


def test_x_emoji_sequences_match_twitter_text(emoji: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_x(emoji), share=1.0)


def test_twemoji_pattern_is_the_pinned_packages(oracle: client.Oracle) -> None:
    """data/twitter_text.toml's emoji pattern is what twemoji_pattern.mjs derives from npm."""
    del oracle  # only for its skip when node_modules is missing
    made = subprocess.run(
        ["node", str(client.HERE / "twemoji_pattern.mjs")],
        capture_output=True,
        text=True,
        check=True,
        cwd=client.HERE,
    )
    derived = json.loads(made.stdout)
    data = _data.twitter_text()["emoji"]
    assert (derived["version"], derived["pattern"]) == (data["twemoji_parser"], data["pattern"])


# ---------------------------------------------------------------------------------------
# Bluesky: the app's composer count and detectFacets
# ---------------------------------------------------------------------------------------

# Texts where the app's own counter is off: shortenLinks (social-app) calls RichText.insert,
# which moves later facets by the UTF-16 length of the inserted text where UTF-8 offsets are
# meant, and it slices text through a UTF-8 decoder that drops a leading U+FEFF. postkit
# counts the text as it is sent (what the server checks), the "bsky" figure of oracle.mjs.
APP_BUG_CASES = [
    # A link the URL parser refuses (port over 65535) is shown as written, non-ASCII and all:
    # the next link's facet moves by 24 UTF-16 units where 25 bytes were inserted.
    "https://bsky.app:99999/ü https://example.com/x",
    # Slicing through TextDecoder drops the leading U+FEFF once a link is shortened.
    "\ufeffhello https://example.com/a",
]


def _bluesky(answers: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, int, int]]:
    return [(text, measure(text, "bluesky"), answer["bsky"]) for text, answer in answers]


def test_bluesky_matches_the_app(quick: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_bluesky(quick), share=1.0)


@pytest.mark.slow
def test_bluesky_matches_the_app_full_corpus(full: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_bluesky(full), share=1.0)


def test_bluesky_emoji_sequences(emoji: list[tuple[str, dict[str, Any]]]) -> None:
    _compare(_bluesky(emoji), share=1.0)


@pytest.mark.parametrize("text", APP_BUG_CASES)
def test_bluesky_app_bug_cases(oracle: client.Oracle, text: str) -> None:
    """Where the app's count is off by its own bug, postkit counts the text as sent."""
    (answer,) = oracle.count([text])
    assert answer["bskyApp"] != answer["bsky"]
    assert answer["bsky"] == measure(text, "bluesky")


HOSTS = [
    "example.com\u200b",
    "EXAMPLE.com",
    "ẞtraße.de",
    "faß.de",
    "ςx.gr",
    "ｅｘａｍｐｌｅ.com",
    "a\u3002b.com",
    "a\u00adb.com",
    "x\u200dy.com",
    "Ⅻ.com",
    "㍱.com",
    "ǅ.com",
    "İstanbul.tr",
    "\u212a.com",
    "münchen.de",
    "MÜNCHEN.DE",
    "xn--mnchen-3ya.de",
    "例え.jp",
    "пример.рф",
    "مثال.com",
    "b\ufe0fücher.de",
    "a\u2060b.de",
    "ﬁ.com",
    "①.com",
    "１２７.0.0.1",
    "0x7f.1",
    "[::1]",
    "user:pw@example.com",
    "example.com:443",
    "example.com:80",
]


def test_bluesky_link_display_matches_whatwg(oracle: client.Oracle) -> None:
    """Links shown as the app shows them: node's WHATWG URL parser (UTS #46 hosts)."""
    urls = [
        f"{scheme}://{host}/{path}"
        for scheme in ("https", "http")
        for host in HOSTS
        for path in ("", "a/../b?q=1#f", "%7e/ü")
    ]
    assert oracle.short_urls(urls) == [bluesky.short_url(url) for url in urls]


def _link_facets(text: str) -> list[list[Any]]:
    return [
        [len(text[: link.start].encode()), len(text[: link.end].encode()), link.url]
        for link in bluesky.detect_links(text)
    ]


def test_bluesky_link_facets_match_detect_facets(quick: list[tuple[str, dict[str, Any]]]) -> None:
    differ = [
        (text, _link_facets(text), answer["links"]) for text, answer in quick if _link_facets(text) != answer["links"]
    ]
    assert [] == differ[:20], f"{len(differ)} of {len(quick)} differ"


def _tag_facets(text: str) -> list[list[Any]]:
    return [[tag.byte_start, tag.byte_end, tag.tag] for tag in bluesky.detect_tags(text)]


def test_bluesky_tag_facets_match_detect_facets(quick: list[tuple[str, dict[str, Any]]]) -> None:
    differ = [
        (text, _tag_facets(text), answer["tags"]) for text, answer in quick if _tag_facets(text) != answer["tags"]
    ]
    assert [] == differ[:20], f"{len(differ)} of {len(quick)} differ"


# ---------------------------------------------------------------------------------------
# Bluesky: composed records against the lexicon
# ---------------------------------------------------------------------------------------


def _articles(count: int) -> list[Article]:
    """Articles whose fields come from the corpus: hashtags in titles, long tags, IDN links."""
    rng = random.Random(11)
    texts = corpus(QUICK)
    hosts = ["https://news.example.com/a/", "https://münchen.de/x/", "https://example.org/(a)/", "http://bbc.co.uk/"]
    found: list[Article] = []
    while len(found) < count:
        title = rng.choice(texts)[:200].replace("\r", " ").replace("\n", " ").strip() or "Title"
        summary = rng.choice([None, rng.choice(texts)[:400]])
        tags = rng.sample(
            ["Tag", "MiddleEast", "日本語", "हिन्दी", "a" * 70, "x1", "Ελλάδα", "tag_x"], rng.randint(0, 3)
        )
        try:
            found.append(
                Article(
                    title=title,
                    url=rng.choice(hosts) + str(len(found)),
                    summary=summary,
                    tags=tags,
                    language=rng.choice(["en", "de", "ja", "hi", "ar"]),
                )
            )
        except PostkitError:
            continue
    return found


@functools.cache
def _posts() -> tuple[Post, ...]:
    made = []
    for article in _articles(400):
        try:
            made.append(compose(article, "bluesky"))
        except PostkitError:
            continue
    return tuple(made)


@pytest.fixture(scope="session")
def records() -> list[dict[str, Any]]:
    return [post.payload() for post in _posts()]


def test_records_are_valid_per_atproto_api(oracle: client.Oracle, records: list[dict[str, Any]]) -> None:
    answers = oracle.validate(records)
    invalid = [
        (record, answer["error"]) for record, answer in zip(records, answers, strict=True) if not answer["valid"]
    ]
    assert len(records) > 300
    assert [] == invalid[:10], f"{len(invalid)} of {len(records)} invalid"


def test_records_are_valid_per_the_python_sdk(records: list[dict[str, Any]]) -> None:
    models = pytest.importorskip("atproto").models
    for record in records:
        models.AppBskyFeedPost.Record.model_validate(record)


def _facets(record: dict[str, Any], kind: str) -> list[list[Any]]:
    """``[byteStart, byteEnd, value]`` of the record's ``#link`` (uri) or ``#tag`` (tag) facets."""
    key = {"link": "uri", "tag": "tag"}[kind]
    return [
        [f["index"]["byteStart"], f["index"]["byteEnd"], f["features"][0][key]]
        for f in record.get("facets", [])
        if f["features"][0]["$type"].endswith("#" + kind)
    ]


@pytest.fixture(scope="session")
def composed(oracle: client.Oracle, records: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each record with what the app would send for its post's text (oracle.mjs ``sent``)."""
    posts = [post.text for post in _posts()]
    return list(zip(records, [answer["sent"] for answer in oracle.count(posts)], strict=True))


def test_record_text_is_what_the_app_sends(composed: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    differ = [(record["text"], sent["text"]) for record, sent in composed if record["text"] != sent["text"]]
    assert [] == differ[:10], f"{len(differ)} of {len(composed)} differ"


def test_record_tag_facets_match_detect_facets(composed: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Every hashtag the app finds gets its facet (titles and summaries too), none over 64 graphemes."""
    differ = [
        (record["text"], _facets(record, "tag"), sent["tags"])
        for record, sent in composed
        if _facets(record, "tag") != sent["tags"]
    ]
    assert [] == differ[:10], f"{len(differ)} of {len(composed)} records differ in tag facets"


def test_record_link_facets_match_the_app(composed: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    differ = [
        (record["text"], _facets(record, "link"), sent["links"])
        for record, sent in composed
        if _facets(record, "link") != sent["links"]
    ]
    assert [] == differ[:10], f"{len(differ)} of {len(composed)} records differ in link facets"


# ---------------------------------------------------------------------------------------
# Mastodon: the server's StatusLengthValidator (fixture)
# ---------------------------------------------------------------------------------------


def _mastodon_fixture() -> dict[str, Any]:
    if not MASTODON_FIXTURE.exists():
        pytest.skip("tests/oracles/mastodon/status_length.json is missing: see tests/oracles/mastodon/README.md")
    return dict(json.loads(MASTODON_FIXTURE.read_text(encoding="utf-8")))


def test_mastodon_matches_the_server_fixture() -> None:
    fixture = _mastodon_fixture()
    pairs = [(text, measure(text, "mastodon"), counted) for text, counted in fixture["counts"]]
    assert len(pairs) >= 5_000
    _compare(pairs, share=0.995)
