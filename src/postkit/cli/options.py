"""What ``postkit lint`` and ``postkit check`` share, spelled as ruff spells it.

Rule selection on the command line (``--select``, ``--ignore``, ``--extend-select``)
layered over the configuration, ``--statistics``, the order findings are reported in,
plural-correct summaries, and lint's inputs (files, folders, ``-`` for stdin, ``--text``).
Kept apart from ``cli.py`` so that the parser and the commands stay readable there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TypeVar

import attrs

from postkit.config import Config
from postkit.errors import ConfigError
from postkit.platforms.registry import Platform
from postkit.report import Finding, locate
from postkit.rules.base import Violation
from postkit.rules.selection import codes

__all__ = [
    "LintInput",
    "Progress",
    "lint_findings",
    "lint_inputs",
    "missing_paths",
    "platforms_table",
    "plural",
    "select_config",
    "sort_findings",
    "statistics",
]

T = TypeVar("T")

#: What a folder given to ``postkit lint`` contributes: post drafts as plain text.
LINT_SUFFIXES = (".txt",)


class OptionError(ValueError):
    """A bad option value; the CLI reports it as a usage error (exit 2)."""


def _option_codes(value: str | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    entries = [part.strip() for part in value.split(",") if part.strip()]
    if not entries:
        raise OptionError(f"{option} needs at least one rule code or prefix")
    try:
        return codes(entries, option)
    except ConfigError as err:
        raise OptionError(f"{option}: {err.message}") from None


def select_config(config: Config, args: argparse.Namespace) -> Config:
    """The configuration with the command line's selection applied, as ruff layers it.

    ``--select`` replaces the configured ``select`` (and the configured ``ignore`` no longer
    applies to it); ``--ignore`` adds to ``ignore``; ``--extend-select`` adds to the
    selection and overrides a configured ``ignore`` of the same entry.

    Raises:
        OptionError: for an unknown code or prefix, naming the option.
    """
    select = _option_codes(getattr(args, "select", None), "--select")
    ignore = _option_codes(getattr(args, "ignore", None), "--ignore") or ()
    extend = _option_codes(getattr(args, "extend_select", None), "--extend-select") or ()
    if select is None and not ignore and not extend:
        return config
    base_select, base_ignore = config.select, config.ignore
    if select is not None:
        base_select, base_ignore = select, ()
    if extend:
        base_select = (*(base_select if base_select is not None else ("ALL",)), *extend)
        base_ignore = tuple(entry for entry in base_ignore if entry not in extend)
    return attrs.evolve(config, select=base_select, ignore=(*base_ignore, *ignore))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings by file, line and column (stable: platform and record order kept within)."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.column))


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 post``, ``2 posts``; ``many`` for irregular plurals.

    >>> plural(1, "platform"), plural(3, "platform"), plural(0, "info", "info")
    ('1 platform', '3 platforms', '0 info')
    """
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def statistics(findings: Sequence[Finding], fmt: str) -> str:
    """How many findings each rule has, most first (ruff's ``--statistics``): text, or json."""
    from postkit.rules import RULES  # noqa: PLC0415 - the registry; imported with the rules anyway

    counts = Counter(f.code for f in findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rows = [{"code": code, "name": RULES[code].name if code in RULES else None, "count": n} for code, n in ordered]
    if fmt in ("json", "jsonl"):
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for _, n in ordered), default=1)
    return "".join(f"{row['count']:>{width}}\t{row['code']}\t{row['name'] or ''}\n" for row in rows)


def missing_paths(paths: Iterable[str]) -> list[str]:
    """The paths (not ``-``) that do not exist: a usage error, before any work."""
    return [p for p in paths if p != "-" and not Path(p).exists()]


@attrs.frozen
class LintInput:
    """One text to lint: where it came from (a file, ``<stdin>``, ``<text>``) and the text or why not."""

    path: str
    text: str | None
    error: str | None = None


def _folder_files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in LINT_SUFFIXES:
            yield path


def _read(path: Path) -> LintInput:
    try:
        with path.open("rb") as fh:
            return _decoded(str(path), fh)
    except OSError as err:
        return LintInput(str(path), None, err.strerror or str(err))


