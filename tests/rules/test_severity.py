"""Severity follows precision: the clickbait phrases fail a check by default, the noisier rules do not.

docs/tone.md derives each rule's precision on held-out data (evals/tone.py, whose --check fails if a
severity does not follow it); here the consequence a user sees is held.
"""

from __future__ import annotations

import json
from pathlib import Path

from postkit import RuleSet, Severity, check
from postkit.cli.common import ExitCode
from postkit.rules.registry import RULES
from postkit.rules.tones import tones

BAIT = "You Won't BELIEVE These 10 Insane Hacks…!!!"


def test_the_clickbait_phrase_rule_is_an_error():
    assert Severity.ERROR == RULES["CLK001"].severity
    assert Severity.ERROR in {v.severity for v in check(BAIT, "x")}


def test_lint_fails_on_the_issues_headline_with_default_settings(run):
    code, out, _ = run("lint", "--text", BAIT)

    assert ExitCode.FINDINGS == code
    assert "CLK001" in out


def test_lint_fails_on_errors_alone(run):
    """Only an error fails with ``--fail-on error`` (the check default): the phrase rule is one."""
    post = f"{BAIT} https://news.example/a 📝🌍🔗 Read More"

    assert ExitCode.FINDINGS == run("lint", "--fail-on", "error", "--text", post)[0]
    assert (
        ExitCode.OK
        == run("lint", "--fail-on", "error", "--text", "Kaim reopens!! https://news.example/a 📝🌍🔗 Read More")[0]
    )


def test_check_fails_by_default_on_a_clickbait_record(run, tmp_path: Path):
    (tmp_path / "examples").mkdir()
    record = {"title": "You won't believe what Kaim's border guards did next", "url": "https://news.example/a"}
    (tmp_path / "examples" / "bait.json").write_text(json.dumps(record), encoding="utf-8")

    code, out, _ = run("check", "--examples", "examples", "-p", "x")

    assert ExitCode.FINDINGS == code
    assert "CLK001" in out


def test_the_learned_score_is_opt_in():
    """CLK003 is off in every tone (no threshold keeps its budgets and the accuracy at once), on when selected."""
    assert all("CLK003" in tone.off for tone in tones().values())
    assert "CLK003" not in RuleSet().codes()
    assert "CLK003" in RuleSet(select=("ALL", "CLK003")).codes()
    assert "CLK003" in [v.code for v in check(BAIT, "x", select=["CLK003"])]
