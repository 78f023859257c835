"""Tests for postkit.compose: the teaser, the degradation ladder and what Post records.

Ladder tests build the exact text each step should give (the default teaser's layout)
and set a custom platform's limit to that text's own measure: compose must then return
exactly that text, since every earlier step of the ladder is longer.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit.article import Article
from postkit.errors import FitError, PostkitError
from postkit.platforms.counting import measure
from postkit.platforms.registry import Platform, get_platform
from postkit.posts import loader as templates
from postkit.posts.blurb import Vocabulary
from postkit.posts.composer import compose
from postkit.posts.post import Post
from postkit.posts.tracking import track_url
from postkit.text import ELLIPSIS, graphemes
from strategies import ALL_PLATFORMS, CLICKABLE, SEED_TITLE, SEED_URL, tiny_platform

BLURB = "📝🌍🔗 Read More"
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def teaser(
    title: str, summary: str | None = None, *, link: str, blurb: str = BLURB, hashtags: tuple[str, ...] = ()
) -> str:
    """The default teaser.txt.j2 layout, for building expected texts."""
    parts = [title, summary, f"{blurb}: {link}", " ".join(hashtags) or None]
    return "\n\n".join(p for p in parts if p)


def fitted(article: Article, expected: str, base: str = "mastodon") -> Post:
    """Compose ``article`` on a platform whose limit is exactly ``expected``'s measure."""
    platform = tiny_platform(measure(expected, get_platform(base)), base)
    return compose(article, platform)


def link_for(platform: str = "tiny", url: str = SEED_URL) -> str:
    return track_url(url, platform)


SUMMARY = (
    "Iraq and Syria reopened the Kaim border crossing on Monday. Officials expect trade, "
    "travel and family visits to rise; the crossing had been closed since 2019."
)
TAGS = ("Middle East", "Iraq", "Syria")
HASHTAGS = ("#MiddleEast", "#Iraq", "#Syria")


class TestComposeDefaults:
    """compose() with the shipped templates."""

    def test_seed_house_style(self, plain: Article) -> None:
        """The seed article on X is the DESIGN.md example: title, blank line, blurb with the link."""
        post = compose(plain, "x")

        assert f"{SEED_TITLE}\n\n📝🌍🔗 Read More: {SEED_URL}?utm_source=x&utm_medium=social" == post.text
        assert () == post.truncated
        assert post.fits

    @pytest.mark.parametrize("platform", ALL_PLATFORMS, ids=ALL_PLATFORMS)
    def test_every_platform(self, seed: Article, platform: str) -> None:
        """The seed composes on every platform; length, limit and template are recorded."""
        post = compose(seed, platform)

        assert measure(post.text, platform) == post.length
        assert get_platform(platform).limit == post.limit
        assert post.length <= post.limit
        assert post.text.startswith(SEED_TITLE)
        assert post.template is not None

    def test_summary_only_where_the_platform_has_room(self, seed: Article) -> None:
        """X and Bluesky leave the summary out; Mastodon and LinkedIn carry it."""
        assert SUMMARY not in compose(seed, "x").text
        assert SUMMARY not in compose(seed, "bluesky").text
        assert SUMMARY in compose(seed, "mastodon").text
        assert SUMMARY in compose(seed, "linkedin").text

    def test_x_puts_hashtags_on_the_blurb_line(self, seed: Article) -> None:
        """X's template shares the blurb line with (at most two) hashtags."""
        post = compose(seed, "x")

        assert post.text.endswith(f"{link_for('x')} #MiddleEast #Iraq")

    def test_template_syntax_in_records_is_literal(self) -> None:
        """``{{ 7*7 }}`` in a title or summary is printed, never evaluated."""
        article = Article(title="Maths: {{ 7*7 }}", url=SEED_URL, summary="{% if true %}yes{% endif %}")

        post = compose(article, "mastodon")

        assert post.text.startswith("Maths: {{ 7*7 }}\n\n{% if true %}yes{% endif %}\n\n")

    def test_platform_object_and_name(self, plain: Article) -> None:
        """A Platform profile works like its name; 'twitter' is X."""
        assert compose(plain, get_platform("x")).text == compose(plain, "twitter").text


