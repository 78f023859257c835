"""The rule contract: Violation, Rule, and what a check receives and returns.

A rule is data plus one plain function. The function, ``check(ctx, prepared)``, gets a
:class:`Context` (the text and what is known about it) and the rule's *prepared*
options: whatever its ``prepare`` hook made of the option mapping once, when a
:class:`~postkit.rules.engine.RuleSet` was built (a frozenset, a compiled pattern). So nothing
is parsed, compiled or converted per checked text.

Work several rules share is computed lazily, once per text, by the Context: where the URLs
are, the lowercased text, its words and the phrase scan for CLK001/CLK002/CLK006/HYP001/
CAS001, and its odd characters (the few that are not printable ASCII, which the Unicode,
emoji and capitals rules look at first).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from postkit import _data
from postkit._public import public
from postkit.errors import OptionError
from postkit.platforms.counting import Measurement
from postkit.platforms.registry import Platform
from postkit.rules import _analysis
from postkit.rules._phrases import PhraseMatch, PhraseScanner, PhraseSet
from postkit.severity import Severity
from postkit.text import find_urls

if TYPE_CHECKING:
    from postkit.posts.post import ThreadPart

__all__ = [
    "SECTION_TITLES",
    "Check",
    "Context",
    "Hit",
    "Limit",
    "Needs",
    "Prepare",
    "ResolvedOptions",
    "Rule",
    "Violation",
    "allows",
    "doc_section",
    "doc_sections",
    "find_urls",
    "limit_option",
    "phrase_option",
    "quote",
    "str_list",
    "whole_number",
]


@public
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
    severity: Severity | None = None  # overrides the rule's default (TAG001 over a hard cap)

    @classmethod
    def spanning(cls, match: re.Match[str], message: str, hint: str | None = None) -> Hit:
        """A hit on the text ``match`` found."""
        return cls(message, match.start(), match.end(), hint)


_FEW_URLS = 8


def _merge(spans: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    """Sorted spans merged where they overlap: starts and ends, for a binary search."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


