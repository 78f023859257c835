"""postkit._graphemes against the engines the platforms count with: ICU (Bluesky) and Ruby 3.4 (Mastodon).

``count`` must equal node's ``Intl.Segmenter`` (the Bluesky app and server); where the
``regex`` module's ``\\X`` and ICU segment differently (a virama with no consonant before it,
characters newer than ICU's Unicode) postkit counts as ICU does. ``count_without_conjuncts``
must equal Ruby 3.4's ``String#grapheme_clusters`` (Mastodon's server) and never be below
``count``. The Ruby checks run where ``npm ci --prefix tests/oracles/mastodon`` was done.
"""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import client, grapheme_versions
from postkit import _data, _graphemes

LINKERS = [chr(c) for c in range(0x900, 0x1E000) if regex.match(r"\p{InCB=Linker}", chr(c))]
CONSONANTS = [chr(c) for c in range(0x900, 0x1E00) if regex.match(r"\p{InCB=Consonant}", chr(c))]
MARKS = [chr(c) for c in range(0x300, 0x2000) if regex.match(r"\p{InCB=Extend}", chr(c))]
SPACING = [chr(c) for c in range(0x900, 0x1E00) if regex.match(r"\p{GCB=SpacingMark}", chr(c))]
PREPEND = [chr(c) for c in range(0x600, 0x1E000) if regex.match(r"\p{GCB=Prepend}", chr(c))]
LISTED = sorted({chr(c) for engine in ("icu", "ruby") for c in _graphemes._engine_table(engine)[1]})
OTHER = ["a", " ", "\n", "\r", "1", "🙂", "\u200d", "\u200c", "\ufe0f", "🇦", "\u1100", "\u1161", "\U0001f3fb"]
POOLS = [LINKERS, CONSONANTS, CONSONANTS, MARKS, SPACING, PREPEND, OTHER, LISTED]


def indic_strings(count: int, seed: int) -> list[str]:
    """Short strings of linkers, consonants, marks, Prepend and newer characters in every order."""
    rng = random.Random(seed)
    return ["".join(rng.choice(rng.choice(POOLS)) for _ in range(rng.randint(1, 8))) for _ in range(count)]


def ruby_counts(texts: list[str]) -> list[int]:
    reason = client.ruby_missing()
    if reason is not None:
        pytest.skip(reason)
    counts, _ = grapheme_versions.ruby_counts(texts)
    return counts


class TestAgainstIcu:
    """count() is Intl.Segmenter's count."""

    def test_viramas_without_a_consonant_before(self, oracle: client.Oracle) -> None:
        texts = ["a\u094d\u0915", "\u09cd\u0995", "\u0915\u0903\u094d\u0915", "\u0915\u094d\u0915", "\n\u094d\u0915"]
        assert [_graphemes.count(t) for t in texts] == [a["graphemes"] for a in oracle.units(texts)]
        assert [_graphemes.count(t) for t in texts] == [2, 2, 2, 1, 3]

    def test_random_indic_strings(self, oracle: client.Oracle) -> None:
        texts = indic_strings(6000, seed=23)
        icu = [answer["graphemes"] for answer in oracle.units(texts)]
        wrong = [(t, _graphemes.count(t), n) for t, n in zip(texts, icu, strict=True) if _graphemes.count(t) != n]
        assert [] == wrong[:5], f"{len(wrong)} of {len(texts)} differ"

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.sampled_from(LINKERS + CONSONANTS + MARKS + SPACING + PREPEND + OTHER + LISTED), max_size=12))
    def test_property(self, oracle: client.Oracle, chars: list[str]) -> None:
        text = "".join(chars)
        assert _graphemes.count(text) == oracle.units([text])[0]["graphemes"]


class TestAgainstRuby:
    """count_without_conjuncts() is Ruby 3.4's count (Mastodon), never below count()."""

    def test_random_indic_strings(self) -> None:
        texts = indic_strings(3000, seed=34)
        ruby = ruby_counts(texts)
        wrong = [(t, _graphemes.count_without_conjuncts(t), n) for t, n in zip(texts, ruby, strict=True)]
        wrong = [w for w in wrong if w[1] < w[2]]
        assert [] == wrong[:5], f"{len(wrong)} of {len(texts)} under Ruby"
        # Equal, but where Ruby's Unicode 15.0 joins a character that was Prepend then and ICU
        # does not: there the larger count, ICU's.
        prepend = {
            chr(c) for c, s in _graphemes._engine_table("ruby")[1].items() if s == _graphemes.STAND_INS["prepend"]
        }
        plain = [(t, n) for t, n in zip(texts, ruby, strict=True) if not prepend.intersection(t)]
        assert len(plain) > 2000
        assert [(t, n) for t, n in plain if _graphemes.count_without_conjuncts(t) != n] == []


class TestTheData:
    """data/grapheme_versions.txt lists what the engines say for the installed regex."""

    def test_icu_list_is_what_node_says(self, oracle: client.Oracle) -> None:
        del oracle
        found, _ = grapheme_versions.differing(grapheme_versions.icu_counts, _graphemes.split_clusters)
        shipped = _graphemes._engine_table("icu")[1]
        assert {code: _graphemes.STAND_INS[kind] for code, kind in found.items()} == shipped

    @pytest.mark.slow
    def test_the_file_is_what_the_generator_writes(self) -> None:
        ruby_counts(["a"])  # skips without ruby.wasm
        assert grapheme_versions.table() == _data.read_text("grapheme_versions.txt")

    def test_the_file_names_the_regex_it_was_made_with(self) -> None:
        text = _data.read_text("grapheme_versions.txt")
        if f"\nregex {regex.__version__}\n" not in text:
            pytest.skip(f"made with another regex than {regex.__version__}: run tests/oracles/grapheme_versions.py")
        assert "# icu: " in text
        assert "# ruby: " in text


def test_ruby_runner_answers() -> None:
    """ruby.mjs runs Ruby 3.4 with Unicode 15.0 (no Indic conjunct rule)."""
    assert ruby_counts(["\u0915\u094d\u0937", "e\u0301"]) == [2, 1]


def test_every_listed_character_may_join_a_neighbour() -> None:
    """count() looks for the engines' characters among the sensitive ones only: each listed one is one."""
    runs = _graphemes._sensitive_runs()
    for engine in ("icu", "ruby"):
        assert [f"U+{c:04X}" for c in _graphemes._engine_table(engine)[1] if not runs.match(chr(c))] == []
