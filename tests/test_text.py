"""Tests for postkit.text: cleaning, grapheme-safe cuts and cut positions."""

from __future__ import annotations

import html
import html.entities

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import _emoji_table, cut_points
from postkit.cut_points import (
    clause_cuts,
    cut_at,
    cut_graphemes,
    grapheme_cuts,
    sentence_cuts,
    strip_dangling,
    word_cuts,
)
from postkit.text import (
    ELLIPSIS,
    _strip_tags,
    clean_html,
    clean_inline,
    graphemes,
    normalise_selectors,
    remove_invisible,
)
from strategies import emoji_sequences, titles


class TestRemoveInvisible:
    """Tests for remove_invisible."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim\u200b crossing", "Kaim crossing"),
            ("\u202eevil\u202c", "evil"),
            ("a\u2066b\u2069c", "abc"),
            ("\ufeffBOM inside\ufeff", "BOM inside"),
            ("bell\x07 and\x85 nel", "bell and nel"),
            ("line\r\nbreak\rhere", "line\nbreak\nhere"),
            ("tab\tkept", "tab\tkept"),
        ],
        ids=["zwsp", "rlo", "isolates", "bom", "c0-c1", "crlf", "tab"],
    )
    def test_removes_controls(self, text: str, expected: str) -> None:
        """Zero-width, bidi and control characters go; \\n and \\t stay."""
        assert expected == remove_invisible(text)

    @pytest.mark.parametrize(
        "text",
        ["👨\u200d👩\u200d👧", "می\u200cخواهم", "क्\u200dष"],
        ids=["emoji-zwj", "persian-zwnj", "indic-zwj"],
    )
    def test_keeps_joiners(self, text: str) -> None:
        """ZWJ and ZWNJ are legitimate: emoji sequences and scripts need them."""
        assert text == remove_invisible(text)


class TestCleanInline:
    """Tests for clean_inline."""

    def test_one_line_nfc(self) -> None:
        """Whitespace runs collapse, text is NFC, ends are trimmed."""
        assert "Café au lait" == clean_inline("  Cafe\u0301 \n\t au\u00a0 lait \u200b ")


class TestCleanHtml:
    """Tests for clean_html."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Rotterdam&#8217;s <em>new</em> terminal", "Rotterdam’s new terminal"),
            ("Q&amp;A: trade &mdash; and tariffs", "Q&A: trade — and tariffs"),
            ("<p>One.</p><p>Two.</p>", "One. Two."),
            ("line<br>break", "line break"),
            ("x < y and y > z", "x < y and y > z"),
            ("AT&T wins", "AT&T wins"),
            ("<script>alert(1)</script>Safe", "Safe"),
            ("<style>p{color:red}</style>Text", "Text"),
            ("a &amp;amp; b", "a & b"),
            ("it&amp;#8217;s", "it’s"),
            ("bad&#0;ref &#xD800;here", "badref here"),
            ("kept &#xFFFD; replacement", "kept \ufffd replacement"),
            ("nbsp&nbsp;&nbsp;here", "nbsp here"),
            ("bidi&#8238;override", "bidioverride"),
            ("no markup at all", "no markup at all"),
        ],
        ids=[
            "numeric-entity-and-tag",
            "named-entities",
            "block-tags",
            "br",
            "comparison",
            "bare-ampersand",
            "script",
            "style",
            "double-escaped",
            "double-escaped-numeric",
            "invalid-charrefs",
            "explicit-fffd",
            "nbsp",
            "entity-bidi",
            "plain",
        ],
    )
    def test_cleans(self, text: str, expected: str) -> None:
        """Tags go, entities decode (double-escaped too), invalid references never become U+FFFD."""
        assert expected == clean_html(text)

    def test_unclosed_script_keeps_text(self) -> None:
        """An opener without a closer is only a tag: the text after it stays."""
        assert "before after" == clean_html("before <script>after")

    @pytest.mark.parametrize(
        "text",
        ["<script>" * 20_000, "<script>a</script><style>" * 5_000, "&#0;" * 20_000, "<a" * 20_000],
        ids=["unclosed-scripts", "unclosed-style", "many-bad-refs", "many-openers"],
    )
    def test_hostile_markup_is_linear(self, text: str) -> None:
        """Hostile markup finishes (it was quadratic): the result has no tag or U+FFFD left."""
        cleaned = clean_html(text)

        assert "\ufffd" not in cleaned
        assert "<script>" not in cleaned


