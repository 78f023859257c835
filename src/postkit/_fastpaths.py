"""Every fast path with the plain reference it stands in for: the one table the equivalence test walks.

Where speed needed a trick, the plain version stays in the code as the reference, and the
pair is registered here. ``tests/test_fastpaths.py`` feeds each pair the inputs its
``inputs`` names (Hypothesis strategies, or every code point at once) and asserts the two
answer alike. A new fast path is a new row; nothing else compares fast and plain versions.

Each row: a name, the fast callable, the reference, what to feed them, and whether the
fast path may decline (answer None, leaving the caller to ask the reference): then only
the answers it gives are compared. The tables generated from a dependency's data (a
fast path for a look-up) are listed in :data:`GENERATED`; ``tests/test_generated.py``
checks each against its generator for the installed dependency.

Only the tests import this module: it imports every module with a fast path.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import regex

from postkit import _emoji_scan, _emoji_table, _graphemes, text
from postkit._ascii_fast import plain_inline, simple_http_url
from postkit._data import clickbait_model
from postkit._generated import Generated, installed_version, installed_version_reference, load
from postkit.article import _check_url_reference, check_url
from postkit.errors import Location
from postkit.platforms import _hashtag_chars, _twemoji, _whatwg_fast, family, url_grammar, whatwg, x
from postkit.platforms._tld_fast import has_tld
from postkit.platforms.counting import measurements
from postkit.platforms.registry import get_platform
from postkit.records import from_json
from postkit.records._ids import IdRegistry
from postkit.rules import _analysis, _clickscore, caps, emojis
from postkit.rules._phrases import PhraseMatch, PhraseScanner, PhraseSet, phrase_words
from postkit.rules.base import Context, Violation
from postkit.rules.engine import RuleSet
from postkit.rules.registry import RULES

__all__ = ["EVERY_CODE_POINT", "FAST_PATHS", "GENERATED", "FastPath"]

#: The ``inputs`` of a pair whose arguments are classes: one string of every code point.
EVERY_CODE_POINT = "every code point"


@attrs.frozen
class FastPath:
    """A fast callable, the plain reference it must answer like, and what to test them on.

    Args:
        name: what it speeds up, for test ids.
        fast: the fast version.
        reference: the plain version (the oracle).
        inputs: names of the test's strategies to feed both, or :data:`EVERY_CODE_POINT`.
        partial: the fast version may answer None (not its case): only its other answers count.
        close: compare answers as floats within 1e-9 (sums in another order).
    """

    name: str
    fast: Callable[[Any], Any]
    reference: Callable[[Any], Any]
    inputs: tuple[str, ...]
    partial: bool = False
    close: bool = False

    def agree(self, value: Any) -> bool:
        """Whether the two answer alike for ``value``."""
        fast = self.fast(value)
        if fast is None and self.partial:
            return True
        expected = self.reference(value)
        if self.close and fast is not None and expected is not None:
            return math.isclose(fast, expected, abs_tol=1e-9)
        return bool(fast == expected)


def _outcome(function: Callable[[str], str]) -> Callable[[str], str]:
    """``function``'s value, or its ValueError's message (a rejected value answers too)."""

    def call(value: str) -> str:
        try:
            return function(value)
        except ValueError as err:
            return f"ValueError: {err}"

    return call


def _simple_url(value: str) -> str | None:
    return value if simple_http_url(value) else None


def _class_positions(pattern: str, flags: int = 0) -> Callable[[str], list[int]]:
    compiled = re.compile(pattern, flags)
    return lambda chars: [match.start() for match in compiled.finditer(chars)]


def _hashtag_class(name: str) -> Callable[[str], list[int]]:
    """Where a generated class of the plain hashtag rule (``platforms._hashtag_chars``) matches, by ``re``."""
    return _class_positions(_hashtag_chars._class(load(_hashtag_chars.GENERATED)[name]))  # noqa: SLF001


def _hashtag_class_reference(at: int) -> Callable[[str], list[int]]:
    """Where the reference rule's class (``family.rule_classes``) matches, by ``regex``."""

    def positions(chars: str) -> list[int]:
        return [m.start() for m in regex.finditer(family.rule_classes()[at], chars)]

    return positions


def _json_tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in from_json._JSON_TOKEN.finditer(text)]  # noqa: SLF001


@functools.cache
def _json_token_reference() -> regex.Pattern[str]:
    return regex.compile(from_json.JSON_SCAN_PATTERN)


def _json_tokens_reference(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _json_token_reference().finditer(text)]


def _tld(stretch: tuple[str, int, int]) -> bool:
    return has_tld(*stretch, url_grammar._tld_end)  # noqa: SLF001 - the pattern is the reference


