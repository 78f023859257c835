"""Today's tone rules, measured per source: false alarms on ordinary text, recall on clickbait.

    python evals/false_alarms.py [--mode text|composed|both] [--examples N]

The baseline for issue 21 ("precision first, measured per source"); the maintained measure is
evals/tone.py (docs/tone.md), which reads the sources CLK003 trains on by their held-out parts
only. Since issue 21 CLK003 is opt-in, so the default rules here run without it. Every text of every
vendored source (evals/data/*/SOURCE.md) is checked with the default rules and the news tone,
two ways:

- as a post: the text alone on platform x, the way ``postkit check`` reads a post (tone rules
  only: a bare headline has no link and no call to action by nature);
- composed: the post ``compose`` makes on x for an article with that title (title, house blurb,
  link), every rule; a finding there that the text alone does not get was added by postkit.

On ordinary text (news headlines, blog and tech titles, publishers' social posts) each rule's
false-alarm rate is the share of texts with at least one finding of that rule; on clickbait
sources "recall" is the share with any CLK finding. The issue's budgets are marked pass or fail.
Then, for the noisiest rules, example false alarms (fixed seed) with the flagged span in ⟦ ⟧.
Prints Markdown; takes about a minute on one core.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from _datasets import (
    Example,
    abc_2003,
    clickbait_2014,
    stop_clickbait,
    tech_titles,
    toi_2001,
    toi_2007_2021,
    webis_17,
    webis_17_posts,
)

from postkit import Article, PostkitError, RuleSet, compose

PLATFORM = "x"
SEED = 21
"""The examples' seed (the issue's number)."""
COLUMNS = (
    "CAP001",
    "PUN001",
    "PUN002",
    "EMO001",
    "HYP001",
    "CAS001",
    "CLK001",
    "CLK002",
    "CLK003",
    "CLK004",
    "CLK005",
    "CLK006",
)
TONE = ("CAP", "PUN", "EMO", "HYP", "CAS", "CLK")
ANY_CLK = "any CLK"
RULE_BUDGET = {"CAP001": 0.01, "HYP001": 0.01, "PUN001": 0.01, "PUN002": 0.01}
"""Issue 21: CAP001, HYP001 and each PUN rule at most 1% on every source."""
CLK_BUDGET = {"news": 0.01, "tech": 0.03, "social": 0.05}
"""Issue 21: any clickbait finding at most 1% on news headlines, 3% on blog and tech titles, 5% on social posts."""


@attrs.frozen
class Source:
    """A named set of texts that are all ordinary (kind news, tech or social) or all clickbait."""

    name: str
    kind: str
    load: Callable[[], list[Example]]


def _side(load: Callable[[], list[Example]], *, clickbait: bool) -> Callable[[], list[Example]]:
    return lambda: [e for e in load() if e.clickbait == clickbait]


def _held_out() -> list[Example]:
    return stop_clickbait()[1]


ORDINARY = (
    Source(
        "Stop Clickbait held-out news (NYT, Guardian, The Hindu, WikiNews; 2007-2016)",
        "news",
        _side(_held_out, clickbait=False),
    ),
    Source("ABC News Australia, Feb-May 2003 (lowercase, no punctuation)", "news", abc_2003),
    Source("Times of India, Jan-Sep 2001", "news", toi_2001),
    Source("Times of India, 2007-2021 (ten a day)", "news", toi_2007_2021),
    Source("Blog and PEP titles (Go, Rust, OpenTelemetry, Node.js, Python PEPs; 2000-2026)", "tech", tech_titles),
    Source(
        "Webis-17 tweets, no-clickbait majority (27 US publishers, 2016-2017)",
        "social",
        _side(webis_17_posts, clickbait=False),
    ),
    Source(
        "Webis-17 first release, no-clickbait majority (2015; mostly article titles)",
        "social",
        _side(webis_17, clickbait=False),
    ),
)
CLICKBAIT = (
    Source(
        "Stop Clickbait held-out clickbait (CLK003's own distribution)", "clickbait", _side(_held_out, clickbait=True)
    ),
    Source("Webis-17 tweets, clickbait majority (2016-2017)", "clickbait", _side(webis_17_posts, clickbait=True)),
    Source("Webis-17 first release, clickbait majority (2015)", "clickbait", _side(webis_17, clickbait=True)),
    Source("Clickbait sites, Dec 2014 (Dose, BuzzFeed, ClickHole)", "clickbait", clickbait_2014),
)


@attrs.frozen
class Hit:
    """One finding, kept for the examples."""

    code: str
    start: int
    end: int
    message: str


@attrs.frozen
class Checked:
    """One text's findings as a post and as a composed post (``None``: postkit could not compose it)."""

    example: Example
    text: tuple[Hit, ...]
    composed: frozenset[str] | None


