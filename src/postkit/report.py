"""Report formats for findings: concise, json, jsonl, github, sarif, junit.

A :class:`Finding` is a Violation plus where it is (file, line, column, and the platform
and record it concerns); in ``postkit check`` also its :class:`Origin`: the record field or
the template place the offending text comes from, which is where the finding is reported,
and how many records and which platforms it was found on. Every format is a contract: CI logs, annotations and uploaded
SARIF get compared over time. json and jsonl carry a schema version documented in
docs/wire-schema.md; the others follow their tools' specifications:

* github: workflow commands, escaped as GitHub's toolkit escapes them (``%``, CR, LF in
  the message; also ``:`` and ``,`` in properties).
* sarif: SARIF 2.1.0 (OASIS), rule metadata in ``tool.driver.rules``, columns in code
  points (``columnKind: unicodeCodePoints``).
* junit: the JUnit XML that CI servers read (``testsuites``/``testsuite``/``testcase``/
  ``failure``), written with ``xml.etree``; characters XML 1.0 forbids are escaped.

Lines and columns are 1-based; columns count code points, as Python strings do.
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal
from urllib.parse import quote

import attrs

from postkit.rules.base import Violation, doc_section
from postkit.rules.registry import RULES
from postkit.severity import Severity

__all__ = [
    "FORMATS",
    "FORMAT_ALIASES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "Finding",
    "FindingGroup",
    "Origin",
    "exit_status",
    "locate",
    "relative_path",
    "render",
    "sort_findings",
    "statistics",
]

#: Name and version of the json/jsonl document shape (docs/wire-schema.md).
SCHEMA = "postkit.findings"
SCHEMA_VERSION = 1
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SURROGATE = re.compile("[\ud800-\udfff]")
# A finding on more platforms than this names how many (json and sarif list them all).
_NAMED_PLATFORMS = 3
# Characters XML 1.0 cannot hold (controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def relative_path(path: str) -> str:
    """``path`` as annotations want it: relative to ``$GITHUB_WORKSPACE`` or the current folder.

    Relative to the workspace when it is set and ``path`` is inside it, else to the current
    folder when inside it; otherwise as it is (a shipped template's path).

    GitHub places an annotation on a pull request's file only by its path from the
    repository's root, which is ``GITHUB_WORKSPACE`` in a workflow.
    """
    if path.startswith("<"):  # <stdin>, <text>
        return path
    try:
        return _relative(path, os.environ.get("GITHUB_WORKSPACE") or None, os.getcwd())  # noqa: PTH109 - a str key
    except (OSError, RuntimeError, ValueError):
        return path


@functools.lru_cache(maxsize=256)
def _relative(path: str, workspace: str | None, cwd: str) -> str:
    """``relative_path`` for one workspace and folder (cached: every finding of a file asks the same)."""
    resolved = Path(cwd, path).resolve()
    for base in (workspace, cwd) if workspace else (cwd,):
        try:
            return resolved.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path


@attrs.frozen
class Origin:
    """Where the text a finding is about comes from: a record's field, or a place in a template.

    ``kind`` is ``"record"`` (the record's own text: ``path`` is the record file, ``line``
    the field's line where its format tells, else the record's, ``field`` the field,
    ``record`` its number in the file) or ``"template"`` (the template's own text, or what
    one of its expressions made of the record: ``path``, ``line``, ``column`` to
    ``end_line``, ``end_column`` of the literal or the ``{{ … }}``, and the ``variables``
    the expression prints). A None position is not known.
    """

    kind: Literal["record", "template"]
    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    field: str | None = None
    record: int | None = None
    variables: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The origin as json and jsonl write it (docs/wire-schema.md)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "field": self.field,
            "record": self.record,
            "variables": list(self.variables),
        }


@attrs.frozen
class Finding:
    """A violation located in a file.

    Args:
        violation: what was found.
        path: the file (a template, a record file) or a pseudo-path such as ``<stdin>``.
        line: 1-based line of the start.
        column: 1-based column of the start, in code points.
        end_line: line of the end (default: ``line``).
        end_column: column just after the end (default: ``column``).
        platform: the platform the post was for, if any (the first, for a finding on several).
        record: the record the post was made from (``examples/a.jsonl:3``), if any (the first).
        origin: where the offending text comes from (``postkit check``); ``path`` and the
            position are the origin's.
        platforms: every platform the finding was on, when it is reported once for several.
        records: how many records it was found in, when it is reported once for several.
    """

    violation: Violation
    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    platform: str | None = None
    record: str | None = None
    origin: Origin | None = None
    platforms: tuple[str, ...] = ()
    records: int = 0

    @property
    def code(self) -> str:
        """The rule code."""
        return self.violation.code

    @property
    def severity(self) -> Severity:
        """The severity."""
        return self.violation.severity

    @property
    def hint(self) -> str | None:
        """The remedy, kept apart from the message."""
        return self.violation.hint

    @property
    def message(self) -> str:
        """The message, prefixed with the platforms and records it concerns, if any.

        ``[x, examples/a.jsonl, line 3, field 'title']``; for a finding in several records,
        ``[in 12 records on x, mastodon]``.
        """
        names = self.platforms or ((self.platform,) if self.platform else ())
        shown = ", ".join(names) if len(names) <= _NAMED_PLATFORMS else f"{len(names)} platforms"
        if self.records > 1:
            where = f"in {self.records} records on {shown}" if shown else f"in {self.records} records"
        else:
            record = self.record
            if record and self.origin is not None and self.origin.field:
                record = f"{record}, field {self.origin.field!r}"
            where = ", ".join(x for x in (shown, record) if x)
        return f"[{where}] {self.violation.message}" if where else self.violation.message

    @property
    def column_known(self) -> bool:
        """Whether the column is known (a record's field is placed by line only)."""
        return self.origin is None or self.origin.kind == "template" or self.origin.column is not None

    def as_dict(self) -> dict[str, Any]:
        """The finding as the json and jsonl formats write it (docs/wire-schema.md)."""
        v = self.violation
        rule = RULES.get(v.code)
        return {
            "code": v.code,
            "name": rule.name if rule else None,
            "severity": str(v.severity),
            "message": v.message,
            "hint": v.hint,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "platform": self.platform,
            "record": self.record,
            "span": {"start": v.start, "end": v.end},
            "origin": self.origin.as_dict() if self.origin is not None else None,
            "platforms": list(self.platforms or ((self.platform,) if self.platform else ())),
            "records": self.records or (1 if self.record else 0),
        }


@attrs.define
class FindingGroup:
    """One reported finding and the occurrences it stands for: the platforms, how many records.

    ``postkit check`` and ``postkit lint`` report a finding found on several platforms (and,
    in check, in several records) once, naming them all: one class groups them for both.
    """

    first: Finding
    platforms: list[str]
    records: int
    last_record: int  # the row the last occurrence was in (rows are counted as they stream)

    @classmethod
    def start(cls, first: Finding, row: int) -> FindingGroup:
        """A group of one occurrence: ``first``, on its platform, in row ``row``."""
        return cls(first, [first.platform] if first.platform else [], 1, row)

    def add(self, platform: str | None, row: int) -> None:
        """One more occurrence, on ``platform``, in row ``row``."""
        if platform and platform not in self.platforms:
            self.platforms.append(platform)
        if row != self.last_record:
            self.records += 1
            self.last_record = row

    def finding(self) -> Finding:
        """The finding as reported: the first occurrence, naming every platform and the record count."""
        return attrs.evolve(self.first, platforms=tuple(self.platforms), records=self.records)


def locate(violation: Violation, text: str, path: str, *, first_line: int = 1, **where: Any) -> Finding:
    """A Finding for a violation in ``text``, its code-point span turned into lines and columns.

    Args:
        violation: the violation; its ``start``/``end`` index ``text``.
        text: the text that was checked.
        path: the file to report.
        first_line: the line ``text`` starts on in that file.
        **where: ``platform`` and ``record``, passed on to the Finding.
    """
    newlines = _newlines(text)

    def position(offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(text)))
        before = bisect.bisect_left(newlines, offset)  # newlines before offset
        return first_line + before, offset - (newlines[before - 1] + 1 if before else 0) + 1

    line, column = position(violation.start)
    end_line, end_column = position(max(violation.end, violation.start))
    return Finding(violation, path, line, column, end_line, end_column, **where)


@functools.lru_cache(maxsize=8)
def _newlines(text: str) -> list[int]:
    """Where the newlines of ``text`` are, found once per text.

    Thousands of findings in a long text would otherwise each count from the start.
    """
    return [m.start() for m in re.finditer("\n", text)]


def _safe(text: str) -> str:
    r"""Text that can be encoded: lone surrogates written as ``\\udxxx``."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _one_line(text: str) -> str:
    r"""``text`` for a one-line format: lone surrogates, CR and LF escaped (``\r``, ``\n``)."""
    return _safe(text).replace("\r", "\\r").replace("\n", "\\n")


def _concise(findings: Sequence[Finding], fail_on: Severity) -> str:
    del fail_on
    return "".join(f"{_one_line(f.path)}:{f.line}:{f.column}: {f.code} {_one_line(f.message)}\n" for f in findings)


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        return _safe(value)
    if isinstance(value, dict):
        return {key: _safe_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_safe_value(item) for item in value]
    return value


def _json_value(finding: Finding) -> dict[str, Any]:
    return {key: _safe_value(value) for key, value in finding.as_dict().items()}


def _summary(findings: Sequence[Finding], fail_on: Severity) -> dict[str, Any]:
    counts = {str(s): sum(f.severity == s for f in findings) for s in sorted(Severity, reverse=True)}
    return {"total": len(findings), **counts, "fail_on": str(fail_on), "failed": bool(exit_status(findings, fail_on))}


def _json(findings: Sequence[Finding], fail_on: Severity) -> str:
    from postkit import __version__  # noqa: PLC0415 - the package's own version

    doc = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "tool": {"name": "postkit", "version": __version__},
        "summary": _summary(findings, fail_on),
        "findings": [_json_value(f) for f in findings],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _jsonl(findings: Sequence[Finding], fail_on: Severity) -> str:
    del fail_on
    return "".join(
        json.dumps({"schema": SCHEMA, "version": SCHEMA_VERSION, **_json_value(f)}, ensure_ascii=False) + "\n"
        for f in findings
    )


def _escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF percent-encoded (GitHub toolkit rules)."""
    return _safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus ``:`` and ``,``."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings: Sequence[Finding], fail_on: Severity) -> str:
    del fail_on
    lines = []
    for f in findings:
        rule = RULES.get(f.code)
        title = f"{f.code} ({rule.name})" if rule else f.code
        place = [f"file={_escape_property(f.path)}", f"line={f.line}"]
        if f.column_known:
            place.append(f"col={f.column}")
        place.append(f"endLine={f.end_line or f.line}")
        if f.column_known:
            place.append(f"endColumn={f.end_column or f.column}")
        props = ",".join((*place, f"title={_escape_property(title)}"))
        body = f"{f.message}\nhint: {f.hint}" if f.hint else f.message
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(body)}\n")
    return "".join(lines)


