"""Lint hand-written posts: files, folders of ``.txt`` files, stdin or literal texts.

What ``postkit lint`` does, as one call (:func:`lint`), and its inputs as a stream
(:func:`lint_inputs`). A post is read whole but capped at one record's size
(``records.MAX_RECORD_BYTES``), strict UTF-8: a file that cannot be read is reported,
not skipped, and the others are linted. Only regular files are read: a FIFO, a device or a
socket (named, or a ``.txt`` entry of a folder) is reported without waiting on it, and so
are a ``.txt`` link to nothing and a folder that cannot be listed.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import attrs

from postkit.platforms.registry import Platform, get_platform
from postkit.report import Finding, FindingGroup, locate, sort_findings
from postkit.rules.engine import RuleSet

__all__ = ["LINT_SUFFIXES", "LintInput", "LintResult", "lint", "lint_inputs"]

#: What a folder given to ``postkit lint`` contributes: post drafts as plain text.
LINT_SUFFIXES = (".txt",)


@attrs.frozen
class LintInput:
    """One text to lint: where it came from (a file, ``<stdin>``, ``<text>``) and the text or why not."""

    path: str
    text: str | None
    error: str | None = None


@attrs.frozen
class LintResult:
    """What :func:`lint` found.

    Args:
        findings: every finding, sorted by file, line and column.
        posts: the texts checked.
        unreadable: the inputs not linted: unreadable, a folder with no ``.txt`` file, a
            record file (each passed to ``note``).
    """

    findings: tuple[Finding, ...]
    posts: int
    unreadable: int


def _folder_inputs(folder: Path) -> Iterator[LintInput]:
    """The ``.txt`` files under ``folder`` (hidden entries skipped, links to folders not followed), sorted.

    What cannot be linted is an input too, with its reason: a folder that cannot be listed, a
    ``.txt`` entry that is a link to nothing, or no regular file.
    """
    found: list[tuple[Path, str | None]] = []

    def unlistable(err: OSError) -> None:
        found.append((Path(err.filename or folder), f"cannot list the folder: {err.strerror or err}"))

    for top, folders, files in os.walk(folder, onerror=unlistable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files + [name for name in folders if Path(top, name).is_symlink()]:
            path = Path(top, name)
            if name.startswith(".") or path.suffix.lower() not in LINT_SUFFIXES:
                continue
            found.append((path, None))
    for path, problem in sorted(found):
        yield LintInput(str(path), None, problem) if problem is not None else _read(path)


def _read(path: Path) -> LintInput:
    """A file's text; a FIFO, device or socket is refused at once (opened without waiting on a writer)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as err:
        why = "a link to nothing" if path.is_symlink() else err.strerror or str(err)
        return LintInput(str(path), None, why)
    except OSError as err:
        return LintInput(str(path), None, err.strerror or str(err))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, device or socket)"
        return LintInput(str(path), None, f"{what}: not read")
    try:
        with os.fdopen(fd, "rb") as fh:
            return _decoded(str(path), fh)
    except OSError as err:
        return LintInput(str(path), None, err.strerror or str(err))


def _decoded(name: str, fh: IO[bytes]) -> LintInput:
    """At most one record's size (MAX_RECORD_BYTES) of ``fh``, strict UTF-8 (``/dev/zero`` ends)."""
    from postkit.records.capped import MAX_RECORD_BYTES  # noqa: PLC0415 - the record readers: only for files

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


