r"""Phrase lists and the one-pass scanner that finds all of them at once.

CLK001, HYP001 and CAS001 each have a phrase list. Scanning a text three times, or
trying hundreds of alternatives at every position, is what makes naive linters slow.
Instead the phrases of every active list are merged into one prefix tree, emitted as one
regular expression (shared prefixes factored, so the work per position is proportional
to the match, not to the list), and run once per text over its lowercased form.

Phrases are normalised so that lists need no variants: case is ignored, a typographic
apostrophe (’) equals ``'``, and spaces and hyphens are interchangeable (``mind-blowing``
matches ``mind blowing``). A phrase matches whole words only.

Most texts hold no phrase at all, and the scan costs a regular-expression attempt at every
position. So a cheap test comes first (:meth:`PhraseScanner.find`): every word of a phrase
stands whole in the text, so a phrase can only be there if the text's words
(:func:`phrase_words`: its ASCII letter-and-digit runs, made in C by one ``translate`` and
one ``split``) hold each of the phrase's words. Only then does the scan run; its answer is
the answer, and tests hold ``find`` to ``scan``.

The scan then looks only for the phrases whose words all stand in the text (usually one or
two): a phrase with a word missing cannot match anywhere, so leaving it out of the pattern
changes no match. The pattern for those few is compiled once per combination and has no
``\b`` in front: a pattern that opens on its phrases' first letters lets the engine skip ahead
to them (measured ~0.8 µs a post against ~5 µs with ``\b``, ~15 µs for the whole list), and
the scan tests the word boundary where a match starts instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

from postkit._regex_cache import compiled, trie

__all__ = ["PhraseMatch", "PhraseScanner", "PhraseSet", "normalise", "phrase_words", "trie_source", "utf8_words"]

_SPACING = re.compile(r"[\s\-‐‑–]+")


# Each byte of a UTF-8 text as a word character or a space: ASCII letters (lowercased) and
# digits stay, every other byte (punctuation, spaces, apostrophes, any byte of a non-ASCII
# character) separates words.
_WORD_BYTES = bytes(
    c | 0x20 if 0x41 <= c <= 0x5A else c if 0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A else 0x20 for c in range(256)
)
#: What a phrase's words may hold for the word test to stand for them.
_PLAIN_WORD = re.compile(r"[a-z0-9']+")


def phrase_words(lower: str) -> list[bytes]:
    """The runs of ASCII letters and digits in ``lower``, as bytes: the words the phrase test looks up.

    Apostrophes split ("won't" gives ``won`` and ``t``), as does every non-ASCII character.

    >>> phrase_words("you won’t believe it's 24/7")
    [b'you', b'won', b't', b'believe', b'it', b's', b'24', b'7']
    """
    return utf8_words(lower.encode("utf-8", "surrogatepass"))


def utf8_words(data: bytes) -> list[bytes]:
    """:func:`phrase_words` of a text already encoded (UTF-8): ASCII capitals are lowercased here."""
    return data.translate(_WORD_BYTES).split()


def _word_keys(word: str) -> frozenset[bytes]:
    """What :func:`phrase_words` gives where a phrase's word stands in a text, whichever way it matched.

    The scan lets each apostrophe be left out or typed (' or ’), and a typed one splits the
    text's word: the word's first piece, its first two run together, and so on.
    """
    pieces = word.split("'")
    return frozenset(key for i in range(len(pieces)) if (key := "".join(pieces[: i + 1]).encode()))


#: A phrase and the keys of each of its words (:func:`_word_keys`).
_Keyed = tuple[str, tuple[frozenset[bytes], ...]]
#: How many narrowed patterns (combinations of phrases) a scanner keeps.
_MAX_NARROW = 256
#: How many sets of words a scanner keeps the candidates of.
_MAX_CANDIDATES = 4096


def _anchors(phrases: Iterable[str]) -> dict[bytes, list[_Keyed]] | None:
    """Each phrase under the keys of its longest word, with the keys of all its words; None if a word is not plain."""
    anchors: dict[bytes, list[_Keyed]] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        if not all(_PLAIN_WORD.fullmatch(word) for word in words):
            return None  # a word with other characters (non-ASCII, "10/10"): no test, always scan
        keys = tuple(_word_keys(word) for word in words)
        if not all(keys):
            return None
        anchor = max(keys, key=lambda found: min(map(len, found)))
        for key in anchor:
            anchors.setdefault(key, []).append((phrase, keys))
    return anchors


def normalise(phrase: str) -> str:
    """The form phrases are compared in: lowercase, ``'`` apostrophes, single spaces.

    >>> normalise("Mind-Blowing  Here’s")
    "mind blowing here's"
    """
    return _SPACING.sub(" ", phrase.lower().replace("’", "'")).strip()


@attrs.frozen(eq=False)
class PhraseSet:
    """One rule's phrases, normalised: the data list plus ``extend``, minus ``allow``.

    Compared by identity (a C-level hash: the engine looks sets up for every text);
    :meth:`build` returns the same object for the same phrases.
    """

    name: str
    entries: frozenset[str]

    @staticmethod
    def build(name: str, base: Iterable[str], *, extend: Iterable[str] = (), allow: Iterable[str] = ()) -> PhraseSet:
        """The set named ``name``: ``base`` and ``extend``, without ``allow``."""
        allowed = {normalise(p) for p in allow}
        entries = {normalise(p) for p in (*base, *extend)} - allowed
        return _phrase_set(name, frozenset(p for p in entries if p))


@attrs.frozen
class PhraseMatch:
    """A phrase found in a text: its span and the text as written there."""

    start: int
    end: int
    text: str


def _atom(char: str) -> str:
    if char == " ":
        return r"[\s\-‐‑–]+"
    if char == "'":
        return "['’]?"  # "wont" is "won't" typed in a hurry
    return re.escape(char)


def trie_source(words: Iterable[str]) -> str:
    """A regex source matching any of ``words`` (normalised), longest first, prefixes factored.

    A space in a word matches any run of spaces and hyphens; ``'`` matches ``’`` or nothing.
    """
    return trie(words, _atom)


class PhraseScanner:
    """Finds the phrases of several sets in one pass; build with :meth:`of` (cached)."""

    __slots__ = (
        "_anchor_keys",
        "_anchors",
        "_candidates",
        "_narrow",
        "_owners",
        "_pattern",
        "_pattern_ci",
        "sets",
        "vocabulary",
    )

    def __init__(self, sets: tuple[PhraseSet, ...]) -> None:
        """Merge the sets' phrases into one compiled pattern."""
        self.sets = frozenset(sets)
        phrases = {phrase for phrase_set in sets for phrase in phrase_set.entries}
        # Keyed without apostrophes: the pattern lets them be left out ("wont", "yall").
        owners: dict[str, list[PhraseSet]] = {}
        for phrase_set in sets:
            for phrase in phrase_set.entries:
                owners.setdefault(phrase.replace("'", ""), []).append(phrase_set)
        self._owners = {key: tuple(dict.fromkeys(found)) for key, found in owners.items()}
        source = trie_source(phrases)
        # Whole words: \b first is the cheapest way to try only word starts (measured
        # 2x faster than no anchor, 6x faster than a look-behind); a hyphen or apostrophe
        # before the word is ruled out in scan().
        self._pattern = compiled(f"\\b(?:{source})(?![\\w\\-])") if phrases else None
        # For the rare text whose lowercase form changes length (see scan); compiled
        # on first use, since compiling it costs a short run ~10 ms.
        self._pattern_ci: re.Pattern[str] | None = None
        self._anchors = _anchors(phrases)
        self._anchor_keys = frozenset(self._anchors or ())
        #: Every key of every word of the phrases (empty when there is no word test).
        self.vocabulary = frozenset(
            key for found in (self._anchors or {}).values() for _, words in found for keys in words for key in keys
        )
        # The pattern for each combination of phrases a text may hold (see candidates()).
        self._narrow: dict[tuple[str, ...], tuple[re.Pattern[str], bool]] = {}
        # The candidates of each set of words a text held (see candidates()).
        self._candidates: dict[frozenset[bytes], tuple[str, ...]] = {}

    @classmethod
    def of(cls, sets: tuple[PhraseSet, ...]) -> PhraseScanner:
        """The scanner for ``sets``, built once per distinct combination."""
        return _scanner(tuple(sorted(sets, key=lambda s: s.name)))

    def may_hold(self, words: Sequence[bytes], known: frozenset[bytes] | None = None) -> bool:
        """Whether a text whose :func:`phrase_words` are ``words`` may hold a phrase (False: it holds none).

        ``known``, if given, is those of ``words`` in a superset of :attr:`vocabulary` (made once
        for several rules' looks: ``Context.known``).
        """
        return self.candidates(words, known) != ()

    def candidates(self, words: Sequence[bytes], known: frozenset[bytes] | None = None) -> tuple[str, ...] | None:
        """The phrases a text whose :func:`phrase_words` are ``words`` may hold, or None: no word test, any of them.

        Every other phrase has a word the text lacks, so it matches nowhere in the text.
        ``known`` as for :meth:`may_hold`. Kept for each set of words found (a frozenset, hashed
        once): texts hold few combinations of the phrases' words, and the cues and the phrase
        rules ask for the same text's (:meth:`candidates_reference` is the plain look).
        """
        if self._anchors is None:
            return None
        present = self.vocabulary.intersection(words) if known is None else known
        found = self._candidates.get(present)
        if found is None:
            found = self._candidates_of(present)
            if len(self._candidates) >= _MAX_CANDIDATES:
                self._candidates.clear()
            self._candidates[present] = found
        return found

    def candidates_reference(
        self, words: Sequence[bytes], known: frozenset[bytes] | None = None
    ) -> tuple[str, ...] | None:
        """:meth:`candidates`, worked out each time (the plain look its kept answers are held to)."""
        if self._anchors is None:
            return None
        return self._candidates_of(self.vocabulary.intersection(words) if known is None else known)

    def _candidates_of(self, present: frozenset[bytes]) -> tuple[str, ...]:
        """Each phrase under an anchor in ``present`` all of whose words are in ``present``, sorted."""
        anchors = self._anchors or {}
        return tuple(
            sorted(
                {
                    phrase
                    for hit in self._anchor_keys.intersection(present)
                    for phrase, keys in anchors[hit]
                    if all(not found.isdisjoint(present) for found in keys)
                }
            )
        )

    def find(
        self,
        text: str,
        lower: str = "",
        skip: Sequence[tuple[int, int]] = (),
        words: Sequence[bytes] | None = None,
    ) -> dict[PhraseSet, list[PhraseMatch]]:
        """:meth:`scan`, after the word test (see the module docstring): the same answer, mostly sooner.

        Args:
            text: the text.
            lower: ``text.lower()`` when it has the same length, or "" (then no test: the scan
                ignores case itself, and a few characters fold to ASCII letters only there).
            skip: spans not to look in (links), in order.
            words: ``phrase_words(lower)``, if already made.
        """
        if not lower:
            return self.scan(text, lower, skip)
        only = self.candidates(phrase_words(lower) if words is None else words)
        if only is None:
            return self.scan(text, lower, skip)
        return self.scan_for(only, text, lower, skip) if only else {}

    def scan_for(
        self, phrases: tuple[str, ...], text: str, lower: str, skip: Sequence[tuple[int, int]] = ()
    ) -> dict[PhraseSet, list[PhraseMatch]]:
        """:meth:`scan`, looking only for ``phrases`` (:meth:`candidates`: the only ones the text may hold).

        ``lower`` is required (not ""): the pattern matches the lowercased text.
        """
        made = self._narrow.get(phrases)
        if made is None:
            if len(self._narrow) >= _MAX_NARROW:
                self._narrow.clear()
            # The scan tests the word boundary a match starts at (see the module docstring), where
            # every phrase opens on a letter or digit (an "'" that may be left out needs the \b).
            bounded = not all(phrase[:1].isascii() and phrase[:1].isalnum() for phrase in phrases)
            source = ("\\b" if bounded else "") + f"(?:{trie_source(phrases)})(?![\\w\\-])"
            made = self._narrow[phrases] = (re.compile(source), bounded)
        return self._scan(made[0], text, lower, skip, bounded=made[1], only=phrases)

    def scan(
        self, text: str, lower: str = "", skip: Sequence[tuple[int, int]] = ()
    ) -> dict[PhraseSet, list[PhraseMatch]]:
        """Every phrase of every set in ``text``, longest match first, left to right.

        Args:
            text: the text.
            lower: ``text.lower()`` when it has the same length (faster to match), or "".
            skip: spans not to look in (links), in order.
        """
        if self._pattern is None:
            return {}
        if lower:
            pattern, subject = self._pattern, lower
        else:
            if self._pattern_ci is None:
                self._pattern_ci = compiled(self._pattern.pattern, re.IGNORECASE)
            pattern, subject = self._pattern_ci, text
        return self._scan(pattern, text, subject, skip, bounded=True)

    def _scan(
        self,
        pattern: re.Pattern[str],
        text: str,
        subject: str,
        skip: Sequence[tuple[int, int]],
        *,
        bounded: bool,
        only: tuple[str, ...] | None = None,
    ) -> dict[PhraseSet, list[PhraseMatch]]:
        r"""The scan of ``subject`` (``text`` or its lowercase) by ``pattern``; ``bounded``: it opens on ``\b``.

        Every phrase opens on a word character, so without the ``\b`` a match whose start
        follows a word character is not at a word boundary: the search goes on from the next
        character, where the ``\b`` pattern's search would have gone. ``only``: the phrases
        ``pattern`` looks for (:meth:`scan_for`), None for all.
        """
        found: dict[PhraseSet, list[PhraseMatch]] = {}
        owners = self._owners
        search = pattern.search
        pos = 0
        ends = dict(skip)  # where each skipped span ends, by its start (no scan per span)
        shared: list[tuple[int, int, tuple[PhraseSet, ...]]] = []  # matches that not every set owns
        for endpos in (*(start for start, _ in skip), len(text)):
            while (m := search(subject, pos, endpos)) is not None:
                start = m.start()
                if start and (
                    subject[start - 1] in "-'’"
                    or (not bounded and (subject[start - 1].isalnum() or subject[start - 1] == "_"))
                ):
                    pos = start + 1  # part of a longer word ("well-folks"): look again further on
                    continue
                pos = m.end()
                written = text[start:pos]
                owned = owners.get(normalise(written).replace("'", ""), ())
                for owner in owned:
                    found.setdefault(owner, []).append(PhraseMatch(start, pos, written))
                if len(owned) != len(self.sets):
                    shared.append((start, pos, owned))
            pos = ends.get(endpos, endpos)
        if not shared or len(self.sets) < 2:  # one set hides nothing from itself
            return found
        return self._unshadowed(found, shared, text, "" if subject is text else subject, skip, only=only)

    def _unshadowed(
        self,
        found: dict[PhraseSet, list[PhraseMatch]],
        shared: list[tuple[int, int, tuple[PhraseSet, ...]]],
        text: str,
        lower: str,
        skip: Sequence[tuple[int, int]],
        *,
        only: tuple[str, ...] | None,
    ) -> dict[PhraseSet, list[PhraseMatch]]:
        """Each set's matches as its own scan finds them: a match of other sets may hide one of its own.

        One pass takes matches left to right without overlap, so a phrase of one set
        ("you'll never guess", CLK001) can cover another set's ("you'll never", CLK006).
        A set that owns every match found saw nothing hidden (its own scan would stop at
        the same places), nor does one none of whose phrases can start under a match it does
        not own; any other set is scanned alone (for its phrases of ``only``): rare, as it
        needs phrases of two sets in one text.
        """
        # Only a set with a phrase the pattern looked for can have found something.
        owners = self._owners
        sets = self.sets if only is None else {s: None for p in only for s in owners.get(p.replace("'", ""), ())}
        for phrases in sets:
            covering = [(start, end) for start, end, owned in shared if phrases not in owned]
            if not covering:
                continue
            own = PhraseScanner.of((phrases,))
            if only is None:
                alone = own.scan(text, lower, skip).get(phrases)
            else:
                mine = tuple(phrase for phrase in only if phrase in phrases.entries)
                if not _may_start_within(mine, lower, covering):
                    continue  # none of its phrases can start under another set's match: nothing hidden
                alone = own.scan_for(mine, text, lower, skip).get(phrases)
            if alone:
                found[phrases] = alone
            else:
                found.pop(phrases, None)
        return found


def _may_start_within(phrases: tuple[str, ...], lower: str, spans: list[tuple[int, int]]) -> bool:
    """Whether one of ``phrases`` may start inside one of ``spans`` of the lowercased text.

    A phrase starts with the letters and digits of its first word (:func:`_head`), whatever
    follows them (an apostrophe left out, a hyphen for a space); a phrase that opens on
    anything else may start anywhere.
    """
    for phrase in phrases:
        head = _head(phrase)
        if not head or any(head in lower[start : end + len(head)] for start, end in spans):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _head(phrase: str) -> str:
    """The ASCII letters and digits ``phrase`` opens with ("won" for "won't"), "" if none."""
    found = _HEAD.match(phrase)
    return found.group() if found else ""


_HEAD = re.compile("[a-z0-9]+")


@functools.lru_cache(maxsize=256)
def _phrase_set(name: str, entries: frozenset[str]) -> PhraseSet:
    return PhraseSet(name, entries)


@functools.lru_cache(maxsize=64)
def _scanner(sets: tuple[PhraseSet, ...]) -> PhraseScanner:
    return PhraseScanner(sets)
