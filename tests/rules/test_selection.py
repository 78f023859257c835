"""Tests for postkit.rules.selection: ruff's select/ignore, and a selection layered over a config."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.config import Config
from postkit.errors import ConfigError
from postkit.rules.registry import RULES, families
from postkit.rules.selection import is_selected, with_selection

ENTRIES = st.sampled_from(["ALL", *families(), *list(RULES)[:12]])


class TestWithSelection:
    def test_nothing_given_is_the_config(self) -> None:
        config = Config(select=("CAP",), ignore=("CAP001",))

        assert with_selection(config) is config

    def test_select_replaces_and_drops_the_configured_ignore(self) -> None:
        chosen = with_selection(Config(select=("CAP",), ignore=("HYP",)), select=["pun"], ignore=["PUN001"])

        assert (("PUN",), ("PUN001",)) == (chosen.select, chosen.ignore)

    def test_extend_select_beats_a_configured_ignore(self) -> None:
        chosen = with_selection(Config(ignore=("HYP", "CAP")), extend_select=["HYP"])

        assert (("ALL", "HYP"), ("CAP",)) == (chosen.select, chosen.ignore)

    def test_unknown_code_names_the_argument(self) -> None:
        with pytest.raises(ConfigError) as caught:
            with_selection(Config(), extend_select=["NOPE"])

        assert "extend-select" == caught.value.field

    @given(
        select=st.none() | st.lists(ENTRIES, min_size=1, max_size=3),
        ignore=st.lists(ENTRIES, max_size=3),
        extend=st.lists(ENTRIES, max_size=3),
        configured=st.lists(ENTRIES, max_size=3),
    )
    def test_what_runs(
        self, select: list[str] | None, ignore: list[str], extend: list[str], configured: list[str]
    ) -> None:
        """Properties of the layering, as ruff documents its options.

        A code named in the command line's ignore never runs; one named by extend-select
        runs unless that ignore names it too; a command-line select makes the configured
        ignore irrelevant.
        """
        chosen = with_selection(Config(ignore=tuple(configured)), select=select, ignore=ignore, extend_select=extend)
        runs = {code for code in RULES if is_selected(code, chosen.select, chosen.ignore)}

        assert not runs & set(ignore)
        assert {e for e in extend if e in RULES} - set(ignore) <= runs
        if select is not None:
            plain = with_selection(Config(), select=select, ignore=ignore, extend_select=extend)
            assert runs == {code for code in RULES if is_selected(code, plain.select, plain.ignore)}
