"""Finding emoji sequences fast: one compiled run pattern, a set, and a prefix tree.

The emoji sets come from the ``emoji`` package's data (each entry carries the Emoji
version that introduced it and its qualification status), so no list is written by
hand. Threads and the emoji rules use every emoji the ``emoji`` package knows,
components included (counting more bytes is the cautious side of Meta's rule). X uses
twemoji-parser's own pattern instead (:mod:`postkit._twemoji`).

Matching is leftmost-longest: at each position the longest sequence of the set that
starts there, then on after it.

Why not one big regex: Python's engines try a large alternation branch by branch at
every position, and a class with hundreds of astral code points is tested range by
range. Measured here, a prefix-factored regex of 3,800 emoji sequences took ~750 µs per
280-character text. Instead every sequence is split into its first character, then
*modifiers* (variation selectors, skin tones, keycap marks, tags, a flag's second
letter) and *ZWJ + joined character* pairs, and one compiled pattern finds maximal runs
of that shape at C speed. Any sequence of the set starting at a run's start lies inside
that run (its characters are all of that shape), so when the whole run is in the set,
it is the longest match; the rare other runs (a newer ZWJ sequence, two emoji joined
oddly) are resolved in a nested-dict prefix tree. Keycaps start with an ASCII
character and are found by a small pattern of their own.
"""

from __future__ import annotations

import functools
import itertools
import re

from postkit._emoji_table import table
from postkit._trie import END, Trie, build_trie, trie_regex

__all__ = ["EmojiScanner", "all_emoji", "reference_spans"]

_ZWJ = "\u200d"
_KEYCAP = "\u20e3"
_BMP_END = 0xFFFF


class EmojiScanner:
    """Leftmost-longest, non-overlapping emoji sequences of a text, for one emoji set."""

    __slots__ = ("_keycaps", "_run", "_sequences", "_trie")

    def __init__(self, sequences: frozenset[str]) -> None:
        """Compile the patterns and build the prefix tree of ``sequences``."""
        self._sequences = sequences
        # The prefix tree is for the rare run that is not one sequence: built on first use
        # (building it for 3,800 sequences is a good part of a short run's start-up).
        self._trie: Trie | None = None
        keycaps = [seq for seq in sequences if seq[0].isascii()]
        if any(_KEYCAP not in seq for seq in keycaps):
            msg = f"emoji starting with ASCII that is no keycap: {keycaps!r}"
            raise ValueError(msg)
        self._keycaps = re.compile(trie_regex(keycaps)) if keycaps else None
        firsts: set[str] = set()
        mods: set[str] = set()
        joined: set[str] = set()
        for seq in sequences:
            if seq[0].isascii():
                continue
            firsts.add(seq[0])
            for before, char in itertools.pairwise(seq):
                if char != _ZWJ:
                    (joined if before == _ZWJ else mods).add(char)
        # A run's first character is tested at every astral character of a text, so the
        # astral part of that class is one covering range (a run that starts on a
        # character that is no emoji simply resolves to nothing).
        self._run = re.compile(f"{_char_class(firsts, cover=True)}(?:{_char_class(mods)}|{_ZWJ}{_char_class(joined)})*")

    def split(self, text: str) -> tuple[int, str]:
        """``(number of emoji, the emoji run together)``: no positions, so fastest.

        The joined emoji are for measuring (their UTF-8 bytes, their weight); keycaps
        come last, so the order is not the text's.
        """
        sequences = self._sequences
        found: list[str] = []
        for run in self._run.findall(text):
            if run in sequences:
                found.append(run)  # the common case: the whole run is one emoji
            else:
                found.extend(run[start:end] for start, end in self._inside(run))
        if self._keycaps is not None and _KEYCAP in text:
            found.extend(self._keycaps.findall(text))
        return len(found), "".join(found)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` code-point spans of the emoji in ``text``, in order."""
        sequences = self._sequences
        found: list[tuple[int, int]] = []
        for run in self._run.finditer(text):
            if run.group() in sequences:
                found.append(run.span())
            else:
                offset = run.start()
                found.extend((offset + start, offset + end) for start, end in self._inside(run.group()))
        if self._keycaps is not None and _KEYCAP in text:
            found.extend(match.span() for match in self._keycaps.finditer(text))
            found.sort()
        return found

    def _inside(self, run: str) -> list[tuple[int, int]]:
        """Leftmost-longest sequences within one run that is not itself a sequence."""
        found: list[tuple[int, int]] = []
        start = 0
        while start < len(run):
            end = self._longest(run, start)
            if end > start:
                found.append((start, end))
                start = end
            else:
                start += 1
        return found

    def _longest(self, text: str, start: int) -> int:
        """End of the longest sequence at ``start`` (``start`` if there is none)."""
        if self._trie is None:
            self._trie = build_trie(self._sequences)
        node = self._trie.get(text[start])
        if node is None:
            return start
        end = start + 1 if END in node else start
        index = start + 1
        while index < len(text):
            node = node.get(text[index])
            if node is None:
                break
            index += 1
            if END in node:
                end = index
        return end


def reference_spans(text: str, sequences: frozenset[str]) -> list[tuple[int, int]]:
    """Leftmost-longest matching by trying every position and length: what :meth:`EmojiScanner.spans` does fast."""
    longest = max(map(len, sequences), default=0)
    found: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        sizes = range(min(longest, len(text) - start), 0, -1)
        end = next((start + size for size in sizes if text[start : start + size] in sequences), None)
        found += [] if end is None else [(start, end)]
        start = end or start + 1
    return found


def _char_class(chars: set[str], *, cover: bool = False) -> str:
    """A class of ``chars``, consecutive code points as ranges.

    ``cover`` merges all astral ones into one covering range: cheaper to test, and a
    superset is safe here.
    """
    ranges: list[tuple[int, int]] = []
    for code in sorted(map(ord, chars)):
        astral_run = cover and ranges and ranges[-1][0] > _BMP_END
        if ranges and (ranges[-1][1] == code - 1 or astral_run):
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


@functools.cache
def all_emoji() -> EmojiScanner:
    """Scanner for every emoji the ``emoji`` package knows, components included (Threads)."""
    return EmojiScanner(frozenset(table().status))
