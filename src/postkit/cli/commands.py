"""``postkit lint``, ``check``, ``rules``, ``preview`` and ``platforms``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, TYPE_CHECKING

from postkit.cli.common import ExitCode, load_settings, output_to, require_paths, select_platforms

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.report import Finding
    from postkit.rules import RuleSet


def cmd_lint(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit lint``: check post files, stdin or ``--text`` against the rules."""
    from postkit.cli.options import lint_findings, lint_inputs, plural, sort_findings  # noqa: PLC0415

    require_paths(args.paths)
    config = load_settings(args)
    rules: RuleSet = args.rules
    platforms = select_platforms(args.platform, config) if args.platform or config.platforms else []
    if not platforms:
        from postkit.platforms.registry import get_platform  # noqa: PLC0415

        platforms = [get_platform("x")]
    findings, texts, unreadable = lint_findings(
        lint_inputs(args.paths, args.text, args.stdin_filename),
        rules.check,
        platforms,
        lambda line: print(line, file=err),
    )
    summary = (
        f"postkit: {plural(len(findings), 'finding')} in {plural(texts, 'post')} on "
        f"{plural(len(platforms), 'platform')}" + (f"; {plural(unreadable, 'file')} unreadable" if unreadable else "")
    )
    return _report(args, config, sort_findings(findings), summary, err, failed=bool(unreadable))


def _report(
    args: argparse.Namespace, config: Config, findings: list[Finding], summary: str, err: IO[str], *, failed: bool
) -> ExitCode:
    """Write findings (or ``--statistics``) and the summary; the exit code as ruff's options say."""
    from postkit.cli.options import statistics  # noqa: PLC0415
    from postkit.report import exit_status, render  # noqa: PLC0415

    fail_on = args.fail_on or config.fail_on
    with output_to(getattr(args, "output", None)) as out:
        out.write(
            statistics(findings, args.format) if args.statistics else render(findings, args.format, fail_on=fail_on)
        )
    if not args.quiet:
        print(summary, file=err)
    if args.exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if exit_status(findings, fail_on) or failed else ExitCode.OK


def cmd_check(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit check``: every template x example x platform, composed and checked (CI)."""
    from postkit.ci import validate  # noqa: PLC0415
    from postkit.cli.options import Progress, plural, sort_findings  # noqa: PLC0415

    require_paths(args.examples or [])
    config = load_settings(args)
    rules: RuleSet = args.rules
    platforms = select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    examples = args.examples or [str(config.examples) if config.examples else "examples"]
    require_paths(examples)
    from postkit.output import check_not_input  # noqa: PLC0415

    for target in (args.output, args.preview):  # refused before anything is read or written
        check_not_input(
            target,
            [
                *examples,
                *([templates] if templates else []),
                *([args.preview] if target is args.output and args.preview else []),
            ],
        )
    result = validate(
        templates=templates,
        examples=examples,
        platforms=platforms,
        rules=rules,
        campaign=config.utm_campaign,
        strict=args.strict,
        progress=Progress(err, "records").wrap,
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=err)
    for error in result.record_errors:
        print(f"error: {error}", file=err)
    if not args.quiet:
        for worst in sorted(result.worst, key=lambda w: (w.template, w.platform.name)):
            print(
                f"postkit: {worst.template} on {worst.platform.name}: longest post {worst.length:,}/"
                f"{worst.platform.limit:,} {worst.platform.unit} ({worst.share:.0%}) for {worst.record}",
                file=err,
            )
    if args.preview:
        from postkit.preview import render_preview, write_page  # noqa: PLC0415

        write_page(render_preview(result.rows), args.preview)
    counts = {s: sum(str(f.severity) == s for f in result.findings) for s in ("error", "warning", "info")}
    summary = (
        f"postkit: checked {plural(result.posts, 'post')} from {plural(result.records, 'record')} on "
        f"{plural(len(platforms), 'platform')}: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info', 'info')}; "
        f"{plural(len(result.record_errors), 'record')} failed"
    )
    return _report(args, config, sort_findings(result.findings), summary, err, failed=bool(result.record_errors))


def cmd_rules(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit rules [CODE]``: the catalogue, or one rule's documentation."""
    del err
    from postkit.rules import format_rule_doc, rules_table  # noqa: PLC0415

    sys.stdout.write(format_rule_doc(args.code) if args.code else rules_table("text"))
    return ExitCode.OK


def cmd_preview(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit preview``: the HTML page of every post, checked with the configured rules."""
    from postkit.output import check_not_input  # noqa: PLC0415
    from postkit.preview import cli_preview  # noqa: PLC0415

    require_paths(args.paths)
    config = load_settings(args)
    platforms = select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    check_not_input(args.output, [*args.paths, *([templates] if templates else [])])
    posts, errors = cli_preview(
        args.paths,
        platforms,
        templates,
        args.utm_campaign or config.utm_campaign,
        args.output,
        check=args.rules.check,
    )
    from postkit.cli.options import plural  # noqa: PLC0415

    print(f"postkit: wrote {args.output}: {plural(posts, 'post')}, {plural(errors, 'error')}", file=err)
    return ExitCode.FINDINGS if errors else ExitCode.OK


def cmd_platforms(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    """``postkit platforms``: the profiles with their limits, units and sources."""
    del err
    config = load_settings(args)
    registry = config.platform_registry()
    if args.format == "json":
        json.dump([p.to_dict() for p in registry.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    from postkit.cli.options import platforms_table  # noqa: PLC0415

    sys.stdout.write(platforms_table(registry))
    return ExitCode.OK
