"""Read article records from files, folders and stdin.

``load_articles`` yields one :class:`Article` or one :class:`RecordError` per record,
so a bad record is reported where it is and never hides the rest; ``iter_records``
yields the same outcomes as :class:`Record` values that also say where each record
is (file, record number, line), for a CLI's labels. Formats:

- ``.json``: one object, or an array of objects (errors name the line each record
  starts on, and its number). A malformed file is one error; nothing from it loads.
- ``.jsonl`` / ``.ndjson``: one object per line, streamed line by line (flat memory
  for any number of records); blank lines are skipped; errors name the line.
- ``.csv``: a header row, then one record per row (RFC 4180 quoting, strict). In the
  ``tags``, ``topics`` and ``sources`` columns items are split on ``;`` when the cell
  has one, else on ``,`` (so ``"Washington, D.C.; Politics"`` keeps its comma). Empty
  cells are absent fields. Streamed; a row with more cells than the header is an error.
- ``.md`` / ``.markdown``: TOML (``+++``) or YAML (``---``) front matter, then the
  Markdown body, which becomes ``body``. Without a ``summary`` (or its static-site
  alias ``description``) the first plain prose paragraph of the body, with Markdown
  links and emphasis removed, becomes the summary; headings, lists, quotes, tables,
  code and HTML blocks are passed over. ``date`` is accepted for ``published``.
  YAML needs the optional extra (``pip install 'postkit[yaml]'``).
- ``.txt``: the seed's plain-text form (see :func:`parse_text_record`).
- a folder: every supported file inside, recursively, in sorted path order. Files
  with other extensions, ``README.*`` files and hidden entries (``.git``,
  ``.DS_Store``) are skipped without a word (a folder of records often holds a
  script and a README); symlinked folders are not followed. A folder with no record
  file at all is an error, so a CI job pointed at the wrong folder does not pass on
  nothing.
- ``-``: stdin, JSON or JSON Lines, sniffed: a first line that is a whole JSON value
  (other than an array) means JSON Lines, streamed; anything else is one JSON document.

Input must be UTF-8; a UTF-8 byte-order mark is dropped. Other encodings, NUL bytes
and empty files are errors naming the file and the byte offset or line, never
"repaired". In JSON Lines a line with bad bytes is one error and the next lines still
load; in CSV, bad bytes end the file (a row may span lines, so the reader cannot
resynchronise), and the error says so.

An ``id`` seen twice in one call (across all files of a folder) is an error at the
later record, naming where the first one was; both records are accounted for.
"""

from __future__ import annotations

import array
import csv
import hashlib
import io
import itertools
import json
import os
import sys
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeAlias

import attrs
import regex

from postkit.article import Article
from postkit.errors import RecordError

__all__ = [
    "STDIN",
    "SUPPORTED_SUFFIXES",
    "IdRegistry",
    "Location",
    "Record",
    "iter_record_files",
    "iter_records",
    "load_articles",
    "parse_text_record",
]

#: File extensions ``load_articles`` reads (compared case-insensitively).
SUPPORTED_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv", ".md", ".markdown", ".txt")
#: The path that means "read stdin".
STDIN = "-"
_STDIN_NAME = "<stdin>"

Location: TypeAlias = tuple[str, int | None, int | None]
"""Where a record is: (path, line, record index); used to name an id's first use."""

class _IdTable(Protocol):
    def setdefault(self, key: str, default: Location, /) -> Location: ...


_Ids: TypeAlias = _IdTable


