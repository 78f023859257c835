"""Where each part of a post comes from: the record's text, or the template's own.

A finding about a post is only useful where it can be fixed: "You Won't Believe" in a
title is fixed in the record, ``{{ title | upper }}`` in the template. ``trace(post)``
renders the post's template again, with the values its text was made from after the
fitting ladder (``Post.rendering``), in a tracing copy of its sandbox where every piece
of output is wrapped in markers naming the template node that printed it: each piece of
literal text, each ``{{ expression }}``. The markers are taken out again, postkit's
``tidy`` is replayed keeping offsets, and the result is checked to be the post's text
exactly; then every offset of the post maps to

* :class:`FromRecord`: record text printed as it is (the title, a cut summary, a tag,
  the link made from ``url``, a social line's CTA), found verbatim in the output of an
  expression that names the variable;
* :class:`FromTemplate`: the template's own text (file, line, column of the literal) or
  an expression's output that is not the record's text as it is (``{{ title | upper }}``,
  postkit's CTA and emoji), at the expression's place.

Composing never pays for this: the compiled templates are untouched, and a trace costs
one render, asked for only by who wants origins (``postkit check``, for posts with
findings). A trace that does not give back the post's text exactly (a template that
measures or slices its own output, say) is None: origins are verified, never guessed.

Places in a template's source come from Jinja's own lexer (:func:`source_tokens`):
every token with its offset, so TPL002 points at a variable's column too.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeAlias

import attrs
import jinja2
import jinja2.lexer
import jinja2.nodes
import regex

from postkit.errors import PostkitError
from postkit.posts.loader import render
from postkit.posts.post import Post

__all__ = [
    "RECORD_VARIABLES",
    "FromRecord",
    "FromTemplate",
    "Provenance",
    "Source",
    "SourceToken",
    "name_place",
    "source_tokens",
    "tidy_offsets",
    "trace",
]

#: Template variables whose values are a record's text, and the record field each comes from.
#: ``link`` is ``url`` with tracking added, ``hashtags`` are made from ``tags``; ``emoji``
#: and ``cta`` come from the ``social`` field only when the record has one (else from data).
RECORD_VARIABLES: Mapping[str, str] = {
    "title": "title",
    "summary": "summary",
    "url": "url",
    "link": "url",
    "social": "social",
    "emoji": "social",
    "cta": "social",
    "tags": "tags",
    "hashtags": "tags",
    "topics": "topics",
    "sources": "sources",
    "author": "author",
    "id": "id",
    "published": "published",
    "image": "image",
    "language": "language",
    "body": "body",
}
_FROM_SOCIAL = frozenset({"emoji", "cta"})
# Record text looked for in the output of an expression that names none of it (a loop
# variable): at least this long, so a one-letter value is not found in any word.
_SHORTEST_UNNAMED = 4

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_SPLIT = re.compile(f"{_OPEN}([0-9]+){_SEP}|{_CLOSE}")
# What str.splitlines breaks at (tidy splits lines with it).
_LINE_BREAK = regex.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


@attrs.frozen
class FromRecord:
    """Record text printed as it is: the record's ``field``, printed through ``variable``."""

    field: str
    variable: str


@attrs.frozen
class FromTemplate:
    """The template's own text, or an expression's output: its place in the template file.

    Lines and columns are 1-based, columns in code points; ``end_column`` is just after the
    end. ``column`` is None where the source could not be matched to Jinja's tokens.
    ``variables`` are the variables an expression prints (``("title",)`` for ``{{ title |
    upper }}``); empty for literal text.
    """

    path: str
    line: int
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    variables: tuple[str, ...] = ()


Source: TypeAlias = FromRecord | FromTemplate


@attrs.frozen
class SourceToken:
    r"""A token of a template's source as Jinja's lexer reads it, with its offset in the source.

    ``offset`` indexes the source with its line breaks made ``\\n`` (as Jinja reads it).
    """

    line: int
    kind: str
    value: str
    offset: int


def source_tokens(env: jinja2.Environment, source: str, name: str | None = None) -> tuple[str, list[SourceToken]]:
    r"""The source as Jinja reads it (line breaks made ``\\n``) and its tokens, each with its offset.

    Jinja's lexer gives each token's line, not its column; every token's text is in the
    source in order, only whitespace is ever left out (``trim_blocks``, ``lstrip_blocks``,
    ``-`` markers), so each is found from where the one before it ended.

    Raises:
        jinja2.TemplateSyntaxError: as Jinja's lexer does.
    """
    lines = jinja2.lexer.newline_re.split(source)[::2]
    if not env.keep_trailing_newline and lines[-1] == "":
        del lines[-1]
    text = "\n".join(lines)
    tokens: list[SourceToken] = []
    at = 0
    for line, kind, value in env.lexer.tokeniter(source, name):
        found = text.find(value, at) if value else at
        if found < 0:  # not expected: keep going from where we were
            found = at
        tokens.append(SourceToken(line, kind, value, found))
        at = found + len(value)
    return text, tokens


