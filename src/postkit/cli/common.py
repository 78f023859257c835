"""What every command needs: exit codes, usage errors, the settings, platforms, templates."""

from __future__ import annotations

import argparse
import enum
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.pipeline import Recipe
    from postkit.platforms.registry import Platform
    from postkit.rules.engine import RuleSet


class ExitCode(enum.IntEnum):
    """Exit statuses, as ruff's: 0 clean, 1 findings or failed records, 2 usage or configuration."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class UsageError(Exception):
    """A bad command line: reported as ``postkit: error: ...`` with exit 2."""


class Settings(NamedTuple):
    """The configuration, and the rules it and the command line select (no attrs: ``--version`` stays light)."""

    config: Config
    rules: RuleSet


def load_settings(args: argparse.Namespace) -> Settings:
    """The configuration, its rule settings checked (a bad code is a usage error for every command)."""
    from postkit.config import load_config  # noqa: PLC0415

    config = load_config(args.config)
    return Settings(config, ruleset(args, config))


def _codes(value: str | None, option: str) -> list[str] | None:
    """A comma-separated option value as its entries; an option given empty is a usage error."""
    if value is None:
        return None
    entries = [part.strip() for part in value.split(",") if part.strip()]
    if not entries:
        raise UsageError(f"{option} needs at least one rule code or prefix")
    return entries


def ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    """The configured rules with the command line's selection (as ruff layers it) and tone on top."""
    from postkit.errors import ConfigError  # noqa: PLC0415
    from postkit.rules.engine import RuleSet  # noqa: PLC0415
    from postkit.rules.selection import with_selection  # noqa: PLC0415

    select = _codes(getattr(args, "select", None), "--select")
    ignore = _codes(getattr(args, "ignore", None), "--ignore") or ()
    extend = _codes(getattr(args, "extend_select", None), "--extend-select") or ()
    try:
        config = with_selection(config, select=select, ignore=ignore, extend_select=extend)
    except ConfigError as err:
        raise UsageError(f"--{err.field}: {err.message}") from None
    return RuleSet.from_config(config, tone=getattr(args, "tone", None))


def recipe(args: argparse.Namespace, config: Config) -> Recipe:
    """How records become posts: the configuration's recipe, the command line's options on top.

    One function for every command that composes (compose, publish, preview, check), so
    each honours the same settings: ``--templates``, ``--utm-campaign``, ``--utm-medium``,
    ``--base-url``, ``--map OLD=NEW``, ``--strict``, ``--include-drafts``, ``--thread``,
    ``--max-posts``, ``--link-in`` over ``templates``, ``utm-campaign``, ``utm-medium``,
    ``base-url``, ``[fields]``, ``[emoji]``, ``[cta]`` and ``include-drafts``.
    """
    import attrs  # noqa: PLC0415

    from postkit.errors import ConfigError  # noqa: PLC0415
    from postkit.pipeline import Recipe  # noqa: PLC0415

    fields = dict(config.fields)
    for item in getattr(args, "map", None) or ():
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise UsageError(f"--map takes OLD=NEW (a record key and the field it is), got {item!r}")
        fields[" ".join(old.strip().lower().split())] = new.strip().lower()
    made = Recipe.from_config(config)
    if medium := getattr(args, "utm_medium", None):
        try:
            made = made.but(vocabulary=attrs.evolve(made.vocabulary, utm_medium=medium.strip()))
        except ConfigError as err:
            raise UsageError(f"--utm-medium: {err.message}") from None
    thread = bool(getattr(args, "thread", False))
    try:
        return made.but(
            templates=getattr(args, "templates", None),
            campaign=getattr(args, "utm_campaign", None),
            base_url=getattr(args, "base_url", None),
            fields=fields,
            strict=getattr(args, "strict", None),
            drafts=getattr(args, "include_drafts", None) or None,
            thread=thread,
            max_posts=getattr(args, "max_posts", None) if thread else None,
            link_in=getattr(args, "link_in", None),
        )
    except ConfigError as err:  # the configuration's values were checked as it was read: an option is wrong
        flag = _FLAGS.get(err.field or "", err.field)
        hint = f" ({err.hint})" if err.hint else ""
        raise UsageError(f"{flag}: {err.message}{hint}" if flag else f"{err.message}{hint}") from None


# The recipe's settings by their configuration key, as the command line's options name them.
_FLAGS = {"fields": "--map", "utm-campaign": "--utm-campaign", "base-url": "--base-url"}


def thread_options(args: argparse.Namespace) -> None:
    """``--max-posts`` and ``--link-in`` shape a thread: without ``--thread`` they are a usage error, not ignored."""
    given = [
        name for name, value in (("--max-posts", args.max_posts), ("--link-in", args.link_in)) if value is not None
    ]
    if given and not args.thread:
        raise UsageError(f"{' and '.join(given)} {'needs' if len(given) == 1 else 'need'} --thread")
    if args.max_posts is not None and args.max_posts < 1:
        raise UsageError("--max-posts must be at least 1")


def require_paths(paths: Sequence[str]) -> None:
    """A path that does not exist is a usage error (exit 2), found before any work."""
    from pathlib import Path  # noqa: PLC0415

    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")


def select_platforms(spec: str | None, config: Config) -> list[Platform]:
    """The platforms ``--platform`` names (or the configured targets, or all)."""
    registry = config.platform_registry()
    if spec is None:
        names = list(config.platforms) if config.platforms else list(registry)
    elif spec.strip().lower() == "all":
        names = list(registry)
    else:
        names = [name.strip() for name in spec.split(",") if name.strip()]
        if not names:
            raise UsageError("--platform needs at least one platform name")
    from postkit.platforms.registry import get_platform  # noqa: PLC0415

    return [get_platform(name, registry) for name in names]


def as_given(path: os.PathLike[str]) -> str:
    """A folder from the configuration (absolute) as a user would type it: relative to the current folder.

    Record labels, warnings and messages name records by the path they were read from; a
    configured ``examples = "records"`` must read as ``records/a.jsonl``, as
    ``--examples records`` does, not as an absolute path (``../records`` from a sub-folder:
    the configuration is found in the current folder or above it). Absolute only where no
    relative path exists (another drive on Windows).
    """
    try:
        return os.path.relpath(path)
    except ValueError:
        return os.path.abspath(path)  # noqa: PTH100 - a str path throughout
