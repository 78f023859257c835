"""The ``postkit`` command: compose, check, lint, rules, platforms, preview.

``main(argv)`` returns an :class:`ExitCode` and never raises for bad input, so the CLI
can be tested in-process. Results go to stdout, errors and the summary to stderr.
Heavy modules are imported inside the commands: ``postkit --version`` stays instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO

from postkit.cli.commands import cmd_check, cmd_lint, cmd_platforms, cmd_preview, cmd_rules
from postkit.cli.common import ExitCode, UsageError
from postkit.cli.composing import cmd_compose
from postkit.cli.parser import build_parser

__all__ = ["ExitCode", "build_parser", "main", "run"]

_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], ExitCode]] = {
    "check": cmd_check,
    "compose": cmd_compose,
    "lint": cmd_lint,
    "rules": cmd_rules,
    "platforms": cmd_platforms,
    "preview": cmd_preview,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (for tests and embedding)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    from postkit.errors import ConfigError, OutputError, PostkitError, TemplateError  # noqa: PLC0415

    if sys.stderr is None:  # started with stderr closed: messages go nowhere rather than into stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123
    from postkit.output import OneLineStream  # noqa: PLC0415

    err: IO[str] = OneLineStream(sys.stderr)  # type: ignore[assignment]
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 file name must not crash the output
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None or sys.stdout.closed:
        writes_file = getattr(args, "output", None) not in (None, "-")
        if not writes_file:  # (with -o FILE nothing is written to stdout)
            print("postkit: error: stdout is closed; give -o FILE or open stdout", file=err)
            return ExitCode.USAGE
    saved, sys.stderr = sys.stderr, err
    try:
        return _COMMANDS[args.command](args, err)
    except UsageError as exc:
        print(f"postkit: error: {exc}", file=err)
        return ExitCode.USAGE
    except (ConfigError, TemplateError, OutputError) as exc:
        if args.debug:
            raise
        print(f"postkit: error: {exc}", file=err)
        return ExitCode.USAGE
    except PostkitError as exc:
        if args.debug:
            raise
        print(f"postkit: error: {exc}", file=err)
        return ExitCode.FINDINGS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head`: stop quietly, as Unix tools do.
        saved.close()
        return ExitCode.OK
    except MemoryError:
        if args.debug:
            raise
        print("postkit: error: out of memory (an input or a template needs more than this machine has)", file=err)
        return ExitCode.FINDINGS
    except OSError as exc:
        if args.debug:
            raise
        print(f"postkit: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=err)
        return ExitCode.USAGE
    finally:
        sys.stderr = saved


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
