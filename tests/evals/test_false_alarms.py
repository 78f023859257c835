"""Tests for evals/false_alarms.py's counting and budget marks (the baseline itself is run by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "evals"))

from _datasets import Example
from false_alarms import Checked, Hit, Source, budget_table, check_all, recall_table

from postkit import RuleSet


def _checked(text: str, *codes: str, clickbait: bool = False, origin: str = "") -> Checked:
    return Checked(Example(text, clickbait, origin), tuple(Hit(c, 0, 1, "") for c in codes), frozenset(codes))


def test_check_all_reads_the_text_as_a_post_and_composed():
    examples = [
        Example("You Won't Believe These 10 Insane Hacks!!!", clickbait=True),
        Example("Council approves budget", clickbait=False),
    ]

    bait, news = check_all(examples, RuleSet(), composed=True)

    assert any(h.code.startswith("CLK") for h in bait.text)
    assert bait.composed is not None
    assert any(c.startswith("CLK") for c in bait.composed)
    assert not news.text
    assert all(not h.code.startswith(("STR", "LEN")) for h in bait.text)  # a bare text has no link by nature


def test_budget_marks_fail_above_the_source_kinds_limit():
    news = Source("news", "news", list)
    social = Source("social", "social", list)
    rows = [_checked("a", "CLK003"), *[_checked(str(i)) for i in range(49)]]  # 2% called clickbait
    table = "\n".join(budget_table({news: rows, social: rows}, "text"))

    news_row = next(r for r in table.splitlines() if r.startswith("| news |"))
    social_row = next(r for r in table.splitlines() if r.startswith("| social |"))
    assert news_row.endswith("2.00% **FAIL** |")  # any CLK <= 1% on news
    assert social_row.endswith("2.00% pass |")  # <= 5% on social posts


def test_recall_counts_any_clk_and_each_part():
    bait = Source("bait", "clickbait", list)
    rows = [
        _checked("a", "CLK004", clickbait=True, origin="x"),
        _checked("b", "CLK003", clickbait=True, origin="x"),
        _checked("c", "CAP001", clickbait=True, origin="y"),
    ]
    table = recall_table({bait: rows}, "text")

    assert "| bait | 3 | 66.67% | 33.33% | 33.33% |" in table
    assert "| … x | 2 | 100.00% | 50.00% | 50.00% |" in table
    assert "| … y | 1 | 0.00% | 0.00% | 0.00% |" in table
