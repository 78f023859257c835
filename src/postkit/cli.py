"""The ``postkit`` command: compose, check, lint, rules, platforms, preview.

``main(argv)`` returns an :class:`ExitCode` and never raises for bad input, so the CLI
can be tested in-process. Results go to stdout, errors and the summary to stderr.
Heavy modules are imported inside the commands: ``postkit --version`` stays instant.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postkit.compose import Post
    from postkit.config import Config
    from postkit.platforms import Platform

__all__ = ["ExitCode", "build_parser", "main", "run"]


class ExitCode(enum.IntEnum):
    """Exit statuses, as ruff's: 0 clean, 1 findings or failed records, 2 usage or configuration."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class _UsageError(Exception):
    """A bad command line: reported as ``postkit: error: ...`` with exit 2."""


def _version() -> str:
    from postkit import __version__  # noqa: PLC0415 - light: __init__ imports nothing heavy

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(
        prog="postkit",
        description="Platform-sized teaser posts from article records, checked for length and tone.",
    )
    parser.add_argument("--version", action="version", version=f"postkit {_version()}")
    parser.add_argument("--config", metavar="PATH", help="config file (default: nearest pyproject.toml "
                        "with [tool.postkit], or postkit.toml)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    platforms_help = "comma-separated platform names, or 'all' (default: config, else all)"

    p = sub.add_parser("compose", help="compose posts for article records")
    p.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders, '-' for stdin")
    p.add_argument("-p", "--platform", help=platforms_help)
    p.add_argument("-f", "--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument("--templates", metavar="DIR", help="folder of templates that shadow the defaults")
    p.add_argument("--utm-campaign", metavar="NAME", help="utm_campaign for every link")
    p.add_argument("--payload", action="store_true", help="include each post's API payload (json/jsonl)")
    p.add_argument("-o", "--output", metavar="FILE", help="write posts to FILE instead of stdout")

    p = sub.add_parser("platforms", help="list platform profiles: limits, units, sources")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")

    return parser


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="\n") as handle:  # noqa: PTH123 - plain open
        yield handle


def _load_config(args: argparse.Namespace) -> Config:
    from postkit.config import load_config  # noqa: PLC0415

    return load_config(args.config)


def _select_platforms(spec: str | None, config: Config) -> list[Platform]:
    registry = config.platform_registry()
    if spec is None:
        names = list(config.platforms) if config.platforms else list(registry)
    elif spec.strip().lower() == "all":
        names = list(registry)
    else:
        names = [name.strip() for name in spec.split(",") if name.strip()]
        if not names:
            raise _UsageError("--platform needs at least one platform name")
    from postkit.platforms import get_platform  # noqa: PLC0415

    return [get_platform(name, registry) for name in names]


def _post_dict(post: Post, where: dict[str, Any], *, payload: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        **where,
        "platform": post.platform,
        "text": post.text,
        "length": post.length,
        "limit": post.limit,
        "unit": post.profile.unit,
        "fits": post.fits,
        "truncated": list(post.truncated),
        "link": post.link,
        "hashtags": list(post.hashtags),
    }
    if payload:
        data["payload"] = post.payload()
    return data


def _cmd_compose(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    from postkit.compose import compose  # noqa: PLC0415
    from postkit.errors import PostkitError  # noqa: PLC0415
    from postkit.records import iter_records  # noqa: PLC0415
    from postkit.templates import template_set  # noqa: PLC0415

    config = _load_config(args)
    platforms = _select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    campaign = args.utm_campaign or config.utm_campaign
    tset = template_set(templates)
    for platform in platforms:  # a broken template is a usage error, found before any record
        tset.for_platform(platform.name)

    records = failed = posts = 0
    collected: list[dict[str, Any]] = []
    seen_ids: dict[str, Any] = {}
    with _output(args.output) as out:
        for path in args.paths:
            for rec in iter_records(path, seen_ids=seen_ids):
                records += 1
                if isinstance(rec.value, PostkitError):
                    failed += 1
                    print(f"error: {rec.value}", file=err)
                    continue
                where = {"path": rec.path, "record": rec.index, "line": rec.line, "id": rec.value.id}
                record_failed = False
                for platform in platforms:
                    try:
                        post = compose(rec.value, platform, templates=templates, campaign=campaign)
                    except PostkitError as exc:
                        record_failed = True
                        print(f"error: {rec.label}, platform {platform.name!r}: {exc}", file=err)
                        continue
                    posts += 1
                    if args.format == "text":
                        shortened = f" · shortened: {', '.join(post.truncated)}" if post.truncated else ""
                        out.write(f"# {rec.label} · {post.platform} · {post.length}/{post.limit} "
                                  f"{post.profile.unit}{shortened}\n{post.text}\n\n")
                    elif args.format == "jsonl":
                        out.write(json.dumps(_post_dict(post, where, payload=args.payload),
                                             ensure_ascii=False) + "\n")
                    else:
                        collected.append(_post_dict(post, where, payload=args.payload))
                failed += record_failed
        if args.format == "json":
            doc = {"schema": "postkit.compose/1", "posts": collected,
                   "summary": {"records": records, "posts": posts, "failed": failed}}
            json.dump(doc, out, ensure_ascii=False, indent=2)
            out.write("\n")
    print(f"postkit: {posts} posts from {records} records on {len(platforms)} platforms; "
          f"{failed} records failed", file=err)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _cmd_platforms(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    del err
    config = _load_config(args)
    registry = config.platform_registry()
    if args.format == "json":
        import attrs  # noqa: PLC0415

        json.dump([attrs.asdict(p) for p in registry.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    rows = [("platform", "limit", "unit", "links", "hashtags", "source")]
    for p in registry.values():
        limit = f"{p.limit:,}"
        if p.byte_limit:
            limit += f" + {p.byte_limit:,} B"
        if p.caption_limit:
            limit += f" ({p.caption_limit:,} caption)"
        tags = "-" if p.hashtags_advised is None else f"≤ {p.hashtags_advised}"
        unit = p.unit + (" (unconfirmed)" if p.unconfirmed else "")
        rows.append((p.name, limit, unit, "in bio" if p.links == "bio" else "clickable", tags,
                     p.source.split(";")[0][:60]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    return ExitCode.OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], ExitCode]] = {
    "compose": _cmd_compose,
    "platforms": _cmd_platforms,
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
    err = sys.stderr
    from postkit.errors import ConfigError, PostkitError, TemplateError  # noqa: PLC0415

    try:
        return _COMMANDS[args.command](args, err)
    except _UsageError as exc:
        print(f"postkit: error: {exc}", file=err)
        return ExitCode.USAGE
    except (ConfigError, TemplateError) as exc:
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
        sys.stderr.close()
        return ExitCode.OK
    except OSError as exc:
        if args.debug:
            raise
        print(f"postkit: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=err)
        return ExitCode.USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


