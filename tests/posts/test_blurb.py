"""Tests for postkit.emojis: the blurb's emoji and call to action, and their data files."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import emoji
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit._data import Cta
from postkit.article import Article
from postkit.config import parse_config
from postkit.errors import ConfigError
from postkit.posts.blurb import Blurb, Vocabulary, blurb_for, cta_for, parse_social, topic_emoji
from postkit.posts.composer import compose
from postkit.text import graphemes


def data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("postkit").joinpath(f"data/{name}").read_text("utf-8"))


TOPICS = data("emoji_topics.toml")
CTAS = data("cta.toml")
REQUIRED_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ar", "tr", "uk", "ru", "ja", "zh")


class TestEmojiTopicsData:
    """Every entry of data/emoji_topics.toml is a real emoji (checked against the emoji package)."""

    @pytest.mark.parametrize(("topic", "code"), sorted(TOPICS["topics"].items()), ids=sorted(TOPICS["topics"]))
    def test_topic_is_one_emoji(self, topic: str, code: str) -> None:
        """The shortcode emojizes to exactly one emoji."""
        value = emoji.emojize(code, language="en")

        assert emoji.is_emoji(value), f"{topic}: {code!r} is not an emoji shortcode"
        assert 1 == len(graphemes(value))

    @pytest.mark.parametrize("part", ["lead", "default", "trail"], ids=["lead", "default", "trail"])
    def test_group_is_one_emoji(self, part: str) -> None:
        """The blurb's lead, default and trail emoji are real emoji."""
        assert emoji.is_emoji(emoji.emojize(TOPICS["group"][part], language="en"))

    def test_topics_are_lowercase(self) -> None:
        """Topic keys are lower case: lookup is case-insensitive through casefold."""
        assert [] == [key for key in TOPICS["topics"] if key != key.casefold()]


class TestCtaData:
    """Every language of data/cta.toml has both wordings."""

    @pytest.mark.parametrize("language", sorted(CTAS), ids=sorted(CTAS))
    def test_both_keys(self, language: str) -> None:
        """read_more and link_in_bio are there, non-empty, one line, without a colon at the end."""
        entry = CTAS[language]

        assert {"read_more", "link_in_bio"} == set(entry)
        for value in entry.values():
            assert value.strip() == value
            assert value
            assert "\n" not in value
            assert not value.endswith(":")

    def test_required_languages(self) -> None:
        """The languages issue 3 names are all there."""
        assert [] == [lang for lang in REQUIRED_LANGUAGES if lang not in CTAS]


class TestTopicEmoji:
    """Tests for topic_emoji."""

    @pytest.mark.parametrize(
        ("topics", "expected"),
        [
            ([], "📝🌍🔗"),
            (["Sport"], "📝🏆🔗"),
            (["unknown", "SCIENCE", "sport"], "📝🔬🔗"),
            (["Middle East"], "📝🌍🔗"),
            (["asia"], "📝🌏🔗"),
        ],
        ids=["default", "case-insensitive", "first-known", "two-words", "asia"],
    )
    def test_group(self, topics: list[str], expected: str) -> None:
        """📝 + the first known topic's emoji (default 🌍) + 🔗."""
        assert expected == topic_emoji(topics)


class TestCtaFor:
    """Tests for cta_for."""

    @pytest.mark.parametrize(
        ("language", "bio", "expected"),
        [
            ("en", False, "Read More"),
            ("de", False, "Weiterlesen"),
            ("pt-BR", False, "Leia mais"),
            ("pt-BR", True, "Link na bio"),
            ("zh-Hant-TW", False, "阅读全文"),
            ("xx", False, "Read More"),
            ("xx", True, "Link in bio"),
            ("AR", False, "اقرأ المزيد"),
            ("", False, "Read More"),
        ],
        ids=[
            "en",
            "de",
            "pt-BR-falls-back-to-pt",
            "pt-BR-bio",
            "zh-script-region",
            "unknown-to-en",
            "unknown-bio",
            "upper-case",
            "empty",
        ],
    )
    def test_language(self, language: str, bio: bool, expected: str) -> None:
        """Exact tag, then the primary subtag, then English."""
        assert expected == cta_for(language, bio=bio)


