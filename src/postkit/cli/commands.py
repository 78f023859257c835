"""``postkit lint``, ``check``, ``rules``, ``preview`` and ``platforms``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from postkit.cli.common import ExitCode, as_given, load_settings, recipe, require_paths, select_platforms

if TYPE_CHECKING:
    from postkit.ci import CheckResult
    from postkit.config import Config
    from postkit.pipeline import Row
    from postkit.report import Finding


def cmd_lint(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit lint``: check post files, stdin or ``--text`` against the rules."""
    from postkit.cli.printing import plural  # noqa: PLC0415
    from postkit.linting import lint  # noqa: PLC0415

    require_paths(args.paths)
    settings = load_settings(args)
    config = settings.config
    if args.platform or config.platforms:
        platforms = select_platforms(args.platform, config)
    else:
        from postkit.platforms.registry import get_platform  # noqa: PLC0415

        platforms = [get_platform("x")]
    result = lint(
        args.paths,
        args.text,
        rules=settings.rules,
        platforms=platforms,
        stdin_name=args.stdin_filename,
        note=lambda line: print(line, file=err),
    )
    summary = (
        f"postkit: {plural(len(result.findings), 'finding')} in {plural(result.posts, 'post')} on "
        f"{plural(len(platforms), 'platform')}"
        + (f"; {plural(result.unreadable, 'input')} not linted" if result.unreadable else "")
    )
    return _report(args, config, result.findings, summary, err, failed=bool(result.unreadable))


def _report(
    args: argparse.Namespace, config: Config, findings: Sequence[Finding], summary: str, err: IO[str], *, failed: bool
) -> ExitCode:
    """Write findings (or ``--statistics``) and the summary; the exit code as ruff's options say."""
    from postkit.output import write_text  # noqa: PLC0415
    from postkit.report import exit_status, render, statistics  # noqa: PLC0415

    fail_on = args.fail_on or config.fail_on
    text = statistics(findings, args.format) if args.statistics else render(findings, args.format, fail_on=fail_on)
    write_text(text, getattr(args, "output", None))
    if not args.quiet:
        print(summary, file=err)
    if args.exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if exit_status(findings, fail_on) or failed else ExitCode.OK


def cmd_check(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit check``: every template x example x platform, composed and checked (CI)."""
    from postkit.ci import validate  # noqa: PLC0415
    from postkit.cli.progress import Progress  # noqa: PLC0415
    from postkit.output import check_not_input  # noqa: PLC0415
    from postkit.report import sort_findings  # noqa: PLC0415

    require_paths(args.examples or [])
    settings = load_settings(args)
    config = settings.config
    platforms = select_platforms(args.platform, config)
    made = recipe(args, config)
    templates = made.templates
    examples = args.examples or [as_given(config.examples) if config.examples else "examples"]
    require_paths(examples)
    inputs = [*examples, *([templates] if templates else [])]
    check_not_input(args.output, [*inputs, *([args.preview] if args.preview else [])])
    check_not_input(args.preview, inputs)  # both refused before anything is read or written
    page: list[Row] = []
    result = validate(
        templates=templates,
        examples=examples,
        platforms=platforms,
        rules=settings.rules,
        recipe=made,
        progress=Progress(err, "records").wrap,
        sink=page.append if args.preview else None,
    )
    _check_notes(result, err, quiet=args.quiet)
    if args.preview:
        from postkit.preview.page import write_preview  # noqa: PLC0415

        write_preview(page, args.preview)
    summary = _check_summary(result, len(platforms))
    # The annotation formats carry the record errors too: a failing record is an annotation where it is.
    findings = result.annotations() if args.format in _ANNOTATED else result.findings
    return _report(args, config, sort_findings(findings), summary, err, failed=bool(result.record_errors))


#: The formats whose reports CI shows as annotations: record errors are reported in them too.
_ANNOTATED = frozenset({"github", "sarif", "junit"})


def _check_notes(result: CheckResult, err: IO[str], *, quiet: bool) -> None:
    """Record errors; unless quiet (ruff's -q: the findings and nothing else), warnings and each longest post."""
    for warning in () if quiet else result.warnings:
        print(f"warning: {warning}", file=err)
    for error in result.record_errors:
        print(f"error: {error}", file=err)
    if quiet:
        return
    for worst in sorted(result.worst, key=lambda w: (w.template, w.platform.name)):
        print(
            f"postkit: {worst.template} on {worst.platform.name}: longest post {worst.length:,}/"
            f"{worst.platform.limit:,} {worst.platform.unit} ({worst.share:.0%}) for {worst.record}",
            file=err,
        )


def _check_summary(result: CheckResult, platforms: int) -> str:
    from postkit.cli.printing import plural  # noqa: PLC0415

    counts = {s: sum(str(f.severity) == s for f in result.findings) for s in ("error", "warning", "info")}
    return (
        f"postkit: checked {plural(result.posts, 'post')} from {plural(result.records, 'record')} on "
        f"{plural(platforms, 'platform')}: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info', 'info')}; "
        f"{plural(result.failed, 'record')} failed"
    )


def cmd_rules(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit rules [CODE]``: the catalogue as configured, a family's rules, or one rule's documentation."""
    del err
    from postkit.rules.docs import describe  # noqa: PLC0415

    sys.stdout.write(describe(args.code, load_settings(args).rules))
    return ExitCode.OK


def cmd_preview(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit preview``: the HTML page of every post, checked with the configured rules."""
    from postkit.cli.printing import plural  # noqa: PLC0415
    from postkit.output import check_not_input  # noqa: PLC0415
    from postkit.pipeline import rows  # noqa: PLC0415
    from postkit.preview.page import write_preview  # noqa: PLC0415

    require_paths(args.paths)
    settings = load_settings(args)
    config = settings.config
    platforms = select_platforms(args.platform, config)
    made = recipe(args, config)
    templates = made.templates
    check_not_input(args.output, [*args.paths, *([templates] if templates else [])])
    found = rows(args.paths, platforms, made, check=settings.rules.check)
    summary = write_preview(_said(found, err), args.output)
    skipped = f", {summary.skipped} skipped" if summary.skipped else ""
    print(
        f"postkit: wrote {args.output}: {plural(summary.posts, 'post')}, {plural(summary.errors, 'error')}{skipped}",
        file=err,
    )
    return ExitCode.FINDINGS if summary.errors else ExitCode.OK


def _said(found: Iterable[Row], err: IO[str]) -> Iterator[Row]:
    """The rows, each record's warnings and error said on stderr as they pass (as compose says them)."""
    for row in found:
        for warning in row.warnings:
            print(f"warning: {warning}", file=err)
        if row.error is not None:  # a draft is skipped, said as a warning (as compose and check say it)
            print(f"{'warning' if row.skipped else 'error'}: {row.error}", file=err)
        yield row


def cmd_platforms(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit platforms``: the platforms with their limits, units and sources."""
    del err
    config = load_settings(args).config
    registry = config.platform_registry()
    if args.format == "json":
        json.dump([p.to_dict() for p in registry.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    from postkit.cli.printing import platforms_table  # noqa: PLC0415

    sys.stdout.write(platforms_table(registry))
    return ExitCode.OK