class TestLadder:
    """The degradation ladder, step by step (DESIGN.md "Fitting")."""

    def article(self, summary: str = SUMMARY, title: str = SEED_TITLE) -> Article:
        return Article(title=title, url=SEED_URL, summary=summary, tags=TAGS)

    def test_nothing_cut_when_it_fits(self) -> None:
        """At exactly the full post's measure nothing is cut."""
        full = teaser(SEED_TITLE, SUMMARY, link=link_for(), hashtags=HASHTAGS)

        post = fitted(self.article(), full)

        assert full == post.text
        assert () == post.truncated
        assert HASHTAGS == post.hashtags

    def test_hashtags_drop_from_the_end_first(self) -> None:
        """The last hashtag goes first; the summary stays whole."""
        expected = teaser(SEED_TITLE, SUMMARY, link=link_for(), hashtags=HASHTAGS[:2])

        post = fitted(self.article(), expected)

        assert expected == post.text
        assert ("hashtags",) == post.truncated
        assert HASHTAGS[:2] == post.hashtags

    def test_summary_cut_at_sentence(self) -> None:
        """With every hashtag gone, the summary is cut after a sentence (its full stop kept, no "…")."""
        expected = teaser(SEED_TITLE, SUMMARY.split(" Officials", maxsplit=1)[0], link=link_for())

        post = fitted(self.article(), expected)

        assert expected == post.text
        assert ("hashtags", "summary") == post.truncated
        assert () == post.hashtags

    def test_summary_cut_at_clause(self) -> None:
        """Where no sentence fits, the summary is cut at a clause with "…", the comma dropped."""
        summary = "Officials expect trade, travel and family visits to rise; the crossing had been closed. More."
        expected = teaser(SEED_TITLE, "Officials expect trade, travel and family visits to rise…", link=link_for())

        post = fitted(self.article(summary), expected)

        assert expected == post.text
        assert ("hashtags", "summary") == post.truncated

    def test_summary_cut_at_word(self) -> None:
        """Where no clause fits, the summary is cut at a word with "…"."""
        summary = "Officials expect trade and travel and family visits to rise soon after the reopening"
        expected = teaser(SEED_TITLE, "Officials expect trade and travel…", link=link_for())

        post = fitted(self.article(summary), expected)

        assert expected == post.text
        assert ("hashtags", "summary") == post.truncated

    def test_summary_dropped(self) -> None:
        """Where no cut of the summary fits, it is dropped."""
        expected = teaser(SEED_TITLE, link=link_for())

        post = fitted(self.article(), expected)

        assert expected == post.text
        assert ("hashtags", "summary dropped") == post.truncated

    def test_title_cut_at_word(self) -> None:
        """Then the title is cut at a word boundary with "…", no colon left dangling."""
        expected = teaser("Iraq and Syria Cross Borders…", link=link_for())

        post = fitted(self.article(), expected)

        assert expected == post.text
        assert ("hashtags", "summary dropped", "title") == post.truncated

    @pytest.mark.parametrize(
        ("title", "cut"),
        [
            ("Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung", "Donaudampf…"),
            ("中华人民共和国国务院总理今天在北京会见了来访的外国代表团", "中华人民共和国…"),
            ("👨\u200d👩\u200d👧\u200d👦" * 30, "👨\u200d👩\u200d👧\u200d👦" * 4 + ELLIPSIS),
            ("🇮🇶🇸🇾" * 20, "🇮🇶🇸🇾🇮🇶" + ELLIPSIS),
        ],
        ids=["one-huge-word", "cjk-without-spaces", "zwj-sequences", "flags"],
    )
    def test_title_cut_at_grapheme_without_word_boundary(self, title: str, cut: str) -> None:
        """No word boundary: the title is cut between grapheme clusters."""
        article = Article(title=title, url=SEED_URL)
        expected = teaser(cut, link=link_for())

        post = fitted(article, expected)

        assert expected == post.text
        assert ("title",) == post.truncated

    @pytest.mark.parametrize(
        ("before", "token"),
        [
            ("Family", "👨\u200d👩\u200d👧\u200d👦"),
            ("Vote", "👍🏽"),
            ("Talks", "🇮🇶🇸🇾"),
            ("England", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"),
            ("Key", "#\ufe0f\u20e3"),
            ("Run", "🏃\u200d♀\ufe0f"),
            ("Sun", "☀\ufe0f"),
        ],
        ids=["zwj-family", "skin-tone", "flags", "tag-sequence", "keycap", "zwj-vs16", "vs16"],
    )
    def test_emoji_before_the_cut_stays_whole(self, before: str, token: str) -> None:
        """A word cut right after an emoji sequence keeps the whole sequence (was: last code point torn off)."""
        article = Article(title=f"{before} {token} and more words after it", url=SEED_URL)
        expected = teaser(f"{before} {token}…", link=link_for())

        post = fitted(article, expected)

        assert expected == post.text

    @pytest.mark.parametrize(
        ("title", "token"),
        [
            (
                "Read https://example.org/some/long/path/to/the/story today please",
                "https://example.org/some/long/path/to/the/story",
            ),
            ("Join #MiddleEastPeaceTalksLiveCoverage today please now", "#MiddleEastPeaceTalksLiveCoverage"),
            ("Ask @correspondent@mastodon.social today please now", "@correspondent@mastodon.social"),
        ],
        ids=["url", "hashtag", "mention"],
    )
    def test_never_inside_url_hashtag_mention(self, title: str, token: str) -> None:
        """At every limit, the title holds all of a URL, hashtag or mention, or none of it."""
        article = Article(title=title, url=SEED_URL)
        seen = set()
        for limit in range(40, 200, 3):
            try:
                post = compose(article, tiny_platform(limit))
            except FitError:
                continue
            head = post.text.split("\n")[0].removesuffix(ELLIPSIS)
            start = title.index(token)
            seen.add(head)
            assert len(head) <= start or len(head) >= start + len(token), head
        assert len(seen) > 2

    @pytest.mark.parametrize("limit", range(60, 140, 7), ids=[f"limit-{n}" for n in range(60, 140, 7)])
    def test_no_dangling_space_or_punctuation(self, limit: int) -> None:
        """Nothing but a word, a closer or an emoji stands before "…"."""
        article = Article(
            title="Hello, world; this is: a test (with parens), “quotes” — dashes… and more",
            url=SEED_URL,
            summary="One, two; three: four — five, six seven eight nine ten.",
        )
        try:
            post = compose(article, tiny_platform(limit))
        except FitError:
            return

        for line in post.text.split("\n"):
            if line.endswith(ELLIPSIS) and len(line) > 1:
                assert line[-2] not in " ,;:—–-(“", line

    def test_rendered_hashtags_are_recorded(self) -> None:
        """Post.hashtags lists the hashtags the text carries."""
        post = compose(self.article(), "bluesky")

        assert HASHTAGS == post.hashtags
        assert all(tag in post.text for tag in post.hashtags)

    def test_truncated_names_only_what_was_visible(self) -> None:
        """A template without hashtags: shortening the title does not claim hashtags were dropped."""
        article = self.article()

        post = compose(article, tiny_platform(120), template="{{ title }} {{ link }}")

        assert ("title",) == post.truncated


class TestFitError:
    """A platform too small for one title grapheme, "…", the CTA and the link."""

    def test_is_a_postkit_error_stating_the_minimum(self, plain: Article, tiny: Platform) -> None:
        """FitError (a PostkitError) says what the minimum is, in the platform's unit."""
        minimum = measure(teaser("I…", link=link_for()), tiny)

        with pytest.raises(FitError) as info:
            compose(plain, tiny)

        assert isinstance(info.value, PostkitError)
        assert f"{minimum} > 30" in str(info.value)
        assert "tiny" in str(info.value)
        assert "\n" not in str(info.value)

    def test_one_below_the_minimum(self, plain: Article) -> None:
        """At the minimum the post is one grapheme and "…"; one below, FitError."""
        minimum = measure(teaser("I…", link=link_for()), get_platform("mastodon"))

        post = compose(plain, tiny_platform(minimum))
        with pytest.raises(FitError):
            compose(plain, tiny_platform(minimum - 1))

        assert teaser("I…", link=link_for()) == post.text

    def test_renders_logarithmically_many_times(self, monkeypatch: pytest.MonkeyPatch, tiny: Platform) -> None:
        """A long title on a too-small platform is rejected after O(log n) renders, not O(n)."""
        calls = []
        real = templates.render

        def counting(template: jinja2.Template, context: Mapping[str, Any]) -> str:
            calls.append(1)
            return real(template, context)

        monkeypatch.setattr("postkit.posts.fit.render", counting)
        article = Article(title="word " * 2000, url=SEED_URL)

        with pytest.raises(FitError):
            compose(article, tiny)

        assert len(calls) <= 100


class TestBlurb:
    """The blurb line: emoji, call to action, link."""

    def test_social_line_followed_exactly(self) -> None:
        """A record's own social line gives the emoji and the CTA, whatever its topics."""
        article = Article(title="Final", url=SEED_URL, social="🏃\u200d♀\ufe0f🏅 Full results", topics=("science",))

        post = compose(article, "mastodon")

        assert f"🏃\u200d♀\ufe0f🏅 Full results: {link_for('mastodon')}" in post.text
        assert ("🏃\u200d♀\ufe0f🏅", "Full results") == (post.emoji, post.cta)

    def test_topic_emoji(self) -> None:
        """Without a social line, the first known topic picks the middle emoji."""
        article = Article(title="Final", url=SEED_URL, topics=("unknown", "Sport"))

        assert f"📝🏆🔗 Read More: {link_for('mastodon')}" in compose(article, "mastodon").text

    @pytest.mark.parametrize(
        ("language", "cta"),
        [
            ("de", "Weiterlesen"),
            ("pt-BR", "Leia mais"),
            ("xx", "Read More"),
            ("ja", "続きを読む"),
            ("en-GB", "Read More"),
        ],
        ids=["de", "pt-BR-to-pt", "unknown-to-en", "ja", "en-GB"],
    )
    def test_cta_by_language(self, language: str, cta: str) -> None:
        """The CTA follows the article's language, falling back to the primary tag, then English."""
        article = Article(title="Titel", url=SEED_URL, language=language)

        post = compose(article, "mastodon")

        assert f"📝🌍🔗 {cta}: " in post.text
        assert cta == post.cta

    def test_arabic_stays_clean(self) -> None:
        """Right-to-left text passes unchanged, with no bidi marks added anywhere."""
        title = "افتتاح معبر القائم بين العراق وسوريا"
        article = Article(title=title, url=SEED_URL, language="ar", tags=("العراق", "سوريا"))

        post = compose(article, "mastodon")

        assert post.text.startswith(title + "\n\n📝🌍🔗 اقرأ المزيد: https://")
        assert post.text.endswith("#العراق #سوريا")
        assert [] == [c for c in post.text if c in BIDI_MARKS]


class TestHashtags:
    """Hashtags from tags, shaped and capped per platform."""

    TAGS = ("Middle East", "Ελλάδα", "COVID-19", "2025", "Nahost-Konflikt", "a b c", "İstanbul")

    @pytest.mark.parametrize(
        ("platform", "expected"),
        [
            ("x", ("#MiddleEast", "#Ελλάδα")),
            ("bluesky", ("#MiddleEast", "#Ελλάδα", "#COVID19")),
            ("threads", ("#MiddleEast",)),
            ("instagram", ("#MiddleEast", "#Ελλάδα", "#COVID19", "#NahostKonflikt", "#ABC")),
            ("telegram", ("#MiddleEast", "#Ελλάδα", "#COVID19", "#NahostKonflikt", "#ABC", "#İstanbul")),
        ],
        ids=["x-2", "bluesky-3", "threads-1", "instagram-5", "telegram-all"],
    )
    def test_shaped_and_capped(self, platform: str, expected: tuple[str, ...]) -> None:
        """CamelCase, Unicode letters kept, no letter no tag, capped by the platform's advice."""
        article = Article(title="Title", url=SEED_URL, tags=self.TAGS)

        post = compose(article, platform)

        assert expected == post.hashtags
        assert " ".join(expected) in post.text

    def test_deduplicated(self) -> None:
        """Tags that make the same hashtag (any case or spacing) appear once."""
        article = Article(title="Title", url=SEED_URL, tags=("Middle East", "MiddleEast", "middle-east"))

        assert ("#MiddleEast",) == compose(article, "mastodon").hashtags


class TestLink:
    """The tracked link."""

    def test_utm_replaces_same_names_keeps_the_rest(self) -> None:
        """utm_source/utm_medium replace the record's; other parameters and the fragment stay."""
        article = Article(title="T", url="https://news.example/a?id=7&utm_source=rss&b=%7E+x#top")

        post = compose(article, "mastodon", campaign="spring")

        expected = "https://news.example/a?id=7&b=%7E+x&utm_source=mastodon&utm_medium=social&utm_campaign=spring#top"
        assert expected == post.link
        assert f"Read More: {expected}" in post.text

    @pytest.mark.parametrize("platform", CLICKABLE, ids=CLICKABLE)
    def test_link_in_text(self, plain: Article, platform: str) -> None:
        """Every clickable platform carries the full tracked link in Post.text."""
        post = compose(plain, platform)

        assert link_for(platform) == post.link
        assert post.link in post.text

    def test_instagram_link_in_bio(self, seed: Article) -> None:
        """Instagram gets "link in bio" (in the article's language) and no URL in the text; the Post keeps the
        tracked link (utm_source=instagram) for the bio or a link sticker."""
        post = compose(seed, "instagram", campaign="spring")
        german = compose(Article(title="T", url=SEED_URL, language="de"), "instagram")

        assert f"{SEED_URL}?utm_source=instagram&utm_medium=social&utm_campaign=spring" == post.link
        assert "http" not in post.text
        assert "📝🌍🔗 Link in bio" in post.text
        assert "📝🌍🔗 Link in der Bio" in german.text

    @settings(max_examples=50, deadline=None)
    @given(
        campaign=st.one_of(st.none(), st.sampled_from(["spring", "a b", "é"])),
        medium=st.sampled_from(["social", "newsletter", "e mail"]),
        platform=st.sampled_from([p for p in CLICKABLE if get_platform(p).limit >= 500]),  # room for three links
    )
    def test_tracked_filter_as_link_has_it(self, campaign: str | None, medium: str, platform: str) -> None:
        """A new user's review: ``{{ url | tracked(p) }}`` ignored the configured utm-medium and utm-campaign.

        Oracle: ``{{ link }}`` of the same post, which was always tracked with them.
        """
        words = attrs.evolve(Vocabulary(), utm_medium=medium)
        template = "{{ title }}\n{{ url | tracked(platform) }}\n{{ tracked(url, platform) }}\n{{ link }}"
        post = compose(
            Article(title="T", url=SEED_URL), platform, template=template, campaign=campaign, vocabulary=words
        )
        filtered, called, link = post.text.splitlines()[1:]

        assert link == filtered == called == track_url(SEED_URL, platform, campaign, medium)

    def test_a_campaign_in_the_template_wins(self) -> None:
        template = "{{ title }} {{ url | tracked('x', 'own') }}"
        post = compose(Article(title="T", url=SEED_URL), "mastodon", template=template, campaign="spring")
        assert post.text.endswith(f"{SEED_URL}?utm_source=x&utm_medium=social&utm_campaign=own")


class TestHtmlCleaning:
    """HTML tags and entities in records."""

    def test_title_and_summary_cleaned(self) -> None:
        """Tags go and entities decode before the post is built."""
        article = Article(
            title="Rotterdam&#8217;s <em>new</em> terminal &amp; port",
            url=SEED_URL,
            summary="<p>The port&#8217;s terminal opens.</p><p>Lines move in.</p>",
        )

        post = compose(article, "mastodon")

        assert post.text.startswith("Rotterdam’s new terminal & port\n\nThe port’s terminal opens. Lines move in.\n\n")

    def test_title_of_only_markup(self) -> None:
        """A title that is only markup is an error, never raw HTML in a post."""
        article = Article(title="<b></b>", url=SEED_URL)

        try:
            post = compose(article, "mastodon")
        except PostkitError:
            return
        assert "<b>" not in post.text


class TestTemplates:
    """compose() with user templates."""

    def test_user_teaser_applies_to_every_platform(self, plain: Article, user_templates: Path) -> None:
        """A user teaser.txt.j2 shadows every default, X's and Instagram's overrides included."""
        (user_templates / "teaser.txt.j2").write_text("MINE {{ platform }}: {{ title }} {{ link }}", "utf-8")

        for platform in ("x", "instagram", "mastodon"):
            post = compose(plain, platform, templates=user_templates)

            assert post.text.startswith(f"MINE {platform}: {SEED_TITLE}")
            assert "teaser.txt.j2" == post.template

    def test_user_platform_override(self, plain: Article, user_templates: Path) -> None:
        """A user <platform>.txt.j2 applies to that platform only."""
        (user_templates / "teaser.txt.j2").write_text("TEASER {{ title }}", "utf-8")
        (user_templates / "x.txt.j2").write_text("X ONLY {{ title }}", "utf-8")

        assert compose(plain, "x", templates=user_templates).text.startswith("X ONLY")
        assert compose(plain, "bluesky", templates=user_templates).text.startswith("TEASER")

    def test_template_file_path(self, plain: Article, tmp_path: Path) -> None:
        """A template given as a path is read from that file."""
        path = tmp_path / "mine.txt.j2"
        path.write_text("{{ title | upper }}", "utf-8")

        assert SEED_TITLE.upper() == compose(plain, "mastodon", template=path).text

    def test_template_sees_parts(self, seed: Article) -> None:
        """A template receives the article's fields and the composed parts."""
        source = "{{ platform }}|{{ limit }}|{{ unit }}|{{ emoji }}|{{ cta }}|{{ hashtags|join(',') }}|{{ language }}"

        post = compose(seed, "bluesky", template=source)

        assert "bluesky|300|graphemes|📝🌍🔗|Read More|#MiddleEast,#Iraq,#Syria|en" == post.text


class TestPostGraphemes:
    """Post text keeps the source's clusters (a spot check of guarantee 2; see test_properties)."""

    def test_cut_title_is_cluster_prefix(self) -> None:
        """A cut title is whole clusters from the source's start."""
        title = "e\u0301\u0302 " * 40
        article = Article(title=title, url=SEED_URL)

        post = compose(article, tiny_platform(130))
        head = graphemes(post.text.split("\n")[0].removesuffix(ELLIPSIS))

        assert head == graphemes(article.title)[: len(head)]


def test_linkedin_keeps_the_link_above_the_fold() -> None:
    """A title long enough to push the link below LinkedIn's ~210-character fold is cut at a word (no LEN002)."""
    from postkit import check  # noqa: PLC0415

    long_title = "Independent review panel publishes its final report " * 6
    post = compose(Article(title=long_title, url="https://news.example/world/report"), "linkedin")

    assert post.text.find(post.link or "") < 210
    assert "title" in post.truncated
    assert post.text.split("\n", 1)[0].endswith("…")
    assert [] == [v for v in check(post) if v.code == "LEN002" and "link" in v.message]


def test_a_short_title_is_left_alone_on_linkedin() -> None:
    post = compose(Article(title="Kaim crossing reopens", url="https://news.example/a"), "linkedin")
    assert post.truncated == ()
