"""Template validation for CI (`postkit check`): every template × platform × example record.

For each template file: TPL001 if it does not parse (with its line), TPL002 for variables
postkit does not provide (``jinja2.meta``), at the name's line and column. Then every
platform's template is rendered for every example record: TPL003 when rendering fails,
LEN001 when nothing can fit, and every text rule on the composed post. ``{# postkit:
noqa: CODE #}`` in a template suppresses CODE on posts made from it; a suppression that
suppresses nothing is TPL004.

A rule's finding is reported where its text comes from (``posts.provenance``): the
record's own file, line and field for the record's wording, once for all the platforms
it was found on; the template's file, line and column for the template's own text (or
what an expression such as ``{{ title | upper }}`` made of the record), once per place
with the number of records and the platforms it hit. A finding about the whole post (no
span), or one whose origin cannot be told, is reported at the template, once per rule
and template. Paths are relative to ``$GITHUB_WORKSPACE`` or the current folder.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import jinja2
import jinja2.nodes
import regex

from postkit.errors import FitError, PostkitError, RecordError, TemplateError
from postkit.pipeline import Card, Recipe, Row, rows
from postkit.platforms.registry import Platform
from postkit.posts.loader import DEFAULT_TEMPLATES, SUFFIX, TEMPLATE_VARIABLES, TemplateSet, read_template, undeclared
from postkit.report import Finding, FindingGroup, Origin, relative_path
from postkit.rules.base import Violation
from postkit.rules.engine import RuleSet
from postkit.rules.registry import RULES
from postkit.severity import Severity

if TYPE_CHECKING:
    from postkit.posts.provenance import Source

__all__ = ["RECORD_ERROR", "CheckResult", "Worst", "record_finding", "validate"]

_NOQA = regex.compile(r"\{#-?\s*postkit:\s*noqa:\s*([A-Z0-9,\s]+?)\s*-?#\}")


@attrs.frozen
class Worst:
    """A template's longest post on a platform over the example records."""

    template: str
    platform: Platform
    length: int
    record: str

    @property
    def share(self) -> float:
        """How much of the limit the longest post uses (1.0 = at the limit)."""
        return self.length / self.platform.limit


@attrs.frozen
class CheckResult:
    """Everything `postkit check` found.

    ``failed`` counts the records that did not become every post: unreadable ones (their
    ``record_errors``) and those with a post that could not be composed (nothing fits: a
    LEN001; the template fails: a TPL003), as ``postkit compose`` counts failed records.
    """

    findings: tuple[Finding, ...]
    worst: tuple[Worst, ...]
    records: int
    posts: int
    record_errors: tuple[RecordError, ...]
    warnings: tuple[RecordError, ...] = ()
    failed: int = 0

    def annotations(self) -> tuple[Finding, ...]:
        """The findings and each record error as a finding (``record_finding``): what an annotation format reports."""
        return (*self.findings, *(record_finding(err) for err in self.record_errors))


#: The code a record error is annotated with (github, sarif, junit): not a rule, an input that failed.
RECORD_ERROR = "RECORD"


def record_finding(error: PostkitError) -> Finding:
    """A record error as a finding at the record's file and line, for the annotation formats.

    A record that cannot become its posts fails ``postkit check``; in CI that failure is an
    annotation where the record is, not only a line on stderr.
    """
    path = _shown(error.path) if error.path else "<input>"
    message = f"{error.where}: {error.message}" if error.where else error.message
    violation = Violation(RECORD_ERROR, Severity.ERROR, message, hint=error.hint)
    origin = Origin("record", path, error.line, field=error.field, record=error.index)  # a line, no column
    return Finding(violation, path, error.line or 1, origin=origin)


@attrs.define
class _Noqa:
    codes: dict[str, int]  # code -> line of the comment
    used: set[str] = attrs.field(factory=set)

    def suppresses(self, code: str) -> bool:
        """Whether a comment names ``code``: then it is used."""
        if code not in self.codes:
            return False
        self.used.add(code)
        return True


def _noqa(source: str) -> _Noqa:
    codes: dict[str, int] = {}
    for m in _NOQA.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        for code in regex.split(r"[,\s]+", m.group(1).strip()):
            if code:
                codes[code] = line
    return _Noqa(codes)


_shown = relative_path


def _first_use(tree: jinja2.nodes.Template, name: str) -> int:
    lines = [node.lineno for node in tree.find_all(jinja2.nodes.Name) if node.name == name]
    return min(lines, default=1)


