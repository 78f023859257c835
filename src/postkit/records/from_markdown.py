"""Markdown records: TOML (``+++``) or YAML (``---``) front matter, then the body."""

from __future__ import annotations

import functools
import io
import tomllib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from postkit.errors import RecordError, toml_problem
from postkit.records.capped import CappedReader
from postkit.records.fields import ALIASES, DEFAULT, MAX_KEYS, ReadOptions, file_language, gives
from postkit.records.record import FieldLines, Ids, Result, alias, decode_all, to_article, why

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_FRONT_MATTER_ALIASES = {"description": "summary", "date": "published"}
# Front matter longer than this many lines is not a teaser's metadata (a million keys would
# take a minute and a gigabyte to parse); the file is one error before any parsing.
MAX_FRONT_MATTER_LINES = 10_000


def read_markdown(fh: CappedReader, path: str, ids: Ids, options: ReadOptions = DEFAULT) -> Iterator[Result]:
    """Read one Markdown record: front matter, then the body (``body_format`` "markdown")."""
    try:
        text = decode_all(fh.read(), path)
        values, key_lines, body, body_line = _front_matter(text, path)
    except RecordError as err:
        yield err
        return
    if not gives(values, "language", options) and (language := file_language(path)) is not None:
        values["language"] = language
    if body:
        values.setdefault("body", body)
        values.setdefault("body_format", "markdown")
        key_lines.setdefault("body", body_line)
        if not gives(values, "summary", options) and (found := _first_paragraph_at(body)):
            values["summary"] = found[0]
            key_lines["summary"] = body_line + found[1]
    line = key_lines.get("id")  # where the record is said to be (its id's line, as before)
    yield to_article(
        values,
        ids,
        path=path,
        index=None,
        line=line,
        options=options,
        lines=key_lines,
        file_name=path,
        field_lines=FieldLines(start=1, fields=key_lines),
    )


_FENCES = {"+++": "TOML", "---": "YAML"}


_FM_KEY = regex.compile(r"^[ \t]*+[\"']?+([A-Za-z_][\w-]{0,40}+)")


def _front_matter(text: str, path: str) -> tuple[dict[str, Any], dict[str, int], str, int]:
    """Split ``text`` into (front matter values, line of each top-level key, body, the body's first line)."""
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
        if number > MAX_FRONT_MATTER_LINES or len(key_lines) > MAX_KEYS:
            msg = f"front matter runs past {MAX_FRONT_MATTER_LINES:,} lines or {MAX_KEYS:,} keys; it is not read"
            raise RecordError(
                msg, path=path, line=1, hint="keep the article's text in the body, after the front matter"
            )
        head.append(line)
        if (match := _FM_KEY.match(line)) and not line[:1].isspace():
            key_lines.setdefault(match[1].lower(), number)
    else:
        msg = f"front matter opened with {fence!r} on line 1 is never closed"
        raise RecordError(msg, path=path, line=1)
    source = "".join(head)
    values = _parse_toml(source, path) if kind == "TOML" else _parse_yaml(source, path)
    values = dict(alias(alias(values, _FRONT_MATTER_ALIASES), ALIASES))
    for old, new in (*_FRONT_MATTER_ALIASES.items(), *ALIASES.items()):
        if old in key_lines:
            key_lines.setdefault(new, key_lines[old])
    rest = lines.read()
    body = rest.strip("\r\n")
    skipped = rest[: len(rest) - len(rest.lstrip("\r\n"))]
    return values, key_lines, body, number + 1 + skipped.count("\n")


# The most values front matter may hold (keys, items, scalars): a teaser's metadata has a few dozen;
# a million in one inline table took seconds and a gigabyte to build.
MAX_FRONT_MATTER_VALUES = 20_000
_TOML_STRING = regex.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*+"|\'[^\'\n]*+\'')


def _too_many_values(path: str) -> RecordError:
    msg = f"front matter holds more than {MAX_FRONT_MATTER_VALUES:,} values; it is not read"
    return RecordError(msg, path=path, line=1, hint="keep the article's text in the body, after the front matter")


def _parse_toml(source: str, path: str) -> dict[str, Any]:
    outside = _TOML_STRING.sub("", source)  # what is not a string: its '=' and ',' are the values
    if outside.count("=") + outside.count(",") > MAX_FRONT_MATTER_VALUES:
        raise _too_many_values(path)
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as err:
        reason, line = toml_problem(err, source)
        # +1: the front matter starts after the opening '+++' line.
        raise RecordError(
            f"invalid TOML front matter: {reason}", path=path, line=None if line is None else line + 1
        ) from None
    except (ValueError, RecursionError) as err:
        raise RecordError(f"invalid TOML front matter: {why(err)}", path=path) from None


