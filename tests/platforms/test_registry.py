"""Tests for postkit.platforms: the shipped profiles and overrides."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from postkit.errors import ConfigError, UnknownPlatformError
from postkit.platforms.registry import (
    PLATFORM_KEYS,
    Platform,
    builtin_platforms,
    configured_platforms,
    get_platform,
    make_platform,
)

EXPECTED = {
    "x": (280, "x"),
    "bluesky": (300, "bluesky"),
    "mastodon": (500, "mastodon"),
    "threads": (500, "threads"),
    "linkedin": (3000, "utf16"),
    "facebook": (63206, "utf16"),
    "instagram": (2200, "utf16"),
    "telegram": (4096, "utf16"),
}


class TestBuiltins:
    def test_eight_platforms_with_design_limits(self):
        """The eight built-in platforms ship with their limits and counters, each its own family."""
        assert EXPECTED == {p.name: (p.limit, p.counting.name) for p in builtin_platforms().values()}
        assert all(p.name == p.family.name and p.counter is None for p in builtin_platforms().values())

    def test_every_profile_cites_a_source(self):
        """Every number we print has a source beside the data."""
        assert all(len(p.source) > 20 for p in builtin_platforms().values())

    def test_bluesky_byte_limit_and_telegram_caption(self):
        """Second limits are data too."""
        assert 3000 == get_platform("bluesky").byte_limit
        assert 1024 == get_platform("telegram").caption_limit

    def test_instagram_links_not_clickable(self):
        """Instagram captions get 'link in bio'."""
        assert not get_platform("instagram").links_clickable


class TestGetPlatform:
    def test_case_insensitive_and_twitter_alias(self):
        """Names are case-insensitive; 'twitter' is X."""
        assert "x" == get_platform(" Twitter ").name

    def test_unknown_suggests(self):
        """A typo gets a did-you-mean."""
        with pytest.raises(UnknownPlatformError, match="did you mean 'bluesky'"):
            get_platform("blusky")


class TestMakePlatform:
    def test_override_on_base(self):
        """A 1000-character Mastodon instance is an override of the base profile."""
        p = make_platform("social.example", {"base": "mastodon", "limit": 1000}, base=get_platform("mastodon"))
        assert (1000, "mastodon", 23) == (p.limit, p.family.name, p.url_length)

    @pytest.mark.parametrize(
        ("values", "key"),
        [
            ({"limt": 5}, "limt"),
            ({"limit": "500"}, "limit"),
            ({"limit": True}, "limit"),
            ({"limit": -1}, "limit"),
            ({"counter": "bytes"}, "counter"),
            ({"links": "maybe"}, "links"),
        ],
        ids=["typo", "string", "bool", "negative", "counter", "links"],
    )
    def test_bad_values_name_the_key(self, values, key):
        """Unknown keys and bad values are ConfigErrors naming the dotted key."""
        with pytest.raises(ConfigError) as info:
            make_platform("mine", values, base=get_platform("x"), where="pyproject.toml")
        assert f"platforms.mine.{key}" == info.value.field

    def test_unknown_key_lists_the_accepted_keys(self):
        """The new user's review: the error now says which keys a platform table takes (the README's table)."""
        with pytest.raises(ConfigError) as info:
            make_platform("mine", {"colour": "red"}, base=get_platform("x"))
        assert info.value.hint == f"a platform table accepts {', '.join(PLATFORM_KEYS)}"
        fields = {a.name for a in attrs.fields(Platform)} - {"name"}
        assert {"base", *fields} == set(PLATFORM_KEYS)  # every profile key, and base
        readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
        documented = set(re.findall(r"^\| `(\w+)`(?:, `(\w+)`)? \|", readme, re.MULTILINE))
        assert set(PLATFORM_KEYS) <= {key for pair in documented for key in pair if key}

    def test_a_platform_based_on_another_is_titled_by_its_name(self):
        """``base = "mastodon"`` gives Mastodon's profile, not its display name; ``title`` sets one."""
        built = configured_platforms(
            {"social-example": {"base": "mastodon"}, "ours": {"base": "x", "title": "Our X"}, "mastodon": {"limit": 9}},
            None,
        )
        assert ("social-example", "Our X", "Mastodon") == tuple(p.title for p in built.values())

    def test_new_platform_needs_limit_and_counter(self):
        """Without a base, limit is required (and a counter, for the generic family)."""
        with pytest.raises(ConfigError, match="needs 'limit'"):
            make_platform("mine", {"counter": "utf16"})
        with pytest.raises(ConfigError, match="names its counter"):
            make_platform("mine", {"limit": 5})

    def test_payload_is_now_family(self):
        """The old ``payload`` key says what it is called now (0.1.0 is unreleased: no shim)."""
        with pytest.raises(ConfigError, match="'payload' is now 'family'") as info:
            make_platform("mine", {"payload": "linkedin"}, base=get_platform("x"), where="postkit.toml")
        assert ("postkit.toml", "platforms.mine.payload") == (info.value.path, info.value.field)

    def test_unknown_family_suggests(self):
        with pytest.raises(ConfigError, match="did you mean 'mastodon'") as info:
            make_platform("mine", {"family": "mastodn"}, base=get_platform("x"))
        assert "platforms.mine.family" == info.value.field


class TestConfiguredPlatforms:
    """``[platforms.NAME]`` tables built on their bases."""

    def test_long_chain_resolves_without_recursion(self):
        """3,000 platforms each based on the one before: no RecursionError, each inherits the first's family."""
        tables = {"p0": {"base": "linkedin", "limit": 1000}}
        tables |= {f"p{i}": {"base": f"p{i - 1}"} for i in range(1, 3000)}
        built = configured_platforms(dict(reversed(list(tables.items()))), "postkit.toml")
        assert (1000, "linkedin") == (built["p2999"].limit, built["p2999"].family.name)
        assert list(reversed(list(tables))) == list(built)

    def test_own_base_is_a_cycle(self):
        """A platform that is its own base is a cycle naming the key, not an unknown platform."""
        with pytest.raises(ConfigError, match="fedi -> fedi") as info:
            configured_platforms({"fedi": {"base": "fedi", "limit": 5}}, "postkit.toml", "tool.postkit.")
        assert ("postkit.toml", "tool.postkit.platforms.fedi.base") == (info.value.path, info.value.field)

    def test_cycle_names_its_members(self):
        tables = {"a": {"base": "b"}, "b": {"base": "c"}, "c": {"base": "a"}, "d": {"base": "a"}}
        with pytest.raises(ConfigError, match="a -> b -> c -> a") as info:
            configured_platforms(tables, None)
        assert "platforms.c.base" == info.value.field

    def test_builtin_override_based_on_itself(self):
        """``[platforms.mastodon] base = "mastodon"`` starts from the built-in (not a cycle)."""
        built = configured_platforms({"mastodon": {"base": "mastodon", "limit": 1000}}, None)
        assert attrs.evolve(get_platform("mastodon"), limit=1000) == built["mastodon"]

    def test_base_on_configured_override(self):
        """A base that is configured too is the configured one, whatever the order of the tables."""
        built = configured_platforms({"fedi": {"base": "mastodon"}, "mastodon": {"limit": 1000}}, None)
        assert 1000 == built["fedi"].limit
