"""Public classes report ``postkit`` as their module, as httpx's do.

``repr``, tracebacks and pickles then name ``postkit.Article``, the import path users
write, not ``postkit.article.Article``; unpickling finds it through the package's lazy
loader. The table of public names is ``postkit._PUBLIC``; a test checks that every
class in it, and no other, carries this mark.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["public"]

C = TypeVar("C", bound=type)


def public(cls: C) -> C:
    """Mark ``cls`` as one of :mod:`postkit`'s public names (``cls.__module__ = "postkit"``)."""
    cls.__module__ = "postkit"
    return cls
