"""Train CLK003's clickbait score and write it to src/postkit/data/clickbait_model.tsv.

    pip install -e '.[train]'
    python evals/train_clickbait.py [--out PATH] [--check] [--cv] [--loso [--check]]

A logistic regression (scikit-learn's liblinear solver, L2, fixed random_state) over the
feature counts of postkit.rules._clickscore.features of each text's *lead* (``lead_words``:
what the rule scores), fitted on the train parts of several sources (evals/_datasets.py,
``training_splits``): Stop Clickbait headlines, Webis-17 publishers' posts, Times of India 2001
headlines and blog and tech titles. Each source weighs the same in the fit, whatever its size,
and within a source each class weighs the same. The test parts are never seen here.
Features seen in fewer than MIN_DF training texts are left out, and weights are rounded to
DIGITS decimals and dropped below PRUNE, to keep the file small; the file records the hash
of the training texts and every setting, so the same data and settings give the same bytes.
``--check`` fails when the shipped file is not what training makes.

``--cv`` prints 5-fold cross-validation on the pooled train parts: per threshold, how often
"any CLK finding" (the phrase rules, or CLK003 out of fold) fires on each source's ordinary
side and its clickbait side, and the Stop Clickbait accuracy. It names the lowest threshold
whose false alarms keep every source's budget and the highest whose Stop Clickbait accuracy
stays at least ACCURACY; no threshold does both, so CLK003 is opt-in, shipped at the second. ``--loso`` measures leave-one-source-out: trained without one
source, tested on that source's held-out part; it rewrites its section of docs/tone.md
(``--loso --check`` fails if that section is stale).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _datasets import SEED, Example, training_splits

from postkit.rules._clickscore import features, lead, lead_words

ROOT = Path(__file__).parents[1]
OUT = ROOT / "src" / "postkit" / "data" / "clickbait_model.tsv"
PAGE = ROOT / "docs" / "tone.md"
C = 0.5
MIN_DF = 3
DIGITS = 3
PRUNE = 0.005
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975)
#: The false-alarm budget of each training source's ordinary side (issue 21).
BUDGET = {"stop-clickbait": 0.01, "toi-2001": 0.01, "tech-titles": 0.03, "webis-17-posts": 0.05}

#: The shipped threshold (when CLK003 is selected) keeps the Stop Clickbait accuracy at least this
#: in cross-validation: the must-hold 0.95, plus half a point for the held-out split's spread.
ACCURACY = 0.955
_LABELLED = ("stop-clickbait", "webis-17-posts")

Labelled = list[tuple[str, Example]]
"""Training examples with the name of their source."""


def feature_counts(text: str) -> Counter[str]:
    """How often each feature occurs in a text's lead (as the rule reads it)."""
    return Counter(name for name, _ in features(lead_words(text)))


def data_hash(examples: Labelled) -> str:
    """sha256 of the training sources, texts and labels, in order (one "source<TAB>label<TAB>text" line each)."""
    digest = hashlib.sha256()
    for source, e in examples:
        digest.update(f"{source}\t{int(e.clickbait)}\t{e.text}\n".encode())
    return digest.hexdigest()


def pooled(splits: dict[str, tuple[list[Example], list[Example]]], *, without: str = "") -> Labelled:
    """The train parts of every source but ``without``, labelled with their source."""
    return [(name, e) for name, (train, _) in splits.items() if name != without for e in train]


def _weights(examples: Labelled) -> list[float]:
    """Each example's weight: every source weighs the same, and within it every class."""
    counts = Counter((source, e.clickbait) for source, e in examples)
    sources = {source for source, _ in examples}
    return [
        len(examples) / len(sources) / sum(1 for k in counts if k[0] == source) / counts[source, e.clickbait]
        for source, e in examples
    ]