def name_place(env: jinja2.Environment, source: str, name: str) -> tuple[int, int, int] | None:
    """Line, column and end column of the first place ``source`` loads the variable ``name``.

    A name after ``.`` or ``|`` (an attribute, a filter), after ``is`` (a test) or before
    ``=`` (a keyword argument) is not the variable. None when the lexer fails or it is not there.
    """
    try:
        text, tokens = source_tokens(env, source)
    except jinja2.TemplateSyntaxError:
        return None
    meaningful = [t for t in tokens if t.kind != "whitespace"]
    for i, token in enumerate(meaningful):
        if token.kind != "name" or token.value != name:
            continue
        before = meaningful[i - 1] if i else None
        after = meaningful[i + 1] if i + 1 < len(meaningful) else None
        if before is not None and (before.value in (".", "|") or (before.kind == "name" and before.value == "is")):
            continue
        if after is not None and after.value == "=":
            continue
        line, column = _position(text, token.offset)
        return line, column, column + len(name)
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@attrs.frozen
class _Mark:
    """A piece of a template's output: literal text or an expression, and where it is."""

    path: str
    line: int
    offset: int | None  # of the literal or the ``{{``, in the source as Jinja reads it
    end: int | None  # just after the literal or the ``}}``
    source: str  # the source as Jinja reads it (shared by a template's marks)
    literal: bool
    variables: tuple[str, ...] = ()

    def place(self, start: int = 0, end: int | None = None) -> FromTemplate:
        """The template place of the mark, or for literal text of ``[start, end)`` in it."""
        if self.offset is None or self.end is None:
            return FromTemplate(self.path, self.line, variables=self.variables)
        if not self.literal:
            first, last = self.offset, self.end
        else:
            first = min(self.offset + start, self.end)
            last = self.end if end is None else min(self.offset + end, self.end)
        line, column = _position(self.source, first)
        end_line, end_column = _position(self.source, max(first, last))
        return FromTemplate(self.path, line, column, end_line, end_column, self.variables)


