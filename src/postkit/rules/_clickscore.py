"""The learned clickbait score of CLK003: features, and pure-Python scoring of the shipped model.

The model is a logistic regression trained by evals/train_clickbait.py (scikit-learn, a
training-only extra) on the train split of the Stop Clickbait headlines, and shipped as
data/clickbait_model.tsv: a bias and one weight per feature.

The model reads the post's *lead* (:func:`lead`): the first line of its prose that has a word
(a composed post's title; a tweet's text), and of a line longer than ``LEAD_WORDS`` words only
its first sentences, up to that many words. It was trained on exactly that of every training
text (headlines, publishers' posts, blog titles), so it scores what it learned from, not a
summary paragraph, the register it never saw. A line's words
are its whitespace-separated tokens, lowercased, with punctuation trimmed from their edges
("crossing," is "crossing"; "won’t" is "won't"); hashtags and mentions are not words (they
are the tags', not the prose's), and numbers are one word, ``<n>``. The features are the
words (``w:you``), the word the line opens with and the one it ends on (``b:^ <n>``,
``b:understand $``), and each longer word's first and last three letters (``p:hil``,
``s:ous``: character n-grams at the word's edges, so "hilarious" and "adorable" count where
the model never saw the word). A feature counts as often as it occurs. (Pairs of
neighbouring words inside the line, and a finer cut into sentences, were tried: about twice
the time for no better accuracy on the held-out headlines.)

:func:`lines`, :func:`features` and :func:`reference_logit` are the plain definition (the
training script calls the first two; tests hold the fast path to the third).
:class:`Model` is the fast path: each known word's three weights summed in advance and
looked up by the raw token, so most words cost one dictionary look-up, in C; only tokens
with punctuation, numbers and unknown words take the slow way.
"""

from __future__ import annotations

import functools
import math
import re
import string
from collections.abc import Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import is_
from typing import Any

import attrs

from postkit._data import clickbait_model
from postkit.errors import OptionError
from postkit.rules.base import Context, Hit, quote
from postkit.rules.structure import _ctas

__all__ = [
    "LEAD_WORDS",
    "NUMBER",
    "Model",
    "ScoreOptions",
    "clickbait_score",
    "clickbait_score_reference",
    "features",
    "lead",
    "lead_words",
    "lines",
    "prepare",
    "probability",
    "reference_logit",
    "word",
    "word_spans",
]

NUMBER = "<n>"
#: Trimmed from both edges of a token: ASCII punctuation but # and @ (which mark tags), and
#: typographic quotes, dashes and ellipses.
_EDGES = "".join(c for c in string.punctuation if c not in "#@") + "“”‘’«»„…—–"
_TAGS = frozenset("#@")


def word(token: str) -> str:
    """The word a lowercased, whitespace-separated token stands for ("" for none: a hashtag, a dash).

    >>> [word(t) for t in ["“crossing,", "won’t", "24", "#dogs", "—", "📝🌍🔗", "u.s."]]
    ['crossing', "won't", '<n>', '', '', '', 'u.s']
    """
    if token[0] in _TAGS:
        return ""
    found = token.strip(_EDGES)
    if not found or not found[0].isalnum():  # a dash, an emoji: not a word
        return ""
    if "’" in found:
        found = found.replace("’", "'")
    return NUMBER if found.isdigit() else found


def lines(lowered: str) -> list[list[str]]:
    r"""The words of each line of lowercased ``lowered``: the units the model scores.

    >>> lines("you won’t believe these 24 #dogs!\n\nread on")
    [['you', "won't", 'believe', 'these', '<n>'], ['read', 'on']]
    """
    found = []
    for line in lowered.split("\n"):
        words = [w for w in map(word, line.split()) if w]
        if words:
            found.append(words)
    return found


