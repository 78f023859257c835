"""RSS and Atom feeds as article records, parsed by ``feedparser``.

Publishing pipelines start from a feed. ``feedparser`` reads what real feeds are
(RSS 0.9x-2.0, RDF, Atom 0.3/1.0, malformed XML, declared and mis-declared encodings,
relative links against ``xml:base``); this module maps each entry to an Article:

- ``title`` (HTML cleaned), ``link`` (``url``; an RSS ``guid`` that is a permalink
  counts), ``summary`` (HTML cleaned), the entry's HTML ``content`` as ``body``
  (one paragraph per block), ``published`` (or ``updated``) as ISO 8601 UTC,
  ``author``, categories as ``tags``, ``id`` (``guid`` / ``atom:id``);
- ``language`` from the entry's ``xml:lang``, else the feed's ``<language>`` or
  ``xml:lang``, else the Article default;
- ``image`` from ``media:content`` (an image), ``media:thumbnail``, an image
  ``enclosure`` or a podcast's ``itunes:image``, resolved against the entry's link.

An entry that cannot become an Article is one RecordError naming the feed, the
entry's number and, in the message, its id or title. A document that is not a feed
(HTML, JSON, plain text) is one error, never zero records. ``feedparser`` parses a
document whole; a well-formed feed is handed to it in batches of entries
(:mod:`postkit.records._feed_stream`), so memory stays flat however long the feed.
Anything else (malformed XML, which feedparser repairs; a DOCTYPE; UTF-16) is read
whole, and refused with an error over :data:`MAX_FEED_BYTES`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO, TypeAlias

import attrs
import regex

from postkit.article import LENIENT_FIELDS, Article, read_article
from postkit.errors import RecordError
from postkit.records import _feed_stream
from postkit.records.cms import feed_identity, give_lead
from postkit.records.fields import DEFAULT, FieldNote, ReadOptions, resolve_url
from postkit.records.record import FieldLines, Ids, Result, check_duplicate
from postkit.text import clean_html, html_paragraphs

__all__ = [
    "FEED_SUFFIXES",
    "MAX_FEED_BYTES",
    "entry_article",
    "entry_record",
    "feed_base",
    "feed_entries",
    "feed_results",
    "read_feed",
]

#: File extensions read as feeds (compared case-insensitively); ``.rdf`` is RSS 1.0 as it is often saved.
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
#: The largest feed read whole (16 MiB, ~40,000 typical entries): feedparser builds the
#: whole document in memory. A well-formed feed streams and has no bound.
MAX_FEED_BYTES = 16 * 1024 * 1024

# RSS <author> is "email (Name)": the name is what a post shows.
_RSS_AUTHOR = regex.compile(r"^\s*[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*$")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_feed(
    fh: BinaryIO, path: str, ids: Ids, options: ReadOptions = DEFAULT, *, head: bytes = b""
) -> Iterator[Result]:
    """The reader for ``.xml``, ``.rss``, ``.atom`` and ``.rdf`` (and a feed on stdin): one Result an entry.

    An entry's id seen before in the run is a duplicate-id error, as in every format.
    ``options.base_url`` resolves a relative link the feed itself cannot (no ``xml:base``, no link).
    """
    for index, value, warnings, lines in _entries(fh, path, head=head, stream=True, base_url=options.base_url):
        if isinstance(value, RecordError):
            yield value
            continue
        field_lines = FieldLines(start=lines[0], fields=lines[1]) if lines is not None else None
        yield check_duplicate(value, ids, (path, None, index), warnings, field_lines)


def feed_entries(
    fh: BinaryIO, path: str, *, head: bytes = b"", stream: bool = True
) -> Iterator[tuple[int, Article | RecordError]]:
    """Yield ``(entry number, Article or RecordError)`` for every entry of the feed in ``fh``.

    Args:
        fh: the feed's bytes (a file or stdin); ``feedparser`` sniffs the encoding.
        path: the name errors carry (``"<stdin>"`` for stdin).
        head: bytes already read from ``fh`` (stdin's sniffed first line).
        stream: hand a well-formed feed to feedparser in batches of entries (flat
            memory); False parses every feed whole (the reference the tests compare with).

    A document that is not a feed, or one read whole over :data:`MAX_FEED_BYTES`,
    yields one error with entry number 0. Never raises for bad input. The warnings of
    each entry (an unreadable date) come with :func:`feed_results`.
    """
    for number, value, _ in feed_results(fh, path, head=head, stream=stream):
        yield number, value


Outcome: TypeAlias = tuple[int, Article | RecordError, tuple[RecordError, ...]]
"""An entry's number, its Article or RecordError, and its warnings."""


def feed_results(
    fh: BinaryIO, path: str, *, head: bytes = b"", stream: bool = True, base_url: str | None = None
) -> Iterator[Outcome]:
    """Like :func:`feed_entries`, with each entry's warnings.

    ``base_url`` resolves a relative link that neither ``xml:base`` nor the feed's own link resolves.
    """
    for number, value, warnings, _ in _entries(fh, path, head=head, stream=stream, base_url=base_url):
        yield number, value, warnings


_Lines = tuple[int, dict[str, int]] | None


def _entries(
    fh: BinaryIO, path: str, *, head: bytes, stream: bool, base_url: str | None = None
) -> Iterator[tuple[int, Article | RecordError, tuple[RecordError, ...], _Lines]]:
    """``feed_results``, each entry with the line it starts on and its fields' (a streamed feed's)."""
    with _seekable(fh, head) as source:
        layout = _feed_stream.scan(source) if stream else None
        if layout is None:
            for number, value, warnings in _whole(_read_bounded(source), path, base_url):
                yield number, value, warnings, None
            return
        number = 0
        for count, document in _feed_stream.batches(source, layout):
            parsed = _parse(document)
            if number == 0 and not parsed.get("version"):
                yield 0, _not_a_feed(parsed, path), (), None
                return
            entries: list[Any] = parsed.get("entries", [])
            context = _FeedContext.of(parsed, path, base_url)
            for entry in entries:
                number += 1
                _, value, warnings = _outcome(entry, context, number)
                yield number, value, warnings, layout.entry_lines(number)
            if len(entries) < count:  # not expected: expat and feedparser agree on well-formed XML
                msg = f"feedparser read {len(entries)} of {count} entries in a batch; check the feed"
                yield number, RecordError(msg, path=path), (), None
            # More (entries nested in entries, which feedparser reads too): every one was read.


@contextlib.contextmanager
def _seekable(fh: BinaryIO, head: bytes) -> Iterator[BinaryIO]:
    """``fh`` itself when it can seek, else its bytes spooled (to disk past 8 MiB): scanned twice."""
    if not head and fh.seekable():
        yield fh
        return
    with tempfile.SpooledTemporaryFile(max_size=8 * 2**20) as spool:
        spool.write(head)
        shutil.copyfileobj(fh, spool)
        yield spool  # type: ignore[misc] # SpooledTemporaryFile is a BinaryIO in all but name


def _read_bounded(source: BinaryIO) -> bytes:
    """At most ``MAX_FEED_BYTES + 1`` bytes, read in chunks (``read(n)`` would allocate ``n`` at once)."""
    source.seek(0)
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_FEED_BYTES and (chunk := source.read(min(1 << 20, MAX_FEED_BYTES + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _whole(data: bytes, path: str, base_url: str | None) -> Iterator[Outcome]:
    """The reference: the whole document through feedparser at once."""
    if len(data) > MAX_FEED_BYTES:
        msg = f"feed is larger than {MAX_FEED_BYTES // 2**20} MiB and not well-formed XML, so it is read whole"
        yield 0, RecordError(msg, path=path, hint="fix the XML, or split the feed"), ()
        return
    if not data.strip():
        yield 0, RecordError("file is empty", path=path), ()
        return
    parsed = _parse(data)
    del data
    if not parsed.get("version"):
        yield 0, _not_a_feed(parsed, path), ()
        return
    entries: list[Any] = parsed.pop("entries", [])
    context = _FeedContext.of(parsed, path, base_url)
    entries.reverse()  # hand out from the end: each entry is released once used
    number = 0
    while entries:
        number += 1
        yield _outcome(entries.pop(), context, number)


def _parse(data: bytes) -> Any:
    """Run feedparser on the bytes as a stream, never as a str or bytes.

    Given a str, feedparser fetches URLs; given bytes, it first tries them as a file name
    (a feed whose text is ``/etc/passwd`` would be read as that file).
    """
    import feedparser  # noqa: PLC0415 - imported only when a feed is read

    declared = _mislabelled_utf8(data)
    headers = {"content-type": "application/xml; charset=utf-8"} if declared else None
    parsed = feedparser.parse(
        io.BytesIO(data), resolve_relative_uris=True, sanitize_html=True, response_headers=headers
    )
    if declared:
        parsed["postkit_declared"] = declared
    return parsed


_DECLARED = regex.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Single-byte encodings a feed declares while its bytes are UTF-8 (a CMS that writes UTF-8 under
# an old declaration): valid UTF-8 with non-ASCII bytes is, in practice, never Latin-1 text.
_SINGLE_BYTE = regex.compile(r"^(?:iso-?8859-\d+|latin-?\d|windows-125\d|cp125\d|us-ascii|ascii)$", regex.IGNORECASE)


def _mislabelled_utf8(data: bytes) -> str | None:
    """The single-byte encoding a feed declares when its bytes are UTF-8 (read as UTF-8, with a warning)."""
    match = _DECLARED.match(data[:512])
    if match is None or not _SINGLE_BYTE.match(match[1].decode("ascii")) or data.isascii():
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return match[1].decode("ascii")


@attrs.frozen
class _FeedContext:
    """What every entry of a (batch of a) feed shares: the feed, its base for relative links, its encoding note."""

    feed: Mapping[str, Any]
    path: str
    base: str | None
    encoding: RecordError | None

    @classmethod
    def of(cls, parsed: Mapping[str, Any], path: str, base_url: str | None) -> _FeedContext:
        feed: Mapping[str, Any] = parsed.get("feed", {})
        return cls(feed, path, feed_base(feed, base_url), _encoding_note(parsed, path))


def feed_base(feed: Mapping[str, Any], base_url: str | None = None) -> str | None:
    """The absolute address a feed's relative links resolve against, where ``xml:base`` did not.

    The feed's own link if absolute; else that link resolved against the feed's self link
    or its id (an address a reader fetched it from); else ``base_url`` (``--base-url``).
    """
    link = feed.get("link")
    link = link.strip() if isinstance(link, str) else ""
    if _is_http(link):
        return link
    anchors = [
        found.strip()
        for item in feed.get("links") or ()
        if isinstance(item, Mapping) and item.get("rel") == "self" and isinstance(found := item.get("href"), str)
    ]
    feed_id = feed.get("id")
    anchors.append(feed_id.strip() if isinstance(feed_id, str) else "")
    if base_url is not None:
        anchors.append(base_url)
    for anchor in anchors:
        if _is_http(anchor):
            return resolve_url(anchor, link) if link else anchor
    return None


def _is_http(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


def _encoding_note(parsed: Mapping[str, Any], path: str) -> RecordError | None:
    """A feed whose bytes are not in the encoding it declares: feedparser read it in another (mojibake?)."""
    if declared := parsed.get("postkit_declared"):
        msg = f"the feed declares {declared!r} but its bytes are UTF-8; it is read as UTF-8"
        return FieldNote(msg, path=path, hint="declare encoding='utf-8' in the feed's <?xml?>")
    problem = parsed.get("bozo_exception")
    if problem is None or type(problem).__name__ not in {"CharacterEncodingOverride", "CharacterEncodingUnknown"}:
        return None
    declared = parsed.get("encoding")
    msg = (
        f"the feed's bytes are not in the encoding it declares; feedparser read it as {declared!r}, "
        "so its text may be garbled (mojibake)"
    )
    return FieldNote(msg, path=path, hint="declare the feed's real encoding in its <?xml encoding=...?>")


def _outcome(entry: Mapping[str, Any], context: _FeedContext, number: int) -> Outcome:
    try:
        article, warnings = entry_record(entry, context.feed, path=context.path, index=number, base=context.base)
    except RecordError as err:
        return number, err, ()
    if context.encoding is not None:
        warnings = (*warnings, context.encoding)
    return number, article, warnings


def _not_a_feed(parsed: Mapping[str, Any], path: str) -> RecordError:
    problem = parsed.get("bozo_exception")
    why = f" ({_why(problem)})" if problem else ""
    return RecordError(
        f"not an RSS or Atom feed{why}", path=path, hint="postkit reads RSS 0.9x-2.0, RDF and Atom from .xml/.rss/.atom"
    )


def entry_article(
    entry: Mapping[str, Any], feed: Mapping[str, Any], *, path: str | None = None, index: int | None = None
) -> Article:
    """The Article for one ``feedparser`` entry of ``feed`` (its warnings dropped: see :func:`entry_record`).

    Raises:
        RecordError: naming ``path``, the entry number and the field; the message names
            the entry by its id or title.
    """
    link = feed.get("link")
    return entry_record(entry, feed, path=path, index=index, base=link if isinstance(link, str) else None)[0]


def entry_record(
    entry: Mapping[str, Any],
    feed: Mapping[str, Any],
    *,
    path: str | None = None,
    index: int | None = None,
    base: str | None = None,
) -> tuple[Article, tuple[RecordError, ...]]:
    """The Article for one ``feedparser`` entry, and its warnings.

    A relative link that ``xml:base`` did not resolve is resolved against ``base`` (the
    feed's own link); an entry without a title takes the first sentence of its summary or
    content as its lead; a date feedparser cannot read, or one outside the years Python
    can hold (``9999-12-31T23:59:59-23:00``), is a warning and the entry is kept without it.

    Raises:
        RecordError: naming ``path``, the entry number and the field; the message names
            the entry by its id or title.
    """
    warnings: list[RecordError] = []
    url = entry.get("link") or _permalink(entry.get("id"))
    if url == entry.get("id") and not entry.get("links") and not _is_http(str(url or "")):
        url = None  # feedparser's copy of an id that is no web address (tag:, urn:): the entry has no link
    if isinstance(url, str) and base is not None and not _has_scheme(url) and url.strip() and _is_http(base):
        url = resolve_url(base, url)
    published, problem = _date(_raw(entry, "published_parsed") or _raw(entry, "updated_parsed"))
    if published is None and (raw_date := _raw(entry, "published") or _raw(entry, "updated")):
        why = problem or "feedparser cannot read it"
        msg = f"the date {str(raw_date)[:60]!r}: {why}; the entry is kept without a date{_naming(entry)}"
        warnings.append(RecordError(msg, path=path, index=index, field="published"))
    values: dict[str, Any] = {
        "title": _html(entry.get("title")),
        "url": url,
        "summary": _html(entry.get("summary")),
        "body": _body(entry.get("content")),
        "published": published,
        "author": _author(entry),
        "tags": [t for t in (_tag(tag) for tag in entry.get("tags") or ()) if t],
        "language": _language(entry, feed),
        "image": _image(entry, url),
        "id": entry.get("id") or None,
        "feed": feed_identity(feed.get("id"), feed.get("link"), feed.get("title")),
    }
    # feedparser copies content into a missing summary: a teaser wants its first paragraph.
    copied = any(part.get("value") == entry.get("summary") for part in entry.get("content") or ())
    if values["body"] and (values["summary"] is None or copied):
        values["summary"] = values["body"].split("\n\n", 1)[0]
    give_lead(values)
    values = {key: value for key, value in values.items() if value not in (None, "", [])}
    try:
        article, more = read_article(values, path=path, index=index, lenient=LENIENT_FIELDS)
    except RecordError as err:
        raise RecordError(
            err.message + _naming(entry), path=path, index=index, field=err.field, hint=_entry_hint(err)
        ) from None
    except (TypeError, ValueError) as err:
        raise RecordError(f"cannot read entry: {_why(err)}{_naming(entry)}", path=path, index=index) from None
    return article, (*warnings, *more)


_SCHEME = regex.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _has_scheme(url: str) -> bool:
    return url.startswith(("https://", "http://")) or _SCHEME.match(url.strip()) is not None


def _entry_hint(err: RecordError) -> str | None:
    if (err.field == "url" and err.message.startswith("is required")) or "field 'url': is required" in err.message:
        return "the entry has no link (no <link>, and its id is not a web address)"
    if err.field == "title" and err.message.startswith("is required"):
        return "the entry has no title, and no summary or content to take its first sentence from"
    if err.field == "url" and "a relative URL" in err.message:
        return (
            "the link is relative and the feed gives no absolute address to resolve it against "
            "(no xml:base, no absolute link, self link or id): give one with --base-url"
        )
    return err.hint


def _raw(entry: Mapping[str, Any], key: str) -> Any:
    """``entry[key]`` without feedparser's deprecated updated → published fallback (it warns)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _naming(entry: Mapping[str, Any]) -> str:
    """`` (entry 'id')``: which entry, for an error message."""
    name = entry.get("id") or entry.get("link") or entry.get("title")
    if not name:
        return ""
    text = " ".join(str(name).split())
    return f" (entry {text if len(text) <= 60 else text[:57] + '...'!r})"


def _html(value: Any) -> str | None:
    """A feedparser text construct as one plain line (feeds double-escape even "plain" text)."""
    return clean_html(value) or None if isinstance(value, str) else None


def _body(content: Any) -> str | None:
    """The entry's HTML content as plain paragraphs separated by a blank line."""
    for part in content or ():
        value = part.get("value")
        if not isinstance(value, str) or part.get("type") not in _HTML_TYPES:
            continue  # feedparser also files media:description under content, as text/plain
        text = html_paragraphs(value)
        if text:
            return text
    return None


def _date(parsed: time.struct_time | None) -> tuple[str | None, str | None]:
    """The date as ISO 8601 UTC, or None and why not (a year outside 1-9999: ``0000-00-00``, ``9999-12-31-23:00``)."""
    if parsed is None:
        return None, None
    try:
        when = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    except (ValueError, OverflowError, TypeError) as err:
        return None, f"not a date Python can hold ({_why(err)})"
    return when.isoformat().replace("+00:00", "Z"), None


def _author(entry: Mapping[str, Any]) -> str | None:
    author = entry.get("author")
    if not isinstance(author, str):
        return None
    match = _RSS_AUTHOR.match(author)
    return match["name"] if match else author


def _tag(tag: Mapping[str, Any]) -> str | None:
    term = tag.get("label") or tag.get("term")
    return clean_html(term) if isinstance(term, str) else None


def _language(entry: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    for detail in (entry.get("title_detail"), entry.get("summary_detail"), *(entry.get("content") or ())):
        if isinstance(detail, Mapping) and isinstance(lang := detail.get("language"), str) and lang.strip():
            return lang
    for candidate in (feed.get("language"), (feed.get("title_detail") or {}).get("language")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate
    return None


def _image(entry: Mapping[str, Any], base: Any) -> str | None:
    found: str | None = None
    for media in entry.get("media_content") or ():
        kind = str(media.get("type") or "")
        if media.get("url") and (media.get("medium") == "image" or kind.startswith("image/")):
            found = media["url"]
            break
    if found is None:
        thumbs = [t.get("url") for t in entry.get("media_thumbnail") or () if t.get("url")]
        found = thumbs[0] if thumbs else None
    if found is None:
        for link in entry.get("links") or ():
            if link.get("rel") == "enclosure" and str(link.get("type") or "").startswith("image/"):
                found = link.get("href")
                break
    if found is None and isinstance(artwork := entry.get("image"), Mapping):  # a podcast's itunes:image
        found = artwork.get("href")
    if not isinstance(found, str):
        return None
    return resolve_url(base, found) if isinstance(base, str) else found.strip()


def _permalink(value: Any) -> str | None:
    if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _why(err: BaseException | Any) -> str:
    text = str(err).split("\n", 1)[0]
    return text if len(text) <= 120 else text[:117] + "..."
