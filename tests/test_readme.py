"""The README's code runs and its examples hold: the configuration example, the Python API for lint settings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from postkit import RuleSet, Severity, Violation, load_articles, parse_config
from postkit.pipeline import rows

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def block(after: str, lang: str) -> str:
    """The first ``lang`` code block after the heading or text ``after``."""
    found = re.search(re.escape(after) + r".*?```" + lang + r"\n(.*?)```", README, re.DOTALL)
    assert found is not None, f"no {lang} block after {after!r}"
    return found.group(1)


def test_python_lint_configuration_snippet_runs(tmp_path, monkeypatch):
    """The snippet of "Lint configuration from Python" runs as written and checks a post."""
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(block("### Lint configuration from Python", "python"), names)

    assert isinstance(names["rules"], RuleSet)
    assert "EMO001" in names["rules"].codes()
    assert "HYP001" not in names["rules"].codes()
    assert all(isinstance(v, Violation) for v in names["violations"])


def test_example_configuration_passes_the_shipped_examples(tmp_path):
    """The README's [tool.postkit] example is valid and passes the shipped blurb (3 emoji) on every platform."""
    table = tomllib.loads(block("## Configuration", "toml"))["tool"]["postkit"]
    config = parse_config(table, path=tmp_path / "pyproject.toml")
    rules = RuleSet.from_config(config)
    platforms = list(config.platform_registry().values())
    errors = [
        (row.source, card.platform.name, v.code, v.message)
        for row in rows([ROOT / "examples"], platforms, check=rules.check)
        for card in row.cards
        for v in card.violations
        if str(v.severity) == "error"
    ]

    assert "social-example" in config.platform_registry()
    assert [] == errors


def test_violations_have_start_and_end():
    """The README names the fields Violations have."""
    violation = Violation("EMO001", Severity.WARNING, "too many emoji", 3, 5, "keep three")

    assert (3, 5, "keep three") == (violation.start, violation.end, violation.hint)
    assert "code, severity, message, hint, start, end" in README
    assert "span" not in block("## Using it from Python", "python")


@pytest.mark.parametrize("article", list(load_articles(ROOT / "examples")), ids=lambda a: a.id or a.title[:20])
def test_examples_load(article):
    assert not isinstance(article, Exception)


def test_publishing_table_names_each_senders_variables():
    """The README's table of extras and variables is what each family's sender reads."""
    from postkit.platforms.families import FAMILIES  # noqa: PLC0415

    section = README[README.index("## Publishing") :]
    table = {
        line.split("|")[1].strip(" `"): re.findall(r"`([A-Z][A-Z_]+)`", line.split("|")[3])
        for line in section.splitlines()
        if re.match(r"\| `(bluesky|mastodon|x|telegram)` \|", line)
    }
    senders = {name: family.load_sender() for name, family in FAMILIES.items() if family.sender}

    assert set(senders) == set(table)
    for name, connector in senders.items():
        assert [v.name for v in connector.variables] == table[name], name
        assert name == connector.extra


def test_publishing_dry_run_line_runs(tmp_path, capsys):
    """The README's dry run: no account, nothing written, each post shown."""
    from postkit.cli.main import main  # noqa: PLC0415

    line = next(line for line in README.splitlines() if "--dry-run" in line and line.startswith("postkit publish"))
    args = line.split("#")[0].split()[1:]
    args[args.index("feed.xml")] = str(ROOT / "examples" / "feeds" / "harbour-wire.rss")
    args[args.index("posted.db")] = str(tmp_path / "posted.db")

    assert 0 == main(args)
    assert 2 == capsys.readouterr().out.count("# would send · ")
    assert not (tmp_path / "posted.db").exists()


def test_publishing_python_snippet_runs_with_a_configured_platform(tmp_path, monkeypatch, capsys):
    """The README's publish snippet, its dry runs, in a project whose targets are a configured platform.

    The new user's review: its ``get_platform("gazette")`` raised for a configured platform, and a dry run
    printed the whole report from library code.
    """
    (tmp_path / "feed.xml").write_text((ROOT / "examples" / "feeds" / "harbour-wire.rss").read_text("utf-8"), "utf-8")
    (tmp_path / "postkit.toml").write_text(
        'targets = ["gazette"]\n[platforms.gazette]\nbase = "mastodon"\ntitle = "Gazette"\nlimit = 800\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    said: list[object] = []
    lines = []
    for line in block("--retry-unknown", "python").splitlines():
        code = line.split("  #")[0].rstrip()
        if "summary" in code:  # the real send and its summary: no account here
            continue
        if code.startswith("publish("):  # a dry run: keep what it returns
            code = f"said.append({code})"
        lines.append(code)
    exec("\n".join(lines), {"said": said})

    assert [2, 2] == [getattr(s, "would_send", s) for s in said]
    assert 2 == capsys.readouterr().out.count("# would send · ")  # only the call given output=sys.stdout
    assert not (tmp_path / "posted.db").exists()
