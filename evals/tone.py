"""Measure the tone rules on labelled public data and write the table into docs/tone.md.

    python evals/tone.py [--out docs/tone.md] [--check]

Every headline is checked as plain text on platform x with the news tone profile, the way
``postkit check`` checks a post. "Any CLK finding" is read as a clickbait classifier and
scored on the held-out Stop Clickbait split (the training script never sees it); the
capitals (CAP) and hype (HYP) rules are scored by how often they fire on ordinary news.
The data and its licences: evals/data/*/SOURCE.md. ``--check`` fails when the file on
disk differs from what this run measures (CI can use it to keep the page honest).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from _datasets import Example, abc_2003, stop_clickbait, webis_17

from postkit import RuleSet
from postkit.rules.registry import RULES

ROOT = Path(__file__).parents[1]
LEARNED = "CLK003"
FAMILIES = ("CLK", "CAP", "HYP")


@attrs.frozen
class Scores:
    """A binary classifier's counts on a labelled set."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / (self.tp + self.fp + self.fn + self.tn)


def scores(examples: Sequence[Example], said: Sequence[bool]) -> Scores:
    """The counts of ``said`` (the classifier's calls) against the examples' labels."""
    tp = sum(1 for e, s in zip(examples, said, strict=True) if s and e.clickbait)
    fp = sum(1 for e, s in zip(examples, said, strict=True) if s and not e.clickbait)
    fn = sum(1 for e, s in zip(examples, said, strict=True) if not s and e.clickbait)
    return Scores(tp, fp, fn, len(examples) - tp - fp - fn)


def findings(examples: Iterable[Example]) -> list[frozenset[str]]:
    """The codes each headline raises (news profile, platform x, CLK/CAP/HYP rules)."""
    rules = RuleSet(select=FAMILIES)
    return [frozenset(v.code for v in rules.check(e.text, "x")) for e in examples]


def heuristic(text: str) -> bool:
    """The one-line baseline of the issue: starts with a digit or says "you"/"your"."""
    words = {w.strip(".,:;!?'\"()").lower() for w in text.split()}
    return text[:1].isdigit() or bool(words & {"you", "your"})


def _phrase(codes: frozenset[str]) -> bool:
    return any(c.startswith("CLK") and c != LEARNED for c in codes)


def _any_clk(codes: frozenset[str]) -> bool:
    return any(c.startswith("CLK") for c in codes)


CLASSIFIERS: dict[str, Callable[[frozenset[str]], bool]] = {
    "any CLK finding (postkit, news profile)": _any_clk,
    "phrase rules alone (CLK without CLK003)": _phrase,
    "CLK003 alone (learned score)": lambda codes: LEARNED in codes,
}


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def classifier_table(examples: Sequence[Example], found: Sequence[frozenset[str]]) -> list[str]:
    rows = ["| classifier | precision | recall | F1 | accuracy |", "|---|---|---|---|---|"]
    calls = {name: [f(c) for c in found] for name, f in CLASSIFIERS.items()}
    calls['baseline: "starts with a digit or says you/your"'] = [heuristic(e.text) for e in examples]
    for name, said in calls.items():
        s = scores(examples, said)
        rows.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.accuracy:.3f} |")
    return rows


def rule_table(examples: Sequence[Example], found: Sequence[frozenset[str]]) -> list[str]:
    bait = sum(e.clickbait for e in examples)
    news = len(examples) - bait
    rows = ["| rule | fires on clickbait | fires on news | precision as a clickbait call |", "|---|---|---|---|"]
    for code, rule in RULES.items():
        if not code.startswith(FAMILIES) or rule.scope != "text":
            continue
        on_bait = sum(1 for e, c in zip(examples, found, strict=True) if code in c and e.clickbait)
        on_news = sum(1 for e, c in zip(examples, found, strict=True) if code in c and not e.clickbait)
        precision = f"{on_bait / (on_bait + on_news):.3f}" if on_bait + on_news else "n/a"
        rows.append(f"| {code} {rule.name} | {pct(on_bait, bait)} | {pct(on_news, news)} | {precision} |")
    return rows


NEWS_COLUMNS: dict[str, Callable[[frozenset[str]], bool]] = {
    "any CLK": _any_clk,
    "phrase rules": _phrase,
    "CLK003": lambda c: LEARNED in c,
    "CAP001": lambda c: "CAP001" in c,
    "HYP001": lambda c: "HYP001" in c,
}