def fit(examples: Labelled, *, c: float = C, min_df: int = MIN_DF) -> tuple[float, dict[str, float], int]:
    """The fitted bias, the kept (rounded, pruned) weights and the vocabulary size."""
    import numpy as np  # noqa: PLC0415 - training-only dependencies
    from scipy.sparse import csr_matrix  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    rows = [feature_counts(e.text) for _, e in examples]
    counts = Counter(f for row in rows for f in row)  # document frequency
    vocabulary = sorted(f for f, n in counts.items() if n >= min_df)
    column = {f: i for i, f in enumerate(vocabulary)}
    indptr, indices, values = [0], [], []
    for row in rows:
        cells = sorted((column[f], n) for f, n in row.items() if f in column)
        indices += [i for i, _ in cells]
        values += [float(n) for _, n in cells]
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.array(values), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
        shape=(len(rows), len(vocabulary)),
    )
    labels = np.array([int(e.clickbait) for _, e in examples])
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(matrix, labels, sample_weight=np.array(_weights(examples)))
    weights = {f: round(float(w), DIGITS) for f, w in zip(vocabulary, model.coef_[0], strict=True)}
    kept = {f: w for f, w in weights.items() if abs(w) >= PRUNE}
    return round(float(model.intercept_[0]), DIGITS), kept, len(vocabulary)


def train(examples: Labelled, *, c: float = C, min_df: int = MIN_DF) -> str:
    """The model file's text for ``examples``: header, bias, then ``feature<TAB>weight`` sorted."""
    import sklearn  # noqa: PLC0415 - training-only dependency

    bias, kept, size = fit(examples, c=c, min_df=min_df)
    sizes = Counter(source for source, _ in examples)
    header = [
        "# CLK003's clickbait score: a logistic regression over the features of postkit/rules/_clickscore.py,",
        "# read from each text's lead. Made by evals/train_clickbait.py (do not edit by hand); trained on the",
        "# train parts of: Stop Clickbait headlines (Chakraborty et al., ASONAM 2016; MIT), Webis Clickbait 17",
        "# posts (Potthast et al., COLING 2018; CC BY 4.0), Times of India 2001 headlines (R. Kulkarni; CC0) and",
        "# blog and PEP titles (Go, Rust, OpenTelemetry, Node.js, Python; CC BY 4.0, MIT/Apache, public domain);",
        "# sources and licences: evals/data/*/SOURCE.md.",
        "# train: " + ", ".join(f"{name} {n}" for name, n in sizes.items()) + f"; sha256 {data_hash(examples)}",
        (
            f"# settings: C={c} min_df={min_df} digits={DIGITS} prune={PRUNE} solver=liblinear seed={SEED} "
            f"weights=per-source-and-class scikit-learn={sklearn.__version__}"
        ),
        f"# features: {len(kept)} of {size} kept",
        f"bias\t{bias}",
    ]
    return "\n".join([*header, *(f"{f}\t{w}" for f, w in sorted(kept.items()))]) + "\n"


def parse(text: str) -> tuple[float, dict[str, float]]:
    """A model file's bias and weights (as postkit._data.clickbait_model reads the shipped one)."""
    weights = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition("\t")
            weights[name] = float(value)
    return weights.pop("bias"), weights


def score(model: Any, text: str) -> float:
    """The probability ``model`` (a _clickscore.Model) gives ``text``'s lead."""
    from postkit.rules._clickscore import probability  # noqa: PLC0415

    span = lead(text)
    if span is None:
        return 0.0
    odds = model.logit(text[span[0] : span[1]].lower().split())  # the rule's own path: raw tokens of the lead
    return 0.0 if odds is None else probability(odds)


def _phrase_calls(examples: Sequence[Example]) -> list[bool]:
    from postkit import RuleSet  # noqa: PLC0415

    rules = RuleSet(select=("CLK",), ignore=("CLK003",))
    return [bool(rules.check(e.text, "x")) for e in examples]


