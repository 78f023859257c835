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
same (tests compare the two). Most windows are one emoji, whose answer is known ahead: the
sequences of the ``emoji`` package that the pattern matches whole ship as
``data/twemoji_whole.txt`` (``python -m postkit.platforms._twemoji``), made again for
another ``emoji`` version and cached (:mod:`postkit._generated`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from postkit import _data, _emoji_table
from postkit._generated import Generated, load
from postkit._regex_cache import compiled

__all__ = ["GENERATED", "generate", "reference_spans", "spans", "split", "whole_matches"]

# A BMP character in the pattern: a \\uXXXX escape or the character itself (© and ® are).
_BMP_CHAR = r"\\u[0-9a-fA-F]{4}|[^\x00-\x7f]"
_ANY_CHAR = r"\\U[0-9a-fA-F]{8}|" + _BMP_CHAR
_KEYCAP_BASES = "#*0-9"


@functools.cache
def _pattern() -> re.Pattern[str]:
    return compiled(_data.twitter_text()["emoji"]["pattern"])


@functools.cache
def _windows() -> re.Pattern[str]:
    """Runs of the pattern's BMP characters and of any astral ones, a keycap base first.

    Astral characters are taken whole (the engine would test each astral range of the
    pattern one by one, for every character); a wider window is still exact, only scanned.
    Written to open with one character class (a keycap base or a member; after a base at
    least one member must follow), the engine skips to candidates instead of trying the
    optional base at every character: the same windows as ``[#*0-9]?[members]+``.
    """
    source = _data.twitter_text()["emoji"]["pattern"]
    members = [
        first + ("-" + last if last else "") for first, last in re.findall(f"({_BMP_CHAR})(?:-({_BMP_CHAR}))?", source)
    ]
    window = f"[{''.join(members)}\U00010000-\U0010ffff]"
    bases = f"[{_KEYCAP_BASES}]"
    return compiled(f"[{_KEYCAP_BASES}{window[1:-1]}](?:(?<={bases}){window}+|(?<!{bases}){window}*)")


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


def whole_matches(sequences: Iterable[str]) -> frozenset[str]:
    """Those of ``sequences`` (longer than one character) that the pattern matches as one whole match."""
    pattern = _pattern()
    return frozenset(
        sequence
        for sequence in sequences
        if len(sequence) > 1 and [match.span() for match in pattern.finditer(sequence)] == [(0, len(sequence))]
    )


def generate() -> str:
    """``data/twemoji_whole.txt``: the installed ``emoji``'s sequences the pattern matches whole."""
    found = _emoji_table.table()
    lines = [
        "# The emoji sequences (of the emoji package, version below) that twemoji-parser 11.0.2's",
        "# pattern (data/twitter_text.toml) matches as one whole match (postkit.platforms._twemoji).",
        "# Generated, do not edit: python -m postkit.platforms._twemoji > src/postkit/data/twemoji_whole.txt",
        "# Used while the installed emoji is the version below; another version gets its own, made",
        "# on first use and cached (postkit._generated). Sources: see data/emoji_table.txt and",
        "# data/twitter_text.toml.",
        f"emoji {found.version}",
        *sorted(whole_matches(found.status)),
    ]
    return "\n".join(lines) + "\n"


def _parse(text: str) -> frozenset[str]:
    rows = text.split("\n")
    start = next(i for i, row in enumerate(rows) if not row.startswith("#"))  # "#️⃣" is an emoji
    if not rows[start].startswith("emoji ") or rows[-1] != "":
        msg = "not a twemoji table"
        raise ValueError(msg)
    return frozenset(rows[start + 1 : -1])


#: The generated set: data/twemoji_whole.txt, or one made for the installed emoji.
GENERATED = Generated(
    "twemoji_whole.txt",
    "emoji",
    _emoji_table.installed_version,
    generate,
    _parse,
    sources=("twitter_text.toml",),
)


@functools.cache
def _wholes() -> frozenset[str]:
    """Emoji sequences (the ``emoji`` package's) that the pattern matches whole, as one match.

    A window that is one of them is one match: the pattern's own answer for that string,
    worked out once instead of at every occurrence (:func:`whole_matches`, ~20 ms).
    """
    return load(GENERATED)


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


if __name__ == "__main__":
    print(generate(), end="")  # noqa: T201 - the generator of data/twemoji_whole.txt
