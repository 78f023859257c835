"""The rule contract: Severity, Violation, Rule, and what a check receives and returns."""

from __future__ import annotations

import enum
import functools
import re
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
    "phrase_index",
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
    sizes: tuple[Any, ...] | None = None  # counting.Measurement values already known (a Post's)
    words: tuple[str, ...] = attrs.field()

    @words.default
    def _words(self) -> tuple[str, ...]:
        return _tokens(self.text)


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


_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


_EDGE_PUNCT = '!"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»„‚…—–¡¿、。，：；！？'


def _tokens(text: str) -> tuple[str, ...]:
    """The casefolded words of ``text``, tokenised once per check (spans are found on a hit).

    Splitting on white space and trimming edge punctuation is several times faster than a
    word regex on non-ASCII text, and keeps "won't" and "mind-blowing" whole.
    """
    return tuple(w for w in (part.strip(_EDGE_PUNCT) for part in text.casefold().split()) if w)


@functools.cache
def _phrase_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    body = r"['’-]?\W*".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![^\W_])({body})(?![^\W_])", re.IGNORECASE)


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
def phrase_index(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases of a list by their first word, each as its words (longest first), built once."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases(name):
        for variant in {phrase.casefold(), phrase.casefold().replace("'", "’")}:
            words = tuple(m.group() for m in _WORD.finditer(variant))
            if words:
                index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(set(seqs), key=len, reverse=True)) for first, seqs in index.items()}


def phrase_hits(name: str, ctx: Context, message: str, hint: str) -> list[Hit]:
    """A Hit per phrase of list ``name`` in the context's words; ``message`` formats ``{phrase}``.

    Matching walks the words once (a dict lookup per word), so the cost does not grow
    with the length of the list; the span of a hit is then found in the original text.
    """
    index = phrase_index(name)
    words = ctx.words
    hits: list[Hit] = []
    if index.keys().isdisjoint(words):  # the common case, decided in C
        return hits
    pos = 0
    i = 0
    while i < len(words):
        matched = 0
        for seq in index.get(words[i], ()):
            n = len(seq)
            if words[i : i + n] == seq:
                found = _phrase_regex(seq).search(ctx.text, pos)
                if found is not None:
                    start, end = found.span(1)
                    hits.append(Hit(message.format(phrase=found.group(1)), start, end, hint))
                    pos = end
                matched = n
                break
        i += matched or 1
    return hits
