"""Tests for evals/tone.py's arithmetic and page update (the measurement itself runs in CI: --check)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "evals"))

from _datasets import Example
from tone import BEGIN, END, heuristic, render, scores


def test_scores():
    """Precision, recall, F1 and accuracy from the calls against the labels."""
    examples = [
        Example("a", clickbait=True),
        Example("b", clickbait=True),
        Example("c", clickbait=False),
        Example("d", clickbait=False),
    ]
    s = scores(examples, [True, False, True, False])

    assert (1, 1, 1, 1) == (s.tp, s.fp, s.fn, s.tn)
    assert (0.5, 0.5, 0.5, 0.5) == (s.precision, s.recall, s.f1, s.accuracy)


def test_heuristic_baseline():
    """The issue's one-line baseline: a leading digit or "you"/"your"."""
    assert [True, True, False] == [heuristic(t) for t in ("7 Dogs", "Is This Your Dog?", "Youth team wins")]


def test_render_replaces_only_between_the_markers():
    page = f"# Title\n\nProse.\n\n{BEGIN}\nSTALE\n{END}\n\nMore prose.\n"

    new = render(page, "TABLE", ["| t | >= 1 | 1 | holds |"])

    assert new.startswith("# Title\n\nProse.\n\n")
    assert new.endswith(f"{END}\n\nMore prose.\n")
    assert "STALE" not in new
    assert "TABLE" in new
