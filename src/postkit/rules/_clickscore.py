"""The learned clickbait score of CLK003: features, and pure-Python scoring of the shipped model.

The model is a logistic regression trained by evals/train_clickbait.py (scikit-learn, a
training-only extra) on the train split of the Stop Clickbait headlines, and shipped as
data/clickbait_model.tsv: a bias and one weight per feature. A sentence's features are
its lowercased words (``w:you``), each pair of neighbouring words (``b:^ <n>``, with ``^``
and ``$`` marking the start and end), and each longer word's first and last three letters
(``p:hil``, ``s:ous``: character n-grams at the word's edges, so "hilarious" and
"adorable" count even where the model never saw the word). Numbers are one word, ``<n>``.
A feature counts as often as it occurs.

:func:`features` and :func:`reference_logit` are the plain definition (the training
script calls the first; tests hold the fast path to the second). :class:`Model` is the
fast path: each known word's three weights summed in advance, pairs keyed by tuple, so a
sentence costs about two dictionary look-ups a word, all in C.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any

import attrs

from postkit._data import clickbait_model
from postkit.rules.base import Context, Hit, OptionError, quote
from postkit.rules.structure import _ctas

__all__ = [
    "NUMBER",
    "Model",
    "ScoreOptions",
    "clickbait_score",
    "features",
    "prepare",
    "probability",
    "reference_logit",
    "sentences",
    "word_spans",
]

NUMBER = "<n>"
#: A word (letters and digits, an optional apostrophe ending: "won't", "here's"), a hashtag or
#: mention (matched to be skipped: their words are the tags', not the prose's), or a sentence
#: break: a line break, or . ! ? before a space. Headlines with a colon or dash are one
#: sentence in the training data, so those do not cut. One pattern, one pass, no look-behind.
_SCAN = re.compile(r"[#@]?[^\W_]+(?:'[^\W_]+)?|[.!?](?=\s)|\n")
_BREAKS = frozenset(".!?\n")
_TAGS = frozenset("#@")


def sentences(lowered: str) -> list[list[str]]:
    r"""The words of each sentence of lowercased ``lowered`` (``’`` read as ``'``, numbers as ``<n>``).

    The model learned from headlines, mostly one sentence each, so a post's title and summary
    are scored sentence by sentence: a long summary does not pile up weight.

    >>> sentences("you won’t believe these 24 #dogs. here's why\nread on")
    [['you', "won't", 'believe', 'these', '<n>'], ["here's", 'why'], ['read', 'on']]
    """
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found = []
    words: list[str] = []
    for token in _SCAN.findall(lowered):
        first = token[0]
        if first in _BREAKS:
            if words:
                found.append(words)
                words = []
        elif first not in _TAGS:
            words.append(NUMBER if token.isdigit() else token)
    if words:
        found.append(words)
    return found


def word_spans(lowered: str) -> list[tuple[int, int]]:
    """The span of each word :func:`sentences` reads in ``lowered``, in the same order."""
    return [m.span() for m in _SCAN.finditer(lowered.replace("’", "'")) if m.group()[0] not in _BREAKS | _TAGS]


def features(words: Sequence[str]) -> Iterator[tuple[str, int]]:
    """Each feature of a sentence's words, with the index of the word it belongs to.

    A pair belongs to its second word (the end marker's pair to the last word).
    """
    previous = "^"
    for i, word in enumerate(words):
        yield "w:" + word, i
        yield "b:" + previous + " " + word, i
        if len(word) > 3:
            yield "p:" + word[:3], i
            yield "s:" + word[-3:], i
        previous = word
    if words:
        yield "b:" + previous + " $", len(words) - 1


def reference_logit(weights: Mapping[str, float], bias: float, words: Sequence[str]) -> float:
    """The model's log-odds for a sentence, by the definition: bias plus every feature's weight."""
    return bias + sum(weights.get(name, 0.0) for name, _ in features(words))


def probability(log_odds: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


class Model:
    """The shipped weights arranged for fast scoring; see the module docstring."""

    __slots__ = ("affixes", "bias", "pairs", "weights", "words")

    def __init__(self, bias: float, weights: Mapping[str, float]) -> None:
        self.bias = bias
        self.weights = weights
        self.affixes = {name: w for name, w in weights.items() if name[:2] in {"p:", "s:"}}
        self.pairs: dict[tuple[str, str], float] = {}
        for name, w in weights.items():
            if name.startswith("b:"):
                first, _, second = name[2:].partition(" ")
                self.pairs[first, second] = w
        self.words = {name[2:]: w + self._affix_weight(name[2:]) for name, w in weights.items()
                      if name.startswith("w:")}

    def _affix_weight(self, word: str) -> float:
        if len(word) <= 3:
            return 0.0
        get = self.affixes.get
        return get("p:" + word[:3], 0.0) + get("s:" + word[-3:], 0.0)

    def logit(self, words: list[str]) -> float:
        """The log-odds of one sentence (equal to :func:`reference_logit`, up to rounding)."""
        total = self.bias + sum(map(self.pairs.get, zip(["^", *words], [*words, "$"], strict=True), repeat(0.0)))
        found = list(map(self.words.get, words))
        total += sum(filter(None, found))  # skips None (unknown words) and 0.0 (adds nothing)
        if None in found:  # words the model has no weight for: their edges may still count
            total += sum([self._affix_weight(w) for w, v in zip(words, found, strict=True) if v is None])
        return total

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
    """CLK003's prepared options: the probability from which a sentence is flagged, and the model."""

    threshold: float
    log_odds: float  # the threshold as log-odds: most sentences need no exp()
    model: Model = attrs.field(eq=False, repr=False)


@functools.cache
def _model() -> Model:
    return Model(*clickbait_model())


def prepare(options: Mapping[str, Any]) -> ScoreOptions:
    value = options.get("threshold", 0.8)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise OptionError("threshold", f"expected a probability between 0 and 1 (exclusive), got {value!r}")
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
    """Each sentence of the prose whose clickbait probability reaches the threshold."""
    lowered = ctx.lower or _lower_in_place(ctx.text)
    model = opts.model
    hits = []
    for first, last in _prose(ctx):
        segment = lowered[first:last]
        flagged = [(i, words, odds) for i, words in enumerate(sentences(segment))
                   if (odds := model.logit(words)) >= opts.log_odds]
        if not flagged:
            continue
        spans = word_spans(segment)
        lengths = [len(words) for words in sentences(segment)]
        for i, words, odds in flagged:
            at = sum(lengths[:i])
            located = spans[at : at + len(words)]
            pushed = model.contributions(words)
            top = sorted((p, j) for j, p in enumerate(pushed) if p > 0)[-3:]
            said = ", ".join(quote(ctx.text[first + located[j][0] : first + located[j][1]]) for _, j in reversed(top))
            hits.append(Hit(f"clickbait score {probability(odds):.2f} (threshold {opts.threshold:g}); "
                            f"most telling: {said or 'the sentence as a whole'}",
                            first + located[0][0], first + located[-1][1], "say what happened, plainly"))
    return hits
