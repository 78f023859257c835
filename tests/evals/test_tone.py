"""Tests for evals/tone.py's arithmetic, severity rule and page update (the measurement itself runs in CI: --check)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "evals"))

from _datasets import Example
from tone import BEGIN, END, Source, expected_severity, heuristic, precision, render, scores

from postkit import Severity


def test_scores():
    """Precision, recall, F1, accuracy and balanced accuracy from the calls against the labels."""
    examples = [
        Example("a", clickbait=True),
        Example("b", clickbait=True),
        Example("c", clickbait=False),
        Example("d", clickbait=False),
    ]
    s = scores(examples, [True, False, True, False])

    assert (1, 1, 1, 1) == (s.tp, s.fp, s.fn, s.tn)
    assert (0.5, 0.5, 0.5, 0.5, 0.5) == (s.precision, s.recall, s.f1, s.accuracy, s.balanced_accuracy)


def test_heuristic_baseline():
    """The issue's one-line baseline: a leading digit or "you"/"your"."""
    assert [True, True, False] == [heuristic(t) for t in ("7 Dogs", "Is This Your Dog?", "Youth team wins")]


def test_precision_weighs_each_source_and_class_the_same():
    """P / (P + N) over the sources' mean rates; the mixed source is left out of the ordinary side."""
    news = Source("news", "news", list)
    tech = Source("tech", "tech", list)
    mixed = Source("mixed", "mixed", list)
    bait = Source("bait", "clickbait", list)
    ordinary = {
        news: [frozenset({"CLK001"})] + [frozenset()] * 99,  # 1%
        tech: [frozenset()] * 10,  # 0%
        mixed: [frozenset({"CLK001"})] * 10,  # 100%, not counted
    }
    value, p, n = precision("CLK001", ordinary, {bait: [frozenset({"CLK001"}), frozenset()]})

    assert (0.5, 0.005) == (p, n)
    assert abs(value - 0.5 / 0.505) < 1e-12


def test_severity_follows_precision_for_clickbait_rules_only():
    assert Severity.ERROR == expected_severity("CLK001", 0.99)
    assert Severity.WARNING == expected_severity("CLK004", 0.9899)
    assert Severity.INFO == expected_severity("CLK002", 0.94)
    assert expected_severity("CAP001", 0.999) is None


def test_render_replaces_only_between_the_markers():
    page = f"# Title\n\nProse.\n\n{BEGIN}\nSTALE\n{END}\n\nMore prose.\n"

    new = render(page, "TABLE")

    assert new.startswith("# Title\n\nProse.\n\n")
    assert new.endswith(f"{END}\n\nMore prose.\n")
    assert "STALE" not in new
    assert "TABLE" in new
