"""Tests for postkit.rules.structure: STR001 (no link) and STR002 (no call to action)."""

from __future__ import annotations

import pytest

from postkit import RuleSet
from postkit.article import Article
from postkit.posts.composer import compose
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