class Context:
    """What a check sees: the text and its platform, plus what a composed Post knows.

    What several rules ask of the text is worked out once, lazily, and kept: ``urls``,
    ``lower``, and the analysis of ``rules._analysis`` (``utf8``, ``odd``, ``words``, ``known``,
    ``neighbours``, ``lower_moves``). Each is a plain attribute once made: a RuleSet makes those
    its rules use (``Rule.uses``) before it runs them, so reading one is a slot read, not a call.

    Args:
        text: the text to check.
        platform: the Platform it is for.
        tone: the tone's name (for messages).
        link: the tracked URL a composed Post carries, if known.
        hashtags: the hashtags a composed Post carries, if known.
        cta: the call to action a composed Post carries, if known.
        emoji: the blurb's emoji group a composed Post carries (📝🌍🔗), if known: what postkit added.
        summary: the article's summary as a composed Post prints it (after fitting), if known: the
            article's own prose, quoted. The tone rules judge the teaser's own words (its lead, the
            template's text) as a headline, and this excerpt as the article's (:meth:`in_excerpt`).
        thread: where a thread's post stands in its thread (part n of m, and which part carries the
            blurb line with the link), if it is one: the structure rules judge the thread, not a reply alone.
        measurements: the platform measurements of ``text``, if already made (compose
            measures every post it returns; re-measuring would double the work).
        scanner: the RuleSet's phrase scanner (covers every active phrase rule).
    """

    __slots__ = (
        "_excerpt",
        "_found",
        "_merged",
        "_scanner",
        "cta",
        "emoji",
        "hashtags",
        "known",
        "link",
        "lower",
        "lower_moves",
        "measurements",
        "neighbours",
        "odd",
        "platform",
        "summary",
        "text",
        "thread",
        "tone",
        "urls",
        "utf8",
        "words",
    )

    #: Spans of the ``http(s)://`` and ``www.`` links in the text.
    urls: tuple[tuple[int, int], ...]
    #: The text lowercased; same length as ``text``, or "" where lowercasing moves offsets
    #: (a few characters lowercase to two, ``İ``): then callers match ignoring case on ``text``.
    lower: str
    #: The text as UTF-8: what the analyses below are made from (``rules._analysis``).
    utf8: bytes
    #: The text's characters that are not printable ASCII, tab or newline, in order: usually a
    #: post's emoji and typographic marks. The Unicode, emoji and capitals rules look here first.
    odd: str
    #: The lowercased text's runs of ASCII letters and digits, as bytes (``rules._analysis.words``).
    words: list[bytes]
    #: The text's words that rules ask about: their phrases' words and ``rules._analysis.CUES``.
    known: frozenset[bytes]
    #: Whether two capitals, two marks stand in a row, a digit opens a line (``rules._analysis.neighbours``).
    neighbours: int
    #: Whether lowercasing the text moves offsets (an "İ" in it): then ``lower`` is "".
    lower_moves: bool

    def __init__(
        self,
        text: str,
        platform: Platform,
        tone: str = "news",
        *,
        link: str | None = None,
        hashtags: tuple[str, ...] | None = None,
        cta: str | None = None,
        emoji: str | None = None,
        summary: str | None = None,
        thread: ThreadPart | None = None,
        measurements: tuple[Measurement, ...] | None = None,
        scanner: PhraseScanner | None = None,
    ) -> None:
        self.text = text
        self.platform = platform
        self.tone = tone
        self.link = link
        self.hashtags = hashtags
        self.cta = cta
        self.emoji = emoji
        self.summary = summary
        self.thread = thread
        self.measurements = measurements
        self._scanner = scanner
        self._found: dict[PhraseSet, list[PhraseMatch]] | None = None
        self._merged: tuple[list[int], list[int]] | None = None
        self._excerpt: tuple[int, int] | None = None

    if not TYPE_CHECKING:  # mypy reads the attributes above; this makes each on first use

        def __getattr__(self, name: str) -> Any:
            make = _MADE.get(name)
            if make is None:
                msg = f"{type(self).__name__!r} object has no attribute {name!r}"
                raise AttributeError(msg)
            value = make(self)
            setattr(self, name, value)
            return value

    def analyse(self, uses: Iterable[str]) -> None:
        """Make the analyses in ``uses`` now (what a RuleSet's rules read), in one go."""
        text = self.text
        if "utf8" in uses or "odd" in uses or "words" in uses or "known" in uses or "neighbours" in uses:
            data = self.utf8 = _analysis.utf8(text)
            odd = self.odd = "" if text.isascii() and text.isprintable() else _analysis.odd_chars(data)
            self.lower_moves = "\u0130" in odd
            if "words" in uses or "known" in uses:
                words = self.words = _analysis.words(data, odd, text)
                self.known = _lookup(self._scanner).intersection(words)
            if "neighbours" in uses:
                self.neighbours = _analysis.neighbours(_analysis.classes(data))
        if "urls" in uses:
            self.urls = _urls(self)
        if "lower" in uses:
            self.lower = _lower(self)

    def in_url(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a link (tone rules ignore URL paths)."""
        urls = self.urls
        if len(urls) > _FEW_URLS:  # many links: a binary search keeps rules linear
            if self._merged is None:
                self._merged = _merge(urls)
            starts, ends = self._merged
            at = bisect.bisect_right(starts, offset) - 1
            return at >= 0 and offset < ends[at]
        for start, end in urls:  # noqa: SIM110 - a plain loop: no generator per call
            if start <= offset < end:
                return True
        return False

    def in_excerpt(self, offset: int) -> bool:
        """Whether ``offset`` lies in the article's summary as the post quotes it (``summary``).

        That text is the article's own prose (a feed's description, the first lines of a blog
        post), quoted under the teaser's headline: the tone rules judge it as the article's
        running prose, not as the teaser's voice. False for a plain text (nothing is known to be
        quoted) and where the summary is not in the text as printed. Worked out on first call
        (rules ask only about what they found).
        """
        span = self._excerpt
        if span is None:
            span = self._excerpt = _excerpt(self.text, self.summary)
        return span[0] <= offset < span[1]

    def outside_links(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in the text that do not start inside a link."""
        return (match for match in pattern.finditer(self.text) if not self.in_url(match.start()))

    def phrase_matches(self, phrases: PhraseSet) -> list[PhraseMatch]:
        """Matches of one phrase set, outside links, from one scan shared by all sets."""
        if self._found is None:
            scanner = self._scanner
            if scanner is None or phrases not in scanner.sets:
                scanner = PhraseScanner.of((phrases,))
            # The word test first (see rules._phrases); not where lowercasing moves offsets.
            only = (
                None
                if self.lower_moves
                else scanner.candidates(self.words, self.known if scanner is self._scanner else None)
            )
            if only is None:
                found = scanner.scan(self.text, self.lower, self.urls)
            else:
                found = scanner.scan_for(only, self.text, self.lower, self.urls) if only else {}
            if scanner is not self._scanner:
                return found.get(phrases, [])
            self._found = found
        return self._found.get(phrases, [])


