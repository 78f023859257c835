"""Tests for the CLI's options (cli/common.py, cli/printing.py, cli/progress.py): lint's inputs and what ruff spells.

``postkit lint PATH...`` (files, folders, ``-``), ``--text``; ``--select``, ``--ignore``,
``--extend-select``, ``--exit-zero``, ``--statistics``, ``-q``, on lint and check; global
options after the command; findings sorted by file, line, column; plural-correct summaries.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from postkit.cli.common import ExitCode
from postkit.cli.main import main
from postkit.cli.printing import plural

CLEAN = "Iraq and Syria reopen the Kaim crossing\n\n📝🌍🔗 Read More: https://news.example/world/kaim\n"
LOUD = "BREAKING!! Kaim crossing reopens, folks\n\nRead More: https://news.example/world/kaim\n"
RECORD = {"title": "Kaim crossing reopens", "url": "https://news.example/world/kaim-crossing"}


@pytest.fixture(name="posts")
def _posts(tmp_path: Path) -> Path:
    """posts/clean.txt, posts/loud.txt, posts/week/b.txt (loud), and a note that is not a post."""
    folder = tmp_path / "posts"
    (folder / "week").mkdir(parents=True)
    (folder / "clean.txt").write_text(CLEAN, "utf-8")
    (folder / "loud.txt").write_text(LOUD, "utf-8")
    (folder / "week" / "b.txt").write_text(LOUD, "utf-8")
    (folder / "notes.json").write_text("{}", "utf-8")
    (folder / ".hidden.txt").write_text(LOUD, "utf-8")
    return folder


def codes_of(out: str) -> list[str]:
    return [line.split(" ")[1] for line in out.splitlines()]


class TestLintInputs:
    def test_a_file_is_linted_not_its_name(self, run, posts):
        """``postkit lint post.txt`` checks what the file holds, with its lines and columns."""
        code, out, err = run("lint", "posts/loud.txt", "-p", "x")

        assert ExitCode.OK == code  # warnings only
        assert out.startswith("posts/loud.txt:1:1: CAP001 ")
        assert "posts/loud.txt:1:35: CAS001 " in out
        assert "STR001" not in out
        assert "postkit: 3 findings in 1 post on 1 platform" in err

    def test_folders_and_many_files_in_one_process(self, run, posts):
        """A folder gives its .txt files, recursively and sorted; hidden entries and other files are skipped."""
        _, out, err = run("lint", "posts", "-p", "x")

        paths = sorted({line.split(":")[0] for line in out.splitlines()})
        assert ["posts/loud.txt", "posts/week/b.txt"] == paths
        assert "in 3 posts on 1 platform" in err

    def test_stdin_and_text(self, run):
        """``-`` reads stdin (named by --stdin-filename); ``--text`` lints literal text; both in one run."""
        code, out, _ = run("lint", "--text", LOUD, "-", "--stdin-filename", "draft.txt", "-p", "x", stdin=LOUD)

        assert ExitCode.OK == code
        assert {"<text>", "draft.txt"} == {line.split(":")[0] for line in out.splitlines()}

    def test_no_path_reads_stdin(self, run):
        """Without a path or --text, lint reads stdin, as before."""
        _, out, _ = run("lint", "-p", "x", stdin=LOUD)

        assert out.startswith("<stdin>:1:1: CAP001")

    def test_missing_path_is_a_usage_error(self, run):
        """A path that does not exist is exit 2, with a hint for literal text."""
        code, out, err = run("lint", "Kaim crossing reopens", "-p", "x")

        assert (ExitCode.USAGE, "") == (code, out)
        assert "postkit: error: no such file or folder: Kaim crossing reopens" in err

    def test_unreadable_file_is_reported_and_fails(self, run, tmp_path):
        """A file that is not UTF-8 is one line on stderr and exit 1; the others are still linted."""
        (tmp_path / "bad.txt").write_bytes(b"\xff\xfe bad")
        (tmp_path / "good.txt").write_text(CLEAN, "utf-8")
        code, _, err = run("lint", "bad.txt", "good.txt", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert "error: bad.txt: not UTF-8 (byte 0)" in err
        assert "in 1 post on 1 platform; 1 input not linted" in err


class TestSelection:
    @pytest.mark.parametrize("command", ["lint", "check"])
    def test_select_ignore_extend_select(self, run, posts, command):
        """--select replaces, --ignore removes, --extend-select adds, as ruff's options do."""
        if command == "check":
            (posts.parent / "examples").mkdir()
            (posts.parent / "examples" / "a.json").write_text(json.dumps(RECORD), "utf-8")
            (posts.parent / "templates").mkdir()
            (posts.parent / "templates" / "teaser.txt.j2").write_text(
                "BREAKING!! {{ title }}, folks\n\n{{ cta }}: {{ link }}\n", "utf-8"
            )
            base = ["check", "--templates", "templates", "-p", "x"]
        else:
            base = ["lint", "posts/loud.txt", "-p", "x"]
        everything = set(codes_of(run(*base)[1]))
        only_cap = codes_of(run(*base, "--select", "CAP")[1])
        without = set(codes_of(run(*base, "--ignore", "CAP001,CAS")[1]))
        extended = set(codes_of(run(*base, "--select", "CAP", "--extend-select", "PUN002")[1]))

        assert {"CAP001", "CAS001", "PUN002"} <= everything
        assert {"CAP001"} == set(only_cap)
        assert everything - {"CAP001", "CAS001"} == without
        assert {"CAP001", "PUN002"} == extended

    def test_extend_select_overrides_a_configured_ignore(self, run, posts):
        """A code the config ignores comes back with --extend-select."""
        (posts.parent / "postkit.toml").write_text('ignore = ["CAP001"]\n', "utf-8")

        assert "CAP001" not in codes_of(run("lint", "posts/loud.txt", "-p", "x")[1])
        assert "CAP001" in codes_of(run("lint", "posts/loud.txt", "-p", "x", "--extend-select", "CAP001")[1])

    def test_unknown_code_is_a_usage_error(self, run, posts):
        """An unknown code on the command line is exit 2, naming the option, with a did-you-mean."""
        code, _, err = run("lint", "posts/loud.txt", "--select", "CLK01")

        assert ExitCode.USAGE == code
        assert "postkit: error: --select: unknown rule code or prefix 'CLK01'; did you mean 'CLK001'?" in err

    def test_exit_zero(self, run):
        """--exit-zero: findings are printed, the exit code is 0."""
        text = "a" * 300 + " https://news.example/a"
        failing = run("lint", "--text", text, "-p", "x")
        zero = run("lint", "--text", text, "-p", "x", "--exit-zero")

        assert (ExitCode.FINDINGS, ExitCode.OK) == (failing[0], zero[0])
        assert "LEN001" in zero[1]

    def test_statistics(self, run, posts):
        """--statistics: a count per rule, most first, instead of the findings; json too."""
        _, out, _ = run("lint", "posts", "-p", "x", "--statistics")
        _, doc, _ = run("lint", "posts", "-p", "x", "--statistics", "-f", "json")

        assert "2\tCAP001\tall-caps" in out.splitlines()[0]
        assert {"code": "CAP001", "name": "all-caps", "count": 2} == json.loads(doc)[0]

    def test_quiet(self, run, posts):
        """-q prints the findings and nothing else."""
        _, out, err = run("lint", "posts/loud.txt", "-p", "x", "-q")

        assert out
        assert "" == err


