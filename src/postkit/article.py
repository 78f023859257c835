"""Article: one validated, normalised article record.

Normalisation happens on the way in, so every later stage can trust the value:
NFC text without invisible characters, trimmed and collapsed titles, tags
de-duplicated case-insensitively, a BCP-47 language tag and an absolute http(s)
URL. Anything that cannot be normalised is a :class:`RecordError` naming the field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import regex

from postkit._ascii_fast import simple_http_url
from postkit._public import public
from postkit.errors import RecordError
from postkit.text import URL_INVISIBLE_CHARS, clean_inline, remove_invisible

__all__ = [
    "BODY_FORMATS",
    "LENIENT_FIELDS",
    "Article",
    "check_url",
    "normalise_language",
    "read_article",
    "split_list",
    "unknown_field_warnings",
    "unknown_fields",
]

_LANGUAGE = regex.compile(
    r"^(?P<lang>[A-Za-z]{2,3})(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(?P<rest>(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*)$"
)
# Spaces, controls and every invisible character (data/invisible.toml, ZWJ and ZWNJ too):
# a URL holding one is not the URL it shows, so it is rejected, never repaired.
_URL_BAD = regex.compile(f"[\\s{URL_INVISIBLE_CHARS}]")
_URL_HINT = "give the URL exactly as published, without hidden characters; percent-encode what must stay"
_MAX_URL = 4096
_BROKEN = regex.compile("[\ufffd\ud800-\udfff]")
# What starts a URL (RFC 3986 scheme): an image without one is a path beside the record.
_SCHEME = regex.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PATH_BAD = regex.compile(f"[\\x00-\\x1f\\x7f\ufffd\ud800-\udfff{URL_INVISIBLE_CHARS}]")
# A kicker on a line of its own above a headline in mixed case ("SACRED SPACE\nNurturing Relations",
# as CMS exports and headline sets keep it): up to four words in capitals, folded with a colon.
_KICKER = regex.compile(r"\A\s*(\p{Lu}[\p{Lu}\p{N}&'’]+(?:[ \t]+[\p{Lu}\p{N}&'’]+){0,3})[ \t]*\r?\n(?=[\s\S]*\p{Ll})")


def normalise_language(value: str) -> str:
    """Return ``value`` as a canonical-case BCP-47 tag: ``EN_us`` → ``en-US``.

    Raises:
        ValueError: when the value is not a language tag.
    """
    match = _LANGUAGE.match(value.strip().replace("_", "-"))
    if not match:
        msg = f"expected a BCP-47 language tag such as 'en' or 'pt-BR', got {value!r}"
        raise ValueError(msg)
    tag = str(match["lang"]).lower()
    if match["script"]:
        tag += "-" + match["script"].title()
    if match["region"]:
        tag += "-" + match["region"].upper()
    return tag + match["rest"].lower()


def check_url(value: str) -> str:
    """Return ``value`` if it is an absolute http(s) URL with a host and no credentials.

    Raises:
        ValueError: saying what is wrong with the URL.
    """
    if len(value) <= _MAX_URL and simple_http_url(value):  # the common URL, accepted without parsing
        return value
    return _check_url_reference(value)


def _check_url_reference(value: str) -> str:
    """:func:`check_url` for any value (the reference its fast path is tested against)."""
    shown = value if len(value) <= 80 else value[:77] + "..."
    if len(value) > _MAX_URL:
        msg = f"URL is longer than {_MAX_URL} characters"
        raise ValueError(msg)
    if (bad := _URL_BAD.search(value)) is not None:
        what = "a space" if bad.group().isspace() else f"the invisible character U+{ord(bad.group()):04X}"
        msg = f"URL contains {what} at position {bad.start() + 1}: {shown!r}"
        raise ValueError(msg)
    try:
        parts = urllib.parse.urlsplit(value)
        port = parts.port  # raises on a bad port
    except ValueError:
        msg = f"not a valid URL: {shown!r}"
        raise ValueError(msg) from None
    if parts.scheme.lower() not in {"http", "https"}:
        what = f"a {parts.scheme}: URL" if parts.scheme else "a relative URL"
        msg = f"expected an absolute http(s) URL, got {what}: {shown!r}"
        raise ValueError(msg)
    if parts.username is not None or parts.password is not None:
        msg = f"URL must not carry credentials (user:password@): {shown!r}"
        raise ValueError(msg)
    if not parts.hostname or port == 0:
        msg = f"URL has no host: {shown!r}"
        raise ValueError(msg)
    return value


def _string(value: Any, field: str) -> str:
    """``value``, if it is a string; else the RecordError naming the field and what it got."""
    if not isinstance(value, str):
        msg = f"expected a string, got {type(value).__name__} {_short(value)}"
        raise RecordError(msg, field=field)
    return value


def _text(value: Any, field: str, *, required: bool = False, inline: bool = True) -> str | None:
    if value is None:
        if required:
            raise RecordError("is required", field=field)
        return None
    value = _string(value, field)
    if not value.isascii() and (broken := _BROKEN.search(value)) is not None:
        bad = broken.group()
        what = (
            "U+FFFD (the text was decoded with the wrong encoding)"
            if bad == "\ufffd"
            else (f"a lone surrogate U+{ord(bad):04X}")
        )
        raise RecordError(f"contains {what}", field=field, hint="fix the source text")
    text = clean_inline(value) if inline else remove_invisible(value).strip()
    if not text:
        if required:
            raise RecordError("is required and must not be empty", field=field)
        return None
    return text


def split_list(text: str) -> list[str]:
    """A list written as one string, as CMS exports write tags: split on ';' when it has one, else on ','.

    >>> split_list("Washington, D.C.; Politics"), split_list("Iraq, Syria")
    (['Washington, D.C.', 'Politics'], ['Iraq', 'Syria'])
    """
    sep = ";" if ";" in text else ","
    return [item.strip() for item in text.split(sep) if item.strip()]


def _strings(value: Any, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = split_list(value)
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        msg = f"expected a list of strings, got {type(value).__name__} {_short(value)}"
        raise RecordError(msg, field=field)
    seen: set[str] = set()
    out: list[str] = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, str):
            msg = f"item {i}: expected a string, got {type(item).__name__} {_short(item)}"
            raise RecordError(msg, field=field)
        text = clean_inline(item)
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            out.append(text)
    return tuple(out)


def _url(value: Any, field: str, *, required: bool) -> str | None:
    """A URL field as given (only surrounding spaces trimmed): never normalised or cleaned.

    The link in a post must be the record's URL, so a URL that would need changing (an
    invisible character, a space, broken text) is rejected, naming the field, with a hint.
    NFC is not applied: ``cafe\u0301`` and ``café`` percent-encode to different paths.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError("is required and must not be empty", field=field)
        return None
    value = _string(value, field).strip()
    if (broken := _BROKEN.search(value)) is not None:
        raise RecordError(f"contains U+{ord(broken.group()):04X} (broken text)", field=field, hint=_URL_HINT)
    try:
        return check_url(value)
    except ValueError as err:
        raise RecordError(str(err), field=field, hint=_URL_HINT) from None


