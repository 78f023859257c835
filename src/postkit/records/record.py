"""What a reader yields, and what every format shares.

A Record (an Article or its RecordError, and its place), and the helpers every format
shares: turning a mapping into an Article, decoding bytes, locating errors.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any, Protocol, TypeAlias

import attrs

from postkit.article import LENIENT_FIELDS, Article, read_article
from postkit.errors import Location, RecordError, place
from postkit.records.capped import LongLine
from postkit.records.fields import DEFAULT, ReadOptions, normalise

#: The path that means "read stdin".
STDIN = "-"


STDIN_NAME = "<stdin>"


class IdTable(Protocol):
    """What remembers ids: ``IdRegistry``, or a plain ``dict`` (the reference)."""

    def setdefault(self, key: str, default: Location, /) -> Location:
        """The first location of ``key``; records ``default`` if it is new."""
        ...


Ids: TypeAlias = IdTable


UTF8_BOM = b"\xef\xbb\xbf"


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


UTF8_HINT = "save it as UTF-8"


def _lines(value: Mapping[str, int]) -> Mapping[str, int]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class FieldLines:
    """Where a record's fields are in its file, as far as its format tells (for annotations).

    ``start`` is the line the record starts on where ``Record.line`` does not say it (a feed
    entry's start tag: feed records are labelled by entry number); ``fields`` the line of
    each field the format places: a JSON key in a pretty-printed object, a Markdown front
    matter key (and the body paragraph a summary is taken from), a plain-text ``Key:``
    line, a feed entry's element.
    """

    start: int | None = None
    fields: Mapping[str, int] = attrs.field(factory=dict, converter=_lines)

    def line_of(self, field: str | None) -> int | None:
        """The line of ``field``, else where the record starts (None: not known)."""
        if field is not None and field in self.fields:
            return self.fields[field]
        return self.start


def field_line(lines: FieldLines | None, line: int | None, field: str | None) -> int | None:
    """The line of ``field`` where ``lines`` place it, else ``line`` (where the record starts), else None.

    One answer for a :class:`Record` and the pipeline's row made from it.
    """
    found = lines.line_of(field) if lines is not None else None
    return found if found is not None else line


@attrs.frozen
class Record:
    """One record's outcome, an Article or the RecordError saying why not, and its place.

    ``path`` is the file (``"<stdin>"`` for stdin); ``index`` the record's number in
    it (JSON array element, JSON Lines or CSV record), ``line`` the line it starts on,
    each where known; ``field_lines`` where its fields are, where the format tells.
    """

    value: Article | RecordError
    path: str
    index: int | None = None
    line: int | None = None
    warnings: tuple[RecordError, ...] = ()
    field_lines: FieldLines | None = None

    def line_of(self, field: str | None) -> int | None:
        """The line of the record's ``field`` in its file, else the line it starts on (None: not known)."""
        return field_line(self.field_lines, self.line, field)

    @property
    def ok(self) -> bool:
        """Whether the record became an Article."""
        return isinstance(self.value, Article)

    @property
    def label(self) -> str:
        """Where the record is, for messages: ``feeds/wire.jsonl, line 3``."""
        return place(self.path, self.line, self.index)


Result: TypeAlias = Record | RecordError
"""What a reader yields: a located good record, or an error that carries its place."""


class DuplicateKeys(dict[str, Any]):
    """A JSON object whose source names a key more than once (JSON keeps the last)."""

    duplicates: tuple[str, ...] = ()


def to_article(
    value: Any,
    ids: Ids,
    *,
    path: str,
    index: int | None,
    line: int | None,
    options: ReadOptions = DEFAULT,
    lines: Mapping[str, int] | None = None,
    file_name: str | None = None,
    field_lines: FieldLines | None = None,
) -> Result:
    """Turn one decoded record into an Article, or the RecordError that says why not.

    Its keys and values are read as :func:`postkit.records.fields.normalise` says (the
    mapping, the synonyms, CMS value shapes, the base URL); an unreadable date, image or
    language is a warning and the record is kept. ``lines``: the line of each key
    (front matter), for messages; ``file_name``: the record's own file (Markdown);
    ``field_lines``: where its fields are, where the format tells.
    """
    if isinstance(value, DuplicateKeys):
        msg = "appears more than once in the object; keep one"
        return RecordError(msg, path=path, index=index, line=line, field=value.duplicates[0])
    if not isinstance(value, Mapping):
        msg = f"expected an object with 'title' and 'url', got {type(value).__name__}"
        return RecordError(msg, path=path, index=index, line=line)
    try:
        sources: dict[str, str] = {}
        values, notes = normalise(
            value, options, path=path, index=index, line=line, lines=lines, file_name=file_name, sources=sources
        )
        article, warnings = read_article(values, path=path, index=index, line=line, lenient=LENIENT_FIELDS)
    except RecordError as err:
        if options.base_url is not None and _url_missing(err):
            hint = "the record has no link, and no permalink or slug (nor, in Markdown, a file name) to build one from"
            err = RecordError(err.message, path=err.path, index=err.index, line=err.line, field=err.field, hint=hint)
        return relocate(err, (lines or {}).get(err.field or "")) if lines else err
    except (ValueError, TypeError, RecursionError) as err:  # a value Article cannot take
        return RecordError(f"cannot read record: {why(err)}", path=path, index=index, line=line)
    if lines:
        warnings = tuple(relocate(w, lines.get(w.field or "")) for w in warnings)
    if field_lines is not None and sources:  # a field read under another name: its line is that key's
        known = field_lines.fields
        moved = {field: known[key] for field, key in sources.items() if key in known and field not in known}
        field_lines = attrs.evolve(field_lines, fields={**known, **moved})
    return check_duplicate(article, ids, (path, line, index), (*warnings, *notes), field_lines)


def _url_missing(err: RecordError) -> bool:
    return (err.field == "url" and err.message.startswith("is required")) or "field 'url': is required" in err.message


def with_hint(result: Result, hint: str) -> Result:
    """``result`` with ``hint`` when it is the error of a record without a url (a reader that knows why says so)."""
    if isinstance(result, RecordError) and _url_missing(result):
        return RecordError(
            result.message, path=result.path, index=result.index, line=result.line, field=result.field, hint=hint
        )
    return result


def check_duplicate(
    article: Article,
    ids: Ids,
    here: Location,
    warnings: tuple[RecordError, ...] = (),
    field_lines: FieldLines | None = None,
) -> Result:
    """Report an id seen before at the later record, naming the first place."""
    # An id is unique within its feed: another feed's "g1" is another entry.
    scoped = article.id if article.feed is None or article.id is None else f"{article.feed}\x1f{article.id}"
    first = here if scoped is None else ids.setdefault(scoped, here)
    if first is here:
        return Record(article, here[0], here[2], here[1], warnings, field_lines)
    place = RecordError("", path=first[0], line=first[1], index=first[2]).where
    msg = f"duplicate id {article.id!r}; first used at {place}"
    return RecordError(msg, path=here[0], line=here[1], index=here[2], field="id")


def alias(mapping: Mapping[Any, Any], aliases: Mapping[str, str]) -> Mapping[Any, Any]:
    """Rename alias keys (``Social Media`` → ``social``) unless the field itself is there."""
    names = {str(k).strip().lower(): k for k in mapping}
    renames = {names[old]: new for old, new in aliases.items() if old in names and new not in names}
    if not renames:
        return mapping
    return {renames.get(k, k): v for k, v in mapping.items()}


def relocate(err: RecordError, line: int | None, *, message: str | None = None) -> RecordError:
    """Give an error from a nested parser the record's line (and a clearer message)."""
    if line is None and message is None:
        return err
    return type(err)(
        message or err.message,
        path=err.path,
        index=err.index,
        line=line if line is not None else err.line,
        field=err.field,
        hint=err.hint,
    )


def decode_all(data: bytes, path: str) -> str:
    """Decode a whole file as strict UTF-8 (BOM dropped); empty files are errors."""
    text = decode(data, path=path, first=True, line=1, offset=0, whole=True)
    if not text.strip():
        raise RecordError("file is empty", path=path)
    return text


def decode(
    raw: bytes,
    *,
    path: str,
    first: bool,
    line: int,
    offset: int,
    whole: bool = False,
) -> str:
    """Decode ``raw`` (a line at byte ``offset``, or the whole file) as strict UTF-8."""
    if isinstance(raw, LongLine):
        msg = f"line is {raw.size:,} bytes long, over the {raw.limit:,}-byte limit for one record"
        raise RecordError(msg, path=path, line=line, hint="a record this large is not a teaser's source")
    if first:
        if name := wide_bom(raw):
            msg = f"file is {name} (it starts with a {name} byte-order mark); postkit reads UTF-8"
            raise RecordError(msg, path=path, line=1, hint=UTF8_HINT)
        if raw.startswith(UTF8_BOM):
            raw, offset = raw[3:], offset + 3
    nul = raw.find(b"\x00")
    if nul >= 0:
        where = line + raw.count(b"\n", 0, nul) if whole else line
        msg = f"NUL byte at byte offset {offset + nul}; the file is binary or not UTF-8"
        raise RecordError(msg, path=path, line=where, hint=UTF8_HINT)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        where = line + raw.count(b"\n", 0, err.start) if whole else line
        msg = f"not UTF-8: byte 0x{raw[err.start]:02X} at byte offset {offset + err.start} ({err.reason})"
        raise RecordError(msg, path=path, line=where, hint=UTF8_HINT) from None


def wide_bom(raw: bytes) -> str | None:
    """The UTF-16/32 encoding a byte-order mark announces, if any."""
    return next((name for bom, name in _WIDE_BOMS if raw.startswith(bom)), None)


def why(err: BaseException) -> str:
    """A short reason for a parser's exception, for a one-line message."""
    if isinstance(err, RecursionError):
        return "nested too deeply"
    if "integer string conversion" in str(err):
        return "a number has too many digits"
    text = str(err).split("\n", 1)[0]
    return text if len(text) <= 200 else text[:197] + "..."