class TestConventions:
    def test_global_options_after_the_command(self, run, posts, tmp_path):
        """--config given after the command is used."""
        config = tmp_path / "strict.toml"
        config.write_text('select = ["CAP"]\n', "utf-8")

        assert {"CAP001"} == set(codes_of(run("lint", "posts/loud.txt", "-p", "x", "--config", str(config))[1]))

    def test_findings_sorted_by_file_line_column(self, run, posts):
        """Across files and platforms, findings come by file, then line, then column."""
        _, out, _ = run("lint", "posts/week/b.txt", "posts/loud.txt", "-p", "x,mastodon")
        keys = [(p, int(line), int(col)) for p, line, col, _ in (row.split(":", 3) for row in out.splitlines())]

        assert keys == sorted(keys)
        assert keys[0][0] == "posts/loud.txt"

    def test_plural(self):
        assert ["1 post", "2 posts", "0 posts", "1 info"] == [
            plural(1, "post"),
            plural(2, "post"),
            plural(0, "post"),
            plural(1, "info", "info"),
        ]

    def test_compose_summary_is_plural_correct(self, run, tmp_path):
        """One record on one platform: '1 post from 1 record on 1 platform; 0 records failed'."""
        (tmp_path / "a.json").write_text(json.dumps(RECORD), "utf-8")
        _, _, err = run("compose", "a.json", "-p", "x")

        assert "postkit: 1 post from 1 record on 1 platform; 0 records failed" in err

    def test_payload_in_text_format_is_a_usage_error(self, run, tmp_path):
        """--payload only goes into json/jsonl; with text it says so (exit 2) instead of being ignored."""
        (tmp_path / "a.json").write_text(json.dumps(RECORD), "utf-8")
        code, out, err = run("compose", "a.json", "-p", "x", "--payload")

        assert (ExitCode.USAGE, "") == (code, out)
        assert "--payload needs --format json or jsonl" in err

    def test_missing_path_in_a_subprocess(self, tmp_path):
        """The installed command: a missing input path exits 2, one line, no traceback."""
        done = subprocess.run(
            [sys.executable, "-m", "postkit", "compose", "nope.json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )

        assert (2, "postkit: error: no such file or folder: nope.json\n") == (done.returncode, done.stderr)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    @pytest.fixture(name="records")
    def _records(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        lines = [json.dumps({**RECORD, "id": i}) for i in range(50)]
        (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        return "a.jsonl"

    def test_bar_on_a_terminal(self, records, monkeypatch, capsys):
        """stderr is a terminal: tqdm draws a bar counting records; the summary follows."""
        terminal = FakeTerminal()
        monkeypatch.setattr("sys.stderr", terminal)

        assert ExitCode.OK == main(["compose", records, "-p", "x", "-f", "jsonl"])
        assert 50 == len(capsys.readouterr().out.splitlines())
        assert " records" in terminal.getvalue()
        assert "\r" in terminal.getvalue()
        assert terminal.getvalue().endswith("postkit: 50 posts from 50 records on 1 platform; 0 records failed\n")

    def test_nothing_otherwise(self, records, capsys):
        """stderr is a pipe or a file: no bar characters, only the summary."""
        assert ExitCode.OK == main(["compose", records, "-p", "x", "-f", "jsonl"])

        assert "postkit: 50 posts from 50 records on 1 platform; 0 records failed\n" == capsys.readouterr().err

    def test_check_too(self, records, monkeypatch):
        terminal = FakeTerminal()
        monkeypatch.setattr("sys.stderr", terminal)

        main(["check", "--examples", records, "-p", "x", "-q"])

        assert " records" in terminal.getvalue()


def test_load_settings_leaves_the_arguments_alone(tmp_path):
    """The settings are returned, not stored on the argparse namespace."""
    from postkit.cli.common import load_settings  # noqa: PLC0415
    from postkit.cli.parser import build_parser  # noqa: PLC0415

    (tmp_path / "postkit.toml").write_text('ignore = ["HYP"]\n', "utf-8")
    args = build_parser().parse_args(["--config", str(tmp_path / "postkit.toml"), "lint", "--select", "CAP,HYP"])
    before = dict(vars(args))
    settings = load_settings(args)

    assert before == vars(args)
    assert {"CAP001", "HYP001"} <= set(settings.rules.codes())


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--map", "a=tagz"], "postkit: error: --map: 'a' is mapped to 'tagz', which is not a record field"),
        (["--utm-campaign", "a\nb"], "postkit: error: --utm-campaign: expected a campaign name on one line"),
        (["--base-url", "ftp://x"], "postkit: error: --base-url: base URL: expected an absolute http(s) URL"),
    ],
)
@pytest.mark.parametrize("command", ["compose", "preview"])
def test_a_bad_option_is_named_as_the_option(
    command: str, option: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A flag's bad value names the flag, not the configuration key (`field 'fields'`)."""
    examples = str(Path(__file__).resolve().parents[1] / "examples")
    assert ExitCode.USAGE == main(
        [command, examples, "-p", "x", *option, *(["-o", "-"] if command == "preview" else [])]
    )
    err = capsys.readouterr().err
    assert err.startswith(said), err
    assert "field '" not in err


def test_check_takes_the_reading_and_link_options_compose_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new user's review: check refused --base-url, --map and --utm-medium, which compose takes.

    A record with its title under another key and only a slug: without the options it fails; with them it
    becomes its post, and the preview's link carries the medium asked for.
    """
    examples = tmp_path / "records"
    examples.mkdir()
    (examples / "a.jsonl").write_text(
        json.dumps({"web_title": "Kaim crossing reopens", "slug": "kaim"}) + "\n", "utf-8"
    )
    page = tmp_path / "p.html"
    options = ["--base-url", "https://gazette.example/news/", "--map", "web_title=title", "--utm-medium", "email"]
    plain = ["check", "--examples", str(examples), "-p", "x"]

    assert ExitCode.FINDINGS == main(plain)
    capsys.readouterr()
    assert ExitCode.OK == main([*plain, *options, "--preview", str(page)]), capsys.readouterr().err
    assert "https://gazette.example/news/kaim" in page.read_text("utf-8")
    assert "utm_medium=email" in page.read_text("utf-8")


@pytest.mark.parametrize("command", ["compose", "preview", "publish", "check"])
def test_every_composing_command_takes_the_same_reading_options(command: str) -> None:
    """One set of options for every command that composes records (cli/parser.py's shared parents)."""
    from postkit.cli.parser import build_parser  # noqa: PLC0415

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    flags = {flag for action in sub._actions for flag in action.option_strings}

    assert {"--base-url", "--map", "--utm-medium", "--utm-campaign", "--templates", "--include-drafts"} <= flags
