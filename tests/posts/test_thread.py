"""Tests for postkit.posts.thread: every post fits, the thread re-joins to the text, replies chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from postkit import load_articles
from postkit.article import Article
from postkit.cut_points import protected_spans
from postkit.errors import ConfigError, FitError, RecordError
from postkit.platforms.counting import measurements
from postkit.platforms.families import THREAD_FAMILIES
from postkit.posts.thread import Thread, _paragraphs, compose_thread, reply_to
from postkit.text import graphemes
from strategies import SEED_TITLE, SEED_URL, articles, tiny_platform, titles

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = Article(title=SEED_TITLE, url=SEED_URL, language="en")
SENTENCES = " ".join(f"Sentence number {i} says something about the Kaim crossing, and then more." for i in range(30))
NUMBER = regex.compile(r" (\d+)/(\d+)$")


def strip(thread: Thread) -> list[str]:
    """Each post's text without its numbering and blurb line: what it carries of the source."""
    out = []
    n = len(thread.posts)
    for i, post in enumerate(thread.posts, 1):
        text = post.text
        line = f"\n\n{post.emoji} {post.cta}: {post.link}" if post.link else ""
        if line:
            assert text.endswith(line)
            text = text.removesuffix(line)
        if n > 1:
            assert text.endswith(f" {i}/{n}")
            text = text.removesuffix(f" {i}/{n}")
        out.append(text)
    return out


def squash(text: str) -> str:
    return regex.sub(r"\s+", "", text)


def assert_thread(thread: Thread, source: str) -> None:
    """Every post fits; the posts re-join to the source; no cut inside a cluster or a token."""
    for post in thread.posts:
        assert not any(m.over for m in measurements(post.text, post.platform)), post.text
    parts = strip(thread)
    assert list(thread.parts) == parts
    if not thread.truncated:
        assert squash(source) == squash("".join(parts))
    # Each part is a slice of the source that starts and ends on grapheme boundaries.
    bounds = {0}
    for cluster in graphemes(source):
        bounds.add(max(bounds) + len(cluster))
    spans = protected_spans(source)
    pos = 0
    for part in parts:
        body = part.removesuffix("…").rstrip() if thread.truncated and part is parts[-1] else part
        start = source.find(body, pos)
        assert start >= 0, (body, source)
        end = start + len(body)
        assert start in bounds
        assert end in bounds
        for a, b in spans:
            assert not a < start < b
            assert not a < end < b
        pos = end


class TestCompose:
    def test_example_on_every_thread_platform(self) -> None:
        article = next(a for a in load_articles(ROOT / "examples/feeds/harbour-wire.rss") if isinstance(a, Article))
        for platform in ("x", "bluesky", "mastodon", "threads"):
            thread = compose_thread(article, platform)

            assert 2 <= len(thread.posts)
            assert thread.posts[0].link is not None
            assert all(p.link is None for p in thread.posts[1:])
            assert thread.posts[0].text.startswith(article.title)

    def test_paragraphs_are_the_first_choice(self) -> None:
        text = "First paragraph, short.\n\n" + "Second paragraph " * 12 + "ends here."
        thread = compose_thread(ARTICLE, "x", text=text)

        assert "First paragraph, short." == thread.parts[0]

    def test_sentence_before_clause_before_word(self) -> None:
        thread = compose_thread(ARTICLE, "x", text=SENTENCES, max_posts=50)

        assert not thread.truncated
        assert all(part.endswith(".") for part in thread.parts)
        assert_thread(thread, SENTENCES)

    def test_numbering_counts_the_posts(self) -> None:
        thread = compose_thread(ARTICLE, "mastodon", text=SENTENCES * 3, max_posts=20)
        n = len(thread.posts)

        assert n >= 10  # two-digit numbering
        assert [f"{i}/{n}" for i in range(1, n + 1)] == [
            NUMBER.search(p.text.split("\n\n")[0])[0].strip() for p in thread.posts
        ]

    def test_one_post_when_it_fits(self) -> None:
        thread = compose_thread(ARTICLE, "mastodon", text="Short.")

        assert 1 == len(thread.posts)
        assert not NUMBER.search(thread.posts[0].text.split("\n\n")[0])

    def test_link_in_the_last_post(self) -> None:
        thread = compose_thread(ARTICLE, "bluesky", text=SENTENCES, link_in="last")

        assert thread.posts[-1].link is not None
        assert all(p.link is None for p in thread.posts[:-1])

    def test_at_most_max_posts(self) -> None:
        thread = compose_thread(ARTICLE, "x", text=SENTENCES, max_posts=3)

        assert 3 == len(thread.posts)
        assert thread.truncated
        assert thread.parts[-1].endswith("…")
        assert_thread(thread, SENTENCES)

    def test_a_long_word_is_cut_between_graphemes(self) -> None:
        text = "👍🏿" * 400
        thread = compose_thread(ARTICLE, "bluesky", text=text)

        assert_thread(thread, text)

    def test_a_url_is_never_cut(self) -> None:
        url = "https://news.example/" + "a" * 200
        text = f"{'word ' * 40}{url} {'more ' * 40}"
        thread = compose_thread(ARTICLE, "bluesky", text=text)

        assert any(url in part for part in thread.parts)

    def test_platform_without_replies(self) -> None:
        with pytest.raises(ConfigError, match="linkedin has no replies"):
            compose_thread(ARTICLE, "linkedin", text="x")

    def test_nothing_fits(self) -> None:
        with pytest.raises(FitError):
            compose_thread(ARTICLE, tiny_platform(30), text=SENTENCES)


