"""The one registry of platform families and counting schemes.

Every list of family or counter names postkit uses (configuration checks, did-you-mean,
the thread families, the documentation's tests) comes from here. Adding a family is one
module that defines its ``FAMILY`` and one line below.
"""

from __future__ import annotations

import types
from collections.abc import Mapping

from postkit.errors import ConfigError, did_you_mean
from postkit.platforms import bluesky, facebook, generic, instagram, linkedin, mastodon_api, telegram, threads, x
from postkit.platforms.family import Counter, Family

__all__ = ["COUNTERS", "FAMILIES", "THREAD_FAMILIES", "counters_for", "get_counter", "get_family"]

#: The families, by the name a profile's ``family`` gives, in the order the docs list them.
FAMILIES: Mapping[str, Family] = types.MappingProxyType(
    {
        family.name: family
        for family in (
            x.FAMILY,
            bluesky.FAMILY,
            mastodon_api.FAMILY,
            threads.FAMILY,
            linkedin.FAMILY,
            facebook.FAMILY,
            instagram.FAMILY,
            telegram.FAMILY,
            generic.FAMILY,
        )
    }
)

#: Every counting scheme a profile's ``counter`` may name: each family's own, then the generic ones.
COUNTERS: Mapping[str, Counter] = types.MappingProxyType(
    {
        counter.name: counter
        for counter in (*(f.counter for f in FAMILIES.values() if f.counter is not None), *generic.COUNTERS)
    }
)

#: The families whose APIs chain replies, so a thread can be posted.
THREAD_FAMILIES: tuple[str, ...] = tuple(name for name, family in FAMILIES.items() if family.has_replies)

_GENERIC = frozenset(counter.name for counter in generic.COUNTERS)


def get_family(name: str | Family) -> Family:
    """A family by name, or a Family passed through.

    Raises:
        ConfigError: for an unknown name, with field ``family`` and a did-you-mean.
    """
    if isinstance(name, Family):
        return name
    try:
        return FAMILIES[name]
    except (KeyError, TypeError):
        msg = f"must be one of {', '.join(FAMILIES)}, got {name!r}{did_you_mean(str(name), FAMILIES)}"
        raise ConfigError(msg, field="family") from None


def counters_for(family: Family) -> tuple[str, ...]:
    """The counter names a profile of ``family`` may give: its own (if any), then the generic ones."""
    own = () if family.counter is None else (family.counter.name,)
    return (*own, *(name for name in COUNTERS if name in _GENERIC and name not in own))


def get_counter(name: str, family: Family) -> Counter:
    """The counting scheme ``name`` for a profile of ``family``.

    A family's own counter goes with its link grammar, so ``counter = "x"`` is X's family
    only; the generic counters go with any family.

    Raises:
        ConfigError: with field ``counter``, saying which family a counter belongs to.
    """
    counter = COUNTERS.get(name)
    if counter is None:
        msg = f"must be one of {', '.join(COUNTERS)}, got {name!r}{did_you_mean(name, COUNTERS)}"
        raise ConfigError(msg, field="counter")
    if name not in counters_for(family):
        owner = next(f.name for f in FAMILIES.values() if f.counter is counter)
        msg = (
            f"{name!r} counts as the {owner} family does: set family = {owner!r} "
            f"(counters of the {family.name} family: {', '.join(counters_for(family))})"
        )
        raise ConfigError(msg, field="counter")
    return counter
