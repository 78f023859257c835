"""Tests for postkit.templates: the sandbox, template resolution, errors and filters.

The attack catalogue (guarantee 6) lives in tests/test_properties.py::TestSandbox; here
are the budgets, the error codes and the filters one by one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from postkit.errors import TemplateError
from postkit.posts import loader as templates
from postkit.posts.filters import hashtag, hashtags_from_tags, shorten, tracked
from postkit.posts.loader import DEFAULT_TEMPLATES, TemplateSet, render, template_set, undeclared
from postkit.posts.sandbox import MAX_OUTPUT, MAX_SIZE

CONTEXT: dict[str, Any] = {
    "title": "Kaim crossing reopens",
    "summary": None,
    "url": "https://news.example/a",
    "tags": ["Iraq"],
    "topics": [],
    "language": "en",
    "link": "https://news.example/a?utm_source=x",
    "emoji": "📝🌍🔗",
    "cta": "Read More",
    "hashtags": ["#Iraq"],
    "platform": "x",
    "limit": 280,
    "unit": "weighted characters",
}


def render_source(source: str, **context: Any) -> str:
    """Compile inline source with the sandbox and render it with the budgets."""
    return render(TemplateSet().from_source(source), {**CONTEXT, **context})


def error_of(source: str, **context: Any) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        render_source(source, **context)
    return info.value


class TestTemplateSet:
    """Tests for TemplateSet and template_set."""

    def test_defaults(self) -> None:
        """Without a folder: the default per-platform template, else the default teaser."""
        tset = TemplateSet()

        assert "x.txt.j2" == tset.for_platform("x").name
        assert "instagram.txt.j2" == tset.for_platform("instagram").name
        assert "teaser.txt.j2" == tset.for_platform("mastodon").name
        assert str(DEFAULT_TEMPLATES / "x.txt.j2") == tset.for_platform("x").filename

    def test_user_teaser_shadows_all_defaults(self, user_templates: Path) -> None:
        """A user teaser.txt.j2 wins over the default X and Instagram templates."""
        (user_templates / "teaser.txt.j2").write_text("{{ title }}", "utf-8")
        tset = TemplateSet(user_templates)

        for platform in ("x", "instagram", "bluesky"):
            assert str(user_templates / "teaser.txt.j2") == tset.for_platform(platform).filename

    def test_user_platform_only(self, user_templates: Path) -> None:
        """A user folder with only bluesky.txt.j2: Bluesky uses it, the rest use the defaults."""
        (user_templates / "bluesky.txt.j2").write_text("{{ title }}", "utf-8")
        tset = TemplateSet(user_templates)

        assert str(user_templates / "bluesky.txt.j2") == tset.for_platform("bluesky").filename
        assert str(DEFAULT_TEMPLATES / "x.txt.j2") == tset.for_platform("x").filename
        assert str(DEFAULT_TEMPLATES / "teaser.txt.j2") == tset.for_platform("mastodon").filename

    def test_missing_folder(self, tmp_path: Path) -> None:
        """A folder that does not exist is a TemplateError naming it."""
        with pytest.raises(TemplateError) as info:
            TemplateSet(tmp_path / "nope")

        assert str(tmp_path / "nope") == info.value.path

    def test_names(self, user_templates: Path) -> None:
        """names() lists the folder's templates, or the defaults without a folder."""
        (user_templates / "teaser.txt.j2").write_text("x", "utf-8")
        (user_templates / "notes.md").write_text("x", "utf-8")

        assert ["teaser.txt.j2"] == TemplateSet(user_templates).names()
        assert {"teaser.txt.j2", "x.txt.j2", "instagram.txt.j2"} <= set(TemplateSet().names())

    def test_cached_per_folder(self, user_templates: Path) -> None:
        """template_set returns one TemplateSet per folder."""
        assert template_set(str(user_templates)) is template_set(str(user_templates))


