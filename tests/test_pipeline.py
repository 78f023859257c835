"""Tests for postkit.pipeline, and for the bugs the one-pipeline layout fixed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from postkit.cli import main
from postkit.config import read_config
from postkit.pipeline import rows
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.rules.engine import RuleSet
from strategies import SEED_TITLE, SEED_URL

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


class TestRows:
    """Tests for rows()."""

    def test_every_record_is_a_row(self) -> None:
        """Records in = rows out; each good record has one card per platform."""
        platforms = [get_platform("x"), get_platform("bluesky")]
        found = list(rows([EXAMPLES], platforms))

        assert len(found) == sum(1 for row in found if row.article is not None) + sum(1 for r in found if r.error)
        assert all(len(row.cards) == 2 for row in found if row.article is not None)

    def test_check_runs_only_when_given(self) -> None:
        """Without a checker, cards carry no findings; with one, the checker's findings."""
        x = [get_platform("x")]
        plain = list(rows([EXAMPLES / "kaim-crossing.json"], x))
        checked = list(rows([EXAMPLES / "kaim-crossing.json"], x, check=RuleSet(select=("STR",)).check))

        assert [()] == [card.violations for row in plain for card in row.cards]
        assert all(v.code.startswith("STR") for row in checked for card in row.cards for v in card.violations)


class TestPreviewHonoursConfig:
    """Bug: `postkit preview` highlighted findings that the configuration ignores."""

    def test_ignore_all_shows_no_findings(self, tmp_path: Path) -> None:
        """With ignore = ["ALL"], the page names no rule code; by default it does."""
        config = tmp_path / "postkit.toml"
        config.write_text('ignore = ["ALL"]\n', encoding="utf-8")
        quiet, loud = tmp_path / "quiet.html", tmp_path / "loud.html"
        record = tmp_path / "loud.json"
        record.write_text(
            '{"title": "BREAKING: Amazing crossing reopens, folks!!", "url": "https://news.example/a"}',
            encoding="utf-8",
        )
        examples = str(record)

        main(["--config", str(config), "preview", examples, "-o", str(quiet)])
        (tmp_path / "empty.toml").write_text("", encoding="utf-8")
        main(["--config", str(tmp_path / "empty.toml"), "preview", examples, "-o", str(loud)])

        codes = ("CAP001", "CAS001", "HYP001", "PUN002", "STR002")
        assert any(code in loud.read_text(encoding="utf-8") for code in codes)
        assert not any(code in quiet.read_text(encoding="utf-8") for code in codes)


class TestConfiguredPlatformInheritsPayload:
    """Bug: a platform with base = "linkedin" got {"text": ...} instead of LinkedIn's payload."""

    def test_base_linkedin_gets_commentary(self, tmp_path: Path) -> None:
        """The payload follows the profile's payload field, which the base passes on."""
        config = tmp_path / "postkit.toml"
        config.write_text('[platforms.intranet]\nbase = "linkedin"\nlimit = 1000\n', encoding="utf-8")
        platform = read_config(config).platform_profiles["intranet"]
        from postkit.article import Article  # noqa: PLC0415

        post = compose(Article(title=SEED_TITLE + " (live)", url=SEED_URL), platform)
        payload = post.payload()

        assert "linkedin" == platform.family.name
        assert "\\(live\\)" in payload["commentary"]
        assert "PUBLIC" == payload["visibility"]


def test_public_names_survive_submodule_imports() -> None:
    """After importing every submodule and using the API, each public name is still itself."""
    code = """
import importlib, pkgutil, types, postkit
postkit.check("a", "x")
for info in pkgutil.walk_packages(postkit.__path__, "postkit."):
    if info.name != "postkit.__main__":
        importlib.import_module(info.name)
for package in [postkit] + [m for m in list(__import__("sys").modules.values())
                            if getattr(m, "__name__", "").startswith("postkit.") and hasattr(m, "__path__")]:
    for name in getattr(package, "__all__", ()):
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), (package.__name__, name)
assert next(iter(postkit.builtin_platforms().values())).name == "x"
assert callable(postkit.compose) and callable(postkit.check) and callable(postkit.measure)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)

    assert "ok" == out.stdout.strip(), out.stderr
