r"""Counting extended grapheme clusters (UAX #29, the ``regex`` module's Unicode) fast.

``regex``'s ``\X`` is exact but costs about half a microsecond per character. Yet two
neighbouring characters only ever stay in one cluster when one of them is
"sensitive": CR, Extend, ZWJ, SpacingMark, Prepend, a Hangul jamo (L, V, T) or a
regional indicator (rules GB3-GB13: CR x LF, x Extend/ZWJ/SpacingMark, Prepend x,
the jamo sequences, ZWJ x pictograph, RI x RI, and the Indic conjunct rule, whose
linkers are Extend). So a text is split into windows - each run of sensitive
characters with one neighbour on either side - which are counted with ``\X``, and
every character outside a window is a cluster of its own. Cuts between windows fall
between two insensitive characters, where the rules always break.

The sensitive set is read from ``regex``'s own property tables (:func:`sensitive_ranges`,
the reference) and compiled into a character class for the standard ``re`` engine, whose
class search runs at C speed. Reading the tables costs ~25 ms, so the ranges ship as
``data/grapheme_sensitive.txt`` (``python -m postkit._graphemes``); under another ``regex``
version they are read from it on first use and cached (:mod:`postkit._generated`).
"""

from __future__ import annotations

import functools
import re

import regex

from postkit._generated import Generated, load

__all__ = ["GENERATED", "count", "count_without_conjuncts", "sensitive_ranges", "sensitive_table"]

_CLUSTER = regex.compile(r"\X")
# Non-ASCII characters and CR (the only sensitive ASCII character), in runs; written as
# one class then a repeat, so the engine skips ahead to candidates (3x faster than "+").
_UNUSUAL = re.compile(r"[^\x00-\x0c\x0e-\x7f][^\x00-\x0c\x0e-\x7f]*")
_SENSITIVE = regex.compile(
    r"[\r\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=Regional_Indicator}]+"
)
# Where sensitive characters live: planes 0-1 (scripts, emoji modifiers, indicators)
# and plane 14 (tags, variation selectors); the surrogates are left out. Planes 2-3 hold
# ideographs and 15-16 private use: none of those joins a neighbour.
_SEGMENTS = ((0x0000, 0xD800), (0xE000, 0x20000), (0xE0000, 0xF0000))
_BMP_END = 0xFFFF
_EMOJI_BLOCKS = 0x1F000  # from here on, ranges stay exact (skin tones, indicators)
_TAGS = 0xE0000
_MERGE_GAP = 0x1000


def sensitive_ranges() -> list[tuple[int, int]]:
    """The reference: ranges of sensitive characters, read from ``regex``'s property tables.

    The engine tests a class's astral ranges one by one after its BMP table, for every
    character, so astral ranges outside the emoji blocks are merged into a few covering
    ones (a wider window is still correct, only slower where it applies).
    """
    ranges: list[tuple[int, int]] = []
    for low, high in _SEGMENTS:
        chars = "".join(map(chr, range(low, high)))
        for run in _SENSITIVE.finditer(chars):
            first, last = low + run.start(), low + run.end() - 1
            previous = ranges[-1] if ranges else (0, 0)
            if (
                previous[0] > _BMP_END
                and first - previous[1] <= _MERGE_GAP
                and (last < _EMOJI_BLOCKS or previous[0] >= _TAGS)
            ):
                ranges[-1] = (previous[0], last)
            else:
                ranges.append((first, last))
    return ranges


def sensitive_table() -> str:
    """``data/grapheme_sensitive.txt`` as :func:`sensitive_ranges` makes it from the installed ``regex``."""
    lines = [
        "# Characters that can join a neighbour in one grapheme cluster (postkit._graphemes):",
        "# CR and GCB = Extend, ZWJ, SpacingMark, Prepend, L, V, T, Regional_Indicator, as the",
        "# `regex` package's Unicode tables have them (astral ranges merged; see sensitive_ranges).",
        "# Generated, do not edit: python -m postkit._graphemes > src/postkit/data/grapheme_sensitive.txt",
        "# Used while the installed regex is the version below; another version gets its own, made",
        "# on first use and cached (postkit._generated).",
        f"regex {regex.__version__}",
    ]
    lines += [f"{a:04X}-{b:04X}" for a, b in sensitive_ranges()]
    return "\n".join(lines) + "\n"


