"""Issue 13, items 1-4 and the per-record budget: templates that try to escape the budget,
blow up memory, or read files through links in the template folder.

Each attack must end as a TemplateError within seconds (the budget), never a hang.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.posts.test_sandbox import error_of, render_source

from postkit import RuleSet
from postkit.article import Article
from postkit.ci import validate
from postkit.errors import TemplateError
from postkit.pipeline import rows
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.posts.loader import TemplateSet, read_template

NESTED = '{% set a=("x",) %}' + "{% set a=(a,a) %}" * 40
NESTED_B = '{% set b=("x",) %}' + "{% set b=(b,b) %}" * 40

ATTACKS = {
    "sum-of-lists": "{{ ([[1]]*333333)|sum(start=[])|length }}",
    "hash-shared-tuple": NESTED + "{{ {a:1}|length }}",
    "compare-shared-tuples": NESTED + NESTED_B + "{{ a == b }}",
    "in-shared-tuples": NESTED + NESTED_B + "{{ a in [b] }}",
    "unique-shared-tuples": NESTED + "{{ [a]|unique|list|length }}",
    "contains-in-loop": '{% set big="a"*999999 %}{% for i in range(100000) %}'
    '{% if "ab" in big and "ac" in big %}{% endif %}{% endfor %}',
    "slice-in-loop": '{% set big="a"*999999 %}{% for i in range(100000) %}{% set c = big[::-1] %}{% endfor %}',
    "find-in-loop": '{% set big="a"*999999 %}{% for i in range(100000) %}{% set c = big.count("ab") %}{% endfor %}',
    "select-in": '{% set big="a"*999999 %}{{ range(100000)|map("string")|select("in", big)|list|length }}',
    "big-int-division": "{% set n = 10**999 %}{% set n = n*n*n*n*n*n*n*n*n*n*n*n*n*n*n*n*n*n*n*n %}"
    "{% for i in range(100000) %}{{ (n // (n-7)) % 2 }}{% endfor %}",
    "batch-fill-in-loop": '{% for i in range(100000) %}{% for b in [1]|batch(999999, "x") %}{% endfor %}{% endfor %}',
    "title-in-loop": '{% set big="a "*499999 %}{% for i in range(100000) %}{% set c = big|title %}{% endfor %}',
    "striptags-in-loop": '{% set big="<a>"*333333 %}{% for i in range(100000) %}{% set c = big|striptags %}{% endfor %}',
    "format-width": '{{ "{:>1500000000}".format("x")|length }}',
    "format-by-item": '{{ "{:>1500000000}"["format"]("x")|length }}',
    "format-map": '{{ "{x:>1500000000}".format_map({"x": 1})|length }}',
}


class TestWorkBudget:
    """Items 1 and 2: every super-constant operation is charged or bounded."""

    @pytest.mark.parametrize("source", ATTACKS.values(), ids=ATTACKS.keys())
    def test_attack_ends_fast_as_template_error(self, source: str) -> None:
        """Each attack is a TPL003 TemplateError (the budget or a size bound), not a hang."""
        err = error_of(source)

        assert "TPL003" == err.code
        assert "unsafe template" in err.message

    def test_sum_of_numbers_still_works(self) -> None:
        """sum is refused only for non-numbers (start=[] copies the list at every item)."""
        assert "6" == render_source("{{ [1, 2, 3]|sum }}")
        assert "6.5" == render_source("{{ [1, 2, 3]|sum(start=0.5) }}")

    def test_ordinary_operations_still_work(self) -> None:
        """Slices, subscripts, comparisons (chained too), literals and unpacking behave as Jinja's."""
        out = render_source(
            '{{ title[:4] }}|{{ title[-2:] }}|{{ {"a": 1}["a"] }}|{{ "Kaim" in title }}|'
            "{{ 1 < 2 < 3 }}|{{ 3 < 2 < 5 }}|{% for a, b in [(1, 2)] %}{{ a + b }}{% endfor %}|"
            "{{ [1, 2][1:] }}|{{ 7 - 2 }}|{{ 7 / 2 }}"
        )

        assert "Kaim|ns|1|True|True|False|3|[2]|5|3.5" == out


def _article(**changes: object) -> Article:
    fields: dict[str, object] = {"title": "Kaim crossing reopens", "url": "https://news.example/a", "tags": ["Iraq"]}
    fields.update(changes)
    return Article.from_dict(fields)


class TestPerRecordBudget:
    """Item 13: the budget is per record, across the whole ladder and every platform."""

    LOOP = "{% for i in range(60000) %}{% endfor %}{{ title }} {{ summary or '' }} {{ link }}"

    def test_ladder_shares_one_budget(self) -> None:
        """A template spending 60,000 steps a render fails once the ladder re-renders it."""
        tset = TemplateSet()
        template = tset.from_source(self.LOOP)
        # One render fits the budget: a short record composes.
        assert compose(_article(), "x", template=template).text.startswith("Kaim")
        long = _article(summary="Trucks cross again. " * 40)
        with pytest.raises(TemplateError, match="for one record"):
            compose(long, "mastodon", template=template)

    def test_platforms_share_one_budget(self, tmp_path: Path) -> None:
        """Under rows(), the platforms of one record draw on one budget; the next record starts afresh."""
        (tmp_path / "a.jsonl").write_text(
            '{"title": "One", "url": "https://news.example/1"}\n{"title": "Two", "url": "https://news.example/2"}\n',
            "utf-8",
        )
        template = TemplateSet().from_source(self.LOOP)
        platforms = [get_platform(name) for name in ("x", "mastodon", "bluesky", "linkedin")]
        out = list(rows([tmp_path / "a.jsonl"], platforms, template_for=lambda p: template))

        for row in out:
            errors = [card.error for card in row.cards]
            assert [None, None, None] == errors[:3]  # 3 × 60,000 steps fit in 200,000
            assert isinstance(errors[3], TemplateError)
            assert "for one record" in errors[3].message


