"""Configuration: ``[tool.postkit]`` in pyproject.toml, or a ``postkit.toml``.

Discovery works as ruff's does: starting from a folder (the current one by default)
and walking up, the first folder holding a ``postkit.toml``, or a ``pyproject.toml``
with a ``[tool.postkit]`` table, supplies the configuration; ``postkit.toml`` wins
when a folder has both. ``--config PATH`` names a file outright. ``postkit.toml``
holds the settings at top level, ``pyproject.toml`` under ``[tool.postkit]``::

    [tool.postkit]
    tone = "news"                    # tone: news (default) or casual
    select = ["ALL"]                 # rule codes or prefixes ("CLK"); default: all
    ignore = ["HYP001"]
    fail-on = "warning"              # error (default), warning or info
    templates = "templates"          # folders, relative to this file
    examples = "examples"
    targets = ["x", "bluesky", "mastodon"]   # platforms to compose for and check
    utm-campaign = "spring-2025"
    utm-medium = "social"            # the utm_medium of every link (default: social)
    acronyms = ["NATO", "UEFA"]      # extra all-caps words CAP001 accepts
    base-url = "https://blog.example/posts/"   # records without a url get one under it
    include-drafts = false           # drafts, scheduled and private posts are skipped (default)

    [tool.postkit.fields]            # record keys postkit does not know -> record fields
    web_title = "title"

    [tool.postkit.emoji]             # topic -> emoji (or :short_code:), over the built-ins
    food = "🍲"

    [tool.postkit.cta.hi]            # language -> call to action, over the built-ins
    read-more = "और पढ़ें"
    link-in-bio = "लिंक बायो में"

    [tool.postkit.per-rule.CLK001]
    severity = "info"                # plus the rule's own options

    [tool.postkit.platforms.mastodon]   # override a built-in platform
    limit = 1000

    [tool.postkit.platforms.social-example]   # or add one, starting from a built-in
    base = "mastodon"
    limit = 5000

``platforms`` may instead be a list of names (``platforms = ["x", "bluesky"]``), the
same as ``targets``, when no platform is overridden (TOML cannot make one key both).

Every problem is a :class:`ConfigError` naming the file and the dotted key, with a
"did you mean" for misspelt keys and values. This module checks the shape of the
settings; rule codes, options and the tone are checked once, by the rules
(``RuleSet.from_config``), which depend on the configuration and not the other way round.
"""

from __future__ import annotations

import functools
import os
import stat
import tomllib
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeAlias

import attrs
import regex

from postkit._emoji_table import is_emoji
from postkit._public import public
from postkit.article import Article, check_url
from postkit.errors import ConfigError, UnknownPlatformError, did_you_mean, toml_problem
from postkit.platforms.registry import Platform, builtin_platforms, configured_platforms, get_platform
from postkit.severity import Severity

__all__ = [
    "CONFIG_FILES",
    "Config",
    "RuleSettings",
    "find_config",
    "load_config",
    "parse_config",
    "read_config",
]

#: File names discovery looks for in each folder, in order of precedence.
CONFIG_FILES = ("postkit.toml", "pyproject.toml")

_KEYS = (
    "tone",
    "select",
    "ignore",
    "per-rule",
    "templates",
    "examples",
    "platforms",
    "targets",
    "fail-on",
    "utm-campaign",
    "utm-medium",
    "acronyms",
    "base-url",
    "include-drafts",
    "fields",
    "emoji",
    "cta",
)
_CODE = regex.compile(r"[A-Z]{1,8}+[0-9]{0,4}+")


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class RuleSettings:
    """One rule's ``[per-rule.CODE]`` table: a severity override and rule options."""

    severity: Severity | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)