def _uri(path: str) -> str:
    """A SARIF artifact URI: relative paths as relative URI references, absolute as file URIs."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix, safe="/")


def _sarif_rule(code: str) -> dict[str, Any]:
    rule = RULES[code]
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": doc_section(rule.doc, "What it does") or rule.name},
        "fullDescription": {"text": doc_section(rule.doc, "Why is this bad?") or rule.name},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": ["postkit", rule.family]},
    }


def _sarif(findings: Sequence[Finding], fail_on: Severity) -> str:
    from postkit import __version__  # noqa: PLC0415 - the package's own version

    del fail_on
    index = {code: i for i, code in enumerate(RULES)}
    results = []
    for f in findings:
        region: dict[str, int] = {"startLine": f.line}
        if f.column_known:
            region["startColumn"] = f.column
        region["endLine"] = f.end_line or f.line
        if f.column_known:
            region["endColumn"] = f.end_column or f.column
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": _safe(f.message + (f"\nhint: {f.hint}" if f.hint else ""))},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(_safe(f.path))},
                        "region": region,
                    },
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        props: dict[str, Any] = {
            key: _safe(value) for key, value in (("platform", f.platform), ("record", f.record)) if value
        }
        if f.origin is not None:
            props["origin"] = {k: _safe(v) if isinstance(v, str) else v for k, v in f.origin.as_dict().items()}
        if len(f.platforms) > 1:
            props["platforms"] = list(f.platforms)
        if f.records > 1:
            props["records"] = f.records
        if props:
            result["properties"] = props
        results.append(result)
    doc = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postkit",
                        "version": __version__,
                        # No informationUri: "postkit" on PyPI is another project, and this
                        # one (distribution postkit-teasers) is not published yet.
                        "fullName": f"postkit (postkit-teasers {__version__})",
                        "rules": [_sarif_rule(code) for code in RULES],
                    },
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _xml(text: str) -> str:
    r"""Text XML 1.0 can hold: forbidden characters written as ``\\uXXXX``."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _junit(findings: Sequence[Finding], fail_on: Severity) -> str:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    failures = sum(f.severity >= fail_on for f in findings)
    import xml.etree.ElementTree as ET  # noqa: PLC0415 - only the junit format needs it

    suites = ET.Element(
        "testsuites", name="postkit", tests=str(max(1, len(findings))), failures=str(failures), errors="0"
    )
    if not findings:
        suite = ET.SubElement(suites, "testsuite", name="postkit", tests="1", failures="0", errors="0", skipped="0")
        ET.SubElement(suite, "testcase", name="no findings", classname="postkit", time="0")
    for path, items in by_path.items():
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=_xml(path),
            tests=str(len(items)),
            failures=str(sum(f.severity >= fail_on for f in items)),
            errors="0",
            skipped="0",
        )
        for f in items:
            where = f"{f.path}:{f.line}:{f.column}"
            case = ET.SubElement(suite, "testcase", name=_xml(f"{f.code} {where}"), classname=_xml(path), time="0")
            text = _xml(f"{where}: {f.code} [{f.severity}] {f.message}" + (f"\nhint: {f.hint}" if f.hint else ""))
            if f.severity >= fail_on:
                failure = ET.SubElement(case, "failure", message=_xml(f"{f.code} {f.message}"), type=str(f.severity))
                failure.text = text
            else:  # below --fail-on: shown, not failed
                ET.SubElement(case, "system-out").text = text
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


