"""Tests for postkit.report: Finding, locate, every output format, exit_status."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postkit import Severity, Violation, __version__
from postkit.report import (
    FORMATS,
    SCHEMA,
    SCHEMA_VERSION,
    Finding,
    Origin,
    exit_status,
    locate,
    relative_path,
    render,
    statistics,
)
from postkit.rules.registry import RULES

TEXT = "Kaim crossing reopens\nYou won't believe it!! 🎉"
CLK = Violation(
    "CLK001", Severity.WARNING, '"You won\'t believe" is a clickbait phrase', 22, 39, "say what happened instead"
)
LEN = Violation("LEN001", Severity.ERROR, "post is 301 graphemes, 1 over Bluesky's limit of 300")
HYP = Violation("HYP001", Severity.INFO, '"shocking" is hyperbole', 0, 8)


def _findings() -> list[Finding]:
    """A warning on line 2 of a template (with platform and record), an error, an info."""
    return [
        locate(CLK, TEXT, "templates/teaser.txt.j2", platform="bluesky", record="examples/a.jsonl:3"),
        locate(LEN, TEXT, "templates/teaser.txt.j2"),
        locate(HYP, "shocking news", "<stdin>"),
    ]


#: A finding on a record's title, reported on the record's line (its column not known), on two platforms.
_IN_RECORD = Finding(
    CLK,
    "examples/a.jsonl",
    3,
    platform="x",
    record="examples/a.jsonl, line 3",
    origin=Origin("record", "examples/a.jsonl", 3, field="title", record=3),
    platforms=("x", "bluesky"),
    records=1,
)
#: A finding on what a template expression made of the records, in 12 records on 5 platforms.
_IN_TEMPLATE = Finding(
    Violation("CAP001", Severity.WARNING, '"KAIM" is in capitals', 0, 4),
    "templates/teaser.txt.j2",
    1,
    1,
    1,
    20,
    platform="x",
    record="examples/a.jsonl, line 1",
    origin=Origin("template", "templates/teaser.txt.j2", 1, 1, 1, 20, variables=("title",)),
    platforms=("x", "bluesky", "mastodon", "threads", "linkedin"),
    records=12,
)


class TestOrigins:
    def test_record_finding_names_the_field(self):
        """One record, several platforms: the record's place and field in the message."""
        assert _IN_RECORD.message.startswith("[x, bluesky, examples/a.jsonl, line 3, field 'title'] ")

    def test_template_finding_counts_records_and_platforms(self):
        """Many records: how many, and on how many platforms (more than three are counted, not named)."""
        assert _IN_TEMPLATE.message == '[in 12 records on 5 platforms] "KAIM" is in capitals'

    def test_github_record_annotation_has_no_column(self):
        """A record's field is placed by line: the annotation marks the whole line (no col)."""
        line = render([_IN_RECORD], "github")

        assert line.startswith("::warning file=examples/a.jsonl,line=3,endLine=3,title=CLK001 (clickbait-phrase)::")

    def test_github_template_annotation_spans_the_expression(self):
        line = render([_IN_TEMPLATE], "github")

        assert line.startswith("::warning file=templates/teaser.txt.j2,line=1,col=1,endLine=1,endColumn=20,")

    def test_sarif_region_and_properties(self):
        """SARIF: the record's line without columns; origin, platforms and records as properties."""
        results = json.loads(render([_IN_RECORD, _IN_TEMPLATE], "sarif"))["runs"][0]["results"]
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]

        assert [{"startLine": 3, "endLine": 3}, {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 20}] == (
            regions
        )
        assert {"kind": "record", "field": "title", "line": 3} == {
            k: results[0]["properties"]["origin"][k] for k in ("kind", "field", "line")
        }
        assert (["x", "bluesky", "mastodon", "threads", "linkedin"], 12) == (
            results[1]["properties"]["platforms"],
            results[1]["properties"]["records"],
        )

    def test_json_origin(self):
        found = json.loads(render([_IN_TEMPLATE], "json"))["findings"][0]

        assert {
            "kind": "template",
            "path": "templates/teaser.txt.j2",
            "line": 1,
            "column": 1,
            "end_line": 1,
            "end_column": 20,
            "field": None,
            "record": None,
            "variables": ["title"],
        } == found["origin"]
        assert 12 == found["records"]

    def test_json_lines_is_jsonl(self):
        """ruff's name of the format, and of statistics in it."""
        assert render([_IN_RECORD], "json-lines") == render([_IN_RECORD], "jsonl")
        assert statistics([_IN_RECORD], "json-lines") == statistics([_IN_RECORD], "json")