#: The most words a lead has: a long first line (a summary typed as a post) is cut after its
#: last sentence end within this many words, or at this many words.
LEAD_WORDS = 40
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def lead(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    r"""The span of the lead of ``text[start:end]``: its first line with a word, cut to ``LEAD_WORDS`` words.

    A cut falls after the last sentence end (a token ending in ``.!?…`` before a capitalised
    token) within the first ``LEAD_WORDS`` words, else after the ``LEAD_WORDS``-th word.

    >>> text = "📝\nKaim reopens. Trucks roll\n\nMore below"
    >>> text[slice(*lead(text))]
    'Kaim reopens. Trucks roll'
    """
    stop = len(text) if end is None else end
    at = start
    while at < stop:
        nl = text.find("\n", at, stop)
        line_end = stop if nl < 0 else nl
        tokens = [m for m in _TOKEN.finditer(text, at, line_end) if word(m.group().lower())]
        if tokens:
            if len(tokens) > LEAD_WORDS:
                cut = LEAD_WORDS
                for i in range(LEAD_WORDS - 1, 0, -1):
                    if _SENTENCE_END.search(tokens[i - 1].group()) and tokens[i].group()[:1].isupper():
                        cut = i
                        break
                tokens = tokens[:cut]
            return tokens[0].start(), tokens[-1].end()
        at = line_end + 1
    return None


def lead_words(text: str) -> list[str]:
    """The words of ``text``'s lead, as the model reads them (what the training script trains on)."""
    span = lead(text)
    return [] if span is None else [w for w in map(word, text[span[0] : span[1]].lower().split()) if w]


def word_spans(line: str) -> list[tuple[int, int]]:
    """The span of each token of ``line`` that is a word (as :func:`lines` reads it), in order."""
    return [m.span() for m in _TOKEN.finditer(line) if word(m.group())]


_TOKEN = re.compile(r"\S+")


def features(words: Sequence[str]) -> Iterator[tuple[str, int]]:
    """Each feature of a line's words, with the index of the word it belongs to."""
    if not words:
        return
    yield "b:^ " + words[0], 0
    for i, w in enumerate(words):
        yield "w:" + w, i
        if len(w) > 3:
            yield "p:" + w[:3], i
            yield "s:" + w[-3:], i
    yield "b:" + words[-1] + " $", len(words) - 1


def reference_logit(weights: Mapping[str, float], bias: float, words: Sequence[str]) -> float:
    """The model's log-odds for a line, by the definition: bias plus every feature's weight."""
    return bias + sum(weights.get(name, 0.0) for name, _ in features(words))


def probability(log_odds: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


#: The most unknown tokens a Model remembers (a few MB).
_UNKNOWN_KEPT = 50_000


class Model:
    """The shipped weights arranged for fast scoring; see the module docstring."""

    __slots__ = ("_unknown", "affixes", "bias", "ends", "known", "starts", "weights", "words")

    def __init__(self, bias: float, weights: Mapping[str, float]) -> None:
        self.bias = bias
        self.weights = weights
        # One pass over the ~18,600 features sorts them by kind (four passes cost a cold run ~5 ms more).
        affixes: dict[str, float] = {}
        starts: dict[str, float] = {}
        ends: dict[str, float] = {}
        plain: list[str] = []
        for name, w in weights.items():
            kind = name[:2]
            if kind == "w:":
                plain.append(name)
            elif kind == "b:":
                if name.startswith("b:^ "):
                    starts[name[4:]] = w
                if name.endswith(" $"):
                    ends[name[2:-2]] = w
            elif kind in {"p:", "s:"}:
                affixes[name] = w
        self.affixes, self.starts, self.ends = affixes, starts, ends
        self.known = {name[2:]: weights[name] + self._affix_weight(name[2:]) for name in plain}
        # Raw tokens are looked up as they are, among the words that are their own token; the
        # rest ("24" is "<n>", "crossing," is "crossing") miss and take the slow way.
        self.words = {k: w for k, w in self.known.items() if word(k) == k}
        # The other tokens met so far ("crossing,", "24", "zzzqx"): what each adds and the word it is.
        self._unknown: dict[str, tuple[float, str]] = {}

    def _affix_weight(self, w: str) -> float:
        if len(w) <= 3:
            return 0.0
        get = self.affixes.get
        return get("p:" + w[:3], 0.0) + get("s:" + w[-3:], 0.0)

    def logit(self, tokens: list[str]) -> float | None:
        """The log-odds of a line from its whitespace-separated tokens; None if it has no words.

        Equal to :func:`reference_logit` of the line's words, up to rounding.
        """
        if not tokens:
            return None
        found = list(map(self.words.get, tokens))
        total = self.bias + sum(filter(None, found))  # skips None (the slow way, below) and 0.0
        if None in found:
            unknown = self._unknown
            for token in compress(tokens, map(is_, found, repeat(None))):
                weight, w = unknown.get(token) or self._remember(token)
                if w:
                    total += weight
        first = next(filter(None, map(self._word, tokens)), None) if found[0] is None else tokens[0]
        if first is None:
            return None
        last = tokens[-1] if found[-1] is not None else next(filter(None, map(self._word, reversed(tokens))))
        return total + self.starts.get(first, 0.0) + self.ends.get(last, 0.0)

    def _remember(self, token: str) -> tuple[float, str]:
        """What a token that is not its own known word adds (its word's weight, or its edges'), and its word."""
        w = word(token)
        weight = self.known.get(w) if w else 0.0
        entry = (self._affix_weight(w) if weight is None else weight, w)
        if len(self._unknown) >= _UNKNOWN_KEPT:  # bounded: a stream of ever new tokens starts over
            self._unknown.clear()
        self._unknown[token] = entry
        return entry

    def _word(self, token: str) -> str:
        """:func:`word` of a lowercased token, from what the model has met."""
        if token in self.words:
            return token
        return (self._unknown.get(token) or self._remember(token))[1]

    def contributions(self, words: Sequence[str]) -> list[float]:
        """How much each word pushed the score (its features' weights)."""
        pushed = [0.0] * len(words)
        get = self.weights.get
        for name, index in features(words):
            pushed[index] += get(name, 0.0)
        return pushed


# --- the rule (CLK003's check; its doc is in clickbait.py) ---------------------------------


@attrs.frozen
class ScoreOptions:
    """CLK003's prepared options: the probability from which a line is flagged, and the model."""

    threshold: float
    log_odds: float  # the threshold as log-odds: most lines need no exp()
    model: Model = attrs.field(eq=False, repr=False)


@functools.cache
def _model() -> Model:
    return Model(*clickbait_model())


def prepare(options: Mapping[str, Any]) -> ScoreOptions:
    """CLK003's ``prepare`` hook: the threshold checked, and the model loaded once, here."""
    value = options.get("threshold", 0.4)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        msg = f"expected a probability between 0 and 1 (exclusive), got {value!r}"
        raise OptionError(msg, option="threshold")
    return ScoreOptions(float(value), math.log(value / (1 - value)), _model())


@functools.cache
def _cta_pattern() -> re.Pattern[str]:
    return _ctas({})


def _prose(ctx: Context) -> list[tuple[int, int]]:
    """The spans of the text between its links and call to action: the prose the model reads.

    Hashtags, mentions and emoji are not words to the model, so they need no cutting.
    """
    text = ctx.text
    cut = list(ctx.urls)
    if ctx.cta:
        at = text.find(ctx.cta)
        if at >= 0:
            cut.append((at, at + len(ctx.cta)))
    else:
        cut += [m.span() for m in _cta_pattern().finditer(text)]
    if not cut:
        return [(0, len(text))]
    spans, pos = [], 0
    for start, end in sorted(cut):
        if start > pos:
            spans.append((pos, start))
        pos = max(pos, end)
    spans.append((pos, len(text)))
    return spans


def _lower_in_place(text: str) -> str:
    """``text`` lowercased without moving offsets: "İ" (which lowercases to two characters) as "i"."""
    lowered = text.replace("İ", "I").lower()
    return lowered if len(lowered) == len(text) else text


def clickbait_score(ctx: Context, opts: ScoreOptions) -> list[Hit]:
    """:func:`clickbait_score_reference` in one pass over the lead's line: split once, scored as split.

    A line of at most ``LEAD_WORDS`` tokens is its own lead, whole (the lead is cut only past
    that many words), and the tokens before its first word and after its last add nothing to
    the score: so the line's tokens are scored as they are, the first line that has a word
    is the lead, and only a flagged lead is measured out for its message. A longer line, or
    a text whose lowercase form moves offsets, takes the plain way.
    """
    if ctx.lower_moves:
        return clickbait_score_reference(ctx, opts)
    text = ctx.text
    logit = opts.model.logit
    for first, last in _prose(ctx):
        at = first
        while at < last:
            newline = text.find("\n", at, last)
            line_end = last if newline < 0 else newline
            line = text[at:line_end]
            # The line lowercased alone is the text's lowercase there, but for a capital sigma,
            # whose form depends on the letters around it.
            tokens = (ctx.lower[at:line_end] if "\u03a3" in line else line.lower()).split()
            if len(tokens) > LEAD_WORDS:
                return _scored(ctx, opts, lead(text, at, last))
            odds = logit(tokens) if tokens else None
            if odds is not None:  # the first line with a word: the lead
                return _scored(ctx, opts, lead(text, at, line_end)) if odds >= opts.log_odds else []
            at = line_end + 1
    return []


def clickbait_score_reference(ctx: Context, opts: ScoreOptions) -> list[Hit]:
    """The lead of the prose (:func:`lead`), if its clickbait probability reaches the threshold."""
    for first, last in _prose(ctx):
        span = lead(ctx.text, first, last)
        if span is not None:
            return _scored(ctx, opts, span)
    return []


def _scored(ctx: Context, opts: ScoreOptions, span: tuple[int, int] | None) -> list[Hit]:
    """The hit for the lead at ``span``, if its clickbait probability reaches the threshold."""
    if span is None:
        return []
    start, end = span
    lowered = ctx.lower[start:end] if ctx.lower else _lower_in_place(ctx.text[start:end])
    odds = opts.model.logit(lowered.split())
    if odds is not None and odds >= opts.log_odds:
        return [_explained(ctx, opts, start, lowered, odds)]
    return []


def _explained(ctx: Context, opts: ScoreOptions, at: int, line: str, odds: float) -> Hit:
    """The hit for a flagged line: its span, its score and the words that pushed it most."""
    spans = word_spans(line)
    words = [word(line[start:end]) for start, end in spans]
    pushed = opts.model.contributions(words)
    top = sorted((p, j) for j, p in enumerate(pushed) if p > 0)[-3:]
    said = ", ".join(quote(ctx.text[at + spans[j][0] : at + spans[j][1]].strip(_EDGES)) for _, j in reversed(top))
    return Hit(
        f"clickbait score {probability(odds):.2f} (threshold {opts.threshold:g}); "
        f"most telling: {said or 'the line as a whole'}",
        at + spans[0][0],
        at + spans[-1][1],
        "say what happened, plainly",
    )