def check_all(examples: Sequence[Example], rules: RuleSet, *, composed: bool) -> list[Checked]:
    """Every example checked as a post on x and, if asked, as the post composed for it on x."""
    out = []
    for i, e in enumerate(examples):
        hits = tuple(
            Hit(v.code, v.start, v.end, v.message) for v in rules.check(e.text, PLATFORM) if v.code.startswith(TONE)
        )
        codes: frozenset[str] | None = None
        if composed:
            try:
                post = compose(Article(title=e.text, url=f"https://news.example/{i}"), PLATFORM)
            except PostkitError:
                codes = None
            else:
                codes = frozenset(v.code for v in rules.check(post))
        out.append(Checked(e, hits, codes))
    return out


def _codes(c: Checked) -> frozenset[str]:
    return frozenset(h.code for h in c.text)


def _has(codes: frozenset[str], column: str) -> bool:
    return any(k.startswith("CLK") for k in codes) if column == ANY_CLK else column in codes


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def ordinary_table(results: dict[Source, list[Checked]], mode: str) -> list[str]:
    """Per source, the share of texts each rule fires on; composed, "(+n)": n texts the rule fires on only composed."""
    columns = (*COLUMNS, ANY_CLK)
    rows = ["| source | kind | texts | " + " | ".join(columns) + " |", "|---|---|---|" + "---|" * len(columns)]
    for source, checked in results.items():
        if mode == "text":
            cells = [pct(sum(_has(_codes(c), col) for c in checked), len(checked)) for col in columns]
            n = len(checked)
        else:
            done = [c for c in checked if c.composed is not None]
            n = len(done)
            cells = []
            for col in columns:
                fired = sum(_has(c.composed, col) for c in done if c.composed is not None)
                added = sum(_has(c.composed, col) and not _has(_codes(c), col) for c in done if c.composed is not None)
                cells.append(pct(fired, n) + (f" (+{added})" if added else ""))
        rows.append(f"| {source.name} | {source.kind} | {n:,} | " + " | ".join(cells) + " |")
    return rows


def other_codes(results: dict[Source, list[Checked]]) -> list[str]:
    """Rules outside the tone families that fire on composed posts (what composing adds besides tone)."""
    lines = []
    for source, checked in results.items():
        done = [c.composed for c in checked if c.composed is not None]
        seen: dict[str, int] = {}
        for codes in done:
            for code in codes:
                if not code.startswith(TONE):
                    seen[code] = seen.get(code, 0) + 1
        failed = len(checked) - len(done)
        parts = [f"{code} {n:,} ({pct(n, len(done))})" for code, n in sorted(seen.items())]
        if failed:
            parts.append(f"{failed} texts could not be composed")
        lines.append(f"- {source.name}: " + (", ".join(parts) if parts else "none"))
    return lines


def budget_table(results: dict[Source, list[Checked]], mode: str) -> list[str]:
    """The issue's budgets per ordinary source, pass or fail."""
    columns = [*RULE_BUDGET, ANY_CLK]
    rows = [
        "| source | kind | "
        + " | ".join(f"{c} <= {RULE_BUDGET.get(c, 0):.0%}" if c != ANY_CLK else "any CLK <= 1/3/5%" for c in columns)
        + " |",
        "|---|---|" + "---|" * len(columns),
    ]
    for source, checked in results.items():
        sets = (
            [_codes(c) for c in checked] if mode == "text" else [c.composed for c in checked if c.composed is not None]
        )
        cells = []
        for column in columns:
            goal = CLK_BUDGET[source.kind] if column == ANY_CLK else RULE_BUDGET[column]
            rate = sum(_has(codes, column) for codes in sets) / len(sets) if sets else 0.0
            cells.append(f"{100 * rate:.2f}% " + ("pass" if rate <= goal else "**FAIL**"))
        rows.append(f"| {source.name} | {source.kind} | " + " | ".join(cells) + " |")
    return rows


def recall_table(results: dict[Source, list[Checked]], mode: str) -> list[str]:
    """On clickbait sources: the share with any CLK finding, the phrase rules alone, CLK003 alone, and per part."""
    rows = [
        "| clickbait source | texts | any CLK | phrase rules (CLK without CLK003) | CLK003 |",
        "|---|---|---|---|---|",
    ]
    for source, checked in results.items():
        groups: dict[str, list[Checked]] = {"": checked}
        for c in checked:
            if c.example.origin:
                groups.setdefault(c.example.origin, []).append(c)
        for origin, part in groups.items():
            sets = [_codes(c) for c in part] if mode == "text" else [c.composed for c in part if c.composed is not None]
            anyclk = sum(_has(s, ANY_CLK) for s in sets)
            phrase = sum(any(k.startswith("CLK") and k != "CLK003" for k in s) for s in sets)
            learned = sum("CLK003" in s for s in sets)
            name = source.name if not origin else f"… {origin}"
            rows.append(
                f"| {name} | {len(sets):,} | {pct(anyclk, len(sets))} | {pct(phrase, len(sets))} | {pct(learned, len(sets))} |"
            )
    return rows


