"""Tests for postkit.posts.provenance: where each part of a post comes from.

The oracles are the inputs themselves: a piece traced to a record field is that field's
text (as the template received it), a piece traced to a template literal is the text at
that line and column of the template file, and ``tidy_offsets`` gives ``fit.tidy``'s text.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postkit import Article, compose
from postkit.platforms.registry import builtin_platforms, get_platform
from postkit.posts.fit import tidy
from postkit.posts.loader import DEFAULT_TEMPLATES, template_set
from postkit.posts.provenance import (
    RECORD_VARIABLES,
    FromRecord,
    FromTemplate,
    name_place,
    source_tokens,
    tidy_offsets,
    trace,
)
from strategies import articles

TITLE = "You Won't Believe These 10 Insane Hacks"
URL = "https://news.example/tech/hacks"


def _templates(tmp_path: Path, **sources: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    for name, source in sources.items():
        (folder / f"{name}.txt.j2").write_text(source, encoding="utf-8")
    return folder


def _pieces(post):
    found = trace(post)
    assert found is not None
    return [(post.text[start:end], source) for start, end, source in found.pieces()]


class TestTrace:
    def test_record_text_and_template_text(self, tmp_path):
        """The title is the record's; the literal before it is the template's, at its line and columns."""
        folder = _templates(tmp_path, teaser="Guess what: {{ title }}\n\n{{ emoji }} {{ cta }}: {{ link }}\n")
        post = compose(Article(title=TITLE, url=URL), "mastodon", templates=folder)
        pieces = _pieces(post)
        path = str(folder / "teaser.txt.j2")

        assert ("Guess what: ", FromTemplate(path, 1, 1, 1, 13)) == pieces[0]
        assert (TITLE, FromRecord("title", "title")) == pieces[1]
        assert ("📝🌍🔗", FromTemplate(path, 3, 1, 3, 12, ("emoji",))) in pieces  # postkit's emoji: the template's
        assert any(source == FromRecord("url", "link") for _, source in pieces)

    def test_an_expression_that_changes_the_record_is_the_template(self, tmp_path):
        """``{{ title | upper }}`` prints no record text as it is: the expression's place, naming the variable."""
        folder = _templates(tmp_path, teaser="{{ title | upper }}\n{{ cta }}: {{ link }}\n")
        post = compose(Article(title="Kaim crossing reopens", url=URL), "mastodon", templates=folder)

        assert ("KAIM CROSSING REOPENS", FromTemplate(str(folder / "teaser.txt.j2"), 1, 1, 1, 20, ("title",))) == (
            _pieces(post)[0]
        )

    def test_record_text_inside_an_expression(self, tmp_path):
        """``{{ "Breaking: " ~ title }}``: the title is the record's, the rest the expression's."""
        folder = _templates(tmp_path, teaser='{{ "Breaking: " ~ title }}\n{{ cta }}: {{ link }}\n')
        post = compose(Article(title="Kaim crossing reopens", url=URL), "mastodon", templates=folder)
        pieces = _pieces(post)

        assert "Breaking: " == pieces[0][0]
        assert isinstance(pieces[0][1], FromTemplate)
        assert ("Kaim crossing reopens", FromRecord("title", "title")) == pieces[1]

    def test_cut_title_is_still_the_record(self):
        """The ladder cuts the title on X: what is left (with its '…') maps to the title."""
        article = Article(title=" ".join(["Harbour"] * 80), url=URL)
        post = compose(article, "x")
        found = trace(post)

        assert "title" in post.truncated
        assert FromRecord("title", "title") == found.source(0, 7)

    def test_cut_summary_is_still_the_record(self):
        sentences = " ".join(f"Sentence number {i} says something about the harbour." for i in range(40))
        post = compose(Article(title="Kaim crossing reopens", url=URL, summary=sentences), "mastodon")
        found = trace(post)

        assert "summary" in post.truncated
        at = post.text.index("Sentence number 1 ")
        assert FromRecord("summary", "summary") == found.source(at, at + 8)

    def test_hashtags_come_from_tags(self):
        post = compose(Article(title="Kaim crossing reopens", url=URL, tags=["Middle East"]), "mastodon")
        at = post.text.index("#MiddleEast")

        assert FromRecord("tags", "hashtags") == trace(post).source(at, at + 11)

    def test_cta_from_the_records_social_line(self):
        """A record's own social line is record text; postkit's default CTA is not."""
        own = compose(Article(title="Kaim crossing reopens", url=URL, social="📝🌍🔗 Read the whole thing"), "mastodon")
        default = compose(Article(title="Kaim crossing reopens", url=URL), "mastodon")

        at = own.text.index("Read the whole thing")
        assert FromRecord("social", "cta") == trace(own).source(at, at + 4)
        at = default.text.index("Read More")
        assert isinstance(trace(default).source(at, at + 4), FromTemplate)

    def test_loop_variable(self, tmp_path):
        """A loop variable names no record variable: record text is still found in what it prints."""
        folder = _templates(tmp_path, teaser="{{ title }}\n{% for t in tags %}[{{ t }}]{% endfor %}\n{{ link }}\n")
        post = compose(Article(title="Kaim crossing", url=URL, tags=["Energy", "Water"]), "mastodon", templates=folder)
        pieces = _pieces(post)

        assert ("Energy", FromRecord("tags", "tags")) in pieces
        assert ("]", FromTemplate(str(folder / "teaser.txt.j2"), 2, 28, 2, 29)) in pieces

    def test_whole_post_has_no_source(self):
        post = compose(Article(title="Kaim crossing reopens", url=URL), "x")

        assert trace(post).source(0, 0) is None

    def test_include(self, tmp_path):
        """Output from an included template is placed in that template."""
        folder = _templates(tmp_path, teaser='{% include "blurb.txt.j2" %}\n{{ title }}\n', blurb="Read this first!")
        post = compose(Article(title="Kaim crossing reopens", url=URL), "mastodon", templates=folder)

        assert ("Read this first!", FromTemplate(str(folder / "blurb.txt.j2"), 1, 1, 1, 17)) == _pieces(post)[0]

    def test_a_template_that_measures_its_output_is_not_traced(self, tmp_path):
        """Markers would change what it prints: no trace rather than a wrong one."""
        folder = _templates(tmp_path, teaser="{% set t %}{{ title }}{% endset %}{{ title }} ({{ t | length }})\n")
        post = compose(Article(title="Kaim crossing reopens", url=URL), "mastodon", templates=folder)

        assert trace(post) is None

    def test_no_rendering_no_trace(self):
        post = compose(Article(title="Kaim crossing reopens", url=URL), "x")

        assert trace(attrs.evolve(post, rendering=None)) is None
        assert trace(attrs.evolve(post, text=post.text + " changed")) is None

    def test_a_pickled_post_is_not_traced(self):
        """A compiled template does not pickle: the post does, without its rendering."""
        post = compose(Article(title="Kaim crossing reopens", url=URL), "x")
        loaded = pickle.loads(pickle.dumps(post))

        assert (post, None) == (loaded, trace(loaded))

    def test_a_string_template_is_not_traced(self):
        post = compose(Article(title="Kaim crossing reopens", url=URL), "x", template="{{ title }} {{ link }}")

        assert trace(post) is None

    def test_record_text_with_the_marker_characters(self):
        """A title holding the markers' private-use characters is not traced (it could not be unmarked)."""
        post = compose(Article(title="Kaim \ue000 crossing", url=URL), "x")

        assert trace(post) is None

    def test_composing_is_unchanged(self):
        """The post's rendering takes no part in comparing posts; the text is what it was."""
        article = Article(title="Kaim crossing reopens", url=URL)

        assert compose(article, "x") == compose(article, "x")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles(), platform=st.sampled_from(sorted(builtin_platforms())))
