"""The ``postkit`` command's entry point: parse, run one command, turn errors into exit codes.

``main(argv)`` returns an :class:`ExitCode` and never raises for bad input, so the CLI
can be tested in-process. Results go to stdout, errors and the summary to stderr.
Heavy modules are imported inside the commands: ``postkit --version`` stays instant.
Each command parses its arguments and makes one library call (``cli/composing.py``,
``cli/commands.py``); what it does, a Python caller can do.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO

from postkit.cli.commands import cmd_check, cmd_lint, cmd_platforms, cmd_preview, cmd_rules
from postkit.cli.common import ExitCode, UsageError
from postkit.cli.composing import cmd_compose
from postkit.cli.parser import build_parser
from postkit.cli.publishing import cmd_publish

__all__ = ["main", "run"]

_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], ExitCode]] = {
    "check": cmd_check,
    "compose": cmd_compose,
    "lint": cmd_lint,
    "rules": cmd_rules,
    "platforms": cmd_platforms,
    "preview": cmd_preview,
    "publish": cmd_publish,
}

_OUT_OF_MEMORY = "out of memory (an input or a template needs more than this machine has)"


def _error_stream() -> IO[str]:
    """The error stream as postkit writes it: one line a message (``output.OneLineStream``), never a crash."""
    if sys.stderr is None:  # started with stderr closed: messages go nowhere rather than into stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123
    from postkit.output import OneLineStream  # noqa: PLC0415

    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 file name must not crash the output
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    return OneLineStream(sys.stderr)  # type: ignore[return-value]


# The library's settings (an error's ``field``) that only a command-line option sets, by that option.
_OPTIONS = {"thread": "--thread"}


def _failure(exc: Exception) -> tuple[str, ExitCode]:
    """The one-line message and exit code for an error a command raised."""
    from postkit.errors import ConfigError, OutputError, PostkitError, TemplateError  # noqa: PLC0415

    if isinstance(exc, ConfigError) and exc.field in _OPTIONS and exc.path is None:
        # A library setting the command line sets by an option: named as the option ("--thread: ...").
        hint = f" ({exc.hint})" if exc.hint else ""
        return f"{_OPTIONS[exc.field]}: {exc.message}{hint}", ExitCode.USAGE
    if isinstance(exc, (UsageError, ConfigError, TemplateError, OutputError)):
        return str(exc), ExitCode.USAGE
    if isinstance(exc, PostkitError):
        return str(exc), ExitCode.FINDINGS
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), ExitCode.USAGE
    return _OUT_OF_MEMORY, ExitCode.FINDINGS  # MemoryError: what else main passes on


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
    from postkit.errors import PostkitError  # noqa: PLC0415

    err = _error_stream()
    if (sys.stdout is None or sys.stdout.closed) and getattr(args, "output", None) in (None, "-"):
        print("postkit: error: stdout is closed; give -o FILE or open stdout", file=err)  # (-o FILE: no stdout)
        return ExitCode.USAGE
    saved, sys.stderr = sys.stderr, err
    try:
        return _COMMANDS[args.command](args, err)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head`: stop quietly, as Unix tools do.
        saved.close()
        return ExitCode.OK
    except (UsageError, PostkitError, MemoryError, OSError) as exc:
        if args.debug and not isinstance(exc, UsageError):
            raise
        message, code = _failure(exc)
        print(f"postkit: error: {message}", file=err)
        return code
    finally:
        sys.stderr = saved


#: The net count of new objects that starts a collection of the youngest ones (Python's default: 700).
_YOUNG_OBJECTS = 100_000


def run() -> None:
    """Console-script entry point: one command in a process of its own, the collector set for that.

    A command's start imports its dependencies and fills its caches: objects that live as long
    as the process, which Python's collector, started every 700 new objects, walks again and
    again (~15 ms of a fresh ``postkit check``'s ~300, benchmarks/bench_cli.py). Started every
    100,000 instead, it still reclaims a long run's cycles (their memory stays bounded: at most
    that many objects wait). When ``main`` returns, what is left is Python's exit, whose
    collections walk every object again (~20 ms): ``gc.freeze`` leaves them out; each is still
    freed as the modules are torn down, and ``atexit`` runs.
    """
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    code = main()
    gc.freeze()
    sys.exit(code)
