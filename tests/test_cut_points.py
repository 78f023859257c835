"""The sentence splitter: abbreviations and initials are no sentence ends, real sentences still end."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from postkit import _data
from postkit.cut_points import sentence_cuts


def _sentences(text: str) -> list[str]:
    cuts = [0, *sentence_cuts(text), len(text)]
    return [text[a:b].strip() for a, b in itertools.pairwise(cuts)]


def test_titles_initials_and_lowercase_continuations_end_no_sentence() -> None:
    text = "Dr. Smith met Mr. Jones at 3 p.m. in St. Louis. They talked."
    assert _sentences(text) == ["Dr. Smith met Mr. Jones at 3 p.m. in St. Louis.", "They talked."]
    assert _sentences("J. K. Rowling wrote it. Fans cheered.") == ["J. K. Rowling wrote it.", "Fans cheered."]
    assert _sentences("Sales rose, e.g. in Jan. 2026. Costs fell.") == ["Sales rose, e.g. in Jan. 2026.", "Costs fell."]


def test_a_real_sentence_still_ends() -> None:
    assert _sentences("Just shipped v2. It has a new parser!") == ["Just shipped v2.", "It has a new parser!"]
    # A quote after the stop closes the sentence, even after an abbreviation-looking word.
    assert _sentences('She said "ask Dr." Nobody did.') == ['She said "ask Dr."', "Nobody did."]
    assert _sentences("He left. and then? Nothing.") == ["He left. and then?", "Nothing."]


def test_the_list_has_its_source_and_no_sentence_words() -> None:
    header = _data.read_text("abbreviations.txt")
    assert "unicode-org/cldr" in header
    assert "Licence" in header
    assert {"Dr.", "Mr.", "e.g.", "St."} <= _data.abbreviations()
    assert not {"Go.", "Is.", "On.", "OK.", "Etc.", "U.S."} & _data.abbreviations()


_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
_SENTENCE = st.builds(
    lambda first, rest, title, name: " ".join([first.capitalize(), title, name.capitalize(), *rest]) + ".",
    _WORD,
    st.lists(_WORD, max_size=6),
    st.sampled_from(sorted(_data.abbreviations())),
    _WORD,
).filter(lambda sentence: sentence.rsplit(" ", 1)[-1] not in _data.abbreviations())
# A sentence whose last word is itself an abbreviation ("... cf.") has no end a reader could see either.


@given(st.lists(_SENTENCE, min_size=1, max_size=5))
def test_sentences_holding_an_abbreviation_split_only_at_their_ends(sentences: list[str]) -> None:
    """Each sentence holds a title before a name ("Dr. Smith"): the cuts are exactly the sentence ends."""
    assert _sentences(" ".join(sentences)) == sentences
