"""The public API's types catch misuse: mypy --strict on tests/typecheck/public_api.py.

CI type-checks ``src`` only; this runs mypy on a file of uses of the public API (the way a
user's code meets it) and compares the errors with the ones the file marks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).parents[1]
SNIPPET = ROOT / "tests" / "typecheck" / "public_api.py"


def test_mypy_reports_exactly_the_marked_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Article(title=123)`` and the like are errors for mypy; correct uses are not."""
    monkeypatch.setenv("MYPYPATH", str(ROOT / "src"))
    out, err, _ = api.run(
        ["--strict", "--show-error-codes", "--no-error-summary", "--cache-dir", str(ROOT / ".mypy_cache"), str(SNIPPET)]
    )
    found = sorted(
        {(int(line), code) for line, code in re.findall(r"^[^:\n]+:(\d+): error: .*\[([a-z-]+)\]$", out, re.MULTILINE)}
    )
    marked = [
        (number, match[1])
        for number, text in enumerate(SNIPPET.read_text("utf-8").splitlines(), 1)
        if (match := re.search(r"# error: ([a-z-]+)$", text))
    ]

    assert "" == err
    assert marked == found, out