class TestParseSocial:
    """Tests for parse_social."""

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("📝🌍🔗 Read More", ("📝🌍🔗", "Read More")),
            ("📝🌍🔗 Read More:", ("📝🌍🔗", "Read More")),
            ("🏃\u200d♀\ufe0f🏅 Full results", ("🏃\u200d♀\ufe0f🏅", "Full results")),
            (":memo::link: Weiterlesen", ("📝🔗", "Weiterlesen")),
            ("🇮🇶 🇸🇾 News", ("🇮🇶 🇸🇾", "News")),
            ("Read on", ("", "Read on")),
            ("🔗", ("🔗", "")),
            ("#1 Read More", ("", "#1 Read More")),
        ],
        ids=[
            "seed",
            "trailing-colon",
            "zwj-sequence",
            "shortcodes",
            "flags-with-space",
            "no-emoji",
            "only-emoji",
            "hash-digit-is-not-keycap",
        ],
    )
    def test_split(self, line: str, expected: tuple[str, str]) -> None:
        """The leading emoji group and the CTA after it."""
        assert expected == parse_social(line)


class TestBlurbFor:
    """Tests for blurb_for."""

    def test_social_line_followed_exactly(self) -> None:
        """A record's social line gives the blurb's emoji and CTA, whatever the topics and language."""
        assert Blurb("🏃\u200d♀\ufe0f🏅", "Full results") == blurb_for(
            "🏃\u200d♀\ufe0f🏅 Full results", ["science"], "de"
        )

    def test_data_without_social(self) -> None:
        """Without a social line: topic emoji and the language's CTA."""
        assert Blurb("📝🏆🔗", "Weiterlesen") == blurb_for(None, ["Sport"], "de-AT")

    def test_social_emoji_only_takes_language_cta(self) -> None:
        """A social line of only emoji keeps them and takes the language's CTA."""
        assert Blurb("🔗", "Lire la suite") == blurb_for("🔗", [], "fr")

    def test_social_cta_only_takes_topic_emoji(self) -> None:
        """A social line of only words keeps them and takes the topics' emoji."""
        assert Blurb("📝🔬🔗", "Read on") == blurb_for("Read on", ["science"], "en")

    def test_bio_replaces_cta(self) -> None:
        """Where links are not clickable the CTA says "link in bio", even with a social line."""
        assert Blurb("📝🌍🔗", "Enlace en la bio") == blurb_for("📝🌍🔗 Leer más", [], "es", bio=True)