class _Tracer:
    """Wraps every piece of a template's output in markers naming its ``_Mark`` (a tracing sandbox's ``tracer``)."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.environment = environment
        self.marks: list[_Mark] = []

    def __call__(
        self, tree: jinja2.nodes.Template, source: str, name: str | None, filename: str | None
    ) -> jinja2.nodes.Template:
        path = filename or name or "<template>"
        outputs = list(tree.find_all(jinja2.nodes.Output))
        places = iter(self._places(source, name, outputs))
        for output in outputs:
            nodes: list[jinja2.nodes.Node] = []
            for child in output.nodes:
                offset, end, text = next(places, (None, None, ""))
                if isinstance(child, jinja2.nodes.TemplateData):
                    mark = self._add(_Mark(path, child.lineno, offset, end, text, literal=True))
                    child.data = f"{_OPEN}{mark}{_SEP}{child.data}{_CLOSE}"
                    nodes.append(child)
                else:
                    names = tuple(dict.fromkeys(n.name for n in child.find_all(jinja2.nodes.Name) if n.ctx == "load"))
                    if isinstance(child, jinja2.nodes.Name):
                        names = (child.name,)
                    mark = self._add(_Mark(path, child.lineno, offset, end, text, literal=False, variables=names))
                    nodes += [
                        jinja2.nodes.TemplateData(f"{_OPEN}{mark}{_SEP}", lineno=child.lineno),
                        child,
                        jinja2.nodes.TemplateData(_CLOSE, lineno=child.lineno),
                    ]
            output.nodes = nodes  # type: ignore[assignment]
        return tree

    def _add(self, mark: _Mark) -> int:
        self.marks.append(mark)
        return len(self.marks) - 1

    def _places(
        self, source: str, name: str | None, outputs: Sequence[jinja2.nodes.Output]
    ) -> list[tuple[int | None, int | None, str]]:
        """Each output child's source span, in order: a literal's text, an expression's ``{{ … }}``.

        Jinja makes a TemplateData of each ``data`` token and an output child of each
        ``{{ … }}``, in source order; the spans are checked against the nodes, and none
        is given (columns unknown) if they do not agree.
        """
        try:
            text, tokens = source_tokens(self.environment, source, name)
        except jinja2.TemplateSyntaxError:
            return []
        spans: list[tuple[int | None, int | None, str]] = []
        opened: int | None = None
        data: list[str] = []
        for token in tokens:
            if token.kind == "data":
                spans.append((token.offset, token.offset + len(token.value), text))
                data.append(token.value)
            elif token.kind == "variable_begin":
                opened = token.offset
            elif token.kind == "variable_end" and opened is not None:
                spans.append((opened, token.offset + len(token.value.rstrip()), text))
                data.append("")
                opened = None
        children = [child for output in outputs for child in output.nodes]
        agree = len(children) == len(spans) and all(
            isinstance(child, jinja2.nodes.TemplateData) == bool(value) and (not value or child.data == value)  # type: ignore[attr-defined]
            for child, value in zip(children, data, strict=True)
        )
        return spans if agree else []


# A tracing copy per sandbox (the user's templates, the shipped ones): made once, kept
# while the sandbox is.
_TRACING: weakref.WeakKeyDictionary[jinja2.Environment, tuple[jinja2.Environment, _Tracer]] = (
    weakref.WeakKeyDictionary()
)


def _tracing(env: jinja2.Environment) -> tuple[jinja2.Environment, _Tracer] | None:
    found = _TRACING.get(env)
    if found is None:
        if not hasattr(env, "tracer"):  # not a postkit sandbox
            return None
        copy = env.overlay(cache_size=64)
        tracer = _Tracer(copy)
        copy.tracer = tracer
        found = _TRACING[env] = (copy, tracer)
    return found


class _Run(NamedTuple):
    """A stretch of the output between two markers, and the marks it is inside (outermost first)."""

    start: int
    end: int
    inside: tuple[int, ...]  # indexes into the occurrences


class _Occurrence(NamedTuple):
    """One printing of a mark (a loop prints the same mark many times): its span in the output."""

    mark: int
    start: int
    end: int


def _unmark(raw: str) -> tuple[str, list[_Run], list[_Occurrence]] | None:
    """The output without its markers, its runs and the marks' occurrences; None if unbalanced."""
    parts = _SPLIT.split(raw)  # text, mark id or None (a close), text, …
    pieces: list[str] = []
    runs: list[_Run] = []
    occurrences: list[_Occurrence] = []
    open_at: list[int] = []  # occurrence index of each open mark
    at = 0  # in the clean output
    for i in range(0, len(parts), 2):
        piece = parts[i]
        if piece:
            pieces.append(piece)
            runs.append(_Run(at, at + len(piece), tuple(open_at)))
            at += len(piece)
        if i + 1 == len(parts):
            break
        mark = parts[i + 1]
        if mark is not None:
            open_at.append(len(occurrences))
            occurrences.append(_Occurrence(int(mark), at, at))
        elif not open_at:
            return None
        else:
            index = open_at.pop()
            occurrences[index] = occurrences[index]._replace(end=at)
    if open_at:
        return None
    return "".join(pieces), runs, occurrences


def tidy_offsets(text: str) -> tuple[str, list[int]]:
    r"""``fit.tidy(text)`` and, for each of its characters, the offset in ``text`` it comes from.

    tidy trims line ends, keeps at most one blank line in a row and trims the whole; a line
    break it keeps (made ``\\n``) maps to the break that ended the line.
    """
    lead = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    if body_end <= lead:
        return "", []
    lines: list[tuple[int, int, int]] = []  # start, end of content, offset of the break after it
    start = lead
    for m in _LINE_BREAK.finditer(text, lead, body_end):
        lines.append((start, m.start(), m.start()))
        start = m.end()
    lines.append((start, body_end, body_end))
    out: list[str] = []
    offsets: list[int] = []
    previous_blank = True  # nothing kept yet: a blank line is not kept
    pending: int | None = None  # the break before this line, kept once a line follows
    for first, end, brk in lines:
        content = text[first:end].rstrip()
        if not content and previous_blank:
            continue
        if pending is not None:
            out.append("\n")
            offsets.append(pending)
        out.append(content)
        offsets.extend(range(first, first + len(content)))
        previous_blank = not content
        pending = brk
    # A blank line kept last is trimmed with the whole (its break too).
    joined = "".join(out)
    trimmed = joined.rstrip()
    return trimmed, offsets[: len(trimmed)]


