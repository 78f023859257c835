"""The rule registry: every family module's rules, by code, in catalogue order.

Rules are registered by family module (LEN, STR, URL, UNI, HTM, CAP, PUN, EMO, TAG, CLK,
HYP, CAS, TPL); each module has a module-level ``RULES`` tuple.
"""

from __future__ import annotations

import types
from collections.abc import Mapping

from postkit.errors import ConfigError, did_you_mean
from postkit.rules import (
    caps,
    casual,
    clickbait,
    emojis,
    hype,
    length,
    markup,
    punctuation,
    structure,
    tags,
    templates,
    unicode,
    urls,
)
from postkit.rules.base import Rule

__all__ = ["MODULES", "RULES", "all_codes", "families", "get_rule", "suggest_code"]

#: The family modules, in catalogue order; each has a module-level ``RULES`` tuple.
MODULES = (
    length,
    structure,
    urls,
    unicode,
    markup,
    caps,
    punctuation,
    emojis,
    tags,
    clickbait,
    hype,
    casual,
    templates,
)
#: Every rule by code, in catalogue order.
RULES: Mapping[str, Rule] = types.MappingProxyType({rule.code: rule for module in MODULES for rule in module.RULES})


def all_codes() -> tuple[str, ...]:
    """Every registered rule code, in catalogue order."""
    return tuple(RULES)


def get_rule(code: str) -> Rule:
    """The rule with ``code`` (any case).

    Raises:
        ConfigError: for an unknown code, suggesting a close one.
    """
    try:
        return RULES[code.strip().upper()]
    except KeyError:
        msg = f"unknown rule code {code!r}{suggest_code(code)}"
        raise ConfigError(msg) from None


def suggest_code(entry: str) -> str:
    """``; did you mean 'X'?`` for an unknown code or prefix: a real one, the closest by how codes are made.

    A family it starts with decides: ``CAPS`` → ``CAP`` (not ``CAS``, as close by letters);
    ``CLK01`` → the closest code of the CLK family, ``CLK001``. Otherwise the closest code
    or family by letters (``CKL001`` → ``CLK001``); ``""`` when none is close.
    """
    upper = entry.strip().upper()
    family = next((name for name in families() if upper.startswith(name)), None)
    if family is None:
        return did_you_mean(upper, [*RULES, *families()])
    rest = upper[len(family) :]
    if rest.isdigit():
        found = did_you_mean(upper, [code for code in RULES if code.startswith(family)])
        return found or f"; did you mean {family!r}?"
    return f"; did you mean {family!r}?"


def families() -> list[str]:
    """The code families (``CLK``, ``LEN``, …), sorted."""
    return sorted({rule.family for rule in RULES.values()})
