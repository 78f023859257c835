"""``postkit compose``: posts (or threads) for every record, as text, JSON or JSON Lines."""

from __future__ import annotations

import argparse
from typing import IO

from postkit.cli.common import (
    ExitCode,
    UsageError,
    load_settings,
    recipe,
    require_paths,
    select_platforms,
    thread_options,
)


def _usage(args: argparse.Namespace) -> None:
    """Option combinations that make no sense: usage errors before any work."""
    if args.payload and args.format == "text":
        raise UsageError("--payload needs --format json or jsonl (text output is the posts only)")
    if args.forget_after is not None and (args.state is None or args.forget_after < 0):
        raise UsageError("--forget-after needs --state and a number of days >= 0")
    thread_options(args)


def cmd_compose(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit compose``: posts (or threads) for every record, streamed to the output."""
    from postkit.cli.printing import plural  # noqa: PLC0415
    from postkit.cli.progress import Progress  # noqa: PLC0415
    from postkit.pipeline import compose_records  # noqa: PLC0415

    _usage(args)
    require_paths(args.paths)
    config = load_settings(args).config
    platforms = select_platforms(args.platform, config)
    bar = Progress(err, "records")
    done = compose_records(
        args.paths,
        platforms,
        args.output,
        recipe(args, config),
        fmt=args.format,
        payload=args.payload,
        state=args.state,
        forget_after=args.forget_after,
        note=bar.note,
        progress=bar.wrap,
    )
    known = f"; {done.known} already composed (in {args.state})" if args.state is not None else ""
    skipped = f"; {done.skipped} skipped (drafts)" if done.skipped else ""
    print(
        f"postkit: {plural(done.posts, 'post')} from {plural(done.records, 'record')} on "
        f"{plural(len(platforms), 'platform')}; {plural(done.failed, 'record')} failed{skipped}{known}",
        file=err,
    )
    return ExitCode.FINDINGS if done.failed else ExitCode.OK
