"""Tests for the engine in postkit.rules: check(), RuleSet, selection and settings (the seed: test_seed.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postkit import Article, RuleSet, Severity, check
from postkit.config import Config, RuleSettings
from postkit.errors import ConfigError
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.rules.base import Context
from postkit.rules.registry import RULES
from postkit.rules.selection import is_selected
from strategies import ALL_PLATFORMS, titles


class TestComposedPosts:
    @pytest.mark.parametrize("platform", ALL_PLATFORMS, ids=ALL_PLATFORMS)
    def test_composed_seed_posts_have_no_errors(self, seed, platform):
        """compose() output for the seed article has no error-level findings on any platform."""
        post = compose(seed, platform)

        assert [] == [v for v in check(post) if v.severity is Severity.ERROR]


class TestCheck:
    def test_text_needs_a_platform(self):
        """Plain text cannot be checked without a platform (its limits and link rules differ)."""
        with pytest.raises(TypeError, match="needs a platform"):
            check("Kaim reopens")

    def test_post_uses_its_own_platform(self, seed):
        """A Post is checked on its own platform unless told otherwise."""
        post = compose(seed, "instagram")

        assert [] == [v for v in check(post) if v.code == "STR001"]
        assert ["STR001"] == [v.code for v in check(post, "x") if v.code == "STR001"]

    def test_duck_typed_post(self):
        """Anything with a Post's attributes can be checked."""
        post = SimpleNamespace(
            text="Kaim reopens, folks. Read More: https://news.example/a",
            platform=get_platform("x"),
            link="https://news.example/a",
            hashtags=(),
            cta="Read More",
            measurements=(),
        )

        assert ["CAS001"] == [v.code for v in check(post)]

    def test_violations_in_text_order(self):
        """Violations come ordered by position, then code."""
        found = check("folks!! BREAKING shocking", "x", select=["CAS", "PUN", "CAP", "HYP"])

        assert ["CAS001", "PUN002", "CAP001", "HYP001"] == [v.code for v in found]
        assert sorted(v.start for v in found) == [v.start for v in found]

    def test_select_and_ignore(self):
        """``select`` and ``ignore`` take codes and prefixes."""
        text = "folks!! BREAKING"

        assert ["PUN002"] == [v.code for v in check(text, "x", select=["PUN"])]
        assert ["CAS001"] == [v.code for v in check(text, "x", select=["CAS", "PUN"], ignore=["PUN"])]

    def test_unknown_profile(self):
        """An unknown tone is a configuration error with a suggestion."""
        with pytest.raises(ConfigError, match="did you mean 'casual'"):
            check("Kaim", "x", tone="casul")

    @settings(max_examples=60)
    @given(titles(), st.sampled_from(ALL_PLATFORMS))
    def test_never_raises_and_spans_are_in_the_text(self, text, platform):
        """Any text checks without error, and every span lies inside it."""
        for v in check(text, platform):
            assert 0 <= v.start <= v.end <= len(text)
            assert v.code in RULES
            assert "\n" not in v.message


class TestIsSelected:
    @pytest.mark.parametrize(
        ("code", "select", "ignore", "expected"),
        [
            ("CLK001", None, (), True),
            ("CLK001", ["ALL"], ["CLK"], False),
            ("CLK001", ["CLK001"], ["CLK"], True),
            ("CLK002", ["CLK"], ["CLK002"], False),
            ("CLK001", ["CLK"], ["CLK"], False),
            ("CLK001", ["PUN"], (), False),
        ],
        ids=["default-all", "prefix-ignored", "code-beats-prefix", "ignored-code", "tie-ignore-wins", "not-selected"],
    )
    def test_most_specific_wins(self, code, select, ignore, expected):
        """As in ruff: the most specific entry wins, and ``ignore`` wins a tie."""
        assert expected == is_selected(code, select, ignore)