class TestGraphemes:
    """Tests for graphemes."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("👨\u200d👩\u200d👧 é", ["👨\u200d👩\u200d👧", " ", "é"]),
            ("🇮🇶🇸🇾", ["🇮🇶", "🇸🇾"]),
            ("👍🏽!", ["👍🏽", "!"]),
            ("e\u0301\u0302x", ["e\u0301\u0302", "x"]),
            ("#\ufe0f\u20e3", ["#\ufe0f\u20e3"]),
        ],
        ids=["zwj-family", "flags", "skin-tone", "combining", "keycap"],
    )
    def test_clusters(self, text: str, expected: list[str]) -> None:
        """Extended grapheme clusters: one per user-perceived character."""
        assert expected == graphemes(text)


class TestStripDangling:
    """Tests for strip_dangling."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Kaim crossing, ", "Kaim crossing"),
            ("Kaim crossing —", "Kaim crossing"),
            ("Kaim crossing:;", "Kaim crossing"),
            ("قال مسؤولون،", "قال مسؤولون"),
            ("他说、", "他说"),
            ("(Kaim)", "(Kaim)"),
            ("»Kaim«", "»Kaim"),
            ('the "crossing"', 'the "crossing"'),
            ("Go 👍🏽!", "Go 👍🏽"),
            ("Family 👨\u200d👩\u200d👧\u200d👦", "Family 👨\u200d👩\u200d👧\u200d👦"),
            ("Flags 🇮🇶🇸🇾 ", "Flags 🇮🇶🇸🇾"),
            ("Wow‼", "Wow‼"),
            ("price $", "price"),
            ("#tag", "#tag"),
            ("", ""),
            ("!!!", ""),
        ],
        ids=[
            "comma-space",
            "dash",
            "colon-semicolon",
            "arabic-comma",
            "ideographic-comma",
            "closing-paren",
            "guillemet-open",
            "quotes",
            "skin-tone",
            "zwj-family",
            "flags",
            "emoji-punct",
            "symbol",
            "hashtag",
            "empty",
            "only-punct",
        ],
    )
    def test_strips(self, text: str, expected: str) -> None:
        """Spaces, punctuation and plain symbols go; closers, '#', '@' and emoji stay whole."""
        assert expected == strip_dangling(text)

    def test_long_punctuation_run_is_linear(self) -> None:
        """A long punctuation run before a letter is not quadratic (was: regex backtracking)."""
        text = "!" * 200_000 + "a"

        assert text == strip_dangling(text)

    @given(text=titles())
    def test_result_is_cluster_prefix(self, text: str) -> None:
        """The result is always whole clusters from the start of the text."""
        result = strip_dangling(text)

        assert graphemes(result) == graphemes(text)[: len(graphemes(result))]


class TestSentenceCuts:
    """Tests for sentence_cuts."""

    def test_after_full_stops(self) -> None:
        """Cuts follow sentence ends (closing quotes included), not the last one."""
        text = 'One. "Two!" Three? 四。Five'

        assert ["One.", 'One. "Two!"', 'One. "Two!" Three?', 'One. "Two!" Three? 四。'] == [
            text[:cut] for cut in sentence_cuts(text)
        ]

    def test_cjk_without_space(self) -> None:
        """A CJK full stop ends a sentence though no space follows (was: never a cut in CJK)."""
        text = "双方举行了会谈。交换了意见！达成共识"

        assert ["双方举行了会谈。", "双方举行了会谈。交换了意见！"] == [text[:c] for c in sentence_cuts(text)]

    def test_not_inside_urls(self) -> None:
        """A dot inside a URL is not a sentence end."""
        text = "See https://a.example/x. Then more."

        assert ["See https://a.example/x."] == [text[:c] for c in sentence_cuts(text)]


