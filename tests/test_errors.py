"""Tests for postkit.errors: one-line messages that say where."""

from __future__ import annotations

from postkit.errors import PostkitError, RecordError, TemplateError, did_you_mean


class TestPostkitError:
    def test_location_then_problem(self):
        """str() is 'path, record N, field F: message (hint)'."""
        err = RecordError("expected a string", path="a.json", index=3, field="title", hint="quote it")
        assert "a.json, record 3, field 'title': expected a string (quote it)" == str(err)

    def test_always_one_line(self):
        """Messages quoting record text cannot break a log line."""
        assert "\n" not in str(PostkitError("bad\nvalue\r"))

    def test_record_error_is_value_error(self):
        """Callers' existing except ValueError clauses still catch it."""
        assert isinstance(RecordError("x"), ValueError)

    def test_template_error_carries_code_and_line(self):
        """Template errors keep their rule code and line."""
        err = TemplateError("syntax error", code="TPL001", template="x.txt.j2", line=4)
        assert ("TPL001", 4, "x.txt.j2, line 4: syntax error") == (err.code, err.line, str(err))


def test_did_you_mean():
    """Close matches are suggested, far ones are not."""
    assert "; did you mean 'bluesky'?" == did_you_mean("blusky", ["x", "bluesky"])
    assert "" == did_you_mean("zzz", ["x", "bluesky"])
