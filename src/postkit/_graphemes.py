r"""Counting extended grapheme clusters (UAX #29, as ICU segments them) fast.

The count is ICU's (``Intl.Segmenter``: what the Bluesky app and server count with):
``regex``'s ``\X`` with two corrections. ``\X`` joins a consonant to a virama before it
whatever precedes the virama (``a्क``, ``্ক``, ``कः्क`` are one cluster there), where the
Indic conjunct rule GB9c, and ICU, join only consonant + linker + consonant: each such
loose join is one more cluster (:func:`count_reference` splits the clusters themselves).
And where ``regex``'s Unicode is newer than ICU's, a character ICU does not know (or knew
with another property) counts as ICU sees it (``data/grapheme_versions.txt``).
:func:`count_without_conjuncts` counts as Ruby 3.4 (Unicode 15.0, Mastodon) does.

``regex``'s ``\X`` is exact but costs about half a microsecond per character. Yet two
neighbouring characters only ever stay in one cluster when one of them is
"sensitive": CR, Extend, ZWJ, SpacingMark, Prepend, a Hangul jamo (L, V, T), a
regional indicator or an Indic conjunct linker (rules GB3-GB13: CR x LF, x
Extend/ZWJ/SpacingMark, Prepend x, the jamo sequences, ZWJ x pictograph, RI x RI, and
the Indic conjunct rule). So a text is split into windows - each run of sensitive
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

from postkit import _data
from postkit._generated import Generated, load

__all__ = [
    "GENERATED",
    "STAND_INS",
    "count",
    "count_reference",
    "count_without_conjuncts",
    "count_without_conjuncts_reference",
    "sensitive_ranges",
    "sensitive_table",
    "split_clusters",
    "unicode_15_clusters",
]

_CLUSTER = regex.compile(r"\X")
# Non-ASCII characters and CR (the only sensitive ASCII character), in runs; written as
# one class then a repeat, so the engine skips ahead to candidates (3x faster than "+").
_UNUSUAL = re.compile(r"[^\x00-\x0c\x0e-\x7f][^\x00-\x0c\x0e-\x7f]*")
_SENSITIVE = regex.compile(
    r"[\r\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
    r"\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=Regional_Indicator}\p{InCB=Linker}]+"
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
        "# CR, GCB = Extend, ZWJ, SpacingMark, Prepend, L, V, T, Regional_Indicator and InCB = Linker, as the",
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
    r"""The number of extended grapheme clusters in ``text``, as ICU counts them.

    >>> count("e\u0301👍🏽🇮🇶🇸🇾"), count("한국어"), count("a\r\nb"), count("a\u094d\u0915")
    (4, 3, 3, 2)
    """
    if text.isascii():
        return len(text) - text.count("\r\n")
    # The characters that may join a neighbour, looked for among the non-ASCII ones (and CR):
    # the engine's listed characters and the linkers are among them.
    unusual = "".join(_UNUSUAL.findall(text))
    first = _sensitive_runs().search(unusual)
    if first is None:
        return len(text)
    special = _SPECIALS.get("icu") or _special("icu")
    if special.search(unusual, first.start()) is None:  # the common case: no linker, no newer character
        # The first sensitive character of the text is the first occurrence of this one.
        return _regex_count(text, text.find(unusual[first.start()]))
    text = _as_engine(text, "icu", unusual)
    total = _regex_count(text)
    if _LINKER.search(unusual) is None:
        return total
    return total + sum(1 for _ in _LOOSE_JOIN.finditer(text))


def _regex_count(text: str, start: int = 0) -> int:
    r"""``len(regex.findall(r"\X", text))``, counted in windows (see the module's docstring).

    The callers look for sensitive characters among the non-ASCII ones (and CR) first: the
    sensitive class is slow to test on every character (its astral ranges are tried one by
    one), the class that picks those out is a plain table. ``start``: no sensitive character
    before it.
    """
    total = size = len(text)
    first, start, end = start, -1, -1
    for run in _sensitive_runs().finditer(text, first):
        low = max(run.start() - 1, 0)
        high = min(run.end() + 1, size)
        if low < end:
            end = high  # overlaps the window so far: widen it
            continue
        if end > 0:
            total += len(_CLUSTER.findall(text[start:end])) - (end - start)
        start, end = low, high
    if end > 0:
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


# regex's \X joins a consonant after a linker (and any Extend or Linker after it) even where no
# consonant starts that run, which GB9c requires: each such consonant is a cluster of its own
# for ICU (and for Unicode 15.0, which has no GB9c at all).
_LOOSE_JOIN = regex.compile(
    r"(?<=\p{InCB=Linker}[\p{InCB=Extend}\p{InCB=Linker}]*)"
    r"(?<!\p{InCB=Consonant}[\p{InCB=Extend}\p{InCB=Linker}]*)\p{InCB=Consonant}"
)


def count_reference(text: str) -> int:
    r"""The reference of :func:`count`: ``\X`` clusters, each split where ICU breaks inside it.

    Characters newer than ICU's Unicode count as ICU sees them (their stand-ins, see
    :func:`_as_engine`); then inside a ``\X`` cluster ICU breaks before a consonant that
    ``\X`` joined to a linker with no consonant before the linker (GB9c as the standard has
    it). ``a्क`` is one ``\X`` cluster and two for ICU:

    >>> count_reference("a\u094d\u0915"), count_reference("\u0915\u094d\u0915")
    (2, 1)
    """
    return split_clusters(_as_engine(text, "icu"))


def split_clusters(text: str) -> int:
    r"""``\X`` clusters of ``text``, each split at the loose joins GB9c does not make (no stand-ins)."""
    total = 0
    for cluster in _CLUSTER.finditer(text):
        total += 1 + sum(1 for _ in _LOOSE_JOIN.finditer(text, cluster.start() + 1, cluster.end()))
    return total


def unicode_15_clusters(text: str) -> int:
    """:func:`split_clusters` without GB9c: every consonant after a linker starts a cluster (no stand-ins)."""
    return split_clusters(text) + sum(1 for _ in _CONJUNCT_JOIN.finditer(text))


def count_without_conjuncts_reference(text: str) -> int:
    """The reference of :func:`count_without_conjuncts`: Ruby's stand-ins, clusters split without GB9c."""
    old = _as_engine(text, "ruby")
    total = unicode_15_clusters(old)
    return max(total, count_reference(text)) if old != text else total


