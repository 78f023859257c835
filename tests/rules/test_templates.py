"""Tests for postkit.rules.templates: the TPL rules are template-only."""

from __future__ import annotations

from postkit import RuleSet, check
from postkit.rules.registry import RULES


class TestTemplateOnly:
    def test_no_op_on_text(self):
        """TPL rules never fire on post text, even on template-looking text."""
        assert [] == check("{{ headline }} {% if %}", "x", select=["TPL"])

    def test_not_run_on_text(self):
        """A RuleSet does not schedule them for text."""
        assert not any(code.startswith("TPL") for code in RuleSet().codes())

    def test_registered_as_errors_and_a_warning(self):
        """TPL001-TPL003 and TPL005 (prints None) are errors; TPL004, TPL006 and TPL007 are warnings."""
        assert {
            "TPL001": "error",
            "TPL002": "error",
            "TPL003": "error",
            "TPL004": "warning",
            "TPL005": "error",
            "TPL006": "warning",
            "TPL007": "warning",
        } == {code: str(rule.severity) for code, rule in RULES.items() if code.startswith("TPL")}
