"""Tests for postkit.rules.clickbait: CLK001, CLK002 and CLK004-CLK006 (CLK003: test_clickscore.py)."""

from __future__ import annotations

import pytest

from postkit import check


class TestClickbait:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("You won't believe what Iraq did", ["You won't believe"]),
            ("You won’t believe what Iraq did", ["You won’t believe"]),
            ("YOU WON'T BELIEVE it", ["YOU WON'T BELIEVE"]),
            ("A mind-blowing deal and a mind blowing one", ["mind-blowing", "mind blowing"]),
            ("The shocking truth about Kaim", ["shocking truth"]),
            ("Iraq and Syria reopen the Kaim crossing", []),
            ("A must-seem odd test: mustsee", []),
        ],
        ids=[
            "phrase",
            "typographic-apostrophe",
            "capitals",
            "hyphen-or-space",
            "longest-match",
            "clean",
            "whole-words-only",
        ],
    )
    def test_phrases(self, lint, text, expected):
        """Listed phrases are found whole-word, ignoring case, apostrophe style and hyphens."""
        assert [("CLK001", "error", m) for m in expected] == lint(text, select=["CLK001"])

    def test_phrases_in_links_are_ignored(self, lint):
        """A phrase in a URL slug is the link's business, not the post's wording."""
        assert [] == lint("Kaim reopens https://news.example/you-wont-believe/guess-what", select=["CLK001"])

    def test_message(self):
        """The message quotes the phrase as written."""
        [violation] = check("Guess what: Kaim reopens", "x", select=["CLK001"])

        assert '"Guess what" is a clickbait phrase' == violation.message
        assert "say what happened instead" == violation.hint

    def test_extend_and_allow(self, lint):
        """``extend`` adds phrases, ``allow`` removes listed ones."""
        assert [("CLK001", "error", "big reveal")] == lint(
            "The big reveal at Kaim", select=["CLK001"], options={"CLK001": {"extend": ["big reveal"]}}
        )
        assert [] == lint("Guess what: Kaim reopens", select=["CLK001"], options={"CLK001": {"allow": ["guess what"]}})


class TestCuriosityGap:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("This is why the border matters", ["This is why"]),
            ("Here’s how trade will change", ["Here’s how"]),
            ("Kaim reopens. Here's why it matters", ["Here's why"]),
            ("Kaim reopens — here's what changes", ["here's what"]),
            ("Kaim reopens\nThese are the winners", ["These are the"]),
            ("Trucks queued for a week, and here's what happened", ["here's what"]),
            ("This chart will change how you see Kaim", ["This chart will"]),
            ("Kaim reopens. These trucks just crossed", ["These trucks just"]),
            ("Officials will reopen the crossing this week", []),
            ("7 things to know about Kaim", []),
        ],
        ids=[
            "this-is-why",
            "heres-how",
            "after-a-sentence",
            "after-a-dash",
            "new-line",
            "anywhere",
            "cataphora",
            "cataphora-after-a-sentence",
            "plain-this",
            "listicle-is-clk004",
        ],
    )
    def test_forward_references(self, lint, text, expected):
        """Forward references are flagged anywhere; a cataphoric "this … will" where a sentence opens."""
        assert [("CLK002", "info", m) for m in expected] == lint(text, select=["CLK002"])

    def test_links_are_ignored(self, lint):
        assert [] == lint("Kaim reopens https://news.example/heres-why/this-is-how", select=["CLK002"])


class TestListicle:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("7 things to know about Kaim", ["7 things"]),
            ("5 surprising reasons trade grows", ["5 surprising reasons"]),
            ("24 Hilarious Truckers Who Only Gamers Understand", ["24 Hilarious Truckers Who"]),
            ("Kaim reopens. 18 Adorable Dogs Who Crossed", ["18 Adorable Dogs Who"]),
            ("21 Of The Most Beautiful Crossings", ["21 Of The Most"]),
            ("12 trucks crossed at Kaim", []),
            ("12 people killed in Kaim blast", []),
            ("In 2024 things changed at Kaim", []),
            ("2024 things changed at Kaim", []),
            ("3.5 tips", []),
        ],
        ids=[
            "noun-list",
            "adjective",
            "any-plural-with-hook",
            "after-a-sentence",
            "of-the-most",
            "count-not-listicle",
            "casualties",
            "year-mid-sentence",
            "four-digits",
            "decimal",
        ],
    )
    def test_listicles(self, lint, text, expected):
        """A number, up to three words, then a listicle noun or any plural noun and a hook."""
        assert [("CLK004", "warning", m) for m in expected] == lint(text, select=["CLK004"])


class TestReaderQuestion:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Can You Guess Which Crossing Reopened?", ["Can You Guess Which Crossing Reopened?"]),
            ("How Well Do You Know Iraq", ["How Well Do You Know Iraq"]),
            ("Kaim reopens. Which trucker are you?", ["Which trucker are you?"]),
            ("Quiz: which Kaim border guard are you", ["Quiz:", "which Kaim border guard are you"]),
            ("Can Iraq and Syria keep Kaim open?", []),
            ("#Quiz Kaim reopens", []),
        ],
        ids=["can-you", "how-well", "after-a-sentence", "quiz", "question-not-to-the-reader", "hashtag"],
    )
    def test_questions(self, lint, text, expected):
        """Questions that address the reader, and quizzes, are flagged."""
        assert [("CLK005", "warning", m) for m in expected] == lint(text, select=["CLK005"])


class TestSecondPerson:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("This Kaim story will make you cry", ["make you"]),
            ("Signs you're a Kaim trucker, and things you'll miss", ["Signs you"]),
            ("You’ll never guess Kaim’s queue", ["You’ll never"]),
            ("Can you make you cry?", []),
            ("Youth groups cross at Kaim #YouWontBelieve", []),
            ("Kaim reopens https://news.example/make-you-cry", []),
            ("A year-end checklist for your investments", []),
            ("Learn Go from your browser", []),
            ("How to name your spans", []),
        ],
        ids=[
            "hook",
            "once-a-post",
            "contraction",
            "question-is-clk005",
            "not-in-words-or-tags",
            "link",
            "service-journalism",
            "tech-title",
            "instruction",
        ],
    )
    def test_second_person(self, lint, text, expected):
        """The reader addressed in a hook (data/phrases/second_person.txt), outside a question, once a post."""
        assert [("CLK006", "warning", m) for m in expected] == lint(text, select=["CLK006"])

    def test_off_in_casual(self, codes):
        """The casual tone turns the rule off (naming CLK006 in select would turn it back on)."""
        assert "CLK006" not in codes("This Kaim story will make you cry", select=["CLK"], tone="casual")
