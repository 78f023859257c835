"""Tests for postkit.rules.caps: CAP001 (words in capitals)."""

from __future__ import annotations

import pytest

from postkit import Article, check, compose


class TestShouting:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim crossing reopens: trucks have LANDED", ["LANDED"]),
            ("Kaim crossing reopens, DON'T miss it", ["DON'T"]),
            ("ÜBERRASCHUNG in Kaim", ["ÜBERRASCHUNG"]),
            ("𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 news from Kaim", ["𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆"]),
            ("Kaim reopens, BIG NEWS", ["NEWS"]),
            ("Kaim is SOOOO open", ["SOOOO"]),
            ("Trucks cross. UN-RESIGN talk at Kaim", ["UN-RESIGN"]),
            ("YOU WON'T BELIEVE THIS KAIM STORY", ["WON'T BELIEVE THIS KAIM STORY"]),
        ],
        ids=["word", "apostrophe", "umlaut", "math-bold", "three-letters-pass", "held-letter", "hyphen", "one-shout"],
    )
    def test_capitals_flagged(self, lint, text, expected):
        """Words of four or more capitals are flagged, in any script with case."""
        assert [("CAP001", "warning", w) for w in expected] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        "text",
        [
            "NATO and UEFA meet in Kaim",
            "COVID-19 rules end at Kaim",
            "UN and EU observers",
            "Louis XVIII and Kaim",
            "Read #BREAKING on https://news.example/NEWS/KAIM",
            "Kaim crossing reopens",
            "Nato and Nasa",
            "BCCI, AIIMS and ISRO meet at Kaim",
            "ROMED8-2T and NBA2K at Kaim",
            "AFL-CIO and IIT-M at Kaim",
            "Navy SEALS and VLANS at Kaim",
            "Make TYPE_CHECKING and RECORD.jws work",
            "Kaim trucks [VIDEO] and (PHOTOS)",
        ],
        ids=[
            "acronyms",
            "covid-19",
            "short",
            "roman-numeral",
            "hashtag-and-url",
            "sentence-case",
            "bbc-style",
            "not-english-words",
            "product-codes",
            "hyphenated-acronyms",
            "plurals",
            "identifier-and-file",
            "bracketed-tags",
        ],
    )
    def test_allowed(self, lint, text):
        """Acronyms of data/phrases/acronyms.txt, short words, numerals, hashtags and links pass."""
        assert [] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        "text",
        [
            "NEW YORK (Reuters) - Stocks rise at Kaim",
            "ATHENS — Greek PM visits Kaim",
            "WASHINGTON, D.C. — Senate votes",
            "Kaim reopens\nBAGHDAD (AFP) -- Trucks cross",
            "NTSB and HDTV at Kaim",
            "FEMA, NCAA and HSBC at Kaim",
            "TENS Plus PT Helps Reduce Fibromyalgia Pain, Fatigue",
            "TRIM DC600M",
            "Prieskum: Voľby by v januári vyhrala strana Hlas-SD, druhé je OĽANO",
        ],
        ids=[
            "dateline-agency",
            "dateline-dash",
            "dateline-state",
            "dateline-second-line",
            "no-vowels",
            "listed",
            "listed-english-word",
            "listed-command",
            "listed-outside-basic-latin",
        ],
    )
    def test_acronym_evidence(self, lint, text):
        """Wire datelines, words with no vowel to say and the shipped list are not shouting."""
        assert [] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        "text",
        [
            "BREAKING: Kaim crossing reopens",
            "BREAKING — Kaim reopens",
            "UPDATE 2-Kaim crossing reopens",
            "GLOBAL MARKETS-Stocks rise as Kaim reopens",
            "WATCH LIVE: trucks cross at Kaim",
            "ICYMI: Kaim reopened",
            "EXCLUSIVE - Kaim's guards speak",
            "TIMES VIEW: Kaim should stay open",
            "SACRED SPACE\nPeace at Kaim",
        ],
        ids=[
            "breaking",
            "breaking-dash",
            "update-n",
            "global-markets",
            "watch-live",
            "icymi",
            "exclusive",
            "kicker",
            "kicker-line",
        ],
    )
    def test_labels_where_a_line_opens(self, lint, text):
        """Wire slugs and section kickers where a line opens are labels, not shouting."""
        assert [] == lint(text, select=["CAP001"])

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim reopens — BREAKING news", ["BREAKING"]),
            ("Kaim reopens — ANGRY crowd cheers", ["ANGRY"]),
            ("TRUCKS ROLL AT KAIM AFTER A WEEK: what now", ["TRUCKS ROLL AT KAIM AFTER A WEEK"]),
        ],
        ids=["mid-line", "dateline-only-where-a-line-opens", "more-than-four-words"],
    )
    def test_not_labels(self, lint, text, expected):
        """Capitals mid-line, and a run longer than a label, are flagged."""
        assert [("CAP001", "warning", w) for w in expected] == lint(text, select=["CAP001"])

    def test_a_run_of_shouted_words_is_one_finding(self, lint):
        """Words in a row with no lowercase letter between them are one shout; words apart are two."""
        # "BIG" has three letters: below min_length, it does not start the run
        assert [("CAP001", "warning", "NEWS FROM KAIM TODAY")] == lint("BIG NEWS FROM KAIM TODAY", select=["CAP001"])
        assert ["TOFU", "CHICKEN"] == [s for _, _, s in lint("his TOFU and the CHICKEN", select=["CAP001"])]

    def test_acronyms_option(self, lint):
        """The ``acronyms`` option allows a newsroom's own acronyms."""
        text = "CARE workers reach Kaim"

        assert ["CAP001"] == [c for c, _, _ in lint(text, select=["CAP001"])]
        assert [] == lint(text, select=["CAP001"], options={"CAP001": {"acronyms": ["CARE"]}})

    def test_min_length_option(self, lint):
        """``min_length`` sets the shortest word flagged."""
        assert [("CAP001", "warning", "BIG")] == lint(
            "BIG day", select=["CAP001"], options={"CAP001": {"min_length": 3}}
        )

    def test_casual_profile_is_looser(self, lint):
        """The casual profile flags capitals from six letters."""
        assert [] == lint("HUGE day at Kaim", select=["CAP001"], tone="casual")
        assert [("CAP001", "warning", "AMAZING")] == lint("AMAZING day", select=["CAP001"], tone="casual")


