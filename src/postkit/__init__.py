"""postkit: platform-sized teaser posts from article records, checked for length and tone."""

from __future__ import annotations

from postkit.article import Article as Article
from postkit.counting import measure as measure
from postkit.errors import PostkitError as PostkitError
from postkit.errors import RecordError as RecordError
from postkit.errors import TemplateError as TemplateError
from postkit.platforms import Platform as Platform
from postkit.platforms import get_platform as get_platform
from postkit.platforms import platforms as platforms

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Platform",
    "PostkitError",
    "RecordError",
    "TemplateError",
    "get_platform",
    "measure",
    "platforms",
]
