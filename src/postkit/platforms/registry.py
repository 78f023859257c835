"""Platform profiles: limits, units and link/hashtag rules, loaded from ``data/platforms.toml``.

The numbers live in data, each with its source; nothing here hard-codes a platform
figure. Configuration can override a built-in profile or add one that starts from
a built-in (``base = "mastodon"``), so a 1000-character Mastodon instance is three lines
of TOML.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import regex

from postkit import _data
from postkit.errors import ConfigError, UnknownPlatformError, did_you_mean

__all__ = [
    "COUNTERS",
    "PAYLOADS",
    "Platform",
    "builtin_platforms",
    "configured_platforms",
    "get_platform",
    "make_platform",
]

#: The counting schemes ``counting.measure`` knows, by the name a profile uses.
COUNTERS = ("x", "bluesky", "mastodon", "threads", "utf16", "graphemes", "codepoints")
#: The API payload shapes ``payloads.build_payload`` knows, by the name a profile uses.
PAYLOADS = ("text", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram", "telegram")
_LINKS = ("clickable", "bio")
_NAME = regex.compile(r"[a-z][a-z0-9_-]{0,31}+")
_RESERVED = {"all": "it means every platform", "twitter": "it is another name for 'x'"}


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


@attrs.frozen
class Platform:
    """One platform's profile: how long a post may be and how the platform counts it.

    ``limit`` is in the unit of ``counter``; ``byte_limit`` (Bluesky) is a second limit
    in UTF-8 bytes of the text as sent. See ``data/platforms.toml`` for sources.
    """

    name: str
    title: str
    limit: int = attrs.field(validator=_positive)
    counter: str = attrs.field(validator=_one_of(COUNTERS))
    unit: str = "characters"
    url_length: int | None = attrs.field(default=None, validator=_positive)
    byte_limit: int | None = attrs.field(default=None, validator=_positive)
    caption_limit: int | None = attrs.field(default=None, validator=_positive)
    links: str = attrs.field(default="clickable", validator=_one_of(_LINKS))
    payload: str = attrs.field(default="text", validator=_one_of(PAYLOADS))
    hashtags_advised: int | None = attrs.field(default=None, validator=_not_negative)
    hashtags_max: int | None = attrs.field(default=None, validator=_not_negative)
    fold: int | None = attrs.field(default=None, validator=_positive)
    summary: bool = True
    unconfirmed: bool = False
    source: str = ""

    @property
    def links_clickable(self) -> bool:
        """Whether a URL in a post becomes a link (Instagram: no, say "link in bio")."""
        return self.links == "clickable"


_FIELDS = {a.name: a for a in attrs.fields(Platform)}
_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "limit": (int,),
    "counter": (str,),
    "unit": (str,),
    "url_length": (int,),
    "byte_limit": (int,),
    "caption_limit": (int,),
    "links": (str,),
    "payload": (str,),
    "hashtags_advised": (int,),
    "hashtags_max": (int,),
    "fold": (int,),
    "summary": (bool,),
    "unconfirmed": (bool,),
    "source": (str,),
}


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
    merged: dict[str, Any] = attrs.asdict(base) if base is not None else {"name": name, "title": name}
    merged["name"] = name
    prefix = f"platforms.{name}"
    for key, value in values.items():
        if key == "base":
            continue
        if key not in _TYPES:
            msg = f"unknown platform key {key!r}{did_you_mean(key, _TYPES)}"
            raise ConfigError(msg, path=where, field=f"{prefix}.{key}")
        types = _TYPES[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            msg = f"expected {types[0].__name__}, got {value!r}"
            raise ConfigError(msg, path=where, field=f"{prefix}.{key}")
        merged[key] = value
    for required in ("limit", "counter"):
        if required not in merged:
            msg = f'a new platform needs {required!r} (or base = "<platform>" to start from one)'
            raise ConfigError(msg, path=where, field=f"{prefix}.{required}")
    try:
        return Platform(**merged)
    except ConfigError as err:
        raise ConfigError(err.message, path=where, field=f"{prefix}.{err.field}") from None


@functools.cache
def builtin_platforms() -> Mapping[str, Platform]:
    """The profiles shipped in ``data/platforms.toml``, in file order."""
    return {
        name: make_platform(name, values, where="postkit/data/platforms.toml")
        for name, values in _data.table("platforms.toml").items()
    }


def get_platform(
    name: str | Platform,
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


def _base_name(value: Any, fail: Callable[[str], ConfigError]) -> str:
    if not isinstance(value, str):
        raise fail(f"expected a platform name, got {type(value).__name__}")
    name = value.strip().lower()
    return "x" if name == "twitter" else name


def configured_platforms(value: Any, where: str | None, prefix: str = "") -> dict[str, Platform]:
    """Profiles from a configuration's ``[platforms.NAME]`` tables, each built on its base.

    A table named like a built-in overrides it; ``base = "NAME"`` starts from a built-in
    or another configured platform (cycles are errors).

    Raises:
        ConfigError: naming ``where`` and the dotted key, with a did-you-mean.
    """

    def fail(key: str, msg: str) -> ConfigError:
        return ConfigError(msg, path=where, field=f"{prefix}{key}")

    if not isinstance(value, dict):
        raise fail("platforms", f"expected a table of platform profiles, got {type(value).__name__}")
    builtins = builtin_platforms()
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
    built: dict[str, Platform] = {}

    def build(name: str, chain: tuple[str, ...]) -> Platform:
        if name in built:
            return built[name]
        values = tables[name]
        base: Platform | None = builtins.get(name)
        if "base" in values:
            base_name = _base_name(values["base"], lambda m: fail(f"platforms.{name}.base", m))
            if base_name in tables and base_name != name:
                if base_name in chain:
                    cycle = " -> ".join((*chain, name, base_name))
                    raise fail(f"platforms.{name}.base", f"profiles derive from each other: {cycle}")
                base = build(base_name, (*chain, name))
            elif base_name in builtins:
                base = builtins[base_name]
            else:
                known = sorted({*builtins, *tables} - {name})
                raise fail(f"platforms.{name}.base", f"unknown platform {base_name!r}{did_you_mean(base_name, known)}")
        try:
            platform = make_platform(name, values, base=base, where=where)
        except ConfigError as err:
            raise ConfigError(err.message, path=where, field=f"{prefix}{err.field}", hint=err.hint) from None
        built[name] = platform
        return platform

    for name in tables:
        build(name, ())
    return built
