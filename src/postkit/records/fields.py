r"""Record fields as CMSs and static sites name and shape them, read into Article fields.

What a record's keys and values become before they are an Article (``ReadOptions`` says how):

- the mapping a newsroom gives (``[tool.postkit.fields]``, ``--map old=new``): a key renamed to
  the field it names, never warned about;
- the synonyms postkit knows (``data/record_fields.toml``: ``headline`` → ``title``,
  ``excerpt`` → ``summary``, ``keywords`` → ``tags`` …): applied when the field itself is
  absent, with a note once per file; ``strict`` makes each an error;
- values as CMSs write them: WordPress's ``{"rendered": "..."}``, author, tag and category
  objects (``{"name": ...}``, Blogger's ``displayName``), an image object's URL;
- a base URL: a record without a url gets one from its ``permalink`` or ``slug`` (and a
  Markdown file from its name, as Jekyll and Hugo do); a relative url is resolved against it as
  RFC 3986 says (:func:`resolve_url`, which feeds use too);
- every other key is an unknown field: a note once per file, with a did-you-mean.

Notes that would repeat for every record of a file (an unknown column, a synonym) are
:class:`FieldNote`\\ s, which the reader says once per file with a count (``reading.py``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import email.utils
import os
import posixpath
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import regex

from postkit import _data
from postkit.article import Article, check_url, iso_8601
from postkit.errors import ConfigError, RecordError, SkippedRecord

__all__ = [
    "ALIASES",
    "MAX_KEYS",
    "FieldNote",
    "ReadOptions",
    "draft_status",
    "file_language",
    "file_url",
    "gives",
    "normalise",
    "read_date",
]

FIELD_NAMES = tuple(a.name for a in attrs.fields(Article))
_FIELDS = frozenset(FIELD_NAMES)
#: A record with more keys than this is an error (front matter with a million keys, a JSON bomb of columns).
MAX_KEYS = 1_000
# Unknown fields named one by one in a record (with a did-you-mean); the rest are counted.
_NAMED_UNKNOWN = 20
#: Other spellings of Article fields, as spreadsheets and the seed's plain-text form write them:
#: used only when the field itself is absent, and never worth a note.
ALIASES = {"social media": "social", "social_media": "social"}


def _fields(value: Mapping[str, str] | None) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for key, target in (value or {}).items():
        name = _name(key)
        field = str(target).strip().lower()
        if field not in _FIELDS:
            choices = difflib.get_close_matches(field, FIELD_NAMES, n=1)
            hint = f"; did you mean {choices[0]!r}?" if choices else ""
            msg = f"{key!r} is mapped to {target!r}, which is not a record field{hint}"
            raise ConfigError(msg, field="fields", hint=f"record fields: {', '.join(FIELD_NAMES)}")
        if not name:
            raise ConfigError("a mapped field name is empty", field="fields")
        out[name] = field
    return out


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        url = check_url(str(value).strip())
    except ValueError as err:
        raise ConfigError(f"base URL: {err}", field="base-url") from None
    return url if url.endswith("/") else url + "/"


@attrs.frozen
class ReadOptions:
    """How records are read beyond what their format says.

    Args:
        fields: record key → Article field (``[tool.postkit.fields]``, ``--map old=new``);
            keys are compared case-insensitively.
        strict: a synonym or an unknown field is the record's error, not a note.
        base_url: records without a url get one under it (see :func:`file_url`), and a
            relative url is resolved against it (:func:`resolve_url`, RFC 3986); it is made to end
            in "/" (it names a folder).
        drafts: a draft, scheduled or private post is read as any other; by default it is
            a :class:`Skipped` record (see :func:`draft_status`).

    Raises:
        ConfigError: a field mapped to something that is not a record field, or a base
            URL that is not an absolute http(s) URL.
    """

    fields: Mapping[str, str] = attrs.field(factory=dict, converter=_fields)
    strict: bool = False
    base_url: str | None = attrs.field(default=None, converter=_base_url)
    drafts: bool = False


DEFAULT = ReadOptions()


class FieldNote(RecordError):  # noqa: N818 - a RecordError said as a note, not raised
    """A note about a field that the file likely has in every record: said once per file, with a count."""


def _name(key: Any) -> str:
    return " ".join(str(key).strip().lower().split())


def normalise(
    mapping: Mapping[Any, Any],
    options: ReadOptions = DEFAULT,
    *,
    path: str | None = None,
    index: int | None = None,
    line: int | None = None,
    lines: Mapping[str, int] | None = None,
    file_name: str | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[dict[str, Any], tuple[RecordError, ...]]:
    """The Article fields of one record, and the notes on its other keys.

    Args:
        mapping: the record as read (JSON object, CSV row, front matter).
        options: the mapping, strictness and base URL.
        lines: the line of each key (front matter), for the notes.
        path: the file, for the notes.
        index: the record's number in it, for the notes.
        line: the line it starts on, for the notes.
        file_name: the record's own file (Markdown), whose name gives a url under the base URL.
        sources: filled with the key each field was read from under another name (``title`` →
            ``headline``), so a reader's field lines follow the value.

    Raises:
        RecordError: with ``strict``, the first synonym or unknown field; a record with more
            than :data:`MAX_KEYS` keys.
    """
    if len(mapping) > MAX_KEYS:
        msg = f"the record has {len(mapping):,} fields; postkit reads records of at most {MAX_KEYS:,}"
        raise RecordError(msg, path=path, index=index, line=line, hint="a record this wide is not an article")
    values: dict[str, Any] = {}
    others: list[tuple[Any, str, Any]] = []
    where = _Where(path, index, line, lines or {})
    notes: list[RecordError] = []
    publication = _data.record_fields().publication_keys
    for key, value in mapping.items():
        name = _name(key)
        if (
            name in publication
            and name not in options.fields
            and _publication(key, name, value, options=options, where=where, notes=notes)
        ):
            continue
        field = name if name in _FIELDS else ALIASES.get(name) or options.fields.get(name)
        if field is not None and field not in values:
            values[field] = value
            if sources is not None and field != name:
                sources[field] = name
        elif field is None:
            others.append((key, name, value))
    more, suggested = _other_keys(others, values, options, where, sources)
    notes += more
    _shape_values(values)
    _give_url(values, mapping, options, file_name)
    for required in ("title", "url"):  # a typo of a missing required field is the error, not a note
        if required not in values and required in suggested:
            key = suggested[required]
            raise RecordError(f"unknown field; did you mean {required!r}?", **where.of(key))
    return values, tuple(notes)


_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})


def _flag(value: Any) -> bool | None:
    """A yes/no value as front matter, JSON and CSV write it; None when it is not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and (word := value.strip().lower()) in _TRUE | _FALSE:
        return word in _TRUE
    return None


