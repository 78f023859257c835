"""Tests for postkit.platforms.names: the Literal of built-in names is the data's list."""

from __future__ import annotations

from typing import get_args

from postkit import PlatformName, builtin_platforms, get_platform


def test_platform_name_lists_the_builtin_platforms_in_order() -> None:
    """PlatformName holds exactly data/platforms.toml's tables, in file order."""
    assert tuple(builtin_platforms()) == get_args(PlatformName)


def test_any_string_still_names_a_platform_at_run_time() -> None:
    """The Literal helps editors; a call takes any spelling the registry knows."""
    assert "x" == get_platform("Twitter").name == get_platform(" X ").name
