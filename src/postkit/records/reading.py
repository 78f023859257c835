"""Reading paths: files by suffix, folders recursively, stdin; one Record per record."""

from __future__ import annotations

import mimetypes
import os
import stat
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias

import attrs

from postkit import _data
from postkit.article import Article
from postkit.errors import RecordError, RecordWarning
from postkit.records._ids import IdRegistry
from postkit.records.capped import CappedReader, Limits
from postkit.records.fields import DEFAULT, FieldNote, ReadOptions
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
    base_url: str | None = None,
    fields: Mapping[str, str] | None = None,
    strict: bool = False,
    on_warning: Callable[[RecordError], object] | None = None,
    drafts: bool = False,
) -> Iterator[Article | RecordError]:
    """Yield an Article or a RecordError for every record in ``path``; say every warning.

    A record that is read but loses something (an unreadable date, a field read under
    another tool's name, an unknown field) has warnings: each is given to ``on_warning``,
    or, without it, issued as a :class:`~postkit.RecordWarning` (:func:`warnings.warn`,
    shown once per message by Python's default filter), just before the record is yielded.
    What repeats for every record of a file (an unknown column) is said once, with a count.

    Args:
        path: a record file, a folder of them, or ``"-"`` for a feed, JSON or JSON Lines on stdin.
        seen_ids: ids already seen in this run, to report duplicates across several
            calls (a CLI given several paths passes one dict to each). Updated in place.
        limits: size caps (default ``Limits()``: 24 MB a record or line, 32 MB a JSON
            document); past a cap, the record (or the document) is a RecordError.
        base_url: records without a url get one under it: from their ``permalink`` or
            ``slug``, or a Markdown file from its name as Jekyll and Hugo do; a relative
            url is resolved against it (``ReadOptions``).
        fields: record key → record field, for names postkit does not know
            (``{"web_title": "title"}``; ``[tool.postkit.fields]``).
        strict: a synonym or an unknown field is the record's error, not a warning.
        on_warning: called with each warning (a RecordError: ``path``, ``line``,
            ``field``, ``message``) instead of issuing a RecordWarning; ``list.append``
            collects them.
        drafts: read drafts, scheduled and private posts (``status: draft``, ``draft: true``,
            ``published: false``) as any other; by default each is a ``SkippedRecord`` (a
            RecordError naming the key that says so).

    Yields:
        An Article for each good record; a RecordError (one line, naming the file and
        the line or record) for each bad record, and one for a file that cannot be
        read as a whole; a SkippedRecord for a draft. Bad input never raises.

    Raises:
        ConfigError: ``base_url`` or ``fields`` is not usable (before anything is read).
    """
    options = ReadOptions(fields=fields or {}, strict=strict, base_url=base_url, drafts=drafts)
    for record in iter_records(path, seen_ids=seen_ids, limits=limits, options=options):
        for warning in record.warnings:
            if on_warning is not None:
                on_warning(warning)
            else:  # stacklevel 2: the line of the caller's loop that asked for this record
                warnings.warn(RecordWarning(warning), stacklevel=2)
        yield record.value


def iter_records(
    path: str | os.PathLike[str],
    *,
    seen_ids: IdTable | None = None,
    limits: Limits | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Record]:
    """Like :func:`load_articles`, but each outcome comes with its place as a Record.

    A CLI uses the place to label posts (``feeds/wire.jsonl, line 3``). A record's
    ``warnings`` are its own (an unreadable date); what would repeat for every record of
    a file (an unknown column, a synonym read) comes once, with a count, on the file's
    last record.
    """
    ids: Ids = IdRegistry() if seen_ids is None else seen_ids
    caps = limits or Limits()
    reading = options or DEFAULT
    name = os.fspath(path)
    if name == STDIN:
        results = _once_per_file(_read_stdin(ids, caps, reading))
    elif Path(name).is_dir():
        results = _read_folder(name, ids, caps, reading)
    else:
        results = _once_per_file(_read_file(name, ids, caps, reading))
    for result in results:
        if isinstance(result, RecordError):
            yield Record(result, result.path or name, result.index, result.line)
        else:
            yield result


def _once_per_file(results: Iterator[Result]) -> Iterator[Result]:
    """A file's results, each FieldNote said once on the file's last record, with how many records had it.

    Once a note is pending, one record is held back (so the last is known); a file without
    notes streams as it is read.
    """
    seen: dict[tuple[str | None, str], list[Any]] = {}  # (field, message) -> [first note, count]
    held: Result | None = None
    for result in results:
        if isinstance(result, Record) and result.warnings:
            own = []
            for warning in result.warnings:
                if isinstance(warning, FieldNote):
                    entry = seen.setdefault((warning.field, warning.message), [warning, 0])
                    entry[1] += 1
                else:
                    own.append(warning)
            if len(own) != len(result.warnings):
                result = attrs.evolve(result, warnings=tuple(own))  # noqa: PLW2901
        if held is not None:
            yield held
            held = None
        if seen:
            held = result
        else:
            yield result
    if held is None:
        return
    if seen:
        notes = tuple(_counted(note, count) for note, count in seen.values())
        if isinstance(held, Record):
            held = attrs.evolve(held, warnings=(*held.warnings, *notes))
        else:
            held = Record(held, held.path or "", held.index, held.line, notes)
    yield held


def _counted(note: RecordError, count: int) -> RecordError:
    """A note with how many of the file's records had it (the place is the first one's)."""
    message = note.message if count == 1 else f"{note.message} (in {count:,} records; the first is here)"
    return RecordError(message, path=note.path, index=note.index, line=note.line, field=note.field, hint=note.hint)


