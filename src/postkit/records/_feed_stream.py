"""Feeds in flat memory: hand feedparser a well-formed feed a batch of entries at a time.

``feedparser`` parses a document whole (about 3.5 KB of Python objects an entry), so a
big feed would cost memory in proportion. For a well-formed feed this module finds each
entry's byte span with expat (one pass, nothing kept but the spans), then builds small
documents out of the feed's own bytes: everything before the first entry (the XML
declaration, the root and channel with their namespaces, ``xml:lang``, ``xml:base`` and
the feed's metadata), a batch of entries, and the closing tags. feedparser parses each
batch as it would the whole feed; the entries come out the same. The plain path, parsing
the whole document (``from_feed``), is the reference the tests compare this one with, and
what runs whenever this one does not apply: a malformed document (feedparser's job), a
DOCTYPE (entity definitions), UTF-16/32, an encoding expat cannot read, entries at
different places, or no entries at all.
"""

from __future__ import annotations

import array
import xml.parsers.expat
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["BATCH_BYTES", "BATCH_ENTRIES", "LINE_FIELDS", "FeedLayout", "batches", "scan"]

#: A batch holds at most this many entries, and about this many bytes of them.
BATCH_ENTRIES = 200
BATCH_BYTES = 1 << 20
_CHUNK = 1 << 16
_WIDE = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_ENTRY_NAMES = frozenset({"item", "entry"})


class _NotStreamable(Exception):  # noqa: N818 - a control-flow signal, not an error
    """The document is read whole instead."""


#: The fields whose elements' lines are kept (for annotations), and the elements that hold them.
LINE_FIELDS = ("title", "url", "summary", "body", "tags")
_FIELD_OF = {"title": 0, "link": 1, "description": 2, "summary": 2, "encoded": 3, "content": 3, "category": 4}
_FAR = 255  # a field this many lines or more below its entry's start tag is not placed
_NONE_BELOW = bytes(len(LINE_FIELDS))


class FeedLayout:
    """Where a feed's entries are: the byte spans, the prologue's length and the closing tags.

    ``starts`` holds the line of each entry's start tag, ``below`` how many lines below it
    the first element of each of :data:`LINE_FIELDS` is (1-based, 0 where there is none):
    nine bytes an entry, for annotations.
    """

    __slots__ = ("below", "prologue", "spans", "starts", "suffix")

    def __init__(
        self,
        prologue: int,
        suffix: bytes,
        spans: array.array[int],
        starts: array.array[int] | None = None,
        below: array.array[int] | None = None,
    ) -> None:
        self.prologue = prologue
        self.suffix = suffix
        self.spans = spans
        self.starts = starts if starts is not None else array.array("I")
        self.below = below if below is not None else array.array("B")

    def __len__(self) -> int:
        return len(self.spans) // 2

    def entry_lines(self, number: int) -> tuple[int, dict[str, int]] | None:
        """The line entry ``number`` (1-based) starts on and the lines of its fields; None if not known."""
        if not 0 < number <= len(self.starts):
            return None
        start = self.starts[number - 1]
        row = self.below[(number - 1) * len(LINE_FIELDS) : number * len(LINE_FIELDS)]
        fields = {name: start + row[i] - 1 for i, name in enumerate(LINE_FIELDS) if row[i]}
        if "summary" not in fields and "body" in fields:  # a summary taken from the content
            fields["summary"] = fields["body"]
        return start, fields


class _Scanner:
    """expat handlers recording each entry's start and the offset of its end tag."""

    def __init__(self, parser: xml.parsers.expat.XMLParserType) -> None:
        self.parser = parser
        self.stack: list[str] = []
        self.path: tuple[str, ...] | None = None
        self.start: int | None = None
        self.spans = array.array("Q")
        self.starts = array.array("I")
        self.below = array.array("B")

    def on_start(self, name: str, _attrs: object) -> None:
        depth = len(self.stack)
        if (
            self.start is None
            and name.rpartition(":")[2] in _ENTRY_NAMES
            and (depth == 1 or (depth == 2 and self.stack[1].rpartition(":")[2] == "channel"))
        ):
            here = tuple(self.stack)
            if self.path is None:
                self.path = here
            elif here != self.path:
                raise _NotStreamable
            self.start = self.parser.CurrentByteIndex
            self.starts.append(self.parser.CurrentLineNumber)
            self.below.extend(_NONE_BELOW)
        elif self.start is not None and self.path is not None and depth == len(self.path) + 1:
            column = _FIELD_OF.get(name.rpartition(":")[2])
            if column is not None:
                at = len(self.below) - len(LINE_FIELDS) + column
                below = self.parser.CurrentLineNumber - self.starts[-1] + 1
                if not self.below[at] and below < _FAR:
                    self.below[at] = below
        self.stack.append(name)

    def on_end(self, _name: str) -> None:
        self.stack.pop()
        if self.start is not None and self.path is not None and len(self.stack) == len(self.path):
            self.spans.extend((self.start, self.parser.CurrentByteIndex))
            self.start = None

    def on_doctype(self, *_args: object) -> None:
        raise _NotStreamable


def scan(fh: BinaryIO) -> FeedLayout | None:
    """The entries' layout in the seekable ``fh``, or None when the document is to be read whole."""
    fh.seek(0)
    head = fh.read(4)
    if not head or head.startswith(_WIDE) or b"\x00" in head:
        return None
    parser = xml.parsers.expat.ParserCreate()
    scanner = _Scanner(parser)
    parser.StartElementHandler = scanner.on_start
    parser.EndElementHandler = scanner.on_end
    parser.StartDoctypeDeclHandler = scanner.on_doctype
    fh.seek(0)
    try:
        while chunk := fh.read(_CHUNK):
            parser.Parse(chunk, False)  # noqa: FBT003 - pyexpat takes isfinal positionally
        parser.Parse(b"", True)  # noqa: FBT003 - the same
    except (xml.parsers.expat.ExpatError, _NotStreamable, ValueError, LookupError):
        return None
    if scanner.path is None or not scanner.spans:
        return None
    suffix = "".join(f"</{name}>" for name in reversed(scanner.path)).encode("ascii", "ignore")
    if len(suffix) != sum(len(name) + 3 for name in scanner.path):
        return None  # a non-ASCII element name: its closing tag would need the feed's encoding
    return FeedLayout(scanner.spans[0], suffix, scanner.spans, scanner.starts, scanner.below)


def batches(fh: BinaryIO, layout: FeedLayout) -> Iterator[tuple[int, bytes]]:
    """Yield ``(entries in it, document)`` for consecutive batches of the feed's entries."""
    fh.seek(0)
    prologue = fh.read(layout.prologue)
    spans = layout.spans
    count = len(layout)
    first = 0
    while first < count:
        last = first
        while (
            last + 1 < count
            and last + 1 - first < BATCH_ENTRIES
            and spans[2 * last + 3] - spans[2 * first] < BATCH_BYTES
        ):
            last += 1
        start, end_tag = spans[2 * first], spans[2 * last + 1]
        fh.seek(start)
        body = fh.read(end_tag - start) + _through_close(fh)
        yield last - first + 1, prologue + body + layout.suffix
        first = last + 1


def _through_close(fh: BinaryIO) -> bytes:
    """The end tag expat stopped at, through its ``>``."""
    out = b""
    while chunk := fh.read(256):
        end = chunk.find(b">")
        if end >= 0:
            return out + chunk[: end + 1]
        out += chunk
    return out
