"""Tests for the linting commands of postkit.cli: `postkit check`, `postkit lint`, `postkit rules`.

Run in-process through ``main([...])``: exit codes 0/1/2, every output format, config
errors naming the key, stdin and argument input.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postkit.cli.common import ExitCode
from postkit.report import FORMATS
from postkit.rules.registry import RULES

ROOT = Path(__file__).resolve().parent.parent
GOOD = "{{ title }}\n\n{{ emoji }} {{ cta }}: {{ link }}\n"
BAIT = "7 Things To Know: {{ title }}\n\n{{ emoji }} {{ cta }}: {{ link }}\n"
RECORD = {"title": "Kaim crossing reopens", "url": "https://news.example/world/kaim-crossing"}
SEED_POST = (
    "Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing\n\n"
    "📝🌍🔗 Read More: https://news.example/world/kaim-crossing"
)


@pytest.fixture(name="project")
def _project(tmp_path: Path) -> Path:
    """A project folder: templates/ (to be filled) and examples/kaim.json."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "kaim.json").write_text(json.dumps(RECORD), encoding="utf-8")
    return tmp_path


def _template(project: Path, source: str, name: str = "teaser") -> None:
    (project / "templates" / f"{name}.txt.j2").write_text(source, encoding="utf-8")


def _config(project: Path, text: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.postkit]\n{text}\n", encoding="utf-8")


