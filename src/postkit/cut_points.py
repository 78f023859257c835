"""Where a text may be cut: sentence, clause, word and grapheme boundaries, never inside a token.

Tokens are URLs (with or without scheme), hashtags and mentions; the fitting ladder, threads and
the ``shorten`` filter cut only between them, and never leave dangling punctuation before "…".
"""

from __future__ import annotations

import bisect
import functools

import regex

from postkit import _data
from postkit.text import ELLIPSIS, graphemes

__all__ = [
    "clause_cuts",
    "cut_at",
    "cut_graphemes",
    "grapheme_cuts",
    "protected_spans",
    "sentence_cuts",
    "strip_dangling",
    "word_cuts",
]


# A grapheme cluster that must not stand before "…": spaces, punctuation and symbols, but
# not closing brackets/quotes, '#', '@', or anything emoji (‼, ©, flags, skin tones): those
# are content, and an emoji is a symbol (\p{So}) that stripping would tear out of its sequence.
_DANGLING_CLUSTER = regex.compile(r"[\s\p{P}\p{S}--[\p{Pe}\p{Pf}\"'”’»)\]}#@\p{ExtPict}\p{EMod}\p{RI}]]+", regex.V1)


def strip_dangling(text: str) -> str:
    """Remove trailing spaces and punctuation that must not stand before "…".

    Closing brackets and quotes, ``#``, ``@`` and emoji stay. Works on whole grapheme
    clusters, so a cut never leaves half an emoji sequence; linear in the text.

    >>> strip_dangling("Kaim crossing, "), strip_dangling("Go 👍🏽!")
    ('Kaim crossing', 'Go 👍🏽')
    """
    if not text or not _DANGLING_CLUSTER.fullmatch(text[-1]):
        return text
    clusters = graphemes(text)
    end = len(clusters)
    while end and _DANGLING_CLUSTER.fullmatch(clusters[end - 1]):
        end -= 1
    return "".join(clusters[:end])


# Tokens never cut inside: URLs (with or without scheme), hashtags, mentions. A scheme-less
# URL is a run of letters, digits, dots and hyphens holding "x.y", then "/": the run starts
# only at a run's start (lookbehind) and quantifiers are possessive, so a long "a.b.c…"
# without a "/" is scanned once, not once per position (that was quadratic to cubic).
_PROTECTED = regex.compile(
    r"(?:https?://|www\.)\S++"
    r"|(?<![\p{L}\p{N}.-])(?=[\p{L}\p{N}.-]*?[\p{L}\p{N}-]\.[\p{L}\p{N}-])[\p{L}\p{N}.-]++/\S*+"
    r"|[#@][\p{L}\p{M}\p{N}_.@-]++"
)


# CJK full stops and commas are not followed by a space ("四。五"): they end a sentence or
# clause wherever they stand; Latin, Arabic and other marks only before a space or the end.
_SENTENCE_END = regex.compile(r"[.!?…](?:[\"'”’»)\]]*)(?=\s|$)|[。！？](?:[」』”’）]*)")


_CLAUSE_END = regex.compile(r"[,;:—–،؛](?=\s|$)|[、，；：]|\s[—–-](?=\s)")


_SPACE = regex.compile(r"\s+")


