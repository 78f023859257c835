"""``postkit publish``: every record's posts sent through the platforms' APIs, each exactly once."""

from __future__ import annotations

import argparse
import sys
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


def cmd_publish(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit publish``: one library call (``postkit.publishing.publish``), the summary on stderr."""
    from postkit.cli.printing import plural  # noqa: PLC0415
    from postkit.publishing import publish  # noqa: PLC0415

    thread_options(args)
    if args.forget_after is not None and not args.forget_after >= 0:
        raise UsageError("--forget-after needs a number of days >= 0")
    require_paths(args.paths)
    config = load_settings(args).config
    if args.platform is None and not config.platforms:
        raise UsageError("publish needs --platform (or `targets` in the configuration): where should posts go?")
    platforms = select_platforms(args.platform, config)

    def note(line: str) -> None:
        print(line, file=err)

    done = publish(
        args.paths,
        platforms,
        state=args.state,
        recipe=recipe(args, config),
        dry_run=args.dry_run,
        retry_unknown=args.retry_unknown,
        forget_after=args.forget_after,
        fmt=args.format,
        output=sys.stdout,
        note=note,
    )
    if args.dry_run:
        head = f"{plural(done.would_send, 'post')} would be sent (dry run: nothing sent)"
    else:
        head = f"{plural(done.sent, 'post')} sent"
    skipped = f", {done.skipped} skipped (drafts)" if done.skipped else ""
    print(
        f"postkit: {head}; {done.already} already published, {done.failed} failed, {done.unknown} unknown, "
        f"{done.pending} left for the next run; {plural(done.records, 'record')}, "
        f"{plural(done.failed_records, 'record')} failed{skipped} (ledger: {args.state})",
        file=err,
    )
    return ExitCode.OK if done.ok else ExitCode.FINDINGS
