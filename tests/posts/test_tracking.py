"""Tests for postkit.posts.tracking: UTM parameters on the article URL; the campaign checked as config."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounded import one_line_error, run_bounded
from postkit.article import Article
from postkit.errors import ConfigError
from postkit.pipeline import rows
from postkit.platforms.registry import get_platform
from postkit.posts.composer import compose
from postkit.posts.thread import compose_thread
from postkit.posts.tracking import MAX_CAMPAIGN, check_campaign, track_url
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


EXAMPLE = str(Path(__file__).parent.parent.parent / "examples" / "kaim-crossing.json")


def _params(url: str) -> list[tuple[str, str]]:
    """The query as a server that splits on both "&" and ";" reads it."""
    query = urllib.parse.urlsplit(url).query
    return [
        tuple(item.split("=", 1)) if "=" in item else (item, "") for item in query.replace(";", "&").split("&") if item
    ]  # type: ignore[misc]


class TestSemicolons:
    """Issue 23: a ";utm_source=" no longer stays beside the added one."""

    def test_semicolon_separated_utm_is_replaced(self) -> None:
        tracked = track_url("https://news.example/a?id=7;utm_source=rss;utm_medium=feed", "x")
        assert "https://news.example/a?id=7&utm_source=x&utm_medium=social" == tracked

    def test_other_parameters_keep_their_separators(self) -> None:
        tracked = track_url("https://news.example/a?a=1;b=2;utm_source=rss&c=3#top", "bluesky", "spring")
        assert (
            "https://news.example/a?a=1;b=2;c=3&utm_source=bluesky&utm_medium=social&utm_campaign=spring#top" == tracked
        )

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["utm_source", "utm_medium", "utm_campaign", "id", "q", "utm%5Fsource", ""]),
                st.text(alphabet="abc123%", max_size=4),
            ),
            max_size=8,
        ),
        st.lists(st.sampled_from(["&", ";"]), min_size=8, max_size=8),
    )
    def test_each_utm_parameter_once(self, items: list[tuple[str, str]], separators: list[str]) -> None:
        """Whatever the separators, one of each UTM parameter, ours, and the other parameters in order."""
        query = "".join(f"{name}={value}" + sep for (name, value), sep in zip(items, separators, strict=False))
        url = "https://news.example/a?" + query.rstrip("&;")
        found = _params(track_url(url, "x", "spring"))
        names = [urllib.parse.unquote_plus(name) for name, _ in found]
        assert [names.count(n) for n in ("utm_source", "utm_medium", "utm_campaign")] == [1, 1, 1]
        assert ("utm_source", "x") in found
        others = [
            (n, v)
            for n, v in _params(url)
            if urllib.parse.unquote_plus(n) not in {"utm_source", "utm_medium", "utm_campaign"}
        ]
        assert others == [
            (n, v) for n, v in found if urllib.parse.unquote_plus(n) not in {"utm_source", "utm_medium", "utm_campaign"}
        ]


class TestCampaignIsConfig:
    """Issue 23: a 5 MB utm-campaign is one ConfigError naming the key, not a failure of every record."""

    def test_check_campaign(self) -> None:
        assert check_campaign(None) is None
        assert "spring-2026" == check_campaign("spring-2026")
        with pytest.raises(ConfigError, match="at most 100") as info:
            check_campaign("x" * (MAX_CAMPAIGN + 1))
        assert "utm-campaign" == info.value.field
        with pytest.raises(ConfigError, match="one line"):
            check_campaign("a\nb")

    def test_rows_refuses_before_any_record(self) -> None:
        with pytest.raises(ConfigError, match="5,000,000 characters"):
            rows([EXAMPLE], [get_platform("x")], campaign="x" * 5_000_000)

    def test_compose_and_threads_refuse(self) -> None:
        article = Article(title="Kaim crossing reopens", url="https://news.example/a", summary="Trade resumes.")
        with pytest.raises(ConfigError, match="utm-campaign"):
            compose(article, "x", campaign="x" * 1000)
        with pytest.raises(ConfigError, match="utm-campaign"):
            compose_thread(article, "x", campaign="x" * 1000)

    def test_the_command_line_says_it_once(self, tmp_path: Path) -> None:
        line = one_line_error(
            run_bounded("compose", EXAMPLE, "-p", "all", "--utm-campaign", "x" * 100_000, cwd=tmp_path)
        )
        assert "utm-campaign" in line
        assert "100,000 characters" in line

    def test_in_the_configuration_file(self, tmp_path: Path) -> None:
        (tmp_path / "postkit.toml").write_text(f'utm-campaign = "{"x" * 500_000}"\n', "utf-8")
        line = one_line_error(run_bounded("compose", EXAMPLE, "-p", "x", cwd=tmp_path))
        assert "utm-campaign" in line
