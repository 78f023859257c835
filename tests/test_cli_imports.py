"""Each command imports only what its work needs (issue 24): checked in a fresh process, by ``sys.modules``.

A dependency a command does not need is start-up time paid for nothing: ``postkit lint`` on a
text reads no record and renders no template, so it imports no feed, Markdown or YAML
reader and no Jinja2; a run over JSON records reads no feed, Markdown or YAML. Readers are
imported when such a record appears, Jinja2 when a template renders.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: The dependencies (and slow standard modules) a command may leave alone.
HEAVY = ("feedparser", "jinja2", "markdown_it", "yaml", "emoji", "tqdm", "importlib.metadata", "sqlite3", "xml.etree")

_RUN = f"""
import json, sys
from postkit.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({{"code": code, "loaded": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
"""


def _loaded(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    """The exit code of ``postkit ARGS`` in a fresh process, and which of HEAVY it imported."""
    done = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=cwd, capture_output=True, text=True, check=False)
    last = done.stdout.strip().splitlines()[-1]
    found = json.loads(last)
    return found["code"], set(found["loaded"])


def test_lint_on_a_text_imports_no_reader_and_no_jinja(tmp_path: Path) -> None:
    """``postkit lint --text x``: rules and counting only."""
    code, loaded = _loaded(["lint", "--text", "x"], tmp_path)

    assert code == 1  # "x" has no link (STR001): it was checked
    assert loaded == set()


def test_lint_with_findings_imports_no_reader_and_no_jinja(tmp_path: Path) -> None:
    """A text that wakes every rule (links, emoji, capitals, phrases) still needs nothing more."""
    text = "BREAKING: You won't believe 5 things!! 🎉🚚🛂🌉 #a #b #c https://news.example/a &amp; <b>"
    code, loaded = _loaded(["lint", "--text", text, "--platform", "all"], tmp_path)

    assert code == 1
    assert loaded == set()


@pytest.mark.parametrize("command", ["compose", "check"])
def test_json_records_need_no_feed_markdown_or_yaml_reader(tmp_path: Path, command: str) -> None:
    """Composing or checking JSON records imports Jinja2 (it renders) but no other reader."""
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "Kaim crossing reopens", "url": "https://news.example/a", "summary": "Trucks roll."}),
        "utf-8",
    )
    args = ["compose", "a.json", "-p", "x"] if command == "compose" else ["check", "--examples", "a.json", "-p", "x"]
    code, loaded = _loaded(args, tmp_path)

    assert code == 0
    assert loaded == {"jinja2"}


def test_a_markdown_record_brings_its_readers(tmp_path: Path) -> None:
    """The Markdown and YAML readers come with a Markdown record (and only then)."""
    (tmp_path / "a.md").write_text("---\ntitle: Kaim crossing reopens\nurl: https://news.example/a\n---\n\nBody.\n")
    code, loaded = _loaded(["compose", "a.md", "-p", "x"], tmp_path)

    assert code == 0
    assert loaded == {"jinja2", "markdown_it", "yaml"}