class TestCheck:
    def test_clean_exits_0(self, run, project):
        """A good template and record: no findings, exit 0, the summary on stderr."""
        _template(project, GOOD)
        code, out, err = run("check", "--templates", "templates", "--examples", "examples", "-p", "x,mastodon")

        assert (ExitCode.OK, "") == (code, out)
        assert "checked 2 posts from 1 record on 2 platforms: 0 errors, 0 warnings, 0 info" in err

    def test_syntax_error_exits_1_with_line(self, run, project):
        """A broken template: TPL001 with file and line on stdout, exit 1."""
        _template(project, "{{ title }}\n{% if %}\n")
        code, out, _ = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert out.startswith("templates/teaser.txt.j2:2:1: TPL001 syntax error: ")

    def test_undeclared_variable(self, run, project):
        """An undeclared variable: TPL002 at its first use, at the name's column."""
        _template(project, "{{ title }}\n\n{{ headline }}\n{{ cta }}: {{ link }}\n")
        code, out, _ = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert (
            "templates/teaser.txt.j2:3:4: TPL002 template uses 'headline', which postkit does not provide; "
            "did you mean 'title'?\n"
        ) == out

    def test_render_failure(self, run, project):
        """A render failure: TPL003 at its line, naming platform and record."""
        _template(project, "{{ title }}\n{{ title.upper(1) }}\n{{ cta }}: {{ link }}\n")
        code, out, _ = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert out.startswith("templates/teaser.txt.j2:2:1: TPL003 [x, examples/kaim.json, line 1] render failed")

    def test_noqa_and_unused_noqa(self, run, project):
        """noqa suppresses CLK004; an unused one is TPL004, a warning (exit 0 by default)."""
        _template(project, "{# postkit: noqa: CLK004 #}" + BAIT)
        suppressed = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")
        _template(project, "{# postkit: noqa: CLK004 #}" + GOOD)
        unused = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")

        assert (ExitCode.OK, "") == suppressed[:2]
        assert (ExitCode.OK, "templates/teaser.txt.j2:1:1: TPL004 noqa for CLK004 suppresses nothing\n") == unused[:2]

    def test_fail_on_warning(self, run, project):
        """A warning fails the run only with --fail-on warning."""
        _template(project, BAIT)
        default = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")
        strict = run("check", "--templates", "templates", "--examples", "examples", "-p", "x", "--fail-on", "warning")

        assert (ExitCode.OK, ExitCode.FINDINGS) == (default[0], strict[0])
        assert "CLK004" in default[1]

    def test_fail_on_from_config(self, run, project):
        """``fail-on`` in [tool.postkit] applies when the flag is not given."""
        _template(project, BAIT)
        _config(project, 'fail-on = "warning"\ntemplates = "templates"\nexamples = "examples"\ntargets = ["x"]')

        assert ExitCode.FINDINGS == run("check")[0]

    def test_config_ignore(self, run, project):
        """``ignore`` in [tool.postkit] drops a rule's findings."""
        _template(project, BAIT)
        _config(project, 'ignore = ["CLK"]\ntemplates = "templates"\nexamples = "examples"\ntargets = ["x"]')

        assert (ExitCode.OK, "") == run("check", "--fail-on", "info")[:2]

    def test_bad_record_exits_1(self, run, project):
        """A record that fails to load is an error on stderr and exit 1."""
        _template(project, GOOD)
        (project / "examples" / "bad.jsonl").write_text('{"title": "no url"}\n', encoding="utf-8")
        code, _, err = run("check", "--templates", "templates", "--examples", "examples", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert "bad.jsonl" in err
        assert "1 record failed" in err

    def test_worst_case_lengths_on_stderr(self, run, project):
        """Each template's longest post per platform, and its share of the limit."""
        _template(project, GOOD)
        _, _, err = run("check", "--templates", "templates", "--examples", "examples", "-p", "x,bluesky")

        assert "postkit: teaser.txt.j2 on bluesky: longest post " in err
        assert "postkit: teaser.txt.j2 on x: longest post " in err
        assert "/280 weighted characters (" in err

    def test_output_file(self, run, project):
        """-o writes the findings to a file; stdout stays empty."""
        _template(project, BAIT)
        code, out, _ = run(
            "check",
            "--templates",
            "templates",
            "--examples",
            "examples",
            "-p",
            "x",
            "-f",
            "json",
            "-o",
            "findings.json",
        )
        doc = json.loads((project / "findings.json").read_text(encoding="utf-8"))

        assert (ExitCode.OK, "") == (code, out)
        assert ["CLK004"] == [f["code"] for f in doc["findings"]]

    def test_missing_template_folder_is_usage(self, run, project):
        """A template folder that does not exist is a usage error (exit 2) naming it."""
        code, _, err = run("check", "--templates", "nowhere", "--examples", "examples", "-p", "x")

        assert ExitCode.USAGE == code
        assert "nowhere" in err

    def test_unknown_platform_is_usage(self, run, project):
        """An unknown platform is exit 2 with a did-you-mean."""
        code, _, err = run("check", "--templates", "templates", "--examples", "examples", "-p", "blusky")

        assert ExitCode.USAGE == code
        assert "did you mean 'bluesky'?" in err

    def test_shipped_templates_and_examples(self, run, monkeypatch):
        """The dogfood run (.ci/run): shipped templates and examples on every platform, no errors."""
        monkeypatch.chdir(ROOT)
        code, out, err = run("check", "--platform", "all", "--fail-on", "error")
        _, jsonl, _ = run("check", "--platform", "all", "-f", "jsonl")

        assert ExitCode.OK == code
        assert [] == [json.loads(line) for line in jsonl.splitlines() if json.loads(line)["severity"] == "error"]
        assert " platforms: 0 errors, " in err
        assert "0 records failed" in err
        assert "TPL" not in out


class TestFailedRecordsCountAsCompose:
    """A new user's review: on a platform too small for anything, check said "0 records failed", compose "1"."""

    def test_nothing_fits_is_a_failed_record_in_both(self, run, project):
        _config(project, '[tool.postkit.platforms.tiny]\nbase = "mastodon"\nlimit = 30')
        _template(project, GOOD)
        code, out, err = run("check", "--templates", "templates", "--examples", "examples", "-p", "tiny,x")
        _, _, composed = run("compose", "examples", "--templates", "templates", "-p", "tiny,x")

        assert ExitCode.FINDINGS == code
        assert "LEN001" in out
        assert "1 post from 1 record on 2 platforms" in composed
        assert "; 1 record failed" in composed
        assert err.rstrip().endswith("; 1 record failed")


class TestCheckFormats:
    @pytest.fixture(name="findings")
    def _findings(self, run, project):
        """`postkit check` output with a warning (CLK004) and an error (TPL002), per format."""
        _template(project, BAIT)
        _template(project, "{{ title }} {{ headline }}\n{{ cta }}: {{ link }}\n", "x")

        def output(fmt: str) -> tuple[int, str]:
            code, out, _ = run(
                "check", "--templates", "templates", "--examples", "examples", "-p", "x,mastodon", "--format", fmt
            )
            return code, out

        return output

    def test_concise(self, findings):
        """``path:line:col: CODE message``."""
        code, out = findings("concise")

        assert ExitCode.FINDINGS == code
        assert [
            (
                'templates/teaser.txt.j2:1:1: CLK004 [mastodon, examples/kaim.json, line 1] "7 Things" is a numbered '
                "listicle"
            ),
            (
                "templates/x.txt.j2:1:16: TPL002 template uses 'headline', which postkit does not provide; "
                "did you mean 'title'?"
            ),
        ] == out.splitlines()

    def test_json(self, findings):
        """A versioned document with both findings and the summary."""
        code, out = findings("json")
        doc = json.loads(out)

        assert (ExitCode.FINDINGS, "postkit.findings", 1) == (code, doc["schema"], doc["version"])
        assert ["CLK004", "TPL002"] == [f["code"] for f in doc["findings"]]
        assert (2, 1, 1) == (doc["summary"]["total"], doc["summary"]["error"], doc["summary"]["warning"])

    def test_jsonl(self, findings):
        """One finding per line."""
        _, out = findings("jsonl")

        assert ["CLK004", "TPL002"] == [json.loads(line)["code"] for line in out.splitlines()]

    def test_github(self, findings):
        """Workflow commands: an error and a warning annotation."""
        _, out = findings("github")
        lines = out.splitlines()

        assert lines[0].startswith("::warning file=templates/teaser.txt.j2,line=1,col=1,endLine=1,endColumn=9,")
        assert lines[1].startswith("::error file=templates/x.txt.j2,line=1,col=16,endLine=1,endColumn=24,")
        assert "title=CLK004 (listicle)::" in lines[0]

    def test_sarif(self, findings):
        """SARIF 2.1.0 with rules and results."""
        _, out = findings("sarif")
        run = json.loads(out)["runs"][0]

        assert ["CLK004", "TPL002"] == [r["ruleId"] for r in run["results"]]
        assert len(RULES) == len(run["tool"]["driver"]["rules"])
        assert "templates/x.txt.j2" == run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]

    def test_junit(self, findings):
        """JUnit XML with the error as a failure."""
        _, out = findings("junit")
        root = ET.fromstring(out)

        assert ["TPL002 templates/x.txt.j2:1:16"] == [
            case.get("name") for case in root.iter("testcase") if case.find("failure") is not None
        ]