def iter_record_files(folder: str | os.PathLike[str], skipped: list[str] | None = None) -> Iterator[Path | RecordError]:
    """Yield the record files under ``folder`` in sorted order: what a folder load reads.

    Hidden entries, ``README.*`` files and unsupported extensions are skipped;
    symlinked folders are not followed. A folder that cannot be listed yields a RecordError.
    ``skipped`` collects the paths of skipped files that could be records under another
    name (``feed.php``, ``posts.yaml``): not hidden ones, READMEs, nor images, audio, video,
    fonts (a content folder holds its posts' pictures), program source or a LICENSE.
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
            yield from iter_record_files(entry.path, skipped)
        elif _suffix(entry.name) not in SUPPORTED_SUFFIXES:
            if skipped is not None and not _quiet(entry.name):
                skipped.append(entry.path)
        elif is_file:
            yield Path(entry.path)
        elif dangling:  # reported, not skipped: a record file that went missing is a lost record
            yield RecordError("a link to nothing (a dangling link); its records are not read", path=entry.path)
        elif not entry.is_dir():  # a FIFO, socket or device: reading it could block forever
            yield RecordError("not a regular file (a FIFO, socket or device); postkit reads files", path=entry.path)


def _read_folder(folder: str, ids: Ids, caps: Limits, options: ReadOptions) -> Iterator[Result]:
    """The folder's records; the files it skipped said once, on its last record (a misnamed feed is noticed)."""
    found = False
    skipped: list[str] = []
    held: Result | None = None  # the last result is held back: the note of skipped files goes on it
    for item in iter_record_files(folder, skipped):
        if isinstance(item, RecordError):
            results: Iterator[Result] = iter((item,))
        else:
            found = True
            results = _once_per_file(_read_file(str(item), ids, caps, options))
        for result in results:
            if held is not None:
                yield held
            held = result
    if not found:
        names = f"; skipped {_skipped_names(folder, skipped)}" if skipped else ""
        msg = f"no record files in this folder (postkit reads {', '.join(SUPPORTED_SUFFIXES)}){names}"
        if held is not None:
            yield held
        yield RecordError(msg, path=folder)
        return
    if held is None:  # pragma: no cover - a folder with a record file has a result
        return
    if skipped:
        note = _skipped_note(folder, skipped)
        if isinstance(held, Record):
            held = attrs.evolve(held, warnings=(*held.warnings, note))
        else:
            held = Record(held, held.path or folder, held.index, held.line, (note,))
    yield held


#: How many skipped files a note names; it counts them all.
_SKIPPED_NAMED = 3


def _skipped_names(folder: str, skipped: list[str]) -> str:
    """``3 files: feed.php, notes.yaml, page.html`` (the first few, relative to the folder, then how many more)."""
    names = [os.path.relpath(path, folder) for path in skipped[:_SKIPPED_NAMED]]
    more = f" and {len(skipped) - _SKIPPED_NAMED:,} more" if len(skipped) > _SKIPPED_NAMED else ""
    files = "file" if len(skipped) == 1 else "files"
    return f"{len(skipped):,} {files} of other types: {', '.join(names)}{more}"


def _skipped_note(folder: str, skipped: list[str]) -> RecordError:
    """The one warning of a folder read about the files in it that are not read."""
    return RecordError(
        f"skipped {_skipped_names(folder, skipped)}",
        path=folder,
        hint=f"postkit reads {', '.join(SUPPORTED_SUFFIXES)}; rename a feed or export to its type to read it",
    )


def _quiet(name: str) -> bool:
    """Whether a skipped file is no record under another name, so not worth a word.

    An image, audio, video or font (a content folder's own, by ``mimetypes``), program source,
    a licence (``data/record_fields.toml``, ``[folders]``).
    """
    stem, suffix = os.path.splitext(name.lower())  # noqa: PTH122 - str in, str out
    known = _data.record_fields()
    if suffix in known.quiet_suffixes or (not suffix and stem in known.quiet_names):
        return True
    kind = mimetypes.guess_type(name, strict=False)[0] or ""
    return kind.split("/", 1)[0] in {"image", "audio", "video", "font"}


def _read_file(path: str, ids: Ids, caps: Limits, options: ReadOptions) -> Iterator[Result]:
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
        found = read_feed(fh, path, ids, options) if reader is None else reader(capped, path, ids, options)
        yield from _guarded(found, path)


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


def _read_stdin(ids: Ids, caps: Limits, options: ReadOptions) -> Iterator[Result]:
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
        found = read_feed(bounded, STDIN_NAME, ids, options, head=first[2])  # type: ignore[arg-type]
        yield from _guarded(found, STDIN_NAME)
    else:
        found = _guarded(sniff_json(capped, STDIN_NAME, ids, options, first=first, lines=lines), STDIN_NAME)
        for number, result in enumerate(found):
            if number == 0 and isinstance(result, RecordError) and result.message.startswith("invalid JSON"):
                hint = f"{result.hint}; {_STDIN_HINT}" if result.hint else _STDIN_HINT
                result = RecordError(  # noqa: PLW2901 - CSV or Markdown piped in: say what stdin reads
                    result.message, path=result.path, index=result.index, line=result.line, hint=hint
                )
            yield result


# What a first line that is neither a feed nor JSON most likely is, and what to do.
_STDIN_HINT = (
    "stdin takes an RSS/Atom feed, JSON or JSON Lines; save CSV, Markdown or plain text to a file "
    "(.csv, .md, .txt) and give its path"
)


_Reader: TypeAlias = Callable[[CappedReader, str, Ids, ReadOptions], Iterator[Result]]


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
