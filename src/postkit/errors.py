"""Errors postkit raises, each carrying where the problem is.

Every error derives from :class:`PostkitError` and stores structured location
fields (``path``, ``index`` or ``line``, ``field``) so that a CLI, a CI report or
a publishing script can say *where* without parsing messages. ``str(error)``
builds one line in Jinja's order: location, then the problem, then the hint.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from typing import TypeAlias

from postkit._public import public

__all__ = [
    "ConfigError",
    "FitError",
    "Location",
    "OptionError",
    "OutputError",
    "PostkitError",
    "RecordError",
    "RecordWarning",
    "ReplyError",
    "SkippedRecord",
    "TemplateError",
    "UnknownPlatformError",
    "did_you_mean",
    "place",
    "shown_path",
    "toml_problem",
]


Location: TypeAlias = tuple[str, int | None, int | None]
"""Where a record is: ``(path, line, index)``, line and record number where known."""

_TOML_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def place(path: str | None, line: int | None = None, index: int | None = None) -> str:
    r"""A location in words, the line where known, else the record number: ``a.jsonl, line 3``.

    Control characters in a file name are shown escaped (``\n``): a name holding
    ``\n::error::`` must not start a line, which CI would read as a workflow command.
    """
    parts = [shown_path(path)] if path is not None else []
    if line is not None:
        parts.append(f"line {line}")
    elif index is not None:
        parts.append(f"record {index}")
    return ", ".join(parts)


_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def shown_path(path: str) -> str:
    r"""``path`` for a one-line message: control characters escaped, undecodable bytes as ``\xNN``."""
    text = path.translate(_CONTROLS)
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # os.fsdecode's stand-ins for non-UTF-8 bytes
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def toml_problem(err: tomllib.TOMLDecodeError, source: str) -> tuple[str, int | None]:
    """The reason (with its column) and the line of a tomllib error, for a one-line message."""
    text = str(err)
    match = _TOML_WHERE.search(text)
    if match is None:
        return text, None
    if match[1] is None:  # "at end of document": the last line
        return text[: match.start()], len(source.splitlines()) or 1
    return f"{text[: match.start()]} (column {match[2]})", int(match[1])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for a close match, else ``""`` (as click does)."""
    import difflib  # noqa: PLC0415 - only when a suggestion is made

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


class OptionError(ValueError):
    """An option has a value its reader refuses: a rule option, or a command-line option.

    Not a :class:`PostkitError`: whoever reads the option says where it came from. The
    rules turn it into a :class:`ConfigError` naming the ``per-rule`` key, the command line
    into a usage error (exit 2).

    Args:
        message: what is wrong with the value.
        option: the option's name (``threshold``, ``--select``), when known.
    """

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option


@public
class PostkitError(Exception):
    """Base class of every error postkit raises on purpose.

    Args:
        message: what is wrong, in words a person understands.
        path: the file (or ``"<stdin>"``) the problem is in, if any.
        index: the 1-based record number inside a file (JSON array, CSV row).
        line: the 1-based line number, where a line is known.
        field: the record field or configuration key concerned.
        hint: what to do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        index: int | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.index = index
        self.line = line
        self.field = field
        self.hint = hint

    @property
    def where(self) -> str:
        """The location part of the message: ``file, record 3, field 'url'``."""
        where = place(self.path, self.line, self.index)
        if self.field is None:
            return where
        return f"{where}, field {self.field!r}" if where else f"field {self.field!r}"

    def __str__(self) -> str:
        where = self.where
        msg = f"{where}: {self.message}" if where else self.message
        if self.hint:
            msg = f"{msg} ({self.hint})"
        # One line, always: a message quoting record text must not break logs.
        return msg.replace("\r", "\\r").replace("\n", "\\n")


@public
class RecordError(PostkitError, ValueError):
    """An input record (or the file holding it) cannot become an Article."""


@public
class RecordWarning(UserWarning):
    """A record was read, but something in it was dropped or read another way: said, never silent.

    An unreadable date left out, a field read under another tool's name (``headline`` as
    ``title``), an unknown field ignored. :func:`postkit.load_articles` issues one per
    warning with :func:`warnings.warn` unless it is given ``on_warning=``; filter them as
    any warning (``warnings.simplefilter("ignore", postkit.RecordWarning)``, or
    ``-W error::postkit.RecordWarning`` to stop at the first).

    Args:
        error: the warning with its place (``path``, ``line`` or ``index``, ``field``,
            ``message``), as the CLI prints it (``warning: …``).
    """

    def __init__(self, error: RecordError) -> None:
        super().__init__(str(error))
        self.error = error

    def __reduce__(self) -> tuple[type[RecordWarning], tuple[RecordError]]:
        return type(self), (self.error,)


@public
class SkippedRecord(RecordError):  # noqa: N818 - not a failure: a record left out on purpose
    """A record deliberately not composed: a draft, a scheduled, pending or private post.

    A RecordError, so whoever reads records sees it (nothing is dropped silently); the
    workflows say it as a warning and count it as skipped, not failed.
    """


@public
class ConfigError(PostkitError, ValueError):
    """The configuration (pyproject ``[tool.postkit]``, postkit.toml, CLI) is invalid."""


@public
class UnknownPlatformError(ConfigError, LookupError):
    """A platform name that no built-in or configured platform has."""


@public
class ReplyError(PostkitError, TypeError):
    """``reply_to`` was given a parent (or root) its platform's API cannot reply to: ``field`` says which."""


class OutputError(PostkitError, ValueError):
    """An output that cannot be written as asked (it is one of the inputs): exit 2."""


@public
class FitError(PostkitError):
    """Nothing can fit: even one title grapheme, the CTA and the link are over the limit."""


@public
class TemplateError(PostkitError):
    """A template cannot be parsed (TPL001), uses an unknown variable (TPL002) or fails (TPL003).

    Args:
        code: the rule code of the failure (``TPL001``, ``TPL002``, ``TPL003``).
        template: the template's name (``teaser.txt.j2``).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "TPL003",
        template: str | None = None,
        line: int | None = None,
        path: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path=path or template, line=line, hint=hint)
        self.code = code
        self.template = template
