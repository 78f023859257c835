"""What the rules ask of every text, found once, in C: one UTF-8 encoding and byte translations of it.

Most rules look first for something that is rarely there (two capitals in a row, a digit that
opens a sentence, an invisible character, a phrase's words) and stop when it is not. Asked of
the ``str`` one by one, each look is a regular-expression scan, ~1 µs for a post; asked of
the text's UTF-8 bytes, after one ``bytes.translate`` that maps every character to what the
rules tell apart, each is a ``bytes`` substring search (``memmem``), a few tens of
nanoseconds. :class:`~postkit.rules.base.Context` computes each of these lazily, once per
text, and the rules read them:

* :func:`odd_chars`: the characters that are not printable ASCII, tab or newline, in order
  (a post's emoji and typographic marks): the Unicode, emoji and capitals rules look here;
* :func:`words`: the runs of ASCII letters and digits, lowercased (``_phrases.phrase_words``
  of the lowercased text): those the rules ask about (their phrases' words, :data:`CUES`) are
  looked up among them once, in C, as one set intersection;
* :func:`neighbours`: from :func:`classes` (one byte per character, its class bits), whether
  two capitals, two marks stand in a row, or a digit opens a line or a sentence.

Each fast answer has its plain definition beside it, and tests hold one to the other
(``postkit._fastpaths``).
"""

from __future__ import annotations

import functools
import re

from postkit.rules._phrases import phrase_words, utf8_words

