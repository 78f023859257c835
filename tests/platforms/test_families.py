"""Tests for postkit.platforms.families and family: one object per family, one registry of names."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import _data
from postkit.article import Article
from postkit.errors import ConfigError
from postkit.platforms import families
from postkit.platforms.counting import measurements
from postkit.platforms.families import COUNTERS, FAMILIES, THREAD_FAMILIES, counters_for, get_counter, get_family
from postkit.platforms.family import Family
from postkit.platforms.links import find_links
from postkit.platforms.registry import builtin_platforms, get_platform, make_platform
from postkit.posts.composer import compose
from strategies import SEED_TITLE, SEED_URL

ROOT = Path(__file__).resolve().parents[2]
# The module each family's object lives in (the generic "text" family shares generic.py with the generic counters).
# The module of each family: its name, but "text" is generic.py and "mastodon" mastodon_api.py (not
# mastodon.py, the import name of the Mastodon.py SDK).
MODULES = {**{name: name for name in FAMILIES}, "text": "generic", "mastodon": "mastodon_api"}


class TestRegistry:
    """The registry is the one list of family and counter names."""

    def test_each_family_lives_in_its_module(self) -> None:
        """FAMILIES holds each family module's FAMILY, under the name it gives itself."""
        for name, family in FAMILIES.items():
            module = importlib.import_module(f"postkit.platforms.{MODULES[name]}")
            assert (name, family) == (module.FAMILY.name, module.FAMILY)

    def test_the_families(self) -> None:
        """Eight app families and the generic one; the built-in profiles name theirs."""
        expected = ("x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram", "telegram", "text")
        assert expected == tuple(FAMILIES)
        assert [p.name for p in builtin_platforms().values()] == [p.family.name for p in builtin_platforms().values()]

    def test_every_counter_a_profile_may_name_exists(self) -> None:
        """Each family's counter names resolve and count; the set is the one the docs list."""
        assert ("x", "bluesky", "mastodon", "threads", "utf16", "graphemes", "codepoints") == tuple(COUNTERS)
        for family in FAMILIES.values():
            for name in counters_for(family):
                platform = make_platform(
                    "mine", {"limit": 10, "family": family.name, "counter": name, "url_length": 23}
                )
                assert name == platform.counting.name == get_counter(name, family).name
                assert measurements("Kaim 🌍 https://example.com/a", platform)[0].value > 0

    def test_threads_are_the_families_with_replies(self) -> None:
        """THREAD_FAMILIES is derived: the families whose APIs chain replies."""
        assert ("x", "bluesky", "mastodon", "threads") == THREAD_FAMILIES
        assert all(FAMILIES[name].reply_fields is not None for name in THREAD_FAMILIES)

    def test_the_data_file_lists_the_registrys_names(self) -> None:
        """data/platforms.toml's key notes name every family and every counter (the docs follow the registry)."""
        header = (ROOT / "src/postkit/data/platforms.toml").read_text(encoding="utf-8").split("\n[", 1)[0]
        notes = " ".join(line.lstrip("# ").strip() for line in header.splitlines())
        family_note = notes.split(" family ", 1)[1].split(" counter ", 1)[0]
        counter_note = notes.split(" counter ", 1)[1].split(" unit ", 1)[0]
        assert list(FAMILIES) == [name for name in re.findall(r"\b[a-z0-9]+\b", family_note) if name in FAMILIES]
        assert set(COUNTERS) == {name for name in re.findall(r"\b[a-z0-9]+\b", counter_note) if name in COUNTERS}

    def test_the_architecture_page_names_every_family_module(self) -> None:
        """docs/architecture.md's module map names each family's module."""
        page = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
        assert [] == [f"{m}.py" for m in MODULES.values() if f"{m}.py" not in page]


class TestGetFamily:
    def test_by_name_or_object(self) -> None:
        family = get_family("mastodon")
        assert family is get_family(family)

    def test_unknown_suggests(self) -> None:
        """An unknown family is a ConfigError naming the field, with a did-you-mean and the list."""
        with pytest.raises(ConfigError, match="did you mean 'bluesky'") as info:
            get_family("blusky")
        assert "family" == info.value.field
        assert ", ".join(FAMILIES) in info.value.message


