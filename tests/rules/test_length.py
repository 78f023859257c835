"""Tests for postkit.rules.length: LEN001 (over a platform limit) and LEN002 (past the fold)."""

from __future__ import annotations

import pytest

from postkit import RuleSet
from postkit.article import Article
from postkit.posts.composer import compose
from rules import BLURB, LINK

# (platform, limit, a character that counts 1 there): every built-in platform's main limit.
LIMITS = [
    ("x", 280, "a"),
    ("bluesky", 300, "a"),
    ("mastodon", 500, "a"),
    ("threads", 500, "a"),
    ("linkedin", 3000, "a"),
    ("facebook", 63206, "a"),
    ("instagram", 2200, "a"),
    ("telegram", 4096, "a"),
]
FAMILY = "👩‍👩‍👧‍👦"  # one grapheme, 25 UTF-8 bytes


class TestOverLimit:
    """LEN001: any of the platform's limits, in the platform's own unit."""

    @pytest.mark.parametrize(("platform", "limit", "char"), LIMITS, ids=[p for p, _, _ in LIMITS])
    def test_at_the_limit_is_clean(self, lint, platform, limit, char):
        """Exactly the limit passes."""
        assert [] == lint(char * limit, platform, select=["LEN001"])

    @pytest.mark.parametrize(("platform", "limit", "char"), LIMITS, ids=[p for p, _, _ in LIMITS])
    def test_one_over_the_limit(self, lint, platform, limit, char):
        """One unit over is an error concerning the whole post."""
        assert [("LEN001", "error", "")] == lint(char * (limit + 1), platform, select=["LEN001"])

    def test_message_says_by_how_much(self):
        """The message gives the length, the excess, the platform and its limit."""
        [violation] = RuleSet(select=("LEN001",)).check("a" * 281, "x")

        assert "post is 281 weighted characters, 1 over X's limit of 280" == violation.message

    def test_bluesky_byte_limit(self, lint):
        """Under 300 graphemes but over 3000 UTF-8 bytes is still over Bluesky's limit."""
        text = FAMILY * 250  # 250 graphemes, 6,250 bytes
        [violation] = RuleSet(select=("LEN001",)).check(text, "bluesky")

        assert [("LEN001", "error", "")] == lint(text, "bluesky", select=["LEN001"])
        assert "6,250 UTF-8 bytes" in violation.message
        assert "3,000" in violation.message

    def test_bluesky_both_limits(self, lint):
        """Over the grapheme and the byte limit: one finding per limit."""
        assert [("LEN001", "error", "")] * 2 == lint(FAMILY * 301, "bluesky", select=["LEN001"])

    def test_x_weighs_cjk_two(self, lint):
        """On X a CJK character weighs 2: 140 fit, 141 do not."""
        assert [] == lint("日" * 140, "x", select=["LEN001"])
        assert [("LEN001", "error", "")] == lint("日" * 141, "x", select=["LEN001"])

    def test_x_counts_a_link_as_23(self, lint):
        """A link twitter-text extracts counts 23 on X, however long it is."""
        url = "https://www.bbc.co.uk/news/" + "x" * 100

        assert [] == lint("a" * 256 + " " + url, "x", select=["LEN001"])
        assert [("LEN001", "error", "")] == lint("a" * 257 + " " + url, "x", select=["LEN001"])

    def test_threads_counts_emoji_bytes(self, lint):
        """On Threads an emoji counts as its UTF-8 bytes: 125 four-byte emoji fit, 126 do not."""
        assert [] == lint("🌍" * 125, "threads", select=["LEN001"])
        assert [("LEN001", "error", "")] == lint("🌍" * 126, "threads", select=["LEN001"])

    def test_composed_post_is_clean(self):
        """A composed post fits, so LEN001 stays silent on it (compose's measurements reused)."""
        article = Article(title="Kaim crossing reopens " * 30, url=LINK, summary="Trucks roll. " * 40)
        post = compose(article, "x")

        assert [] == RuleSet(select=("LEN001",)).check(post)

    def test_post_checked_on_another_platform_is_measured_again(self):
        """A post made for LinkedIn, checked on X, is measured for X."""
        article = Article(title="Kaim crossing reopens", url=LINK, summary="Trucks roll again. " * 40)
        post = compose(article, "linkedin")

        assert ["LEN001"] == [v.code for v in RuleSet(select=("LEN001",)).check(post, "x")]


class TestPastFold:
    """LEN002: a first line or link past LinkedIn's "see more" fold (~210 characters)."""

    LONG_TITLE = " ".join(["word"] * 60)  # 299 characters on one line

    def test_long_first_line_and_low_link_on_linkedin(self, lint):
        """A 299-character first line is flagged from the word the fold (210) falls in, and the link below it."""
        text = f"{self.LONG_TITLE}\n\n{BLURB}"
        found = lint(text, "linkedin", select=["LEN002"])

        assert [("LEN002", "warning", " ".join(["word"] * 18)), ("LEN002", "warning", LINK)] == found

    def test_short_title_above_the_fold(self, lint):
        """Title and link in the first 210 characters pass, whatever follows."""
        text = f"Kaim crossing reopens\n\n{BLURB}\n\n" + "More detail. " * 40

        assert [] == lint(text, "linkedin", select=["LEN002"])

    def test_link_below_a_long_body(self, lint):
        """A short title but the link after 300 characters: the link is flagged."""
        text = "Kaim crossing reopens\n\n" + "More detail. " * 25 + "\n\n" + BLURB

        assert [("LEN002", "warning", LINK)] == lint(text, "linkedin", select=["LEN002"])

    @pytest.mark.parametrize("platform", ["x", "bluesky", "mastodon", "threads", "facebook", "instagram", "telegram"])
    def test_only_linkedin_has_a_fold(self, lint, platform):
        """No other platform has a fold, so LEN002 is silent there by default."""
        text = f"{self.LONG_TITLE}\n\n{BLURB}"

        assert [] == lint(text, platform, select=["LEN002"])

    def test_fold_option(self, lint):
        """The ``fold`` option sets a fold on any platform."""
        text = f"{self.LONG_TITLE}\n\n{BLURB}"

        assert ["LEN002", "LEN002"] == [
            f[0] for f in lint(text, "facebook", select=["LEN002"], options={"LEN002": {"fold": 50}})
        ]

    def test_short_text_is_never_past_the_fold(self, lint):
        """A text shorter than the fold cannot be past it."""
        assert [] == lint(BLURB, "linkedin", select=["LEN002"])