def _name_finding(
    violation: Violation, path: str, template: tuple[jinja2.Environment, str], name: str, line: int
) -> Finding:
    """A finding at the variable ``name`` in the template (environment, source): its line and column, where found."""
    from postkit.posts.provenance import name_place  # noqa: PLC0415 - only a finding is placed (check starts faster)

    place = name_place(*template, name)
    if place is None or place[0] != line:
        return Finding(violation, path, line)
    return Finding(violation, path, place[0], place[1], place[0], place[2])


#: What the variables that share a filter's name hold (for messages).
_SAMPLE: dict[str, object] = {"hashtags": [], "tracked": "", "shorten": ""}


def _variable_like(name: str) -> str:
    """``; did you mean 'title'?`` for a typo or another tool's name of a template variable."""
    import difflib  # noqa: PLC0415

    from postkit._data import record_fields  # noqa: PLC0415

    synonym = record_fields().synonyms.get(name.lower())
    if synonym in TEMPLATE_VARIABLES:
        return f"; did you mean {synonym!r}?"
    close = difflib.get_close_matches(name, sorted(TEMPLATE_VARIABLES), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _called_variables(tree: jinja2.nodes.Template) -> list[tuple[str, int]]:
    """Template variables called like functions where a filter has their name (``hashtags(3)``)."""
    from postkit.posts.filters import FILTERS, GLOBALS  # noqa: PLC0415

    shadowing = (TEMPLATE_VARIABLES & set(FILTERS)) - set(GLOBALS)
    return sorted(
        {
            (call.node.name, call.lineno)
            for call in tree.find_all(jinja2.nodes.Call)
            if isinstance(call.node, jinja2.nodes.Name) and call.node.name in shadowing
        }
    )


def _static(tset: TemplateSet, folder: Path) -> tuple[list[Finding], dict[str, _Noqa], set[str]]:
    """TPL001/TPL002 for every template file; the noqa comments; the files that failed."""
    findings: list[Finding] = []
    noqa: dict[str, _Noqa] = {}
    broken: set[str] = set()
    env = tset.environment
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        shown = _shown(str(path))
        try:
            source = read_template(folder, path.name)  # regular files inside the folder, size-capped
        except (TemplateError, jinja2.TemplateNotFound) as err:
            message = err.message if isinstance(err, TemplateError) else "cannot read template: not found"
            hint = err.hint if isinstance(err, TemplateError) else None
            findings.append(Finding(Violation("TPL001", Severity.ERROR, message, hint=hint), shown))
            broken.add(shown)
            continue
        noqa[shown] = _noqa(source)
        try:
            tree = env.parse(source, path.name, shown)
        except jinja2.TemplateSyntaxError as err:
            findings.append(
                Finding(
                    Violation("TPL001", Severity.ERROR, f"syntax error: {err.message}"),
                    shown,
                    err.lineno or 1,
                )
            )
            broken.add(shown)
            continue
        for name in sorted(undeclared(env, source)):
            msg = f"template uses {name!r}, which postkit does not provide{_variable_like(name)}"
            violation = Violation("TPL002", Severity.ERROR, msg, hint="see the README's template variables")
            findings.append(_name_finding(violation, shown, (env, source), name, _first_use(tree, name)))
            broken.add(shown)
        for name, line in _called_variables(tree):
            msg = (
                f"{name!r} is called like a function, but here it is the variable ({name} is a "
                f"{type(_SAMPLE.get(name)).__name__}); the filter of that name goes after a '|'"
            )
            hint = f"write `tags | {name}(3)` to use the filter, or `{name}` for the variable"
            violation = Violation("TPL003", Severity.ERROR, msg, hint=hint)
            findings.append(_name_finding(violation, shown, (env, source), name, line))
            broken.add(shown)
    return findings, noqa, broken


def _missing_fields(compiled: dict[str, jinja2.Template | None], platforms: Sequence[Platform]) -> list[Finding]:
    """TPL005-TPL007: each template × platform rendered for a record with only title and url."""
    from postkit.template_gaps import gaps  # noqa: PLC0415 - only check needs it

    by_place: dict[tuple[str, str, int, int | None, int | None, str, str], tuple[str, list[str]]] = {}
    for platform in platforms:
        template = compiled[platform.name]
        if template is None or not template.filename:
            continue
        path = _shown(template.filename)
        try:
            source = Path(template.filename).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for gap in gaps(template.environment, source, template.name or path, platform):
            key = (path, gap.code, gap.line, gap.column, gap.end_column, gap.what, gap.missing)
            by_place.setdefault(key, (gap.hint, []))[1].append(platform.name)
    findings = []
    for (path, code, line, column, end_column, what, missing), (hint, names) in by_place.items():
        message = f"{what} on {', '.join(names)} when a record has no {missing}"
        violation = Violation(code, RULES[code].severity, message, hint=hint)
        findings.append(Finding(violation, path, line, column or 1, line, end_column))
    return findings


def _origin(source: Source | None, row: Row) -> Origin | None:
    """Where a finding is reported: the record's field, or the template place; None: not known."""
    from postkit.posts.provenance import FromRecord, FromTemplate  # noqa: PLC0415 - only for findings

    if isinstance(source, FromRecord):
        return Origin(
            "record",
            _shown(row.path or "<stdin>"),
            row.line_of(source.field),
            field=source.field,
            record=row.index,
        )
    if isinstance(source, FromTemplate):
        return Origin(
            "template",
            _shown(source.path),
            source.line,
            source.column,
            source.end_line,
            source.end_column,
            variables=source.variables,
        )
    return None


def _outside(path: str) -> bool:
    """Whether a shown path is outside the workspace (and the current folder): postkit's own templates."""
    return Path(path).is_absolute()


def _record_origin(row: Row) -> Origin:
    """Where a record is, as a finding's origin: its file and line (no column)."""
    return Origin("record", _shown(row.path or "<stdin>"), row.line_of(None), record=row.index)


@attrs.define
class _Tally:
    """What ``validate`` keeps as the rows stream by: bounded by templates × platforms (and bad records)."""

    compiled: dict[str, jinja2.Template | None]
    noqa: dict[str, _Noqa]
    findings: list[Finding] = attrs.field(factory=list)
    groups: dict[tuple[object, ...], FindingGroup] = attrs.field(factory=dict)
    worst: dict[tuple[str, str], Worst] = attrs.field(factory=dict)
    reported: set[tuple[str, str, str]] = attrs.field(factory=set)
    record_errors: list[RecordError] = attrs.field(factory=list)
    warnings: list[RecordError] = attrs.field(factory=list)
    records: int = 0
    posts: int = 0
    failed: int = 0

    def add(self, row: Row) -> Row:
        """Count ``row`` and take its findings; the row as checked (suppressed findings dropped)."""
        self.records += 1
        self.warnings.extend(row.warnings)
        if row.skipped and row.error is not None:  # a draft among the examples: said, not failed
            self.warnings.append(row.error)
            return row
        if row.error is not None:
            self.record_errors.append(row.error)
            self.failed += 1
            return row
        self.failed += any(card.post is None for card in row.cards)
        cards = tuple(self._card(card, row) for card in row.cards)
        same = all(new is old for new, old in zip(cards, row.cards, strict=True))
        return row if same else attrs.evolve(row, cards=cards)

    def reported_findings(self) -> list[Finding]:
        """The findings, each place's occurrences as one (in the order first found)."""
        return [*self.findings, *(group.finding() for group in self.groups.values())]

    def _card(self, card: Card, row: Row) -> Card:
        platform, post, source = card.platform, card.post, row.source
        chosen = self.compiled[platform.name]
        path = _shown(chosen.filename or str(chosen.name)) if chosen is not None else ""
        if post is None:
            self._failed(card.error, path, platform.name, row)
            return card
        self.posts += 1
        if (path, platform.name) not in self.worst or post.length > self.worst[path, platform.name].length:
            self.worst[path, platform.name] = Worst(Path(path).name, platform, post.length, source or "")
        suppress = self.noqa.get(path)
        kept = [v for v in card.violations if suppress is None or not suppress.suppresses(v.code)]
        if kept:
            # Only a post with findings is traced: composing and clean posts pay nothing.
            from postkit.posts.provenance import trace  # noqa: PLC0415 - clean runs never import it

            found = trace(post) if any(v.start or v.end for v in kept) else None
            for v in kept:
                origin = _origin(found.source(v.start, v.end) if found is not None else None, row)
                self._occurrence(v, origin, path, platform.name, row)
        return card if len(kept) == len(card.violations) else attrs.evolve(card, violations=kept)

    def _occurrence(self, v: Violation, origin: Origin | None, template: str, platform: str, row: Row) -> None:
        """Count a finding at its place: one per record field and message, template place, or template."""
        key: tuple[object, ...]
        if origin is None:  # the whole post, or not traced: the template, as a whole
            key = ("post", v.code, v.severity, template)
            if _outside(template):  # postkit's own template: annotated at the (first) record instead
                where = _record_origin(row)
                first = Finding(v, where.path, where.line or 1, platform=platform, record=row.source, origin=where)
            else:
                first = Finding(v, template, platform=platform, record=row.source)
        elif origin.kind == "record":
            key = ("record", v.code, v.severity, origin.path, origin.line, origin.record, origin.field, v.message)
            line = origin.line or 1
            first = Finding(v, origin.path, line, 1, line, platform=platform, record=row.source, origin=origin)
        else:
            key = ("template", v.code, v.severity, origin.path, origin.line, origin.column)
            line = origin.line or 1
            first = Finding(
                v,
                origin.path,
                line,
                origin.column or 1,
                origin.end_line or line,
                origin.end_column,
                platform=platform,
                record=row.source,
                origin=origin,
            )
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = FindingGroup.start(first, self.records)
        else:
            group.add(platform, self.records)

    def _failed(self, err: PostkitError | None, path: str, platform: str, row: Row) -> None:
        """A card without a post: its error is a finding (TPL003 once a message, LEN001) or a record error.

        Nothing fitting is the record's (its title, its link, against the platform's limit): LEN001
        is annotated at the record, never at a template outside the workspace (postkit's own).
        """
        source = row.source
        if isinstance(err, TemplateError):
            if (path, err.code, err.message) in self.reported:
                return
            self.reported.add((path, err.code, err.message))
            violation = Violation(err.code, Severity.ERROR, err.message, hint=err.hint)
            self.findings.append(Finding(violation, path, err.line or 1, platform=platform, record=source))
        elif isinstance(err, FitError):
            violation = Violation("LEN001", Severity.ERROR, err.message, hint=err.hint)
            where = _record_origin(row)
            line = where.line or 1
            self.findings.append(Finding(violation, where.path, line, platform=platform, record=source, origin=where))
        elif isinstance(err, RecordError):  # a record composing cannot use (a markup-only title)
            self.record_errors.append(err)


def _compiled(tset: TemplateSet, platforms: Sequence[Platform], broken: set[str]) -> dict[str, jinja2.Template | None]:
    """Each platform's template; None where it does not load or its file has static findings."""
    compiled: dict[str, jinja2.Template | None] = {}
    for platform in platforms:
        try:
            template = tset.for_platform(platform.name)
            compiled[platform.name] = None if _shown(template.filename or "") in broken else template
        except TemplateError:
            compiled[platform.name] = None
    return compiled


def _unused_noqa(noqa: dict[str, _Noqa]) -> Iterator[Finding]:
    """TPL004: a noqa comment naming an unknown code, or suppressing nothing."""
    for path, marks in noqa.items():
        for code, line in marks.codes.items():
            if code not in RULES:
                msg = f"noqa names unknown rule code {code!r}"
                yield Finding(Violation("TPL004", Severity.WARNING, msg), path, line)
            elif code not in marks.used:
                msg = f"noqa for {code} suppresses nothing"
                yield Finding(Violation("TPL004", Severity.WARNING, msg, hint="remove the suppression"), path, line)


def validate(
    *,
    examples: Sequence[str | os.PathLike[str]],
    platforms: Sequence[Platform],
    rules: RuleSet,
    recipe: Recipe | None = None,
    progress: Callable[[Iterable[Row]], Iterable[Row]] | None = None,
    sink: Callable[[Row], object] | None = None,
    **settings: Any,
) -> CheckResult:
    """Validate templates against example records on platforms; see the module doc.

    The rows stream: what is kept grows with the templates and platforms (the longest
    post of each, one TPL003 per message), the findings and the bad records, not with the
    number of records.

    Args:
        examples: example record files or folders.
        platforms: the platforms to compose and check on.
        rules: the rules posts are checked with (and whose selection filters the findings).
        recipe: how records become posts (``pipeline.Recipe``): its ``templates`` are the
            folder checked (None: the shipped templates); not ``thread``.
        progress: wraps the rows as they stream (a progress bar).
        sink: given each row as checked (noqa-suppressed findings dropped), e.g. a list's
            ``append`` for ``preview.write_preview``; only then are rows kept, by it.
        settings: any of ``Recipe``'s fields, over ``recipe`` (``templates=``, ``campaign=``, ``strict=``).
    """
    made = (recipe or Recipe()).but(**settings)
    templates = made.templates
    tset = TemplateSet(templates)
    folder = Path(templates) if templates is not None else DEFAULT_TEMPLATES
    findings, noqa, broken = _static(tset, folder)
    compiled = _compiled(tset, platforms, broken)
    findings += _missing_fields(compiled, platforms)
    tally = _Tally(compiled, noqa, findings)
    found = rows(examples, platforms, made, template_for=lambda p: compiled[p.name], check=rules.check)
    for row in progress(found) if progress is not None else found:
        checked = tally.add(row)
        if sink is not None:
            sink(checked)
    active = set(rules.codes()) | {"LEN001"}
    kept = [
        f
        for f in itertools.chain(tally.reported_findings(), _unused_noqa(noqa))
        if f.code in active or (f.code.startswith("TPL") and rules.selects(f.code))
    ]
    return CheckResult(
        tuple(kept),
        tuple(tally.worst.values()),
        tally.records,
        tally.posts,
        tuple(tally.record_errors),
        tuple(tally.warnings),
        tally.failed,
    )