#: Output formats by name: each takes the findings and the ``fail_on`` level.
FORMATS: dict[str, Callable[[Sequence[Finding], Severity], str]] = {
    "concise": _concise,
    "json": _json,
    "jsonl": _jsonl,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


#: Other names of formats: ruff's spelling of JSON Lines.
FORMAT_ALIASES: dict[str, str] = {"json-lines": "jsonl"}


def render(findings: Iterable[Finding], fmt: str = "concise", *, fail_on: Severity | str = Severity.ERROR) -> str:
    """Findings in a named format (see :data:`FORMATS`).

    Args:
        findings: what to report, in the order to report it.
        fmt: ``concise``, ``json``, ``jsonl`` (or ``json-lines``), ``github``, ``sarif`` or ``junit``.
        fail_on: the lowest severity that fails; junit marks only those as failures, json
            reports it in its summary.

    Raises:
        ValueError: for an unknown format or severity.
    """
    try:
        formatter = FORMATS[FORMAT_ALIASES.get(fmt, fmt)]
    except KeyError:
        msg = f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg) from None
    return formatter(list(findings), Severity.parse(fail_on))


def exit_status(findings: Iterable[Finding | Violation], fail_on: Severity | str = Severity.ERROR) -> int:
    """The exit status for ``findings``: 1 if any is at or above ``fail_on``, else 0.

    >>> exit_status([Violation("PUN001", Severity.WARNING, "…")], "error")
    0
    """
    level = Severity.parse(fail_on)
    return int(any(f.severity >= level for f in findings))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by file, line and column, as they are reported (stable: platform and record order kept)."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.column))


def statistics(findings: Iterable[Finding], fmt: str = "concise") -> str:
    """How many findings each rule has, most first (ruff's ``--statistics``): text, or json for json/jsonl."""
    counts = Counter(f.code for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows = [{"code": code, "name": RULES[code].name if code in RULES else None, "count": n} for code, n in ordered]
    if FORMAT_ALIASES.get(fmt, fmt) in ("json", "jsonl"):
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for _, n in ordered), default=1)
    return "".join(f"{row['count']:>{width}}\t{row['code']}\t{row['name'] or ''}\n" for row in rows)
