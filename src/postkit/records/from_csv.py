"""CSV records: a header row, then one record per row (RFC 4180 quoting, strict)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from postkit.article import split_list
from postkit.errors import RecordError
from postkit.records.capped import CappedReader
from postkit.records.fields import ALIASES, DEFAULT, MAX_KEYS, ReadOptions
from postkit.records.record import Ids, Result, decode, relocate, to_article

if TYPE_CHECKING:
    from _csv import Reader

LIST_COLUMNS = frozenset({"tags", "topics", "sources"})


# csv rejects fields over 128 KiB by default; a 10 MB summary is still a record.
_CSV_FIELD_LIMIT = 2**31 - 1


def read_csv(fh: CappedReader, path: str, ids: Ids, options: ReadOptions = DEFAULT) -> Iterator[Result]:
    """Read CSV records, one per row, streamed; a line that is not UTF-8, or a quoting error, costs only its row.

    After a quoting error (``"B"x``) the reader starts again on the next line, as Python's
    csv reader does; a quoted cell left open until the end of the file is one error.
    """
    lines = _CsvLines(fh, path)
    reader = csv.reader(lines, strict=True)
    columns = _header(reader, lines, path)
    if isinstance(columns, RecordError):
        yield columns
        return
    index = 0
    while True:
        start = reader.line_num + 1
        try:
            row = _next_row(reader, lines)
        except StopIteration:
            for bad in lines.bad:  # a bad last line inside an unclosed quote
                index += 1
                yield relocate_index(bad, index)
            return
        except RecordError as err:
            yield _rest_lost(err)
            return
        except csv.Error as err:  # a quoting error: that row's error; the reader starts again on the next line
            index += 1
            yield _bad_row(err, lines, path, index, start)
            continue
        if lines.bad:  # the row holds a line that could not be decoded: it is that line's error
            index += 1
            yield relocate_index(lines.bad.pop(0), index)
            lines.bad.clear()
        elif row:
            index += 1
            yield _record(row, columns, ids, path=path, index=index, line=start, options=options)


def _header(reader: Reader, lines: _CsvLines, path: str) -> list[str] | RecordError:
    """The header's column names (aliases resolved), or the error that ends the file."""
    try:
        header = _next_row(reader, lines)
    except StopIteration:
        return RecordError("file is empty", path=path)
    except RecordError as err:
        return err
    except csv.Error as err:
        return RecordError(f"invalid CSV: {err}", path=path, line=reader.line_num)
    if lines.bad:
        return lines.bad.pop(0)
    columns = [_column(name) for name in header]
    problem = _check_header(columns) or _other_delimiter(header)
    return RecordError(problem, path=path, line=reader.line_num) if problem else columns


_NAMES = {"semicolon": ";", "tab": "\t", "pipe": "|"}


def _other_delimiter(header: list[str]) -> str | None:
    """Why a header of one column is another separator's (``title;url;tags``, as Excel writes in many locales).

    postkit reads comma-separated CSV (RFC 4180) only: a file of another separator is one
    error naming the separator csv.Sniffer finds in the header, not an error per row.
    """
    if len(header) != 1:
        return None
    try:
        found = csv.Sniffer().sniff(header[0], delimiters="".join(_NAMES.values())).delimiter
    except csv.Error:
        return None
    if len(header[0].split(found)) < 2:  # pragma: no cover - the sniffer found it there
        return None
    name = next(name for name, mark in _NAMES.items() if mark == found)
    return (
        f"the header {header[0]!r} is one column: the file looks {name}-separated ({found!r}); "
        "postkit reads comma-separated CSV (RFC 4180): save it with commas"
    )


def _rest_lost(err: RecordError) -> RecordError:
    """An error after which the reader cannot resynchronise (a record over the cap): the rest is not read."""
    return relocate(err, err.line, message=f"{err.message}; the rest of the file is not read")


def _bad_row(err: csv.Error, lines: _CsvLines, path: str, index: int, line: int) -> RecordError:
    """A row csv cannot read (``"B"x``): its own error; a bad byte in it (after a quote) is the cause."""
    if lines.bad:
        found = relocate_index(lines.bad.pop(0), index)
        lines.bad.clear()
        return found
    return RecordError(f"invalid CSV: {err}; the row is not read", path=path, index=index, line=line)


def _record(
    row: list[str], columns: list[str], ids: Ids, *, path: str, index: int, line: int, options: ReadOptions
) -> Result:
    """One row as an Article (list columns split), or the error naming it."""
    if len(row) > len(columns):
        msg = f"row has {len(row)} cells but the header has {len(columns)}"
        return RecordError(msg, path=path, index=index, line=line)
    record: dict[str, Any] = {}
    for name, cell in zip(columns, row, strict=False):
        if cell.strip():
            record[name] = split_list(cell) if name in LIST_COLUMNS else cell
    return to_article(record, ids, path=path, index=index, line=line, options=options)


def relocate_index(err: RecordError, index: int) -> RecordError:
    """The error with the record number it stands for."""
    return RecordError(err.message, path=err.path, index=index, line=err.line, field=err.field, hint=err.hint)


class _CsvLines:
    """The lines csv reads, decoded.

    A line that cannot be (not UTF-8, a NUL byte, too long) is kept as an error in ``bad``
    and read with its bytes replaced, so only the row holding it is lost.
    """

    def __init__(self, fh: CappedReader, path: str) -> None:
        self.path = path
        self.bad: list[RecordError] = []
        self.row_bytes = 0
        self.limit = fh.line_limit
        self._lines = fh.lines(skip_blank=False)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        number, start, raw = next(self._lines)
        self.row_bytes += len(raw)
        if self.row_bytes > self.limit:  # a quoted cell running over many lines
            msg = f"record is over the {self.limit:,}-byte limit for one record (an unclosed quote?)"
            raise RecordError(msg, path=self.path, line=number)
        try:
            return decode(raw, path=self.path, first=number == 1, line=number, offset=start)
        except RecordError as err:
            # Keep the line's quotes and commas (undecodable bytes as U+FFFD) so the rows
            # after it are read as they are; the row holding it becomes this error.
            self.bad.append(err)
            return raw.decode("utf-8", "replace").replace("\x00", "") or "\n"


def _next_row(reader: Iterator[list[str]], lines: _CsvLines) -> list[str]:
    # The limit is process-wide: raise it for this one read and put it back, so other
    # csv users in the process keep theirs.
    old = csv.field_size_limit(_CSV_FIELD_LIMIT)
    lines.row_bytes = 0
    try:
        return next(reader)
    finally:
        csv.field_size_limit(old)


def _column(name: str) -> str:
    key = " ".join(name.lower().split())
    return ALIASES.get(key, key)


def _check_header(columns: list[str]) -> str | None:
    if not any(columns):
        return "the header row is empty; the first row must name the columns (title,url,...)"
    if len(columns) > MAX_KEYS:
        return f"the header has {len(columns):,} columns; postkit reads records of at most {MAX_KEYS:,} fields"
    if "" in columns:
        return f"header column {columns.index('') + 1} has no name"
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            return f"column {name!r} appears twice in the header"
        seen.add(name)
    return None
