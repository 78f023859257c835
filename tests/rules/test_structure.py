"""Tests for postkit.rules.structure: STR001 (no link) and STR002 (no call to action)."""

from __future__ import annotations

import attrs
import pytest

from postkit import RuleSet
from postkit.article import Article
from postkit.posts.composer import compose
from postkit.posts.post import ThreadPart
from postkit.posts.thread import compose_thread
from rules import BLURB, LINK


class TestNoLink:
    """STR001: a teaser needs a link, or "link in bio" where links are not clickable."""

    def test_no_link(self, lint):
        """The blurb without its link is an error on the whole post."""
        assert [("STR001", "error", "")] == lint("Kaim crossing reopens 📝🌍🔗 Read More", select=["STR001"])

    @pytest.mark.parametrize(
        "link", [LINK, "http://news.example/a", "www.news.example/a"], ids=["https", "http", "www"]
    )
    def test_link_present(self, lint, link):
        """http(s):// and www. links count."""
        assert [] == lint(f"Kaim crossing reopens {link}", select=["STR001"])

    def test_bare_host_is_not_a_link(self, lint):
        """news.example/a without a scheme or www. is not clickable everywhere."""
        assert [("STR001", "error", "")] == lint("Kaim crossing reopens news.example/a", select=["STR001"])

    def test_instagram_needs_link_in_bio(self, lint):
        """On Instagram a URL is not clickable: without "link in bio" the post is flagged."""
        assert [("STR001", "error", "")] == lint(f"Kaim crossing reopens {BLURB}", "instagram", select=["STR001"])

    @pytest.mark.parametrize("pointer", ["📝🌍🔗 Link in bio", "link in bio", "LINK IN BIO"])
    def test_instagram_link_in_bio(self, lint, pointer):
        """ "Link in bio" (any case) satisfies STR001 on Instagram."""
        assert [] == lint(f"Kaim crossing reopens {pointer}", "instagram", select=["STR001"])

    def test_link_in_bio_is_not_a_link_elsewhere(self, lint):
        """Where links are clickable, "link in bio" is no substitute for the link."""
        assert [("STR001", "error", "")] == lint("Kaim crossing reopens 📝🌍🔗 Link in bio", "x", select=["STR001"])

    def test_composed_instagram_post(self):
        """compose writes "Link in bio" for Instagram, which passes STR001 and STR002."""
        post = compose(Article(title="Kaim crossing reopens", url=LINK, social="📝🌍🔗 Read More"), "instagram")

        assert [] == RuleSet(select=("STR",)).check(post)


class TestNoCallToAction:
    """STR002: a teaser needs a call to action."""

    def test_bare_link(self, lint):
        """A title and a bare link have no call to action."""
        assert [("STR002", "warning", "")] == lint(f"Kaim crossing reopens {LINK}", select=["STR002"])

    @pytest.mark.parametrize("cta", ["Read More", "read more", "Full story", "Weiterlesen", "Lire la suite"])
    def test_known_ctas(self, lint, cta):
        """Calls to action from data/cta.toml and data/phrases/cta.txt pass, any case."""
        assert [] == lint(f"Kaim crossing reopens {cta}: {LINK}", select=["STR002"])

    def test_cta_must_be_whole_words(self, lint):
        """ "Read Moreover" is not "Read More"."""
        assert [("STR002", "warning", "")] == lint(f"Kaim crossing reopens. Read Moreover {LINK}", select=["STR002"])

    def test_ctas_option(self, lint):
        """The ``ctas`` option adds a newsroom's own call to action."""
        text = f"Kaim crossing reopens. Our report: {LINK}"

        assert [("STR002", "warning", "")] == lint(text, select=["STR002"])
        assert [] == lint(text, select=["STR002"], options={"STR002": {"ctas": ["our report"]}})

    def test_posts_own_cta(self):
        """A composed post's own CTA (from its social line) counts, even an unlisted one."""
        post = compose(Article(title="Kaim crossing reopens", url=LINK, social="🔗 Our full report"), "mastodon")

        assert [] == RuleSet(select=("STR002",)).check(post)


class TestThreads:
    """A thread is judged as one teaser: only the post that carries its blurb line needs the link and the CTA."""

    TEXT = " ".join(["The Kaim border crossing between Iraq and Syria reopened to trucks on Monday."] * 12)

    @pytest.mark.parametrize("link_in", ["first", "last"])
    def test_replies_get_no_structure_finding(self, link_in):
        """Replies without the blurb line are not flagged; the thread's link is in its first (or last) post."""
        article = Article(title="Kaim crossing reopens", url=LINK)
        thread = compose_thread(article, "x", text=self.TEXT, link_in=link_in)
        carrier = 1 if link_in == "first" else len(thread.posts)

        total = len(thread.posts)
        assert total > 2
        assert [ThreadPart(i, total, carrier) for i in range(1, total + 1)] == [p.thread for p in thread.posts]
        assert [i == carrier for i in range(1, total + 1)] == [p.thread.carries_link for p in thread.posts]
        assert [[] for _ in thread.posts] == [RuleSet(select=("STR",)).check(post) for post in thread.posts]

    def test_the_carrier_is_still_judged(self):
        """The post that should carry the blurb line is flagged without it: the thread then has no link."""
        article = Article(title="Kaim crossing reopens", url=LINK)
        first = compose_thread(article, "x", text=self.TEXT).posts[0]
        bare = attrs.evolve(first, text=first.text.split("\n\n")[0], link=None)

        assert ["STR001", "STR002"] == [v.code for v in RuleSet(select=("STR",)).check(bare)]

    def test_a_reply_checked_as_text_is_judged_alone(self, lint):
        """As plain text a reply is just a post: nothing says where the thread's link is."""
        article = Article(title="Kaim crossing reopens", url=LINK)
        reply = compose_thread(article, "x", text=self.TEXT).posts[1]

        assert ["STR001", "STR002"] == [code for code, _, _ in lint(reply.text, select=["STR"])]

    def test_a_post_of_its_own_is_no_thread(self):
        """A text that fits in one post is one post, unnumbered, with no place in a thread."""
        [post] = compose_thread(Article(title="Kaim crossing reopens", url=LINK), "x").posts

        assert post.thread is None