class TestClauseCuts:
    """Tests for clause_cuts."""

    def test_cjk_marks_without_space(self) -> None:
        """CJK commas end a clause with no space after them."""
        text = "双方会谈，交换了意见、达成共识"

        assert ["双方会谈", "双方会谈，交换了意见"] == [text[:c] for c in clause_cuts(text)]

    def test_at_clause_marks(self) -> None:
        """Cuts sit at commas, semicolons, colons and spaced dashes (the mark is dropped)."""
        text = "Trade rises, officials said; travel too: all — soon"

        assert [
            "Trade rises",
            "Trade rises, officials said",
            "Trade rises, officials said; travel too",
            "Trade rises, officials said; travel too: all",
        ] == [text[:c] for c in clause_cuts(text)]


class TestWordCuts:
    """Tests for word_cuts."""

    def test_before_whitespace(self) -> None:
        """One cut before each whitespace run."""
        assert [3, 7] == word_cuts("one two  three")

    def test_none_in_cjk(self) -> None:
        """CJK text without spaces has no word boundary."""
        assert [] == word_cuts("中华人民共和国国务院")


class TestGraphemeCuts:
    """Tests for grapheme_cuts."""

    @pytest.mark.parametrize(
        ("text", "protected"),
        [
            ("see https://news.example/a?b=c now", "https://news.example/a?b=c"),
            ("see news.example/path now", "news.example/path"),
            ("tag #MiddleEast now", "#MiddleEast"),
            ("hi @user@mastodon.social now", "@user@mastodon.social"),
        ],
        ids=["url", "bare-url", "hashtag", "mention"],
    )
    def test_never_inside_tokens(self, text: str, protected: str) -> None:
        """No cut falls strictly inside a URL, hashtag or mention."""
        start = text.index(protected)

        assert [] == [c for c in grapheme_cuts(text) if start < c < start + len(protected)]

    def test_between_clusters(self) -> None:
        """Cuts fall between clusters only: a family emoji is never split."""
        text = "👨\u200d👩\u200d👧\u200d👦🇮🇶e\u0301"

        assert [len("👨\u200d👩\u200d👧\u200d👦"), len("👨\u200d👩\u200d👧\u200d👦🇮🇶")] == grapheme_cuts(text)

    @pytest.mark.parametrize(
        "text",
        ["a." * 30_000, "ab." * 20_000 + " ", "a.b/ " * 20_000, "@a" * 30_000],
        ids=["dotted-run", "dotted-run-space", "many-bare-urls", "mention-run"],
    )
    def test_hostile_runs_are_linear(self, text: str) -> None:
        """Long dotted runs without a '/' finish (they were quadratic to cubic)."""
        cuts = grapheme_cuts(text)

        assert all(0 < c < len(text) for c in cuts)


@given(
    st.lists(
        st.sampled_from(["a", "b.c", " ", "/", "#", "@", "www.", "WWW.", "http://", "x.y", "é", "-", "😀"]), max_size=12
    ).map("".join)
)
def test_protected_spans_skip_is_exact(text: str) -> None:
    """Skipping the scan for texts without '/', '#', '@' or 'www.' loses no protected span."""
    assert [m.span() for m in cut_points._PROTECTED.finditer(text)] == cut_points.protected_spans(text)