class IdRegistry:
    """The ids seen in a run, in ~32 bytes each, so a million-record stream stays small.

    A dict of id strings to location tuples costs ~250 bytes a record; this keeps a 64-bit
    fingerprint of each id (BLAKE2b; a false duplicate among a billion ids has a chance
    of about 3 in 100 million) and its first place, packed, in two open-addressed arrays.
    """

    __slots__ = ("_keys", "_paths", "_size", "_values")

    def __init__(self) -> None:
        self._keys = array.array("Q", bytes(8 * 1024))
        self._values = array.array("Q", bytes(8 * 1024))
        self._paths: list[str] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def setdefault(self, key: str, default: Location, /) -> Location:
        """The first location of ``key``; records ``default`` (and returns it) if it is new."""
        mark = int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                              "little") | 1  # 0 marks an empty slot
        keys = self._keys
        mask = len(keys) - 1
        slot = mark & mask
        while keys[slot]:
            if keys[slot] == mark:
                return self._unpack(self._values[slot])
            slot = (slot + 1) & mask
        keys[slot] = mark
        self._values[slot] = self._pack(default)
        self._size += 1
        if self._size * 5 > len(keys) * 3:
            self._grow()
        return default

    def _pack(self, where: Location) -> int:
        path, line, index = where
        if not self._paths or self._paths[-1] != path:
            self._paths.append(path)
        number, kind = (line, 1) if line is not None else (index, 2) if index is not None else (0, 0)
        return ((len(self._paths) - 1) << 42) | (kind << 40) | min(number or 0, (1 << 40) - 1)

    def _unpack(self, value: int) -> Location:
        path = self._paths[value >> 42]
        kind = (value >> 40) & 3
        number = value & ((1 << 40) - 1)
        return (path, number if kind == 1 else None, number if kind == 2 else None)

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        self._keys = array.array("Q", bytes(16 * len(old_keys)))
        self._values = array.array("Q", bytes(16 * len(old_values)))
        mask = len(self._keys) - 1
        for mark, value in zip(old_keys, old_values, strict=True):
            if mark:
                slot = mark & mask
                while self._keys[slot]:
                    slot = (slot + 1) & mask
                self._keys[slot] = mark
                self._values[slot] = value

_LIST_COLUMNS = frozenset({"tags", "topics", "sources"})
# Other spellings of Article fields, as spreadsheets and the seed's plain-text form
# write them, and static-site front matter (Hugo, Jekyll). Used only when the field
# itself is absent.
_ALIASES = {"social media": "social", "social_media": "social"}
_FRONT_MATTER_ALIASES = {"description": "summary", "date": "published"}
# csv rejects fields over 128 KiB by default; a 10 MB summary is still a record.
_CSV_FIELD_LIMIT = 2**31 - 1
_JSON_WS = regex.compile(r"[ \t\n\r]*+")
_TOML_WHERE = regex.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_HINT = "save it as UTF-8"


@attrs.frozen
class Record:
    """One record's outcome, an Article or the RecordError saying why not, and its place.

    ``path`` is the file (``"<stdin>"`` for stdin); ``index`` the record's number in
    it (JSON array element, JSON Lines or CSV record), ``line`` the line it starts on,
    each where known.
    """

    value: Article | RecordError
    path: str
    index: int | None = None
    line: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the record became an Article."""
        return isinstance(self.value, Article)

    @property
    def label(self) -> str:
        """Where the record is, for messages: ``feeds/wire.jsonl, line 3``."""
        if self.line is not None:
            return f"{self.path}, line {self.line}"
        if self.index is not None:
            return f"{self.path}, record {self.index}"
        return self.path


_Result: TypeAlias = Record | RecordError
"""What a reader yields: a located good record, or an error that carries its place."""


def load_articles(
    path: str | os.PathLike[str],
    *,
    seen_ids: _IdTable | None = None,
) -> Iterator[Article | RecordError]:
    """Yield an Article or a RecordError for every record in ``path``.

    Args:
        path: a record file, a folder of them, or ``"-"`` for JSON/JSON Lines on stdin.
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
    seen_ids: _IdTable | None = None,
) -> Iterator[Record]:
    """Like :func:`load_articles`, but each outcome comes with its place as a Record.

    A CLI uses the place to label posts (``feeds/wire.jsonl, line 3``).
    """
    ids: _Ids = IdRegistry() if seen_ids is None else seen_ids
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


