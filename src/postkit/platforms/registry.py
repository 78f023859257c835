"""Platforms: limits, units and link/hashtag rules, each a profile in ``data/platforms.toml``.

The numbers live in data, each with its source; nothing here hard-codes a platform
figure. Configuration can override a built-in platform or add one that starts from
a built-in (``base = "mastodon"``), so a 1000-character Mastodon instance is three lines
of TOML.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

import attrs
import regex

from postkit import _data
from postkit._public import public
from postkit.errors import ConfigError, UnknownPlatformError, did_you_mean
from postkit.platforms.families import COUNTERS, FAMILIES, counters_for, get_counter, get_family
from postkit.platforms.family import Counter, Family
from postkit.platforms.names import PlatformName

__all__ = [
    "PLATFORM_KEYS",
    "Platform",
    "builtin_platforms",
    "configured_platforms",
    "get_platform",
    "make_platform",
]

_LINKS = ("clickable", "bio")
_NAME = regex.compile(r"[a-z][a-z0-9_-]{0,31}+")
_RESERVED = {"all": "it means every platform", "twitter": "it is another name for 'x'"}
_RENAMED = {"payload": "family"}


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        msg = f"must be a positive whole number, got {value!r}"
        raise ConfigError(msg, field=attribute.name)


def _not_negative(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        msg = f"must be a whole number, 0 or more (0: no hashtags), got {value!r}"
        raise ConfigError(msg, field=attribute.name)


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
        if value not in choices:
            msg = f"must be one of {', '.join(choices)}, got {value!r}{did_you_mean(str(value), choices)}"
            raise ConfigError(msg, field=attribute.name)

    return check


def _counter_of(inst: Platform, _attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        get_counter(value, inst.family)
    elif inst.family.counter is None:
        msg = (
            f"a platform of the {inst.family.name!r} family names its counter: "
            f'{", ".join(counters_for(inst.family))} (or family = "<family>", or base = "<platform>")'
        )
        raise ConfigError(msg, field="counter")


@public
@attrs.frozen
class Platform:
    """One platform: how long a post may be, its family, and how it counts.

    ``family`` (a :class:`~postkit.platforms.family.Family`, or its name) is which app or
    API the platform is: how it counts, finds and shows links, its payload and replies.
    ``counter`` names a counting scheme instead of the family's own (the generic ``utf16``,
    ``graphemes``, ``codepoints``; required for the ``text`` family); :attr:`counting` is the
    one in use. ``limit`` is in its unit; ``byte_limit`` (Bluesky) is a second limit in
    UTF-8 bytes of the text as sent. See ``data/platforms.toml`` for sources.
    """

    name: str
    title: str
    limit: int = attrs.field(validator=_positive)
    family: Family = attrs.field(default=FAMILIES["text"], converter=get_family, repr=lambda f: repr(f.name))
    counter: str | None = attrs.field(default=None, validator=_counter_of)
    unit: str = "characters"
    url_length: int | None = attrs.field(default=None, validator=_positive)
    byte_limit: int | None = attrs.field(default=None, validator=_positive)
    caption_limit: int | None = attrs.field(default=None, validator=_positive)
    links: str = attrs.field(default="clickable", validator=_one_of(_LINKS))
    hashtags_advised: int | None = attrs.field(default=None, validator=_not_negative)
    hashtags_max: int | None = attrs.field(default=None, validator=_not_negative)
    fold: int | None = attrs.field(default=None, validator=_positive)
    summary: bool = True
    unconfirmed: bool = False
    source: str = ""

    @property
    def counting(self) -> Counter:
        """The counting scheme in use: ``counter``'s, else the family's own."""
        if self.counter is not None:
            return COUNTERS[self.counter]
        if self.family.counter is None:  # not reached: the validator refuses it (this narrows the type)
            msg = f"a platform of the {self.family.name!r} family names its counter"
            raise ConfigError(msg, field=f"platforms.{self.name}.counter")
        return self.family.counter

    @property
    def links_clickable(self) -> bool:
        """Whether a URL in a post becomes a link (Instagram: no, say "link in bio")."""
        return self.links == "clickable"

    def to_dict(self) -> dict[str, Any]:
        """The platform as JSON-ready data: the family by name, ``counter`` the one in use."""
        data = attrs.asdict(self, recurse=False)
        data["family"] = self.family.name
        data["counter"] = self.counting.name
        return data


_FIELDS = {a.name: a for a in attrs.fields(Platform)}
_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "limit": (int,),
    "family": (str,),
    "counter": (str,),
    "unit": (str,),
    "url_length": (int,),
    "byte_limit": (int,),
    "caption_limit": (int,),
    "links": (str,),
    "hashtags_advised": (int,),
    "hashtags_max": (int,),
    "fold": (int,),
    "summary": (bool,),
    "unconfirmed": (bool,),
    "source": (str,),
}

#: The keys a ``[platforms.NAME]`` table accepts (README, "Configuration"): ``base`` and the profile's.
PLATFORM_KEYS = ("base", *_TYPES)


def make_platform(
    name: str,
    values: Mapping[str, Any],
    *,
    base: Platform | None = None,
    where: str | None = None,
) -> Platform:
    """Build a Platform from TOML values, on top of ``base`` when given.

    Raises:
        ConfigError: naming the key, for unknown keys, wrong types or bad values.
    """
    merged: dict[str, Any] = attrs.asdict(base, recurse=False) if base is not None else {"name": name, "title": name}
    if base is not None and base.name != name:
        # A new platform built on another is shown by its own name (the preview's cards and
        # table), not as its base: ``title = "…"`` names it otherwise.
        merged["title"] = name
    merged["name"] = name
    prefix = f"platforms.{name}"
    for key, value in values.items():
        if key == "base":
            continue
        if key in _RENAMED:
            msg = f"{key!r} is now {_RENAMED[key]!r}: {_RENAMED[key]} = {value!r}"
            raise ConfigError(msg, path=where, field=f"{prefix}.{key}")
        if key not in _TYPES:
            msg = f"unknown platform key {key!r}{did_you_mean(key, PLATFORM_KEYS)}"
            hint = f"a platform table accepts {', '.join(PLATFORM_KEYS)}"
            raise ConfigError(msg, path=where, field=f"{prefix}.{key}", hint=hint)
        types = _TYPES[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            msg = f"expected {types[0].__name__}, got {value!r}"
            raise ConfigError(msg, path=where, field=f"{prefix}.{key}")
        merged[key] = value
    if "limit" not in merged:
        msg = "a new platform needs 'limit' (or base = \"<platform>\" to start from one)"
        raise ConfigError(msg, path=where, field=f"{prefix}.limit")
    try:
        return Platform(**merged)
    except ConfigError as err:
        raise ConfigError(err.message, path=where, field=f"{prefix}.{err.field}") from None


@functools.cache
def builtin_platforms() -> Mapping[str, Platform]:
    """The platforms shipped in ``data/platforms.toml``, in file order."""
    return {
        name: make_platform(name, values, where="postkit/data/platforms.toml")
        for name, values in _data.table("platforms.toml").items()
    }


def get_platform(
    name: PlatformName | str | Platform,
    registry: Mapping[str, Platform] | None = None,
) -> Platform:
    """Look a platform up by name (case-insensitive), or pass a Platform through.

    Raises:
        UnknownPlatformError: with a "did you mean" suggestion.
    """
    if isinstance(name, Platform):
        return name
    table = builtin_platforms() if registry is None else registry
    key = name.strip().lower()
    if key == "twitter":
        key = "x"
    try:
        return table[key]
    except (KeyError, TypeError):
        msg = f"unknown platform {name!r}{did_you_mean(key, table)} (known: {', '.join(table)})"
        raise UnknownPlatformError(msg) from None


def configured_platforms(value: Any, where: str | None, prefix: str = "") -> dict[str, Platform]:
    """Profiles from a configuration's ``[platforms.NAME]`` tables, each built on its base.

    A table named like a built-in overrides it; ``base = "NAME"`` starts from a built-in
    or another configured platform. Chains of any length resolve without recursion; a
    cycle (a platform that is, through others or directly, its own base) is an error.

    Raises:
        ConfigError: naming ``where`` and the dotted key, with a did-you-mean.
    """

    def fail(key: str, msg: str) -> ConfigError:
        return ConfigError(msg, path=where, field=f"{prefix}{key}")

    tables = _tables(value, fail)
    builtins = builtin_platforms()
    bases = {name: _base_of(name, values, tables, fail) for name, values in tables.items()}
    built: dict[str, Platform] = {}
    for name in tables:
        for step in reversed(_unbuilt_chain(name, bases, tables, built, fail)):
            base_name = bases[step]
            if base_name is None:
                base = builtins.get(step)
            else:
                base = built[base_name] if base_name in built and base_name != step else builtins[base_name]
            try:
                built[step] = make_platform(step, tables[step], base=base, where=where)
            except ConfigError as err:
                raise ConfigError(err.message, path=where, field=f"{prefix}{err.field}", hint=err.hint) from None
    return {name: built[name] for name in tables}


_Fail: TypeAlias = Callable[[str, str], ConfigError]


def _tables(value: Any, fail: _Fail) -> dict[str, dict[str, Any]]:
    """The ``[platforms.NAME]`` tables by normalised name, each name checked."""
    if not isinstance(value, dict):
        raise fail("platforms", f"expected a table of platform profiles, got {type(value).__name__}")
    tables: dict[str, dict[str, Any]] = {}
    for raw_name, values in value.items():
        name = raw_name.strip().lower()
        key = f"platforms.{raw_name}"
        if not _NAME.fullmatch(name):
            raise fail(key, "a platform name is lowercase letters, digits, '-' and '_'")
        if name in _RESERVED:
            raise fail(key, f"{name!r} cannot name a platform: {_RESERVED[name]}")
        if name in tables:
            raise fail(key, f"platform {name!r} is configured twice")
        if not isinstance(values, dict):
            raise fail(key, f"expected a table of profile settings, got {type(values).__name__}")
        tables[name] = values
    return tables


def _base_of(name: str, values: dict[str, Any], tables: Mapping[str, object], fail: _Fail) -> str | None:
    """The platform ``name`` starts from: None (itself, if built in), a configured or a built-in name."""
    if "base" not in values:
        return None
    key = f"platforms.{name}.base"
    raw = values["base"]
    if not isinstance(raw, str):
        raise fail(key, f"expected a platform name, got {type(raw).__name__}")
    base = raw.strip().lower()
    base = "x" if base == "twitter" else base
    builtins = builtin_platforms()
    if base not in tables and base not in builtins:
        known = sorted({*builtins, *tables} - {name})
        raise fail(key, f"unknown platform {base!r}{did_you_mean(base, known)}")
    return base


def _unbuilt_chain(
    name: str,
    bases: Mapping[str, str | None],
    tables: Mapping[str, object],
    built: Mapping[str, Platform],
    fail: _Fail,
) -> list[str]:
    """``name`` and the configured platforms it derives from that are not built yet, nearest first.

    A base that is a configured platform comes before it; a built-in named by its own
    override (``[platforms.mastodon] base = "mastodon"``) is the built-in, not a cycle.
    """
    chain: list[str] = []
    seen: set[str] = set()
    step: str | None = name
    while step is not None and step not in built:
        if step in seen:
            cycle = " -> ".join([*chain[chain.index(step) :], step])
            raise fail(f"platforms.{chain[-1]}.base", f"profiles derive from each other: {cycle}")
        chain.append(step)
        seen.add(step)
        base = bases[step]
        configured = base is not None and base in tables and (base != step or base not in builtin_platforms())
        step = base if configured else None
    return chain
