"""Tests for postkit.template_gaps through `postkit check`: templates rendered with every optional field missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postkit.cli.common import ExitCode
from postkit.cli.main import main
from postkit.platforms.registry import get_platform
from postkit.posts.loader import DEFAULT_TEMPLATES, TemplateSet
from postkit.template_gaps import MINIMAL, gaps

RECORD = {
    "title": "Kaim crossing reopens",
    "url": "https://news.example/world/kaim",
    "summary": "Trucks roll.",
    "tags": ["Iraq"],
}


@pytest.fixture(name="check")
def _check(tmp_path, monkeypatch, capsys):
    """Write templates, run `postkit check` on one complete example record; (code, findings as json)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.json").write_text(json.dumps(RECORD), "utf-8")

    def run(templates: dict[str, str], platforms: str = "x,mastodon,instagram") -> tuple[int, list[dict]]:
        for name, source in templates.items():
            (tmp_path / "templates" / f"{name}.txt.j2").write_text(source, "utf-8")
        code = main(["check", "--templates", "templates", "-p", platforms, "-f", "json", "--select", "TPL"])
        return code, json.loads(capsys.readouterr().out)["findings"]

    return run


def test_template_printing_none_is_an_error_with_its_line(check):
    """The issue's template: clean for the example, 'None' on X for every record (summary is None there)."""
    code, findings = check({"x": "{#- X -#}\n{{ title }}: {{ summary }}\n\n{{ cta }}: {{ link }}\n"}, "x")

    assert ExitCode.FINDINGS == code
    assert [("TPL005", "templates/x.txt.j2", 2, "error")] == [
        (f["code"], f["path"], f["line"], f["severity"]) for f in findings
    ]
    assert "prints 'None' on x when a record has no summary" == findings[0]["message"]
    # At the placeholder, not column 1 (a new user's review): "{{ summary }}" spans columns 14-26.
    assert (14, 27) == (findings[0]["column"], findings[0]["end_column"])


def test_empty_placeholder_line_and_dangling_separator(check):
    """An unguarded hashtag line prints an empty line; 'cta: link' dangles on Instagram (no link there)."""
    source = "{{ title }}\n\n{{ hashtags | join(' ') }}\n\n{{ emoji }} {{ cta }}: {{ link }}\n"
    _, findings = check({"teaser": source})

    assert [
        ("TPL006", 3, 1, "prints an empty line on x, mastodon, instagram when a record has no hashtags"),
        ("TPL007", 5, 24, "ends with a dangling ':' on instagram when a record has no link"),
    ] == [(f["code"], f["line"], f["column"], f["message"]) for f in findings]


def test_body_and_author_byline(check):
    """Other optional fields: a byline that dangles without an author; body printing None."""
    source = "{{ title }} · {{ author | default('', true) }}\n{{ body }}\n\n{{ cta }}: {{ link }}\n"
    _, findings = check({"teaser": source}, "mastodon")

    assert [("TPL007", 1), ("TPL005", 2)] == [(f["code"], f["line"]) for f in findings]


def test_guarded_templates_are_clean(check):
    """The same templates written with {% if %} guards give no finding."""
    source = (
        "{{ title }}{% if summary %}: {{ summary }}{% endif %}\n{% if hashtags %}\n\n"
        "{{ hashtags | join(' ') }}\n{% endif %}\n\n{{ emoji }} {{ cta }}{% if link %}: {{ link }}{% endif %}\n"
    )

    assert (ExitCode.OK, []) == check({"teaser": source})


@pytest.mark.parametrize(
    "platform", ["x", "bluesky", "mastodon", "threads", "linkedin", "instagram", "facebook", "telegram"]
)
def test_shipped_templates_are_clean(platform):
    """postkit's own templates print no None, empty placeholder line or dangling separator anywhere."""
    target = get_platform(platform)
    template = TemplateSet(None).for_platform(platform)
    source = Path(template.filename).read_text("utf-8")

    assert [] == gaps(template.environment, source, template.name, target)
    assert template.filename.startswith(str(DEFAULT_TEMPLATES))


def test_minimal_record_has_only_the_required_fields():
    assert (None, (), None, None) == (MINIMAL.summary, MINIMAL.tags, MINIMAL.body, MINIMAL.author)