_thread_platforms = st.sampled_from(["x", "bluesky", "mastodon", "threads"])


@given(articles(), titles(max_words=150), _thread_platforms)
def test_every_post_fits_and_rejoins(article: Article, text: str, platform: str) -> None:
    """Property: each post fits by the platform's counter; the parts re-join to the text."""
    source = _paragraphs(text)
    try:
        thread = compose_thread(article, platform, text=text, max_posts=50)
    except FitError:
        return  # a URL longer than a post with its blurb line: reported, never cut
    except RecordError:
        assert not source  # only markup: nothing to thread
        return
    assert_thread(thread, source)


@given(
    articles(),
    st.lists(titles(max_words=40), min_size=1, max_size=6).map("\n\n".join),
    _thread_platforms,
    st.integers(1, 12),
    st.sampled_from(["first", "last"]),
)
def test_paragraphs_fit_and_rejoin(article: Article, text: str, platform: str, max_posts: int, link_in: str) -> None:
    """Property, with paragraphs, any max_posts, the link first or last: posts fit and re-join."""
    try:
        thread = compose_thread(
            article, platform, text=text, max_posts=max_posts, link_in="last" if link_in == "last" else "first"
        )
    except (FitError, RecordError):
        return
    assert len(thread.posts) <= max_posts
    carrier = thread.posts[0] if link_in == "first" else thread.posts[-1]
    assert [carrier] == [p for p in thread.posts if p.link is not None]
    assert_thread(thread, _paragraphs(text))


class TestReplyTo:
    def test_each_family(self) -> None:
        thread = compose_thread(ARTICLE, "x", text=SENTENCES)
        payload = thread.payloads()[1]

        assert "1" == reply_to(payload, "x", 1)["in_reply_to_tweet_id"]
        assert "reply" not in payload  # a copy
        assert "9" == reply_to({"status": "s"}, "mastodon", 9)["in_reply_to_id"]
        assert "7" == reply_to({"text": "s"}, "threads", 7)["reply_to_id"]
        root = {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafyroot"}
        parent = {"uri": "at://did:plc:a/app.bsky.feed.post/2", "cid": "bafyparent"}
        assert {"root": root, "parent": parent} == reply_to({"text": "s"}, "bluesky", parent, root)["reply"]

    def test_families(self) -> None:
        assert ("x", "bluesky", "mastodon", "threads") == THREAD_FAMILIES

    def test_bluesky_records_are_valid_per_the_lexicon(self) -> None:
        models = pytest.importorskip("atproto").models
        thread = compose_thread(ARTICLE, "bluesky", text=SENTENCES)
        root = {"uri": "at://did:plc:abc/app.bsky.feed.post/3k", "cid": "bafyreia"}
        for i, payload in enumerate(thread.payloads()):
            record = reply_to(payload, "bluesky", root) if i else payload
            models.AppBskyFeedPost.Record.model_validate(record)


@pytest.mark.parametrize("platform", ["bluesky", "mastodon", "x"])
def test_example_script(platform: str) -> None:
    """examples/thread.py composes and chains: every post after the first replies to the one before."""
    import json  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "thread.py"),
            str(ROOT / "examples" / "feeds" / "harbour-wire.rss"),
            platform,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    payloads = [json.loads(block[block.index("{") :]) for block in out.split("== ")[1:]]
    assert len(payloads) >= 2
    field = {"bluesky": "reply", "mastodon": "in_reply_to_id", "x": "in_reply_to_tweet_id"}[platform]
    assert field not in payloads[0]
    assert all(field in p for p in payloads[1:])


