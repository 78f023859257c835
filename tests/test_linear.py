"""Issue 13, item 8: counting, fitting and linting stay linear on adversarial shapes.

No timed assertions (speed is measured by benchmarks/bench_hostile.py, which prints the
n → 10n growth): these run shapes that took 30 s to minutes when the work was quadratic
("a." * 8000 on X: 33 s; 15,000 tags on Telegram: 30 s), so a regression shows as a
suite that hangs, and each checks the result is still right.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postkit import RuleSet
from postkit.article import Article
from postkit.platforms.counting import measure
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.report import locate

SHAPES = [
    "a.",
    "a.co.",
    ".a",
    "a.b-",
    "x-.x-.",
    "foo.bar ",
    "1.a",
    "a-b.c",
    "https://a.",
    "www.a.",
    "a.com/",
    "#tag ",
    "!",
    "a!! ",
    "news.example/a ",
]


@settings(max_examples=15, deadline=None)
@given(
    unit=st.sampled_from(SHAPES), n=st.integers(4_000, 12_000), platform=st.sampled_from(["x", "bluesky", "mastodon"])
)
def test_measure_adversarial_shapes(unit: str, n: int, platform: str) -> None:
    """Long repeated shapes are measured (in milliseconds now) and never under the text's own length."""
    text = unit * n
    size = measure(text, get_platform(platform))

    assert size > 0
    if unit in ("a.", ".a", "x-.x-.", "1.a"):  # no top-level domain anywhere: no URL, every character counts
        assert len(text) <= size


@settings(max_examples=6, deadline=None)
@given(n=st.integers(5_000, 20_000), platform=st.sampled_from(["telegram", "mastodon", "x"]))
def test_thousands_of_tags_fit(n: int, platform: str) -> None:
    """Thousands of tags: the post fits and keeps a prefix of the hashtags (binary search, not one per render)."""
    article = Article.from_dict(
        {"title": "Kaim crossing reopens", "url": "https://news.example/a", "tags": [f"tag{i}" for i in range(n)]}
    )
    post = compose(article, platform)

    assert post.fits
    assert [f"#tag{i}" for i in range(len(post.hashtags))] == list(post.hashtags)


def test_lint_long_text_with_many_findings() -> None:
    """A 1.4 MB post with 20,000 links and 40,000 findings is checked and located."""
    text = "Kaim reopens... see https://news.example/a and news.example, AMAZING!! " * 20_000
    found = [locate(v, text, "<post>") for v in RuleSet().check(text, get_platform("x"))]

    assert len(found) > 20_000
    assert 1 == found[-1].line
