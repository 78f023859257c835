"""Nothing self-inflicted: what postkit adds to a clean article never raises a finding.

For any article whose own text (title, summary) gets no finding, the post ``compose`` makes for
it on every platform, and every post of the thread ``compose_thread`` makes, gets none either:
not for the house blurb (📝🌍🔗), the call to action, the hashtags or the thread numbers.
"""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.strategies import LANGUAGES, emoji_sequences

from postkit import Article, Config, RuleSet, Vocabulary, builtin_platforms, check, compose
from postkit.errors import PostkitError
from postkit.posts.thread import compose_thread

RULES = RuleSet()
#: What the article's own wording is checked with: the rules about wording (a bare text has no link or blurb).
WORDING = RuleSet(select=("CAP", "PUN", "EMO", "HYP", "CAS", "CLK", "UNI", "HTM"))
PLATFORMS = tuple(builtin_platforms())

_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzäöüéKLMNOP"), min_size=1, max_size=10)
# "..." and "...." too: an ellipsis typed as dots, before which composing may cut a summary and add its "…".
_mark = st.sampled_from(["", "", "", ",", ".", ":", "!", "?", "…", "...", "....", " —"])
_token = st.one_of(_word, _word, _word, st.tuples(_word, _mark).map("".join), emoji_sequences, st.just("🎉"))


@st.composite
def _text(draw: st.DrawFn, max_words: int) -> str:
    return " ".join(draw(st.lists(_token, min_size=1, max_size=max_words)))


@st.composite
def clean_articles(draw: st.DrawFn) -> Article:
    """An article whose own title and summary, checked as a post, get no finding."""
    title = draw(_text(12))
    summary = draw(st.one_of(st.none(), _text(40)))
    article = Article(
        title=title,
        url="https://news.example/a/" + draw(st.text(st.sampled_from("abc123-"), min_size=1, max_size=12)),
        summary=summary,
        social=draw(st.sampled_from([None, None, "📝🌍🔗 Read More", "🔗 Weiterlesen", "Read on"])),
        tags=tuple(
            draw(st.lists(st.sampled_from(["Kaim", "Iraq", "trade", "border crossing", "COVID-19"]), max_size=6))
        ),
        topics=tuple(draw(st.lists(st.sampled_from(["world", "Sport", "science", "tech"]), max_size=2))),
        language=draw(st.sampled_from(LANGUAGES)),
    )
    own = title if summary is None else f"{title}\n\n{summary}"
    assume(not any(check(own, p, rules=WORDING) for p in ("x", "mastodon")))
    return article


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(clean_articles())
def test_composing_a_clean_article_adds_no_finding(article):
    for platform in PLATFORMS:
        try:
            post = compose(article, platform)
        except PostkitError:
            continue
        assert [] == [(v.code, v.message) for v in check(post, rules=RULES)], (platform, post.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(clean_articles(), st.integers(1, 4), st.sampled_from(["first", "last"]))
def test_threads_of_a_clean_text_add_no_finding(article, sentences, link_in):
    """Every post of a thread, replies included: the thread carries its link and call to action once, by design."""
    sentence = article.title.rstrip(" —") + "."
    # Long enough for two to a dozen posts on every platform (500 characters on Mastodon and Threads).
    text = " ".join([sentence] * (sentences * (-(-600 // len(sentence)))))
    assume(not check(text, "x", rules=WORDING))
    for platform in ("x", "bluesky", "mastodon", "threads"):
        try:
            thread = compose_thread(article, platform, text=text, link_in=link_in)
        except PostkitError:
            continue
        for post in thread.posts:
            assert [] == [(v.code, v.message) for v in check(post, rules=RULES)], (platform, link_in, post.text)


def test_one_emoji_and_the_house_blurb_is_not_too_many():
    """The issue's case: a title with one emoji plus the blurb's 📝🌍🔗 is within the news tone's 3."""
    post = compose(Article(title="Kaim crossing reopens 🎉", url="https://news.example/a"), "x")

    assert "📝🌍🔗" in post.text
    assert [] == check(post)


def test_the_articles_own_emoji_count_and_the_message_names_them():
    post = compose(Article(title="Kaim 🎉🚚🛂🌉 reopens", url="https://news.example/a"), "x")

    [found] = check(post, select=["EMO001"])
    assert "4 emoji" in found.message
    assert "🌉" in found.message
    assert "🔗" not in found.message


_phrase = st.lists(_word, min_size=1, max_size=4).map(" ".join)


@st.composite
def vocabularies(draw: st.DrawFn) -> Config:
    """A configuration with a newsroom's own words: calls to action (with or without "link in bio") and emoji."""
    languages = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))
    cta = {lang.lower(): (draw(_phrase), draw(st.one_of(st.none(), _phrase))) for lang in languages}
    topics = ("world", "sport", "science", "tech")
    emoji = {topic: draw(emoji_sequences) for topic in draw(st.lists(st.sampled_from(topics), max_size=4, unique=True))}
    return Config(cta=cta, emoji=emoji)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(clean_articles(), vocabularies())
def test_a_configured_vocabulary_adds_no_finding(article, config):
    """A newsroom's own CTAs and emoji ([cta], [emoji]) are postkit's own words too: compose writes them,
    and neither the Post it makes nor its text linted alone (``postkit lint``, ``check`` of plain text)
    is flagged for them."""
    words = Vocabulary.from_config(config)
    assume(not any(check(read_more, "x", rules=WORDING) for read_more, _ in config.cta.values()))
    assume(not any(check(bio, "x", rules=WORDING) for _, bio in config.cta.values() if bio))
    rules = RuleSet.from_config(config)
    structure = RuleSet.from_config(attrs.evolve(config, select=("STR",)))
    for platform in PLATFORMS:
        try:
            post = compose(article, platform, vocabulary=words)
        except PostkitError:
            continue
        assert [] == [(v.code, v.message) for v in rules.check(post)], (platform, post.text)
        assert [] == [(v.code, v.message) for v in structure.check(post.text, platform)], (platform, post.text)


def test_a_configured_link_in_bio_is_a_pointer_and_a_call_to_action():
    """The new user's case: ``[cta.en] link-in-bio = "Link in our bio"`` on Instagram."""
    config = Config(cta={"en": ("Full story", "Link in our bio")})
    post = compose(
        Article(title="Kaim crossing reopens", url="https://news.example/a"),
        "instagram",
        vocabulary=Vocabulary.from_config(config),
    )
    text = "Kaim crossing reopens 📝🌍🔗 Link in our bio #x"

    assert "Link in our bio" in post.text
    assert [] == RuleSet.from_config(config).check(post)
    assert [] == RuleSet.from_config(config).check(text, "instagram")
    assert {"STR001", "STR002"} <= {v.code for v in RuleSet().check(text, "instagram")}
