"""Issue 13, items 5, 10 and 13: inputs are read with size caps and streamed.

Small caps are set through the API (``Limits``), so no test needs a large file.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from postkit import load_articles
from postkit.article import Article
from postkit.errors import RecordError
from postkit.records.capped import CappedReader, Limits
from postkit.records.reading import iter_record_files

URL = "https://news.example/a"
SMALL = Limits(record_bytes=5_000, document_bytes=20_000)


def record(title: str = "T", **extra: object) -> str:
    return json.dumps({"title": title, "url": URL, **extra})


def outcome(path: Path | str, limits: Limits = SMALL) -> list[Article | RecordError]:
    return list(load_articles(path, limits=limits))


class TestCaps:
    """Item 5: every format has a cap; past it, one error and no memory spent."""

    def test_long_jsonl_line_costs_that_line(self, tmp_path: Path) -> None:
        """A line over the record cap is that record's error; the next lines are read."""
        path = tmp_path / "a.jsonl"
        path.write_text(record("A") + "\n" + record("B", summary="x" * 6_000) + "\n" + record("C") + "\n", "utf-8")
        results = outcome(path)

        assert ["A", None, "C"] == [r.title if isinstance(r, Article) else None for r in results]
        assert isinstance(results[1], RecordError)
        assert 2 == results[1].line
        assert "over the 5,000-byte limit" in results[1].message

    def test_long_csv_line_costs_that_row(self, tmp_path: Path) -> None:
        """The same in CSV."""
        path = tmp_path / "a.csv"
        path.write_text(f"title,url,summary\nA,{URL},s\nB,{URL},{'x' * 6_000}\nC,{URL},s\n", "utf-8")
        results = outcome(path)

        assert ["A", None, "C"] == [r.title if isinstance(r, Article) else None for r in results]

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("a.json", json.dumps([{"title": "T", "url": URL}] * 800)),
            ("a.md", f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n' + "word " * 2_000),
            ("a.txt", f"Title: T\nURL: {URL}\n\n" + "word " * 2_000),
        ],
        ids=["json", "md", "txt"],
    )
    def test_whole_file_formats_are_capped(self, tmp_path: Path, name: str, content: str) -> None:
        """A document over its cap is one error naming the cap."""
        path = tmp_path / name
        path.write_text(content, "utf-8")
        results = outcome(path)

        assert 1 == len(results)
        assert isinstance(results[0], RecordError)
        assert "file is larger than" in results[0].message

    def test_endless_line_stops(self) -> None:
        """A line that never ends (/dev/zero) stops at the document cap: no endless skipping."""
        reader = CappedReader(
            io.BufferedReader(io.BytesIO(b"z" * 100_000)), "<stdin>", read_limit=30_000, line_limit=1_000
        )
        with pytest.raises(RecordError, match="without ending"):
            list(reader.lines())

    def test_dev_zero_is_refused(self, tmp_path: Path) -> None:
        """A link to /dev/zero named like a record file is refused, not read."""
        for name in ("z.json", "z.jsonl", "z.csv"):
            (tmp_path / name).symlink_to("/dev/zero")
            results = outcome(tmp_path / name)

            assert 1 == len(results)
            assert isinstance(results[0], RecordError)
            assert "not a regular file" in results[0].message

    def test_stdin_endless_array_is_capped(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A JSON array on stdin that never ends stops at the document cap."""
        data = b"[" + (record().encode() + b",\n") * 1_000
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        results = outcome("-")

        assert 1 == len(results)
        assert isinstance(results[0], RecordError)
        assert "file is larger than 20,000 bytes" in results[0].message

    def test_stdin_feed_is_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A feed on stdin that never ends stops at 8 documents' worth (it is spooled to disk)."""
        data = b'<rss version="2.0"><channel>\n' + b" " * 200_000
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        results = outcome("-")

        assert 1 == len(results)
        assert isinstance(results[0], RecordError)
        assert "larger than 160,000 bytes" in results[0].message

    def test_stdin_blank_lines_are_not_buffered(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """2 MB of blank lines before a record: read with flat memory, the line number kept."""
        data = b"\n" * 2_000_000 + record("A").encode() + b"\n"
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        tracemalloc.start()
        try:
            results = list(load_articles("-", limits=SMALL))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

        assert ["A"] == [r.title for r in results if isinstance(r, Article)]
        assert peak < 1_000_000, peak

    def test_stdin_blank_lines_then_json_document(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Blank lines before a JSON document: an error in it names its real line."""
        data = b"\n" * 5 + b'[\n{"title": "A", "url": "' + URL.encode() + b'"},\n]\n'
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
        results = outcome("-")

        assert isinstance(results[0], RecordError)
        assert 8 == results[0].line


class TestMemoryAndReadErrors:
    """Item 5: MemoryError and OSError while reading end as one error, in the library and the CLI."""

    def test_memory_error_is_one_record_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader running out of memory: one RecordError for the file; the next file is read."""
        from postkit.records import reading  # noqa: PLC0415

        def exhausted(*_args: object) -> Iterator[object]:
            raise MemoryError
            yield  # pragma: no cover

        (tmp_path / "a.md").write_text(f'+++\ntitle = "T"\nurl = "{URL}"\n+++\n', "utf-8")
        (tmp_path / "b.jsonl").write_text(record("B") + "\n", "utf-8")
        monkeypatch.setitem(reading._READERS, ".md", exhausted)
        results = outcome(tmp_path, Limits())

        assert [RecordError, Article] == [type(r) for r in results]
        assert "out of memory" in str(results[0])

    def test_cli_memory_error_is_one_line(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """postkit itself running out of memory: one line on stderr, exit 1, no traceback."""
        import postkit.cli.main as cli  # noqa: PLC0415

        def exhausted(*_args: object) -> int:
            raise MemoryError

        monkeypatch.setitem(cli._COMMANDS, "compose", exhausted)
        code = cli.main(["compose", "x.jsonl"])
        err = capsys.readouterr().err

        assert 1 == code
        assert [
            "postkit: error: out of memory (an input or a template needs more than this machine has)"
        ] == err.splitlines()


class TestCsvDecodeErrors:
    """Item 10: one bad byte in a CSV costs one row, not the rest of the file."""

    def test_bad_byte_costs_one_row(self, tmp_path: Path) -> None:
        """0xFF at line 102 of 2,000 rows: 1,999 articles and one error."""
        lines = [b"title,url"] + [f"Title {i},{URL}/{i}".encode() for i in range(2_000)]
        lines[102] += b" \xff"
        path = tmp_path / "a.csv"
        path.write_bytes(b"\n".join(lines) + b"\n")
        results = outcome(path, Limits())
        errors = [r for r in results if isinstance(r, RecordError)]

        assert 1_999 == sum(isinstance(r, Article) for r in results)
        assert [103] == [e.line for e in errors]
        assert "not UTF-8" in errors[0].message

    def test_bad_byte_inside_quoted_cell(self, tmp_path: Path) -> None:
        """A bad line inside a quoted cell costs that record only; quotes stay balanced."""
        path = tmp_path / "a.csv"
        path.write_bytes(b'title,url\n"A\xff\nB",' + URL.encode() + b"\nC," + URL.encode() + b"\n")
        results = outcome(path, Limits())

        assert [RecordError, Article] == [type(r) for r in results]
        assert "C" == results[1].title  # type: ignore[union-attr]


class TestFolderEntries:
    """Item 13: a dangling link or FIFO in a folder is reported, not skipped or hung on."""

    def test_dangling_link_and_fifo_are_reported(self, tmp_path: Path) -> None:
        """Both are errors naming the entry; the good file is read."""
        (tmp_path / "good.jsonl").write_text(record("A") + "\n", "utf-8")
        (tmp_path / "gone.jsonl").symlink_to(tmp_path / "missing.jsonl")
        os.mkfifo(tmp_path / "pipe.jsonl")
        results = outcome(tmp_path, Limits())
        errors = {Path(r.path or "").name: r.message for r in results if isinstance(r, RecordError)}

        assert ["A"] == [r.title for r in results if isinstance(r, Article)]
        assert "dangling" in errors["gone.jsonl"]
        assert "not a regular file" in errors["pipe.jsonl"]
        assert 3 == len(list(iter_record_files(tmp_path)))
