"""The tables generated from a dependency's data follow the installed version (postkit._generated).

Each table in use, shipped or made, must be what its generator makes from the installed
dependency; a shipped file is used only for the version it records; another version's
table is made once and then read from the cache; a cache that cannot be written or read
costs time, never an error or a wrong answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

from postkit import _data, _generated
from postkit._fastpaths import GENERATED
from postkit._generated import Generated

_IDS = [table.file for table in GENERATED]


@pytest.fixture(name="cache", autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(folder))
    return folder


def _counting(table: Generated[Any], version: str) -> tuple[Generated[Any], list[int]]:
    """``table`` as if ``version`` were installed, counting the generator's runs."""
    runs: list[int] = []

    def render() -> str:
        runs.append(1)
        return table.render().replace(f"{table.dependency} {table.installed()}", f"{table.dependency} {version}", 1)

    render.__module__ = table.render.__module__
    return attrs.evolve(table, installed=lambda: version, render=render), runs


@pytest.mark.parametrize("table", GENERATED, ids=_IDS)
def test_table_in_use_is_the_generators_for_the_installed_version(table: Generated[Any]) -> None:
    """Whatever the installed version, the loaded table is what the generator makes from it."""
    assert table.parse(table.render()) == _generated.load(table)


@pytest.mark.parametrize("table", GENERATED, ids=_IDS)
def test_shipped_file_is_used_only_for_its_version(table: Generated[Any], cache: Path) -> None:
    """The shipped file is the generator's output for the version it records, and used only for it."""
    shipped = _data.read_text(table.file)
    recorded = _generated.stamp(shipped)
    installed = f"{table.dependency} {table.installed()}"
    _generated.load(table)
    if recorded == installed:
        assert table.render() == shipped
        assert not cache.exists()  # nothing made, nothing cached
    else:  # a fresh install with a newer dependency: the table was made and cached
        [cached] = cache.iterdir()
        assert table.render() == cached.read_text("utf-8")


@pytest.mark.parametrize("table", GENERATED, ids=_IDS)
def test_other_version_is_made_once_then_read_from_the_cache(table: Generated[Any], cache: Path) -> None:
    """Under another version the generator runs once; the next load reads its cache file."""
    other, runs = _counting(table, "0.0.test")

    first = _generated.load(other)
    second = _generated.load(other)

    assert 1 == len(runs)
    assert first == second
    [cached] = cache.iterdir()
    assert f"{table.dependency} 0.0.test" == _generated.stamp(cached.read_text("utf-8"))


@pytest.mark.parametrize("table", GENERATED[:1], ids=_IDS[:1])
def test_cache_key_follows_the_generators_inputs(table: Generated[Any], cache: Path) -> None:
    """Another dependency version or other data the generator reads is another cache file."""
    one, _ = _counting(table, "0.0.one")
    two, _ = _counting(table, "0.0.two")
    _generated.load(one)
    _generated.load(two)
    _generated.load(attrs.evolve(one, sources=("platforms.toml",)))

    assert 3 == len(list(cache.iterdir()))


def test_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that cannot be made (a file is in the way): the table is made, each time."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(blocker / "cache"))
    table, runs = _counting(GENERATED[0], "0.0.test")

    assert _generated.load(table) == _generated.load(table)
    assert 2 == len(runs)


def test_malformed_cache_file_is_made_again(cache: Path) -> None:
    """A truncated or foreign cache file is replaced by a good one."""
    table, runs = _counting(GENERATED[0], "0.0.test")
    good = _generated.load(table)
    [cached] = cache.iterdir()
    cached.write_text(f"{table.dependency} 0.0.test\nnot a range\n", "utf-8")

    assert good == _generated.load(table)
    assert 2 == len(runs)
    assert good == _generated.load(table)
    assert 2 == len(runs)


def test_cache_dir_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """$POSTKIT_CACHE_DIR, else $XDG_CACHE_HOME/postkit (absolute only), else ~/.cache/postkit on Linux."""
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(tmp_path / "own"))
    assert tmp_path / "own" == _generated.cache_dir()

    monkeypatch.delenv("POSTKIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert tmp_path / "xdg" / "postkit" == _generated.cache_dir()

    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert tmp_path / "home" / ".cache" / "postkit" == _generated.cache_dir()