def _tld_reference(stretch: tuple[str, int, int]) -> bool:
    return url_grammar._tld_end().search(*stretch) is not None  # noqa: SLF001


def _ids(calls: Sequence[tuple[str, Location]]) -> list[Location | int]:
    registry = IdRegistry()
    return [*(registry.setdefault(key, where) for key, where in calls), len(registry)]


def _ids_reference(calls: Sequence[tuple[str, Location]]) -> list[Location | int]:
    registry: dict[str, Location] = {}
    return [*(registry.setdefault(key, where) for key, where in calls), len(registry)]


def _logit(tokens: list[str]) -> float | None:
    return _clickscore._model().logit(tokens)  # noqa: SLF001


def _logit_reference(tokens: list[str]) -> float | None:
    words = [w for w in map(_clickscore.word, tokens) if w]
    bias, weights = clickbait_model()
    return _clickscore.reference_logit(weights, bias, words) if words else None


def _weigh(value: str) -> int:
    return x._weights().weigh(value)  # noqa: SLF001


def _weigh_reference(value: str) -> int:
    return x._weights().weigh_reference(value)  # noqa: SLF001


def _emoji_spans(value: str) -> list[tuple[int, int]]:
    return _emoji_scan.all_emoji().spans(value)


def _emoji_spans_reference(value: str) -> list[tuple[int, int]]:
    return _emoji_scan.reference_spans(value, frozenset(_emoji_table.table().status))


@functools.cache
def _every_rule() -> RuleSet:
    return RuleSet(select=("ALL", "CLK003"))


@functools.cache
def _configured_rules() -> RuleSet:
    """Every rule, in the casual tone, with the options that widen a rule's first look (``Rule.needs``)."""
    options = {"EMO001": {"max": 1}, "TAG001": {"max": 1}, "LEN002": {"fold": 40}, "PUN001": {"max": 0}}
    return RuleSet(tone="casual", select=("ALL", "CLK003"), options=options)


def _scanner() -> PhraseScanner:
    scanner = _every_rule()._scanner  # noqa: SLF001
    assert scanner is not None
    return scanner


def _phrase_find(text: str) -> dict[PhraseSet, list[PhraseMatch]]:
    lower = text.lower()
    return _scanner().find(text, lower if len(lower) == len(text) else "")


def _phrase_scan(text: str) -> dict[PhraseSet, list[PhraseMatch]]:
    lower = text.lower()
    return _scanner().scan(text, lower if len(lower) == len(text) else "")


class _PlainContext(Context):
    """A Context whose phrase matches come from the scan alone, without the word test."""

    __slots__ = ()

    def phrase_matches(self, phrases: PhraseSet) -> list[PhraseMatch]:
        scanner = self._scanner
        if scanner is None or phrases not in scanner.sets:
            scanner = PhraseScanner.of((phrases,))
        return scanner.scan(self.text, self.lower, self.urls).get(phrases, [])


#: A text to check as a composed post says it: text, platform, link, call to action, blurb emoji, and
#: (optionally) whether the second half of the text is the article's summary the post quotes.
RuleCase = tuple[Any, ...]


