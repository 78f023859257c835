"""postkit._regex_cache: the program a cached pattern runs is the one ``re`` makes, and the cache only saves time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from postkit import _regex_cache
from postkit._trie import trie_regex
from postkit.platforms import url_grammar
from postkit.rules.engine import RuleSet

_sre: Any = _regex_cache._sre
_compiler: Any = _regex_cache._compiler


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(tmp_path))
    return tmp_path / "regex"


def _as_re_makes_it(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re.compile`` hands ``_sre.compile`` for ``pattern`` (spied on, not recomputed)."""
    seen: list[tuple[Any, ...]] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            return getattr(_sre, name)

        @staticmethod
        def compile(*args: Any) -> Any:
            seen.append(args)
            return _sre.compile(*args)

    real = _compiler._sre
    _compiler._sre = Spy()
    try:
        _compiler.compile(pattern, flags)
    finally:
        _compiler._sre = real
    [(source, *program)] = seen
    assert source == pattern
    flags_out, code, groups, names, indexgroup = program
    return int(flags_out), [int(op) for op in code], groups, dict(names), tuple(indexgroup)


def _big_patterns() -> Iterator[tuple[str, int]]:
    """The large patterns postkit caches: both URL grammars, the TLD test, the phrase scanner."""
    for mastodon in (False, True):
        grammar = url_grammar._grammar(mastodon=mastodon)
        yield grammar.after.pattern, grammar.after.flags & ~re.UNICODE
    tld = url_grammar._tld_end()
    yield tld.pattern, tld.flags & ~re.UNICODE
    scanner = RuleSet()._scanner
    assert scanner is not None
    scan = scanner._pattern
    assert scan is not None
    yield scan.pattern, 0


@pytest.mark.parametrize(("pattern", "flags"), list(_big_patterns()), ids=["x", "mastodon", "tld", "phrases"])
def test_the_program_is_the_one_re_makes(pattern: str, flags: int) -> None:
    """``program`` is what ``re.compile`` builds, opcode for opcode; the pattern made from it is re's."""
    found = _regex_cache.program(pattern, flags)

    assert found == _as_re_makes_it(pattern, flags)
    made = _regex_cache.compiled(pattern, flags)
    plain = re.compile(pattern, flags)
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        plain.pattern,
        plain.flags,
        plain.groups,
        plain.groupindex,
    )


def test_a_second_run_reads_the_program_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first call stores the program; the next builds nothing, and matches alike."""
    pattern = r"(?P<word>\b[a-z]+(?:-[a-z]+)*)|(?P<number>[0-9]+)"
    first = _regex_cache.compiled(pattern, re.IGNORECASE)
    assert len(list(cache.iterdir())) == 1

    def no_parsing(*args: object) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(_regex_cache, "program", no_parsing)
    again = _regex_cache.compiled(pattern, re.IGNORECASE)
    text = "Kaim-Crossing reopens 24 hours, trucks 7"
    assert [m.groupdict() for m in again.finditer(text)] == [m.groupdict() for m in first.finditer(text)]
    assert again.flags == re.compile(pattern, re.IGNORECASE).flags


def test_a_damaged_or_foreign_cache_file_is_made_again(cache: Path) -> None:
    """Garbage, another pattern's program, or a program _sre refuses: compiled again, and right."""
    pattern = r"a(b|c)+d"
    _regex_cache.compiled(pattern)
    [stored] = cache.iterdir()
    for damage in (b"not marshal", b"", stored.read_bytes()[:-7]):
        stored.write_bytes(damage)
        assert _regex_cache.compiled(pattern).fullmatch("abcbd")
    key = repr((_regex_cache._MADE_BY, 0, pattern)).encode()
    flags, code, groups, names, indexgroup = _regex_cache.program(pattern)
    _regex_cache._store(stored, key, (flags, bytes(len(code) * 4), groups, names, indexgroup))
    assert _regex_cache.compiled(pattern).fullmatch("abcbd")
    assert not _regex_cache.compiled(pattern).fullmatch("abd d")


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache folder is a file: nothing is stored, the pattern still works."""
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(blocked))
    assert _regex_cache.compiled(r"x+y").search("axxy")


def test_a_cached_trie_is_the_trie(cache: Path) -> None:
    """``trie`` answers as ``trie_regex``, from the cache too, and a changed word list is made anew."""
    words = ["com", "co", "cat", "uk", "co.uk"]
    assert _regex_cache.trie(words) == trie_regex(words)
    assert _regex_cache.trie(reversed(words)) == trie_regex(words)
    assert _regex_cache.trie([*words, "dog"]) == trie_regex([*words, "dog"])
    assert len([p for p in cache.iterdir() if p.name.startswith("trie-")]) == 2