def _excerpt(text: str, summary: str | None) -> tuple[int, int]:
    """The span of ``summary`` in ``text``, (0, 0) if none: its last place, as templates print it after the title.

    The last, not the first: a summary that repeats the title (feeds do) is the second copy. A
    summary of several lines is looked for as composing tidies a post (``posts.fit.tidy``: line
    ends trimmed, one blank line at most in a row).
    """
    if not summary or not summary.strip():
        return 0, 0
    at = text.rfind(summary)
    if at < 0:
        summary = _tidied(summary)
        at = text.rfind(summary)
    return (at, at + len(summary)) if at >= 0 else (0, 0)


def _tidied(summary: str) -> str:
    """``summary`` as it stands in a composed post: lines trimmed at the end, blank lines one at most in a row."""
    out: list[str] = []
    for line in summary.splitlines():
        line = line.rstrip()  # noqa: PLW2901 - the trimmed line is the line
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _urls(ctx: Context) -> tuple[tuple[int, int], ...]:
    text = ctx.text
    return find_urls(text) if "://" in text or "www." in text or "WWW." in text else ()


def _lower(ctx: Context) -> str:
    low = ctx.text.lower()
    return low if len(low) == len(ctx.text) else ""


def _odd(ctx: Context) -> str:
    text = ctx.text
    return "" if text.isascii() and text.isprintable() else _analysis.odd_chars(ctx.utf8)


@functools.lru_cache(maxsize=64)
def _lookup(scanner: PhraseScanner | None) -> frozenset[bytes]:
    """The words a Context with ``scanner`` looks up: the phrases' words and the rules' cues."""
    return _analysis.CUES if scanner is None else scanner.vocabulary | _analysis.CUES


#: How each lazily made attribute of a Context is made (``Context.__getattr__``).
_MADE: dict[str, Callable[[Context], Any]] = {
    "urls": _urls,
    "lower": _lower,
    "utf8": lambda ctx: _analysis.utf8(ctx.text),
    "odd": _odd,
    "words": lambda ctx: _analysis.words(ctx.utf8, ctx.odd, ctx.text),
    "known": lambda ctx: _lookup(ctx._scanner).intersection(ctx.words),  # noqa: SLF001
    "neighbours": lambda ctx: _analysis.neighbours(_analysis.classes(ctx.utf8)),
    "lower_moves": lambda ctx: "\u0130" in ctx.odd,
}
#: What ``Rule.uses`` may name: the Context's analyses.
ANALYSES = frozenset(_MADE)


Check: TypeAlias = Callable[[Context, Any], Iterable[Hit]]
"""A rule's check: the text in context and the rule's prepared options in, hits out."""

Prepare: TypeAlias = Callable[[Mapping[str, Any]], Any]
"""Turns a rule's resolved options into what its check receives; raises OptionError."""

Needs: TypeAlias = frozenset[str] | Callable[[Any], Iterable[str]]
"""The cues a rule finds nothing without (``rules._cues``), or a function of its prepared options giving them."""


def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _options_as_is(options: Mapping[str, Any]) -> Any:
    return options


def _needs(value: Needs | Iterable[str]) -> Needs:
    return value if callable(value) else frozenset(value)


@attrs.frozen
class Rule:
    """A rule: stable code, name, default severity, doc (ruff's sections), check and options.

    Args:
        code: the stable code, family prefix plus three digits (``CLK001``).
        name: a kebab-case name (``clickbait-phrase``), the docs page's name.
        severity: the default severity.
        doc: Markdown with ruff's sections (``## What it does`` … ``## Sources``).
        check: the check function.
        options: each option's default (the news tone's value).
        prepare: turns resolved options into the check's second argument, once.
        since: the postkit version that added the rule.
        example_platform: the platform the doc's Example and Use instead are checked on.
        scope: ``"text"`` (checked on posts) or ``"template"`` (raised by the template
            validator of ``postkit check``; a no-op on text).
        reference: the plain check, when ``check`` takes a shortcut (a cheap test that
            there is nothing to find, work shared through the Context): what tests hold
            ``check`` to (``postkit._fastpaths``). None: ``check`` is plain itself.
        uses: the Context analyses ``check`` reads on most texts (``urls``, ``known``, ``odd``,
            ``neighbours``, ``lower``…): a RuleSet makes them before it runs its rules. Others
            are made when first read.
        needs: the cues (``rules._cues``) without which ``check`` finds nothing: a RuleSet runs
            the rule only on a text with one of them. A function of the prepared options may give
            them instead (an option that widens the first look). Empty: the rule always runs.
    """

    code: str
    name: str
    severity: Severity
    doc: str
    check: Check
    options: Mapping[str, Any] = attrs.field(factory=dict)
    prepare: Prepare = _options_as_is
    since: str = "0.1.0"
    example_platform: str = "mastodon"
    scope: Literal["text", "template"] = "text"
    reference: Check | None = None
    uses: frozenset[str] = attrs.field(default=frozenset(), converter=_names)
    needs: Needs = attrs.field(default=frozenset(), converter=_needs)

    @property
    def family(self) -> str:
        """The code's letters (``CLK`` for ``CLK001``)."""
        return self.code.rstrip("0123456789")


