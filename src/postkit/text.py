"""Text primitives: cleaning, grapheme-safe cutting and boundaries.

Everything that shortens or cleans text goes through here so that one place
guarantees the invariants: never cut inside a grapheme cluster, never leave a
dangling space or punctuation before "…", and never let invisible or bidi control
characters through silently.
"""

from __future__ import annotations

import html
import unicodedata

import regex

__all__ = [
    "ELLIPSIS",
    "clean_html",
    "clean_inline",
    "graphemes",
    "remove_invisible",
    "strip_dangling",
]

ELLIPSIS = "…"

# Characters that change how text displays without being visible: zero-width space,
# LRM/RLM, bidi embeddings/overrides/isolates, BOM inside text, C0 controls other
# than \n and \t, DEL and C1 controls. ZWJ (U+200D) and ZWNJ (U+200C) stay: emoji
# sequences and scripts (Persian, Indic) need them. Same set as rule UNI001.
INVISIBLE_CHARS = (
    "\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2060"
    "\x00-\x08\x0b-\x1f\x7f-\x9f"
)
_INVISIBLE = regex.compile(f"[{INVISIBLE_CHARS}]")
_SPACES = regex.compile(r"\s+")
_GRAPHEME = regex.compile(r"\X")
# An HTML tag: '<' then a letter, '/' or '!' (so "x < y" is left alone), up to '>'.
_TAG = regex.compile(r"<(?:[A-Za-z/!][^<>]{0,2000})>")
_BLOCK_TAG = regex.compile(r"<(?:br|/p|/div|/li|/h[1-6])\b[^<>]{0,2000}>", regex.IGNORECASE)
# Script/style bodies are not text; drop them with their tags.
_SCRIPT = regex.compile(r"<(script|style)\b[^<>]{0,2000}>.*?</\1\s*>", regex.IGNORECASE | regex.DOTALL)
_DANGLING = regex.compile(r"[\s\p{P}\p{S}--[\p{Pe}\p{Pf}\"'”’»)\]}#@]]+$", regex.V1)


def remove_invisible(text: str) -> str:
    """Drop invisible and bidi control characters (see ``INVISIBLE_CHARS``).

    >>> remove_invisible("Kaim\u200b crossing\u202e")
    'Kaim crossing'
    """
    if text.isascii() and text.isprintable():
        return text
    # \r, \n and \t are spacing, not invisible controls: turn CR/CRLF into \n first.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text)


def clean_inline(text: str) -> str:
    """NFC, invisible characters removed, every whitespace run one space, trimmed.

    Titles, summaries and tags are one line each in a teaser.
    """
    text = unicodedata.normalize("NFC", remove_invisible(text))
    return _SPACES.sub(" ", text).strip()


def clean_html(text: str) -> str:
    """Strip HTML tags and decode entities (``&amp;`` → ``&``, ``&#8217;`` → ``’``).

    Scripts and styles go with their content; block ends become spaces so words
    do not run together. Text without ``<`` or ``&`` is returned unchanged.
    """
    if "<" not in text and "&" not in text:
        return text
    if "<" in text:
        text = _SCRIPT.sub(" ", text)
        text = _BLOCK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return clean_inline(text)


def graphemes(text: str) -> list[str]:
    """Split into extended grapheme clusters (current Unicode, via ``regex``).

    >>> graphemes("👨‍👩‍👧 é")
    ['👨‍👩‍👧', ' ', 'é']
    """
    return _GRAPHEME.findall(text)


def strip_dangling(text: str) -> str:
    """Remove trailing spaces and punctuation that must not stand before "…".

    Closing brackets and quotes stay when they close something in the text.
    """
    return _DANGLING.sub("", text)


# Tokens never cut inside: URLs (with or without scheme), hashtags, mentions.
_PROTECTED = regex.compile(
    r"(?:https?://|www\.)\S+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/\S*|[#@][\p{L}\p{M}\p{N}_.@-]+"
)
_SENTENCE_END = regex.compile(r"[.!?。！？…](?:[\"'”’»)\]]*)(?=\s|$)")
_CLAUSE_END = regex.compile(r"[,;:—–،؛、，；：](?=\s|$)|\s[—–-](?=\s)")
_SPACE = regex.compile(r"\s+")


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(text)]


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(start < pos < end for start, end in spans)


def sentence_cuts(text: str) -> list[int]:
    """Offsets just after each sentence end (the prefix keeps its full stop), ascending."""
    spans = _protected_spans(text)
    return [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text) and _outside(spans, m.end())]


def clause_cuts(text: str) -> list[int]:
    """Offsets at clause punctuation (the prefix drops it before "…"), ascending."""
    spans = _protected_spans(text)
    return [m.start() for m in _CLAUSE_END.finditer(text) if m.start() > 0 and _outside(spans, m.start())]


def word_cuts(text: str) -> list[int]:
    """Offsets of word boundaries (before each whitespace run), ascending."""
    return [m.start() for m in _SPACE.finditer(text) if m.start() > 0]


def grapheme_cuts(text: str) -> list[int]:
    """Offsets between grapheme clusters, outside URLs, hashtags and mentions, ascending."""
    spans = _protected_spans(text)
    cuts: list[int] = []
    pos = 0
    for cluster in _GRAPHEME.findall(text):
        pos += len(cluster)
        if pos < len(text) and _outside(spans, pos):
            cuts.append(pos)
    return cuts


def cut_at(text: str, pos: int, end: str = ELLIPSIS) -> str:
    """``text[:pos]`` without dangling spaces or punctuation, then ``end``.

    Falls back to the raw prefix when stripping would leave nothing.
    """
    if not end:  # a sentence cut keeps its own full stop
        return text[:pos].rstrip()
    head = strip_dangling(text[:pos]) or text[:pos].rstrip()
    return head + end


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
