"""Train CLK003's clickbait score and write it to src/postkit/data/clickbait_model.tsv.

    pip install -e '.[train]'
    python evals/train_clickbait.py [--out PATH] [--check] [--cv]

A logistic regression (scikit-learn's liblinear solver, L2, fixed random_state) over the
feature counts of postkit.rules._clickscore.features, fitted on the train split of the
Stop Clickbait headlines (evals/_datasets.py; the held-out split is never seen here).
Features seen in fewer than MIN_DF training headlines are left out, and weights are
rounded to DIGITS decimals and dropped below PRUNE, to keep the file small; the file
records the hash of the training texts and every setting, so the same data and settings
give the same bytes. ``--check`` fails when the shipped file is not what training makes.
``--cv`` prints, instead, 5-fold cross-validation on the train split of "any CLK finding"
(the phrase rules, or CLK003 at each threshold): how CLK003's default threshold was chosen.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _datasets import SEED, Example, stop_clickbait

from postkit.rules._clickscore import features, lines

ROOT = Path(__file__).parents[1]
OUT = ROOT / "src" / "postkit" / "data" / "clickbait_model.tsv"
C = 1.0
MIN_DF = 2
DIGITS = 3
PRUNE = 0.005


def feature_counts(text: str) -> Counter[str]:
    """How often each feature occurs in one headline (its lines read as the rule reads them)."""
    return Counter(name for words in lines(text.lower()) for name, _ in features(words))


def data_hash(examples: Sequence[Example]) -> str:
    """sha256 of the training texts and labels, in order (one "label<TAB>text" line each)."""
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{int(e.clickbait)}\t{e.text}\n".encode())
    return digest.hexdigest()


def train(examples: Sequence[Example], *, c: float = C, min_df: int = MIN_DF) -> str:
    """The model file's text for ``examples``: header, bias, then ``feature<TAB>weight`` sorted."""
    import numpy as np  # noqa: PLC0415 - training-only dependencies
    import sklearn  # noqa: PLC0415
    from scipy.sparse import csr_matrix  # noqa: PLC0415
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    rows = [feature_counts(e.text) for e in examples]
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
    labels = np.array([int(e.clickbait) for e in examples])
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000).fit(matrix, labels)
    weights = {f: round(float(w), DIGITS) for f, w in zip(vocabulary, model.coef_[0], strict=True)}
    kept = {f: w for f, w in weights.items() if abs(w) >= PRUNE}
    header = [
        "# CLK003's clickbait score: a logistic regression over the features of postkit/rules/_clickscore.py.",
        "# Made by evals/train_clickbait.py (do not edit by hand); trained on the train split of the Stop",
        "# Clickbait headlines (Chakraborty et al., ASONAM 2016, https://arxiv.org/abs/1610.09786; MIT,",
        "# github.com/bhargaviparanjape/clickbait at 203d979a; evals/data/stop-clickbait/SOURCE.md).",
        f"# train: {len(examples)} headlines, sha256 {data_hash(examples)}",
        (
            f"# settings: C={c} min_df={min_df} digits={DIGITS} prune={PRUNE} solver=liblinear seed={SEED} "
            f"scikit-learn={sklearn.__version__}"
        ),
        f"# features: {len(kept)} of {len(vocabulary)} kept",
        f"bias\t{round(float(model.intercept_[0]), DIGITS)}",
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


def cross_validate(examples: Sequence[Example], folds: int = 5) -> list[str]:
    """Out-of-fold accuracy and false clickbait rate on news of any CLK finding, per threshold."""
    from postkit import RuleSet  # noqa: PLC0415
    from postkit.rules._clickscore import Model, probability  # noqa: PLC0415

    phrase_rules = RuleSet(select=("CLK",), ignore=("CLK003",))
    found = []
    for k in range(folds):
        model = Model(*parse(train([e for i, e in enumerate(examples) if i % folds != k])))
        for e in examples[k::folds]:
            scores = [model.logit(line.split()) for line in e.text.lower().split("\n")]
            score = max((probability(s) for s in scores if s is not None), default=0.0)
            found.append((e.clickbait, score, bool(phrase_rules.check(e.text, "x"))))
    lines = ["| CLK003 threshold | accuracy | false clickbait on news |", "|---|---|---|"]
    news = sum(1 for label, _, _ in found if not label)
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        said = [(label, score >= threshold or phrase) for label, score, phrase in found]
        accuracy = sum(label == call for label, call in said) / len(said)
        false = sum(call for label, call in said if not label) / news
        lines.append(f"| {threshold:g} | {accuracy:.4f} | {false:.4f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the file differs from a fresh training")
    parser.add_argument("--cv", action="store_true", help="print 5-fold cross-validation per threshold instead")
    args = parser.parse_args(argv)
    if args.cv:
        print("\n".join(cross_validate(stop_clickbait()[0])))
        return 0
    text = train(stop_clickbait()[0])
    if args.check:
        same = args.out.exists() and args.out.read_text("utf-8") == text
        print(f"{args.out}: {'matches' if same else 'differs from'} a fresh training")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(text.encode()):,} bytes, {text.count(chr(10)) - 8:,} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
