"""Rule selection, as ruff selects: codes or prefixes (``"CLK"``, ``"CLK001"``, ``"ALL"``).

``select`` and ``ignore`` take codes or prefixes; the most specific entry wins, and
``ignore`` wins a tie. Entries are checked against the registry here, once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from postkit.errors import ConfigError
from postkit.rules.registry import RULES, suggest_code

if TYPE_CHECKING:
    from postkit.config import Config

__all__ = ["codes", "is_selected", "with_selection"]


def codes(value: Iterable[str] | str | None, key: str) -> tuple[str, ...]:
    """Codes or prefixes, upper-cased and checked; ConfigError naming ``key`` otherwise."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    found: list[str] = []
    for raw in value:
        if not isinstance(raw, str):
            msg = f"expected rule codes or prefixes as strings, got {raw!r}"
            raise ConfigError(msg, field=key)
        entry = raw.strip().upper()
        if entry != "ALL" and not any(code.startswith(entry) for code in RULES):
            msg = f"unknown rule code or prefix {raw!r}{suggest_code(entry)}"
            raise ConfigError(msg, field=key)
        if entry not in found:
            found.append(entry)
    return tuple(found)


def with_selection(
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> Config:
    """``config`` with a selection layered on top, as ruff layers its command line on its settings.

    ``select`` replaces the configured ``select`` (and the configured ``ignore`` no longer
    applies to it); ``ignore`` adds to ``ignore``; ``extend_select`` adds to the selection
    and overrides a configured ``ignore`` of the same entry.

    Raises:
        ConfigError: an unknown code or prefix; its ``field`` names the argument
            (``select``, ``ignore``, ``extend-select``).
    """
    chosen = None if select is None else codes(select, "select")
    more_ignored = codes(ignore, "ignore")
    extend = codes(extend_select, "extend-select")
    if chosen is None and not more_ignored and not extend:
        return config
    base_select, base_ignore = config.select, config.ignore
    if chosen is not None:
        base_select, base_ignore = chosen, ()
    if extend:
        base_select = (*(base_select if base_select is not None else ("ALL",)), *extend)
        base_ignore = tuple(entry for entry in base_ignore if entry not in extend)
    return attrs.evolve(config, select=base_select, ignore=(*base_ignore, *more_ignored))


def is_selected(code: str, select: Iterable[str] | None, ignore: Iterable[str] = ()) -> bool:
    """Whether ``code`` runs under ``select``/``ignore``, by ruff's rule.

    The most specific matching entry wins (``ALL`` < ``CLK`` < ``CLK001``); ``ignore``
    wins a tie. ``select=None`` means ``ALL``.

    >>> is_selected("CLK002", ["CLK"], ["CLK002"]), is_selected("CLK001", ["CLK"], ["CLK002"])
    (False, True)
    """
    chosen = _specificity(code, ("ALL",) if select is None else select)
    if chosen is None:
        return False
    ignored = _specificity(code, ignore)
    return ignored is None or chosen > ignored


def _specificity(code: str, prefixes: Iterable[str]) -> int | None:
    best: int | None = None
    for prefix in prefixes:
        if prefix == "ALL":
            length = 0
        elif code.startswith(prefix):
            length = len(prefix)
        else:
            continue
        best = length if best is None else max(best, length)
    return best
