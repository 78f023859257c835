"""What every command needs: exit codes, usage errors, the configuration, platforms, outputs."""

from __future__ import annotations

import argparse
import enum
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.platforms.registry import Platform
    from postkit.rules import RuleSet


class ExitCode(enum.IntEnum):
    """Exit statuses, as ruff's: 0 clean, 1 findings or failed records, 2 usage or configuration."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class UsageError(Exception):
    """A bad command line: reported as ``postkit: error: ...`` with exit 2."""


@contextmanager
def output_to(path: str | None, inputs: Sequence[str | None] = ()) -> Iterator[IO[str]]:
    """Where results go: stdout, or a file written whole at the end (never over an input)."""
    from postkit.output import atomic_output, check_not_input  # noqa: PLC0415

    check_not_input(path, [i for i in inputs if i is not None])
    with atomic_output(path) as handle:
        yield handle


def load_settings(args: argparse.Namespace) -> Config:
    """The configuration, its rule settings checked (a bad code is a usage error for every command)."""
    from postkit.config import load_config  # noqa: PLC0415

    config = load_config(args.config)
    args.rules = ruleset(args, config)
    return config


def ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    """The configured rules with the command line's selection and tone on top."""
    from postkit.cli.options import OptionError, select_config  # noqa: PLC0415
    from postkit.rules import RuleSet  # noqa: PLC0415

    try:
        config = select_config(config, args)
    except OptionError as err:
        raise UsageError(str(err)) from None
    return RuleSet.from_config(config, tone=getattr(args, "tone", None))


def require_paths(paths: Sequence[str]) -> None:
    """Refuse input paths that do not exist: a usage error (exit 2), not a failed record."""
    """A path that does not exist is a usage error (exit 2), found before any work."""
    from postkit.cli.options import missing_paths  # noqa: PLC0415

    missing = missing_paths(paths)
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")


def select_platforms(spec: str | None, config: Config) -> list[Platform]:
    """The profiles ``--platform`` names (or the configured targets, or all)."""
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