HOSTILE_TEMPLATES = Path(__file__).parent.parent / "hostile" / "templates"


@pytest.mark.parametrize("path", sorted(HOSTILE_TEMPLATES.glob("*.txt.j2")), ids=lambda p: p.name)
def test_hostile_template_corpus(path: Path, tmp_path: Path) -> None:
    """Each template in tests/hostile/templates/ (as teaser.txt.j2, with the links it
    expects beside it) ends as a TemplateError from compose and a finding from check."""
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "teaser.txt.j2").write_text(path.read_text("utf-8"), "utf-8")
    (folder / "env.txt.j2").symlink_to("/proc/self/environ")
    (folder / "root").symlink_to("/")
    with pytest.raises(TemplateError):
        compose(_article(), "x", templates=folder)
    examples = tmp_path / "e.jsonl"
    examples.write_text('{"title": "Kaim", "url": "https://news.example/a"}\n', "utf-8")
    result = validate(templates=folder, examples=[examples], platforms=[get_platform("x")], rules=RuleSet())

    assert 0 == result.posts
    assert any(f.code.startswith("TPL") and "teaser.txt.j2" in f.path for f in result.findings)


class TestTemplateFiles:
    """Items 3 and 4: templates are regular files inside the folder, size-capped."""

    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        folder = tmp_path / "t"
        folder.mkdir()
        (folder / "part.txt.j2").write_text("inside", "utf-8")
        return folder

    def _compose(self, folder: Path, source: str) -> str:
        (folder / "teaser.txt.j2").write_text(source, "utf-8")
        return compose(_article(), "x", templates=folder).text

    def test_include_inside_folder_works(self, folder: Path) -> None:
        """An include of a file in the folder, and a link to one inside it, still work."""
        (folder / "link.txt.j2").symlink_to(folder / "part.txt.j2")

        assert self._compose(folder, '{% include "part.txt.j2" %} {% include "link.txt.j2" %}').startswith(
            "inside inside"
        )

    def test_link_to_environ_is_refused(self, folder: Path) -> None:
        """A link to /proc/self/environ (the secrets of a CI job) is refused."""
        (folder / "env.txt.j2").symlink_to("/proc/self/environ")
        os.environ["POSTKIT_TEST_SECRET"] = "s3cr3t"
        with pytest.raises(TemplateError) as info:
            self._compose(folder, '{% set e %}{% include "env.txt.j2" %}{% endset %}{{ e }}')

        assert "outside the template folder" in info.value.message
        assert "s3cr3t" not in str(info.value)

    def test_link_to_root_is_refused(self, folder: Path) -> None:
        """A link to / cannot reach /etc/passwd through include, import or extends."""
        (folder / "root").symlink_to("/")
        for source in (
            '{% include "root/etc/passwd" %}',
            '{% import "root/etc/passwd" as p %}{{ title }}',
            '{% extends "root/etc/passwd" %}',
        ):
            with pytest.raises(TemplateError, match="outside the template folder"):
                self._compose(folder, source)

    def test_teaser_linked_to_dev_zero_is_refused(self, folder: Path) -> None:
        """teaser.txt.j2 -> /dev/zero: refused by compose and by check, no MemoryError."""
        (folder / "teaser.txt.j2").symlink_to("/dev/zero")
        with pytest.raises(TemplateError, match="outside the template folder"):
            compose(_article(), "x", templates=folder)
        result = validate(templates=folder, examples=[], platforms=[get_platform("x")], rules=RuleSet())

        assert any(f.code == "TPL001" and "outside the template folder" in f.message for f in result.findings)

    def test_fifo_does_not_hang(self, folder: Path) -> None:
        """A FIFO named like a template is refused at once, by compose and by check."""
        os.mkfifo(folder / "teaser.txt.j2")
        with pytest.raises(TemplateError, match="not a regular file"):
            compose(_article(), "x", templates=folder)
        result = validate(templates=folder, examples=[], platforms=[get_platform("x")], rules=RuleSet())

        assert any("not a regular file" in f.message for f in result.findings)

    def test_dangling_link_is_reported(self, folder: Path) -> None:
        """A dangling teaser link is an error, not a silent fall back to the defaults."""
        (folder / "teaser.txt.j2").symlink_to(folder / "missing.txt.j2")
        with pytest.raises(TemplateError, match="dangling"):
            compose(_article(), "x", templates=folder)

    def test_size_cap(self, folder: Path) -> None:
        """A template over the cap is refused (small cap through the API)."""
        (folder / "teaser.txt.j2").write_text("x" * 2000, "utf-8")

        assert "x" * 2000 == read_template(folder, "teaser.txt.j2", max_bytes=2000)
        with pytest.raises(TemplateError, match="larger than 1,000 bytes"):
            read_template(folder, "teaser.txt.j2", max_bytes=1000)

    def test_dot_dot_is_not_found(self, folder: Path) -> None:
        """'..' never leaves the folder."""
        with pytest.raises(TemplateError, match="not found"):
            self._compose(folder, '{% include "../t/part.txt.j2" %}')