def cross_validate(splits: dict[str, tuple[list[Example], list[Example]]], folds: int = 5) -> list[str]:
    """Out-of-fold rates of any CLK finding per source and class, per threshold; the chosen threshold."""
    from postkit.rules._clickscore import Model  # noqa: PLC0415

    examples = pooled(splits)
    phrase = _phrase_calls([e for _, e in examples])
    scores = [0.0] * len(examples)
    for k in range(folds):
        model = Model(*fit([x for i, x in enumerate(examples) if i % folds != k])[:2])
        for i in range(k, len(examples), folds):
            scores[i] = score(model, examples[i][1].text)
    names = list(splits)
    cols = [
        f"{n} {'clickbait' if label else 'ordinary'}"
        for n in names
        for label in (False, True)
        if n in _LABELLED or not label
    ]
    lines = [
        "| threshold | " + " | ".join(cols) + " | Stop Clickbait accuracy | keeps every budget |",
        "|---|" + "---|" * (len(cols) + 2),
    ]
    budget_keeping, accurate = None, None
    for t in THRESHOLDS:
        said = [phrase[i] or scores[i] >= t for i in range(len(examples))]
        cells, keeps = [], True
        for n in names:
            for label in (False, True):
                idx = [i for i, (s, e) in enumerate(examples) if s == n and e.clickbait == label]
                if not idx:
                    continue
                r = sum(said[i] for i in idx) / len(idx)
                cells.append(f"{100 * r:.2f}%")
                keeps = keeps and (label or r <= BUDGET[n])
        sc = [i for i, (s, _) in enumerate(examples) if s == "stop-clickbait"]
        accuracy = sum(said[i] == examples[i][1].clickbait for i in sc) / len(sc)
        if keeps and budget_keeping is None:
            budget_keeping = t
        if accuracy >= ACCURACY:
            accurate = t
        lines.append(f"| {t:g} | " + " | ".join(cells) + f" | {accuracy:.4f} | {'yes' if keeps else 'no'} |")
    lines += [
        "",
        f"lowest threshold that keeps every budget: {budget_keeping}",
        f"highest threshold whose Stop Clickbait accuracy is at least {ACCURACY}: {accurate}",
    ]
    return lines


def loso(splits: dict[str, tuple[list[Example], list[Example]]], threshold: float) -> list[str]:
    """Leave one source out: trained on the others' train parts, CLK003 alone on the left-out test part."""
    from postkit.rules._clickscore import Model  # noqa: PLC0415

    rows = [
        (
            "| left out | trained on | test texts | CLK003 on its ordinary texts | CLK003 on its clickbait | "
            "same, trained on all |"
        ),
        "|---|---|---|---|---|---|",
    ]
    full = Model(*fit(pooled(splits))[:2])
    for name, (_, test) in splits.items():
        model = Model(*fit(pooled(splits, without=name))[:2])
        cells = []
        for m in (model, full):
            fired = [score(m, e.text) >= threshold for e in test]
            ordinary = [f for f, e in zip(fired, test, strict=True) if not e.clickbait]
            bait = [f for f, e in zip(fired, test, strict=True) if e.clickbait]
            cells.append(
                (
                    f"{100 * sum(ordinary) / len(ordinary):.2f}%" if ordinary else "n/a",
                    f"{100 * sum(bait) / len(bait):.2f}%" if bait else "n/a",
                )
            )
        others = ", ".join(n for n in splits if n != name)
        (o, b), (fo, fb) = cells
        rows.append(f"| {name} | {others} | {len(test):,} | {o} | {b} | {fo} / {fb} |")
    return rows


BEGIN, END = "<!-- train_clickbait.py --loso: begin -->", "<!-- train_clickbait.py --loso: end -->"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the file (or --loso's section) is stale")
    parser.add_argument("--cv", action="store_true", help="print 5-fold cross-validation per threshold instead")
    parser.add_argument("--loso", action="store_true", help="write the leave-one-source-out table to docs/tone.md")
    args = parser.parse_args(argv)
    splits = training_splits()
    if args.cv:
        print("\n".join(cross_validate(splits)))
        return 0
    if args.loso:
        from postkit.rules.registry import RULES  # noqa: PLC0415

        threshold = float(RULES["CLK003"].options["threshold"])
        body = "\n".join([f"At CLK003's news threshold ({threshold:g}):", "", *loso(splits, threshold)])
        page = PAGE.read_text("utf-8")
        head, _, rest = page.partition(BEGIN)
        _, _, tail = rest.partition(END)
        new = f"{head}{BEGIN}\n{body}\n{END}{tail}"
        print(body)
        if args.check:
            return 0 if new == page else 1
        PAGE.write_text(new, encoding="utf-8")
        return 0
    text = train(pooled(splits))
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print(f"{args.out}: {'matches' if same else 'differs from'} a fresh training")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(text.encode()):,} bytes, {text.count(chr(10)) - 10:,} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
