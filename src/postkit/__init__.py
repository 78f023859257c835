"""postkit: platform-sized teaser posts from article records, checked for length and tone.

postkit reads article records (RSS and Atom feeds, JSON Feed, WordPress REST and Ghost
documents, JSON, JSON Lines, CSV, Markdown with front matter, plain text; files, folders or
stdin), composes a teaser for each platform (X, Bluesky, Mastodon, Threads,
LinkedIn, Facebook, Instagram, Telegram) that fits as the platform itself counts, and
checks any post against length and tone rules:

>>> from postkit import Article, check, compose, measure
>>> article = Article(title="Iraq and Syria reopen the Kaim border crossing", url="https://news.example/world/kaim")
>>> post = compose(article, "bluesky")
>>> post.text.splitlines()
['Iraq and Syria reopen the Kaim border crossing', '', '📝🌍🔗 Read More: https://news.example/world/kaim?utm_source=bluesky&utm_medium=social']
>>> post.length, post.limit, check(post)
(91, 300, [])
>>> [v.code for v in check("BREAKING!!! You won't believe this", "x") if v.code[:3] in {"CAP", "CLK", "PUN"}]
['CAP001', 'PUN002', 'CLK001', 'CLK006']
>>> measure("👨‍👩‍👧 family", "x"), measure("👨‍👩‍👧 family", "bluesky")
(9, 8)

Records come in through :func:`load_articles` (its warnings as :class:`RecordWarning`),
threads through :func:`compose_thread` and :func:`reply_to`, a newsroom's emoji, calls to
action and ``utm_medium`` through :class:`Vocabulary`, lint settings through
:func:`load_config` and :class:`RuleSet`; posts go out, each exactly once, through
:func:`publish` (:class:`Publisher`, :class:`PublishSummary`), composed as a :class:`Recipe`
says (``Recipe.from_config(load_config())``: what the command line does). Every error postkit
raises on purpose is a :class:`PostkitError` naming the file, record and field.

The names in ``postkit.__all__`` are the package's API; subpackages re-export nothing. The
README also documents a few modules for what the commands do step by step:
``postkit.pipeline`` (``rows``, ``compose_records``), ``postkit.state`` (``State``) and
``postkit.posts.provenance`` (``trace``). The names are imported lazily (PEP 562), so
``import postkit`` and scripts that use one part do not pay for importing every module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names as _PUBLIC (a test compares the two), for type checkers and editors
    from postkit.article import Article as Article
    from postkit.config import Config as Config
    from postkit.config import load_config as load_config
    from postkit.config import parse_config as parse_config
    from postkit.errors import ConfigError as ConfigError
    from postkit.errors import FitError as FitError
    from postkit.errors import PostkitError as PostkitError
    from postkit.errors import RecordError as RecordError
    from postkit.errors import RecordWarning as RecordWarning
    from postkit.errors import ReplyError as ReplyError
    from postkit.errors import SkippedRecord as SkippedRecord
    from postkit.errors import TemplateError as TemplateError
    from postkit.errors import UnknownPlatformError as UnknownPlatformError
    from postkit.pipeline import Recipe as Recipe
    from postkit.platforms.counting import Measurement as Measurement
    from postkit.platforms.counting import measure as measure
    from postkit.platforms.names import PlatformName as PlatformName
    from postkit.platforms.registry import Platform as Platform
    from postkit.platforms.registry import builtin_platforms as builtin_platforms
    from postkit.platforms.registry import get_platform as get_platform
    from postkit.posts.blurb import Vocabulary as Vocabulary
    from postkit.posts.composer import compose as compose
    from postkit.posts.post import Post as Post
    from postkit.posts.thread import Thread as Thread
    from postkit.posts.thread import compose_thread as compose_thread
    from postkit.posts.thread import reply_to as reply_to
    from postkit.publishing import Publisher as Publisher
    from postkit.publishing import PublishSummary as PublishSummary
    from postkit.publishing import publish as publish
    from postkit.records.reading import load_articles as load_articles
    from postkit.rules.base import Violation as Violation
    from postkit.rules.engine import RuleSet as RuleSet
    from postkit.rules.engine import check as check
    from postkit.severity import Severity as Severity

    __version__: str

# The public API: each name and the module that defines it. ``__all__``, the lazy loader
# and ``dir()`` come from this table; public classes report ``postkit`` as their module.
_PUBLIC = {
    # records in
    "Article": "postkit.article",
    "load_articles": "postkit.records.reading",
    # platforms
    "Platform": "postkit.platforms.registry",
    "PlatformName": "postkit.platforms.names",
    "builtin_platforms": "postkit.platforms.registry",
    "get_platform": "postkit.platforms.registry",
    "Measurement": "postkit.platforms.counting",
    "measure": "postkit.platforms.counting",
    # posts
    "Post": "postkit.posts.post",
    "compose": "postkit.posts.composer",
    "Vocabulary": "postkit.posts.blurb",
    "Thread": "postkit.posts.thread",
    "compose_thread": "postkit.posts.thread",
    "reply_to": "postkit.posts.thread",
    # publishing (and composing: how records become posts, the same for both)
    "Recipe": "postkit.pipeline",
    "publish": "postkit.publishing",
    "Publisher": "postkit.publishing",
    "PublishSummary": "postkit.publishing",
    # checks
    "RuleSet": "postkit.rules.engine",
    "check": "postkit.rules.engine",
    "Violation": "postkit.rules.base",
    "Severity": "postkit.severity",
    # configuration
    "Config": "postkit.config",
    "load_config": "postkit.config",
    "parse_config": "postkit.config",
    # errors
    "PostkitError": "postkit.errors",
    "RecordError": "postkit.errors",
    "RecordWarning": "postkit.errors",
    "SkippedRecord": "postkit.errors",
    "ReplyError": "postkit.errors",
    "ConfigError": "postkit.errors",
    "UnknownPlatformError": "postkit.errors",
    "FitError": "postkit.errors",
    "TemplateError": "postkit.errors",
}

__all__ = sorted(_PUBLIC)  # noqa: PLE0605 - derived from the one table, as the loader is


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    if name == "__version__":  # read from the installed metadata, once; pyproject.toml is the one place
        from importlib.metadata import version  # noqa: PLC0415 - costs ~25 ms: only when asked

        globals()[name] = found = version("postkit-teasers")
        return found
    msg = f"module 'postkit' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