class TestRuleSet:
    @pytest.mark.parametrize(
        ("kwargs", "field", "message"),
        [
            ({"select": ["CKL001"]}, "select", "did you mean 'CLK001'"),
            ({"ignore": ["PUM"]}, "ignore", "did you mean 'PUN'"),
            ({"options": {"EMO001": {"maxx": 2}}}, "per-rule.EMO001.maxx", "did you mean 'max'"),
            ({"options": {"EMO001": {"max": -1}}}, "per-rule.EMO001.max", "at least 0"),
            ({"options": {"CAP001": {"acronyms": "NATO"}}}, "per-rule.CAP001.acronyms", "list of strings"),
            ({"options": {"EMO009": {"max": 2}}}, "per-rule.EMO009", "did you mean 'EMO001'"),
            ({"severities": {"EMO001": "fatal"}}, "per-rule.EMO001.severity", "error, warning, info"),
            ({"tone": "newz"}, "tone", "did you mean 'news'"),
        ],
        ids=[
            "select-code",
            "ignore-prefix",
            "option-name",
            "option-value",
            "option-type",
            "per-rule-code",
            "severity",
            "tone",
        ],
    )
    def test_bad_settings_name_the_key(self, kwargs, field, message):
        """A bad setting is a ConfigError naming its key, with a suggestion where one is close."""
        with pytest.raises(ConfigError, match=message) as info:
            RuleSet(**kwargs)

        assert field == info.value.field

    def test_options_checked_for_rules_not_run(self):
        """A bad option is an error even when its rule is not selected."""
        with pytest.raises(ConfigError):
            RuleSet(select=("CLK",), options={"EMO001": {"max": "three"}})

    def test_severity_override(self):
        """``severities`` changes a rule's severity."""
        [violation] = RuleSet(select=("CAS001",), severities={"CAS001": "error"}).check("Hi folks", "x")

        assert Severity.ERROR is violation.severity

    def test_codes(self):
        """``codes()`` lists what runs on text: no TPL rules; the casual profile drops CAS001."""
        assert "CAS001" in RuleSet().codes()
        assert "CAS001" not in RuleSet(tone="casual").codes()
        assert ("PUN001", "PUN002") == RuleSet(select=("PUN",)).codes()

    def test_from_config(self):
        """A Config's tone, selection, per-rule settings and acronyms are applied."""
        config = Config(
            tone="news",
            select=("CAP", "EMO"),
            per_rule={"EMO001": RuleSettings(Severity.ERROR, {"max": 1})},
            acronyms=("SADC",),
        )
        rules = RuleSet.from_config(config)

        assert [("EMO001", Severity.ERROR)] == [(v.code, v.severity) for v in rules.check("SADC 📝🌍", "x")]

    def test_from_settings_names_the_file(self):
        """Errors from settings name the file and the dotted key."""
        with pytest.raises(ConfigError) as info:
            RuleSet.from_settings(per_rule={"PUN001": {"max": 1.5}}, path="pyproject.toml", prefix="tool.postkit.")

        assert "pyproject.toml, field 'tool.postkit.per-rule.PUN001.max'" in str(info.value)

    def test_from_settings_accepts_good_settings(self):
        """Good settings build a RuleSet without complaint."""
        assert isinstance(
            RuleSet.from_settings(
                select=["ALL"], ignore=["HYP"], per_rule={"EMO001": {"severity": "info", "max": 4}}, acronyms=["SADC"]
            ),
            RuleSet,
        )


class TestTheQuotedSummary:
    """A composed post quotes its article's summary; the Context knows where (``in_excerpt``)."""

    SUMMARY = "Trucks queued for a week. Officials said trade would resume."

    def _context(self, post):
        return Context(post.text, post.platform, summary=post.rendering.context["summary"])

    @pytest.mark.parametrize("platform", ["mastodon", "linkedin", "facebook", "instagram"])
    def test_the_summary_is_where_the_template_printed_it(self, platform):
        """Below the title (and on LinkedIn below the blurb line too): only the summary's offsets are in it."""
        article = Article(title="Kaim crossing reopens", url="https://news.example/a", summary=self.SUMMARY)
        post = compose(article, platform)
        ctx = self._context(post)
        start = post.text.index(self.SUMMARY)

        assert list(range(start, start + len(self.SUMMARY))) == [i for i in range(len(post.text)) if ctx.in_excerpt(i)]

    def test_a_summary_that_repeats_the_title_is_the_second_copy(self):
        """Feeds often repeat the title as the description: the headline is still the headline."""
        title = "Kaim crossing reopens"
        post = compose(Article(title=title, url="https://news.example/a", summary=title), "mastodon")
        ctx = self._context(post)

        assert not ctx.in_excerpt(0)
        assert ctx.in_excerpt(post.text.index("Kaim", 1))

    def test_a_cut_summary_is_known_as_cut(self):
        """The summary as the fitting ladder left it (cut with "…") is what the post quotes."""
        long = " ".join([self.SUMMARY] * 20)
        post = compose(Article(title="Kaim crossing reopens", url="https://news.example/a", summary=long), "mastodon")
        printed = post.rendering.context["summary"]

        assert "summary" in post.truncated
        assert self._context(post).in_excerpt(post.text.index(printed) + len(printed) - 1)

    def test_plain_text_quotes_nothing(self):
        """A text checked as it is: nothing in it is known to be the article's."""
        ctx = Context(f"Kaim crossing reopens\n\n{self.SUMMARY}", get_platform("x"))

        assert not any(ctx.in_excerpt(i) for i in range(len(ctx.text)))

    def test_a_summary_not_in_the_text_quotes_nothing(self):
        """A template that prints the summary changed (``| upper``) quotes no text as it is."""
        ctx = Context("KAIM CROSSING REOPENS", get_platform("x"), summary="Kaim crossing reopens")

        assert not any(ctx.in_excerpt(i) for i in range(len(ctx.text)))
