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

__all__ = ["MODULES", "RULES", "all_codes", "families", "get_rule"]

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
        msg = f"unknown rule code {code!r}{did_you_mean(code.strip().upper(), RULES)}"
        raise ConfigError(msg) from None


def families() -> list[str]:
    """The code families (``CLK``, ``LEN``, …), sorted."""
    return sorted({rule.family for rule in RULES.values()})