class TestErrors:
    """TPL001/TPL002/TPL003 with the template's name and line."""

    def test_syntax_error_with_line(self, user_templates: Path) -> None:
        """TPL001 names the file and the line of the syntax error."""
        (user_templates / "teaser.txt.j2").write_text("{{ title }}\n\n{% if summary %}\nno end\n", "utf-8")

        with pytest.raises(TemplateError) as info:
            TemplateSet(user_templates).for_platform("x")

        err = info.value
        assert ("TPL001", "teaser.txt.j2", str(user_templates / "teaser.txt.j2")) == (err.code, err.template, err.path)
        assert err.line in {3, 4, 5}
        assert str(err).startswith(f"{user_templates / 'teaser.txt.j2'}, line ")

    def test_inline_syntax_error(self) -> None:
        """TPL001 for inline source names '<template>' and the line."""
        with pytest.raises(TemplateError) as info:
            TemplateSet().from_source("ok\n{{ title }\n")

        assert ("TPL001", "<template>", 2) == (info.value.code, info.value.template, info.value.line)

    def test_undeclared_variable(self) -> None:
        """TPL002: a variable postkit does not provide, with the list of those it does."""
        err = error_of("{{ title }}\n{{ titel }}")

        assert ("TPL002", 2) == (err.code, err.line)
        assert "titel" in str(err)
        assert err.hint is not None
        assert "title" in err.hint

    def test_strict_undefined_attribute(self) -> None:
        """StrictUndefined: an attribute that does not exist fails instead of printing nothing."""
        err = error_of("{{ title.nonexistent }}")

        assert "TPL003" == err.code

    def test_strict_undefined_in_filter(self) -> None:
        """An undefined value passed on to a filter fails too."""
        assert "TPL002" == error_of("{{ missing | upper }}").code

    def test_undeclared_static_check(self) -> None:
        """undeclared() lists the unknown names a template uses, before rendering."""
        env = TemplateSet()._inline

        assert {"titel", "foo"} == undeclared(env, "{{ titel }}{{ title }}{% for t in foo %}{{ t }}{% endfor %}")

    def test_runtime_error(self) -> None:
        """Python errors while rendering become TPL003 with the line."""
        err = error_of("line one\n{{ 1 / 0 }}")

        assert ("TPL003", 2) == (err.code, err.line)

    def test_include_not_found(self) -> None:
        """An include outside the template folder says so."""
        err = error_of("{% include 'secrets.txt' %}")

        assert "TPL003" == err.code
        assert "'secrets.txt' not found" in err.message

    def test_include_in_user_folder(self, user_templates: Path) -> None:
        """Includes within the user folder work (and pass the sandbox)."""
        (user_templates / "teaser.txt.j2").write_text("{% include 'part.txt.j2' %}!", "utf-8")
        (user_templates / "part.txt.j2").write_text("{{ title }}", "utf-8")

        template = TemplateSet(user_templates).for_platform("x")

        assert "Kaim crossing reopens!" == render(template, CONTEXT)


