"""The vendored sources load as their SOURCE.md files describe them (sizes, labels, parts)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "evals"))

from _datasets import (
    clickbait_2014,
    split,
    tech_titles,
    toi_2001,
    toi_2007_2021,
    training_splits,
    webis_17,
    webis_17_posts,
)


@pytest.mark.parametrize(
    ("load", "size", "clickbait"),
    [
        (toi_2001, 23_951, 0),
        (toi_2007_2021, 51_144, 0),
        (webis_17_posts, 19_459, 4_695),
        (tech_titles, 2_196, 0),
        (clickbait_2014, 3_096, 3_096),
    ],
)
def test_sizes_and_labels(load, size, clickbait):
    examples = load()

    assert (size, clickbait) == (len(examples), sum(e.clickbait for e in examples))
    assert all(e.text and e.text == e.text.strip() for e in examples)


@pytest.mark.parametrize("load", [toi_2001, toi_2007_2021, tech_titles])
def test_ordinary_sets_count_each_text_once(load):
    texts = [e.text for e in load()]

    assert len(texts) == len(set(texts))


def test_parts():
    assert {"go-blog", "rust-blog", "opentelemetry-blog", "nodejs-blog", "python-peps"} == {
        e.origin for e in tech_titles()
    }
    assert Counter({"dose": 2_182, "clickhole": 547, "buzzfeed": 367}) == Counter(e.origin for e in clickbait_2014())
    assert {str(y) for y in range(2007, 2022)} == {e.origin for e in toi_2007_2021()}


def test_the_two_webis_releases_share_no_text_by_design():
    """The 2017 training release is the tweets' own text; the first release is mostly page titles (SOURCE.md)."""
    posts = {e.text for e in webis_17_posts()}

    assert len(posts & {e.text for e in webis_17()}) < 10


def test_toi_2001_gets_its_lost_line_breaks_back():
    """The 2001 rows lost the break between kicker and headline ("SACRED SPACEbrPeace Efforts")."""
    texts = {e.text for e in toi_2001()}

    assert not any("SPACEbrP" in t for t in texts)
    assert any(t.startswith("SACRED SPACE\n") for t in texts)


def test_split_holds_out_whole_texts_deterministically():
    examples = webis_17_posts()
    train, test = split(examples, "webis-17-posts")

    assert (train, test) == split(examples, "webis-17-posts")
    assert not {e.text for e in train} & {e.text for e in test}
    assert 0.18 < len(test) / len(examples) < 0.22


def test_training_splits_name_the_four_sources():
    assert ["stop-clickbait", "webis-17-posts", "toi-2001", "tech-titles"] == list(training_splits())