#: Section titles of a rule doc, in ruff's order; What it does, Why is this bad?, Example,
#: Use instead and Sources are required.
SECTION_TITLES = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "Known problems", "Sources")


def doc_section(doc: str, title: str) -> str | None:
    """The body of the ``## title`` section of a rule doc, or None.

    For ``Example`` and ``Use instead`` the text inside the fence is returned.
    """
    lines = doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().lower() == f"## {title}".lower())
    except StopIteration:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    body = lines[start + 1 : end]
    if title.lower() in {"example", "use instead"}:
        fence = [i for i, line in enumerate(body) if line.startswith("```")]
        if len(fence) >= 2:
            return "\n".join(body[fence[0] + 1 : fence[1]])
    return "\n".join(body).strip()


def doc_sections(doc: str) -> list[str]:
    """The ``##`` section titles of a rule doc, in order."""
    return [line[3:].strip() for line in doc.splitlines() if line.startswith("## ")]


def quote(text: str, limit: int = 40) -> str:
    r"""``text`` in double quotes for a one-line message: controls escaped, long text cut.

    >>> print(quote("Kaim\ncrossing\u202e"))
    "Kaim\ncrossing\u202e"
    """
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isprintable():
        text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if c != "\n" else "\\n" for c in text)
    return f'"{text}"'


def str_list(name: str, value: Any) -> tuple[str, ...]:
    """A list-of-strings option, checked; raises OptionError naming ``name``."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise OptionError(f"expected a list of strings, got {value!r}", option=name)
    items = tuple(value)
    bad = next((item for item in items if not isinstance(item, str) or not item.strip()), None)
    if bad is not None:
        raise OptionError(f"expected non-empty strings, got {bad!r}", option=name)
    return tuple(item.strip() for item in items)


def whole_number(name: str, value: Any, *, minimum: int = 0, optional: bool = False) -> int | None:
    """A whole-number option of at least ``minimum``; None allowed when ``optional``."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise OptionError(f"expected a whole number of at least {minimum}, got {value!r}", option=name)
    return value


class ResolvedOptions(dict[str, Any]):
    """A rule's options as a RuleSet resolves them (defaults, then the tone's, then per-rule), with origins.

    ``origins``: where each configured one was set (``{"max": "per-rule.EMO001.max"}``), so a
    message names the setting that decided it.
    """

    def __init__(self, values: Mapping[str, Any], origins: Mapping[str, str]) -> None:
        super().__init__(values)
        self.origins = dict(origins)


class Limit(int):
    """A whole-number limit and the setting it came from (``"per-rule.EMO001.max"``), for messages."""

    origin: str

    def __new__(cls, value: int, origin: str = "") -> Limit:  # noqa: PYI034 - an int subclass
        """The limit ``value``, set by ``origin``."""
        made = super().__new__(cls, value)
        made.origin = origin
        return made

    def __reduce__(self) -> tuple[type[Limit], tuple[int, str]]:
        return (Limit, (int(self), self.origin))


def limit_option(name: str, options: Mapping[str, Any], default: int) -> int:
    """A whole-number limit option; a :class:`Limit` naming its setting when the user configured it."""
    value = whole_number(name, options.get(name, default)) or 0
    origin = options.origins.get(name) if isinstance(options, ResolvedOptions) else None
    return Limit(value, origin) if origin else value


def allows(limit: int, tone: str) -> str:
    """Who allows ``limit``: the configured setting that set it, else the tone (whose value it is).

    >>> allows(3, "news"), allows(Limit(3, "per-rule.EMO001.max"), "casual")
    ('the news tone allows 3', 'per-rule.EMO001.max allows 3')
    """
    origin = limit.origin if isinstance(limit, Limit) else ""
    return f"{origin or f'the {tone} tone'} allows {int(limit)}"


def phrase_option(list_name: str) -> Prepare:
    """A ``prepare`` hook for phrase rules: the data list plus ``extend``, minus ``allow``."""

    def prepare(options: Mapping[str, Any]) -> PhraseSet:
        extend = str_list("extend", options.get("extend", ()))
        allow = str_list("allow", options.get("allow", ()))
        return PhraseSet.build(list_name, _data.phrase_list(list_name), extend=extend, allow=allow)

    return prepare