def _title(value: str) -> str:
    """The title on one line; a kicker on its own line above it keeps a colon ("SACRED SPACE: Nurturing…").

    Folded with a bare space, the kicker would run into the headline and read as shouting.
    """
    if isinstance(value, str) and "\n" in value:
        value = _KICKER.sub(r"\1: ", value, count=1)
    return _text(value, "title", required=True) or ""


def _article_url(value: str) -> str:
    return _url(value, "url", required=True) or ""


def _image(value: str | None) -> str | None:
    """An http(s) URL, or a path relative to the record's file (a local image to upload)."""
    if isinstance(value, str) and value.strip() and _SCHEME.match(value.strip()) is None:
        return _image_path(value.strip())
    return _url(value, "image", required=False)


def _image_path(value: str) -> str:
    """A relative path that stays inside the record's folder: a feed must not name ``/etc/passwd``."""
    hint = "give an http(s) URL, or a path relative to the record's file such as 'images/kaim.jpg'"
    if len(value) > _MAX_URL:
        raise RecordError(f"path is longer than {_MAX_URL} characters", field="image", hint=hint)
    if (bad := _PATH_BAD.search(value)) is not None:
        msg = f"path contains U+{ord(bad.group()):04X} at position {bad.start() + 1}"
        raise RecordError(msg, field="image", hint=hint)
    if value.startswith(("/", "~")) or "\\" in value:
        raise RecordError(f"expected an http(s) URL or a relative path, got {_short(value)}", field="image", hint=hint)
    if ".." in value.split("/"):
        raise RecordError(f"path leaves the record's folder: {_short(value)}", field="image", hint=hint)
    return value


