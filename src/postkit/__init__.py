"""postkit: platform-sized teaser posts from article records, checked for length and tone.

The public names are imported lazily (PEP 562), so ``postkit --version`` and scripts that
use one part do not pay for importing every module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from postkit.article import Article as Article
    from postkit.config import Config as Config
    from postkit.config import load_config as load_config
    from postkit.config import parse_config as parse_config
    from postkit.errors import FitError as FitError
    from postkit.errors import PostkitError as PostkitError
    from postkit.errors import RecordError as RecordError
    from postkit.errors import TemplateError as TemplateError
    from postkit.platforms.counting import measure as measure
    from postkit.platforms.registry import Platform as Platform
    from postkit.platforms.registry import builtin_platforms as builtin_platforms
    from postkit.platforms.registry import get_platform as get_platform
    from postkit.posts.composer import compose as compose
    from postkit.posts.post import Post as Post
    from postkit.records import load_articles as load_articles
    from postkit.rules import RuleSet as RuleSet
    from postkit.rules import Violation as Violation
    from postkit.rules import check as check

_WHERE = {
    "Article": "postkit.article",
    "Config": "postkit.config",
    "RuleSet": "postkit.rules.engine",
    "load_config": "postkit.config",
    "parse_config": "postkit.config",
    "FitError": "postkit.errors",
    "Platform": "postkit.platforms.registry",
    "Post": "postkit.posts.post",
    "PostkitError": "postkit.errors",
    "RecordError": "postkit.errors",
    "TemplateError": "postkit.errors",
    "Violation": "postkit.rules.base",
    "check": "postkit.rules.engine",
    "compose": "postkit.posts.composer",
    "get_platform": "postkit.platforms.registry",
    "load_articles": "postkit.records.reading",
    "measure": "postkit.platforms.counting",
    "builtin_platforms": "postkit.platforms.registry",
}

__all__ = [
    "Article",
    "Config",
    "FitError",
    "Platform",
    "Post",
    "PostkitError",
    "RecordError",
    "RuleSet",
    "TemplateError",
    "Violation",
    "builtin_platforms",
    "check",
    "compose",
    "get_platform",
    "load_articles",
    "load_config",
    "measure",
    "parse_config",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    msg = f"module 'postkit' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