def _parse_yaml(source: str, path: str) -> dict[str, Any]:
    import yaml  # noqa: PLC0415 - a dependency, imported only when a record needs it

    loader = _yaml_loader(yaml)
    try:
        # A first pass over the events alone refuses aliases before anything is built.
        alias = None
        for count, event in enumerate(yaml.parse(source, Loader=loader)):
            if isinstance(event, yaml.AliasEvent):
                alias = event
                break
            if count > 2 * MAX_FRONT_MATTER_VALUES:  # a key and its value are two events
                raise _too_many_values(path)
        value = None if alias else yaml.load(source, Loader=loader)  # noqa: S506 - a SafeLoader
    except RecordError:
        raise
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 2 if mark is not None else None  # 0-based, after the '---' line
        problem = getattr(err, "problem", None) or str(err).split("\n", 1)[0]
        raise RecordError(f"invalid YAML front matter: {problem}", path=path, line=line) from None
    except (ValueError, TypeError, RecursionError) as err:
        raise RecordError(f"invalid YAML front matter: {why(err)}", path=path) from None
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
    """A safe loader that refuses duplicate keys and reads an impossible date as text (built once per yaml module).

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

        def construct_yaml_timestamp(self, node: Any) -> Any:
            """A date YAML reads as one but no calendar has (``2026-02-30``) stays its text.

            The record check then says the date cannot be read and keeps the record, as for
            a quoted date, rather than the whole front matter failing.
            """
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    _YAML_LOADERS[id(yaml)] = Loader
    return Loader


@functools.cache
def _parsers() -> tuple[MarkdownIt, MarkdownIt]:
    """The parser of block structure only (fast on any input: inline parsing is what can be slow), and of inline.

    Made when a Markdown body is first read: importing markdown-it costs a start-up ~15 ms.
    """
    from markdown_it import MarkdownIt  # noqa: PLC0415 - a dependency, imported only when a record needs it

    return MarkdownIt("commonmark").enable("table").disable("inline"), MarkdownIt("commonmark")


#: How much of the first paragraph is read for the summary: more than any platform shows.
_SUMMARY_SOURCE = 4_000


def _first_paragraph(body: str) -> str | None:
    r"""The first plain prose paragraph of a Markdown body, inline markup removed.

    Read by a CommonMark parser (``markdown-it-py``): ATX and setext headings, lists,
    quotes, tables, code, HTML blocks and link definitions are passed over; links keep
    their text, images and inline HTML go.

    >>> _first_paragraph("A lucky night\n====\n\nThe *Kaim* crossing [reopened](https://x.example).")
    'The Kaim crossing reopened.'
    """
    found = _first_paragraph_at(body)
    return found[0] if found else None


def _first_paragraph_at(body: str) -> tuple[str, int] | None:
    """The first plain prose paragraph (see ``_first_paragraph``) and its 0-based line in the body."""
    tokens = _parsers()[0].parse(_head(body))
    for i, token in enumerate(tokens[:-1]):
        if token.type != "paragraph_open" or token.level != 0:
            continue
        source = tokens[i + 1].content
        if len(source) > _SUMMARY_SOURCE:
            cut = source.rfind(" ", 0, _SUMMARY_SOURCE)
            source = source[: cut if cut > 0 else _SUMMARY_SOURCE]
        text = _plain(source)
        if text:
            return text, token.map[0] if token.map else 0
    return None


#: How much of a body is parsed for its first paragraph: a 20 MB body costs no more than this.
_SUMMARY_BLOCKS = 64 * 1024


def _head(body: str) -> str:
    """The start of ``body`` up to about :data:`_SUMMARY_BLOCKS` characters, ending at a blank line where one is."""
    if len(body) <= _SUMMARY_BLOCKS:
        return body
    cut = body.rfind("\n\n", 0, _SUMMARY_BLOCKS)
    return body[: cut if cut > 0 else _SUMMARY_BLOCKS]


def _plain(source: str) -> str:
    """The text of one paragraph's inline Markdown."""
    parts: list[str] = []
    for inline in _parsers()[1].parseInline(source):
        for child in inline.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return " ".join("".join(parts).split())