def _summary(case: RuleCase) -> str | None:
    text = case[0]
    return text[len(text) // 2 :] if len(case) > 5 and case[5] else None


def _hits(case: RuleCase, *, plain: bool) -> list[tuple[str, object]]:
    """Every rule's hits on ``case``: by each rule's check, or (``plain``) its reference, with plain phrase matches."""
    text, platform, link, cta, emoji = case[:5]
    rules = _every_rule()
    kind = _PlainContext if plain else Context
    ctx = kind(
        text,
        get_platform(platform),
        rules.tone,
        link=link,
        cta=cta,
        emoji=emoji,
        summary=_summary(case),
        scanner=rules._scanner,  # noqa: SLF001
    )
    found: list[tuple[str, object]] = []
    for code, run, prepared, _, _ in rules._plan:  # noqa: SLF001
        check = (RULES[code].reference or run) if plain else run
        found += [(code, hit) for hit in check(ctx, prepared)]
    return found


def _plan_findings(case: RuleCase, *, gated: bool, configured: bool = False) -> list[Violation]:
    """What a RuleSet finds on ``case``, measured as compose measures it.

    By its plans of cues, or (the reference) every rule's reference run, with plain phrase
    matches, in the engine's order.
    """
    text, platform, link, cta, emoji = case[:5]
    rules = _configured_rules() if configured else _every_rule()
    target = get_platform(platform)
    kind = Context if gated else _PlainContext
    ctx = kind(
        text,
        target,
        rules.tone,
        link=link,
        cta=cta,
        emoji=emoji,
        summary=_summary(case),
        measurements=measurements(text, target),
        scanner=rules._scanner,  # noqa: SLF001
    )
    if gated:
        return rules._run(ctx)  # noqa: SLF001
    found = [
        Violation(
            code,
            severity if forced or hit.severity is None else hit.severity,
            hit.message,
            hit.start,
            hit.end,
            hit.hint,
        )
        for code, run, prepared, severity, forced in rules._plan  # noqa: SLF001
        for hit in (RULES[code].reference or run)(ctx, prepared)
    ]
    return sorted(found, key=lambda v: (v.start, v.code))


def _cached_grammar(text: str) -> list[tuple[int, int]]:
    after = url_grammar._grammar(mastodon=False).after  # noqa: SLF001 - its program from the regex cache
    return [m.span() for m in after.finditer(text)]


def _compiled_grammar(text: str) -> list[tuple[int, int]]:
    after = url_grammar._grammar(mastodon=False).after  # noqa: SLF001
    return [m.span() for m in re.compile(after.pattern, after.flags).finditer(text)]


#: Distributions and the module each provides, for the version look-up.
DISTRIBUTIONS = (("emoji", "emoji"), ("regex", "regex"), ("attrs", "attrs"), ("Jinja2", "jinja2"), ("PyYAML", "yaml"))


def _neighbours(text: str) -> int:
    return _analysis.neighbours(_analysis.classes(_analysis.utf8(text)))


def _words(text: str) -> list[bytes]:
    data = _analysis.utf8(text)
    return _analysis.words(data, _analysis.odd_chars(data), text)


def _odd(text: str) -> str:
    return _analysis.odd_chars(_analysis.utf8(text))


def _candidates(text: str, *, kept: bool) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The phrase candidates of ``text``'s words, from the words and from the words a Context knows."""
    scanner = _scanner()
    words = phrase_words(text.lower())
    known = (scanner.vocabulary | _analysis.CUES).intersection(words)
    look = scanner.candidates if kept else scanner.candidates_reference
    return look(words), look(words, known)


#: Every (fast, reference) pair in postkit.
FAST_PATHS: tuple[FastPath, ...] = (
    # Grapheme clusters as ICU counts them: \X only in windows around characters that can join a
    # neighbour, loose conjunct joins counted at once; the reference splits \X's clusters.
    FastPath("graphemes", _graphemes.count, _graphemes.count_reference, ("grapheme text",)),
    # The same as Ruby 3.4 counts them (Mastodon): no GB9c, its own Unicode's stand-ins.
    FastPath(
        "graphemes (Ruby 3.4)",
        _graphemes.count_without_conjuncts,
        _graphemes.count_without_conjuncts_reference,
        ("grapheme text",),
    ),
    # The characters the Bluesky app's URL parser refuses: a BMP class and astral ranges, not one class.
    FastPath("url host refused", whatwg._refused, whatwg._refused_reference, ("any text", "grapheme text")),  # noqa: SLF001
    # X's weights counted on UTF-8 bytes, not per range (platforms/_x_weights.py).
    FastPath("x weights", _weigh, _weigh_reference, ("any text",)),
    # twemoji-parser's pattern run over windows of emoji characters, not the whole text.
    FastPath("twemoji spans", _twemoji.spans, _twemoji.reference_spans, ("post text", "glued emoji")),
    # Emoji sequences by runs, a set and a prefix tree, not by trying every length.
    FastPath("emoji spans", _emoji_spans, _emoji_spans_reference, ("post text", "glued emoji")),
    # URL display for a plain URL without the full WHATWG parser (platforms/_whatwg_fast.py).
    FastPath("whatwg http_parts", _whatwg_fast.simple_http_parts, whatwg.http_parts, ("http url",), partial=True),
    # The dot-and-TLD test of an ASCII host run as a set look-up (platforms/_tld_fast.py).
    FastPath("tld", _tld, _tld_reference, ("host stretch",)),
    # Record validation of plain ASCII (_ascii_fast.py): clean_inline and check_url.
    FastPath("plain_inline", plain_inline, text._clean_inline_reference, ("record text",), partial=True),  # noqa: SLF001
    FastPath("clean_inline", text.clean_inline, text._clean_inline_reference, ("record text",)),  # noqa: SLF001
    FastPath("simple_http_url", _simple_url, _outcome(_check_url_reference), ("record text",), partial=True),
    FastPath("check_url", _outcome(check_url), _outcome(_check_url_reference), ("record text",)),
    # find_invisible: a plain class search first, the full pattern only when it finds a candidate.
    FastPath("find_invisible", text.find_invisible, text._find_invisible_reference, ("invisible text",)),  # noqa: SLF001
    # The duplicate-id registry: 64-bit fingerprints in open-addressed arrays, not a dict.
    FastPath("id registry", _ids, _ids_reference, ("id calls",)),
    # CLK003's score: per-word weights summed ahead, not every feature looked up.
    FastPath("clickbait logit", _logit, _logit_reference, ("headline tokens",), close=True),
    # The rules' shared analysis (rules/_analysis.py): byte translations of one UTF-8 encoding.
    FastPath("odd characters", _odd, _analysis.odd_chars_reference, ("any text", "rule text")),
    FastPath("words", _words, _analysis.words_reference, ("any text", "rule text")),
    FastPath("neighbours", _neighbours, _analysis.neighbours_reference, ("any text", "rule text")),
    # A large pattern's program read from the regex cache (_regex_cache.py), not compiled by re.
    FastPath("regex cache", _cached_grammar, _compiled_grammar, ("post text", "rule text")),
    # A dependency's version from its dist-info folder, not importlib.metadata (_generated.py).
    FastPath(
        "installed version",
        lambda pair: installed_version(*pair),
        lambda pair: installed_version_reference(pair[0]),
        ("distribution",),
    ),
    # Phrases: the word test before the scan (rules/_phrases.py).
    FastPath("phrase word test", _phrase_find, _phrase_scan, ("rule text",)),
    # The phrases a text's words allow, kept for each set of words (rules/_phrases.py).
    FastPath(
        "phrase candidates kept",
        functools.partial(_candidates, kept=True),
        functools.partial(_candidates, kept=False),
        ("rule text",),
    ),
    # CAP001's labels: the pattern tried where lines open, not at every position (rules/caps.py).
    FastPath("CAP001 labels", caps._labels, caps._labels_reference, ("rule text", "any text")),  # noqa: SLF001
    # Every rule's check, shortcuts and shared analysis included, against the references
    # (Rule.reference) on plain phrase matches: what each rule finds, in order.
    FastPath("rules", lambda case: _hits(case, plain=False), lambda case: _hits(case, plain=True), ("rule case",)),
    # The engine's plans (rules/_cues.py): only the rules one of whose cues the text has run, against
    # every rule's reference on every text.
    FastPath(
        "rule plans",
        lambda case: _plan_findings(case, gated=True),
        lambda case: _plan_findings(case, gated=False),
        ("rule case",),
    ),
    FastPath(
        "rule plans, configured",
        lambda case: _plan_findings(case, gated=True, configured=True),
        lambda case: _plan_findings(case, gated=False, configured=True),
        ("rule case",),
    ),
    # The plain hashtag rule (platforms/_hashtag_chars.py): its classes as generated ranges, compiled by re,
    # against the rule's own for regex, and the rule whole.
    FastPath("hashtag letter class", _hashtag_class("letter"), _hashtag_class_reference(0), (EVERY_CODE_POINT,)),
    FastPath("hashtag taken class", _hashtag_class("taken"), _hashtag_class_reference(1), (EVERY_CODE_POINT,)),
    FastPath("hashtag beside class", _hashtag_class("beside"), _hashtag_class_reference(2), (EVERY_CODE_POINT,)),
    FastPath("plain hashtag", family.plain_hashtag, family.plain_hashtag_reference, ("hashtag body",)),
    # A pretty-printed JSON record's key lines (records/from_json.py): its token pattern by re, against regex.
    FastPath("JSON tokens", _json_tokens, _json_tokens_reference, ("json text", "any text")),
    # Classes spelled as their complements: re compiles a BMP range code point by code point.
    FastPath(
        "CAP001 guard class",
        _class_positions(caps._GUARD_CHAR),  # noqa: SLF001
        _class_positions(caps._GUARD_CHARS),  # noqa: SLF001
        (EVERY_CODE_POINT,),
    ),
    FastPath(
        "EMO001 high class",
        _class_positions(emojis._HIGH.pattern),  # noqa: SLF001
        _class_positions(emojis._HIGH_CHARS),  # noqa: SLF001
        (EVERY_CODE_POINT,),
    ),
    FastPath(
        "Mastodon query class",
        _class_positions(url_grammar._MASTODON_QUERY_FAST, re.IGNORECASE),  # noqa: SLF001
        _class_positions(url_grammar._MASTODON_QUERY, re.IGNORECASE),  # noqa: SLF001
        (EVERY_CODE_POINT,),
    ),
    FastPath(
        "Mastodon query end class",
        _class_positions(url_grammar._MASTODON_QUERY_END_FAST, re.IGNORECASE),  # noqa: SLF001
        _class_positions(url_grammar._MASTODON_QUERY_END, re.IGNORECASE),  # noqa: SLF001
        (EVERY_CODE_POINT,),
    ),
)

#: The tables generated from a dependency's data, each with its generator (the reference).
GENERATED: tuple[Generated[Any], ...] = (
    _graphemes.GENERATED,
    _emoji_table.GENERATED,
    _twemoji.GENERATED,
    _hashtag_chars.GENERATED,
)