def news_table(sets: dict[str, tuple[Sequence[Example], Sequence[frozenset[str]]]]) -> list[str]:
    rows = [
        "| ordinary news set | titles | " + " | ".join(NEWS_COLUMNS) + " |",
        "|---|---|" + "---|" * len(NEWS_COLUMNS),
    ]
    for name, (examples, found) in sets.items():
        news = [c for e, c in zip(examples, found, strict=True) if not e.clickbait]
        cells = [pct(sum(f(c) for c in news), len(news)) for f in NEWS_COLUMNS.values()]
        rows.append(f"| {name} | {len(news):,} | " + " | ".join(cells) + " |")
    return rows


NEWS_SETS = (
    "Stop Clickbait held-out news (NYT, Guardian, The Hindu, WikiNews; 2007-2016)",
    "ABC News Australia, Feb-May 2003 (lowercase, no punctuation)",
    "Webis Clickbait 17, no-clickbait majority (27 US/UK publishers, 2015)*",
)
#: The sets the "ordinary news" targets are held to. Webis-17's no-clickbait half is not: it
#: is every post annotators did not call clickbait, features and soft news of BuzzFeed,
#: HuffPost and the like included, and its texts are often page titles; it is reported apart.
ORDINARY = NEWS_SETS[:2]


def measure() -> tuple[str, list[str]]:
    """The tables (Markdown) and the target lines, measured now."""
    _, test = stop_clickbait()
    abc, webis = abc_2003(), webis_17()
    found_test, found_abc, found_webis = findings(test), findings(abc), findings(webis)
    news = dict(zip(NEWS_SETS, ((test, found_test), (abc, found_abc), (webis, found_webis)), strict=True))
    lines = [
        f"### Stop Clickbait, held-out test split ({len(test):,} headlines, half clickbait)",
        "",
        *classifier_table(test, found_test),
        "",
        "### Each rule on the held-out split",
        "",
        *rule_table(test, found_test),
        "",
        "### False alarms on ordinary news (share of titles with a finding)",
        "",
        *news_table(news),
        "",
        (
            f"### Another source: Webis Clickbait 17 ({len(webis):,} texts, "
            f"{sum(e.clickbait for e in webis):,} clickbait by the annotators' majority)"
        ),
        "",
        *classifier_table(webis, found_webis),
        "",
    ]
    any_clk = scores(test, [_any_clk(c) for c in found_test])
    phrase = scores(test, [_phrase(c) for c in found_test])

    ordinary = {
        name: [c for e, c in zip(*pair, strict=True) if not e.clickbait]
        for name, pair in news.items()
        if name in ORDINARY
    }

    def worst(f: Callable[[frozenset[str]], bool]) -> float:
        return max(sum(map(f, found)) / len(found) for found in ordinary.values())

    worst_clk, worst_cap, worst_hyp = worst(_any_clk), worst(NEWS_COLUMNS["CAP001"]), worst(NEWS_COLUMNS["HYP001"])
    targets = [
        _target("accuracy of any CLK finding on the held-out split", any_clk.accuracy, ">=", 0.95),
        _target("clickbait called on ordinary news (worse of the two sets)", worst_clk, "<=", 0.01),
        _target("CAP001 on ordinary news (worse of the two sets)", worst_cap, "<=", 0.01),
        _target("HYP001 on ordinary news (worse of the two sets)", worst_hyp, "<=", 0.005),
        _target("recall of the phrase rules alone", phrase.recall, ">=", 0.50),
        _target("precision of the phrase rules alone", phrase.precision, ">=", 0.97),
    ]
    return "\n".join(lines), targets


def _target(what: str, value: float, op: str, goal: float) -> str:
    held = value >= goal if op == ">=" else value <= goal
    verdict = "holds" if held else f"**misses** by {abs(value - goal):.4f}"
    return f"| {what} | {op} {goal:g} | {value:.4f} | {verdict} |"


BEGIN, END = "<!-- tone.py: begin -->", "<!-- tone.py: end -->"


def render(page: str, tables: str, targets: list[str]) -> str:
    """``page`` with the text between the markers replaced by the measured tables."""
    body = "\n".join(
        [tables, "### Targets (issue 14)", "", "| target | goal | measured | |", "|---|---|---|---|", *targets]
    )
    head, _, rest = page.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{body}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "tone.md")
    parser.add_argument("--check", action="store_true", help="fail if the page is not what this run measures")
    args = parser.parse_args(argv)
    tables, targets = measure()
    page = args.out.read_text("utf-8") if args.out.exists() else f"# Tone rules, measured\n\n{BEGIN}\n{END}\n"
    new = render(page, tables, targets)
    print("\n".join(targets))
    if args.check:
        if new != page:
            print(f"{args.out} is stale: run python evals/tone.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(new, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