def test_every_piece_is_what_its_origin_holds(article, platform):
    """Shipped templates, any article, every platform: each traced piece is its origin's own text.

    A record piece is (part of) the value the template received for the variable; a literal
    piece is the template file's text at the place given.
    """
    try:
        post = compose(article, platform)
    except Exception:  # noqa: BLE001 - a FitError or RecordError: nothing to trace
        return
    found = trace(post)
    assert found is not None
    context = post.rendering.context
    sources: dict[str, list[str]] = {}
    for start, end, source in found.pieces():
        text = post.text[start:end]
        if isinstance(source, FromRecord):
            value = context[source.variable]
            values = value if isinstance(value, list) else [value]
            assert any(text in str(v) for v in values), (text, source)
            assert RECORD_VARIABLES[source.variable] == source.field
        elif isinstance(source, FromTemplate) and not source.variables and source.line == source.end_line:
            if source.path not in sources:
                sources[source.path] = Path(source.path).read_text("utf-8").splitlines()
            line = sources[source.path][source.line - 1]
            assert text.strip() in line[source.column - 1 : source.end_column - 1], (text, source, line)


@given(st.text(st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\u2028"), max_size=40))
def test_tidy_offsets_is_tidy(raw):
    """The same text as ``fit.tidy``, each character from the offset given (a kept break from a break)."""
    text, offsets = tidy_offsets(raw)

    assert tidy(raw) == text
    assert len(text) == len(offsets)
    assert offsets == sorted(set(offsets))
    for char, at in zip(text, offsets, strict=True):
        assert raw[at] == char or (char == "\n" and raw[at] in "\r\n\x0b\x0c\x1c\x85\u2028")


TRICKY = [
    "{{ title }}\n\n{% if summary %}\n  {{- summary }}  \n{% endif %}\n{{ emoji }} {{ cta | upper }}: {{ link }}",
    "{# c #}{{ title }}{% raw %}{{ x }}{% endraw %}\r\n  {%- if link -%}  {{ link }} {%- endif %}\n",
    "{% for t in tags %}\n    - {{ t }}\n{% endfor %}\n{{ '}}' ~ title }}",
]


@pytest.mark.parametrize("source", [*TRICKY, *(p.read_text("utf-8") for p in sorted(DEFAULT_TEMPLATES.glob("*.j2")))])
def test_source_tokens_are_where_jinja_says(source):
    """Each token's text is at its offset, on the line Jinja's lexer gives it."""
    env = template_set(None).environment
    text, tokens = source_tokens(env, source)

    for token in tokens:
        assert text[token.offset : token.offset + len(token.value)] == token.value
        if token.value.strip():
            assert token.line == text.count("\n", 0, token.offset) + 1, token


def test_name_place():
    """TPL002's place: the variable, not a filter, attribute, test or keyword of the same name."""
    env = template_set(None).environment
    source = "{{ x | headline }} {{ y.headline }} {{ z is headline }}\n  {{ f(headline=1) }} {{ headline }}"

    assert (2, 26, 34) == name_place(env, source, "headline")
    assert name_place(env, "{{ title }}", "headline") is None
    assert name_place(env, "{% if %}", "headline") is None


def test_default_templates_are_traced_on_every_platform():
    """The shipped templates trace on every platform (nothing in them measures its own output)."""
    article = Article(title="Kaim crossing reopens", url=URL, summary="A summary.", tags=["Energy"])
    for platform in builtin_platforms():
        assert trace(compose(article, platform)) is not None, platform


def test_tracing_leaves_the_compiled_template_alone():
    """The tracing copy has its own cache: the template compose uses is the same object, unmarked."""
    article = Article(title="Kaim crossing reopens", url=URL)
    before = template_set(None).for_platform("x")
    trace(compose(article, "x"))

    post = compose(article, get_platform("x"))
    assert before is template_set(None).for_platform("x") is post.rendering.template
    assert post.text == tidy(before.render(post.rendering.context))