def _parse(text: str) -> tuple[tuple[int, int], ...]:
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    if not rows or not rows[0].startswith("regex "):
        msg = "not a grapheme table"
        raise ValueError(msg)
    return tuple((int(a, 16), int(b, 16)) for a, _, b in (row.partition("-") for row in rows[1:]))


#: The generated ranges: data/grapheme_sensitive.txt, or ones made from the installed regex.
GENERATED = Generated("grapheme_sensitive.txt", "regex", lambda: str(regex.__version__), sensitive_table, _parse)


@functools.cache
def _sensitive_runs() -> re.Pattern[str]:
    """A ``re`` pattern for runs of sensitive characters (the generated ranges, compiled)."""
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in load(GENERATED)]
    return re.compile("[" + "".join(parts) + "]+")


def count(text: str) -> int:
    r"""The number of extended grapheme clusters in ``text``.

    >>> count("e\u0301👍🏽🇮🇶🇸🇾"), count("한국어"), count("a\r\nb")
    (4, 3, 3)
    """
    if text.isascii():
        return len(text) - text.count("\r\n")
    runs = _sensitive_runs()
    # Mostly ASCII with a few emoji: look for sensitive characters among the non-ASCII
    # ones (and CR) first. The sensitive class is slow to test on every character (its
    # astral ranges are tried one by one); this class is a plain table.
    if runs.search("".join(_UNUSUAL.findall(text))) is None:
        return len(text)
    first = runs.search(text)
    if first is None:
        return len(text)
    total = len(text)
    size = len(text)
    start = end = -1
    for run in runs.finditer(text, first.start()):
        low = max(run.start() - 1, 0)
        high = min(run.end() + 1, size)
        if low < end:
            end = high  # overlaps the window so far: widen it
            continue
        if end > 0:
            total += len(_CLUSTER.findall(text[start:end])) - (end - start)
        start, end = low, high
    total += len(_CLUSTER.findall(text[start:end])) - (end - start)
    return total


# Unicode 15.1's rule GB9c keeps an Indic conjunct (consonant, virama, consonant: क्ष) in
# one cluster; Unicode 15.0 and older break before the second consonant. A join is each
# consonant GB9c attaches to the cluster before it.
_CONJUNCT_JOIN = regex.compile(
    r"\p{InCB=Consonant}[\p{InCB=Extend}\p{InCB=Linker}]*\p{InCB=Linker}"
    r"[\p{InCB=Extend}\p{InCB=Linker}]*(?=\p{InCB=Consonant})"
)


# The Indic conjunct linkers (viramas), for a quick check whether GB9c can apply. ``regex``
# tests this one property at C speed (faster than a ``re`` class built from it, and
# nothing to build on a cold start).
_LINKER = regex.compile(r"\p{InCB=Linker}")


def count_without_conjuncts(text: str) -> int:
    r"""Grapheme clusters without the Indic conjunct rule (GB9c), as Unicode 15.0 counts them.

    Never fewer than :func:`count`: a server on Unicode 15.0 rules (Ruby 3.4) splits each
    conjunct that current rules keep whole, so counting this way never counts under it.

    >>> count("क्षत्रिय"), count_without_conjuncts("क्षत्रिय")
    (3, 5)
    """
    total = count(text)
    if text.isascii() or _LINKER.search(text) is None:
        return total
    return total + sum(1 for _ in _CONJUNCT_JOIN.finditer(text))


if __name__ == "__main__":
    print(sensitive_table(), end="")  # noqa: T201 - the generator of data/grapheme_sensitive.txt