class TestMarkdownAndBounds:
    """Issue 20: a Markdown body is threaded as plain text; issue 23: a 20 MB body costs what a thread holds."""

    BODY = "## How the plant works\n\nIt *turns* [water](https://x.example) into power.\n\n- one\n- two\n\n```\ncode\n```\n"

    def test_markdown_body_as_plain_text(self) -> None:
        article = Article(title="Plant", url="https://news.example/p", body=self.BODY, body_format="markdown")
        thread = compose_thread(article, "mastodon")

        assert "##" not in thread.posts[0].text
        assert "*" not in thread.posts[0].text
        assert "```" not in thread.posts[0].text
        assert thread.parts[0] == "Plant\n\nHow the plant works\n\nIt turns water into power.\n\none\n\ntwo"

    def test_a_markdown_file_reads_as_markdown(self, tmp_path: Path) -> None:
        path = tmp_path / "a.md"
        path.write_text(f"---\ntitle: Plant\nurl: https://news.example/p\n---\n{self.BODY}", "utf-8")
        (article,) = load_articles(path)

        assert isinstance(article, Article)
        assert article.body_format == "markdown"
        assert "## How" not in compose_thread(article, "bluesky").posts[0].text

    def test_text_bodies_are_not_read_as_markdown(self) -> None:
        article = Article(title="T", url="https://news.example/p", body="Keep *stars* and [brackets](here).")
        assert "*stars*" in compose_thread(article, "mastodon").posts[0].text

    @pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
    def test_only_what_the_thread_holds_is_read(self, monkeypatch: pytest.MonkeyPatch, markdown: bool) -> None:
        """A huge body: only about max_posts windows of it are cleaned, whatever its size."""
        from postkit.posts import thread as module  # noqa: PLC0415

        cleaned: list[int] = []
        real = module.clean_html
        monkeypatch.setattr(module, "clean_html", lambda text: cleaned.append(len(text)) or real(text))
        body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40 + "\n\n") * 20_000
        article = Article(
            title="Big", url="https://news.example/b", body=body, body_format="markdown" if markdown else None
        )
        thread = compose_thread(article, "mastodon", max_posts=6)

        assert len(thread.posts) == 6
        assert thread.truncated
        assert thread.posts[-1].text.endswith("… 6/6")
        budget = 6 * (500 * 8 + 256)
        assert sum(cleaned) <= 5 * budget  # not the 46 MB body

    def test_a_20_mb_body_in_bounded_memory(self, tmp_path: Path) -> None:
        """Issue 23: --max-posts 6 on a 20 MB body took 16 s and 1.2 GB."""
        from peak import BOUND_KIB, peak_rss_kib  # noqa: PLC0415 - a test helper

        body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40 + "\n\n") * 8_500
        path = tmp_path / "big.jsonl"
        path.write_text(json.dumps({"title": "Big", "url": "https://news.example/b", "body": body}) + "\n", "utf-8")
        peak, done = peak_rss_kib("compose", str(path), "-p", "mastodon", "--thread", "--max-posts", "6")

        assert done.returncode == 0
        assert peak < BOUND_KIB


class TestReplyParents:
    """A parent the platform's API cannot reply to is one ReplyError naming it, not AttributeError or str()."""

    @pytest.mark.parametrize(
        ("platform", "parent", "field"),
        [
            ("bluesky", "12345", "parent"),
            ("bluesky", {"uri": "at://did:plc:a/app.bsky.feed.post/1"}, "parent"),
            ("bluesky", {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": 5}, "parent"),
            ("x", {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafy"}, "parent"),
            ("x", None, "parent"),
            ("x", True, "parent"),
            ("mastodon", {"text": "no id"}, "parent"),
            ("threads", object(), "parent"),
        ],
    )
    def test_a_wrong_parent(self, platform: str, parent: Any, field: str) -> None:
        from postkit.errors import ReplyError  # noqa: PLC0415

        with pytest.raises(ReplyError) as caught:
            reply_to({"text": "s"}, platform, parent)
        assert caught.value.field == field
        assert f"a reply on {platform}" in str(caught.value)
        assert "\n" not in str(caught.value)

    def test_a_wrong_bluesky_root(self) -> None:
        from postkit.errors import ReplyError  # noqa: PLC0415

        good = {"uri": "at://did:plc:a/app.bsky.feed.post/1", "cid": "bafy"}
        with pytest.raises(ReplyError, match="its root") as caught:
            reply_to({"text": "s"}, "bluesky", good, "1")
        assert caught.value.field == "root"

    @pytest.mark.parametrize(
        ("parent", "expected"),
        [("1445880548472328190", "1445880548472328190"), (9, "9"), ({"id": "7", "text": "t"}, "7")],
    )
    def test_ids_as_sdks_answer(self, parent: Any, expected: str) -> None:
        """An id, a number, or what an SDK answered with its id (tweepy's response.data, Mastodon.py's status)."""
        assert reply_to({"text": "s"}, "x", parent)["in_reply_to_tweet_id"] == expected
        assert reply_to({"text": "s"}, "mastodon", parent)["in_reply_to_id"] == expected
