"""The seed article's plain-text form: ``Key: value`` lines, then the article text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import regex

from postkit.article import Article, split_list
from postkit.errors import RecordError
from postkit.records.capped import CappedReader
from postkit.records.fields import DEFAULT, ReadOptions
from postkit.records.from_csv import LIST_COLUMNS
from postkit.records.record import FieldLines, Ids, Result, check_duplicate, decode_all, relocate


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
    ``Sources``, ``Language``, ``Author``, ``Published``, ``Image``, ``Image Alt``, ``ID``; any case),
    wherever it stands. ``Tags``, ``Topics`` and ``Sources`` split on ``;`` or ``,``.
    The lines before the first field are the headline block: its first line is the
    title when there is no ``Title:`` line, the rest is page furniture and is dropped.
    Every other paragraph after the first field is the body. A ``URL:`` line is
    required (the seed itself has none). The summary is never guessed from the body:
    scraped bodies open with chatty lines a teaser should not carry.

    Raises:
        RecordError: naming the line of the offending field.
    """
    return _parse_text(text, path=path)[0]


def _parse_text(text: str, *, path: str | None = None) -> tuple[Article, dict[str, int]]:
    """``parse_text_record``, and the line of each field."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    headline: str | None = None
    body: list[str] = []
    paragraph: list[str] = []
    body_line = 0
    for number, raw in enumerate(io.StringIO(text), 1):
        line = raw.rstrip("\r\n")
        match = _TXT_FIELD.match(line)
        key = _txt_key(match["key"]) if match else None
        if match is None or key is None:
            if not values:
                if line.strip() and headline is None:
                    headline, lines["headline"] = line.strip(), number
            elif line.strip():
                body_line = body_line or number
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
        values[key] = split_list(value) if key in LIST_COLUMNS else value
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
        lines.setdefault("body", body_line or 1)
    try:
        return Article.from_dict(values, path=path), lines
    except RecordError as err:
        raise relocate(err, lines.get(err.field or "")) from None


def read_text(fh: CappedReader, path: str, ids: Ids, options: ReadOptions = DEFAULT) -> Iterator[Result]:
    """Read one record in the seed's plain-text form (its fields are its own: ``options`` change nothing)."""
    del options
    try:
        article, lines = _parse_text(decode_all(fh.read(), path), path=path)
    except RecordError as err:
        yield err
        return
    lines.pop("headline", None)
    yield check_duplicate(article, ids, (path, None, None), field_lines=FieldLines(start=1, fields=lines))


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
    "image alt": "image_alt",
    "id": "id",
}


def _txt_key(key: str) -> str | None:
    return _TXT_KEYS.get(" ".join(key.lower().split()))