class TestCutAt:
    """Tests for cut_at."""

    @pytest.mark.parametrize(
        ("text", "pos", "end", "expected"),
        [
            ("Hello, world and more", 12, ELLIPSIS, "Hello, world…"),
            ("Hello, world and more", 6, ELLIPSIS, "Hello…"),
            ("One. Two.", 4, "", "One."),
            ("Go 👍🏽 now", 6, ELLIPSIS, "Go 👍🏽…"),
            ("!!! Breaking", 3, ELLIPSIS, "!!!…"),
        ],
        ids=["after-word", "drops-comma", "sentence-keeps-stop", "keeps-emoji", "all-punctuation"],
    )
    def test_cuts(self, text: str, pos: int, end: str, expected: str) -> None:
        """Prefix, trailing spaces and punctuation dropped, then the end mark."""
        assert expected == cut_at(text, pos, end)


class TestCutGraphemes:
    """Tests for cut_graphemes (the ``shorten`` filter)."""

    def test_word_boundary(self) -> None:
        """Cuts at the last word boundary that fits, "…" included in the length."""
        assert "Iraq and Syria…" == cut_graphemes("Iraq and Syria reopen the Kaim crossing", 20)

    def test_short_text_unchanged(self) -> None:
        """Text within the length is returned as it is."""
        assert "Kaim" == cut_graphemes("Kaim", 4)

    @given(text=titles(), length=st.integers(min_value=2, max_value=80))
    def test_length_and_clusters(self, text: str, length: int) -> None:
        """At most ``length`` graphemes, whole clusters of the source before "…"."""
        result = cut_graphemes(text, length)
        head = graphemes(result.removesuffix(ELLIPSIS))

        assert len(graphemes(result)) <= max(length, 2)
        assert head == graphemes(text)[: len(head)]

    @given(
        emoji=emoji_sequences.filter(lambda e: len(graphemes(e)) == 1),
        count=st.integers(min_value=3, max_value=30),
        length=st.integers(2, 20),
    )
    def test_emoji_runs(self, emoji: str, count: int, length: int) -> None:
        """A run of emoji sequences is cut between sequences only."""
        text = emoji * count
        result = cut_graphemes(text, length).removesuffix(ELLIPSIS)

        assert result == emoji * (len(result) // len(emoji))


@pytest.mark.parametrize("token", ["https://a.example/x/", "https://a.example/(y)", "#Iraq", "@desk@news.social"])
def test_cut_at_keeps_a_token_at_the_cut_whole(token: str) -> None:
    """A cut right after a URL, hashtag or mention keeps it whole ("/" and ")" too)."""
    text = f"See {token} and more"

    assert f"See {token}…" == cut_at(text, len("See ") + len(token))


class TestCleanHtmlParser:
    """clean_html reads markup with a real parser, and decodes then strips until stable (issue 12)."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('<a title="x>y" href="z">Link</a> text', "Link text"),
            ("a <!-- c -> d --> b", "a b"),
            ("&lt;b&gt;Trade&lt;/b&gt; resumes", "Trade resumes"),
            ("&amp;lt;i&amp;gt;Kaim&amp;lt;/i&amp;gt; reopens", "Kaim reopens"),
            ("x &lt; y", "x < y"),
            ("I &lt;3 feeds", "I <3 feeds"),
            ("<p>One<br/>Two</p>", "One Two"),
            ("<![CDATA[x]]>text<?php echo 1 ?>", "text"),
        ],
        ids=[
            "quoted-gt-in-attribute",
            "comment-with-arrow",
            "escaped-markup",
            "double-escaped-markup",
            "escaped-comparison",
            "escaped-heart",
            "self-closing-br",
            "cdata-and-pi",
        ],
    )
    def test_parser_cases(self, text: str, expected: str) -> None:
        assert expected == clean_html(text)

    @given(st.text(alphabet="<>;/!-abp \"'=#x0123\n", max_size=60))
    def test_no_markup_survives(self, text: str) -> None:
        """Stable: what clean_html returns holds no markup the parser would strip."""
        once = clean_html(text)

        assert clean_inline(once) == clean_inline(_strip_tags(once))


class TestEntities:
    """Every named reference of HTML5 decodes as a browser decodes it, with or without tags around it.

    ``html.entities.html5`` is the WHATWG list (names with and without ";"), so the oracle is the
    standard library's table of the HTML Standard, not postkit's code. The bug it guards: the
    parser reported ``&rsquo;`` as ``&rsquo`` once the text held a tag, and ``html.unescape``
    decodes a name without ";" only for the HTML4 legacy names (``It&rsquos``).
    """

    NAMES = sorted(html.entities.html5)

    @pytest.mark.parametrize("wrap", ["", "<p>{}</p>", "<b>{}</b><br/>", "<p>{}<!-- c --></p>"])
    def test_every_html5_reference(self, wrap: str) -> None:
        """x&name;y cleans to x + the character(s) + y, alone and beside tags."""
        wrong = []
        for name in self.NAMES:
            text = f"x&{name}y"
            expected = clean_inline(html.unescape(text))
            source = wrap.format(text) if wrap else text
            if clean_html(source) != expected:
                wrong.append((name, clean_html(source), expected))
        assert wrong == []

    @given(st.sampled_from(NAMES), st.sampled_from(["", "s", " ", "1", ";", "<i>z</i>"]), st.booleans())
    def test_reference_then_anything(self, name: str, after: str, tagged: bool) -> None:
        """Whatever follows the reference, the result is html.unescape's (the HTML Standard's) decoding."""
        text = f"a &{name}{after}"
        source = f"<p>{text}</p>" if tagged else text
        expected = clean_html(html.unescape(text)) if "<" in after else clean_inline(html.unescape(text))
        assert clean_html(source) == expected

    def test_the_issue_example(self) -> None:
        """WordPress's typographic entities inside a paragraph (issue 20)."""
        assert clean_html("<p>It&rsquo;s a 7&ndash;4 win</p>") == "It\u2019s a 7\u20134 win"
        assert clean_html("<p>It&rsquo;s a 7&ndash;4 win, &ldquo;historic&rdquo;&hellip;</p>") == (
            "It\u2019s a 7\u20134 win, \u201chistoric\u201d\u2026"
        )
        assert clean_html("<p>&notin; &notit; &copy2024</p>") == "\u2209 \u00acit; \u00a92024"