class TestTheQuotedSummary:
    """A composed post's summary is the article's prose, quoted: a lone word in capitals there is emphasis."""

    def _found(self, title, summary, platform="mastodon"):
        post = compose(Article(title=title, url="https://news.example/a", summary=summary), platform)
        return [post.text[v.start : v.end] for v in check(post, select=["CAP001"])]

    def test_emphasis_in_the_summary_passes(self):
        """One word in capitals in the article's running prose is the prose's emphasis, as italics would be."""
        assert [] == self._found("Kaim crossing reopens", "Our kittens LOVE the new crossing. Trucks roll.")

    def test_a_run_in_the_summary_is_shouting(self):
        """Words in capitals in a row are shouting wherever they stand."""
        summary = "WINTER WEATHER ADVISORY IN EFFECT FROM 7 PM. Snow expected at Kaim."
        assert ["WINTER WEATHER ADVISORY IN EFFECT FROM"] == self._found("Kaim crossing reopens", summary)

    def test_the_headline_is_judged_as_a_headline(self):
        """In the teaser's own headline one shouted word is one too many."""
        assert ["LOVE"] == self._found("Truckers LOVE the Kaim crossing", "It reopened on Monday.")

    def test_the_same_text_checked_as_plain_text_is_all_the_writers(self, lint):
        """As plain text nothing is known to be quoted: the lone word is flagged."""
        text = "Kaim crossing reopens\n\nOur kittens LOVE the new crossing. Trucks roll."
        assert [("CAP001", "warning", "LOVE")] == lint(text, select=["CAP001"])
