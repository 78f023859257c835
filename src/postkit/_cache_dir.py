r"""The user's cache folder, where postkit keeps what a run made for the next (no postkit imports: any module may ask).

The cache folder is ``$POSTKIT_CACHE_DIR`` when set, else the platform's user cache folder
(``$XDG_CACHE_HOME/postkit`` or ``~/.cache/postkit``; ``~/Library/Caches/postkit`` on macOS;
``%LOCALAPPDATA%\postkit\Cache`` on Windows). Its users: generated tables (``postkit._generated``),
compiled regular expressions (``postkit._regex_cache``), parsed data files (``postkit._data``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path | None:
    """Where made tables are cached; None when no folder can be named (no home folder)."""
    explicit = os.environ.get("POSTKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA")
            return Path(base, "postkit", "Cache") if base else None
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "postkit"
        base = os.environ.get("XDG_CACHE_HOME")
        return Path(base if base and Path(base).is_absolute() else Path.home() / ".cache", "postkit")
    except RuntimeError:  # no home folder to be found
        return None
