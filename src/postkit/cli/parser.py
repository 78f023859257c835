"""The argument parser: shared parent parsers for the options several commands take."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


class _Version(argparse.Action):
    """``--version``: the version is read from the package metadata (~25 ms) only when asked."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from postkit import __version__  # noqa: PLC0415

        print(f"postkit {__version__}")
        parser.exit()


def _parent(*adders: Callable[[argparse.ArgumentParser], object]) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    for add in adders:
        add(parent)
    return parent


def _globals(p: argparse.ArgumentParser, default: Any = None) -> None:
    p.add_argument(
        "--config",
        metavar="PATH",
        default=default,
        help="config file (default: nearest pyproject.toml with [tool.postkit], or postkit.toml)",
    )
    p.add_argument("--debug", action="store_true", default=default, help="show tracebacks for errors")


def _platform(p: argparse.ArgumentParser) -> None:
    p.add_argument("-p", "--platform", help="comma-separated platform names, or 'all' (default: config, else all)")


def _lint_platform(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-p",
        "--platform",
        help="comma-separated platform names, or 'all' (default: config 'targets', else x)",
    )


def _records(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="record files or folders, '-' for stdin (a feed, JSON or JSON Lines)"
    )


def _templates(p: argparse.ArgumentParser) -> None:
    p.add_argument("--templates", metavar="DIR", help="folder of templates that shadow the defaults (default: config)")


def _campaign(p: argparse.ArgumentParser) -> None:
    p.add_argument("--utm-campaign", metavar="NAME", help="utm_campaign for every link")
    p.add_argument("--utm-medium", metavar="NAME", help="utm_medium for every link (default: config, else social)")


def _reading(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="records without a url get one under URL, from their permalink, slug or file name (default: config)",
    )
    p.add_argument(
        "--map",
        metavar="OLD=NEW",
        action="append",
        default=[],
        help="read the record key OLD as the field NEW (e.g. web_title=title); repeatable, over [fields]",
    )
    _drafts(p)


def _drafts(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--include-drafts",
        action="store_true",
        help="compose drafts, scheduled, private and pending posts too (default: config, else each is skipped "
        "with a warning)",
    )


def _findings(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--output-format",
        "-f",
        "--format",
        dest="format",
        choices=("concise", "json", "jsonl", "json-lines", "github", "sarif", "junit"),
        default="concise",
        help="how findings are written (ruff's option; --format is its other name; json-lines is jsonl)",
    )
    p.add_argument("--tone", choices=("news", "casual"), help="tone (default: config, else news)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails (exit 1)")


