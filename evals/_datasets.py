"""The vendored labelled sets (evals/data/*/SOURCE.md) and the fixed-seed train/test split.

One place reads them, so the evaluations (evals/tone.py, evals/false_alarms.py) and the
training script (evals/train_clickbait.py) see the same texts and the same split.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import random
import re
from pathlib import Path

import attrs

DATA = Path(__file__).parent / "data"
SEED = 2016
"""The split's seed (the Stop Clickbait paper's year); changing it changes the shipped model."""
TEST_SHARE = 0.2


@attrs.frozen
class Example:
    """One headline or post, whether its set calls it clickbait, and where in the set it comes from."""

    text: str
    clickbait: bool
    origin: str = ""
    """The part of a mixed set (a blog, a site, a year); empty for single-source sets."""


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


def _tsv(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _unique(examples: list[Example]) -> list[Example]:
    """The examples with repeated texts dropped (first kept): a repeated slug or headline counts once."""
    seen: set[str] = set()
    kept = []
    for e in examples:
        if e.text not in seen:
            seen.add(e.text)
            kept.append(e)
    return kept


#: The 2001 rows lost their line break between kicker and headline: "SACRED SPACEbrPeace Efforts".
_LOST_BREAK = re.compile(r"(?<=[A-Za-z])(?:br|BR)(?=[A-Z])")


def _toi(name: str) -> list[Example]:
    with gzip.open(DATA / "toi-headlines" / name, "rt", encoding="utf-8", newline="") as f:
        rows = [
            (_LOST_BREAK.sub("\n", r["headline_text"].strip()), r.get("headline_category") or r["publish_date"][:4])
            for r in csv.DictReader(f)
        ]
    return _unique([Example(text, clickbait=False, origin=part) for text, part in rows if text])


def toi_2001() -> list[Example]:
    """Times of India headlines, January to September 2001 (mixed case), repeats dropped; origin: the section."""
    return _toi("toi-2001.csv.gz")


def toi_2007_2021() -> list[Example]:
    """Times of India headlines, ten a day from 2007 to mid-2021 (mixed case), repeats dropped; origin: the year."""
    return _toi("toi-2007-2021.csv.gz")


def webis_17_posts() -> list[Example]:
    """Webis Clickbait 2017 (19,538-post release): the tweets' own text, labelled by the annotators' majority."""
    rows = _tsv(DATA / "webis-clickbait-17-posts" / "posts.tsv.gz")
    return [Example(r["text"], r["clickbait"] == "1") for r in rows if r["text"].strip()]


def tech_titles() -> list[Example]:
    """Blog and proposal titles of software projects (Go, Rust, OpenTelemetry, Node.js, Python PEPs); none clickbait."""
    rows = _tsv(DATA / "tech-titles" / "titles.tsv.gz")
    return _unique([Example(r["title"], clickbait=False, origin=r["source"]) for r in rows if r["title"].strip()])


def clickbait_2014() -> list[Example]:
    """Titles of three clickbait sites (Dose, BuzzFeed, ClickHole) collected in December 2014; all clickbait."""
    rows = _tsv(DATA / "clickbait-2014" / "titles.tsv.gz")
    return [Example(r["title"], clickbait=True, origin=r["site"]) for r in rows if r["title"].strip()]


def split(examples: list[Example], name: str, test_share: float = TEST_SHARE) -> tuple[list[Example], list[Example]]:
    """``examples`` as (train, test): about ``test_share`` of the distinct texts held out, chosen by SEED and ``name``.

    A text is held out or not as a whole (by a hash of it), so a post that repeats (Webis-17 has
    the same tweet text under several ids) is never in both parts.
    """
    train: list[Example] = []
    test: list[Example] = []
    for e in examples:
        digest = hashlib.sha256(f"{SEED}-{name}-{e.text}".encode()).digest()
        (test if int.from_bytes(digest[:8], "big") < test_share * 2**64 else train).append(e)
    return train, test


#: The sources CLK003 is trained on, each split into train and held-out test: news headlines of
#: two countries (Stop Clickbait's own split; the Times of India 2001), publishers' posts
#: (Webis-17's tweets) and blog and tech titles (half held out: a small set).
TRAINING_SOURCES = ("stop-clickbait", "webis-17-posts", "toi-2001", "tech-titles")


def training_splits() -> dict[str, tuple[list[Example], list[Example]]]:
    """Each training source as (train, test); the test parts are never trained on."""
    return {
        "stop-clickbait": stop_clickbait(),
        "webis-17-posts": split(webis_17_posts(), "webis-17-posts"),
        "toi-2001": split(toi_2001(), "toi-2001"),
        "tech-titles": split(tech_titles(), "tech-titles", test_share=0.5),
    }