def count_without_conjuncts(text: str) -> int:
    r"""Grapheme clusters as Ruby 3.4 counts them (Unicode 15.0: no Indic conjunct rule, GB9c).

    Never fewer than :func:`count`: a server on Unicode 15.0 rules (Ruby 3.4, Mastodon)
    splits each conjunct that current rules keep whole, and a character newer than its
    Unicode is a cluster of its own there. Where Ruby's older properties join more (a
    character that was Prepend then), the larger of the two counts.

    >>> count("क्षत्रिय"), count_without_conjuncts("क्षत्रिय")
    (3, 5)
    """
    if text.isascii():
        return count(text)
    unusual = "".join(_UNUSUAL.findall(text))
    first = _sensitive_runs().search(unusual)
    if first is None:
        return len(text)
    special = _SPECIALS.get("ruby") or _special("ruby")
    if special.search(unusual, first.start()) is None:  # the common case: no linker, no newer character
        return _regex_count(text, text.find(unusual[first.start()]))
    old = _as_engine(text, "ruby", unusual)
    total = _regex_count(old)
    if _LINKER.search(unusual) is not None:
        # Without GB9c every consonant after a linker starts a cluster: those regex's \X joins
        # loosely (see _LOOSE_JOIN) and those GB9c joins.
        total += sum(1 for _ in _LOOSE_JOIN.finditer(old)) + sum(1 for _ in _CONJUNCT_JOIN.finditer(old))
    if old is not text:
        total = max(total, count(text))
    return total


# Where the installed regex's Unicode is newer than an engine's: characters it joins to a
# neighbour that the engine (ICU for Bluesky, Ruby 3.4 for Mastodon) does not know, or knew
# with another property. data/grapheme_versions.txt (made from the engines themselves by
# tests/oracles/grapheme_versions.py) lists them with a stand-in of the property the engine
# gives them: "other" (an unassigned character: a cluster of its own) or "prepend".
STAND_INS = {"other": "x", "prepend": "\u0600"}


@functools.cache
def _engine_table(engine: str) -> tuple[re.Pattern[str] | None, dict[int, str]]:
    """A pattern finding the listed characters of ``engine``, and their stand-ins."""
    table: dict[int, str] = {}
    for line in _data.read_text("grapheme_versions.txt").splitlines():
        fields = line.split()
        if len(fields) != 3 or fields[0] != engine or fields[2] not in STAND_INS:
            continue  # a comment, the versions, another engine's line
        first, _, last = fields[1].partition("-")
        table.update(dict.fromkeys(range(int(first, 16), int(last or first, 16) + 1), STAND_INS[fields[2]]))
    if not table:
        return None, table
    spans: list[list[int]] = []
    for code in sorted(table):
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    ranges = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)
    return re.compile(f"[{ranges}]"), table


_SPECIALS: dict[str, re.Pattern[str]] = {}


def _special(engine: str) -> re.Pattern[str]:
    r"""A plain class of the linkers and ``engine``'s listed characters: whether a text needs more than ``\X``."""
    found = _SPECIALS.get(engine)
    if found is None:
        listed = _engine_table(engine)[0]
        found = re.compile(f"[{_linkers()}{listed.pattern[1:-1] if listed is not None else ''}]")  # one class
        _SPECIALS[engine] = found
    return found


@functools.cache
def _linkers() -> str:
    """The linkers, escaped for a class: made once for both engines (~4 ms a run each, as they were)."""
    # Every linker is sensitive: look for them among the sensitive characters only (~20,000), each
    # range made in C (map over a range, not a generator per code point).
    sensitive = "".join("".join(map(chr, range(low, high + 1))) for low, high in load(GENERATED))
    return "".join(map(re.escape, _LINKER.findall(sensitive)))


def _as_engine(text: str, engine: str, unusual: str | None = None) -> str:
    """``text`` with each character ``engine`` does not know as the regex does replaced by its stand-in.

    ``unusual``: the text's non-ASCII characters, if the caller has them (a shorter search).
    """
    pattern, table = _engine_table(engine)
    if pattern is None or pattern.search(text if unusual is None else unusual) is None:
        return text
    return text.translate(table)


if __name__ == "__main__":
    print(sensitive_table(), end="")  # noqa: T201 - the generator of data/grapheme_sensitive.txt