class TestVariationSelectors:
    """Stray emoji variation selectors are dropped; those of a real variation sequence stay."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("\u2702\ufe0f\ufe0f cut", "\u2702\ufe0f cut"),
            ("a\ufe0f b", "a b"),
            ("\u231a\ufe0e", "\u231a\ufe0e"),
            ("1\ufe0f\u20e3", "1\ufe0f\u20e3"),
            ("\u2764\ufe0f\u200d\U0001f525", "\u2764\ufe0f\u200d\U0001f525"),
            ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\ufe0f\u200d\U0001f308"),
            ("\u845b\ufe00\ufe00", "\u845b\ufe00"),
            ("\ufe0fx", "x"),
        ],
        ids=["double", "no-base", "text-style", "keycap", "zwj", "flag", "cjk-run", "leading"],
    )
    def test_examples(self, text: str, expected: str) -> None:
        """Doubles go; U+FE0E/FE0F stay only after a base of emoji-variation-sequences."""
        assert clean_inline(text) == expected

    @given(st.text(alphabet=st.sampled_from(["a", " ", "\u2702", "\u231a", "1", "\ufe0e", "\ufe0f", "\u200d", "é"])))
    def test_none_left_stray(self, text: str) -> None:
        """After cleaning, no selector follows a selector, and U+FE0E/FE0F only follow a variation base."""
        bases = _emoji_table.variation_bases()
        cleaned = clean_inline(text)
        for i, char in enumerate(cleaned):
            if char in "\ufe0e\ufe0f":
                assert i > 0
                assert cleaned[i - 1] in bases

    def test_every_emoji_sequence_kept(self) -> None:
        """Every emoji sequence of the emoji package is left as it is (none of its selectors is stray)."""
        changed = [s for s in _emoji_table.table().status if normalise_selectors(s) != s]
        assert changed == []