@attrs.frozen(eq=False)
class Provenance:
    """Where each offset of a post's text comes from (see the module doc)."""

    text: str
    _offsets: list[int]  # post offset -> offset in the clean output
    _starts: list[int]  # run starts, for bisect
    _runs: list[_Run]
    _occurrences: list[_Occurrence]
    _marks: list[_Mark]
    _records: list[tuple[int, int, FromRecord]]  # spans of the clean output that are record text

    def source(self, start: int, end: int) -> Source | None:
        """Where the text at ``[start, end)`` comes from: its first non-blank character's origin.

        None for a finding about the whole post (``start == end == 0``) or an offset past the text.
        """
        if start == end == 0 or not 0 <= start < len(self.text):
            return None
        end = max(start + 1, min(end, len(self.text)))
        at = start
        while at < end - 1 and self.text[at].isspace():
            at += 1
        key = self._key(at)
        if key is None:
            return None
        kind, index = key
        if kind == "record":
            return self._records[index][2]
        occurrence = self._occurrences[index]
        mark = self._marks[occurrence.mark]
        if not mark.literal:
            return mark.place()
        here = self._offsets[at]
        stop = min(self._offsets[end - 1] + 1, occurrence.end)
        return mark.place(here - occurrence.start, stop - occurrence.start)

    def _key(self, at: int) -> tuple[str, int] | None:
        """What printed the post's character ``at``: a record span, or a mark's occurrence."""
        here = self._offsets[at]
        for index, (first, last, _) in enumerate(self._records):
            if first <= here < last:
                return "record", index
        run = self._runs[bisect.bisect_right(self._starts, here) - 1]
        if not run.inside:
            return None
        innermost = run.inside[-1]
        if self._marks[self._occurrences[innermost].mark].literal:
            return "mark", innermost
        outermost = next(i for i in run.inside if not self._marks[self._occurrences[i].mark].literal)
        return "mark", outermost

    def pieces(self) -> Iterator[tuple[int, int, Source | None]]:
        """The post's text in pieces printed by one thing each: ``(start, end, source)``."""
        start = 0
        for at in range(1, len(self.text) + 1):
            if at == len(self.text) or self._key(at) != self._key(start):
                yield start, at, self.source(start, at)
                start = at


def _candidates(names: Sequence[str], context: Mapping[str, Any], social: bool) -> list[tuple[str, str]]:
    """(variable, value) pairs of record text an expression may print, longest value first."""
    wanted = [n for n in names if n in context]
    shortest = 1
    if len(wanted) < len(names) or not names:  # a loop or set variable: any record text may be in it
        wanted, shortest = list(RECORD_VARIABLES), _SHORTEST_UNNAMED
    found: list[tuple[str, str]] = []
    for name in wanted:
        if name not in RECORD_VARIABLES or (name in _FROM_SOCIAL and not social):
            continue
        value = context.get(name)
        items = value if isinstance(value, list | tuple) else [value]
        found += [(name, item) for item in items if isinstance(item, str) and len(item.strip()) >= shortest]
    return sorted(found, key=lambda pair: -len(pair[1]))


def _record_spans(
    clean: str, occurrences: Sequence[_Occurrence], marks: Sequence[_Mark], context: Mapping[str, Any], social: bool
) -> list[tuple[int, int, FromRecord]]:
    """Spans of the output that print record text as it is, inside expressions that name it."""
    spans: list[tuple[int, int, FromRecord]] = []
    taken: list[tuple[int, int]] = []
    for occurrence in occurrences:
        mark = marks[occurrence.mark]
        if mark.literal or occurrence.start == occurrence.end:
            continue
        printed = clean[occurrence.start : occurrence.end]
        for variable, value in _candidates(mark.variables, context, social):
            at = printed.find(value)
            while at >= 0:
                first, last = occurrence.start + at, occurrence.start + at + len(value)
                if not any(a < last and first < b for a, b in taken):
                    taken.append((first, last))
                    spans.append((first, last, FromRecord(RECORD_VARIABLES[variable], variable)))
                at = printed.find(value, at + len(value))
    return spans


def trace(post: Post) -> Provenance | None:
    """Where each part of ``post``'s text comes from; None when that cannot be told exactly.

    None for a post without a ``rendering`` (a thread's posts), from a template compiled
    from a string (no name to load it again by), or whose traced render does not give
    back its text exactly (a template that measures or slices its own output).
    """
    rendering = post.rendering
    if rendering is None or rendering.template.name is None:
        return None
    if any(marker in post.text for marker in (_OPEN, _SEP, _CLOSE)):
        return None  # the record uses the markers' private-use characters itself
    found = _tracing(rendering.template.environment)
    if found is None:
        return None
    env, tracer = found
    try:
        traced = env.get_template(rendering.template.name)
        raw = render(traced, rendering.context)
    except (jinja2.TemplateError, PostkitError, OSError):
        return None
    unmarked = _unmark(raw)
    if unmarked is None:
        return None
    clean, runs, occurrences = unmarked
    text, offsets = tidy_offsets(clean)
    if text != post.text:
        return None
    social = bool(getattr(post.article, "social", None))
    records = _record_spans(clean, occurrences, tracer.marks, rendering.context, social)
    return Provenance(text, offsets, [run.start for run in runs], runs, occurrences, tracer.marks, records)