class TestCounterOverride:
    """``counter`` names a counting scheme instead of the family's own."""

    def test_generic_counter_on_any_family(self) -> None:
        """A LinkedIn-family platform may count graphemes: LinkedIn's payload, another count."""
        platform = make_platform("intranet", {"counter": "graphemes", "limit": 100}, base=get_platform("linkedin"))
        assert ("linkedin", "graphemes", 1) == (
            platform.family.name,
            platform.counting.name,
            measurements("é", platform)[0].value,
        )

    def test_another_familys_counter_is_refused(self) -> None:
        """X's counter goes with X's link grammar: it says which family to name."""
        with pytest.raises(ConfigError, match="set family = 'x'") as info:
            make_platform("mine", {"limit": 100, "counter": "x"})
        assert "platforms.mine.counter" == info.value.field

    def test_text_family_needs_a_counter(self) -> None:
        """A platform postkit knows nothing about names how it counts."""
        with pytest.raises(ConfigError, match="utf16, graphemes, codepoints") as info:
            make_platform("mine", {"limit": 100})
        assert "platforms.mine.counter" == info.value.field

    def test_family_without_base(self) -> None:
        """``family = "mastodon"`` alone gives Mastodon's counting, links and payload."""
        platform = make_platform("fedi", {"limit": 1000, "family": "mastodon", "url_length": 23})
        assert (23, 1000) == (measurements("https://example.com/" + "a" * 50, platform)[0].value, platform.limit)
        assert "status" in compose(Article(title=SEED_TITLE, url=SEED_URL), platform).payload()

    def test_to_dict_names_family_and_counter(self) -> None:
        """The profile as JSON (``postkit platforms --format json``): the family by name, the counter in use."""
        data = get_platform("linkedin").to_dict()
        assert ("linkedin", "utf16") == (data["family"], data["counter"])
        json.dumps(data)


class TestFamilyObjects:
    def test_preview_styles_have_a_card_style_and_handle(self) -> None:
        """Each preview style is a CSS class of the page and (but generic) has a placeholder handle."""
        page = (ROOT / "src/postkit/templates/preview/page.html.j2").read_text(encoding="utf-8")
        handles = _data.table("preview.toml")["handles"]
        for family in FAMILIES.values():
            assert f".card-{family.preview_style} " in page
            assert family.preview_style == "generic" or family.preview_style in handles

    def test_only_link_card_families_have_card_images(self) -> None:
        """A post names a card image only where its family embeds a link card (Bluesky)."""
        article = Article(title=SEED_TITLE, url=SEED_URL, image="https://news.example/i.jpg")
        for platform in builtin_platforms().values():
            post = compose(article, platform)
            assert (post.card_image is not None) == (platform.family.link_card is not None)
        assert ["bluesky"] == [name for name, family in FAMILIES.items() if family.link_card is not None]

    def test_sender_slot(self) -> None:
        """Bluesky, Mastodon, X and Telegram send (a Connector each, in a private module beside the family's);
        a sender is a dotted path, imported only when asked for."""
        from postkit.platforms.sending import Connector  # noqa: PLC0415

        senders = {name for name, family in FAMILIES.items() if family.sender is not None}
        assert {"bluesky", "mastodon", "x", "telegram"} == senders
        for name in senders:
            connector = FAMILIES[name].load_sender()
            assert isinstance(connector, Connector)
            assert (name, f"postkit.platforms._{name}_send:SENDER") == (connector.family, FAMILIES[name].sender)
        assert all(FAMILIES[name].load_sender() is None for name in set(FAMILIES) - senders)
        family = attrs.evolve(FAMILIES["x"], sender="json:dumps")
        assert json.dumps is family.load_sender()
        with pytest.raises(TypeError, match="not callable"):
            attrs.evolve(FAMILIES["x"], sender="json:__name__").load_sender()

    def test_family_is_frozen(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            FAMILIES["x"].name = "y"  # type: ignore[misc]

    def test_repr_is_short(self) -> None:
        assert "family='x'" in repr(get_platform("x"))
        assert repr(FAMILIES["x"]).startswith("Family(name='x'")


# A configured platform derived from a built-in behaves as that built-in, whatever the text.
PIECES = (
    "Kaim ",
    "日本語",
    "👩\u200d👩\u200d👧\u200d👦",
    "https://news.example.com/world/kaim-crossing?utm=x",
    "example.com/a",
    " #Tag",
    "@desk@news.social",
    "\r\n",
    ".",
    "(",
    ")",
)


@given(st.sampled_from(sorted(builtin_platforms())), st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_derived_platform_behaves_as_its_base(name: str, text: str) -> None:
    """Counting, links and payloads follow the family the base passes on, not the name."""
    base = get_platform(name)
    derived = make_platform("derived", {"limit": 10_000}, base=base)
    assert base.family is derived.family
    assert [m.value for m in measurements(text, base)] == [m.value for m in measurements(text, derived)]
    assert find_links(text, base) == find_links(text, derived)


def test_families_module_lists_no_names_of_its_own() -> None:
    """The registry derives THREAD_FAMILIES and COUNTERS from the family objects (no second list)."""
    source = Path(families.__file__).read_text(encoding="utf-8")
    assert '"threads"' not in source
    assert '"utf16"' not in source
    assert isinstance(FAMILIES["text"], Family)
