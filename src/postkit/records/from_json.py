"""JSON and JSON Lines records (and stdin, sniffed as one or the other)."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import regex

from postkit.errors import RecordError
from postkit.records import cms
from postkit.records.capped import CappedReader
from postkit.records.fields import ALIASES, DEFAULT, ReadOptions
from postkit.records.record import (
    STDIN_NAME,
    UTF8_BOM,
    DuplicateKeys,
    FieldLines,
    Ids,
    Result,
    decode,
    decode_all,
    to_article,
    why,
    wide_bom,
    with_hint,
)

_JSON_SPACE = " \t\r\n"
_JSON_WS = regex.compile(r"[ \t\n\r]*+")


def sniff_json(
    fh: CappedReader,
    path: str,
    ids: Ids,
    options: ReadOptions = DEFAULT,
    *,
    first: tuple[int, int, bytes] | None = None,
    lines: Iterator[tuple[int, int, bytes]] | None = None,
) -> Iterator[Result]:
    """JSON Lines if the first non-blank line is a whole JSON value (not an array), else JSON.

    Blank lines before it are skipped in the reader's buffer, not kept. ``first`` and
    ``lines``: that line and the rest, when the caller has looked already (stdin).
    """
    lines = fh.lines() if lines is None else lines
    found = first if first is not None else first_content_line(lines)
    if found is None:
        yield RecordError("file is empty", path=path)
        return
    number, _, raw = found
    head = [found]
    try:
        decoded = decode(raw, path=path, first=number == 1, line=number, offset=0, whole=True)
    except RecordError as err:
        yield err
        return
    stripped = decoded.strip()
    if stripped and not stripped.startswith("["):
        try:
            json.loads(stripped)
        except (ValueError, RecursionError):
            pass
        else:
            yield from _json_lines(itertools.chain(head, lines), path, ids, options)
            return
    # A JSON document: the lines before it were blank (skipped, not kept); keep its line numbers.
    yield from _json_records(raw + fh.read(fh.read_limit - len(raw)), path, ids, options, line_offset=number - 1)


def first_content_line(lines: Iterator[tuple[int, int, bytes]]) -> tuple[int, int, bytes] | None:
    """The first line of ``lines`` that is not blank (nor only a BOM); the ones before are dropped."""
    for found in lines:
        if found[2].strip(b" \t\r\n").removeprefix(UTF8_BOM).strip(b" \t\r\n"):
            return found
    return None


def read_json(fh: CappedReader, path: str, ids: Ids, options: ReadOptions = DEFAULT) -> Iterator[Result]:
    """Read one JSON document: an object, an array of objects, or a CMS document.

    CMS documents (JSON Feed, WordPress, Ghost) as :mod:`postkit.records.cms` reads them; up to the document cap.
    """
    yield from _json_records(fh.read(), path, ids, options)


def _json_records(
    data: bytes, path: str, ids: Ids, options: ReadOptions = DEFAULT, *, line_offset: int = 0
) -> Iterator[Result]:
    try:
        text = decode_all(data, path)
        items, is_array = _parse_json_document(text)
        items = [(value, line + line_offset, keys) for value, line, keys in items]
    except RecordError as err:
        yield err
        return
    except json.JSONDecodeError as err:
        hint = None
        if err.msg == "Extra data" and path != STDIN_NAME:
            hint = "one object per line is JSON Lines: name the file .jsonl"
        yield RecordError(
            f"invalid JSON: {err.msg} (column {err.colno})", path=path, line=err.lineno + line_offset, hint=hint
        )
        return
    except (ValueError, RecursionError) as err:
        yield RecordError(f"invalid JSON: {why(err)}", path=path)
        return
    if not is_array and not isinstance(items[0][0], dict):
        kind = type(items[0][0]).__name__
        yield RecordError(f"expected an object or an array of objects, got {kind}", path=path)
        return
    document = [value for value, _, _ in items] if is_array else items[0][0]
    shaped = cms.shape(document)
    if shaped is not None:
        starts = [line for _, line, _ in items] if is_array else []
        hint = f"this {shaped.kind} item has no link: {shaped.no_link}"
        places = cms.item_places(document, shaped.kind)
        paths = _key_paths(text) if places else {}
        for index, record in enumerate(shaped.records, 1):
            line = starts[index - 1] if len(starts) == len(shaped.records) else None
            lines = None
            if len(places) == len(shaped.records):
                prefix, sources = places[index - 1]
                lines = _item_lines(document, paths, prefix, sources, line_offset)
            result = to_article(record, ids, path=path, index=index, line=line, options=options, field_lines=lines)
            yield with_hint(result, hint)
        return
    if not is_array:
        problem = _not_records(items[0][0])
        if problem is not None:
            yield RecordError(problem, path=path, line=items[0][1])
            return
    for index, (value, line, keys) in enumerate(items, 1):
        lines = FieldLines(fields={key: at + line_offset for key, at in keys.items()}) if keys else None
        number = index if is_array else None
        yield to_article(value, ids, path=path, index=number, line=line, options=options, field_lines=lines)


def _not_records(document: dict[str, Any]) -> str | None:
    """Why a JSON object is a document postkit does not read as a record (RSS written as JSON)."""
    rss = document.get("rss")
    if isinstance(rss, dict) and isinstance(rss.get("channel"), dict):
        return "an RSS feed written as JSON ('rss.channel.item'); postkit reads RSS as XML (.xml, .rss)"
    return None


# By re (possessive quantifiers since Python 3.11): regex parsed it in ~4 ms a run. The same pattern
# by regex is the reference (postkit._fastpaths, "JSON tokens").
JSON_SCAN_PATTERN = r'"(?:[^"\\\n]++|\\.)*+"|[{}\[\]\n]'
_JSON_TOKEN = re.compile(JSON_SCAN_PATTERN)


def _key_lines(text: str, start: int, end: int, line: int) -> dict[str, int]:
    """The line of each top-level key of the object at ``text[start:end]`` starting on ``line``.

    Only for an object over several lines (a pretty-printed record): one scan of its text,
    strings skipped whole. Keys as fields are named (lowercased, aliases applied).
    """
    if text.find("\n", start, end) < 0 or not text.startswith("{", start):
        return {}
    depth = 0
    found: dict[str, int] = {}
    for m in _JSON_TOKEN.finditer(text, start, end):
        piece = m.group()
        if piece == "\n":
            line += 1
        elif piece in "{[":
            depth += 1
        elif piece in "}]":
            depth -= 1
        elif depth == 1 and text.startswith(":", _skip_ws(text, m.end())):
            try:
                key = " ".join(str(json.loads(piece)).lower().split())
            except ValueError:
                continue
            found.setdefault(ALIASES.get(key, key), line)
    return found


#: How deep ``_key_paths`` places keys: a Ghost export's post fields are six keys down
#: (``db[0].data.posts[i].title``); deeper keys are no record's fields.
_PLACED_DEPTH = 6
_PATH_TOKEN = re.compile(r'"(?:[^"\\\n]++|\\.)*+"|[{}\[\],\n]')


def _key_paths(text: str) -> dict[cms.Path, int]:
    """The line of each key (and each array element's start) of a JSON document, by key path.

    One scan of the text, strings skipped whole; keys deeper than ``_PLACED_DEPTH`` are not kept.
    """
    found: dict[cms.Path, int] = {}
    line = 1
    stack: list[list[Any]] = []  # per open container: [is_array, current key or index]
    for m in _PATH_TOKEN.finditer(text):
        piece = m.group()
        first = piece[0]
        if first == "\n":
            line += 1
        elif first in "{[":
            if stack and stack[-1][0] and len(stack) <= _PLACED_DEPTH:  # an array element: where it starts
                found.setdefault(tuple(entry[1] for entry in stack), line)
            stack.append([first == "[", 0 if first == "[" else None])
        elif first in "}]":
            if stack:
                stack.pop()
        elif first == ",":
            if stack and stack[-1][0]:
                stack[-1][1] += 1
        elif stack and not stack[-1][0] and text.startswith(":", _skip_ws(text, m.end())):
            try:
                key = json.loads(piece)
            except ValueError:
                continue
            stack[-1][1] = key
            if len(stack) <= _PLACED_DEPTH:
                found.setdefault(tuple(entry[1] for entry in stack), line)
    return found


def _item_lines(
    document: Any,
    paths: dict[cms.Path, int],
    prefix: cms.Path,
    sources: Mapping[str, tuple[cms.Path, ...]],
    line_offset: int,
) -> FieldLines:
    """Where a CMS item's record fields are: the line of the key whose value became each field.

    ``sources`` names the keys a field is read from, in the reader's order: the first whose
    value is there is the one. With no ``sources`` (plain ``posts``), each key places the
    field of its own name (and those under ``data``, which such posts are flattened from).
    """
    item: Any = document
    for step in prefix:
        item = item[step]
    start = paths.get(prefix)
    fields: dict[str, int] = {}
    if not isinstance(item, Mapping):
        return FieldLines(start=None if start is None else start + line_offset)
    if sources:
        for field, keys in sources.items():
            for key in keys:
                value = _at(item, key)
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    at = paths.get(prefix + key)
                    if at is not None:
                        fields[field] = at + line_offset
                    break
    else:
        nested = item.get("data")
        flat: tuple[tuple[cms.Path, Mapping[str, Any]], ...] = (
            ((), item),
            (("data",), nested if isinstance(nested, Mapping) else {}),
        )
        for inner, table in flat:
            for name_given in table:
                at = paths.get((*prefix, *inner, name_given))
                name = " ".join(str(name_given).lower().split())
                if at is not None:
                    fields.setdefault(ALIASES.get(name, name), at + line_offset)
    return FieldLines(start=None if start is None else start + line_offset, fields=fields)


def _at(item: Mapping[str, Any], key: cms.Path) -> Any:
    value: Any = item
    for step in key:
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


def _parse_json_document(text: str) -> tuple[list[tuple[Any, int, dict[str, int]]], bool]:
    """Parse a JSON document into (value, starting line, key lines) and whether it was an array.

    The whole document is checked before anything is returned, so a malformed file
    loads nothing. Array elements are decoded one by one to learn the line each starts
    on, counting newlines once over the text (linear); a pretty-printed object's keys
    are placed too (``_key_lines``).

    Raises:
        json.JSONDecodeError: with the line and column of the problem.
    """
    pos = _skip_ws(text, 0)
    if not text.startswith("[", pos):
        value, end = _JSON.raw_decode(text, pos)
        _expect_end(text, end)
        line = text.count("\n", 0, pos) + 1
        return [(value, line, _key_lines(text, pos, end, line))], False
    items: list[tuple[Any, int, dict[str, int]]] = []
    line, counted = 1, 0
    pos = _skip_ws(text, pos + 1)
    if text.startswith("]", pos):
        _expect_end(text, pos + 1)
        return items, True
    while True:
        line += text.count("\n", counted, pos)
        counted = pos
        start = pos
        value, pos = _JSON.raw_decode(text, pos)
        items.append((value, line, _key_lines(text, start, pos, line)))
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


def read_jsonl(fh: CappedReader, path: str, ids: Ids, options: ReadOptions = DEFAULT) -> Iterator[Result]:
    """Read JSON Lines, one record per line, streamed; a bad line costs only that line."""
    yield from _json_lines(fh.lines(), path, ids, options)


def _json_lines(
    lines: Iterable[tuple[int, int, bytes]], path: str, ids: Ids, options: ReadOptions = DEFAULT
) -> Iterator[Result]:
    index = 0
    for number, start, raw in lines:
        try:
            line = decode(raw, path=path, first=number == 1, line=number, offset=start)
        except RecordError as err:
            yield err
            # A UTF-16/32 file (line 1 reads as JSON in the encoding its BOM names) is one error,
            # not one per line; a line that merely starts like a BOM costs only itself.
            if number == 1 and _wide_json(raw):
                return
            index += 1
            continue
        if not line.strip(_JSON_SPACE):  # blank; "\x1c" is no JSON whitespace, so a bad record
            continue
        index += 1
        try:
            value = _JSON.decode(line)
        except json.JSONDecodeError as err:
            yield RecordError(f"invalid JSON: {err.msg} (column {err.colno})", path=path, index=index, line=number)
            continue
        except (ValueError, RecursionError) as err:
            yield RecordError(f"invalid JSON: {why(err)}", path=path, index=index, line=number)
            continue
        if cms.is_wordpress(value):  # a WordPress post a line
            value = cms.wordpress_post(value)
        yield to_article(value, ids, path=path, index=index, line=number, options=options)
    if index == 0:
        yield RecordError("file is empty", path=path)


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
    obj = DuplicateKeys(result)
    obj.duplicates = tuple(dupes)
    return obj


_JSON = json.JSONDecoder(object_pairs_hook=_object_pairs)


def _wide_json(raw: bytes) -> bool:
    """Whether a first line is JSON written in the UTF-16/32 encoding its byte-order mark names."""
    name = wide_bom(raw)
    if name is None:
        return False
    body = raw.rstrip(b"\r\n")  # UTF-16LE's newline leaves its NUL half to the next line
    for size in (0, 1, 2, 3):  # the line may end inside the newline's code unit
        try:
            text = (body + b"\x00" * size).decode(name.lower())
        except UnicodeDecodeError:
            continue
        return text.lstrip("\x00 \t").startswith(("{", "["))
    return False