def parse_text_record(text: str, *, path: str | None = None) -> Article:
    """Build an Article from the seed's plain-text form.

    The form is what a scraper or an editor leaves behind::

        Iraq-Syria Frontier Resumes Operations        <- headline (and page furniture)

        Title: Iraq and Syria Cross Borders: ...      <- "Key: value" lines
        URL: https://news.example/world/kaim-crossing
        Social Media: 📝🌍🔗 Read More

        First paragraph of the body ...               <- body paragraphs

        Sources: ntv.de, RTS

    A line ``Key: value`` is a field when the key names an Article field (``Title``,
    ``URL``, ``Summary``, ``Social Media`` or ``Social``, ``Tags``, ``Topics``,
    ``Sources``, ``Language``, ``Author``, ``Published``, ``Image``, ``ID``; any case),
    wherever it stands. ``Tags``, ``Topics`` and ``Sources`` split on ``;`` or ``,``.
    The lines before the first field are the headline block: its first line is the
    title when there is no ``Title:`` line, the rest is page furniture and is dropped.
    Every other paragraph after the first field is the body. A ``URL:`` line is
    required (the seed itself has none). The summary is never guessed from the body:
    scraped bodies open with chatty lines a teaser should not carry.

    Raises:
        RecordError: naming the line of the offending field.
    """
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    headline: str | None = None
    body: list[str] = []
    paragraph: list[str] = []
    for number, raw in enumerate(io.StringIO(text), 1):
        line = raw.rstrip("\r\n")
        match = _TXT_FIELD.match(line)
        key = _txt_key(match["key"]) if match else None
        if match is None or key is None:
            if not values:
                if line.strip() and headline is None:
                    headline, lines["headline"] = line.strip(), number
            elif line.strip():
                paragraph.append(line.rstrip())
            elif paragraph:
                body.append("\n".join(paragraph))
                paragraph = []
            continue
        if key in values:
            msg = f"{match['key'].strip()!r} appears twice (lines {lines[key]} and {number}); keep one"
            raise RecordError(msg, path=path, line=number, field=key)
        if paragraph:
            body.append("\n".join(paragraph))
            paragraph = []
        value = match["value"].strip()
        values[key] = _split_list(value) if key in _LIST_COLUMNS else value
        lines[key] = number
    if paragraph:
        body.append("\n".join(paragraph))
    if not values and headline is None:
        raise RecordError("file is empty", path=path)
    if "url" not in values:
        msg = "no 'URL:' line; add one such as 'URL: https://news.example/world/story'"
        raise RecordError(msg, path=path, field="url")
    if "title" not in values and headline is not None:
        values["title"], lines["title"] = headline, lines["headline"]
    if body:
        values["body"] = "\n\n".join(body)
    try:
        return Article.from_dict(values, path=path)
    except RecordError as err:
        raise _relocate(err, lines.get(err.field or "")) from None


# --- sources -------------------------------------------------------------------------


def _read_folder(folder: str, ids: _Ids) -> Iterator[_Result]:
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


def _read_file(path: str, ids: _Ids) -> Iterator[_Result]:
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


def _read_stdin(ids: _Ids) -> Iterator[_Result]:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield RecordError("stdin is not available", path=_STDIN_NAME)
        return
    try:
        yield from _sniff_json(stream, _STDIN_NAME, ids)
    except OSError as err:
        yield RecordError(f"cannot read: {err.strerror or err}", path=_STDIN_NAME)


def _sniff_json(fh: BinaryIO, path: str, ids: _Ids) -> Iterator[_Result]:
    """JSON Lines if the first non-blank line is a whole JSON value (not an array), else JSON."""
    head: list[bytes] = []
    for raw in fh:
        head.append(raw)
        if raw.strip(b" \t\r\n").removeprefix(_UTF8_BOM).strip(b" \t\r\n"):
            break
    try:
        first = _decode(b"".join(head), path=path, first=True, line=1, offset=0, whole=True)
    except RecordError as err:
        yield err
        return
    stripped = first.strip()
    if stripped and not stripped.startswith("["):
        try:
            json.loads(stripped)
        except (ValueError, RecursionError):
            pass
        else:
            yield from _read_jsonl(itertools.chain(head, fh), path, ids)
            return
    yield from _json_records(b"".join(head) + fh.read(), path, ids)


