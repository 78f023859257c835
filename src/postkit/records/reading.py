"""Reading paths: files by suffix, folders recursively, stdin; one Record per record."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeAlias

from postkit.article import Article
from postkit.errors import RecordError
from postkit.records._ids import IdRegistry
from postkit.records.from_csv import read_csv
from postkit.records.from_feed import FEED_SUFFIXES, read_feed
from postkit.records.from_json import read_json, read_jsonl, sniff_json
from postkit.records.from_markdown import read_markdown
from postkit.records.from_text import read_text
from postkit.records.record import STDIN, STDIN_NAME, UTF8_BOM, Ids, IdTable, Record, Result

#: File extensions ``load_articles`` reads (compared case-insensitively).
SUPPORTED_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".md", ".markdown", ".txt", *FEED_SUFFIXES)


def load_articles(
    path: str | os.PathLike[str],
    *,
    seen_ids: IdTable | None = None,
) -> Iterator[Article | RecordError]:
    """Yield an Article or a RecordError for every record in ``path``.

    Args:
        path: a record file, a folder of them, or ``"-"`` for a feed, JSON or JSON Lines on stdin.
        seen_ids: ids already seen in this run, to report duplicates across several
            calls (a CLI given several paths passes one dict to each). Updated in place.

    Yields:
        An Article for each good record; a RecordError (one line, naming the file and
        the line or record) for each bad record, and one for a file that cannot be
        read as a whole. Bad input never raises.
    """
    for record in iter_records(path, seen_ids=seen_ids):
        yield record.value


def iter_records(
    path: str | os.PathLike[str],
    *,
    seen_ids: IdTable | None = None,
) -> Iterator[Record]:
    """Like :func:`load_articles`, but each outcome comes with its place as a Record.

    A CLI uses the place to label posts (``feeds/wire.jsonl, line 3``).
    """
    ids: Ids = IdRegistry() if seen_ids is None else seen_ids
    name = os.fspath(path)
    if name == STDIN:
        results = _read_stdin(ids)
    elif Path(name).is_dir():
        results = _read_folder(name, ids)
    else:
        results = _read_file(name, ids)
    for result in results:
        if isinstance(result, RecordError):
            yield Record(result, result.path or name, result.index, result.line)
        else:
            yield result


def iter_record_files(folder: str | os.PathLike[str]) -> Iterator[Path | RecordError]:
    """Yield the record files under ``folder`` in sorted order: what a folder load reads.

    Hidden entries, ``README.*`` files and unsupported extensions are skipped;
    symlinked folders are not followed. A folder that cannot be listed yields a RecordError.
    """
    name = os.fspath(folder)
    try:
        with os.scandir(name) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as err:
        yield RecordError(f"cannot list folder: {err.strerror or err}", path=name)
        return
    for entry in entries:
        if entry.name.startswith(".") or _is_readme(entry.name):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError as err:  # pragma: no cover - a race with the file system
            yield RecordError(f"cannot read: {err.strerror or err}", path=entry.path)
            continue
        if is_dir:
            yield from iter_record_files(entry.path)
        elif is_file and _suffix(entry.name) in SUPPORTED_SUFFIXES:
            yield Path(entry.path)


def _read_folder(folder: str, ids: Ids) -> Iterator[Result]:
    found = False
    for item in iter_record_files(folder):
        if isinstance(item, RecordError):
            yield item
            continue
        found = True
        yield from _read_file(str(item), ids)
    if not found:
        msg = f"no record files in this folder (postkit reads {', '.join(SUPPORTED_SUFFIXES)})"
        yield RecordError(msg, path=folder)


def _read_file(path: str, ids: Ids) -> Iterator[Result]:
    if not os.path.exists(path):  # noqa: PTH110 - path is a str throughout
        yield RecordError("no such file or folder", path=path)
        return
    reader = _READERS.get(_suffix(path))
    if reader is None:
        suffix = _suffix(path) or "(none)"
        msg = f"unsupported file type {suffix}; postkit reads {', '.join(SUPPORTED_SUFFIXES)}"
        yield RecordError(msg, path=path)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115, PTH123 - closed by the with below
    except OSError as err:
        yield RecordError(f"cannot read: {err.strerror or err}", path=path)
        return
    with fh:
        try:
            yield from reader(fh, path, ids)
        except OSError as err:
            yield RecordError(f"cannot read: {err.strerror or err}", path=path)


def _read_stdin(ids: Ids) -> Iterator[Result]:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield RecordError("stdin is not available", path=STDIN_NAME)
        return
    try:
        head: list[bytes] = []
        for raw in stream:  # up to the first non-blank line: '<' starts a feed
            head.append(raw)
            if raw.strip(b" \t\r\n").removeprefix(UTF8_BOM).strip(b" \t\r\n"):
                break
        if b"".join(head).removeprefix(UTF8_BOM).lstrip(b" \t\r\n").startswith(b"<"):
            yield from read_feed(stream, STDIN_NAME, ids, head=b"".join(head))
        else:
            yield from sniff_json(stream, STDIN_NAME, ids, head=head)
    except OSError as err:
        yield RecordError(f"cannot read: {err.strerror or err}", path=STDIN_NAME)


_Reader: TypeAlias = Callable[[BinaryIO, str, Ids], Iterator[Result]]


_READERS: dict[str, _Reader] = {
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
    **dict.fromkeys(FEED_SUFFIXES, read_feed),
}


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].lower() == "readme"  # noqa: PTH122 - str in, str out


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()  # noqa: PTH122 - works on str and entries alike
