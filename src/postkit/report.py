"""Report formats for findings: concise, json, jsonl, github, sarif, junit.

A :class:`Finding` is a Violation plus where it is. Every format is a stable contract
(CI logs and annotations get compared over time); json and jsonl carry a schema
version documented in docs/wire-schema.md.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from postkit.rules import RULES
from postkit.rules.base import Severity, Violation, doc_section

__all__ = ["FORMATS", "SCHEMA_VERSION", "Finding", "exit_status", "locate", "render"]

#: Version of the json/jsonl document shape (docs/wire-schema.md).
SCHEMA_VERSION = 1
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@attrs.frozen
class Finding:
    """A violation located in a file: 1-based line and column (column in code points)."""

    violation: Violation
    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    platform: str | None = None
    record: str | None = None

    @property
    def code(self) -> str:
        """The rule code."""
        return self.violation.code

    @property
    def severity(self) -> Severity:
        """The severity."""
        return self.violation.severity

    @property
    def message(self) -> str:
        """The message, prefixed with the platform and record it concerns, if any."""
        where = ", ".join(x for x in (self.platform, self.record) if x)
        return f"[{where}] {self.violation.message}" if where else self.violation.message

    def as_dict(self) -> dict[str, Any]:
        """The finding as the json/jsonl formats write it."""
        v = self.violation
        return {
            "code": v.code,
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
            "span": [v.start, v.end],
        }


def locate(violation: Violation, text: str, path: str, *, first_line: int = 1, **extra: Any) -> Finding:
    """A Finding for a violation in ``text``, converting its code-point span to line:column."""

    def position(offset: int) -> tuple[int, int]:
        before = text[:offset]
        line = before.count("\n")
        return first_line + line, offset - (before.rfind("\n") + 1) + 1

    line, column = position(violation.start)
    end_line, end_column = position(violation.end)
    return Finding(violation, path, line, column, end_line, end_column, **extra)


def _concise(findings: Sequence[Finding]) -> str:
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n" for f in findings)


def _json(findings: Sequence[Finding]) -> str:
    counts = {str(s): sum(f.severity == s for f in findings) for s in Severity}
    doc = {
        "schema": "postkit.findings",
        "version": SCHEMA_VERSION,
        "findings": [f.as_dict() for f in findings],
        "summary": {"total": len(findings), **counts},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _jsonl(findings: Sequence[Finding]) -> str:
    return "".join(
        json.dumps({"version": SCHEMA_VERSION, **f.as_dict()}, ensure_ascii=False) + "\n" for f in findings
    )


def _escape_data(text: str) -> str:
    # GitHub workflow commands: % CR LF are escaped in data; also , and : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        props = (
            f"file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line or f.line},endColumn={f.end_column or f.column},"
            f"title={_escape_property(f.code)}"
        )
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(f.code + ' ' + f.message)}\n")
    return "".join(lines)


def _sarif(findings: Sequence[Finding]) -> str:
    from postkit import __version__  # noqa: PLC0415

    codes = list(RULES)
    rules = [
        {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": doc_section(rule.doc, "What it does") or rule.name},
            "fullDescription": {"text": doc_section(rule.doc, "Why is this bad?") or rule.name},
            "help": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        }
        for code, rule in RULES.items()
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line or f.line,
                            "endColumn": f.end_column or f.column,
                        },
                    }
                }
            ],
        }
        if f.code in RULES:
            result["ruleIndex"] = codes.index(f.code)
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
                        "informationUri": "https://pypi.org/project/postkit/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _junit(findings: Sequence[Finding]) -> str:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    failures = sum(f.severity >= Severity.WARNING for f in findings)
    suites = ET.Element(
        "testsuites", name="postkit", tests=str(max(1, len(findings))), failures=str(failures)
    )
    if not findings:
        suite = ET.SubElement(suites, "testsuite", name="postkit", tests="1", failures="0")
        ET.SubElement(suite, "testcase", name="no findings", classname="postkit")
    for path, items in by_path.items():
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=path,
            tests=str(len(items)),
            failures=str(sum(f.severity >= Severity.WARNING for f in items)),
        )
        for f in items:
            name = f"{f.code} {path}:{f.line}:{f.column}"
            case = ET.SubElement(suite, "testcase", name=name, classname=path)
            tag = "failure" if f.severity >= Severity.WARNING else "system-out"
            node = ET.SubElement(case, tag)
            if tag == "failure":
                node.set("message", f"{f.code} {f.message}")
                node.set("type", str(f.severity))
            node.text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}"
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


#: Output formats by name.
FORMATS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "concise": _concise,
    "json": _json,
    "jsonl": _jsonl,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


def render(findings: Iterable[Finding], fmt: str = "concise") -> str:
    """Render findings in a named format."""
    return FORMATS[fmt](list(findings))


def exit_status(findings: Iterable[Finding | Violation], fail_on: Severity | str = Severity.ERROR) -> int:
    """1 if any finding is at or above ``fail_on``, else 0."""
    level = Severity.parse(fail_on)
    return int(any(f.severity >= level for f in findings))