# --- formats -------------------------------------------------------------------------


def _read_json(fh: BinaryIO, path: str, ids: _Ids) -> Iterator[_Result]:
    yield from _json_records(fh.read(), path, ids)


def _json_records(data: bytes, path: str, ids: _Ids) -> Iterator[_Result]:
    try:
        text = _decode_all(data, path)
        items, is_array = _parse_json_document(text)
    except RecordError as err:
        yield err
        return
    except json.JSONDecodeError as err:
        hint = None
        if err.msg == "Extra data" and path != _STDIN_NAME:
            hint = "one object per line is JSON Lines: name the file .jsonl"
        yield RecordError(f"invalid JSON: {err.msg} (column {err.colno})", path=path,
                          line=err.lineno, hint=hint)
        return
    except (ValueError, RecursionError) as err:
        yield RecordError(f"invalid JSON: {_why(err)}", path=path)
        return
    if not is_array and not isinstance(items[0][0], dict):
        kind = type(items[0][0]).__name__
        yield RecordError(f"expected an object or an array of objects, got {kind}", path=path)
        return
    for index, (value, line) in enumerate(items, 1):
        yield _article(value, ids, path=path, index=index if is_array else None, line=line)


def _parse_json_document(text: str) -> tuple[list[tuple[Any, int]], bool]:
    """Parse a JSON document into (value, starting line) pairs and whether it was an array.

    The whole document is checked before anything is returned, so a malformed file
    loads nothing. Array elements are decoded one by one to learn the line each starts
    on, counting newlines once over the text (linear).

    Raises:
        json.JSONDecodeError: with the line and column of the problem.
    """
    pos = _skip_ws(text, 0)
    if not text.startswith("[", pos):
        value, end = _JSON.raw_decode(text, pos)
        _expect_end(text, end)
        return [(value, text.count("\n", 0, pos) + 1)], False
    items: list[tuple[Any, int]] = []
    line, counted = 1, 0
    pos = _skip_ws(text, pos + 1)
    if text.startswith("]", pos):
        _expect_end(text, pos + 1)
        return items, True
    while True:
        line += text.count("\n", counted, pos)
        counted = pos
        value, pos = _JSON.raw_decode(text, pos)
        items.append((value, line))
        pos = _skip_ws(text, pos)
        if text.startswith(",", pos):
            pos = _skip_ws(text, pos + 1)
            continue
        if text.startswith("]", pos):
            _expect_end(text, pos + 1)
            return items, True
        msg = "Expecting ',' delimiter" if pos < len(text) else "Expecting ']'"
        raise json.JSONDecodeError(msg, text, pos)


def _skip_ws(text: str, pos: int) -> int:
    match = _JSON_WS.match(text, pos)
    return match.end() if match else pos


def _expect_end(text: str, pos: int) -> None:
    pos = _skip_ws(text, pos)
    if pos != len(text):
        msg = "Extra data"
        raise json.JSONDecodeError(msg, text, pos)


def _read_jsonl(fh: Iterable[bytes], path: str, ids: _Ids) -> Iterator[_Result]:
    index = 0
    offset = 0
    for number, raw in enumerate(fh, 1):
        start, offset = offset, offset + len(raw)
        try:
            line = _decode(raw, path=path, first=number == 1, line=number, offset=start)
        except RecordError as err:
            yield err
            if number == 1 and _wide_bom(raw):
                return  # the whole file is UTF-16/32: one error, not one per line
            index += 1
            continue
        if not line.strip():
            continue
        index += 1
        try:
            value = _JSON.decode(line)
        except json.JSONDecodeError as err:
            yield RecordError(f"invalid JSON: {err.msg} (column {err.colno})", path=path,
                              index=index, line=number)
            continue
        except (ValueError, RecursionError) as err:
            yield RecordError(f"invalid JSON: {_why(err)}", path=path, index=index, line=number)
            continue
        yield _article(value, ids, path=path, index=index, line=number)
    if index == 0:
        yield RecordError("file is empty", path=path)