def _decoded(name: str, fh: IO[bytes]) -> LintInput:
    """At most one record's size (MAX_RECORD_BYTES) of ``fh``, strict UTF-8 (``/dev/zero`` ends)."""
    from postkit.records import MAX_RECORD_BYTES  # noqa: PLC0415

    data = fh.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        return LintInput(name, None, f"larger than {MAX_RECORD_BYTES:,} bytes, the most lint reads")
    try:
        return LintInput(name, data.decode("utf-8-sig").removesuffix("\n"))
    except UnicodeDecodeError as err:
        return LintInput(name, None, f"not UTF-8 (byte {err.start})")


def _stdin(name: str) -> LintInput:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return _decoded(name, stream)
    if sys.stdin is None:
        return LintInput(name, None, "stdin is closed")
    return LintInput(name, sys.stdin.read().removesuffix("\n"))  # a text stream (tests, embedding)


def lint_inputs(paths: Sequence[str], texts: Sequence[str], stdin_name: str | None) -> Iterator[LintInput]:
    """The texts ``postkit lint`` checks, in order: ``--text`` values, then each path.

    A folder gives its ``.txt`` files (recursively, sorted, hidden entries skipped); ``-``
    is stdin, reported as ``stdin_name`` (default ``<stdin>``). No path and no text: stdin.
    """
    for text in texts:
        yield LintInput("<text>", text.removesuffix("\n"))
    if not paths and not texts:
        paths = ["-"]
    for raw in paths:
        if raw == "-":
            yield _stdin(stdin_name or "<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from (_read(file) for file in _folder_files(path))
        else:
            yield _read(path)


class Progress:
    """A progress bar on ``stream`` (tqdm) when it is a terminal; nothing at all otherwise.

    Long runs (20,000 records) are not silent in a terminal, and CI logs and pipes get no
    bar characters. ``note`` prints a line above the bar (errors and warnings).
    """

    def __init__(self, stream: IO[str], unit: str) -> None:
        self.stream = stream
        self.unit = unit
        self._bar: object | None = None

    def wrap(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, counted on the bar as they are consumed."""
        isatty = getattr(self.stream, "isatty", None)
        if not (callable(isatty) and isatty()):
            yield from items
            return
        from tqdm import tqdm  # noqa: PLC0415 - only for a terminal

        with tqdm(items, file=self.stream, unit=f" {self.unit}", leave=False, dynamic_ncols=True) as bar:
            self._bar = bar
            yield from bar
        self._bar = None

    def note(self, line: str) -> None:
        """Print ``line`` on the stream without breaking the bar."""
        if self._bar is None:
            print(line, file=self.stream)
            return
        from tqdm import tqdm  # noqa: PLC0415

        tqdm.write(line, file=self.stream)


def lint_findings(
    items: Iterable[LintInput],
    check: Callable[[str, Platform], Sequence[Violation]],
    platforms: Sequence[Platform],
    note: Callable[[str], None],
) -> tuple[list[Finding], int, int]:
    """Every text checked on every platform, located: (findings, texts checked, texts unreadable)."""
    findings: list[Finding] = []
    texts = unreadable = 0
    for item in items:
        if item.text is None:
            unreadable += 1
            note(f"error: {item.path}: {item.error}")
            continue
        texts += 1
        text = item.text
        findings.extend(
            locate(v, text, item.path, platform=p.name if len(platforms) > 1 else None)
            for p in platforms
            for v in check(text, p)
        )
    return findings, texts, unreadable


def platforms_table(registry: Mapping[str, Platform]) -> str:
    """``postkit platforms``: one row per profile, columns aligned, the source last."""
    rows = [("platform", "limit", "unit", "links", "hashtags", "source")]
    for p in registry.values():
        limit = f"{p.limit:,}"
        if p.byte_limit:
            limit += f" + {p.byte_limit:,} B"
        if p.caption_limit:
            limit += f" ({p.caption_limit:,} caption)"
        tags = "-" if p.hashtags_advised is None else f"≤ {p.hashtags_advised}"
        unit = p.unit + (" (unconfirmed)" if p.unconfirmed else "")
        links = "in bio" if p.links == "bio" else "clickable"
        rows.append((p.name, limit, unit, links, tags, p.source.split(";")[0][:60]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip() + "\n")
    return "".join(lines)
