"""The data loader's parsed-TOML cache (postkit._data.parsed_toml) answers as tomllib does."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

import pytest

from postkit import _data

_TOML = sorted(p.name for p in resources.files("postkit").joinpath("data").iterdir() if p.name.endswith(".toml"))


@pytest.fixture(name="cache", autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("name", _TOML)
def test_every_data_file_parses_as_tomllib_parses_it_then_from_the_cache(name: str, cache: Path) -> None:
    """The first read parses and keeps the parse; the second reads it back: both are tomllib's."""
    text = _data.read_text(name)
    expected = tomllib.loads(text)

    assert _data.parsed_toml(name, text) == expected
    assert list((cache / "data").iterdir())
    assert _data.parsed_toml(name, text) == expected


def test_a_cache_kept_for_another_text_is_not_used(cache: Path) -> None:
    """An edited file is parsed again, not answered from the parse of its old text."""
    assert _data.parsed_toml("x.toml", "a = 1\n") == {"a": 1}
    assert _data.parsed_toml("x.toml", "a = 2\n") == {"a": 2}
    assert _data.parsed_toml("x.toml", "a = 2\n") == {"a": 2}


def test_a_broken_cache_file_costs_only_the_parse(cache: Path) -> None:
    """A truncated or foreign cache file is read as missing."""
    _data.parsed_toml("x.toml", "a = [1, 2, 3]\n")
    [kept] = (cache / "data").iterdir()
    kept.write_bytes(kept.read_bytes()[:7])
    assert _data.parsed_toml("x.toml", "a = [1, 2, 3]\n") == {"a": [1, 2, 3]}
    kept.write_bytes(b"not marshal")
    assert _data.parsed_toml("x.toml", "a = [1, 2, 3]\n") == {"a": [1, 2, 3]}


def test_an_unwritable_cache_and_a_date_cost_only_the_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No folder can be made (a file stands in the way), and marshal cannot keep a TOML date: both still parse."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(blocker / "cache"))
    assert _data.parsed_toml("x.toml", "a = 1\n") == {"a": 1}
    monkeypatch.setenv("POSTKIT_CACHE_DIR", str(tmp_path / "cache2"))
    dated = "when = 2026-12-05\n"
    assert _data.parsed_toml("d.toml", dated) == tomllib.loads(dated)
    assert not list((tmp_path / "cache2").rglob("*.marshal"))
