"""Tests for postkit.tracking: UTM parameters on the article URL."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit.posts.tracking import track_url
from strategies import urls


class TestTrackUrl:
    """Tests for track_url."""

    @pytest.mark.parametrize(
        ("url", "platform", "campaign", "expected"),
        [
            ("https://news.example/a", "x", None, "https://news.example/a?utm_source=x&utm_medium=social"),
            (
                "https://news.example/a?id=7&utm_source=rss#top",
                "x",
                None,
                "https://news.example/a?id=7&utm_source=x&utm_medium=social#top",
            ),
            (
                "https://news.example/a?utm_medium=email&b=%7E+x&utm_source=rss",
                "bluesky",
                "spring sale",
                "https://news.example/a?b=%7E+x&utm_source=bluesky&utm_medium=social&utm_campaign=spring%20sale",
            ),
            (
                "https://news.example/a?utm_campaign=old",
                "mastodon",
                None,
                "https://news.example/a?utm_campaign=old&utm_source=mastodon&utm_medium=social",
            ),
            (
                "https://news.example/a?utm_campaign=old",
                "mastodon",
                "new",
                "https://news.example/a?utm_source=mastodon&utm_medium=social&utm_campaign=new",
            ),
            (
                "https://news.example/a?utm%5Fsource=rss&flag",
                "x",
                None,
                "https://news.example/a?flag&utm_source=x&utm_medium=social",
            ),
            ("https://news.example/a?", "x", None, "https://news.example/a?utm_source=x&utm_medium=social"),
            (
                "https://news.example/a#frag?not=query",
                "x",
                None,
                "https://news.example/a?utm_source=x&utm_medium=social#frag?not=query",
            ),
            (
                "https://bücher.example/straße?q=ä&Q=Ü",
                "x",
                None,
                "https://bücher.example/straße?q=ä&Q=Ü&utm_source=x&utm_medium=social",
            ),
            (
                "https://news.example/a?UTM_SOURCE=rss",
                "x",
                None,
                "https://news.example/a?UTM_SOURCE=rss&utm_source=x&utm_medium=social",
            ),
        ],
        ids=[
            "plain",
            "replace-keep-fragment",
            "campaign-and-spelling",
            "campaign-kept-without-config",
            "campaign-replaced",
            "encoded-name",
            "empty-query",
            "question-mark-in-fragment",
            "idn-unicode",
            "names-are-case-sensitive",
        ],
    )
    def test_tracks(self, url: str, platform: str, campaign: str | None, expected: str) -> None:
        """Ours replace same-named utm_*; every other parameter keeps place and spelling."""
        assert expected == track_url(url, platform, campaign)

    @given(url=urls())
    def test_keeps_everything_else(self, url: str) -> None:
        """Path, other parameters (verbatim, in order) and fragment survive; ours appear once each."""
        tracked = track_url(url, "bluesky", "c1")

        base, _, fragment = url.partition("#")
        new_base, _, new_fragment = tracked.partition("#")
        assert fragment == new_fragment
        assert base.partition("?")[0] == new_base.partition("?")[0]
        ours = {"utm_source", "utm_medium", "utm_campaign"}
        query = base.partition("?")[2]
        old_items = [
            i
            for i in (query.split("&") if query else [])  # empty items ("&&") kept verbatim too
            if urllib.parse.unquote_plus(i.split("=", 1)[0]) not in ours
        ]
        new_items = new_base.partition("?")[2].split("&")
        assert old_items == new_items[:-3]
        assert ["utm_source=bluesky", "utm_medium=social", "utm_campaign=c1"] == new_items[-3:]

    @given(url=urls())
    def test_idempotent(self, url: str) -> None:
        """Tracking a tracked URL again changes nothing."""
        once = track_url(url, "x", "c")

        assert once == track_url(once, "x", "c")


def reference_track_url(url: str, platform: str, campaign: str | None = None) -> str:
    """track_url written plainly, without the per-URL cache (the oracle for it)."""
    ours = [("utm_source", platform), ("utm_medium", "social")]
    if campaign:
        ours.append(("utm_campaign", campaign))
    replaced = {name for name, _ in ours}
    base, hash_mark, fragment = url.partition("#")
    path, _, query = base.partition("?")
    kept = [
        item
        for item in (query.split("&") if query else [])
        if urllib.parse.unquote_plus(item.split("=", 1)[0]) not in replaced
    ]
    kept += [f"{name}={urllib.parse.quote(value, safe='')}" for name, value in ours]
    return f"{path}?{'&'.join(kept)}{hash_mark}{fragment}"


@given(
    st.lists(st.sampled_from(["a=1", "", "utm_source=rss", "utm%5Fmedium=x", "utm_campaign=old", "b"]), max_size=5).map(
        "&".join
    ),
    st.sampled_from(["", "#top"]),
    st.sampled_from(["x", "bluesky"]),
    st.sampled_from([None, "", "spring sale"]),
)
def test_same_as_plain_tracking(query: str, fragment: str, platform: str, campaign: str | None) -> None:
    """The cached split gives the plain function's URL, empty parameters and all."""
    url = f"https://news.example/a?{query}{fragment}" if query else f"https://news.example/a{fragment}"
    for _ in range(2):  # the second call is answered from the cache
        assert reference_track_url(url, platform, campaign) == track_url(url, platform, campaign)