class TestRelativePath:
    def test_inside_the_current_folder(self, tmp_path, monkeypatch):
        monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
        monkeypatch.chdir(tmp_path)

        assert "examples/a.jsonl" == relative_path(str(tmp_path / "examples" / "a.jsonl"))

    def test_github_workspace_wins(self, tmp_path, monkeypatch):
        """In a workflow, paths are from the repository's root, wherever the command runs."""
        (tmp_path / "site").mkdir()
        monkeypatch.chdir(tmp_path / "site")
        monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))

        assert "site/examples/a.jsonl" == relative_path("examples/a.jsonl")

    def test_outside_stays_as_it_is(self, tmp_path, monkeypatch):
        monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
        monkeypatch.chdir(tmp_path)

        assert "/usr/lib/x.j2" == relative_path("/usr/lib/x.j2")
        assert "<stdin>" == relative_path("<stdin>")


class TestLocate:
    def test_line_and_column_of_a_span(self):
        """A span on the second line gets 1-based line and column, end column just after it."""
        finding = locate(CLK, TEXT, "t.j2")

        assert (2, 1, 2, 18) == (finding.line, finding.column, finding.end_line, finding.end_column)

    def test_first_line_offset(self):
        """``first_line`` shifts the lines (text that starts further down a file)."""
        finding = locate(CLK, TEXT, "t.j2", first_line=10)

        assert (11, 11) == (finding.line, finding.end_line)

    def test_columns_count_code_points(self):
        """An emoji sequence before the span counts as its code points (SARIF unicodeCodePoints)."""
        text = "👩‍👩‍👧 folks"
        violation = Violation("CAS001", Severity.INFO, '"folks" is casual register', 6, 11)

        assert (1, 7) == (locate(violation, text, "p").line, locate(violation, text, "p").column)

    def test_whole_post_finding(self):
        """A 0-0 span (the whole post) is line 1, column 1."""
        finding = locate(LEN, TEXT, "p")

        assert (1, 1, 1, 1) == (finding.line, finding.column, finding.end_line, finding.end_column)

    def test_message_names_platform_and_record(self):
        """The message is prefixed with the platform and record, when known."""
        finding = _findings()[0]

        assert '[bluesky, examples/a.jsonl:3] "You won\'t believe" is a clickbait phrase' == finding.message
        assert CLK.message == locate(CLK, TEXT, "p").message


class TestConcise:
    def test_one_line_per_finding(self):
        """``path:line:col: CODE message``, one line each, in order."""
        lines = render(_findings(), "concise").splitlines()

        assert [
            (
                'templates/teaser.txt.j2:2:1: CLK001 [bluesky, examples/a.jsonl:3] "You won\'t believe" is a '
                "clickbait phrase"
            ),
            "templates/teaser.txt.j2:1:1: LEN001 post is 301 graphemes, 1 over Bluesky's limit of 300",
            '<stdin>:1:1: HYP001 "shocking" is hyperbole',
        ] == lines

    def test_multi_line_message_stays_on_one_line(self):
        """A message with a line break (a Jinja error) does not break the one-line format."""
        finding = Finding(Violation("TPL003", Severity.ERROR, "render failed:\nline two\r\n"), "t.j2", 4)

        assert 1 == len(render([finding], "concise").splitlines())

    def test_no_findings_is_empty(self):
        """Nothing found, nothing written."""
        assert "" == render([], "concise")


class TestJson:
    def test_document(self):
        """A versioned document: schema, version, tool, summary, findings."""
        doc = json.loads(render(_findings(), "json"))

        assert (SCHEMA, SCHEMA_VERSION) == (doc["schema"], doc["version"])
        assert ("postkit.findings", 1) == (SCHEMA, SCHEMA_VERSION)
        assert {"name": "postkit", "version": __version__} == doc["tool"]
        assert {"total": 3, "error": 1, "warning": 1, "info": 1, "fail_on": "error", "failed": True} == doc["summary"]

    def test_finding_keys(self):
        """Each finding carries exactly the keys docs/wire-schema.md lists."""
        first = json.loads(render(_findings(), "json"))["findings"][0]

        assert {
            "code": "CLK001",
            "name": "clickbait-phrase",
            "severity": "warning",
            "message": '"You won\'t believe" is a clickbait phrase',
            "hint": "say what happened instead",
            "path": "templates/teaser.txt.j2",
            "line": 2,
            "column": 1,
            "end_line": 2,
            "end_column": 18,
            "platform": "bluesky",
            "record": "examples/a.jsonl:3",
            "span": {"start": 22, "end": 39},
            "origin": None,
            "platforms": ["bluesky"],
            "records": 1,
        } == first

    def test_fail_on_in_summary(self):
        """The summary reports the --fail-on level and whether it failed."""
        doc = json.loads(render(_findings()[2:], "json", fail_on="warning"))

        assert ("warning", False) == (doc["summary"]["fail_on"], doc["summary"]["failed"])

    def test_empty(self):
        """No findings: an empty list and a zero summary."""
        doc = json.loads(render([], "json"))

        assert ([], 0, False) == (doc["findings"], doc["summary"]["total"], doc["summary"]["failed"])

    def test_unicode_is_written_as_itself(self):
        """Non-ASCII text is UTF-8, not \\u escapes; a lone surrogate is escaped so it can be encoded."""
        finding = Finding(Violation("UNI002", Severity.ERROR, "broken \ud800 text 🎉"), "p")
        out = render([finding], "json")

        assert "🎉" in out
        assert "broken \\ud800 text 🎉" == json.loads(out)["findings"][0]["message"]
        out.encode("utf-8")