def _selection(p: argparse.ArgumentParser) -> None:
    """What ruff's ``check`` takes: selection, ``--exit-zero``, ``--statistics``, ``-q``."""
    p.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to run (replaces the config's)")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated codes or prefixes not to run (added to config's)")
    p.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to run on top of the selection")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--statistics", action="store_true", help="print how many findings each rule has, not the findings")
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the findings and nothing else (no summary, no record warnings)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs).

    Options shared by several commands come from parent parsers, written once; the global
    ``--config`` and ``--debug`` are accepted before or after the command.
    """
    parser = argparse.ArgumentParser(
        prog="postkit",
        description="Platform-sized teaser posts from article records, checked for length and tone.",
    )
    parser.add_argument("--version", action=_Version)
    _globals(parser)
    # After the command, the same options must not reset what was given before it.
    common = _parent(lambda p: _globals(p, argparse.SUPPRESS))
    posts = _parent(_records, _platform, _templates, _campaign, _reading)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("compose", parents=[common, posts], help="compose posts for article records")
    p.add_argument("-f", "--format", choices=("text", "json", "jsonl"), default="text")
    p.add_argument(
        "--payload",
        action="store_true",
        help="include each post's API payload (and card_image, to upload) in json/jsonl",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write posts to FILE instead of stdout")
    p.add_argument("--thread", action="store_true", help="split the body (or summary) into a numbered thread")
    p.add_argument("--max-posts", metavar="N", type=int, help="with --thread: at most N posts (10)")
    p.add_argument(
        "--link-in",
        choices=("first", "last"),
        help="with --thread: the post that carries the link and call to action (first)",
    )
    p.add_argument("--state", metavar="FILE", help="SQLite file of what was composed: emit only new posts")
    p.add_argument("--forget-after", metavar="DAYS", type=float, help="with --state: forget marks over DAYS old")
    p.add_argument(
        "--strict",
        action="store_true",
        help="a record with an unknown field, or a field under another tool's name (headline), fails "
        "(default: a warning)",
    )

    p = sub.add_parser(
        "publish",
        parents=[common, posts],
        help="post for real through the platforms' APIs, each post exactly once (accounts from the environment)",
    )
    p.add_argument(
        "--state", metavar="FILE", required=True, help="SQLite file with the ledger of what was sent (required)"
    )
    p.add_argument("--thread", action="store_true", help="post the body (or summary) as a thread of replies")
    p.add_argument("--max-posts", metavar="N", type=int, help="with --thread: at most N posts (10)")
    p.add_argument(
        "--link-in",
        choices=("first", "last"),
        help="with --thread: the post that carries the link and call to action (first)",
    )
    p.add_argument("--dry-run", action="store_true", help="send nothing: print what would be sent (no account needed)")
    p.add_argument(
        "--forget-after",
        metavar="DAYS",
        type=float,
        help="forget the articles whose posts were all sent over DAYS ago (a forgotten article still in the feed is "
        "sent again)",
    )
    p.add_argument(
        "--retry-unknown",
        action="store_true",
        help="send again the posts an interrupted run left 'unknown' (check the account first: they may be posted)",
    )
    p.add_argument("-f", "--format", choices=("text", "jsonl"), default="text", help="the report: text or jsonl")
    p.add_argument("--strict", action="store_true", help="a record with an unknown field fails (default: a warning)")

    p = sub.add_parser(
        "lint",
        parents=[common, _parent(_lint_platform, _findings, _selection)],
        help="check hand-written posts: files, folders of .txt files, '-' for stdin, or --text",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="post files, folders (their .txt files) or '-' for stdin (default: stdin)",
    )
    p.add_argument("--text", action="append", default=[], metavar="TEXT", help="lint TEXT itself; repeatable")
    p.add_argument(
        "--stdin-filename",
        dest="stdin_filename",
        metavar="NAME",
        help="the file name to report for stdin (default: <stdin>)",
    )

    p = sub.add_parser(
        "check",
        # The records are composed as compose composes them: the same reading and link options.
        parents=[common, _parent(_platform, _templates, _campaign, _reading, _findings, _selection)],
        help="CI: render every template for every example on every platform, then lint",
    )
    p.add_argument(
        "--examples",
        metavar="PATH",
        action="append",
        help="example records (default: config 'examples', else ./examples); repeatable",
    )
    p.add_argument("--preview", metavar="FILE", help="also write the HTML preview of every post to FILE")
    p.add_argument("--strict", action="store_true", help="an example record with an unknown field fails")
    p.add_argument("-o", "--output", metavar="FILE", help="write findings to FILE instead of stdout")

    p = sub.add_parser(
        "rules",
        parents=[common],
        help="list the rule catalogue (severities as configured; off: not run), or print one rule's documentation",
    )
    p.add_argument("code", nargs="?", help="a rule code, e.g. CLK001, or a prefix, e.g. CLK, for its rules")

    p = sub.add_parser(
        "preview", parents=[common, posts], help="write an HTML page showing every post with its counter and findings"
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="preview.html",
        help="the HTML file to write (default: preview.html; '-' for stdout)",
    )

    p = sub.add_parser("platforms", parents=[common], help="list platform profiles: limits, units, sources")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    return parser
