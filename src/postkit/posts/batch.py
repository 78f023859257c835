"""One article on several platforms, as ``compose --state`` and ``compose --thread`` need it.

The pipeline composes one post per platform for every record. A run with a state file
composes only what the state does not know yet, and a thread run composes a thread per
platform; :func:`outcomes` does either, one outcome per platform, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, TypeAlias

from postkit.article import Article
from postkit.errors import PostkitError
from postkit.platforms.registry import Platform
from postkit.posts.composer import compose
from postkit.posts.post import Post
from postkit.posts.thread import compose_thread
from postkit.state import State, article_key

__all__ = ["Outcome", "outcomes"]

Outcome: TypeAlias = list[Post] | PostkitError | None
"""A platform's outcome: its posts (one, or a thread's), the error that stopped them, or
None when the state says the article was composed for that platform before."""


def outcomes(
    article: Article,
    platforms: Iterable[Platform],
    *,
    state: State | None = None,
    thread: bool = False,
    max_posts: int = 10,
    link_in: Literal["first", "last"] = "first",
    templates: str | None = None,
    campaign: str | None = None,
) -> Iterator[tuple[Platform, Outcome]]:
    """Yield ``(platform, outcome)`` for each platform: compose, or thread, what ``state`` does not know."""
    for platform in platforms:
        if state is not None and state.seen(platform.name, article_key(article)):
            yield platform, None
            continue
        try:
            if thread:
                yield (
                    platform,
                    list(
                        compose_thread(article, platform, max_posts=max_posts, link_in=link_in, campaign=campaign).posts
                    ),
                )
            else:
                yield platform, [compose(article, platform, templates=templates, campaign=campaign)]
        except PostkitError as exc:
            yield platform, exc
