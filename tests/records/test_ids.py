"""Tests for postkit.records._ids beyond the fast-path table (tests/test_fastpaths.py: a dict is its reference)."""

from __future__ import annotations

from hypothesis import strategies as st

from postkit.records._ids import IdRegistry

LOCATIONS = st.tuples(
    st.sampled_from(["a.jsonl", "b.csv", "<stdin>", "feeds/c.json"]),
    st.one_of(st.none(), st.integers(1, 2**39)),
    st.one_of(st.none(), st.integers(1, 2**39)),
).map(lambda t: (t[0], t[1], None if t[1] is not None else t[2]))


def test_grows_past_its_first_table() -> None:
    """Thousands of ids (several table growths) keep their first places."""
    fast = IdRegistry()
    for n in range(5000):
        fast.setdefault(f"id-{n}", ("a.jsonl", n + 1, None))

    assert ("a.jsonl", 4000, None) == fast.setdefault("id-3999", ("b.jsonl", 1, None))
    assert 5000 == len(fast)
