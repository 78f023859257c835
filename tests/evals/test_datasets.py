"""The vendored sources load as their SOURCE.md files describe them (sizes, labels, parts)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "evals"))

from _datasets import clickbait_2014, tech_titles, toi_2001, toi_2007_2021, webis_17, webis_17_posts


@pytest.mark.parametrize(
    ("load", "size", "clickbait"),
    [
        (toi_2001, 23_953, 0),
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