class TestLint:
    def test_argument(self, run):
        """A post given as an argument: findings on stdout, exit 0 (only warnings and info)."""
        code, out, err = run("lint", "--text", "Border reopens, folks! Trucks roll! https://news.example/a", "-p", "x")

        assert ExitCode.OK == code
        assert [
            "<text>:1:1: STR002 [x] post has no call to action",
            '<text>:1:17: CAS001 [x] "folks" is casual register',
            '<text>:1:35: PUN001 [x] "roll!" is exclamation 2; the news tone allows 1',
        ] == out.splitlines()
        assert "postkit: 3 findings in 1 post on 1 platform" in err

    def test_stdin(self, run):
        """``-`` (the default) reads the post from stdin; a trailing newline is not part of it."""
        code, out, _ = run("lint", "-p", "x", stdin=SEED_POST + "\n")

        assert (ExitCode.OK, "") == (code, out)

    def test_stdin_dash_and_path(self, run):
        """``--path`` names the post in the report."""
        code, out, _ = run("lint", "-", "-p", "x", "--stdin-filename", "posts/kaim.txt", stdin="Kaim crossing reopens")

        assert ExitCode.FINDINGS == code
        assert out.startswith("posts/kaim.txt:1:1: STR001 [x] post has no link to the article\n")

    def test_error_exits_1(self, run):
        """An error (LEN001) fails at the default --fail-on error."""
        code, out, _ = run("lint", "--text", "a" * 281 + " Read More: https://news.example/a", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert "LEN001" in out

    @pytest.mark.parametrize(
        ("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)], ids=["error", "warning", "info"]
    )
    def test_fail_on(self, run, fail_on, expected):
        """A warning (PUN002) fails only at --fail-on warning or info."""
        code, _, _ = run("lint", "--text", SEED_POST.replace("Crossing", "Crossing?!"), "-p", "x", "--fail-on", fail_on)

        assert expected == code

    def test_tone(self, run):
        """--tone casual turns CAS001 off."""
        text = "The crossing is open, folks. Read More: https://news.example/a"

        assert "CAS001" in run("lint", "--text", text, "-p", "x")[1]
        assert "CAS001" not in run("lint", "--text", text, "-p", "x", "--tone", "casual")[1]

    def test_several_platforms(self, run):
        """With several platforms each finding names its platform."""
        code, out, _ = run("lint", "--text", "a" * 400 + " Read More: https://news.example/a", "-p", "x,mastodon")

        assert ExitCode.FINDINGS == code
        assert ["[x]"] == [line.split(" LEN001 ")[1][:3] for line in out.splitlines() if "LEN001" in line]

    @pytest.mark.parametrize("fmt", list(FORMATS))
    def test_every_format(self, run, fmt):
        """Every format works for lint, and the exit code does not depend on it."""
        code, out, _ = run(
            "lint",
            "--text",
            "BREAKING!! Read More: https://news.example/a",
            "-p",
            "x",
            "-f",
            fmt,
            "--fail-on",
            "warning",
        )

        assert ExitCode.FINDINGS == code
        assert "CAP001" in out
        assert "PUN002" in out

    def test_json_document(self, run):
        """--format json is the versioned findings document."""
        _, out, _ = run(
            "lint",
            "--text",
            "Kaim reopens: trucks have LANDED. Read More: https://news.example/a",
            "-p",
            "x",
            "-f",
            "json",
        )
        doc = json.loads(out)

        assert [("CAP001", "<text>", 1, 27, 33)] == [
            (f["code"], f["path"], f["line"], f["column"], f["end_column"]) for f in doc["findings"]
        ]

    @pytest.mark.parametrize("command", ["lint", "check"])
    def test_fail_on_reaches_the_report(self, run, project, command):
        """--fail-on warning: the json summary and junit failures agree with the exit status."""
        _template(project, BAIT)
        args = (
            ["lint", "--text", "Kaim reopens!! Read More: https://news.example/a"]
            if command == "lint"
            else ["check", "--templates", "templates", "--examples", "examples"]
        )
        code, out, _ = run(*args, "-p", "x", "-f", "json", "--fail-on", "warning")
        junit = ET.fromstring(run(*args, "-p", "x", "-f", "junit", "--fail-on", "warning")[1])

        assert ExitCode.FINDINGS == code
        assert ("warning", True) == (json.loads(out)["summary"]["fail_on"], json.loads(out)["summary"]["failed"])
        assert "1" == junit.get("failures")

    def test_config_select(self, run, tmp_path):
        """``select`` in [tool.postkit] limits the rules run."""
        _config(tmp_path, 'select = ["CAP"]')
        _, out, _ = run("lint", "--text", "BREAKING!! folks", "-p", "x")

        assert ["CAP001"] == [line.split(" ")[1] for line in out.splitlines()]

    def test_bad_config_key_is_usage(self, run, tmp_path):
        """An unknown key in [tool.postkit] is exit 2, naming the key and suggesting the right one."""
        _config(tmp_path, 'tones = "news"')
        code, out, err = run("lint", "--text", "hi", "-p", "x")

        assert (ExitCode.USAGE, "") == (code, out)
        assert "'tool.postkit.tones'" in err
        assert "did you mean 'tone'?" in err

    def test_unknown_code_in_select_is_usage(self, run, tmp_path):
        """An unknown rule code in ``select`` is exit 2 with a did-you-mean."""
        _config(tmp_path, 'select = ["CLK01"]')
        code, _, err = run("lint", "--text", "hi", "-p", "x")

        assert ExitCode.USAGE == code
        assert "'tool.postkit.select'" in err
        assert "unknown rule code or prefix 'CLK01'; did you mean 'CLK001'?" in err

    def test_unknown_rule_option_is_usage(self, run, tmp_path):
        """An option a rule does not have is exit 2, naming the dotted key."""
        (tmp_path / "postkit.toml").write_text("[per-rule.EMO001]\nmaxx = 2\n", encoding="utf-8")
        code, _, err = run("lint", "--text", "hi", "-p", "x")

        assert ExitCode.USAGE == code
        assert "EMO001" in err
        assert "maxx" in err

    def test_bad_option_is_usage(self, run):
        """argparse errors (an unknown --fail-on level) exit 2."""
        assert ExitCode.USAGE == run("lint", "--text", "hi", "--fail-on", "fatal")[0]


class TestRules:
    def test_lists_every_code(self, run):
        """`postkit rules` lists the catalogue: every code with its severity and name."""
        code, out, _ = run("rules")

        assert ExitCode.OK == code
        for rule in RULES.values():
            assert rule.code in out
            assert rule.name in out

    def test_prints_one_doc(self, run):
        """`postkit rules CLK001` prints the rule's documentation."""
        code, out, _ = run("rules", "CLK001")

        assert ExitCode.OK == code
        assert out.startswith("# clickbait-phrase (CLK001)")
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Sources"):
            assert section in out
        assert "Checks for clickbait phrases" in out

    def test_unknown_code_is_usage(self, run):
        """An unknown code is exit 2 with a did-you-mean."""
        code, out, err = run("rules", "CLK01")

        assert (ExitCode.USAGE, "") == (code, out)
        assert "did you mean 'CLK001'?" in err

    def test_a_prefix_lists_its_rules(self, run):
        """`postkit rules CLK`: the CLK family's table (was "unknown rule code 'CLK'; did you mean 'CLK006'?")."""
        code, out, _ = run("rules", "CLK")

        assert ExitCode.OK == code
        assert [c for c in RULES if c.startswith("CLK")] == [line.split()[0] for line in out.splitlines()]

    @pytest.mark.parametrize(("given", "suggested"), [("CAPS", "CAP"), ("CKL", "CLK"), ("CAP0001", "CAP001")])
    def test_suggests_real_prefixes(self, run, given, suggested):
        """`--select CAPS` suggested CAS (as close by letters); a family the entry starts with decides."""
        for argv in (("rules", given), ("lint", "--text", "x", "--select", given)):
            code, _, err = run(*argv)
            assert ExitCode.USAGE == code
            assert f"did you mean {suggested!r}?" in err

    def test_shows_the_configured_severities(self, run, project):
        """`postkit rules` with a configuration: its severities (marked *) and `off` for rules not run."""
        _config(project, 'ignore = ["HYP"]\n[tool.postkit.per-rule.EMO001]\nseverity = "error"')
        _, out, _ = run("rules")
        severity = {line.split()[0]: line.split()[1] for line in out.splitlines() if line[:3].isupper()}

        assert ("error*", "off", str(RULES["CLK001"].severity)) == (
            severity["EMO001"],
            severity["HYP001"],
            severity["CLK001"],
        )
        assert "* set in the configuration" in out


class TestPreCommitHook:
    """.pre-commit-hooks.yaml: the `postkit` hook runs `postkit check` when templates or examples change."""

    @pytest.fixture(name="hook")
    def _hook(self) -> dict[str, object]:
        yaml = pytest.importorskip("yaml")
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        return next(h for h in hooks if h["id"] == "postkit")

    def test_shape(self, hook):
        """The fields pre-commit requires, and no file names passed (check reads its folders itself)."""
        assert ("postkit check", "python", False) == (hook["entry"], hook["language"], hook["pass_filenames"])
        assert hook["name"]

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("templates/teaser.txt.j2", True),
            ("src/postkit/templates/x.txt.j2", True),
            ("examples/kaim-crossing.json", True),
            ("news/examples/feeds/wire.jsonl", True),
            ("pyproject.toml", True),
            ("postkit.toml", True),
            ("src/postkit/cli.py", False),
            ("README.md", False),
        ],
        ids=["template", "nested-template", "example", "nested-example", "pyproject", "postkit-toml", "code", "readme"],
    )
    def test_files(self, hook, path, expected):
        """It runs when a template, an example record or the configuration changes (pre-commit uses re.search)."""
        assert expected == bool(re.search(str(hook["files"]), path))

    def test_entry_runs(self, hook, run, monkeypatch):
        """The entry is a real command: run on this repository it exits 0."""
        monkeypatch.chdir(ROOT)
        command = str(hook["entry"]).split()

        assert "postkit" == command[0]
        assert ExitCode.OK == run(*command[1:], *hook.get("args", []), "-p", "x")[0]


