"""Reading input with size caps: no file, line or stdin stream can exhaust memory.

Whole-document formats (a ``.json`` document, a Markdown or plain-text record) are read
up to a cap; line formats (JSON Lines, CSV) are streamed, one line at a time, each line
up to a cap, and a longer line is skipped in chunks and reported as that line's error.
Runs of blank lines are skipped in the reader's buffer, without a Python step per line
or a growing list (``yes '' | postkit compose -``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import attrs

from postkit.errors import RecordError

__all__ = ["MAX_DOCUMENT_BYTES", "MAX_RECORD_BYTES", "CappedReader", "Limits", "LongLine"]

#: The longest line of JSON Lines or CSV, and the largest Markdown or plain-text file:
#: one record. Reading one record takes about 10 times its size in memory at most.
MAX_RECORD_BYTES = 24 * 1024 * 1024
#: The largest ``.json`` document (or JSON on stdin): an array of records is parsed whole
#: before any is used, so that a malformed file loads nothing.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024

_CHUNK = 1 << 20
# An over-long line is skipped up to this many times the line cap, then the input ends.
_SKIP_LINES = 16


@attrs.frozen
class Limits:
    """Size caps for reading records (bytes); see ``MAX_RECORD_BYTES`` and ``MAX_DOCUMENT_BYTES``."""

    record_bytes: int = MAX_RECORD_BYTES
    document_bytes: int = MAX_DOCUMENT_BYTES


class LongLine(bytes):
    """Stands for a line longer than the cap (its bytes were skipped, not kept)."""

    size: int = 0
    limit: int = 0


class CappedReader:
    """A binary stream read with caps: ``read()`` up to one limit, lines up to another."""

    def __init__(self, fh: BinaryIO, path: str, *, read_limit: int, line_limit: int) -> None:
        self.fh = fh
        self.path = path
        self.read_limit = read_limit
        self.line_limit = line_limit
        self.consumed = 0

    def read(self, limit: int | None = None) -> bytes:
        """The rest of the stream, or RecordError when it is longer than the cap."""
        cap = self.read_limit - self.consumed if limit is None else limit
        data = self.fh.read(max(cap, 0) + 1)
        self.consumed += len(data)
        if len(data) > cap:
            msg = f"file is larger than {self.read_limit:,} bytes, the most postkit reads as one document"
            raise RecordError(msg, path=self.path, hint="split it, or write one record per line (JSON Lines)")
        return data

    def __iter__(self) -> Iterator[bytes]:
        """Every line (blank ones too), a LongLine for each line over the cap."""
        for _, _, raw in self.lines(skip_blank=False):
            yield raw

    def lines(self, *, skip_blank: bool = True, number: int = 1) -> Iterator[tuple[int, int, bytes]]:
        """``(line number, byte offset, bytes)`` for each line; blank runs skipped if asked."""
        fh = self.fh
        peek = getattr(fh, "peek", None)
        while True:
            if skip_blank and peek is not None:
                number += self._skip_blank(peek)
            start = self.consumed
            raw = fh.readline(self.line_limit + 1)
            if not raw:
                return
            self.consumed += len(raw)
            if len(raw) > self.line_limit and not (len(raw) == self.line_limit + 1 and raw.endswith(b"\n")):
                raw = self._skip_rest(raw)
            yield number, start, raw
            number += 1

    def _skip_blank(self, peek: object) -> int:
        """Consume whole blank lines at the front of the buffer; how many there were."""
        skipped = 0
        while True:
            buffered: bytes = peek(1)  # type: ignore[operator]
            spaces = len(buffered) - len(buffered.lstrip(b" \t\r\n"))
            end = buffered.rfind(b"\n", 0, spaces) + 1  # whole blank lines only
            if end == 0:
                return skipped
            skipped += buffered.count(b"\n", 0, end)
            self.fh.read(end)
            self.consumed += end
            if end < len(buffered):
                return skipped

    def _skip_rest(self, head: bytes) -> LongLine:
        """Read past the rest of an over-long line in chunks, keeping none of it."""
        size = len(head)
        while not head.endswith(b"\n"):
            if size > _SKIP_LINES * self.line_limit:  # an endless line (/dev/zero): do not skip forever
                msg = (
                    f"a line runs past {_SKIP_LINES * self.line_limit:,} bytes without ending; "
                    "the rest of the input is not read"
                )
                raise RecordError(msg, path=self.path)
            head = self.fh.readline(_CHUNK)
            if not head:
                break
            size += len(head)
            self.consumed += len(head)
        marker = LongLine(b"")
        marker.size = size
        marker.limit = self.line_limit
        return marker
