r"""The emoji npm twitter-text 3.1.0 weighs as one heavy character: twemoji-parser's matches.

``parseTweet`` finds emoji with twemoji-parser 11.0.2's pattern (``data/twitter_text.toml``,
``[emoji] pattern``), left to right, and weighs each match like one heavy character. That
pattern knows Emoji 11 sequences only; a newer sequence (🧑‍💻) falls apart into the parts it
knows, a minimally-qualified ZWJ sequence (🏃‍♀) into its pieces, and a lone U+FE0F is a
match of its own, so ``♾️`` is two matches.

:func:`reference_spans` runs the pattern over the whole text, as twitter-text does. The
pattern is slow on long texts (Python tries its alternation at every position), so
:func:`spans` runs it only over windows: maximal runs of characters that occur in the
pattern (and astral ones), each with one ASCII keycap base before it. A match never leaves such a run, and
each window is scanned from its start as the whole text would be, so the matches are the
same (tests compare the two).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from postkit import _data, _emoji_table

__all__ = ["reference_spans", "spans", "split"]

# A BMP character in the pattern: a \\uXXXX escape or the character itself (© and ® are).
_BMP_CHAR = r"\\u[0-9a-fA-F]{4}|[^\x00-\x7f]"
_ANY_CHAR = r"\\U[0-9a-fA-F]{8}|" + _BMP_CHAR
_KEYCAP_BASES = "#*0-9"


@functools.cache
def _pattern() -> re.Pattern[str]:
    return re.compile(_data.twitter_text()["emoji"]["pattern"])


@functools.cache
def _windows() -> re.Pattern[str]:
    """Runs of the pattern's BMP characters and of any astral ones, a keycap base first.

    Astral characters are taken whole (the engine would test each astral range of the
    pattern one by one, for every character); a wider window is still exact, only scanned.
    """
    source = _data.twitter_text()["emoji"]["pattern"]
    members = [
        first + ("-" + last if last else "") for first, last in re.findall(f"({_BMP_CHAR})(?:-({_BMP_CHAR}))?", source)
    ]
    return re.compile(f"[{_KEYCAP_BASES}]?[{''.join(members)}\U00010000-\U0010ffff]+")


def reference_spans(text: str) -> list[tuple[int, int]]:
    """twemoji-parser's matches over the whole text: the plain version :func:`spans` follows."""
    return [match.span() for match in _pattern().finditer(text)]


def spans(text: str) -> list[tuple[int, int]]:
    """Code-point ``(start, end)`` spans of twemoji-parser's matches in ``text``, in order."""
    pattern = _pattern()
    singles = _singles()
    wholes = _wholes()
    found: list[tuple[int, int]] = []
    for window in _windows().finditer(text):
        start, end = window.span()
        if end - start == 1:  # most emoji are one character: the pattern's answer is known
            if text[start] in singles:
                found.append((start, end))
        elif window.group() in wholes:  # a whole emoji sequence: one match, known too
            found.append((start, end))
        else:
            found.extend(match.span() for match in pattern.finditer(text, start, end))
    return found


@functools.cache
def _wholes() -> frozenset[str]:
    """Emoji sequences (the ``emoji`` package's) that the pattern matches whole, as one match.

    A window that is one of them is one match: the pattern's own answer for that string,
    worked out once instead of at every occurrence. Working it out costs ~20 ms, so the
    answer ships in data/emoji_table.txt (see :func:`whole_matches`, its reference).
    """
    return _emoji_table.table().twemoji_whole


def whole_matches(sequences: Iterable[str]) -> frozenset[str]:
    """Those of ``sequences`` (longer than one character) that the pattern matches as one whole match."""
    pattern = _pattern()
    return frozenset(
        sequence
        for sequence in sequences
        if len(sequence) > 1 and [match.span() for match in pattern.finditer(sequence)] == [(0, len(sequence))]
    )


@functools.cache
def _singles() -> frozenset[str]:
    """The characters the pattern matches on their own (so a one-character window is one match)."""
    pattern = _pattern()
    source = _data.twitter_text()["emoji"]["pattern"]
    candidates: set[str] = set()
    for first, last in re.findall(f"({_ANY_CHAR})(?:-({_ANY_CHAR}))?", source):
        low, high = _code(first), _code(last or first)
        candidates.update(chr(code) for code in range(low, high + 1))
    return frozenset(char for char in candidates if pattern.fullmatch(char))


def _code(atom: str) -> int:
    """The code point of a pattern atom: a backslash-u or -U escape, or the character itself."""
    return int(atom[2:], 16) if atom.startswith("\\") else ord(atom)  # noqa: FURB166 - a \\u prefix, not 0x


def split(text: str) -> tuple[int, str]:
    """``(number of matches, the matched text run together)``: what weighing needs."""
    found = spans(text)
    return len(found), "".join(text[start:end] for start, end in found)
