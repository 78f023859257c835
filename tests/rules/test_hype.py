"""Tests for postkit.rules.hype: HYP001 (hyperbole and intensifiers)."""

from __future__ import annotations

import pytest

from postkit import Article, check, compose


class TestHyperbole:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shocking scenes as Kaim reopens", ["Shocking"]),
            ("An absolutely historic day, literally", ["absolutely", "literally"]),
            ("A game-changer for trade", ["game-changer"]),
            ("Shockingly, Kaim reopens", []),
            ("A massive queue at the huge crossing", []),
        ],
        ids=["word", "two-words", "hyphenated", "longer-word", "plain-news-words"],
    )
    def test_words(self, lint, text, expected):
        """Listed hype words are flagged whole-word; words news uses plainly are not listed."""
        assert [("HYP001", "info", m) for m in expected] == lint(text, select=["HYP001"])

    def test_allow_option(self, lint):
        """``allow`` removes a listed word."""
        assert [] == lint("Stunning views at Kaim", select=["HYP001"], options={"HYP001": {"allow": ["stunning"]}})


class TestNamesAndVerbs:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Shocking scenes as the Kaim crossing reopens", ["Shocking"]),
            ("Kaim Reopens With Shocking Scenes At The Border", ["Shocking"]),
            ("A stunning win at Kaim", ["stunning"]),
            ("Amazing Radio launches a Kaim show", []),
            ("Kaim fans watch Amazing Grace tonight", []),
            ("Fans Of The Incredible Shrinking Man Meet At Kaim", []),
            ("Prison Workers Fired After Shocking Children With Stun Guns", []),
            ("Trucks roll, stunning the crowd at Kaim", []),
        ],
        ids=[
            "sentence-start",
            "title-case",
            "adjective",
            "name-at-start",
            "name-mid-sentence",
            "the-name-title-case",
            "verb-with-object",
            "verb-with-determiner",
        ],
    )
    def test_names_and_verbs_pass(self, lint, text, expected):
        """Capitalised hype words in names and -ing hype words with an object are not hyperbole."""
        assert [("HYP001", "info", w) for w in expected] == lint(text, select=["HYP001"])


class TestTheQuotedSummary:
    """A composed post's summary is the article's prose, quoted: its hype words are the article's, as a quotation's are."""

    def _found(self, title, summary):
        post = compose(Article(title=title, url="https://news.example/a", summary=summary), "telegram")
        return [post.text[v.start : v.end] for v in check(post, select=["HYP001"])]

    def test_the_summarys_words_are_the_articles(self):
        """ "stunning losses" in a news site's own description is the article's description, not the teaser's hype."""
        assert [] == self._found(
            "Republicans lose Virginia", "He insisted Republicans' stunning losses were no referendum."
        )

    def test_the_headline_is_the_teasers(self):
        """Hype in the teaser's headline is flagged."""
        assert ["Stunning"] == self._found("Stunning losses for Republicans in Virginia", "The count ended on Tuesday.")

    def test_plain_text_is_the_writers(self, lint):
        """As plain text nothing is known to be quoted."""
        text = "Republicans lose Virginia\n\nHe insisted the stunning losses were no referendum."
        assert [("HYP001", "info", "stunning")] == lint(text, select=["HYP001"])