def _image_alt(value: str | None) -> str | None:
    return _text(value, "image_alt")


def _summary(value: str | None) -> str | None:
    return _text(value, "summary")


def _social(value: str | None) -> str | None:
    return _text(value, "social")


def _content_warning(value: str | None) -> str | None:
    return _text(value, "content_warning")


def _feed(value: str | None) -> str | None:
    return _text(value, "feed")


def _author(value: str | None) -> str | None:
    return _text(value, "author")


def _body(value: str | None) -> str | None:
    return _text(value, "body", inline=False)


#: What a body may be written in: plain text (or HTML, which threads clean), or Markdown.
BODY_FORMATS = ("text", "markdown")


def _body_format(value: str | None) -> str:
    if value is None:
        return "text"
    if not isinstance(value, str) or value.strip().lower() not in BODY_FORMATS:
        msg = f"expected one of {', '.join(map(repr, BODY_FORMATS))}, got {type(value).__name__} {_short(value)}"
        raise RecordError(msg, field="body_format")
    return value.strip().lower()


def _tags(value: Iterable[str] | None) -> tuple[str, ...]:
    return _strings(value, "tags")


def _topics(value: Iterable[str] | None) -> tuple[str, ...]:
    return _strings(value, "topics")


def _sources(value: Iterable[str] | None) -> tuple[str, ...]:
    return _strings(value, "sources")


def _language(value: str | None) -> str:
    if value is None:
        return "en"
    text = _string(value, "language")
    try:
        return normalise_language(text)
    except ValueError as err:
        raise RecordError(str(err), field="language") from None


# ISO 8601 as RFC 3339 and feeds write it: kept as written (a date, or a date and a time with an optional zone).
_ISO_8601 = regex.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?")


def iso_8601(text: str) -> str | None:
    """``text`` written as ISO 8601 when Python reads it as a date; None when it does not.

    ``datetime.fromisoformat`` also reads forms that are not ISO 8601 as other tools read it
    (Jekyll's ``2016-05-19 10:00:00 +0200``, ``20160519``): those are rewritten, so a stored
    date is always the extended form; a date without a time stays a date.

    >>> iso_8601("2016-05-19 10:00:00 +0200"), iso_8601("20160519"), iso_8601("2016-05-19T10:00Z")
    ('2016-05-19T10:00:00+02:00', '2016-05-19', '2016-05-19T10:00Z')
    """
    value = text.strip()
    if _ISO_8601.fullmatch(value):
        try:
            dt.datetime.fromisoformat(value)  # a well-formed shape may still be no date (2025-02-30)
        except ValueError:
            return None
        return value
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.microsecond == 0:
        written = when.isoformat(timespec="seconds")
    else:
        written = when.isoformat(timespec="milliseconds" if when.microsecond % 1000 == 0 else "microseconds")
    return written[:-6] + "Z" if value.endswith(("Z", "z")) and written.endswith("+00:00") else written


