"""The vendored labelled sets (evals/data/*/SOURCE.md) and the fixed-seed train/test split.

One place reads them, so the evaluation (evals/tone.py) and the training script
(evals/train_clickbait.py) see the same split.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
from pathlib import Path

import attrs

DATA = Path(__file__).parent / "data"
SEED = 2016
"""The split's seed (the Stop Clickbait paper's year); changing it changes the shipped model."""
TEST_SHARE = 0.2


@attrs.frozen
class Example:
    """One headline and whether its set calls it clickbait."""

    text: str
    clickbait: bool


def _lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def stop_clickbait() -> tuple[list[Example], list[Example]]:
    """Stop Clickbait as (train, test): each class shuffled by SEED and split 80/20, then mixed."""
    train: list[Example] = []
    test: list[Example] = []
    for name, label in (("clickbait_data.gz", True), ("non_clickbait_data.gz", False)):
        texts = _lines(DATA / "stop-clickbait" / name)
        random.Random(f"{SEED}-{name}").shuffle(texts)
        cut = round(len(texts) * TEST_SHARE)
        test += [Example(t, label) for t in texts[:cut]]
        train += [Example(t, label) for t in texts[cut:]]
    random.Random(SEED).shuffle(train)
    return train, test


def abc_2003() -> list[Example]:
    """ABC News (Australia) headlines of 2003, all ordinary news (lowercase, no punctuation)."""
    with gzip.open(DATA / "abc-headlines-2003" / "abcnews-date-text-2003.csv.gz", "rt", encoding="utf-8-sig") as f:
        return [
            Example(row["headline_text"].strip(), clickbait=False) for row in csv.DictReader(f) if row["headline_text"]
        ]


def webis_17() -> list[Example]:
    """Webis Clickbait 2017 (first release) texts with the annotators' majority label."""
    raw = gzip.decompress((DATA / "webis-clickbait-17" / "dsgoodnews-webis17.tsv.gz").read_bytes()).decode()
    rows = csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Example(row["text"], row["clickbait"] == "1") for row in rows if row["text"].strip()]
