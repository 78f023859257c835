"""What mypy --strict says about uses of the public API: tests/test_typecheck.py runs it on this file.

Each line marked ``# error: CODE`` must be reported with that code, and no other line at all.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_type

from postkit import Article, PlatformName, Severity, Violation, check, compose, get_platform, measure

article = Article(title="Kaim crossing reopens", url="https://news.example/world/kaim")
Article(
    title="Kaim crossing reopens",
    url="https://news.example/world/kaim",
    tags=["Iraq", "Syria"],
    topics=("world",),
    id=7,
    published=dt.date(2025, 4, 19),
    summary=None,
)
Article(title=123, url="https://news.example/world/kaim")  # error: arg-type
Article(title="Kaim crossing reopens", url=None)  # error: arg-type
Article(title="Kaim crossing reopens", url="https://news.example/world/kaim", tags=[1, 2])  # error: list-item
Article(title="Kaim crossing reopens", url="https://news.example/world/kaim", published=20250419)  # error: arg-type
Article(title="Kaim crossing reopens", url="https://news.example/world/kaim", id=1.5)  # error: arg-type
assert_type(article.tags, tuple[str, ...])
assert_type(article.published, str | None)

name: PlatformName = "bluesky"
unknown: PlatformName = "myspace"  # error: assignment
assert_type(measure("Kaim crossing reopens", name), int)
assert_type(measure("Kaim crossing reopens", "intranet"), int)  # a configured platform's name is any str
assert_type(measure("Kaim crossing reopens", get_platform("x")), int)
assert_type(check(compose(article, "mastodon")), list[Violation])
assert_type(Severity.parse("warning"), Severity)
measure("Kaim crossing reopens", 42)  # error: arg-type