@public
@attrs.frozen
class Config:
    """Settings from ``[tool.postkit]`` (or ``postkit.toml``), validated, paths resolved.

    ``Config()`` is the default configuration. Fields left at ``None`` mean "the
    default": ``select`` all rules, ``platforms`` every platform, no templates or
    examples folder (the CLI's own defaults apply).

    Attributes:
        path: the file the settings came from, or None.
        root: the folder relative paths resolved against (the file's folder).
        platforms: the names of the platforms to compose for and check (``targets``,
            or ``platforms`` as a list, in the file); None means every platform.
        configured_platforms: the platforms of ``[platforms.NAME]``, each built on a
            built-in; :meth:`platform_registry` merges them with the built-ins.
        utm_medium: the ``utm_medium`` of every link (None: ``social``).
        base_url: records without a url get one under it (``base-url``).
        fields: record key → record field (``[fields]``), for names postkit does not know.
        include_drafts: drafts, scheduled and private posts become posts too (``include-drafts``).
        emoji: topic (case-folded) → emoji (``[emoji]``), over ``data/emoji_topics.toml``.
        cta: language → (read more, link in bio or None) (``[cta.LANG]``), over ``data/cta.toml``.
    """

    path: Path | None = None
    root: Path | None = None
    tone: str = "news"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_rule: Mapping[str, RuleSettings] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    templates: Path | None = None
    examples: Path | None = None
    platforms: tuple[str, ...] | None = None
    configured_platforms: Mapping[str, Platform] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    fail_on: Severity = Severity.ERROR
    utm_campaign: str | None = None
    acronyms: tuple[str, ...] = ()
    utm_medium: str | None = None
    base_url: str | None = None
    include_drafts: bool = False
    fields: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    emoji: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    cta: Mapping[str, tuple[str, str | None]] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)

    def platform_registry(self) -> Mapping[str, Platform]:
        """The built-in platforms with this configuration's overrides and additions.

        Pass it to ``platforms.get_platform(name, registry)``.
        """
        if not self.configured_platforms:
            return builtin_platforms()
        return types.MappingProxyType({**builtin_platforms(), **self.configured_platforms})

    def target_platforms(self) -> tuple[Platform, ...]:
        """The platforms to compose for and check: ``platforms``, or every one."""
        registry = self.platform_registry()
        if self.platforms is None:
            return tuple(registry.values())
        return tuple(registry[name] for name in self.platforms)

    @property
    def key_prefix(self) -> str:
        """What keys are prefixed with in messages: ``tool.postkit.`` in a pyproject.toml."""
        return _prefix(self.path)


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Find the nearest configuration file, walking up from ``start`` (default: cwd).

    Returns:
        The path of a ``postkit.toml``, or of a ``pyproject.toml`` that has a
        ``[tool.postkit]`` table; None when no folder up to the root has one.

    Raises:
        ConfigError: when a ``pyproject.toml`` on the way cannot be read as TOML, or a
            ``postkit.toml`` on the way is no regular file (a folder, a FIFO, a dangling link).
    """
    folder = Path(start if start is not None else Path.cwd()).absolute()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILES[0]
        if own.is_file():
            return own
        if own.exists() or own.is_symlink():  # a folder, a FIFO, a dangling link: not skipped unsaid
            _read_bytes(own)  # raises, naming what it is
        project = candidate / CONFIG_FILES[1]
        if project.is_file() and _has_postkit_table(_read_toml(project)):
            return project
    return None


def load_config(
    config: str | os.PathLike[str] | None = None,
    *,
    start: str | os.PathLike[str] | None = None,
) -> Config:
    """Load the configuration: ``config`` if given (``--config``), else the nearest one.

    Args:
        config: an explicit file; a ``pyproject.toml`` is read from ``[tool.postkit]``,
            any other name as a ``postkit.toml`` (settings at top level).
        start: where discovery starts (default: the current folder).

    Returns:
        The Config; the defaults (rooted at ``start``) when no file is found. Its shape is
        checked here; rule codes and options are checked once, by the rules
        (``RuleSet.from_config``).

    Raises:
        ConfigError: naming the file and the dotted key (exit code 2 in the CLI).
    """
    if config is not None:
        result = read_config(config)
    else:
        found = find_config(start)
        if found is None:
            root = Path(start if start is not None else Path.cwd()).absolute()
            result = Config(root=root.parent if root.is_file() else root)
        else:
            result = read_config(found)
    return result


def read_config(path: str | os.PathLike[str]) -> Config:
    """Read one configuration file (``pyproject.toml`` or a ``postkit.toml``-style file).

    Raises:
        ConfigError: for a missing file, broken TOML (with its line) or a bad setting.
    """
    file = Path(path).absolute()
    data = _read_toml(file)
    if file.name == CONFIG_FILES[1]:
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError("expected a table", path=str(file), field="tool")
        table = tool.get("postkit", {})
    else:
        if "tool" in data and isinstance(data["tool"], dict) and "postkit" in data["tool"]:
            msg = f"{file.name} holds the settings at top level"
            raise ConfigError(
                msg,
                path=str(file),
                field="tool.postkit",
                hint="drop the [tool.postkit] header and the 'tool.postkit.' prefixes",
            )
        table = data
    return parse_config(table, path=file, root=file.parent)


def parse_config(
    table: Any,
    *,
    path: Path | None = None,
    root: Path | None = None,
) -> Config:
    """Build a Config from an already-parsed ``[tool.postkit]`` table.

    Args:
        table: the settings (a mapping, as tomllib gives it).
        path: the file they came from, for messages; a ``pyproject.toml`` makes keys
            read ``tool.postkit.<key>``.
        root: the folder relative paths resolve against (default: ``path``'s folder).

    Raises:
        ConfigError: naming the dotted key, for unknown keys and bad values.
    """
    prefix = _prefix(path)
    where = str(path) if path is not None else None
    if root is None:
        root = path.parent if path is not None else Path.cwd()

    def fail(key: str, msg: str, hint: str | None = None) -> ConfigError:
        return ConfigError(msg, path=where, field=f"{prefix}{key}", hint=hint)

    if not isinstance(table, Mapping):
        raise ConfigError("expected a table", path=where, field=prefix.rstrip(".") or None)
    for key in table:
        if key == "profile":  # the tone's name before 0.1.0
            raise fail(key, "unknown setting; use 'tone'", hint="tone = 'news' or 'casual'")
        if key not in _KEYS:
            raise fail(key, f"unknown setting{did_you_mean(key, _KEYS)}", hint=f"known settings: {', '.join(_KEYS)}")
    readers: dict[str, tuple[str, Callable[[Any, _Fail], Any]]] = {
        "tone": ("tone", _name),
        "fail-on": ("fail_on", _severity),
        "select": ("select", _codes),
        "ignore": ("ignore", _codes),
        "per-rule": ("per_rule", lambda value, _: _per_rule(value, fail)),
        "templates": ("templates", lambda value, key_fail: _folder(value, root, key_fail)),
        "examples": ("examples", lambda value, key_fail: _folder(value, root, key_fail)),
        "utm-campaign": ("utm_campaign", _campaign),
        "utm-medium": ("utm_medium", _campaign),
        "acronyms": ("acronyms", _acronyms),
        "base-url": ("base_url", _url),
        "include-drafts": ("include_drafts", _bool),
        "fields": ("fields", lambda value, _: _field_map(value, fail)),
        "emoji": ("emoji", lambda value, _: _emoji(value, fail)),
        "cta": ("cta", lambda value, _: _cta(value, fail)),
    }
    values: dict[str, Any] = {"path": path, "root": root}
    for key, (attribute, read) in readers.items():
        if key in table:
            values[attribute] = read(table[key], functools.partial(fail, key))
    return Config(**values, **_platforms(table, fail, where, prefix))


def _platforms(table: Mapping[str, Any], fail: _KeyFail, where: str | None, prefix: str) -> dict[str, Any]:
    """The ``platforms`` tables and the ``targets``; ``platforms`` may be a list of targets instead."""
    tables = table.get("platforms")
    targets = table.get("targets")
    target_key = "targets"
    if isinstance(tables, list):
        if targets is not None:
            raise fail("platforms", "give the platforms to check in 'targets' or in 'platforms', not both")
        tables, targets, target_key = None, tables, "platforms"
    values: dict[str, Any] = {}
    if tables is not None:
        values["configured_platforms"] = configured_platforms(tables, where, prefix)
    if targets is not None:
        registry = {**builtin_platforms(), **values.get("configured_platforms", {})}
        values["platforms"] = _targets(targets, registry, functools.partial(fail, target_key))
    return values


# --- values --------------------------------------------------------------------------

_Fail: TypeAlias = Callable[[str], ConfigError]
"""Builds the ConfigError for one key from a message."""
_KeyFail: TypeAlias = Callable[..., ConfigError]
"""Builds the ConfigError for a key (relative to the table) from a message."""


def _describe(value: Any) -> str:
    text = repr(value)
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f"{type(value).__name__} {shown}"


def _string(value: Any, fail: _Fail) -> str:
    if not isinstance(value, str):
        raise fail(f"expected a string, got {_describe(value)}")
    return value


def _strings(value: Any, fail: _Fail) -> list[str]:
    if not isinstance(value, list):
        raise fail(f"expected a list of strings, got {_describe(value)}")
    for i, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise fail(f"item {i}: expected a string, got {_describe(item)}")
    return value


def _name(value: Any, fail: _Fail) -> str:
    text = _string(value, fail).strip().lower()
    if not text:
        raise fail("expected a name, got an empty string")
    return text


def _severity(value: Any, fail: _Fail) -> Severity:
    try:
        return Severity.parse(_string(value, fail))
    except ValueError as err:
        raise fail(str(err)) from None


def _codes(value: Any, fail: _Fail) -> tuple[str, ...]:
    codes: list[str] = []
    for item in _strings(value, fail):
        code = item.strip().upper()
        if code != "ALL" and not _CODE.fullmatch(code):
            raise fail(f"{item!r} is not a rule code or prefix (such as 'CLK001', 'CLK' or 'ALL')")
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _per_rule(value: Any, fail: _KeyFail) -> dict[str, RuleSettings]:
    if not isinstance(value, dict):
        raise fail("per-rule", f"expected a table of rule codes, got {_describe(value)}")
    result: dict[str, RuleSettings] = {}
    for raw_code, settings in value.items():
        code = raw_code.strip().upper()
        key = f"per-rule.{raw_code}"
        if not _CODE.fullmatch(code) or not code[-1].isdigit():
            raise fail(key, f"{raw_code!r} is not a rule code; per-rule needs a full code such as 'CLK001'")
        if code in result:
            raise fail(key, f"{code} is configured twice")
        if not isinstance(settings, dict):
            raise fail(key, f"expected a table (severity and options), got {_describe(settings)}")
        options = dict(settings)
        severity = None
        if "severity" in options:
            severity = _severity(options.pop("severity"), lambda m: fail(f"{key}.severity", m))  # noqa: B023
        result[code] = RuleSettings(severity=severity, options=options)
    return result


def _folder(value: Any, root: Path, fail: _Fail) -> Path:
    text = _string(value, fail).strip()
    if not text or "\x00" in text:
        raise fail("expected a folder path, got an empty or invalid string")
    return Path(os.path.normpath(root / text))


def _campaign(value: Any, fail: _Fail) -> str:
    text = _string(value, fail).strip()
    if not text or not text.isprintable():
        raise fail("expected a campaign name on one line, without control characters")
    return text


def _acronyms(value: Any, fail: _Fail) -> tuple[str, ...]:
    words: list[str] = []
    for i, item in enumerate(_strings(value, fail), 1):
        word = item.strip()
        if not word or not word.isprintable() or any(c.isspace() for c in word):
            raise fail(f"item {i}: expected one word such as 'NATO', got {item!r}")
        words.append(word)
    return tuple(words)


def _bool(value: Any, fail: _Fail) -> bool:
    if not isinstance(value, bool):
        raise fail(f"expected true or false, got {_describe(value)}")
    return value


def _url(value: Any, fail: _Fail) -> str:
    text = _string(value, fail).strip()
    try:
        url = check_url(text)
    except ValueError as err:
        raise fail(f"expected the site's absolute http(s) URL: {err}") from None
    return url if url.endswith("/") else url + "/"


def _table(value: Any, key: str, fail: _KeyFail) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(key, f"expected a table, got {_describe(value)}")
    return value


def _field_map(value: Any, fail: _KeyFail) -> dict[str, str]:
    fields = [a.name for a in attrs.fields(Article)]
    out: dict[str, str] = {}
    for name, target in _table(value, "fields", fail).items():
        key = f"fields.{name}"
        field = _string(target, lambda m: fail(key, m)).strip().lower()  # noqa: B023 - called at once
        if field not in fields:
            hint = f"fields: {', '.join(fields)}"
            raise fail(key, f"{target!r} is not a record field{did_you_mean(field, fields)}", hint)
        out[" ".join(name.strip().lower().split())] = field
    return out


def _emoji(value: Any, fail: _KeyFail) -> dict[str, str]:
    out: dict[str, str] = {}
    for topic, given in _table(value, "emoji", fail).items():
        key = f"emoji.{topic}"
        text = _string(given, lambda m: fail(key, m)).strip()  # noqa: B023 - called at once
        if text.startswith(":") and text.endswith(":"):
            import emoji as emoji_package  # noqa: PLC0415 - only for a short code in the configuration

            text = str(emoji_package.emojize(text, language="alias"))
        if not is_emoji(text):
            raise fail(key, f"expected one emoji (or its :short_code:), got {given!r}")
        out[topic.strip().casefold()] = text
    return out


_CTA_KEYS = {"read-more": 0, "read_more": 0, "link-in-bio": 1, "link_in_bio": 1}


def _cta(value: Any, fail: _KeyFail) -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    from postkit.article import normalise_language  # noqa: PLC0415 - only a configuration with [cta] needs it

    for language, words in _table(value, "cta", fail).items():
        key = f"cta.{language}"
        try:
            normalise_language(language)
        except ValueError:
            msg = f"{language!r} is not a language tag: a [cta] table is named by a BCP-47 tag such as 'en' or 'pt-BR'"
            raise fail(key, msg) from None
        table = _table(words, key, fail)
        found: list[str | None] = [None, None]
        for name, text in table.items():
            if name not in _CTA_KEYS:
                raise fail(f"{key}.{name}", f"unknown key{did_you_mean(name, ('read-more', 'link-in-bio'))}")
            phrase = _string(text, lambda m: fail(f"{key}.{name}", m)).strip()  # noqa: B023 - called at once
            if not phrase or not phrase.isprintable():
                raise fail(f"{key}.{name}", "expected words on one line")
            found[_CTA_KEYS[name]] = phrase
        if found[0] is None:
            raise fail(key, "needs read-more (the call to action); link-in-bio is optional")
        out[language.strip().lower()] = (found[0], found[1])
    return out


def _targets(value: Any, registry: Mapping[str, Platform], fail: _Fail) -> tuple[str, ...] | None:
    names = _strings(value, fail)
    if [n.strip().lower() for n in names] == ["all"]:
        return None
    result: list[str] = []
    for item in names:
        try:
            name = get_platform(item, registry).name
        except UnknownPlatformError as err:
            raise fail(err.message) from None
        if name not in result:
            result.append(name)
    return tuple(result)


# --- files ---------------------------------------------------------------------------


def _prefix(path: Path | None) -> str:
    return "tool.postkit." if path is not None and path.name == CONFIG_FILES[1] else ""


def _has_postkit_table(data: Mapping[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "postkit" in tool


#: The most a configuration file may hold: settings are a few kilobytes; /dev/zero is not one.
MAX_CONFIG_BYTES = 1 << 20


def _read_bytes(path: Path) -> bytes:
    """A configuration file's bytes: a regular file only (never waits on a FIFO), at most ``MAX_CONFIG_BYTES``."""
    where = str(path)
    try:
        # O_NONBLOCK: opening a FIFO does not wait for a writer (a regular file ignores the flag).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        what = "is a link to nothing" if path.is_symlink() else "configuration file not found"
        raise ConfigError(what, path=where) from None
    except IsADirectoryError:
        raise ConfigError("is a folder; a configuration file is a file", path=where) from None
    except OSError as err:
        raise ConfigError(f"cannot read: {err.strerror or err}", path=where) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ConfigError("is a folder; a configuration file is a file", path=where)
        raise ConfigError("is not a regular file (a device, FIFO or socket); give a file", path=where)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        except OSError as err:
            raise ConfigError(f"cannot read: {err.strerror or err}", path=where) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"larger than {MAX_CONFIG_BYTES:,} bytes, the most a configuration file may be", path=where)
    return data


def _read_toml(path: Path) -> dict[str, Any]:
    where = str(path)
    data = _read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        msg = f"not UTF-8: byte 0x{data[err.start]:02X} at byte offset {err.start}"
        raise ConfigError(msg, path=where, line=line, hint="save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        reason, at = toml_problem(err, text)
        raise ConfigError(f"invalid TOML: {reason}", path=where, line=at) from None
    except (ValueError, RecursionError) as err:
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)[:200]
        raise ConfigError(f"invalid TOML: {reason}", path=where) from None
