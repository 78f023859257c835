"""Tone profiles (``data/tones.toml``): rule options over the defaults, rules turned off.

A newsroom's ``news`` tone is strict about hype and casual register; ``casual`` allows
more emoji and exclamation marks. Each tone is checked against the registry on load.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from typing import Any

import attrs

from postkit import _data
from postkit.errors import ConfigError
from postkit.rules.registry import RULES

__all__ = ["TONES", "Tone", "tones"]


@attrs.frozen
class Tone:
    """A tone: rule options over the defaults, and rules it turns off."""

    name: str
    description: str
    off: frozenset[str]
    options: Mapping[str, Mapping[str, Any]]


@functools.cache
def tones() -> Mapping[str, Tone]:
    """The tones of data/tones.toml, checked against the registry."""
    table = _data.table("tones.toml")
    found = {}
    for name, entry in table.items():
        off = frozenset(entry.get("off", ()))
        options = {code: types.MappingProxyType(dict(values)) for code, values in entry.get("options", {}).items()}
        for code in off | set(options):
            if code not in RULES:
                msg = f"tone {name!r} names unknown rule code {code!r}"
                raise ConfigError(msg, path="data/tones.toml")
        for code, values in options.items():
            unknown = set(values) - set(RULES[code].options)
            if unknown:
                msg = f"tone {name!r}: {code} has no option {min(unknown)!r}"
                raise ConfigError(msg, path="data/tones.toml")
        found[name] = Tone(name, entry.get("description", ""), off, types.MappingProxyType(options))
    return types.MappingProxyType(found)


#: The tones' names; ``news`` is the default.
TONES: tuple[str, ...] = tuple(tones())
