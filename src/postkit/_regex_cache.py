"""Large regular expressions compiled once per machine, not once per run.

A few of postkit's patterns hold a word list: twitter-text's URL grammar (1,500 top-level
domains, twice: X's and Mastodon's), the phrase scanner (every phrase list as one prefix
tree). Compiling one is parsing and assembling some 10,000 characters of pattern, 10-25 ms
each; a fresh ``postkit check`` compiled about 70 ms of them before it read a record. The
compiled program does not change between runs of the same Python, so :func:`compiled`
keeps it: ``re``'s own two steps (``re._parser.parse``, then ``re._compiler._code``) are
made once, their result (the program: a list of integers, the flags and the group names)
is cached in the user's cache folder (``postkit._generated.cache_dir``, sub-folder
``regex``) keyed by the pattern and the Python that made it, and later runs hand it to
``_sre.compile``, the constructor ``re.compile`` itself ends in, which checks a program
before it accepts it.

``re.compile`` is the reference: anything else (another Python implementation, a changed
internal, an unreadable or unwritable cache, a program ``_sre`` refuses) falls back to it,
and tests check that the cached program is the one ``re`` makes (``tests/test_regex_cache.py``).
"""

from __future__ import annotations

import array
import contextlib
import importlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from postkit._generated import cache_dir
from postkit._trie import trie_regex

__all__ = ["compiled", "program", "trie"]

_sre: Any = None
_compiler: Any = None
_parser: Any = None
_MADE_BY: tuple[object, ...] = ()
try:  # CPython's internals (untyped): if any is missing, every pattern is compiled by re.compile
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
    _MADE_BY = (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _sre = None

#: A program: what ``_sre.compile`` takes after the pattern (flags, code, groups, group names both ways).
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def program(pattern: str, flags: int = 0) -> Program:
    """The program ``re.compile(pattern, flags)`` builds (what ``re._compiler.compile`` hands ``_sre``)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)  # noqa: SLF001 - re's own step, the one a cache can skip
    names = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        indexgroup[index] = name
    # The opcodes are named int constants; the program is their values.
    flags = int(flags | parsed.state.flags)
    return flags, list(map(int, code)), parsed.state.groups - 1, dict(names), tuple(indexgroup)


def _cache_file(kind: str, key: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "regex" / f"{kind}-{sys.implementation.cache_tag}-{len(key)}-{zlib.crc32(key):08x}.marshal"


def _load(path: Path, key: bytes) -> Any:
    """What :func:`_store` kept under ``key``, or None (missing, unreadable, or another key's)."""
    try:
        stored = marshal.loads(path.read_bytes())  # noqa: S302 - our own cache file; a program is checked by _sre
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None
    return stored[1]


def _store(path: Path, key: bytes, value: Any) -> None:
    """Write ``path`` whole (a temporary file, then a rename), or not at all."""
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps((key, value)))
        temporary.replace(path)
    except (OSError, ValueError):  # an unwritable cache costs only the time to make it again
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _packed(found: Program) -> tuple[Any, ...]:
    """A program as marshal writes it fast: the code as the bytes of an unsigned-int array."""
    flags, code, groups, names, indexgroup = found
    return flags, array.array("I", code).tobytes(), groups, names, indexgroup


def _unpacked(stored: Any) -> Program | None:
    if not (isinstance(stored, tuple) and len(stored) == 5 and isinstance(stored[1], bytes)):
        return None
    flags, code, groups, names, indexgroup = stored
    program = array.array("I")
    program.frombytes(code)
    return flags, program.tolist(), groups, names, indexgroup


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the program a run on this machine made before, if any.

    Use it for large patterns only: for a short one, ``re.compile`` is as quick as a file read.
    """
    flags = int(flags)
    if _sre is None:  # pragma: no cover - not CPython
        return re.compile(pattern, flags)
    key = repr((_MADE_BY, flags, pattern)).encode("utf-8", "surrogatepass")
    try:
        path = _cache_file("program", key)
        found = _unpacked(_load(path, key)) if path is not None else None
        if found is not None:
            try:
                return _make(pattern, found)
            except (RuntimeError, TypeError, ValueError, OverflowError):
                pass  # a program _sre refuses: make it again
        found = program(pattern, flags)
        made = _make(pattern, found)
    except (AttributeError, TypeError, ValueError, RuntimeError, OverflowError):  # pragma: no cover - internals moved
        return re.compile(pattern, flags)
    if path is not None:
        _store(path, key, _packed(found))
    return made


def trie(words: Iterable[str], atom: Callable[[str], str] = re.escape) -> str:
    """``_trie.trie_regex(words, atom)``, kept in the cache beside the programs.

    Building the prefix tree of 1,500 top-level domains is itself ~7 ms. The key is the words,
    the atom function, and the source of ``postkit._trie`` and of the atom's module, so a
    changed word list or a changed postkit makes the pattern again.
    """
    listed = sorted(set(words))
    sources = []
    for name in dict.fromkeys(("postkit._trie", atom.__module__)):
        module = sys.modules.get(name)
        try:
            sources.append(Path(module.__file__).read_bytes() if module and module.__file__ else b"")
        except OSError:
            return trie_regex(listed, atom)  # the key would not say what made the pattern: do not cache
    key = repr((_MADE_BY, atom.__module__, atom.__qualname__, listed, sources)).encode("utf-8", "surrogatepass")
    path = _cache_file("trie", key)
    found = _load(path, key) if path is not None else None
    if isinstance(found, str):
        return found
    made = trie_regex(listed, atom)
    if path is not None:
        _store(path, key, made)
    return made


def _make(pattern: str, found: Any) -> re.Pattern[str]:
    made: re.Pattern[str] = _sre.compile(pattern, *found)
    return made
