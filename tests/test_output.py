"""Issue 13, items 6, 7, 9 and 13: outputs land whole, never over an input; stderr and
stdout survive hostile names, bad bytes and a closed stream."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from bounded import one_line_error, run_bounded
from postkit.cli.common import ExitCode
from postkit.cli.main import main
from postkit.errors import OutputError
from postkit.output import atomic_output, check_not_input, write_text
from postkit.pipeline import compose_records
from postkit.platforms.registry import get_platform

EXAMPLE = str(Path(__file__).parent.parent / "examples" / "kaim-crossing.json")
RECORD = '{"title": "Kaim crossing reopens", "url": "https://news.example/a"}\n'


class TestAtomicOutput:
    """Item 13: temp file + rename, the umask's permissions, nothing left on failure."""

    def test_failure_leaves_the_old_file(self, tmp_path: Path) -> None:
        """An exception mid-write keeps the old content and leaves no temp file."""
        target = tmp_path / "out.txt"
        target.write_text("old", "utf-8")

        def interrupted() -> None:
            with atomic_output(target) as out:
                out.write("half")
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            interrupted()

        assert "old" == target.read_text("utf-8")
        assert ["out.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_permissions_follow_the_umask(self, tmp_path: Path) -> None:
        """0666 minus the umask, as open() would give (not mkstemp's 0600)."""
        old = os.umask(0o027)
        try:
            with atomic_output(tmp_path / "a.html") as out:
                out.write("x")
        finally:
            os.umask(old)

        assert 0o640 == (tmp_path / "a.html").stat().st_mode & 0o777

    def test_preview_is_world_readable_under_umask_022(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """preview writes through the same helper: 0644 under umask 022."""
        old = os.umask(0o022)
        try:
            code, _, _ = run("preview", EXAMPLE, "-p", "x", "-o", "page.html")
        finally:
            os.umask(old)

        assert ExitCode.OK == code
        assert 0o644 == (tmp_path / "page.html").stat().st_mode & 0o777


class TestOutputIsNotAnInput:
    """Item 9: an output path that is one of the inputs is refused (exit 2), the input intact."""

    def test_compose_refuses_its_input(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """compose w.jsonl -o w.jsonl: exit 2, w.jsonl unchanged."""
        (tmp_path / "w.jsonl").write_text(RECORD, "utf-8")
        code, _, err = run("compose", "w.jsonl", "-f", "jsonl", "-o", "w.jsonl", "-p", "x")

        assert ExitCode.USAGE == code
        assert "is an input" in err
        assert RECORD == (tmp_path / "w.jsonl").read_text("utf-8")

    def test_compose_refuses_a_file_inside_an_input_folder(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """-o inside a folder being read would be read on the next run: refused."""
        (tmp_path / "d").mkdir()
        (tmp_path / "d" / "w.jsonl").write_text(RECORD, "utf-8")
        code, _, err = run("compose", "d", "-o", "d/out.jsonl", "-p", "x")

        assert ExitCode.USAGE == code
        assert not (tmp_path / "d" / "out.jsonl").exists()
        assert "'d/out.jsonl' is in the input folder 'd': the next run would read it as records" in err
        assert "destroy" not in err

    def test_check_and_preview_refuse_their_inputs(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """check -o / --preview and preview -o over an example file are refused."""
        (tmp_path / "e.jsonl").write_text(RECORD, "utf-8")
        for argv in (
            ("check", "--examples", "e.jsonl", "-p", "x", "-o", "e.jsonl"),
            ("check", "--examples", "e.jsonl", "-p", "x", "--preview", "e.jsonl"),
            ("preview", "e.jsonl", "-p", "x", "-o", "e.jsonl"),
        ):
            code, _, _ = run(*argv)

            assert ExitCode.USAGE == code, argv
            assert RECORD == (tmp_path / "e.jsonl").read_text("utf-8")

    def test_link_to_the_input_is_refused(self, tmp_path: Path) -> None:
        """A link to the input is the input."""
        (tmp_path / "w.jsonl").write_text(RECORD, "utf-8")
        (tmp_path / "l.jsonl").symlink_to(tmp_path / "w.jsonl")
        with pytest.raises(OutputError):
            check_not_input(tmp_path / "l.jsonl", [tmp_path / "w.jsonl"])


class TestStreamedJson:
    """Item 13: -f json is streamed, and still one JSON document as before."""

    def test_document_matches_json_dump(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """The streamed bytes equal json.dump(indent=2) of the same document, with 0, 1 and 3 posts."""
        (tmp_path / "bad.jsonl").write_text('{"title": "no url"}\n', "utf-8")
        (tmp_path / "three.jsonl").write_text(RECORD * 3, "utf-8")
        for name in ("bad.jsonl", "three.jsonl", EXAMPLE):
            _, out, _ = run("compose", name, "-f", "json", "-p", "x")

            assert json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n" == out


class TestHostileNamesAndStreams:
    """Items 6, 7 and 13: names that are not UTF-8 or hold workflow commands; closed stdout."""

    def test_non_utf8_file_name(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """caf\\xe9.json in a folder: compose -o, -f json -o and stdout all work."""
        folder = tmp_path / "d"
        folder.mkdir()
        with open(os.path.join(os.fsencode(folder), b"caf\xe9.json"), "wb") as fh:  # noqa: PTH118, PTH123
            fh.write(RECORD.encode())
        for argv in (
            ("compose", "d", "-o", "out.txt", "-p", "x"),
            ("compose", "d", "-f", "json", "-o", "out.json", "-p", "x"),
            ("compose", "d", "-p", "x"),
        ):
            code, _, err = run(*argv)

            assert ExitCode.OK == code, err
        assert "caf\\xe9.json" in (tmp_path / "out.txt").read_text("utf-8")
        json.loads((tmp_path / "out.json").read_text("utf-8"))

    def test_lint_stdin_not_utf8(self, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
        """printf 'Hello \\xff' | postkit lint -: a one-line error for that input, exit 1."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hello \xff"), encoding="utf-8"))
        code, _, err = run("lint", "-")

        assert ExitCode.FINDINGS == code
        assert err.startswith("error: <stdin>: not UTF-8 (byte 6)\n")

    def test_workflow_command_in_file_name(self, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """A file name holding '\\n::error file=x::' never starts a line on stderr or in --format github."""
        folder = tmp_path / "d"
        folder.mkdir()
        (folder / "a\n::error file=x::pwned.jsonl").write_text('{"title": "no url"}\n', "utf-8")
        code, _, err = run("compose", "d", "-p", "x")

        assert ExitCode.FINDINGS == code
        assert not any(line.lstrip().startswith("::") for line in err.splitlines())
        assert "a\\n::error file=x::pwned.jsonl" in err
        (tmp_path / "t").mkdir()
        (tmp_path / "t" / "teaser.txt.j2").write_text("{{ nope }}", "utf-8")
        _, out, err = run("check", "--templates", "t", "--examples", "d", "-p", "x", "-f", "github")

        # The record's error is an annotation on its file (RECORD): the name only escaped, as a property.
        assert not any(line.startswith("::error file=x::") for line in out.splitlines())
        assert all(
            "pwned" not in line or "file=d/a%0A%3A%3Aerror file=x%3A%3Apwned.jsonl," in line
            for line in out.splitlines()
        )
        assert not any(line.lstrip().startswith("::") for line in err.splitlines())

    def test_closed_stdout(self, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        """postkit compose >&-: a one-line error (exit 2), not an AttributeError; -o still works."""
        monkeypatch.setattr(sys, "stdout", None)
        code, _, err = run("compose", EXAMPLE, "-p", "x")

        assert ExitCode.USAGE == code
        assert "stdout is closed" in err
        code, _, _ = run("compose", EXAMPLE, "-p", "x", "-o", "out.txt")

        assert ExitCode.OK == code
        assert (tmp_path / "out.txt").read_text("utf-8").startswith("# ")


def test_a_device_is_written_as_it_is() -> None:
    """``-o /dev/null`` works: a target that is no regular file has nothing to replace."""
    write_text("discarded\n", "/dev/null")

    assert Path("/dev/null").exists()


def test_compose_to_dev_null(capsys: pytest.CaptureFixture[str]) -> None:
    """``postkit compose … -o /dev/null`` composes and discards, exit 0."""
    examples = Path(__file__).resolve().parent.parent / "examples" / "kaim-crossing.json"

    assert ExitCode.OK == main(["compose", str(examples), "-p", "x", "-o", "/dev/null"])
    assert "1 post from 1 record" in capsys.readouterr().err


class TestOutputThatCannotBeWritten:
    """Issue 23: a read-only -o file is not replaced; a missing folder is named as the -o path's."""

    def test_read_only_output_is_refused(self, tmp_path: Path) -> None:
        (tmp_path / "posts.txt").write_text("old", "utf-8")
        (tmp_path / "posts.txt").chmod(0o444)
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", "-o", "posts.txt", cwd=tmp_path))
        assert "posts.txt: is read-only: not replaced" in line
        assert "old" == (tmp_path / "posts.txt").read_text("utf-8")
        assert ["posts.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_missing_folder_names_the_output(self, tmp_path: Path) -> None:
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", "-o", "no/such/posts.txt", cwd=tmp_path))
        assert "no/such/posts.txt: its folder 'no/such' does not exist" in line
        assert ".tmp" not in line

    def test_refused_before_anything_is_read(self, tmp_path: Path) -> None:
        """compose_records checks the output first: a read-only one fails before the records are read."""
        (tmp_path / "out.txt").write_text("old", "utf-8")
        (tmp_path / "out.txt").chmod(0o444)
        with pytest.raises(OutputError, match="read-only"):
            compose_records([tmp_path / "does-not-exist.json"], [get_platform("x")], tmp_path / "out.txt")

    def test_atomic_output_refuses_too(self, tmp_path: Path) -> None:
        with pytest.raises(OutputError, match="does not exist") as info:
            write_text("x", tmp_path / "gone" / "page.html")
        assert str(tmp_path / "gone" / "page.html") == info.value.path
        with pytest.raises(OutputError, match="is a folder"):
            write_text("x", tmp_path)

    def test_a_writable_file_and_a_device_are_still_written(self, tmp_path: Path) -> None:
        write_text("new", tmp_path / "page.html")
        write_text("new", tmp_path / "page.html")
        assert "new" == (tmp_path / "page.html").read_text("utf-8")
        write_text("into the void", os.devnull)
