"""The per-text analysis the rules share (rules/_analysis.py and Context): what it relies on, and that it is one.

Each fast answer is held to its definition in tests/test_fastpaths.py; here: the facts of
Unicode the shortcuts rely on (for the running Python), the cue words, and that a Context made
lazily and one made in one go (``Context.analyse``, what a RuleSet does) agree.
"""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from postkit.platforms.registry import get_platform
from postkit.rules import _analysis, clickbait, urls
from postkit.rules.base import ANALYSES, Context
from postkit.rules.engine import RuleSet
from postkit.rules.registry import RULES
from strategies import TEXT_PIECES, post_texts


def test_only_dotted_capital_i_moves_offsets_and_only_it_and_kelvin_fold_to_ascii() -> None:
    """``lower_moves`` looks for İ alone, ``words`` lowercases bytes unless İ or K is there: Python's Unicode says so."""
    moves, folds = [], []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            moves.append(char)
        if code > 0x7F and any(c.isascii() for c in low):
            folds.append(char)

    assert moves == ["\u0130"]
    assert sorted(folds) == sorted(_analysis._FOLDS_TO_ASCII)


def test_every_cue_a_rule_looks_up_is_a_cue() -> None:
    """URL001's schemes and CLK002's and CLK005's words are among the words ``Context.known`` keeps."""
    assert urls._SCHEME_WORDS <= _analysis.CUES
    assert clickbait._QUESTION_CUES <= _analysis.CUES
    assert {b"this", b"these"} <= _analysis.CUES


def test_rules_name_only_analyses_a_context_makes() -> None:
    """``Rule.uses`` names Context attributes that are made lazily and by ``analyse``."""
    for rule in RULES.values():
        assert rule.uses <= ANALYSES, rule.code


_texts = st.one_of(post_texts, st.lists(st.sampled_from([*TEXT_PIECES, "İ", "\u212a", "You", "data:x"])).map("".join))


@given(_texts, st.sampled_from(["x", "mastodon", "instagram"]))
def test_made_in_one_go_or_on_first_use_alike(text: str, platform: str) -> None:
    """What ``analyse`` makes equals what each attribute makes on first use."""
    scanner = RuleSet()._scanner
    eager = Context(text, get_platform(platform), scanner=scanner)
    eager.analyse(ANALYSES)
    lazy = Context(text, get_platform(platform), scanner=scanner)

    for name in sorted(ANALYSES):
        assert getattr(eager, name) == getattr(lazy, name), name
