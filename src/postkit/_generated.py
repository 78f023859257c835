r"""Tables generated from a dependency's data: shipped for one version, made and cached for others.

Some look-ups are answers a dependency gives slowly on a cold start (``regex``'s
grapheme properties, the ``emoji`` package's data set), so postkit ships them as
generated files under ``data/``, each stamped with the dependency's version it was made
from (``regex 2026.12.2``). ``pyproject.toml`` asks only for a minimum version of each
dependency, so an install may well have another one. Then the table is made from the
installed dependency on first use (the generator is the reference, the same code that
made the shipped file) and cached in the user's cache folder, keyed by the dependency's
version and a digest of the generator's source and data, so later runs start fast too.
A cache that cannot be read or written only costs time: the table is made again.

The cache folder is ``$POSTKIT_CACHE_DIR`` when set, else the platform's user cache
folder (``$XDG_CACHE_HOME/postkit`` or ``~/.cache/postkit``; ``~/Library/Caches/postkit``
on macOS; ``%LOCALAPPDATA%\postkit\Cache`` on Windows).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import attrs

from postkit import _data
from postkit._cache_dir import cache_dir

__all__ = ["Generated", "cache_dir", "installed_version", "installed_version_reference", "load", "stamp"]

T = TypeVar("T")


@attrs.frozen
class Generated(Generic[T]):
    """One generated table: its data file, the dependency it is made from, and how.

    Args:
        file: the shipped file under ``data/`` (``grapheme_sensitive.txt``).
        dependency: the distribution whose data it holds (``regex``).
        installed: the installed dependency's version (cheap: no import of a heavy package).
        render: the file's text, made from the installed dependency: the reference.
        parse: the table from a file's text; raises ValueError (or LookupError) if malformed.
        sources: the data files ``render`` reads besides the dependency (part of the cache key).
    """

    file: str
    dependency: str
    installed: Callable[[], str]
    render: Callable[[], str]
    parse: Callable[[str], T]
    sources: tuple[str, ...] = ()


def installed_version(distribution: str, module: str) -> str:
    """The installed version of ``distribution`` (which provides ``module``), without importing either.

    ``importlib.metadata`` answers this, but importing it costs a cold start ~20 ms (it parses
    metadata as e-mail headers). The answer is the ``Version:`` line of the ``METADATA`` file in
    the one ``<distribution>-<version>.dist-info`` folder beside the module, as pip installs
    it; anything else (no such folder, or two) asks ``importlib.metadata``
    (:func:`installed_version_reference`), as tests do too.
    """
    import importlib.util  # noqa: PLC0415 - already imported by Python's start-up

    try:
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin is not None:
            origin = Path(spec.origin)
            site = origin.parent.parent if spec.submodule_search_locations else origin.parent
            found = list(site.glob(f"{distribution.replace('-', '_')}-*.dist-info"))
            if len(found) == 1:
                with (found[0] / "METADATA").open(encoding="utf-8") as metadata:
                    for line in metadata:
                        if not line.strip():
                            break  # the end of the header
                        if line.startswith("Version:"):
                            return line.removeprefix("Version:").strip()
    except (OSError, ValueError, ImportError):
        pass
    return installed_version_reference(distribution)


def installed_version_reference(distribution: str) -> str:
    """:func:`installed_version` by ``importlib.metadata``."""
    from importlib import metadata  # noqa: PLC0415 - the slow way, for what the quick one cannot tell

    return metadata.version(distribution)


def stamp(text: str) -> str | None:
    """The version line of a generated file (``regex 2026.12.2``): its first line not a comment."""
    for line in text.split("\n", 64):
        if not line.startswith("#"):
            return line
    return None


def _cache_file(table: Generated[T], version: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    import hashlib  # noqa: PLC0415 - only for a version postkit does not ship the table of

    digest = hashlib.sha256(version.encode())
    try:  # the generator's own code, and the data it reads
        digest.update(Path(sys.modules[table.render.__module__].__file__ or "").read_bytes())
        for name in table.sources:
            digest.update(_data.read_text(name).encode())
    except OSError:
        return None  # the key would not say what the table was made from: do not cache
    stem = table.file.rsplit(".", 1)[0]
    safe = "".join(c if c.isalnum() or c in ".-_" else "_" for c in version)
    return folder / f"{stem}-{table.dependency}-{safe}-{digest.hexdigest()[:16]}.txt"


def _store(path: Path, text: str) -> None:
    """Write ``path`` whole (temporary file, then rename), or not at all."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        import tempfile  # noqa: PLC0415 - only when a table is made

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".txt")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # an unwritable cache only costs the next run the time to make the table again


def load(table: Generated[T]) -> T:
    """The table for the installed dependency: shipped if made from it, else cached, else made now."""
    version = table.installed()
    wanted = f"{table.dependency} {version}"
    shipped = _data.read_text(table.file)
    if stamp(shipped) == wanted:
        return table.parse(shipped)
    path = _cache_file(table, version)
    if path is not None:
        try:
            cached = path.read_text("utf-8")
            if stamp(cached) == wanted:
                return table.parse(cached)
        except (OSError, UnicodeDecodeError, ValueError, LookupError):
            pass  # missing, unreadable or malformed: make it again
    text = table.render()
    if path is not None:
        _store(path, text)
    return table.parse(text)