class TestAnnotationsInCI:
    """Issue 21's "done when": a CI run on a repository with a clickbait record annotates that record's line."""

    BAIT = "You Won't Believe These 10 Insane Hacks"

    @pytest.fixture(name="repo")
    def _repo(self, tmp_path: Path) -> Path:
        """A repository: templates/, and records/news.jsonl whose line 4 is the clickbait record."""
        repo = tmp_path / "repo"
        (repo / "templates").mkdir(parents=True)
        (repo / "records").mkdir()
        (repo / "templates" / "teaser.txt.j2").write_text(GOOD, encoding="utf-8")
        lines = [
            json.dumps(RECORD),
            json.dumps({"title": "Harbour opens its first electric berth", "url": "https://news.example/a"}),
            "",
            json.dumps({"title": self.BAIT, "url": "https://news.example/hacks"}),
        ]
        (repo / "records" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return repo

    @staticmethod
    def _check(repo: Path, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "GITHUB_WORKSPACE": str(repo)}
        command = [sys.executable, "-m", "postkit", "check", "--templates", str(repo / "templates")]
        command += ["--examples", str(repo / "records"), "-q", *argv]
        return subprocess.run(command, cwd=cwd or repo, env=env, capture_output=True, text=True, check=False)

    def test_fails_by_default_with_an_error_on_the_records_own_line(self, repo):
        """Default settings, `postkit check --format github`: exit 1, an error annotation on records/news.jsonl:4."""
        done = self._check(repo, "--format", "github")
        annotations = [line for line in done.stdout.splitlines() if "title=CLK001 " in line]

        assert 1 == done.returncode, done.stderr
        assert 1 == len(annotations), done.stdout  # once, for every platform
        assert annotations[0].startswith("::error file=records/news.jsonl,line=4,endLine=4,title=CLK001 ")
        assert "field 'title'] \"You Won't Believe\" is a clickbait phrase" in annotations[0]

    def test_output_format_as_ruff_spells_it(self, repo):
        """``--output-format`` is the same option."""
        assert self._check(repo, "--format", "github").stdout == self._check(repo, "--output-format", "github").stdout

    def test_from_a_subfolder_paths_are_from_the_workspace(self, repo):
        """GitHub places annotations by the path from the repository's root, wherever the job runs."""
        done = self._check(repo, "--format", "github", cwd=repo / "templates")

        assert "::" in done.stdout
        assert all("file=records/news.jsonl," in line for line in done.stdout.splitlines() if "CLK001" in line)

    def test_sarif_places_it_too(self, repo):
        """SARIF (code scanning): the record file's URI and line, the field in the result's properties."""
        done = self._check(repo, "--format", "sarif")
        results = [r for r in json.loads(done.stdout)["runs"][0]["results"] if r["ruleId"] == "CLK001"]
        location = results[0]["locations"][0]["physicalLocation"]

        assert ("records/news.jsonl", 4) == (location["artifactLocation"]["uri"], location["region"]["startLine"])
        assert "title" == results[0]["properties"]["origin"]["field"]

    def test_junit_names_the_record(self, repo):
        done = self._check(repo, "--format", "junit", "--fail-on", "warning")
        names = [case.get("name") for case in ET.fromstring(done.stdout).iter("testcase")]

        assert "CLK001 records/news.jsonl:4:1" in names

    def _broken(self, repo: Path) -> None:
        """A record without a url on line 2 of records/broken.jsonl."""
        lines = [json.dumps(RECORD), json.dumps({"title": "No link here"})]
        (repo / "records" / "broken.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def test_a_failing_record_is_an_annotation(self, repo):
        """The new user's review: a record error failed the job but showed only on stderr, never as an annotation."""
        self._broken(repo)
        done = self._check(repo, "--format", "github")
        [annotation] = [line for line in done.stdout.splitlines() if "title=RECORD" in line]

        assert 1 == done.returncode
        assert annotation.startswith("::error file=records/broken.jsonl,line=2,endLine=2,title=RECORD::")
        assert "field 'url': is required" in annotation

    def test_a_failing_record_in_sarif_and_junit(self, repo):
        self._broken(repo)
        sarif = json.loads(self._check(repo, "--format", "sarif").stdout)
        [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "RECORD"]
        location = result["locations"][0]["physicalLocation"]
        junit = ET.fromstring(self._check(repo, "--format", "junit").stdout)
        failures = [case.get("name") for case in junit.iter("testcase") if case.find("failure") is not None]

        assert ("error", "records/broken.jsonl", 2) == (
            result["level"],
            location["artifactLocation"]["uri"],
            location["region"]["startLine"],
        )
        assert "startColumn" not in location["region"]
        assert "RECORD records/broken.jsonl:2:1" in failures

    def test_concise_keeps_record_errors_on_stderr(self, repo):
        """The other formats are unchanged: the error on stderr, not among the findings."""
        self._broken(repo)
        done = self._check(repo)

        assert "RECORD" not in done.stdout
        assert "records/broken.jsonl, line 2, field 'url': is required" in done.stderr

    def test_nothing_fits_is_annotated_at_the_record_not_postkits_template(self, repo):
        """The new user's review: LEN001 was annotated at postkit's installed template (site-packages), once a record.

        With the shipped templates (no ``--templates``) on a 60-character platform, every annotation is inside
        the workspace: each record's file and line.
        """
        (repo / "postkit.toml").write_text('[platforms.tiny]\nbase = "mastodon"\nlimit = 60\n', encoding="utf-8")
        env = {**os.environ, "GITHUB_WORKSPACE": str(repo)}
        command = [sys.executable, "-m", "postkit", "check", "--examples", "records", "-p", "tiny", "-q"]
        done = subprocess.run(
            [*command, "--format", "github"], cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
        fits = [line for line in annotations if "title=LEN001" in line]

        assert 1 == done.returncode, done.stderr
        assert fits, done.stdout
        assert all(re.match(r"::\w+ file=records/news\.jsonl,line=[124],", line) for line in annotations), annotations
        assert "site-packages" not in done.stdout
        assert "src/postkit" not in done.stdout

    @pytest.mark.parametrize("fmt", ["concise", "github"])
    def test_configured_examples_are_named_as_given(self, repo, fmt):
        """The new user's review: with ``examples`` from the config, messages named records by absolute path.

        Now as with ``--examples records``: every path relative to the current folder (annotations'
        ``file=`` relative to the workspace), nothing absolute, on stdout or stderr.
        """
        config = '[tool.postkit]\ntemplates = "templates"\nexamples = "records"\n'
        (repo / "pyproject.toml").write_text(config, encoding="utf-8")
        (repo / "records" / "more.csv").write_text("headline,url\nKaim,https://news.example/k\n", encoding="utf-8")
        env = {**os.environ, "GITHUB_WORKSPACE": str(repo)}
        command = [sys.executable, "-m", "postkit", "check", "--format", fmt]
        done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)
        given = subprocess.run(
            [*command, "--examples", "records"], cwd=repo, env=env, capture_output=True, text=True, check=False
        )

        assert "CLK001" in done.stdout
        assert "records/more.csv, line 2, field 'headline'" in done.stderr  # a warning names its record too
        assert str(repo) not in done.stdout + done.stderr
        assert (given.stdout, given.stderr) == (done.stdout, done.stderr)


def test_quiet_silences_record_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check -q prints the findings and nothing else: no record warnings (a synonym), no summary; errors stay."""
    from postkit.cli.main import main  # noqa: PLC0415

    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "a.jsonl").write_text(
        json.dumps({"headline": "Harbour opens a new berth", "url": "https://a.example/"})
        + "\n"
        + json.dumps({"url": "https://a.example/no-title"})
        + "\n",
        "utf-8",
    )
    main(["check", "--examples", str(examples), "-p", "x"])
    loud = capsys.readouterr().err
    main(["check", "--examples", str(examples), "-p", "x", "-q"])
    quiet = capsys.readouterr().err

    assert "warning: " in loud
    assert "read as 'title'" in loud
    assert "warning: " not in quiet
    assert [line for line in quiet.splitlines() if line.startswith("error: ")] == [
        line for line in loud.splitlines() if line.startswith("error: ")
    ]
    assert any(line.startswith("error: ") for line in quiet.splitlines())
