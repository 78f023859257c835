"""Tests for postkit.rules.docs: generated rule pages and the rules table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import Severity
from postkit.errors import ConfigError
from postkit.rules.base import Rule
from postkit.rules.docs import DocError, check_doc, format_rule_doc, generate, main, rule_page, rules_table
from postkit.rules.registry import RULES, families, suggest_code

REPO = Path(__file__).parents[2]
GOOD_DOC = """\
## What it does
Checks for nothing.

## Why is this bad?
It is not.

## Example
```text
a
```

## Use instead
```text
b
```

## Options
- `max`: a number.

## Sources
- https://example.org/
"""


def _rule(doc: str, options: dict[str, object]) -> Rule:
    return Rule("XYZ001", "test-rule", Severity.INFO, doc, lambda ctx, prepared: (), options=options)


class TestCheckDoc:
    def test_good_doc(self):
        """A complete doc whose Options match the rule's options has no problems."""
        assert [] == check_doc(_rule(GOOD_DOC, {"max": 1}))

    def test_unknown_option_named(self):
        """An Options entry naming an option the rule does not define is a problem."""
        problems = check_doc(_rule(GOOD_DOC, {"limit": 1}))

        assert [
            "XYZ001: the Options section names 'max', which XYZ001 does not define (options: limit)",
            "XYZ001: option 'limit' is not documented in the Options section",
        ] == problems

    @pytest.mark.parametrize(
        ("edit", "problem"),
        [
            (lambda d: d.replace("Checks for", "Finds"), '"What it does" must be one sentence starting "Checks for "'),
            (lambda d: d.replace("- https://example.org/", "- ???"), "no sources cited"),
            (lambda d: d.replace("## Use instead", "## Better"), "unknown section 'Better'"),
        ],
        ids=["checks-for", "sources", "section-name"],
    )
    def test_problems(self, edit, problem):
        """Malformed docs are reported with the rule's code."""
        assert any(problem in p for p in check_doc(_rule(edit(GOOD_DOC), {"max": 1})))

    def test_page_refuses_a_bad_doc(self):
        """A page is not generated from a doc with problems."""
        with pytest.raises(DocError, match="XYZ001"):
            rule_page(_rule(GOOD_DOC, {}))


class TestGenerate:
    def test_one_page_per_rule_and_an_index(self, tmp_path):
        """Generation makes a page per rule, named after it, plus index.md with the table."""
        files = generate(tmp_path)

        assert {f"{rule.name}.md" for rule in RULES.values()} | {"index.md"} == {p.name for p in files}
        assert all(code in files[tmp_path / "index.md"] for code in RULES)

    def test_main_writes_then_check_passes(self, tmp_path):
        """``main`` writes the pages; ``--check`` then passes, and fails after a hand edit."""
        out = tmp_path / "rules"

        assert 0 == main(["--out", str(out)])
        assert 0 == main(["--out", str(out), "--check"])
        page = out / "over-limit.md"
        page.write_text(page.read_text("utf-8") + "edited\n", encoding="utf-8")
        assert 1 == main(["--out", str(out), "--check"])

    def test_committed_pages_are_current(self):
        """docs/rules/ in the repository is what the generator makes (run it after changing a rule)."""
        assert 0 == main(["--out", str(REPO / "docs" / "rules"), "--check"])

    def test_invisible_characters_are_spelled_out(self):
        """Invisible characters in examples are shown as escapes on the page."""
        page = rule_page(RULES["UNI001"])

        assert "Kaim crossing\\u202e reopens" in page
        assert "\u202e" not in page


class TestFormatRuleDoc:
    def test_any_case(self):
        """``format_rule_doc`` takes a code in any case and titles the page "name (CODE)"."""
        assert format_rule_doc("clk001").startswith("# clickbait-phrase (CLK001)\n")

    def test_unknown_code(self):
        """An unknown code is a ConfigError with a suggestion."""
        with pytest.raises(ConfigError, match="did you mean 'CLK001'"):
            format_rule_doc("CLK01")


class TestRulesTable:
    @pytest.mark.parametrize("fmt", ["markdown", "text"], ids=["markdown", "text"])
    def test_every_rule_listed(self, fmt):
        """Both formats list every code with its severity."""
        table = rules_table(fmt)

        assert all(f"{code}" in table for code in RULES)
        assert len(RULES) <= table.count("warning") + table.count("error") + table.count("info")

    def test_unknown_format(self):
        """An unknown table format is refused."""
        with pytest.raises(ValueError, match="unknown table format"):
            rules_table("html")


class TestSuggestCode:
    @given(st.text(st.sampled_from("ABCDEFGHIKLMNOPRSTUVWXYZ0123456789"), max_size=8))
    def test_a_suggestion_is_always_a_real_code_or_family(self, entry: str) -> None:
        """Whatever is typed, what is suggested exists (a code, or a family prefix of codes)."""
        said = suggest_code(entry)
        found = re.fullmatch(r"; did you mean '([A-Z0-9]+)'\?", said)
        assert said == "" or found is not None
        if found is not None:
            assert found[1] in RULES or found[1] in families()

    @pytest.mark.parametrize(
        ("entry", "suggested"), [("CAPS", "CAP"), ("CLK01", "CLK001"), ("CKL001", "CLK001"), ("PUNC", "PUN")]
    )
    def test_examples(self, entry: str, suggested: str) -> None:
        assert f"; did you mean {suggested!r}?" == suggest_code(entry)