def draft_status(mapping: Mapping[Any, Any]) -> tuple[Any, Any] | None:
    """The key and value that make a record a draft (``status: draft``, ``draft: true``, ``published: false``).

    The keys and values are ``data/record_fields.toml``'s ``[drafts]``: WordPress's and Ghost's
    statuses that are not public, Hugo's and Zola's ``draft``, Jekyll's ``published: false``.
    """
    known = _data.record_fields()
    for key, value in mapping.items():
        name = _name(key)
        if name == "status" and isinstance(value, str) and value.strip().lower() in known.draft_statuses:
            return key, value
        if (name in known.draft_flags and _flag(value) is True) or (
            name in known.public_flags and _flag(value) is False
        ):
            return key, value
        if _not_article(name, value) is not None:
            return key, value
    return None


def _not_article(name: str, value: Any) -> str | None:
    """Why a record whose key ``name`` holds ``value`` is no article (Ghost's ``type: page``), or None."""
    kind = _data.record_fields().not_articles.get(name)
    if kind is None:
        return None
    flag = _flag(value)
    word = str(flag).lower() if flag is not None else value.strip().lower() if isinstance(value, str) else None
    return kind[1] if word in kind[0] else None


# How a skipped record is asked for, from the command line, the configuration and Python alike.
_DRAFTS_HINT = "--include-drafts, include-drafts = true, or drafts=True from Python composes it"