def _read_csv(fh: BinaryIO, path: str, ids: _Ids) -> Iterator[_Result]:
    reader = csv.reader(_csv_lines(fh, path), strict=True)
    try:
        header = _next_row(reader)
    except StopIteration:
        yield RecordError("file is empty", path=path)
        return
    except RecordError as err:
        yield err
        return
    except csv.Error as err:
        yield RecordError(f"invalid CSV: {err}", path=path, line=reader.line_num)
        return
    columns = [_column(name) for name in header]
    problem = _check_header(columns)
    if problem:
        yield RecordError(problem, path=path, line=reader.line_num)
        return
    index = 0
    while True:
        start = reader.line_num + 1
        try:
            row = _next_row(reader)
        except StopIteration:
            return
        except RecordError as err:
            yield _relocate(err, err.line, message=f"{err.message}; the rest of the file is not read")
            return
        except csv.Error as err:
            msg = f"invalid CSV: {err}; the rest of the file is not read"
            yield RecordError(msg, path=path, line=start)
            return
        if not row:
            continue
        index += 1
        if len(row) > len(columns):
            msg = f"row has {len(row)} cells but the header has {len(columns)}"
            yield RecordError(msg, path=path, index=index, line=start)
            continue
        record: dict[str, Any] = {}
        for name, cell in zip(columns, row, strict=False):
            if cell.strip():
                record[name] = _split_list(cell) if name in _LIST_COLUMNS else cell
        yield _article(record, ids, path=path, index=index, line=start)


def _read_markdown(fh: BinaryIO, path: str, ids: _Ids) -> Iterator[_Result]:
    try:
        text = _decode_all(fh.read(), path)
        values, key_lines, body = _front_matter(text, path)
        if body:
            values.setdefault("body", body)
            if values.get("summary") is None and (summary := _first_paragraph(body)):
                values["summary"] = summary
        try:
            article = Article.from_dict(values, path=path)
        except RecordError as err:
            raise _relocate(err, key_lines.get(err.field or "")) from None
    except RecordError as err:
        yield err
        return
    yield _check_duplicate(article, ids, (path, key_lines.get("id"), None))


def _read_text(fh: BinaryIO, path: str, ids: _Ids) -> Iterator[_Result]:
    try:
        article = parse_text_record(_decode_all(fh.read(), path), path=path)
    except RecordError as err:
        yield err
        return
    yield _check_duplicate(article, ids, (path, None, None))


_Reader: TypeAlias = Callable[[BinaryIO, str, _Ids], Iterator[_Result]]
_READERS: dict[str, _Reader] = {
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
}


# --- records -------------------------------------------------------------------------