def tech_parts(results: dict[Source, list[Checked]]) -> list[str]:
    """The blog and tech titles per project (as posts), so a noisy project shows."""
    rows = [
        "| project | titles | CAP001 | PUN001 | PUN002 | HYP001 | CLK003 | any CLK |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for source, checked in results.items():
        if source.kind != "tech":
            continue
        parts: dict[str, list[Checked]] = {}
        for c in checked:
            parts.setdefault(c.example.origin, []).append(c)
        for origin, part in sorted(parts.items()):
            cells = [
                pct(sum(_has(_codes(c), col) for c in part), len(part))
                for col in ("CAP001", "PUN001", "PUN002", "HYP001", "CLK003", ANY_CLK)
            ]
            rows.append(f"| {origin} | {len(part):,} | " + " | ".join(cells) + " |")
    return rows


def _mark(text: str, hit: Hit, width: int = 100) -> str:
    """The text with the finding's span in ⟦ ⟧, cut to about ``width`` characters each side of it."""
    flat = text.replace("\n", " ")
    head, span, tail = flat[: hit.start], flat[hit.start : hit.end], flat[hit.end :]
    if len(head) > width:
        head = "…" + head[-width:]
    if len(tail) > width:
        tail = tail[:width] + "…"
    return f"{head}⟦{span}⟧{tail}"


def examples(results: dict[Source, list[Checked]], count: int) -> list[str]:
    """For each rule that fires on more than 0.5% of some ordinary source (as posts), ``count`` false alarms."""
    worst: dict[str, float] = {}
    for checked in results.values():
        for code in COLUMNS:
            rate = sum(code in _codes(c) for c in checked) / len(checked)
            worst[code] = max(worst.get(code, 0.0), rate)
    noisy = [code for code, rate in sorted(worst.items(), key=lambda kv: -kv[1]) if rate > 0.005]
    lines = []
    for code in noisy:
        lines += [f"#### {code} (worst source: {100 * worst[code]:.2f}% of texts)", ""]
        pools = []
        for source, checked in results.items():
            pool = [(source, c, h) for c in checked for h in c.text if h.code == code]
            random.Random(f"{SEED}-{code}-{source.name}").shuffle(pool)
            pools.append(pool)
        picked = []
        while len(picked) < count and any(pools):  # round robin over the sources, so every source shows
            for pool in pools:
                if pool and len(picked) < count:
                    picked.append(pool.pop())
        for source, c, h in picked:
            short = source.name.split(",")[0].split(" (")[0]
            lines.append(f"- {short}: {_mark(c.example.text, h)} — {h.message}")
        lines.append("")
    return lines


def self_inflicted(results: dict[Source, list[Checked]], count: int) -> list[str]:
    """Composed posts with a tone finding the text alone does not get (what postkit added caused it)."""
    pool = []
    for source, checked in results.items():
        for c in checked:
            if c.composed is None:
                continue
            added = sorted(k for k in c.composed - _codes(c) if k.startswith(TONE))
            if added:
                text = c.example.text if len(c.example.text) <= 200 else c.example.text[:200] + "…"
                pool.append((source.name.split(",")[0].split(" (")[0], text, added))
    random.Random(SEED).shuffle(pool)
    return [f"- {name}: {text} — {', '.join(added)}" for name, text, added in pool[:count]] or ["- none"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("text", "composed", "both"), default="both")
    parser.add_argument("--examples", type=int, default=10, help="false alarms shown per noisy rule")
    args = parser.parse_args(argv)
    composed = args.mode != "text"
    rules = RuleSet()
    started = time.perf_counter()
    ordinary = {s: check_all(s.load(), rules, composed=composed) for s in ORDINARY}
    bait = {s: check_all(s.load(), rules, composed=composed) for s in CLICKBAIT}
    modes = [m for m in ("text", "composed") if args.mode in (m, "both")]
    out = ["# Tone rules per source (baseline, news tone, platform x)", ""]
    for mode in modes:
        title = "as posts (the text alone)" if mode == "text" else "composed (title + house blurb + link)"
        out += [f"## False alarms on ordinary text, {title}", "", *ordinary_table(ordinary, mode), ""]
        if mode == "composed":
            out += ["Other rules on the composed posts:", "", *other_codes(ordinary), ""]
        out += [f"## Budgets, {title}", "", *budget_table(ordinary, mode), ""]
        out += [f"## Recall on clickbait, {title}", "", *recall_table(bait, mode), ""]
    out += ["## Blog and tech titles per project, as posts", "", *tech_parts(ordinary), ""]
    if args.examples:
        out += [f"## Example false alarms (as posts; up to {args.examples} a rule, seed {SEED})", ""]
        out += examples(ordinary, args.examples)
        if composed:
            out += ["## Findings composing added (tone rules only)", "", *self_inflicted(ordinary, args.examples), ""]
    out.append(
        f"_{sum(map(len, ordinary.values())) + sum(map(len, bait.values())):,} texts in {time.perf_counter() - started:.0f} s._"
    )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