class TestBudgets:
    """Work, output and size budgets."""

    def test_loops_within_budget(self) -> None:
        """A loop of 10,000 steps renders."""
        assert "10000" == render_source("{% set n = range(10000) | list %}{% for i in n %}{% endfor %}{{ n | length }}")

    def test_nested_loops_over_budget(self) -> None:
        """Nested loops past the step budget stop with TPL003."""
        err = error_of("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}")

        assert "TPL003" == err.code
        assert "loop steps" in err.message

    def test_output_budget(self) -> None:
        """Output past MAX_OUTPUT characters stops, literal text included."""
        err = error_of("{% for i in range(" + str(MAX_OUTPUT // 500 + 10) + ") %}" + "x" * 500 + "{% endfor %}")

        assert "output more than" in err.message

    def test_size_limit_is_inclusive(self) -> None:
        """Building exactly MAX_SIZE characters is allowed; one more is not."""
        assert str(MAX_SIZE) == render_source("{{ ('x' * " + str(MAX_SIZE) + ") | length }}")
        assert "TPL003" == error_of("{{ ('x' * " + str(MAX_SIZE + 1) + ") | length }}").code

    def test_budget_resets_per_render(self) -> None:
        """Each render has its own budget: many renders of a busy template all succeed."""
        template = TemplateSet().from_source("{% for i in range(50000) %}{% endfor %}ok")

        assert ["ok"] * 6 == [render(template, CONTEXT) for _ in range(6)]

    def test_context_is_immutable(self) -> None:
        """A template cannot change the lists it is given (the ladder re-renders with them)."""
        hashtags = ["#Iraq"]

        err = error_of("{{ hashtags.append('#x') }}", hashtags=hashtags)

        assert "TPL003" == err.code
        assert ["#Iraq"] == hashtags

    def test_lipsum_cycler_joiner_namespace_absent(self) -> None:
        """Jinja's helper globals are not there."""
        for name in ("lipsum", "cycler", "joiner", "namespace", "dict"):
            assert "TPL002" == error_of(f"{{{{ {name}() }}}}").code

    def test_self_refused_at_parse(self) -> None:
        """``self`` is refused when the template is compiled (TPL001, with its line)."""
        with pytest.raises(TemplateError) as info:
            TemplateSet().from_source("a\n{{ self }}")

        assert ("TPL001", 2) == (info.value.code, info.value.line)


class TestAllowedFeatures:
    """What a teaser template can do."""

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("{{ title | upper }}", "KAIM CROSSING REOPENS"),
            ("{{ emoji ~ ' ' ~ cta }}", "📝🌍🔗 Read More"),
            ("{{ hashtags | join(' ') }}", "#Iraq"),
            ("{% for t in tags %}#{{ t }}{% endfor %}", "#Iraq"),
            ("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(title) }}", "[Kaim crossing reopens]"),
            ("{{ ':globe_showing_Europe-Africa:' | emojize }}", "🌍"),
            ("{{ emojize(':memo:') }}", "📝"),
            ("{{ 'Middle East' | hashtag }}", "#MiddleEast"),
            ("{{ ['Middle East', 'COVID-19'] | hashtags | join(' ') }}", "#MiddleEast #COVID19"),
            ("{{ 'Middle East' | hashtags | join(' ') }}", "#MiddleEast"),
            ("{{ url | tracked('bluesky') }}", "https://news.example/a?utm_source=bluesky&utm_medium=social"),
            ("{{ tracked(url, 'x', 'c') }}", "https://news.example/a?utm_source=x&utm_medium=social&utm_campaign=c"),
            ("{{ title | shorten(15) }}", "Kaim crossing…"),
            ("{{ title.replace('Kaim', 'Al-Qa\\'im') }}", "Al-Qa'im crossing reopens"),
            ("{{ title.split() | length }}", "3"),
            ("{{ limit * 2 }} {{ 2 ** 10 }} {{ limit // 3 }} {{ limit % 7 }}", "560 1024 93 0"),
            ("{{ [1, 2] + [3] }}", "[1, 2, 3]"),
            ("{% if summary %}S{% else %}no summary{% endif %}", "no summary"),
            ("{% set x %}{{ title }}{% endset %}{{ x | length }}", "21"),
            ("{% filter upper %}{{ cta }}{% endfilter %}", "READ MORE"),
            ("{{ tags | tojson }}", '["Iraq"]'),
            ("{% for x in [[1, [2]]] recursive %}{% for y in x %}{{ y }}{% endfor %}{% endfor %}", "1[2]"),
        ],
        ids=[
            "filter",
            "concat",
            "join",
            "loop",
            "macro",
            "emojize-filter",
            "emojize-global",
            "hashtag",
            "hashtags",
            "hashtags-one-string",
            "tracked-filter",
            "tracked-global",
            "shorten",
            "replace",
            "split",
            "arithmetic",
            "list-plus",
            "if",
            "set-block",
            "filter-block",
            "tojson",
            "nested-loop",
        ],
    )
    def test_renders(self, source: str, expected: str) -> None:
        """Loops, macros, filters and globals within the budgets."""
        assert expected == render_source(source)

    @pytest.mark.parametrize(
        "source",
        [
            "{{ title | format }}",
            "{{ title | center(5) }}",
            "{{ title | indent }}",
            "{{ title | wordwrap(5) }}",
            "{{ title | pprint }}",
            "{{ [1, 2] | random }}",
            "{{ title | urlize }}",
            "{{ title | safe }}",
            "{{ title | xmlattr }}",
        ],
        ids=["format", "center", "indent", "wordwrap", "pprint", "random", "urlize", "safe", "xmlattr"],
    )
    def test_filters_outside_the_allowlist(self, source: str) -> None:
        """Filters with unbounded widths, randomness or markup are not available (TPL001)."""
        with pytest.raises(TemplateError) as info:
            TemplateSet().from_source(source)

        assert "TPL001" == info.value.code