__all__ = [
    "CAPITAL",
    "CAPITALS",
    "CUES",
    "DIGIT",
    "END",
    "MARK",
    "MARKS",
    "NEWLINE",
    "OPENING_DIGIT",
    "SPACE",
    "ampersand_outside",
    "classes",
    "neighbours",
    "neighbours_reference",
    "odd_chars",
    "odd_chars_reference",
    "utf8",
    "words",
    "words_reference",
]


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (broken text, which UNI002 reports) as its three bytes."""
    return text.encode("utf-8", "surrogatepass")


# --- odd characters -----------------------------------------------------------------------

_PLAIN = bytes(range(0x20, 0x7F)) + b"\t\n"  # printable ASCII, tab and newline
_ODD_RUNS = re.compile("[\\t\\n\\x20-\\x7e]+")


def odd_chars(data: bytes) -> str:
    """The characters of the text whose UTF-8 is ``data`` that are not printable ASCII, tab or newline.

    ASCII bytes are never part of a longer character, so deleting them leaves whole characters.
    """
    return data.translate(None, _PLAIN).decode("utf-8", "surrogatepass")


def odd_chars_reference(text: str) -> str:
    """:func:`odd_chars`, by its definition."""
    return _ODD_RUNS.sub("", text)


# --- words ----------------------------------------------------------------------------------

# The only characters whose lowercase form holds ASCII: İ (i + a combining dot) and the Kelvin sign (k).
_FOLDS_TO_ASCII = ("\u0130", "\u212a")


def words(data: bytes, odd: str, text: str) -> list[bytes]:
    """``phrase_words(text.lower())``, from the UTF-8 bytes: ASCII letters lowercase alone.

    ``odd`` is :func:`odd_chars` of the same text: with a character whose lowercase form holds
    ASCII, the text is lowercased first.
    """
    if odd and ("\u0130" in odd or "\u212a" in odd):  # _FOLDS_TO_ASCII, two looks in C (no generator)
        return words_reference(text)
    return utf8_words(data)


def words_reference(text: str) -> list[bytes]:
    """:func:`words`, by its definition."""
    return phrase_words(text.lower())


#: The words rules ask about, besides their phrases' words: bad URL schemes (URL001), the
#: subjects of a promise (CLK002), the reader and quizzes (CLK005). ``Context.known`` holds
#: those of them, and of the phrases' words, that a text has.
CUES = frozenset(b"javascript vbscript data file ftp this these you your yours yourself yourselves quiz test".split())


# --- character classes and what stands next to what -----------------------------------------

#: Bits of a character's class (:func:`classes`): one byte per character.
CAPITAL = 1  #: A-Z, and any character from U+00C0 to U+FFFF (which CAP001's first look counts too)
MARK = 2  #: ``. ! ? : , ;``
END = 4  #: ``. ! ? :``: a mark that ends a sentence (or opens a list)
DIGIT = 8  #: 0-9
NEWLINE = 16
SPACE = 32

#: What :func:`neighbours` reports: two capitals in a row, two marks in a row, a digit that opens
#: the text, a line or a sentence (after a newline, or an END mark and a space).
CAPITALS = 1
MARKS = 2
OPENING_DIGIT = 4


def _class_of(byte: int) -> int:
    if 0x41 <= byte <= 0x5A or 0xC3 <= byte <= 0xEF:  # 0xC3-0xEF: the first byte of U+00C0-U+FFFF
        return CAPITAL
    if byte in b".!?:":
        return MARK | END
    if byte in b",;":
        return MARK
    if 0x30 <= byte <= 0x39:
        return DIGIT
    return {0x0A: NEWLINE, 0x20: SPACE}.get(byte, 0)


_CLASS_BYTES = bytes(map(_class_of, range(256)))
_CONTINUATION = bytes(range(0x80, 0xC0))  # deleted: one byte per character remains


def classes(data: bytes) -> bytes:
    """One byte per character of the text whose UTF-8 is ``data``: its class bits (:data:`CAPITAL` …)."""
    return data.translate(_CLASS_BYTES, _CONTINUATION)


@functools.lru_cache(maxsize=512)
def _ones(size: int) -> int:
    """0x0101…01, ``size`` bytes (texts of the same length share it)."""
    return int.from_bytes(b"\x01" * size, "big")


def neighbours(found: bytes) -> int:
    """What stands next to what in a text whose :func:`classes` are ``found``: :data:`CAPITALS` … as bits.

    The class bytes read as one big integer: shifted by a byte, each character's bits lie on
    the next one's, so one AND of shifted copies tests a pair everywhere at once, and ``ones``
    (0x0101…01) keeps bit 0 of each byte. A few big-integer operations in C, no loop.
    """
    size = len(found)
    if not size:
        return 0
    every = int.from_bytes(found, "big")
    ones = _ones(size)
    seen = 0
    pairs = every & (every >> 8)  # each bit: that class on a character and the one after it
    if pairs & ones:  # CAPITAL is bit 0
        seen |= CAPITALS
    if (pairs >> 1) & ones:  # MARK is bit 1
        seen |= MARKS
    # A digit (bit 3) after a newline (bit 4, a byte up), or after a space (bit 5, a byte up)
    # that follows an END mark (bit 2, two bytes up); or the first character.
    if found[0] & DIGIT or (every >> 3) & ((every >> 12) | ((every >> 13) & (every >> 18))) & ones:
        seen |= OPENING_DIGIT
    return seen


def neighbours_reference(text: str) -> int:
    """:func:`neighbours` of ``text``'s classes, by its definition, one character at a time."""

    def kind(char: str) -> int:
        code = ord(char)
        if code < 0x80:
            return _class_of(code)
        return CAPITAL if 0xC0 <= code <= 0xFFFF else 0

    kinds = [kind(char) for char in text]
    seen = 0
    for at, this in enumerate(kinds):
        after = kinds[at + 1] if at + 1 < len(kinds) else 0
        if this & after & CAPITAL:
            seen |= CAPITALS
        if this & after & MARK:
            seen |= MARKS
        opens = at == 0 or kinds[at - 1] & NEWLINE or (kinds[at - 1] & SPACE and at > 1 and kinds[at - 2] & END)
        if this & DIGIT and opens:
            seen |= OPENING_DIGIT
    return seen


def ampersand_outside(text: str, urls: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``text`` has an "&" outside the spans ``urls``: a link's query is no entity."""
    at = 0
    for start, end in urls:
        if text.find("&", at, start) >= 0:
            return True
        at = end
    return text.find("&", at) >= 0