class TestJsonl:
    def test_one_object_per_line(self):
        """Each line is a finding with the schema name and version."""
        lines = render(_findings(), "jsonl").splitlines()
        rows = [json.loads(line) for line in lines]

        assert 3 == len(rows)
        assert [("postkit.findings", 1)] * 3 == [(row["schema"], row["version"]) for row in rows]
        assert ["CLK001", "LEN001", "HYP001"] == [row["code"] for row in rows]

    def test_same_finding_as_json(self):
        """A jsonl line is the json finding plus schema and version."""
        row = json.loads(render(_findings(), "jsonl").splitlines()[0])
        doc = json.loads(render(_findings(), "json"))

        assert doc["findings"][0] == {k: v for k, v in row.items() if k not in {"schema", "version"}}

    def test_empty(self):
        """No findings, no lines."""
        assert "" == render([], "jsonl")


class TestGithub:
    def test_workflow_command(self):
        """``::warning file=,line=,col=,endLine=,endColumn=,title=::message``, hint on its own line."""
        line = render(_findings()[:1], "github")

        assert (
            "::warning file=templates/teaser.txt.j2,line=2,col=1,endLine=2,endColumn=18,"
            'title=CLK001 (clickbait-phrase)::[bluesky, examples/a.jsonl:3] "You won\'t believe" is a '
            "clickbait phrase%0Ahint: say what happened instead\n"
        ) == line

    @pytest.mark.parametrize(
        ("severity", "level"),
        [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
        ids=["error", "warning", "info"],
    )
    def test_levels(self, severity, level):
        """Severities map to error, warning and notice annotations."""
        finding = Finding(Violation("HYP001", severity, "m"), "p")

        assert render([finding], "github").startswith(f"::{level} ")

    def test_escaping(self):
        """% CR LF are escaped in the message; in properties also : and ,."""
        finding = Finding(Violation("TPL003", Severity.ERROR, "100% broken: a, b\r\nnext"), "dir,a:b%c.j2", 3)
        line = render([finding], "github")

        assert 1 == len(line.splitlines())
        assert "file=dir%2Ca%3Ab%25c.j2," in line
        assert line.endswith("::100%25 broken: a, b%0D%0Anext\n")


class TestSarif:
    def test_required_fields(self):
        """$schema, version 2.1.0, the driver with rules, results with ruleId, message and location."""
        doc = json.loads(render(_findings(), "sarif"))
        run = doc["runs"][0]
        driver = run["tool"]["driver"]
        result = run["results"][0]
        location = result["locations"][0]["physicalLocation"]

        assert "sarif-2.1.0" in doc["$schema"]
        assert "2.1.0" == doc["version"]
        assert ("postkit", __version__) == (driver["name"], driver["version"])
        assert list(RULES) == [rule["id"] for rule in driver["rules"]]
        assert ("CLK001", "warning") == (result["ruleId"], result["level"])
        assert result["message"]["text"].startswith('[bluesky, examples/a.jsonl:3] "You won\'t believe"')
        assert "templates/teaser.txt.j2" == location["artifactLocation"]["uri"]
        assert {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 18} == location["region"]

    def test_rule_metadata(self):
        """Each rule: name, descriptions from its doc, help text, default level; ruleIndex points at it."""
        doc = json.loads(render(_findings(), "sarif"))
        rules = doc["runs"][0]["tool"]["driver"]["rules"]
        results = doc["runs"][0]["results"]
        index = results[0]["ruleIndex"]

        assert "CLK001" == rules[index]["id"]
        assert "clickbait-phrase" == rules[index]["name"]
        assert rules[index]["shortDescription"]["text"].startswith("Checks for ")
        assert RULES["CLK001"].doc == rules[index]["help"]["text"]
        assert "error" == rules[index]["defaultConfiguration"]["level"]  # CLK001 is an error by default (docs/tone.md)
        assert ["warning", "error", "note"] == [r["level"] for r in results]

    def test_every_region_is_positive(self):
        """SARIF lines and columns are 1-based: never 0."""
        doc = json.loads(render(_findings(), "sarif"))
        regions = [r["locations"][0]["physicalLocation"]["region"] for r in doc["runs"][0]["results"]]

        assert all(value >= 1 for region in regions for value in region.values())

    def test_no_findings_still_lists_rules(self):
        """An empty run is valid SARIF with the rule metadata and no results."""
        run = json.loads(render([], "sarif"))["runs"][0]

        assert ([], len(RULES)) == (run["results"], len(run["tool"]["driver"]["rules"]))


class TestJunit:
    def test_parses_as_junit(self):
        """testsuites > testsuite (one per file) > testcase, failures at or above fail_on."""
        root = ET.fromstring(render(_findings(), "junit"))
        suites = root.findall("testsuite")
        cases = root.findall("testsuite/testcase")

        assert "testsuites" == root.tag
        assert ["templates/teaser.txt.j2", "<stdin>"] == [s.get("name") for s in suites]
        assert 3 == len(cases)
        assert ["LEN001 templates/teaser.txt.j2:1:1"] == [
            case.get("name") for case in cases if case.find("failure") is not None
        ]
        assert ("3", "1") == (root.get("tests"), root.get("failures"))

    def test_fail_on_warning_fails_warnings(self):
        """With fail_on=warning the warning is a failure too; info stays output."""
        root = ET.fromstring(render(_findings(), "junit", fail_on="warning"))
        failures = root.findall("testsuite/testcase/failure")

        assert ["warning", "error"] == [f.get("type") for f in failures]
        assert 'CLK001 [bluesky, examples/a.jsonl:3] "You won\'t believe" is a clickbait phrase' == failures[0].get(
            "message"
        )

    def test_no_findings_is_one_passing_case(self):
        """No findings: one passing test case, so CI shows a green suite."""
        root = ET.fromstring(render([], "junit"))

        assert ("1", "0") == (root.get("tests"), root.get("failures"))
        assert root.find("testsuite/testcase/failure") is None

    def test_control_characters_are_escaped(self):
        """Characters XML 1.0 cannot hold do not make the document unparseable."""
        finding = Finding(Violation("UNI001", Severity.ERROR, "invisible \x1b[31m\x00 \ud800 character"), "p")

        root = ET.fromstring(render([finding], "junit"))

        assert "\\u001b" in (root.find("testsuite/testcase/failure").get("message") or "")


class TestRender:
    def test_formats(self):
        """The six formats DESIGN.md names."""
        assert ["concise", "json", "jsonl", "github", "sarif", "junit"] == list(FORMATS)

    def test_unknown_format(self):
        """An unknown format is a ValueError naming the choices."""
        with pytest.raises(ValueError, match="unknown format 'xml'; expected one of concise"):
            render([], "xml")

    @pytest.mark.parametrize("fmt", list(FORMATS))
    def test_every_format_ends_with_a_newline_when_not_empty(self, fmt):
        """Output is newline-terminated text (CI logs, files)."""
        assert render(_findings(), fmt).endswith("\n")


class TestExitStatus:
    @pytest.mark.parametrize(
        ("fail_on", "expected"),
        [("error", 1), ("warning", 1), ("info", 1), (Severity.ERROR, 1)],
        ids=["error", "warning", "info", "enum"],
    )
    def test_with_an_error(self, fail_on, expected):
        """An error fails at every level."""
        assert expected == exit_status(_findings(), fail_on)

    @pytest.mark.parametrize(
        ("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1)], ids=["error", "warning", "info"]
    )
    def test_warning_only(self, fail_on, expected):
        """A warning fails only at --fail-on warning or info."""
        assert expected == exit_status([_findings()[0]], fail_on)

    @pytest.mark.parametrize(
        ("fail_on", "expected"), [("error", 0), ("warning", 0), ("info", 1)], ids=["error", "warning", "info"]
    )
    def test_info_only(self, fail_on, expected):
        """Info fails only at --fail-on info."""
        assert expected == exit_status([_findings()[2]], fail_on)

    def test_default_is_error(self):
        """The default threshold is error."""
        assert 0 == exit_status([_findings()[0]])

    def test_violations_too(self):
        """Plain violations (from check()) work as well as findings."""
        assert 1 == exit_status([CLK], "warning")

    def test_nothing_found(self):
        """No findings: 0 whatever the level."""
        assert 0 == exit_status([], "info")

    def test_bad_level(self):
        """An unknown level is a ValueError naming the choices."""
        with pytest.raises(ValueError, match="expected one of error, warning, info"):
            exit_status([], "fatal")


class TestSarifUris:
    @pytest.mark.parametrize(
        ("path", "uri"),
        [
            ("a b/c.txt", "a%20b/c.txt"),
            ("/srv/x.j2", "file:///srv/x.j2"),
            ("C:\\t\\x.j2", "file:///C:/t/x.j2"),
            ("<stdin>", "%3Cstdin%3E"),
        ],
        ids=["relative-with-space", "absolute", "windows", "pseudo-path"],
    )
    def test_paths_become_uris(self, path, uri):
        """Relative paths become relative URI references, absolute ones file URIs."""
        doc = json.loads(render([Finding(HYP, path)], "sarif"))
        location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]

        assert uri == location["artifactLocation"]["uri"]


class TestEncodable:
    @pytest.mark.parametrize("fmt", list(FORMATS), ids=list(FORMATS))
    def test_lone_surrogates(self, fmt):
        """A lone surrogate in a path or message (UNI002 quotes broken text) never makes output unencodable."""
        violation = Violation("UNI002", Severity.ERROR, f"broken {chr(0xD800)}")

        assert render([Finding(violation, f"odd{chr(0xDCFF)}.txt")], fmt).encode("utf-8")


class TestWireSchemaDoc:
    """docs/wire-schema.md documents exactly the keys the json formats write."""

    DOC = (Path(__file__).resolve().parent.parent / "docs" / "wire-schema.md").read_text(encoding="utf-8")

    def _table_keys(self, heading: str, occurrence: int = 0) -> set[str]:
        """Backticked names in the first column of the table under a heading (``.x`` continues the row's prefix)."""
        section = self.DOC.split(f"\n{heading}\n")[occurrence + 1].split("\n#", 1)[0]
        keys: set[str] = set()
        for row in section.splitlines():
            if row.startswith("| `"):
                names = re.findall(r"`([^`]+)`", row.split("|")[1])
                keys |= {name if not name.startswith(".") else names[0].rsplit(".", 1)[0] + name for name in names}
        return keys

    @staticmethod
    def _flat(value: dict[str, object], prefix: str = "") -> set[str]:
        keys: set[str] = set()
        for key, item in value.items():
            keys |= TestWireSchemaDoc._flat(item, f"{prefix}{key}.") if isinstance(item, dict) else {prefix + key}
        return keys

    def test_finding_keys(self):
        """The "A finding" table lists every key of a json finding (with an origin), and no other."""
        written = self._flat(json.loads(render([_IN_TEMPLATE], "json"))["findings"][0])
        written.add("origin")  # its own row too: an object, or null

        assert written == self._table_keys("## A finding")

    def test_document_keys(self):
        """The json document's table lists its keys (findings as one entry), and no other."""
        doc = json.loads(render(_findings(), "json"))
        written = self._flat({k: v for k, v in doc.items() if k != "findings"}) | {"findings"}

        assert written == self._table_keys("## `json`: one document")

    def test_versions_match(self):
        """The doc names the schema and version report.py writes, and the compose schema cli.py writes."""
        assert f"`{SCHEMA}`" in self.DOC
        assert f"current version is **{SCHEMA_VERSION}**" in self.DOC
        assert '"schema": "postkit.compose/1"' in self.DOC

    def test_compose_keys(self, tmp_path, capsys, monkeypatch):
        """The compose tables list every key `postkit compose --format json --payload` writes, and no other."""
        from postkit.cli.main import main  # noqa: PLC0415 - only this test needs the CLI

        record = tmp_path / "kaim.json"
        record.write_text('{"title": "Kaim crossing reopens", "url": "https://news.example/a"}', encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert 0 == main(["compose", str(record), "-p", "x", "-f", "json", "--payload"])
        doc = json.loads(capsys.readouterr().out)

        assert "postkit.compose/1" == doc["schema"]
        assert set(doc["posts"][0]) == self._table_keys("## A post")
        assert self._flat({k: v for k, v in doc.items() if k != "posts"}) | {"posts"} == self._table_keys(
            "## `json`: one document", occurrence=1
        )