class TestHashtag:
    """Tests for hashtag."""

    @pytest.mark.parametrize(
        ("tag", "expected"),
        [
            ("Middle East", "#MiddleEast"),
            ("COVID-19", "#COVID19"),
            ("Nahost-Konflikt", "#NahostKonflikt"),
            ("iraq", "#iraq"),
            ("Ελλάδα", "#Ελλάδα"),
            ("الشرق الأوسط", "#الشرق_الأوسط"),
            ("東京 五輪", "#東京五輪"),
            ("2025", ""),
            ("!!!", ""),
            ("rock'n'roll", "#rocknroll"),
            ("  spaced   out  ", "#SpacedOut"),
            ("x" * 300, ""),
        ],
        ids=[
            "two-words",
            "digits-kept",
            "hyphen",
            "single-lowercase",
            "greek",
            "arabic",
            "cjk",
            "no-letter",
            "punct-only",
            "apostrophes",
            "spaces",
            "capped",
        ],
    )
    def test_shape(self, tag: str, expected: str) -> None:
        """CamelCase for several words, punctuation dropped, Unicode letters kept (tests/posts/test_hashtags.py has the rest)."""
        assert expected == hashtag(tag)


class TestHashtagsFromTags:
    """Tests for hashtags_from_tags."""

    def test_dedup_and_cap(self) -> None:
        """Case-insensitive de-duplication, then the cap."""
        tags = ["Middle East", "middle east", "MiddleEast", "2025", "Iraq", "Syria", "Kaim"]

        assert ["#MiddleEast", "#Iraq", "#Syria"] == hashtags_from_tags(tags, 3)
        assert ["#MiddleEast", "#Iraq", "#Syria", "#Kaim"] == hashtags_from_tags(tags)


class TestShorten:
    """Tests for shorten."""

    def test_word_boundary(self) -> None:
        """At most ``length`` graphemes, cut at a word boundary with the end mark."""
        assert "Iraq and Syria…" == shorten("Iraq and Syria reopen the Kaim crossing", 20)
        assert "Iraq and Syria reopen [more]" == shorten("Iraq and Syria reopen the Kaim crossing", 30, " [more]")


class TestTracked:
    """Tests for tracked."""

    def test_same_as_track_url(self) -> None:
        """tracked() is track_url with string arguments."""
        assert "https://a.example/?utm_source=x&utm_medium=social" == tracked("https://a.example/", "x")


class TestDefaultTemplates:
    """The shipped templates."""

    @pytest.mark.parametrize(
        "name",
        sorted(p.name for p in DEFAULT_TEMPLATES.glob("*.txt.j2")),
        ids=sorted(p.name for p in DEFAULT_TEMPLATES.glob("*.txt.j2")),
    )
    def test_use_only_declared_variables(self, name: str) -> None:
        """Every default template uses only what postkit provides."""
        env = templates.TemplateSet()._default

        assert set() == undeclared(env, (DEFAULT_TEMPLATES / name).read_text("utf-8"))