def _publication(
    key: Any, name: str, value: Any, *, options: ReadOptions, where: _Where, notes: list[RecordError]
) -> bool:
    """Read a key that says whether the record is public; True when it is done with (not a field).

    Raises:
        SkippedRecord: the key says the record is a draft, scheduled or private, and
            ``options.drafts`` does not ask for drafts.
    """
    known = _data.record_fields()
    if name == "published" and _flag(value) is None:
        return False  # a date: the field
    if name == "status" and not isinstance(value, str):
        return False  # not a status: an unknown field, noted as such
    draft = draft_status({key: value}) is not None
    if name in known.not_articles:  # a page, a password-protected post
        if draft and not options.drafts:
            shown = value.strip() if isinstance(value, str) else str(_flag(value)).lower()
            hint = _DRAFTS_HINT
            raise SkippedRecord(f"skipped: {key!s}: {shown} ({_not_article(name, value)})", hint=hint, **where.of(key))
        return True
    if draft and not options.drafts:
        shown = value.strip() if isinstance(value, str) else str(_flag(value)).lower()
        msg = f"skipped: {key!s}: {shown} (a draft, scheduled or private post is not composed)"
        hint = _DRAFTS_HINT
        raise SkippedRecord(msg, hint=hint, **where.of(key))
    if name == "status" and not draft and value.strip().lower() not in known.public_statuses:
        message = f"status {value.strip()!r} is not one postkit knows; the record is composed as published"
        notes.append(FieldNote(message, **where.of(key)))
    return True


@attrs.frozen
class _Where:
    """Where a record is, and each key's line (front matter): for its notes."""

    path: str | None
    index: int | None
    line: int | None
    lines: Mapping[str, int]

    def of(self, key: Any) -> dict[str, Any]:
        at = self.lines.get(_name(key), self.line)
        return {"path": self.path, "index": self.index, "line": at, "field": str(key)}


def _other_keys(
    others: list[tuple[Any, str, Any]],
    values: dict[str, Any],
    options: ReadOptions,
    where: _Where,
    sources: dict[str, str] | None,
) -> tuple[list[RecordError], dict[str, Any]]:
    """Synonyms applied to ``values`` (with a note), unknown keys noted; and the typos of fields.

    Raises:
        RecordError: with ``strict``, for the first synonym or unknown key.
    """
    known = _data.record_fields()
    notes: list[RecordError] = []
    suggested: dict[str, Any] = {}  # a field -> the key that looks like a typo of it
    unknown = 0
    for key, name, value in others:
        synonym = known.synonyms.get(name.replace(" ", "_").replace("-", "_"))
        if synonym is not None and synonym not in values:
            if options.strict:
                msg = f"a synonym of {synonym!r}, which --strict does not take"
                hint = f"name it {synonym!r}, or map it: [tool.postkit.fields] {name} = {synonym!r}"
                raise RecordError(msg, hint=hint, **where.of(key))
            values[synonym] = value
            if sources is not None:
                sources[synonym] = name
            notes.append(FieldNote(f"read as {synonym!r} (a name other tools give it)", **where.of(key)))
            continue
        if name.startswith("$") or name in known.ignored:
            continue
        unknown += 1
        if synonym is None and unknown > _NAMED_UNKNOWN:
            continue
        message = _unknown(name, synonym, suggested, key)
        if options.strict:
            raise RecordError(message, hint="map it with [tool.postkit.fields] or --map, or drop it", **where.of(key))
        notes.append(FieldNote(message, **where.of(key)))
    if unknown > _NAMED_UNKNOWN:
        more = f"and {unknown - _NAMED_UNKNOWN:,} more unknown fields (postkit ignores them)"
        notes.append(FieldNote(more, path=where.path, index=where.index, line=where.line))
    return notes, suggested


def _unknown(name: str, synonym: str | None, suggested: dict[str, Any], key: Any) -> str:
    """The note on an unknown key: the field it would mean, or the closest field name."""
    if synonym is not None:
        return f"unknown field; it would mean {synonym!r}, which the record has already (postkit ignores it)"
    close = difflib.get_close_matches(name, FIELD_NAMES, n=1, cutoff=0.6)
    if not close:
        return "unknown field (postkit ignores it)"
    suggested.setdefault(close[0], key)
    return f"unknown field; did you mean {close[0]!r}?"


# --- values as CMSs write them ---------------------------------------------------------------

# Keys of an object that stands for a person, tag or category: its name.
_NAME_KEYS = ("name", "displayName", "display_name", "title", "label", "term")
# Keys of an object that stands for an image (or a link): its URL.
_URL_KEYS = ("url", "src", "href", "source_url", "link")
_TEXT_FIELDS = ("title", "summary", "social", "author", "image_alt", "body", "id")


