"""The phrase scanner's word test and narrowed scan (rules/_phrases.py) against its whole-list scan."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postkit.rules._phrases import PhraseScanner, PhraseSet, phrase_words

# Phrases that share prefixes, hold one another, leave out or type an apostrophe, open on one
# ("'tis": the narrowed pattern keeps its \b) or on a digit.
_PHRASES = ["you won't believe", "you", "won't", "wont stop", "'tis the season", "24 hours", "7 things", "folks"]
_PHRASES += ["this is", "this is huge", "hugely", "y'all"]
_SETS = (
    PhraseSet.build("test-a", _PHRASES[:6]),
    PhraseSet.build("test-b", _PHRASES[4:]),
)
_PIECES = [*_PHRASES, *(p.upper() for p in _PHRASES), *(p.replace("'", "’") for p in _PHRASES)]
_PIECES += [" ", "  ", "-", "_", "x", "é", "'", "’", "\n", ".", "https://a.example/you-won't-believe ", "İ", "K"]

texts = st.lists(st.sampled_from(_PIECES), max_size=16).map("".join)


def _lower(text: str) -> str:
    lower = text.lower()
    return lower if len(lower) == len(text) else ""


@given(texts)
def test_find_answers_as_the_whole_scan(text: str) -> None:
    """The word test and the scan for the phrases it leaves find what the whole list's scan finds."""
    scanner = PhraseScanner.of(_SETS)
    lower = _lower(text)

    assert scanner.candidates([]) == ()  # the word test applies to these phrases
    assert scanner.find(text, lower) == scanner.scan(text, lower)


def test_the_narrowed_scan_finds_the_phrases_it_keeps() -> None:
    """A text with one phrase's words looks for that phrase only, and finds it where it stands whole."""
    scanner = PhraseScanner.of(_SETS)
    text = "Folks, unfolks and well-folks: you WON’T believe it"
    lower = text.lower()

    found = scanner.find(text, lower)

    assert scanner.candidates(phrase_words(lower)) == ("folks", "won't", "you", "you won't believe")
    assert {s.name: [(m.start, m.text) for m in ms] for s, ms in found.items()} == {
        "test-a": [(31, "you WON’T believe")],
        "test-b": [(0, "Folks")],
    }
    assert found == scanner.scan(text, lower)


# Phrases that other sets' phrases cover or overlap: "won't" in "you won't believe", "is huge".
_COVERED = PhraseSet.build("test-c", ["won't", "believe", "is huge", "the season", "hours"])


@given(texts)
def test_each_set_finds_what_its_own_scan_finds(text: str) -> None:
    """One pass over several sets gives each set what a scan of that set alone gives.

    One set's phrase can cover another's ("you won't believe" in test-a hides "won't" in
    test-b): the shared scan must not lose the hidden one, nor report a later one instead.
    """
    sets = (*_SETS, _COVERED)
    scanner = PhraseScanner.of(sets)
    lower = _lower(text)
    together = scanner.find(text, lower)

    for phrases in sets:
        alone = PhraseScanner.of((phrases,)).scan(text, lower)
        assert together.get(phrases, []) == alone.get(phrases, [])


def test_a_clickbait_phrase_does_not_hide_a_second_person_hook() -> None:
    """The case Hypothesis found: CLK001's phrase covered CLK006's, so CLK006 found nothing in the catalogue."""
    from postkit.rules.engine import RuleSet  # noqa: PLC0415

    for text in ("you'll never guess your now", "that will make you cry now"):
        everything = RuleSet().check(text, "x")
        alone = RuleSet(select=("CLK006",)).check(text, "x")
        assert alone
        assert [v for v in everything if v.code == "CLK006"] == alone