def _published(value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        msg = f"expected an ISO 8601 date, got {type(value).__name__} {_short(value)}"
        raise RecordError(msg, field="published")
    text = iso_8601(value)
    if text is None:
        msg = f"expected an ISO 8601 date such as 2025-04-19 or 2025-04-19T08:00:00Z, got {_short(value.strip())}"
        raise RecordError(msg, field="published")
    return text


def _id(value: str | int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        msg = f"expected a string or a whole number, got {type(value).__name__} {_short(value)}"
        raise RecordError(msg, field="id")
    return clean_inline(str(value)) or None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@public
@attrs.frozen
class Article:
    """An article record, normalised and validated.

    Only ``title`` and ``url`` are required. Strings are NFC with invisible and
    bidi control characters removed; ``title``, ``summary`` and ``social`` are one
    line each (a kicker in capitals on its own line above the title keeps a colon:
    ``"SACRED SPACE: Nurturing Relations"``). ``language`` is a BCP-47 tag (default ``"en"``). ``image`` is an http(s)
    URL or a path relative to the record's file; ``image_alt`` describes it for people who
    cannot see it; payloads that take alt text carry it. ``content_warning`` goes before the
    post where the platform has content warnings (Mastodon's ``spoiler_text``). ``feed`` is
    the feed an entry came from (its ``atom:id`` or link): an ``id`` is unique within it, so
    the state file keys an entry by both. ``tags``, ``topics`` and ``sources`` are lists, or
    one string split on ``;`` (when it has one) else on ``,``. ``body_format`` says what
    ``body`` is written in: ``"text"`` (plain text or HTML) or ``"markdown"`` (threads render
    it as plain text).

    Each argument is typed as what it accepts (so a type checker catches ``title=123``):
    ``tags``, ``topics`` and ``sources`` any iterable of strings (stored as a tuple), ``id`` a
    string or a whole number (stored as a string), ``published`` an ISO 8601 string or a
    ``date``/``datetime`` (stored as its ISO string; a string Python reads as a date but
    written otherwise, such as ``2016-05-19 10:00:00 +0200``, is stored in ISO 8601's
    extended form). Records read from files are checked the same way at run time.

    Raises:
        RecordError: naming the field, when a value is missing or malformed.
    """

    title: str = attrs.field(converter=_title)
    url: str = attrs.field(converter=_article_url)
    summary: str | None = attrs.field(default=None, converter=_summary)
    social: str | None = attrs.field(default=None, converter=_social)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    topics: tuple[str, ...] = attrs.field(default=(), converter=_topics)
    language: str = attrs.field(default="en", converter=_language)
    id: str | None = attrs.field(default=None, converter=_id)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_sources)
    published: str | None = attrs.field(default=None, converter=_published)
    image: str | None = attrs.field(default=None, converter=_image)
    image_alt: str | None = attrs.field(default=None, converter=_image_alt)
    author: str | None = attrs.field(default=None, converter=_author)
    body: str | None = attrs.field(default=None, converter=_body)
    content_warning: str | None = attrs.field(default=None, converter=_content_warning)
    feed: str | None = attrs.field(default=None, converter=_feed)
    body_format: str = attrs.field(default="text", converter=_body_format)

    @classmethod
    def from_dict(
        cls,
        mapping: Mapping[str, Any],
        *,
        path: str | None = None,
        index: int | None = None,
        line: int | None = None,
    ) -> Article:
        """Build an Article from a record mapping (JSON object, CSV row, front matter).

        Keys that are not Article fields are ignored, except near-misses of a
        field name (``titel``), which are errors so that a typo is not lost.

        Raises:
            RecordError: naming ``path``, the record and the field; a record with several
                bad fields is one error naming each (the first as its ``field``).
        """
        return read_article(mapping, path=path, index=index, line=line)[0]


#: Optional fields a reader keeps a record without when their value cannot be read: the
#: record becomes an Article and the field a warning (``read_article(lenient=...)``).
LENIENT_FIELDS = frozenset({"published", "image", "language"})


def read_article(
    mapping: Mapping[str, Any],
    *,
    path: str | None = None,
    index: int | None = None,
    line: int | None = None,
    lenient: frozenset[str] = frozenset(),
) -> tuple[Article, tuple[RecordError, ...]]:
    """An Article from a record mapping, and a warning for each ``lenient`` field left out.

    A field in ``lenient`` whose value cannot be read (a date no parser reads) is left out
    with a warning; every other bad field is an error, all of them in one RecordError.

    Raises:
        RecordError: naming ``path``, the record and every bad field.
    """
    where: dict[str, Any] = {"path": path, "index": index, "line": line}
    values = _field_values(mapping, where)
    errors = [
        RecordError(
            "is required" if required not in values else "is required, got null",
            field=required,
            hint=_REQUIRED_HINTS.get(required),
        )
        for required in _REQUIRED
        if values.get(required) is None
    ]
    if not errors:
        try:
            return Article(**values), ()
        except RecordError:
            pass  # find every bad field below
    kept, warnings = _sift(values, lenient, errors, where)
    if errors:
        errors.sort(key=lambda err: _FIELD_ORDER.get(err.field or "", len(_FIELD_ORDER)))
        raise _all_in_one(errors, path=path, index=index, line=line)
    return Article(**kept), tuple(warnings)


def _field_values(mapping: Mapping[str, Any], where: dict[str, Any]) -> dict[str, Any]:
    """The record's values of Article fields; a near-miss of a missing required field is the error."""
    if not isinstance(mapping, Mapping):
        msg = f"expected an object with 'title' and 'url', got {type(mapping).__name__}"
        raise RecordError(msg, **where)
    values: dict[str, Any] = {}
    for key, value in mapping.items():
        name = str(key).strip().lower()
        if name in _FIELD_NAMES:
            values[name] = value
    missing = [r for r in _REQUIRED if r not in values]
    # A near-miss matters only for a missing field: look once, and only then.
    for key, suggestion in unknown_fields(mapping) if missing else ():
        if suggestion in missing:
            raise RecordError(f"unknown field; did you mean {suggestion!r}?", field=key, **where)
    return values


def _sift(
    values: dict[str, Any], lenient: frozenset[str], errors: list[RecordError], where: dict[str, Any]
) -> tuple[dict[str, Any], list[RecordError]]:
    """The values each field's converter takes; a bad one is a warning (lenient) or added to ``errors``."""
    kept: dict[str, Any] = {}
    warnings: list[RecordError] = []
    for name, value in values.items():
        if value is None and name in _REQUIRED:
            continue
        try:
            _CONVERTERS[name](value)
        except RecordError as err:
            if name in lenient:
                note = _LENIENT_NOTE.get(name, "the record is kept without it")
                warnings.append(RecordError(f"{err.message}; {note}", field=name, **where))
            else:
                errors.append(err)
        else:
            kept[name] = value
    return kept, warnings


_LENIENT_NOTE = {"language": "the default 'en' is used", "published": "the record is kept without a date"}

_REQUIRED_HINTS = {
    "url": "the record has no link: give it a url, or a base URL (--base-url, base-url in the configuration) "
    "to build one from its slug or file name",
}


def _all_in_one(errors: list[RecordError], *, path: str | None, index: int | None, line: int | None) -> RecordError:
    """Every field error of a record as one RecordError: the first names its field, the rest follow."""
    first, rest = errors[0], errors[1:]
    message = "; ".join([first.message, *(f"field {err.field!r}: {err.message}" for err in rest)])
    hint = next((err.hint for err in errors if err.hint), None)
    return RecordError(message, path=path, index=index, line=line, field=first.field, hint=hint)


_FIELD_NAMES = frozenset(a.name for a in attrs.fields(Article))
_CONVERTERS: dict[str, Any] = {field.name: field.converter for field in attrs.fields(Article)}
_FIELD_ORDER = {name: i for i, name in enumerate(a.name for a in attrs.fields(Article))}


def unknown_fields(mapping: Mapping[Any, Any]) -> list[tuple[str, str | None]]:
    """The keys of a record that are not Article fields, each with the field it likely means.

    A typo (``summry``) suggests the closest field; another tool's name (``headline``,
    ``link``, ``description``) the field it means (``data/record_fields.toml``). Keys that
    are no mistake (front matter's ``draft``, ``layout``, a ``status``; ``$schema``) are left out.
    """
    from postkit._data import record_fields  # noqa: PLC0415 - read once, on first use

    known = record_fields()
    found: list[tuple[str, str | None]] = []
    for key in mapping:
        name = str(key).strip().lower()
        if name in _FIELD_NAMES or name.startswith("$") or name in known.ignored or name in known.publication_keys:
            continue
        suggestion = known.synonyms.get(name.replace(" ", "_").replace("-", "_"))
        if suggestion is None:
            close = difflib.get_close_matches(name, sorted(_FIELD_NAMES), n=1, cutoff=0.6)
            suggestion = close[0] if close else None
        found.append((str(key), suggestion))
    return found


def unknown_field_warnings(
    mapping: Mapping[Any, Any],
    *,
    path: str | None = None,
    index: int | None = None,
    line: int | None = None,
    lines: Mapping[str, int] | None = None,
) -> tuple[RecordError, ...]:
    """One located message per unknown field (``field 'summry': unknown field; did you mean 'summary'?``)."""
    found = []
    for key, suggestion in unknown_fields(mapping):
        hint = f"; did you mean {suggestion!r}?" if suggestion else " (postkit ignores it)"
        where = (lines or {}).get(key.strip().lower(), line)
        found.append(RecordError(f"unknown field{hint}", path=path, index=index, line=where, field=key))
    return tuple(found)


_REQUIRED = ("title", "url")