def _named(value: Any) -> Any:
    """An object's name (``{"name": "Ghost"}`` → "Ghost"); anything else as it is."""
    if isinstance(value, Mapping):
        for key in _NAME_KEYS:
            if isinstance(found := value.get(key), str):
                return found
        if isinstance(value.get("data"), Mapping):  # Ghost's migration JSON: {"url": ..., "data": {"name": ...}}
            return _named(value["data"])
    return value


# Dates as static sites and feeds write them, beside ISO 8601: Jekyll's "2013-05-06 02:12:52 +0200",
# react.dev's "2021/06/08", RFC 822 (JSON Feed items copied from RSS: "Fri, 31 May 2019 12:17:58 -0700").
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S")


def read_date(text: str) -> str:
    """``text`` as an ISO 8601 date when it is one of the common date forms; otherwise as it is.

    >>> read_date("2013-05-06 02:12:52 +0200"), read_date("2021/06/08"), read_date("Fri, 31 May 2019 12:17:58 -0700")
    ('2013-05-06T02:12:52+02:00', '2021-06-08', '2019-05-31T12:17:58-07:00')
    """
    value = text.strip()
    if (iso := iso_8601(value)) is not None:
        return iso
    for form in _DATE_FORMATS:
        try:
            when = dt.datetime.strptime(value, form)  # noqa: DTZ007 - a date without a zone stays without one
        except ValueError:
            continue
        return when.date().isoformat() if form == "%Y/%m/%d" else when.isoformat()
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return text


def _shape_values(values: dict[str, Any]) -> None:
    if isinstance(values.get("published"), str):
        values["published"] = read_date(values["published"])
    for field in _TEXT_FIELDS:
        value = values.get(field)
        if isinstance(value, Mapping) and isinstance(value.get("rendered"), str):  # WordPress REST
            values[field] = value["rendered"]
    author = values.get("author")
    if isinstance(author, Mapping):
        values["author"] = _named(author)
    elif isinstance(author, list) and author:
        names = [_named(item) for item in author]
        if all(isinstance(item, str) for item in names):
            values["author"] = ", ".join(dict.fromkeys(n for n in names if n.strip()))
    for field in ("tags", "topics", "sources"):
        items = values.get(field)
        if isinstance(items, list):
            values[field] = [_named(item) for item in items]
    image = values.get("image")
    if isinstance(image, Mapping):
        found = next((image[key] for key in _URL_KEYS if isinstance(image.get(key), str)), None)
        values["image"] = found if found is not None else image
        if "image_alt" not in values and isinstance(image.get("alt"), str):
            values["image_alt"] = image["alt"]


# --- a base URL ----------------------------------------------------------------------------

_JEKYLL_POST = regex.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_BUNDLE_INDEX = frozenset({"index", "_index"})
# Hugo's multilingual file names: "post.fa.md", "index.pt-br.md"; not "node.js.md".
_LANGUAGE_SUFFIX = regex.compile(r"\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\.(?:md|markdown)$", regex.IGNORECASE)
_NOT_LANGUAGES = frozenset(
    {"js", "ts", "py", "rb", "go", "io", "rs", "sh", "md", "css", "php", "net", "org", "com", "app"}
)


def file_language(file_name: str) -> str | None:
    """The language a Hugo file name gives (``markdown.fa.md`` → ``fa``), if any.

    >>> file_language("post.pt-br.md"), file_language("node.js.md"), file_language("post.md")
    ('pt-br', None, None)
    """
    match = _LANGUAGE_SUFFIX.search(os.fspath(file_name))
    if match is None or match[1].split("-")[0].lower() in _NOT_LANGUAGES:
        return None
    return match[1]


