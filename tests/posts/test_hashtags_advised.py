"""Issue 13, item 13: ``hashtags_advised = -3`` is refused and ``= 0`` means no hashtags."""

from __future__ import annotations

import pytest

from postkit.article import Article
from postkit.errors import ConfigError
from postkit.platforms.registry import get_platform, make_platform
from postkit.posts.composer import compose
from postkit.posts.filters import hashtags_from_tags

ARTICLE = Article.from_dict(
    {"title": "Kaim crossing reopens", "url": "https://news.example/a", "tags": ["Iraq", "Syria", "Trade"]}
)


@pytest.mark.parametrize("key", ["hashtags_advised", "hashtags_max"])
def test_negative_is_refused(key: str) -> None:
    """A negative count is a ConfigError naming the key."""
    with pytest.raises(ConfigError) as info:
        make_platform("x", {key: -3}, base=get_platform("x"))

    assert f"platforms.x.{key}" == info.value.field


def test_zero_means_no_hashtags() -> None:
    """0 advised: no hashtags (it used to fall back to the maximum)."""
    zero = make_platform("x", {"hashtags_advised": 0}, base=get_platform("x"))

    assert [] == hashtags_from_tags(["Iraq", "Syria"], 0)
    assert () == compose(ARTICLE, zero).hashtags
    assert "#" not in compose(ARTICLE, zero).text
    assert compose(ARTICLE, "x").hashtags  # the shipped profile still advises some


def test_the_articles_own_hashtags_count_toward_the_advice() -> None:
    """A title with hashtags of its own: postkit adds only what the advice leaves (no TAG001 on its own tags)."""
    from postkit import check  # noqa: PLC0415

    article = Article(
        title="#floats and #ruby: a fix", url="https://news.example/a", tags=["Ruby", "Floats", "Code", "Bugs"]
    )
    post = compose(article, "facebook")  # Facebook advises 3

    assert len(post.hashtags) == 1
    assert [] == [v for v in check(post) if v.code == "TAG001"]