def lint_inputs(
    paths: Sequence[str | os.PathLike[str]] = (), texts: Sequence[str] = (), stdin_name: str | None = None
) -> Iterator[LintInput]:
    """The texts to lint, in order: ``texts`` themselves, then each path.

    A folder gives its ``.txt`` files (recursively, sorted, hidden entries skipped, links
    to folders not followed), and what in it cannot be read as inputs with their reason;
    a folder with no ``.txt`` file is an input with its reason (a wrong path must not pass
    CI with nothing checked). A record file named directly (``.csv``, ``.json``, a feed, a
    Markdown file with front matter) is refused with its reason: its records are not posts
    (``postkit check`` composes and checks them). ``-`` is stdin, reported as
    ``stdin_name`` (default ``<stdin>``). No path and no text: stdin.
    """
    for text in texts:
        yield LintInput("<text>", text.removesuffix("\n"))
    for raw in paths if paths or texts else ["-"]:
        if os.fspath(raw) == "-":
            yield _stdin(stdin_name or "<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for item in _folder_inputs(path):
                found = True
                yield item
            if not found:
                yield LintInput(str(path), None, _NO_POSTS)
        else:
            yield _not_a_record(path) or _front_matter(_read(path))


_NO_POSTS = (
    "no .txt files in this folder: lint reads posts from .txt files "
    "(to check the posts composed from record files: postkit check --examples FOLDER)"
)


def _record_file(path: str, suffix: str) -> LintInput:
    return LintInput(
        path,
        None,
        f"a record file ({suffix}), not a post: lint checks posts as written; "
        f"to check the posts composed from its records: postkit check --examples {path}",
    )


def _not_a_record(path: Path) -> LintInput | None:
    """The refusal of a record file named directly (JSON, CSV, a feed), or None: a post to read."""
    suffix = path.suffix.lower()
    if suffix in LINT_SUFFIXES or suffix in _MARKDOWN:
        return None
    from postkit.records.reading import SUPPORTED_SUFFIXES  # noqa: PLC0415 - only for a file not .txt

    return _record_file(str(path), suffix) if suffix in SUPPORTED_SUFFIXES else None


_MARKDOWN = (".md", ".markdown")


def _front_matter(item: LintInput) -> LintInput:
    """A Markdown file with front matter is a record (title, url in the header), not a post draft."""
    suffix = Path(item.path).suffix.lower()
    if item.text is not None and suffix in _MARKDOWN and item.text.partition("\n")[0].rstrip("\r") in ("---", "+++"):
        return _record_file(item.path, suffix)
    return item


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def lint(
    paths: Sequence[str | os.PathLike[str]] = (),
    texts: Sequence[str] = (),
    *,
    rules: RuleSet | None = None,
    platforms: Sequence[Platform] | None = None,
    stdin_name: str | None = None,
    note: Callable[[str], None] | None = None,
) -> LintResult:
    """Check every text of :func:`lint_inputs` on every platform: ``postkit lint`` as one call.

    Args:
        paths: post files, folders (their ``.txt`` files), ``"-"`` for stdin.
        texts: texts to lint themselves (reported as ``<text>``).
        rules: the rules (default: ``RuleSet()``, every rule in the news tone).
        platforms: the platforms to check on (default: X). Each finding names its
            platforms: one found the same on several (same place and message) is reported
            once, with ``platforms`` listing them.
        stdin_name: the file name reported for stdin.
        note: each input that cannot be read, as ``error: PATH: why`` (default: stderr).
    """
    check = (rules or RuleSet()).check
    targets = list(platforms) if platforms else [get_platform("x")]
    say = note or _stderr
    # A finding the same on several platforms (same text, place and message) is reported
    # once, naming them all, as ``postkit check`` reports it.
    groups: dict[tuple[object, ...], FindingGroup] = {}
    posts = unreadable = 0
    items: Iterable[LintInput] = lint_inputs(paths, texts, stdin_name)
    for index, item in enumerate(items):
        if item.text is None:
            unreadable += 1
            say(f"error: {item.path}: {item.error}")
            continue
        posts += 1
        text = item.text
        for p in targets:
            for v in check(text, p):
                key = (index, v.code, v.severity, v.start, v.end, v.message, v.hint)
                group = groups.get(key)
                if group is None:
                    groups[key] = FindingGroup.start(locate(v, text, item.path, platform=p.name), index)
                else:
                    group.add(p.name, index)
    findings = [attrs.evolve(group.finding(), records=0) for group in groups.values()]  # no records in lint
    return LintResult(tuple(sort_findings(findings)), posts, unreadable)