def _give_url(values: dict[str, Any], mapping: Mapping[Any, Any], options: ReadOptions, file_name: str | None) -> None:
    base = options.base_url
    if base is None:
        return
    url = values.get("url")
    if isinstance(url, str) and url.strip():
        values["url"] = resolve_url(base, url)  # a relative url ("/2024/a/", "a/"): RFC 3986, as feeds' links
        return
    if url is not None and not (isinstance(url, str) and not url.strip()):
        return  # a value Article reports (a number, an object)
    lower = {_name(key): value for key, value in mapping.items()}
    for key in ("permalink", "path", "slug"):  # "path": Zola's permalink
        found = lower.get(key)
        if isinstance(found, str) and found.strip() and ":" not in found and not found.strip().isspace():
            path = found.strip()
            values["url"] = _join(base, path if key != "slug" or path.endswith("/") else path + "/")
            return
    if file_name is not None:
        values["url"] = file_url(base, file_name)


_SCHEME = regex.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def resolve_url(base: str, reference: str) -> str:
    """``reference`` resolved against ``base`` as RFC 3986 (section 5.2) resolves a URI reference.

    The one resolution of every relative link postkit reads: a record's ``url`` against the
    base URL (``--base-url``, ``base-url``), a feed entry's link and image against the feed's
    address, a JSON Feed item's url against its feed. It is :func:`urllib.parse.urljoin`:
    ``/about/`` replaces the base's whole path (``https://blog.example/posts/`` gives
    ``https://blog.example/about/``), ``about/`` goes beside the base's last segment (inside
    it when the base ends in ``/``), ``../`` climbs, ``//host/x`` keeps only the scheme, a
    query or fragment alone keeps the base's path. A reference with a scheme (``https:``,
    ``mailto:``) is returned as it is, exactly as published (a wrong one is reported where
    the URL is checked). Whitespace around the reference is dropped.

    >>> resolve_url("https://blog.example/posts/", "/about/"), resolve_url("https://blog.example/posts/", "a/")
    ('https://blog.example/about/', 'https://blog.example/posts/a/')
    """
    text = reference.strip()
    if _SCHEME.match(text) is not None:
        return text
    return urllib.parse.urljoin(base, text)


def _join(base: str, path: str) -> str:
    """``path`` under ``base``: a leading "/" is the base's own root, as Jekyll's baseurl makes it."""
    return base + urllib.parse.quote(path.lstrip("/"), safe="/%:@!$&'()*+,;=~-._")


def file_url(base: str, file_name: str) -> str:
    """The URL of a Markdown post under ``base``, from its file name, as Jekyll and Hugo make it.

    A Jekyll post ``2016-05-19-super-short-article.md`` is ``base/2016/05/19/super-short-article.html``
    (Jekyll's default ``date`` permalink, without categories); any other file is ``base/<name>/``
    (Hugo's pretty URLs); a page bundle ``<name>/index.md`` is ``base/<name>/``; a language in
    the file name (Hugo's ``post.fa.md``) goes first: ``base/fa/post/``.

    >>> file_url("https://blog.example/", "_posts/2016-05-19-super-short-article.md")
    'https://blog.example/2016/05/19/super-short-article.html'
    >>> file_url("https://blog.example/posts/", "content/posts/my-first-post/index.md")
    'https://blog.example/posts/my-first-post/'
    """
    parts = os.fspath(file_name).replace(os.sep, "/").split("/")
    stem = posixpath.splitext(parts[-1])[0]
    found = file_language(parts[-1])
    language = found.lower() + "/" if found else ""
    if found:
        stem = stem[: -len(found) - 1]
    if stem.lower() in _BUNDLE_INDEX and len(parts) > 1:
        stem = parts[-2]
    post = _JEKYLL_POST.match(stem)
    if post is not None:
        year, month, day, title = post.groups()
        return _join(base, f"{language}{year}/{int(month):02d}/{int(day):02d}/{title}.html")
    return _join(base, f"{language}{stem}/")


def gives(mapping: Mapping[Any, Any], field: str, options: ReadOptions = DEFAULT) -> bool:
    """Whether a record gives ``field``, under its own name, a mapped one or a synonym."""
    synonyms = _data.record_fields().synonyms
    for key, value in mapping.items():
        if value is None:
            continue
        name = _name(key)
        synonym = synonyms.get(name.replace(" ", "_").replace("-", "_"))
        if field in (name, ALIASES.get(name), options.fields.get(name), synonym):
            return True
    return False


def notes_of(warnings: tuple[RecordError, ...]) -> Iterator[FieldNote]:
    """The file-level notes among a record's warnings."""
    return (w for w in warnings if isinstance(w, FieldNote))
