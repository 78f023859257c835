"""Unknown record fields: a warning with a did-you-mean, an error with --strict; the record JSON Schema.

The schema (src/postkit/data/record.schema.json, shipped in the package) is checked with ``jsonschema`` against every example
record, and against the Article's own fields.
"""

from __future__ import annotations

import csv
import json
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml

from postkit.article import Article, unknown_fields
from postkit.cli.common import ExitCode
from postkit.cli.main import main
from postkit.records.fields import ReadOptions
from postkit.records.from_csv import split_list
from postkit.records.reading import iter_records

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads(resources.files("postkit").joinpath("data/record.schema.json").read_text("utf-8"))
EXAMPLES = ROOT / "examples"
TYPO = {
    "title": "Kaim crossing reopens",
    "url": "https://news.example/world/kaim",
    "summry": "Trucks roll.",
    "tag": ["Iraq"],
}


def example_records() -> list[tuple[str, dict]]:
    """Every record mapping in examples/: JSON, JSON Lines, CSV rows (list cells split), Markdown front matter."""
    found: list[tuple[str, dict]] = []
    for path in sorted(EXAMPLES.rglob("*")):
        name = str(path.relative_to(ROOT))
        if path.suffix == ".json":
            value = json.loads(path.read_text("utf-8"))
            found += [(name, v) for v in (value if isinstance(value, list) else [value])]
        elif path.suffix == ".jsonl":
            found += [
                (f"{name}:{i}", json.loads(line))
                for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if line.strip()
            ]
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                for i, row in enumerate(csv.DictReader(fh), 2):
                    record = {
                        k: (split_list(v) if k in ("tags", "topics", "sources") else v) for k, v in row.items() if v
                    }
                    found.append((f"{name}:{i}", record))
        elif path.suffix == ".md" and path.name != "README.md":
            text = path.read_text("utf-8")
            fence = text[:3]
            head = text.split(fence + "\n")[1]
            values = yaml.safe_load(head) if fence == "---" else tomllib.loads(head)
            found.append((name, {k: str(v) if k == "published" else v for k, v in values.items()}))
    return found


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema(self):
        jsonschema.Draft202012Validator.check_schema(SCHEMA)

    @pytest.mark.parametrize(("where", "record"), example_records(), ids=[w for w, _ in example_records()])
    def test_every_example_validates(self, where, record):
        jsonschema.validate(record, SCHEMA, cls=jsonschema.Draft202012Validator)

    def test_there_are_examples_of_every_format(self):
        suffixes = {Path(w.split(":")[0]).suffix for w, _ in example_records()}
        assert {".json", ".jsonl", ".csv", ".md"} <= suffixes

    def test_properties_are_the_article_fields(self):
        """The schema and the Article agree: same fields, same required ones."""
        assert {a.name for a in attrs.fields(Article)} | {"$schema"} == set(SCHEMA["properties"])
        assert ["title", "url"] == SCHEMA["required"]

    def test_refuses_a_typo(self):
        with pytest.raises(jsonschema.ValidationError, match="summry"):
            jsonschema.validate(TYPO, SCHEMA, cls=jsonschema.Draft202012Validator)


class TestUnknownFields:
    @pytest.mark.parametrize(
        ("key", "means"),
        [
            ("summry", "summary"),
            ("headline", "title"),
            ("link", "url"),
            ("tag", "tags"),
            ("Description", "summary"),
            ("foo", None),
        ],
    )
    def test_did_you_mean(self, key, means):
        assert [(key, means)] == unknown_fields({"title": "T", "url": "https://news.example/a", key: "x"})

    def test_no_mistake_keys_pass(self):
        """Front matter's own keys and $schema do not warn."""
        assert [] == unknown_fields({"title": "T", "draft": False, "layout": "post", "$schema": "x", "slug": "t"})

    def test_a_record_carries_its_warnings(self, tmp_path):
        """The record still composes; its unknown fields are warnings, located at the record."""
        path = tmp_path / "a.jsonl"
        path.write_text(json.dumps(TYPO) + "\n", "utf-8")
        [record] = iter_records(path)

        assert record.ok
        assert ("Iraq",) == record.value.tags  # type: ignore[union-attr]
        assert [
            f"{path}, line 1, field 'summry': unknown field; did you mean 'summary'?",
            f"{path}, line 1, field 'tag': read as 'tags' (a name other tools give it)",
        ] == sorted(str(w) for w in record.warnings)

    def test_markdown_warnings_have_the_key_line(self, tmp_path):
        path = tmp_path / "a.md"
        path.write_text("---\ntitle: T\nurl: https://news.example/a\nsumary: S\n---\nBody\n", "utf-8")
        [record] = iter_records(path)

        assert [(4, "sumary")] == [(w.line, w.field) for w in record.warnings]

    def test_csv_link_column_is_read_as_url(self, tmp_path):
        """A CSV with `link` and no `url`: the synonym is applied, with a note; --strict makes it an error."""
        path = tmp_path / "a.csv"
        path.write_text("title,link\nKaim,https://news.example/a\n", "utf-8")
        [record] = iter_records(path)

        assert "https://news.example/a" == record.value.url  # type: ignore[union-attr]
        assert ["field 'link': read as 'url' (a name other tools give it)"] == [
            str(w).split(", ", 2)[-1] for w in record.warnings
        ]
        [strict] = iter_records(path, options=ReadOptions(strict=True))
        assert "field 'link': a synonym of 'url', which --strict does not take" in str(strict.value)


class TestCli:
    @pytest.fixture(name="typo")
    def _typo(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "a.json").write_text(json.dumps(TYPO), "utf-8")
        return "a.json"

    def test_compose_warns_and_goes_on(self, typo, capsys):
        code = main(["compose", typo, "-p", "mastodon"])
        err = capsys.readouterr().err

        assert ExitCode.OK == code
        assert "warning: a.json, line 1, field 'summry': unknown field; did you mean 'summary'?" in err
        assert "1 post from 1 record" in err

    def test_strict_makes_it_an_error(self, typo, capsys):
        code = main(["compose", typo, "-p", "mastodon", "--strict"])
        err = capsys.readouterr().err

        assert ExitCode.FINDINGS == code
        assert "error: a.json, line 1, field 'summry': unknown field; did you mean 'summary'?" in err
        assert "0 posts from 1 record on 1 platform; 1 record failed" in err

    def test_check_strict(self, typo, capsys):
        assert ExitCode.OK == main(["check", "--examples", typo, "-p", "mastodon", "--exit-zero"])
        assert "warning: a.json, line 1, field 'tag'" in capsys.readouterr().err
        assert ExitCode.FINDINGS == main(["check", "--examples", typo, "-p", "mastodon", "--strict"])
