"""The seed article (examples/kaim-crossing.txt) against the news and casual tone profiles.

DESIGN.md and issue 4: the seed's body, linted with the news profile, flags its casual
"folks" and its second "!"; its own blurb "📝🌍🔗 Read More" passes the tone rules.

The seed is not read from ../shared (tests run without it): its body is copied below,
verbatim, from shared/seeds/000_c1dd05877604f2e3.txt (the five paragraphs from "First
things first" to "👀💭👀"); its title and blurb line are the two lines before them.
"""

from __future__ import annotations

import pytest

from postkit import RuleSet, check
from postkit.platforms.registry import builtin_platforms

SEED_TITLE = "Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing"
SEED_BLURB = "📝🌍🔗 Read More"
SEED_LINK = "https://news.example/world/kaim-crossing"
SEED_BODY = """\
First things first, the Kaim border crossing between Iraq and Syria is back open for business, folks! That's right, after months of closure, trucks and civilians can now breeze through without a care. A representative from the Iraqi border authority confirmed the opening on Saturday, calling it a major stride in normalizing relations between the two war-torn nations.

Syria's Foreign Minister, Asaad al-Schibani, visited Baghdad a few months back and urged Iraq to resume trade across the border. This move is seen as a warm-up to Syria's new leadership under President Ahmed al-Sharaa who is keen on reconnecting with regional neighbors. Iraqi officials have reported a surge in cooperation on border security and trade facilitation since al-Sharaa took office.

This gesture is more than just a friendly wave, it's a clear signal of thawing relations. Experts predict that the reopened border will pave the way for increased trade between the two countries. Leaders from both countries have emphasized the importance of economic cooperation in strengthening their relationship.

On a broader scale, the move supports Iraq's goals of reintegrating Syria into regional markets and aid in reconstruction efforts. But it's not all smooth sailing. Tensions between Syria and Iraq's ally, Iran, persist. Iran is concern about regional instability due to the Syrian government and is cautious about its own strategic interests. This means that while progress is being made at the bilateral level, Iraqi policy will continue to be influenced by the need to balance its relationships with Iran and other regional powers.

Keeping an ear to the ground, it seems the heartwarming reunion of Iraq and Syria is just the beginning of a bigger dance in the region. Let's keep our eyes peeled for more news on these burgeoning ties! 👀💭👀"""

ALL = tuple(p.name for p in builtin_platforms().values())
TONE = ("CAP", "PUN", "EMO", "CLK", "HYP", "CAS")


def _bangs(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if char == "!"]


class TestSeedBody:
    """The body is chatty: the news profile notices, the casual one lets it pass."""

    def test_copy_is_the_seed(self):
        """The copy has the seed's five paragraphs, its two exclamations and its closing emoji."""
        assert 5 == len(SEED_BODY.split("\n\n"))
        assert 2 == len(_bangs(SEED_BODY))
        assert SEED_BODY.endswith("these burgeoning ties! 👀💭👀")

    @pytest.mark.parametrize("platform", ALL, ids=ALL)
    def test_news_flags_folks(self, lint, platform):
        """CAS001 flags "folks" (in "back open for business, folks!")."""
        found = lint(SEED_BODY, platform)

        assert ("CAS001", "info", "folks") in found

    @pytest.mark.parametrize("platform", ALL, ids=ALL)
    def test_news_flags_the_second_exclamation_only(self, platform):
        """PUN001 flags exactly the second "!" ("these burgeoning ties!"), not the first."""
        second = _bangs(SEED_BODY)[1]

        found = [(v.start, v.end) for v in check(SEED_BODY, platform) if v.code == "PUN001"]

        assert [(second, second + 1)] == found

    def test_news_message_quotes_the_exclamation(self):
        """The PUN001 message quotes the words before the mark and names the profile's allowance."""
        [violation] = check(SEED_BODY, "mastodon", select=["PUN001"])

        assert '"ties!" is exclamation 2; the news tone allows 1' == violation.message

    def test_news_keeps_the_trio(self, lint):
        """The closing 👀💭👀 are three emoji: within the news profile's three."""
        assert [] == lint(SEED_BODY, "facebook", select=["EMO001"])

    def test_casual_lets_it_pass(self, lint):
        """The casual profile turns CAS001 off and allows three exclamations."""
        found = lint(SEED_BODY, "facebook", tone="casual")

        assert [] == [f for f in found if f[0] in {"CAS001", "PUN001"}]


class TestSeedBlurb:
    """The seed's own blurb line is the house style: it must pass the tone rules."""

    @pytest.mark.parametrize("platform", ALL, ids=ALL)
    def test_blurb_alone_passes_tone_rules(self, lint, platform):
        """ "📝🌍🔗 Read More" alone raises no EMO001, PUN, CAS or CLK finding (only its missing link)."""
        found = lint(SEED_BLURB, platform)

        assert [] == [f for f in found if f[0].startswith(TONE)]
        assert {"STR001"} >= {f[0] for f in found}

    @pytest.mark.parametrize("platform", [p for p in ALL if p != "instagram"])
    def test_title_blurb_and_link_pass_everything(self, lint, platform):
        """The seed's teaser (title, blurb, link) passes the whole catalogue where links are clickable."""
        assert [] == lint(f"{SEED_TITLE}\n\n{SEED_BLURB}: {SEED_LINK}", platform)

    def test_a_fourth_emoji_is_emo001(self, lint):
        """News allows the trio; a fourth emoji is EMO001, spanning the extra one; casual allows it."""
        text = f"{SEED_TITLE}\n\n📝🌍🔗🎉 Read More: {SEED_LINK}"

        assert [("EMO001", "warning", "🎉")] == lint(text, select=["EMO001"])
        assert [] == lint(text, select=["EMO001"], tone="casual")
        assert [] == RuleSet(select=("EMO001",)).check(f"{SEED_TITLE}\n\n{SEED_BLURB}: {SEED_LINK}", "x")
