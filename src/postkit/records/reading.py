"""Reading paths: files by suffix, folders recursively, stdin; one Record per record."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeAlias

from postkit.article import Article
from postkit.errors import RecordError
from postkit.records._ids import IdRegistry
from postkit.records.capped import CappedReader, Limits
from postkit.records.from_csv import read_csv
from postkit.records.from_feed import FEED_SUFFIXES, read_feed
from postkit.records.from_json import first_content_line, read_json, read_jsonl, sniff_json
from postkit.records.from_markdown import read_markdown
from postkit.records.from_text import read_text
from postkit.records.record import STDIN, STDIN_NAME, UTF8_BOM, Ids, IdTable, Record, Result

#: File extensions ``load_articles`` reads (compared case-insensitively).
SUPPORTED_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".md", ".markdown", ".txt", *FEED_SUFFIXES)


def load_articles(
    path: str | os.PathLike[str],
    *,
    seen_ids: IdTable | None = None,
    limits: Limits | None = None,
) -> Iterator[Article | RecordError]:
    """Yield an Article or a RecordError for every record in ``path``.

    Args:
        path: a record file, a folder of them, or ``"-"`` for a feed, JSON or JSON Lines on stdin.
        seen_ids: ids already seen in this run, to report duplicates across several
            calls (a CLI given several paths passes one dict to each). Updated in place.
        limits: size caps (default ``Limits()``: 24 MB a record or line, 32 MB a JSON
            document); past a cap, the record (or the document) is a RecordError.

    Yields:
        An Article for each good record; a RecordError (one line, naming the file and
        the line or record) for each bad record, and one for a file that cannot be
        read as a whole. Bad input never raises.
    """
    for record in iter_records(path, seen_ids=seen_ids, limits=limits):
        yield record.value


def iter_records(
    path: str | os.PathLike[str],
    *,
    seen_ids: IdTable | None = None,
    limits: Limits | None = None,
) -> Iterator[Record]:
    """Like :func:`load_articles`, but each outcome comes with its place as a Record.

    A CLI uses the place to label posts (``feeds/wire.jsonl, line 3``).
    """
    ids: Ids = IdRegistry() if seen_ids is None else seen_ids
    caps = limits or Limits()
    name = os.fspath(path)
    if name == STDIN:
        results = _read_stdin(ids, caps)
    elif Path(name).is_dir():
        results = _read_folder(name, ids, caps)
    else:
        results = _read_file(name, ids, caps)
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
            dangling = entry.is_symlink() and not os.path.exists(entry.path)  # noqa: PTH110
        except OSError as err:  # pragma: no cover - a race with the file system
            yield RecordError(f"cannot read: {err.strerror or err}", path=entry.path)
            continue
        if is_dir:
            yield from iter_record_files(entry.path)
        elif _suffix(entry.name) not in SUPPORTED_SUFFIXES:
            continue
        elif is_file:
            yield Path(entry.path)
        elif dangling:  # reported, not skipped: a record file that went missing is a lost record
            yield RecordError("a link to nothing (a dangling link); its records are not read", path=entry.path)
        elif not entry.is_dir():  # a FIFO, socket or device: reading it could block forever
            yield RecordError("not a regular file (a FIFO, socket or device); postkit reads files", path=entry.path)


def _read_folder(folder: str, ids: Ids, caps: Limits) -> Iterator[Result]:
    found = False
    for item in iter_record_files(folder):
        if isinstance(item, RecordError):
            yield item
            continue
        found = True
        yield from _read_file(str(item), ids, caps)
    if not found:
        msg = f"no record files in this folder (postkit reads {', '.join(SUPPORTED_SUFFIXES)})"
        yield RecordError(msg, path=folder)


def _read_file(path: str, ids: Ids, caps: Limits) -> Iterator[Result]:
    if not os.path.exists(path):  # noqa: PTH110 - path is a str throughout
        yield RecordError("no such file or folder", path=path)
        return
    reader = _READERS.get(_suffix(path))
    feed = _suffix(path) in FEED_SUFFIXES
    if reader is None and not feed:
        suffix = _suffix(path) or "(none)"
        msg = f"unsupported file type {suffix}; postkit reads {', '.join(SUPPORTED_SUFFIXES)}"
        yield RecordError(msg, path=path)
        return
    try:
        # Non-blocking open: a FIFO named like a record file must not hang the run.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            yield RecordError("not a regular file (a FIFO, socket or device); postkit reads files", path=path)
            return
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except OSError as err:
        yield RecordError(f"cannot read: {err.strerror or err}", path=path)
        return
    document = _suffix(path) == ".json"
    capped = CappedReader(
        fh, path, read_limit=caps.document_bytes if document else caps.record_bytes, line_limit=caps.record_bytes
    )
    with fh:
        # Feeds have their own bounds (they are scanned twice, so they need the file itself).
        yield from _guarded(read_feed(fh, path, ids) if reader is None else reader(capped, path, ids), path)


# A feed on stdin is spooled to disk before it is read: at most this many JSON documents' worth.
_STDIN_FEED_DOCUMENTS = 8


class _Bounded:
    """A stream that ends the input with a RecordError past ``limit`` bytes (stdin that never ends)."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.size += len(data)
        if self.size > self.limit:
            msg = f"a feed on stdin is larger than {self.limit:,} bytes, the most postkit reads"
            raise RecordError(msg, path=STDIN_NAME, hint="save it to a file")
        return data

    def seekable(self) -> bool:
        return False


def _guarded(results: Iterator[Result], path: str) -> Iterator[Result]:
    """A reader's results; a read failure, a cap or memory running out ends the file with one error."""
    try:
        yield from results
    except RecordError as err:
        yield err
    except OSError as err:
        yield RecordError(f"cannot read: {err.strerror or err}", path=path)
    except MemoryError:
        yield RecordError(
            "out of memory reading this file; the rest of it is not read", path=path, hint="split the file"
        )


def _read_stdin(ids: Ids, caps: Limits) -> Iterator[Result]:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield RecordError("stdin is not available", path=STDIN_NAME)
        return
    capped = CappedReader(stream, STDIN_NAME, read_limit=caps.document_bytes, line_limit=caps.record_bytes)
    lines = capped.lines()
    try:
        first = first_content_line(lines)
    except (RecordError, OSError) as err:
        yield (
            err if isinstance(err, RecordError) else RecordError(f"cannot read: {err.strerror or err}", path=STDIN_NAME)
        )
        return
    if first is not None and first[2].removeprefix(UTF8_BOM).lstrip(b" \t\r\n").startswith(b"<"):
        # A feed: its reader streams it (spooled to disk, as it is scanned twice), up to a bound.
        bounded = _Bounded(stream, _STDIN_FEED_DOCUMENTS * caps.document_bytes)
        yield from _guarded(read_feed(bounded, STDIN_NAME, ids, head=first[2]), STDIN_NAME)  # type: ignore[arg-type]
    else:
        yield from _guarded(sniff_json(capped, STDIN_NAME, ids, first=first, lines=lines), STDIN_NAME)


_Reader: TypeAlias = Callable[[CappedReader, str, Ids], Iterator[Result]]


_READERS: dict[str, _Reader] = {
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".txt": read_text,
}


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].lower() == "readme"  # noqa: PTH122 - str in, str out


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()  # noqa: PTH122 - works on str and entries alike
