"""Writing results: whole or not at all, never over an input.

Every file postkit writes (``compose -o``, ``check -o``, ``check --preview``, ``preview
-o``) goes through :func:`atomic_output`: the text is written to a temporary file beside
the target and renamed over it only once complete, so an interrupted run (Ctrl-C, a
crash, a full disk) leaves the old file or nothing, never half a file, and two runs on
one output never interleave. The file gets the permissions the user's umask gives a new
file (``mkstemp`` alone would make it 0600). An output that is one of the inputs (or
inside an input folder) is refused before anything is read: opening it for writing
first would destroy the records. So is a read-only file (it is not replaced) and an output
whose folder does not exist or cannot be written, each in one line naming the output.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from postkit.errors import OutputError

__all__ = [
    "STDOUT",
    "OneLineStream",
    "atomic_output",
    "check_not_input",
    "check_not_state",
    "check_writable",
    "write_text",
]

#: The output name that means stdout.
STDOUT = "-"


class OneLineStream:
    r"""stderr as postkit writes it: each message one line, whatever it quotes.

    CI runners read a line starting with ``::`` as a workflow command; a file name or a
    value holding ``\n::error ...::`` must not start one. CR and LF inside a message are
    written as ``\r``/``\n``, and a line that would start with ``::`` is prefixed.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.at_start = True
        isatty = getattr(stream, "isatty", None)
        # A person's terminal is no CI log: a progress bar's "\r" passes through there.
        self.terminal = bool(callable(isatty) and isatty())

    def write(self, text: str) -> int:
        """Write ``text`` with CR/LF inside it escaped; a final newline ends the line."""
        if self.terminal:
            return self.stream.write(text)
        body, end = (text[:-1], "\n") if text.endswith("\n") else (text, "")
        body = body.replace("\r", "\\r").replace("\n", "\\n")
        if self.at_start and body.lstrip().startswith("::"):
            body = "postkit: " + body
        if body or end:
            self.at_start = bool(end)
        self.stream.write(body + end)
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _same_or_inside(target: str, source: str) -> str | None:
    """``"same"``: ``target`` is the file ``source``; ``"inside"``: it would be in folder ``source``; else None."""
    if source == STDOUT:
        return None
    real_target, real_source = os.path.realpath(target), os.path.realpath(source)
    if real_target == real_source:
        return "same"
    with contextlib.suppress(OSError):
        if Path(target).samefile(source):
            return "same"
    if Path(real_source).is_dir() and os.path.commonpath([real_source, real_target]) == real_source:
        return "inside"
    return None


def check_not_input(output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output path that is one of ``inputs`` or lies inside an input folder.

    Raises:
        OutputError: naming the output and the input, and why: it would destroy an input's
            records, or (a new file in an input folder) be read as records by the next run.
    """
    if output is None or os.fspath(output) == STDOUT:
        return
    target = os.fspath(output)
    for source in inputs:
        found = _same_or_inside(target, os.fspath(source))
        if found is None:
            continue
        named = os.fspath(source)
        if found == "same":
            msg = f"output {target!r} is an input: writing it would destroy its records"
        elif Path(target).exists():
            msg = f"output {target!r} is in the input folder {named!r}: writing it would replace a file read as records"
        else:
            msg = f"output {target!r} is in the input folder {named!r}: the next run would read it as records"
        raise OutputError(msg, path=target, hint="write to a file outside the inputs")
    check_writable(output)


def check_writable(output: str | os.PathLike[str] | None) -> None:
    """Refuse, before anything is read or written, an output that cannot be written as asked.

    A read-only file is not replaced (renaming over it would work: its folder decides), and a
    folder that does not exist or cannot be written is named as the output's, not as the
    temporary file's. A target that is no regular file (``/dev/null``, a FIFO) is written as
    it is, so only its own permission counts.

    Raises:
        OutputError: naming the output.
    """
    if output is None or os.fspath(output) == STDOUT:
        return
    target = Path(output)
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder; the output is a file", path=str(target))
    if info is not None and (not info.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise OutputError("is read-only: not replaced", path=str(target), hint="make it writable or write elsewhere")
    if info is not None and not stat.S_ISREG(info.st_mode):
        return
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"its folder {str(folder)!r} does not exist", path=str(target))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"its folder {str(folder)!r} cannot be written", path=str(target))


def check_not_state(output: str | os.PathLike[str] | None, state: str | os.PathLike[str]) -> None:
    """Refuse an output path that is the state file (the posts would replace what it remembers).

    Raises:
        OutputError: naming the output.
    """
    if output is None or os.fspath(output) == STDOUT:
        return
    target = os.fspath(output)
    if _same_or_inside(target, os.fspath(state)):
        msg = f"output {target!r} is the state file: writing it would destroy what the state remembers"
        raise OutputError(msg, path=target, hint="write to another file")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(output: str | os.PathLike[str] | None) -> Iterator[IO[str]]:
    """A text stream for ``output`` (None or ``"-"``: stdout) that lands whole or not at all.

    A target that exists and is no regular file (``/dev/null``, a FIFO) is written as it is.
    UTF-8, newline line ends; text that cannot be encoded (a file name that is not UTF-8
    reaches Python as lone surrogates) is written as backslash escapes, not a crash.

    Raises:
        OutputError: a read-only target, a folder that does not exist or cannot be written
            (:func:`check_writable`), or another failure to create the file, naming the output;
            the target is then left as it was.
    """
    if output is None or os.fspath(output) == STDOUT:
        yield sys.stdout
        return
    check_writable(output)
    target = Path(output)
    if target.exists() and not target.is_file():
        # /dev/null, a FIFO, a terminal: nothing to replace; write to it as it is.
        with target.open("w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
        return
    import tempfile  # noqa: PLC0415 - only when a file is written (it imports shutil, random, …)

    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:  # named as the output, not as the temporary file
        raise OutputError(f"cannot write in its folder: {err.strerror or err}", path=str(target)) from None
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            yield handle
            handle.flush()
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(text: str, output: str | os.PathLike[str] | None) -> None:
    """Write ``text`` to ``output`` with :func:`atomic_output`."""
    with atomic_output(output) as handle:
        handle.write(text)