class _Object(dict[str, Any]):
    """A JSON object whose source names a key more than once (JSON keeps the last)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    dupes: list[str] = []
    for key, _ in pairs:
        if key in seen:
            dupes.append(key)
        seen.add(key)
    obj = _Object(result)
    obj.duplicates = tuple(dupes)
    return obj


_JSON = json.JSONDecoder(object_pairs_hook=_object_pairs)


def _article(value: Any, ids: _Ids, *, path: str, index: int | None, line: int | None) -> _Result:
    """Turn one decoded record into an Article, or the RecordError that says why not."""
    if isinstance(value, _Object):
        msg = "appears more than once in the object; keep one"
        return RecordError(msg, path=path, index=index, line=line, field=value.duplicates[0])
    if isinstance(value, Mapping):
        value = _alias(value, _ALIASES)
    try:
        article = Article.from_dict(value, path=path, index=index, line=line)
    except RecordError as err:
        return err
    except (ValueError, TypeError, RecursionError) as err:  # a value Article cannot take
        return RecordError(f"cannot read record: {_why(err)}", path=path, index=index, line=line)
    return _check_duplicate(article, ids, (path, line, index))


def _check_duplicate(article: Article, ids: _Ids, here: Location) -> _Result:
    first = here if article.id is None else ids.setdefault(article.id, here)
    if first is here:
        return Record(article, here[0], here[2], here[1])
    place = RecordError("", path=first[0], line=first[1], index=first[2]).where
    msg = f"duplicate id {article.id!r}; first used at {place}"
    return RecordError(msg, path=here[0], line=here[1], index=here[2], field="id")


def _alias(mapping: Mapping[Any, Any], aliases: Mapping[str, str]) -> Mapping[Any, Any]:
    """Rename alias keys (``Social Media`` → ``social``) unless the field itself is there."""
    names = {str(k).strip().lower(): k for k in mapping}
    renames = {names[old]: new for old, new in aliases.items() if old in names and new not in names}
    if not renames:
        return mapping
    return {renames.get(k, k): v for k, v in mapping.items()}


def _relocate(err: RecordError, line: int | None, *, message: str | None = None) -> RecordError:
    if line is None and message is None:
        return err
    return RecordError(message or err.message, path=err.path, index=err.index,
                       line=line if line is not None else err.line, field=err.field, hint=err.hint)


def _split_list(cell: str) -> list[str]:
    sep = ";" if ";" in cell else ","
    return [item.strip() for item in cell.split(sep) if item.strip()]


# --- CSV -----------------------------------------------------------------------------


def _csv_lines(fh: BinaryIO, path: str) -> Iterator[str]:
    offset = 0
    for number, raw in enumerate(fh, 1):
        start, offset = offset, offset + len(raw)
        yield _decode(raw, path=path, first=number == 1, line=number, offset=start)


def _next_row(reader: Iterator[list[str]]) -> list[str]:
    # The limit is process-wide: raise it for this one read and put it back, so other
    # csv users in the process keep theirs.
    old = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        return next(reader)
    finally:
        csv.field_size_limit(old)


def _column(name: str) -> str:
    key = " ".join(name.lower().split())
    return _ALIASES.get(key, key)


def _check_header(columns: list[str]) -> str | None:
    if not any(columns):
        return "the header row is empty; the first row must name the columns (title,url,...)"
    if "" in columns:
        return f"header column {columns.index('') + 1} has no name"
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            return f"column {name!r} appears twice in the header"
        seen.add(name)
    return None


# --- front matter and Markdown -------------------------------------------------------

_FENCES = {"+++": "TOML", "---": "YAML"}
_YAML_HINT = "pip install 'postkit[yaml]'"
_FM_KEY = regex.compile(r"^[ \t]*+[\"']?+([A-Za-z_][\w-]{0,40}+)")


def _front_matter(text: str, path: str) -> tuple[dict[str, Any], dict[str, int], str]:
    """Split ``text`` into (front matter values, line of each top-level key, body)."""
    lines = io.StringIO(text)
    fence = lines.readline().rstrip("\r\n").rstrip()
    kind = _FENCES.get(fence)
    if kind is None:
        msg = "no front matter: a Markdown record starts with '+++' (TOML) or '---' (YAML)"
        raise RecordError(msg, path=path, line=1)
    head: list[str] = []
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines, 2):
        if line.rstrip("\r\n").rstrip() == fence:
            break
        head.append(line)
        if (match := _FM_KEY.match(line)) and not line[:1].isspace():
            key_lines.setdefault(match[1].lower(), number)
    else:
        msg = f"front matter opened with {fence!r} on line 1 is never closed"
        raise RecordError(msg, path=path, line=1)
    source = "".join(head)
    values = _parse_toml(source, path) if kind == "TOML" else _parse_yaml(source, path)
    values = dict(_alias(_alias(values, _FRONT_MATTER_ALIASES), _ALIASES))
    for old, new in (*_FRONT_MATTER_ALIASES.items(), *_ALIASES.items()):
        if old in key_lines:
            key_lines.setdefault(new, key_lines[old])
    return values, key_lines, lines.read().strip("\r\n")


def _parse_toml(source: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        reason, line = _toml_problem(err, source)
        # +1: the front matter starts after the opening '+++' line.
        raise RecordError(f"invalid TOML front matter: {reason}", path=path,
                          line=None if line is None else line + 1) from None
    except (ValueError, RecursionError) as err:
        raise RecordError(f"invalid TOML front matter: {_why(err)}", path=path) from None


def _toml_problem(err: tomllib.TOMLDecodeError, source: str) -> tuple[str, int | None]:
    """The reason (with its column) and the line from a tomllib message."""
    text = str(err)
    match = _TOML_WHERE.search(text)
    if match is None:
        return text, None
    if match[1] is None:  # "at end of document": the last line
        return text[: match.start()], len(source.splitlines()) or 1
    return f"{text[: match.start()]} (column {match[2]})", int(match[1])


def _parse_yaml(source: str, path: str) -> dict[str, Any]:
    try:
        import yaml  # noqa: PLC0415 - optional extra, imported only when needed
    except ImportError:
        msg = "YAML front matter needs PyYAML, an optional extra"
        raise RecordError(msg, path=path, hint=_YAML_HINT) from None
    loader = _yaml_loader(yaml)
    try:
        # A first pass over the events alone refuses aliases before anything is built.
        events = yaml.parse(source, Loader=loader)
        alias = next((e for e in events if isinstance(e, yaml.AliasEvent)), None)
        value = None if alias else yaml.load(source, Loader=loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 2 if mark is not None else None  # 0-based, after the '---' line
        problem = getattr(err, "problem", None) or str(err).split("\n", 1)[0]
        raise RecordError(f"invalid YAML front matter: {problem}", path=path, line=line) from None
    except (ValueError, TypeError, RecursionError) as err:
        raise RecordError(f"invalid YAML front matter: {_why(err)}", path=path) from None
    if alias is not None:
        mark = alias.start_mark
        msg = "invalid YAML front matter: aliases (*name) are not allowed in front matter"
        raise RecordError(msg, path=path, line=None if mark is None else mark.line + 2)
    if value is None:
        return {}
    if not isinstance(value, dict):
        msg = f"front matter must be a mapping of fields, got {type(value).__name__}"
        raise RecordError(msg, path=path, line=2)
    return value


_YAML_LOADERS: dict[int, type] = {}


def _yaml_loader(yaml: Any) -> type:
    """A safe loader that refuses duplicate keys (built once per yaml module).

    It is libyaml's CSafeLoader where PyYAML has it (a 10 MB value takes 0.1 s, not the
    30 s of the pure-Python parser). Aliases are refused by ``_parse_yaml`` before
    loading: they let a few lines expand into a huge value (a "billion laughs"), and
    front matter has no use for them. A duplicate key would silently drop a value.
    """
    cached = _YAML_LOADERS.get(id(yaml))
    if cached is not None:
        return cached
    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class Loader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[str] = set()
            for key_node, _ in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str) and key in seen:
                    msg = f"key {key!r} appears twice"
                    raise yaml.constructor.ConstructorError(None, None, msg, key_node.start_mark)
                if isinstance(key, str):
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    _YAML_LOADERS[id(yaml)] = Loader
    return Loader


# Possessive quantifiers throughout: no backtracking on a 10 MB paragraph.
_MD_BLOCK = regex.compile(
    r"(?:#|>|[-*+](?:\s|$)|\d{1,9}+[.)](?:\s|$)|\||<|!\[|\[\^|={3}|-{3}|[ ]{4}|\t)"
)
_MD_FENCE = regex.compile(r"[ ]{0,3}+(?:```|~~~)")
_MD_IMAGE = regex.compile(r"!\[[^\[\]\n]*+\]\([^()\s]*+\)")
_MD_LINK = regex.compile(r"\[([^\[\]\n]*+)\](?:\([^()\s]*+\)|\[[^\[\]\n]*+\])")
_MD_EMPHASIS = regex.compile(r"\*{1,3}+|_{2,3}+|`++")


def _first_paragraph(body: str) -> str | None:
    r"""The first plain prose paragraph of a Markdown body, inline markup removed.

    >>> _first_paragraph("# Heading\n\nThe *Kaim* crossing [reopened](https://x.example).")
    'The Kaim crossing reopened.'
    """
    paragraph: list[str] = []
    in_fence = skipping = False
    for line in io.StringIO(body):
        if _MD_FENCE.match(line):
            if paragraph:
                break
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            if paragraph:
                break
            skipping = False
        elif skipping:
            continue
        elif not paragraph and _MD_BLOCK.match(line):
            skipping = True
        else:
            paragraph.append(line.strip())
    if not paragraph:
        return None
    text = " ".join(paragraph)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub("", text)
    return text.strip() or None


# --- plain text ----------------------------------------------------------------------

_TXT_FIELD = regex.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,15}+):[ \t]*(?P<value>.*)$")
_TXT_KEYS = {
    "title": "title",
    "url": "url",
    "summary": "summary",
    "social media": "social",
    "social": "social",
    "tags": "tags",
    "topics": "topics",
    "sources": "sources",
    "language": "language",
    "author": "author",
    "published": "published",
    "image": "image",
    "id": "id",
}


def _txt_key(key: str) -> str | None:
    return _TXT_KEYS.get(" ".join(key.lower().split()))


# --- bytes ---------------------------------------------------------------------------


def _decode_all(data: bytes, path: str) -> str:
    """Decode a whole file as strict UTF-8 (BOM dropped); empty files are errors."""
    text = _decode(data, path=path, first=True, line=1, offset=0, whole=True)
    if not text.strip():
        raise RecordError("file is empty", path=path)
    return text


def _decode(
    raw: bytes,
    *,
    path: str,
    first: bool,
    line: int,
    offset: int,
    whole: bool = False,
) -> str:
    """Decode ``raw`` (a line at byte ``offset``, or the whole file) as strict UTF-8."""
    if first:
        if name := _wide_bom(raw):
            msg = f"file is {name} (it starts with a {name} byte-order mark); postkit reads UTF-8"
            raise RecordError(msg, path=path, line=1, hint=_UTF8_HINT)
        if raw.startswith(_UTF8_BOM):
            raw, offset = raw[3:], offset + 3
    nul = raw.find(b"\x00")
    if nul >= 0:
        where = line + raw.count(b"\n", 0, nul) if whole else line
        msg = f"NUL byte at byte offset {offset + nul}; the file is binary or not UTF-8"
        raise RecordError(msg, path=path, line=where, hint=_UTF8_HINT)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        where = line + raw.count(b"\n", 0, err.start) if whole else line
        msg = (f"not UTF-8: byte 0x{raw[err.start]:02X} at byte offset {offset + err.start}"
               f" ({err.reason})")
        raise RecordError(msg, path=path, line=where, hint=_UTF8_HINT) from None


def _wide_bom(raw: bytes) -> str | None:
    return next((name for bom, name in _WIDE_BOMS if raw.startswith(bom)), None)


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].lower() == "readme"  # noqa: PTH122 - str in, str out


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()  # noqa: PTH122 - works on str and entries alike


def _why(err: BaseException) -> str:
    if isinstance(err, RecursionError):
        return "nested too deeply"
    if "integer string conversion" in str(err):
        return "a number has too many digits"
    text = str(err).split("\n", 1)[0]
    return text if len(text) <= 200 else text[:197] + "..."