class TestVocabulary:
    """A newsroom's topics, calls to action and utm_medium, over the built-ins (issue 20)."""

    def test_topics_and_languages_extend_the_built_ins(self) -> None:
        words = Vocabulary(emoji={"Food": "🍲"}, cta={"hi": Cta("और पढ़ें", "लिंक बायो में")})

        assert words.topic_emoji(["food"]) == "📝🍲🔗"
        assert words.topic_emoji(["sport"]) == "📝🏆🔗"  # the built-in still applies
        assert (words.cta_for("hi-IN"), words.cta_for("hi", bio=True)) == ("और पढ़ें", "लिंक बायो में")
        assert words.cta_for("de") == "Weiterlesen"

    def test_fallbacks_name_what_is_used(self) -> None:
        found = Vocabulary().fallbacks(["local", "opinion"], "hi")

        assert [(f, v) for f, v, _ in found] == [("topics", "local"), ("topics", "opinion"), ("language", "hi")]
        assert "🌍 is used" in found[0][2]
        assert "'Read More' (en) is used" in found[2][2]

    @pytest.mark.parametrize("medium", ["", "a\nb", "x" * 101])
    def test_a_medium_is_checked_like_a_campaign(self, medium: str) -> None:
        """One line, printable, at most 100 characters (``tracking.check_campaign``), naming utm-medium."""
        with pytest.raises(ConfigError) as info:
            Vocabulary(utm_medium=medium)
        assert info.value.field == "utm-medium"

    def test_no_fallback_when_one_topic_has_an_emoji_or_the_record_has_its_own_line(self) -> None:
        assert Vocabulary().fallbacks(["local", "sport"], "de") == []
        assert Vocabulary().fallbacks(["local"], "hi", social=True) == []

    def test_from_config(self) -> None:
        config = parse_config(
            {"emoji": {"food": ":stew:"}, "cta": {"hi": {"read-more": "और पढ़ें"}}, "utm-medium": "newsletter"}
        )
        words = Vocabulary.from_config(config)

        assert words.topic_emoji(["Food"]) == "📝🍲🔗"
        assert words.cta_for("hi", bio=True) == "Link in bio"  # no link-in-bio configured: the built-in (English) one
        assert words.utm_medium == "newsletter"

    def test_a_language_without_a_cta_falls_back_to_the_configured_english_one(self) -> None:
        """Not to the built-in 'Read More' when ``[cta.en]`` says otherwise (a new user's review)."""
        config = parse_config({"cta": {"en": {"read-more": "Full story", "link-in-bio": "Link in our bio"}}})
        words = Vocabulary.from_config(config)

        assert (words.cta_for("hi"), words.cta_for("hi", bio=True)) == ("Full story", "Link in our bio")
        assert words.cta_for("de") == "Weiterlesen"  # a built-in language keeps its own
        (fallback,) = words.fallbacks([], "hi")
        assert "'Full story' (en) is used" in fallback[2]
        post = compose(Article(title="हिंदी समाचार", url="https://a.example/hi", language="hi"), "x", vocabulary=words)
        assert "Full story: https://a.example/hi" in post.text
        mixed = Vocabulary.from_config(
            parse_config({"cta": {"en": {"read-more": "M", "link-in-bio": "Bio link"}, "xx": {"read-more": "R"}}})
        )
        assert mixed.cta_for("xx", bio=True) == "Bio link"

    @given(st.sampled_from(["hi", "sw", "xx-YY", "tlh"]), st.text(min_size=1, max_size=20).filter(str.strip))
    def test_any_uncovered_language_says_the_configured_english(self, language: str, words: str) -> None:
        vocabulary = Vocabulary(cta={"en": Cta(words, "Bio")})
        assert vocabulary.cta_for(language) == words
        assert vocabulary.cta_for(language, bio=True) == "Bio"

    def test_compose_uses_it(self) -> None:
        article = Article(title="Dal recipe", url="https://food.example/dal", topics=["food"], language="hi")
        words = Vocabulary(emoji={"food": "🍲"}, cta={"hi": Cta("और पढ़ें", "लिंक बायो में")}, utm_medium="newsletter")
        post = compose(article, "x", vocabulary=words)

        assert "📝🍲🔗 और पढ़ें:" in post.text
        assert "utm_medium=newsletter" in (post.link or "")
        assert "लिंक बायो में" in compose(article, "instagram", vocabulary=words).text


_LABELS = st.sampled_from(["Social Media", "Social", "social_media", "Blurb", "Réseaux sociaux", "Soziale Medien"])
_GROUPS = st.lists(st.sampled_from(["📝", "🌍", "🔗", "🎄", "✨", "🇺🇦", "👩🏽‍💻"]), min_size=1, max_size=4).map("".join)
_CTAS = st.sampled_from(["Read More", "Weiterlesen", "Lire la suite", "続きを読む", "Read more:"])


@given(_LABELS, _GROUPS, _CTAS)
def test_a_labelled_social_line_is_its_social_line(label: str, group: str, cta: str) -> None:
    """The seed article's whole line pasted into ``social`` ("Social Media: 🎄✨🔗 Read More", a new user's
    review) gives its own emoji and CTA, not the topic's emoji before "Social Media: 🎄✨🔗 Read More"."""
    assert parse_social(f"{label}: {group} {cta}") == parse_social(f"{group} {cta}") == (group, cta.rstrip(":"))


def test_a_colon_in_a_cta_without_emoji_is_kept() -> None:
    """A label is dropped only before an emoji group: a CTA with a colon and no emoji stays whole."""
    assert parse_social("Note: read more") == ("", "Note: read more")


def test_a_labelled_social_line_composes_with_one_emoji_group() -> None:
    article = Article(title="Lights on", url="https://gazette.example/l", social="Social Media: 🎄✨🔗 Read More")
    text = compose(article, "x").text

    assert "🎄✨🔗 Read More: https://gazette.example/l" in text
    assert "Social Media" not in text
    assert "📝" not in text
