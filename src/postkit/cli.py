"""The ``postkit`` command: compose, check, lint, rules, platforms, preview.

``main(argv)`` returns an :class:`ExitCode` and never raises for bad input, so the CLI
can be tested in-process. Results go to stdout, errors and the summary to stderr.
Heavy modules are imported inside the commands: ``postkit --version`` stays instant.
"""

from __future__ import annotations

import argparse
import enum
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.platform.profile import Platform
    from postkit.posts.batch import Outcome
    from postkit.posts.post import Post
    from postkit.report import Finding
    from postkit.rules import RuleSet
    from postkit.state import State

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


def _parent(*adders: Callable[[argparse.ArgumentParser], object]) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    for add in adders:
        add(parent)
    return parent


def _globals(p: argparse.ArgumentParser, default: Any = None) -> None:
    p.add_argument("--config", metavar="PATH", default=default,
                   help="config file (default: nearest pyproject.toml with [tool.postkit], or postkit.toml)")
    p.add_argument("--debug", action="store_true", default=default, help="show tracebacks for errors")


def _platform(p: argparse.ArgumentParser) -> None:
    p.add_argument("-p", "--platform", help="comma-separated platform names, or 'all' (default: config, else all)")


def _records(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders, '-' for stdin")


def _templates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--templates", metavar="DIR", help="folder of templates that shadow the defaults (default: config)")


def _campaign(p: argparse.ArgumentParser) -> None:
    p.add_argument("--utm-campaign", metavar="NAME", help="utm_campaign for every link")


def _findings(p: argparse.ArgumentParser) -> None:
    p.add_argument("-f", "--format", choices=("concise", "json", "jsonl", "github", "sarif", "junit"),
                   default="concise")
    p.add_argument("--tone", "--profile", dest="tone", choices=("news", "casual"),
                   help="tone (default: config, else news); --profile is its old name")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails (exit 1)")


def _selection(p: argparse.ArgumentParser) -> None:
    """What ruff's ``check`` takes: selection, ``--exit-zero``, ``--statistics``, ``-q``."""
    p.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to run (replaces the config's)")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated codes or prefixes not to run (added to config's)")
    p.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to run on top of the selection")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--statistics", action="store_true", help="print how many findings each rule has, not the findings")
    p.add_argument("-q", "--quiet", action="store_true", help="print the findings and nothing else (no summary)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs).

    Options shared by several commands come from parent parsers, written once; the global
    ``--config`` and ``--debug`` are accepted before or after the command.
    """
    parser = argparse.ArgumentParser(
        prog="postkit",
        description="Platform-sized teaser posts from article records, checked for length and tone.",
    )
    parser.add_argument("--version", action="version", version=f"postkit {_version()}")
    _globals(parser)
    # After the command, the same options must not reset what was given before it.
    common = _parent(lambda p: _globals(p, argparse.SUPPRESS))
    posts = _parent(_records, _platform, _templates, _campaign)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("compose", parents=[common, posts], help="compose posts for article records")
    p.add_argument("-f", "--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument("--payload", action="store_true",
                   help="include each post's API payload (and card_image, to upload) in json/jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write posts to FILE instead of stdout")
    p.add_argument("--thread", action="store_true", help="split the body (or summary) into a numbered thread")
    p.add_argument("--max-posts", metavar="N", type=int, default=10, help="with --thread: at most N posts (10)")
    p.add_argument("--link-in", choices=("first", "last"), default="first",
                   help="with --thread: the post that carries the link and call to action (first)")
    p.add_argument("--state", metavar="FILE", help="SQLite file of what was composed: emit only new posts")
    p.add_argument("--forget-after", metavar="DAYS", type=float, help="with --state: forget marks over DAYS old")
    p.add_argument("--strict", action="store_true", help="a record with an unknown field fails (default: a warning)")

    p = sub.add_parser("lint", parents=[common, _parent(_platform, _findings, _selection)],
                       help="check hand-written posts: files, folders of .txt files, '-' for stdin, or --text")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="post files, folders (their .txt files) or '-' for stdin (default: stdin)")
    p.add_argument("--text", action="append", default=[], metavar="TEXT", help="lint TEXT itself; repeatable")
    p.add_argument("--stdin-filename", "--path", dest="stdin_filename", metavar="NAME",
                   help="the file name to report for stdin (default: <stdin>)")

    p = sub.add_parser("check", parents=[common, _parent(_platform, _templates, _findings, _selection)],
                       help="CI: render every template for every example on every platform, then lint")
    p.add_argument("--examples", metavar="PATH", action="append",
                   help="example records (default: config 'examples', else ./examples); repeatable")
    p.add_argument("--preview", metavar="FILE", help="also write the HTML preview of every post to FILE")
    p.add_argument("--strict", action="store_true", help="an example record with an unknown field fails")
    p.add_argument("-o", "--output", metavar="FILE", help="write findings to FILE instead of stdout")

    p = sub.add_parser("rules", parents=[common], help="list the rule catalogue, or print one rule's documentation")
    p.add_argument("code", nargs="?", help="a rule code, e.g. CLK001")

    p = sub.add_parser("preview", parents=[common, posts],
                       help="write an HTML page showing every post with its counter and findings")
    p.add_argument("-o", "--output", metavar="FILE", default="preview.html",
                   help="the HTML file to write (default: preview.html; '-' for stdout)")

    p = sub.add_parser("platforms", parents=[common], help="list platform profiles: limits, units, sources")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    return parser


@contextmanager
def _output(path: str | None, inputs: Sequence[str | None] = ()) -> Iterator[IO[str]]:
    """Where results go: stdout, or a file written whole at the end (never over an input)."""
    from postkit.output import atomic_output, check_not_input  # noqa: PLC0415

    check_not_input(path, [i for i in inputs if i is not None])
    with atomic_output(path) as handle:
        yield handle


def _load_config(args: argparse.Namespace) -> Config:
    """The configuration, its rule settings checked (a bad code is a usage error for every command)."""
    from postkit.config import load_config  # noqa: PLC0415

    config = load_config(args.config)
    args.rules = _ruleset(args, config)
    return config


def _ruleset(args: argparse.Namespace, config: Config) -> RuleSet:
    from postkit.cli_options import OptionError, select_config  # noqa: PLC0415
    from postkit.rules import RuleSet  # noqa: PLC0415

    try:
        config = select_config(config, args)
    except OptionError as err:
        raise _UsageError(str(err)) from None
    return RuleSet.from_config(config, tone=getattr(args, "tone", None))


def _require_paths(paths: Sequence[str]) -> None:
    """A path that does not exist is a usage error (exit 2), found before any work."""
    from postkit.cli_options import missing_paths  # noqa: PLC0415

    missing = missing_paths(paths)
    if missing:
        raise _UsageError(f"no such file or folder: {missing[0]}")


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
    from postkit.platform.profile import get_platform  # noqa: PLC0415

    return [get_platform(name, registry) for name in names]


def _post_dict(post: Post, where: dict[str, Any], *, payload: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        **where,
        "platform": post.platform.name,
        "text": post.text,
        "length": post.length,
        "limit": post.limit,
        "unit": post.platform.unit,
        "fits": post.fits,
        "truncated": list(post.truncated),
        "link": post.link,
        "hashtags": list(post.hashtags),
    }
    if payload:
        data["payload"] = post.payload()
        if post.card_image:  # a blob the caller uploads for the link card's thumbnail
            data["card_image"] = post.card_image
    return data


def _open_state(args: argparse.Namespace) -> State | None:
    if args.forget_after is not None and (args.state is None or args.forget_after < 0):
        raise _UsageError("--forget-after needs --state and a number of days >= 0")
    if args.thread and args.max_posts < 1:
        raise _UsageError("--max-posts must be at least 1")
    if args.state is None:
        return None
    from postkit.state import State  # noqa: PLC0415

    state = State(args.state).open()  # waits for an overlapping run; one transaction until commit
    if args.forget_after is not None:
        state.forget(args.forget_after)
    return state


def _cmd_compose(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    from postkit.pipeline import rows  # noqa: PLC0415
    from postkit.posts.batch import outcomes  # noqa: PLC0415
    from postkit.posts.loader import template_set  # noqa: PLC0415
    from postkit.state import article_key  # noqa: PLC0415

    if args.payload and args.format == "text":
        raise _UsageError("--payload needs --format json or jsonl (text output is the posts only)")
    _require_paths(args.paths)
    config = _load_config(args)
    platforms = _select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    campaign = args.utm_campaign or config.utm_campaign
    tset = template_set(templates)
    for platform in platforms:  # a broken template is a usage error, found before any record
        tset.for_platform(platform.name)

    from postkit.cli_options import Progress  # noqa: PLC0415

    bar = Progress(err, "records")
    state = _open_state(args)
    # With --state or --thread the posts are composed here (the rows then only read records).
    own = state is not None or args.thread
    records = failed = posts = skipped = streamed = 0
    try:
        with _output(args.output, args.paths) as out:
            if args.format == "json":  # streamed: a million posts need no more memory than one
                out.write('{\n  "schema": "postkit.compose/1",\n  "posts": [')
            for row in bar.wrap(rows(args.paths, platforms, templates=templates, campaign=campaign,
                                     strict=args.strict, template_for=(lambda _platform: None) if own else None)):
                records += 1
                for warning in row.warnings:
                    bar.note(f"warning: {warning}")
                if row.article is None:
                    failed += 1
                    bar.note(f"error: {row.error}")
                    continue
                where = {"path": row.path, "record": row.index, "line": row.line, "id": row.article.id}
                made_for: Iterable[tuple[Platform, Outcome]] = (
                    outcomes(row.article, platforms, state=state, thread=args.thread, max_posts=args.max_posts,
                             link_in=args.link_in,
                             templates=templates, campaign=campaign) if own else
                    ((c.platform, [c.post] if c.post is not None else c.error) for c in row.cards))
                record_failed = False
                for platform, made in made_for:
                    if made is None:
                        skipped += 1
                        continue
                    if not isinstance(made, list):
                        record_failed = True
                        bar.note(f"error: {row.source}, platform {platform.name!r}: {made}")
                        continue
                    posts += len(made)
                    for number, post in enumerate(made, 1):
                        place = {**where, "thread": {"index": number, "of": len(made)}} if args.thread else where
                        if args.format == "text":
                            out.write(_post_text(post, row.source or "", number, len(made) if args.thread else 0))
                        elif args.format == "jsonl":
                            out.write(json.dumps(_post_dict(post, place, payload=args.payload),
                                                 ensure_ascii=False) + "\n")
                        else:
                            item = json.dumps(_post_dict(post, place, payload=args.payload), ensure_ascii=False,
                                              indent=2)
                            out.write(("," if streamed else "") + "\n    " + item.replace("\n", "\n    "))
                            streamed += 1
                    if state is not None:
                        state.mark(platform.name, article_key(row.article))  # committed once the output is out
                failed += record_failed
            if args.format == "json":
                summary = json.dumps({"records": records, "posts": posts, "failed": failed}, indent=2)
                out.write(("\n  ]" if streamed else "]") + ',\n  "summary": ' + summary.replace("\n", "\n  ")
                          + "\n}\n")
            out.flush()
            if out is not sys.stdout:
                os.fsync(out.fileno())
    except BaseException:
        if state is not None:
            state.rollback()
        raise
    if state is not None:
        state.commit()
    from postkit.cli_options import plural  # noqa: PLC0415

    known = f"; {skipped} already composed (in {args.state})" if state is not None else ""
    print(f"postkit: {plural(posts, 'post')} from {plural(records, 'record')} on "
          f"{plural(len(platforms), 'platform')}; {plural(failed, 'record')} failed{known}", file=err)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _post_text(post: Post, label: str, number: int, of: int) -> str:
    shortened = f" · shortened: {', '.join(post.truncated)}" if post.truncated else ""
    thread = f" · thread {number}/{of}" if of else ""
    return (f"# {label} · {post.platform.name}{thread} · {post.length}/{post.limit} "
            f"{post.platform.unit}{shortened}\n{post.text}\n\n")


def _cmd_lint(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    from postkit.cli_options import lint_findings, lint_inputs, plural, sort_findings  # noqa: PLC0415

    _require_paths(args.paths)
    config = _load_config(args)
    rules: RuleSet = args.rules
    platforms = _select_platforms(args.platform, config) if args.platform or config.platforms else []
    if not platforms:
        from postkit.platform.profile import get_platform  # noqa: PLC0415

        platforms = [get_platform("x")]
    findings, texts, unreadable = lint_findings(lint_inputs(args.paths, args.text, args.stdin_filename), rules.check,
                                                platforms, lambda line: print(line, file=err))
    summary = (f"postkit: {plural(len(findings), 'finding')} in {plural(texts, 'post')} on "
               f"{plural(len(platforms), 'platform')}" + (f"; {plural(unreadable, 'file')} unreadable" if unreadable
                                                          else ""))
    return _report(args, config, sort_findings(findings), summary, err, failed=bool(unreadable))


def _report(args: argparse.Namespace, config: Config, findings: list[Finding], summary: str, err: IO[str],
            *, failed: bool) -> ExitCode:
    """Write findings (or ``--statistics``) and the summary; the exit code as ruff's options say."""
    from postkit.cli_options import statistics  # noqa: PLC0415
    from postkit.report import exit_status, render  # noqa: PLC0415

    fail_on = args.fail_on or config.fail_on
    with _output(getattr(args, "output", None)) as out:
        out.write(statistics(findings, args.format) if args.statistics else render(findings, args.format,
                                                                                    fail_on=fail_on))
    if not args.quiet:
        print(summary, file=err)
    if args.exit_zero:
        return ExitCode.OK
    return ExitCode.FINDINGS if exit_status(findings, fail_on) or failed else ExitCode.OK


def _cmd_check(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    from postkit.ci import validate  # noqa: PLC0415
    from postkit.cli_options import Progress, plural, sort_findings  # noqa: PLC0415

    _require_paths(args.examples or [])
    config = _load_config(args)
    rules: RuleSet = args.rules
    platforms = _select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    examples = args.examples or [str(config.examples) if config.examples else "examples"]
    _require_paths(examples)
    from postkit.output import check_not_input  # noqa: PLC0415

    for target in (args.output, args.preview):  # refused before anything is read or written
        check_not_input(target, [*examples, *([templates] if templates else []),
                                 *([args.preview] if target is args.output and args.preview else [])])
    result = validate(
        templates=templates, examples=examples, platforms=platforms, rules=rules, campaign=config.utm_campaign,
        strict=args.strict, progress=Progress(err, "records").wrap,
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


def _cmd_rules(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    del err
    from postkit.rules import format_rule_doc, rules_table  # noqa: PLC0415

    sys.stdout.write(format_rule_doc(args.code) if args.code else rules_table("text"))
    return ExitCode.OK


def _cmd_preview(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    from postkit.output import check_not_input  # noqa: PLC0415
    from postkit.preview import cli_preview  # noqa: PLC0415

    _require_paths(args.paths)
    config = _load_config(args)
    platforms = _select_platforms(args.platform, config)
    templates = args.templates or (str(config.templates) if config.templates else None)
    check_not_input(args.output, [*args.paths, *([templates] if templates else [])])
    posts, errors = cli_preview(
        args.paths, platforms, templates, args.utm_campaign or config.utm_campaign, args.output,
        check=args.rules.check,
    )
    from postkit.cli_options import plural  # noqa: PLC0415

    print(f"postkit: wrote {args.output}: {plural(posts, 'post')}, {plural(errors, 'error')}", file=err)
    return ExitCode.FINDINGS if errors else ExitCode.OK


def _cmd_platforms(args: argparse.Namespace, err: IO[str]) -> ExitCode:
    del err
    config = _load_config(args)
    registry = config.platform_registry()
    if args.format == "json":
        import attrs  # noqa: PLC0415

        json.dump([attrs.asdict(p) for p in registry.values()], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return ExitCode.OK
    from postkit.cli_options import platforms_table  # noqa: PLC0415

    sys.stdout.write(platforms_table(registry))
    return ExitCode.OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, IO[str]], ExitCode]] = {
    "check": _cmd_check,
    "compose": _cmd_compose,
    "lint": _cmd_lint,
    "rules": _cmd_rules,
    "platforms": _cmd_platforms,
    "preview": _cmd_preview,
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
    except _UsageError as exc:
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