_WORD_CHAR = regex.compile(r"[\p{L}\p{N}]")  # a token has one ("#️⃣" is an emoji, not a tag)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of the tokens that must not be cut."""
    # Every token holds "/", "#", "@" or "www." (the pattern is case-sensitive): most
    # summaries hold none, and the scan costs ~0.1 ms on 800 characters.
    if "/" not in text and "#" not in text and "@" not in text and "www." not in text:
        return []
    return [m.span() for m in _PROTECTED.finditer(text)]


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is not strictly inside any span (binary search: spans are sorted)."""
    i = bisect.bisect_left(spans, (pos, pos)) - 1
    return i < 0 or not spans[i][0] < pos < spans[i][1]


@functools.cache
def _sentence_stops() -> regex.Pattern[str]:
    """:data:`_SENTENCE_END` where a sentence ends: not after an abbreviation, an initial, nor before a lowercase word.

    A full stop ends no sentence after a known abbreviation ("Dr. Smith", ``data/abbreviations.txt``),
    after an initial (a capital alone: "J. K. Rowling"), nor before a lowercase word ("3 p.m. in
    St. Louis"); one followed by a closing quote or bracket ("... said Dr.") does. One pattern,
    its lookarounds tried only at a full stop before a space: this runs for every summary fitted.
    """
    words = sorted((a.removesuffix(".") for a in _data.abbreviations()), key=len, reverse=True)
    abbreviation = "|".join(regex.escape(word) for word in words)
    opening = r"[\s\"'“‘«(\[]"
    return regex.compile(
        rf"\.(?=\s|$)(?<!(?:^|{opening})(?:{abbreviation}|\p{{Lu}})\.)(?!\s+[\"'“‘«(\[]*\p{{Ll}})"
        r"|\.[\"'”’»)\]]+(?=\s|$)"
        r"|[!?…][\"'”’»)\]]*(?=\s|$)"
        r"|[。！？][」』”’）]*"
    )


def sentence_cuts(text: str) -> list[int]:
    """Offsets just after each sentence end (the prefix keeps its full stop), ascending.

    Not after an abbreviation or an initial, nor before a lowercase word (:func:`_sentence_stops`).
    """
    spans = protected_spans(text)
    return [m.end() for m in _sentence_stops().finditer(text) if m.end() < len(text) and _outside(spans, m.end())]


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a sentence's end (a full stop, "!", "?", "…", then closing quotes).

    >>> ends_sentence("It reopened."), ends_sentence("“It reopened!” "), ends_sentence("It reopened")
    (True, True, False)
    """
    tail = text.rstrip()[-16:]  # a mark and its closing quotes: a sentence's end is short
    return any(m.end() == len(tail) for m in _SENTENCE_END.finditer(tail))


def clause_cuts(text: str) -> list[int]:
    """Offsets at clause punctuation (the prefix drops it before "…"), ascending."""
    spans = protected_spans(text)
    return [m.start() for m in _CLAUSE_END.finditer(text) if m.start() > 0 and _outside(spans, m.start())]


def word_cuts(text: str) -> list[int]:
    """Offsets of word boundaries (before each whitespace run), ascending."""
    return [m.start() for m in _SPACE.finditer(text) if m.start() > 0]


def grapheme_cuts(text: str) -> list[int]:
    """Offsets between grapheme clusters, outside URLs, hashtags and mentions, ascending."""
    spans = protected_spans(text)
    cuts: list[int] = []
    pos = 0
    for cluster in graphemes(text):
        pos += len(cluster)
        if pos < len(text) and _outside(spans, pos):
            cuts.append(pos)
    return cuts


def cut_at(text: str, pos: int, end: str = ELLIPSIS) -> str:
    """``text[:pos]`` without dangling spaces or punctuation, then ``end``.

    Falls back to the raw prefix when stripping would leave nothing. A URL, hashtag or
    mention at the cut is kept whole:

    >>> cut_at("See https://a.example/x/ and more", 24)
    'See https://a.example/x/…'
    """
    if not end:  # a sentence cut keeps its own full stop
        return text[:pos].rstrip()
    head = text[:pos].rstrip()
    if _ends_on_token(head):
        # The cut ends on a URL, hashtag or mention: keep it whole, "/" or ")" included ("…"
        # is no URL, tag or mention character, so no linkifier takes it in).
        return head + end
    return (strip_dangling(head) or head) + end


def _ends_on_token(head: str) -> bool:
    """Whether ``head`` ends with a whole URL, hashtag or mention (one that starts a word)."""
    if not ("/" in head or "#" in head or "@" in head or "www." in head):
        return False
    spans = protected_spans(head)
    if not spans or spans[-1][1] != len(head):
        return False
    start = spans[-1][0]
    return (start == 0 or head[start - 1].isspace()) and _WORD_CHAR.search(head, start + 1) is not None


def cut_graphemes(text: str, length: int, end: str = ELLIPSIS) -> str:
    """At most ``length`` graphemes (``end`` included), cut at a word boundary if one fits.

    >>> cut_graphemes("Iraq and Syria reopen the Kaim crossing", 20)
    'Iraq and Syria…'
    """
    clusters = graphemes(text)
    if len(clusters) <= length:
        return text
    room = max(0, length - len(graphemes(end)))
    offsets = [0]
    for cluster in clusters:
        offsets.append(offsets[-1] + len(cluster))
    limit = offsets[room]
    words = [c for c in word_cuts(text) if c <= limit]
    return cut_at(text, words[-1] if words else limit, end)
