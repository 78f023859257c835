"""Tests for postkit.posts.fit: a title or summary far over every limit is cut as usual, not failed.

The new user's review: a 1,000,000-character title failed on every platform as "unsafe template: template
output more than 1,000,000 characters" (the sandbox's output budget), while a 150 KB title was cut. The oracle
for the bound (``fit._within_reach``) is the ladder without it: on texts the sandbox can still render whole,
the post is the same with and without the bound.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postkit import Article, builtin_platforms, compose
from postkit.posts import fit

PLATFORMS = tuple(builtin_platforms())


def test_a_million_character_title_is_cut_on_every_platform():
    title = "Huge " + "word " * 200_000
    article = Article(title=title, url="https://news.example/huge", summary="Short summary. " * 70_000)

    for platform in PLATFORMS:
        post = compose(article, platform)
        assert post.text.startswith("Huge word word"), platform
        assert not any(m.over for m in post.measurements), platform
        assert "title" in post.truncated


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(
        st.sampled_from(["Kaim", "crossing", "reopens", "Iraq", "🇮🇶", "naïve", "日本語", "x" * 30]), min_size=1
    ),
    size=st.integers(fit._REACH + 1, 2 * fit._REACH),
    summary=st.booleans(),
)
def test_bounding_a_long_text_changes_no_post(monkeypatch: pytest.MonkeyPatch, words, size, summary):
    # monkeypatch is used as a context each example (patched.setattr): nothing carries over between examples.
    """A title (and summary) past ``_REACH``: the post is what the ladder makes of the whole text."""
    unit = " ".join(words) + " "
    text = (unit * (size // len(unit) + 1))[:size].strip()
    article = Article(title=text, url="https://news.example/a", summary=text if summary else None)
    for platform in PLATFORMS:
        bounded = compose(article, platform)
        with monkeypatch.context() as patched:
            patched.setattr(fit, "_REACH", 10**9)  # no bound: the whole text, rendered (under the sandbox's budget)
            whole = compose(article, platform)
        assert (whole.text, whole.truncated) == (bounded.text, bounded.truncated), platform
