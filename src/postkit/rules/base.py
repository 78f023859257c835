"""The rule contract: Severity, Violation, Rule, and what a check receives and returns."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any, TypeAlias

import attrs
import regex

__all__ = [
    "Check",
    "Context",
    "Hit",
    "Rule",
    "Severity",
    "Violation",
    "doc_section",
    "phrase_hits",
    "phrase_pattern",
    "phrases",
]


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``--fail-on`` can compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """``"warning"`` → ``Severity.WARNING``; raises ValueError naming the choices."""
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            msg = f"expected one of error, warning, info, got {value!r}"
            raise ValueError(msg) from None


@attrs.frozen
class Violation:
    """One finding: a rule code, its severity, a one-line message and the span it concerns.

    ``start`` and ``end`` are code-point offsets into the checked text (Python string
    indices), ``end`` exclusive; both 0 when the finding concerns the whole post. The
    remedy is kept apart from the message in ``hint``, as ruff keeps its fix title.
    """

    code: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    hint: str | None = None


@attrs.frozen
class Hit:
    """What a check reports; the engine adds the code and the configured severity."""

    message: str
    start: int = 0
    end: int = 0
    hint: str | None = None
    severity: Severity | None = None  # overrides the rule's severity (TAG001 over a hard cap)


@attrs.frozen
class Context:
    """What a check sees: the text and its platform, plus what a composed Post knows."""

    text: str
    platform: Any  # postkit.platforms.Platform (Any: rules must not import compose)
    profile: str = "news"
    link: str | None = None
    hashtags: tuple[str, ...] | None = None
    cta: str | None = None


Check: TypeAlias = Callable[[Context, Mapping[str, Any]], Iterable[Hit]]
"""A rule's check: the text in context and the rule's options in, hits out."""


@attrs.frozen
class Rule:
    """A rule: stable code, name, default severity, doc (ruff's sections), check and options.

    ``options`` maps each option to its default; ``profiles`` overrides defaults per tone
    profile (``{"casual": {"max": 6}}``); a profile mapped to ``None`` turns the rule off.
    """

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check
    options: Mapping[str, Any] = attrs.field(factory=dict)
    profiles: Mapping[str, Mapping[str, Any] | None] = attrs.field(factory=dict)
    since: str = "0.1.0"
    example_platform: str = "mastodon"


_SECTION = regex.compile(r"^## (.+?)\n(.*?)(?=^## |\Z)", regex.MULTILINE | regex.DOTALL)
_FENCE = regex.compile(r"```(?:text)?\n(.*?)\n```", regex.DOTALL)


def doc_section(doc: str, title: str) -> str | None:
    """The body of the ``## title`` section of a rule doc, or None.

    For ``Example`` and ``Use instead`` the fenced text inside is returned.
    """
    for match in _SECTION.finditer(doc):
        if match.group(1).strip().lower() == title.lower():
            body = match.group(2).strip()
            fence = _FENCE.search(body)
            return fence.group(1) if fence and title.lower() in {"example", "use instead"} else body
    return None


@functools.cache
def phrases(name: str) -> tuple[str, ...]:
    """The phrases of ``data/phrases/<name>.txt``: one per line, ``#`` comments skipped."""
    text = resources.files("postkit").joinpath(f"data/phrases/{name}.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.cache
def phrase_pattern(name: str) -> regex.Pattern[str]:
    """One compiled, case-insensitive, word-bounded pattern for a phrase list (built once)."""
    from postkit._trie import trie_regex  # noqa: PLC0415 - a small private helper

    words = sorted(
        {p.casefold() for p in phrases(name)} | {p.casefold().replace("'", "’") for p in phrases(name)}
    )
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}_-])(?:{trie_regex(words)})(?![\p{{L}}\p{{N}}_-])", regex.IGNORECASE
    )


def phrase_hits(name: str, text: str, message: str, hint: str) -> Iterable[Hit]:
    """A Hit per phrase of list ``name`` found in ``text``; ``message`` formats ``{phrase}``."""
    return [
        Hit(message.format(phrase=m.group()), m.start(), m.end(), hint)
        for m in phrase_pattern(name).finditer(text)
    ]
