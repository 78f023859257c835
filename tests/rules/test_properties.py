"""Property tests for postkit.rules.check: any text at all, never an exception, spans inside it.

The text is arbitrary: any code points (lone surrogates included), mixed with the pieces
rules look for (links, hashtags, emoji sequences, joiners and selectors out of place,
bidi controls, markup, capitals, punctuation runs, listed phrases) so that every rule's
matching code runs on hostile neighbours, not only on clean prose.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from postkit import Article, RuleSet, Severity, check, compose
from postkit.errors import PostkitError
from postkit.platforms.registry import get_platform
from postkit.rules.base import Context
from postkit.rules.registry import RULES
from strategies import ALL_PLATFORMS, titles

PIECES = (
    "https://news.example/world/kaim-crossing?utm_source=x&amp;b=1",
    "www.bbc.co.uk/news",
    "javascript:alert(1)",
    "https://u:p@news.example/",
    "ftp://a.example/x",
    "data:text/html;base64,AAAA",
    "#Iraq",
    "＃シリア",
    "#1",
    "@user@social.example",
    "👩‍👩‍👧‍👦",
    "🇮🇶",
    "1️⃣",
    "👍🏽",
    "📝🌍🔗",
    "©",
    "❤\ufe0f",
    "\u200d",
    "\ufe0f",
    "\u200c",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffd",
    "\ud800",
    "\udfff",
    "\r\n",
    "\r",
    "\x00",
    "\x85",
    "<em>",
    "</p>",
    "&amp;",
    "&#8217;",
    "&#x1F600;",
    "BREAKING",
    "NATO",
    "İSTANBUL",
    "𝐁𝐎𝐋𝐃",
    "!",
    "!!",
    "?!",
    "...",
    "…",
    ",,",
    "！",
    "You won't believe",
    "you won’t-believe",
    "Here's why",
    "7 things",
    "shocking",
    "folks",
    "gonna",
    "Read More",
    "link in bio",
    "\n",
    " ",
    "  ",
    "\t",
    "ß",
    "ﬁ",
    "日本語",
    "مرحبا",
    "שלום",
)
texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(st.characters(codec=None), max_size=8),
        st.characters(categories=["Cs"]),
        st.integers(0, 0x10FFFF).map(chr),
    ),
    max_size=40,
).map("".join)
PLATFORMS = st.sampled_from(ALL_PLATFORMS)
PROFILES = st.sampled_from(["news", "casual"])


@given(texts, PLATFORMS, PROFILES)
def test_check_never_raises_and_spans_are_inside(text, platform, tone):
    """check() returns well-formed violations for any text: known code, severity, one-line message, span inside."""
    found = check(text, platform, tone=tone)

    for v in found:
        assert v.code in RULES
        assert isinstance(v.severity, Severity)
        assert 0 <= v.start <= v.end <= len(text)
        assert v.message
        assert "\n" not in v.message
        assert "\r" not in v.message
    assert sorted(found, key=lambda v: (v.start, v.code)) == found


@given(st.text(max_size=300), PLATFORMS)
def test_plain_unicode_text(text, platform):
    """Plain Hypothesis text (any valid Unicode) checks without error on every platform."""
    for v in check(text, platform):
        assert 0 <= v.start <= v.end <= len(text)


@given(texts, PLATFORMS)
def test_selecting_one_rule_finds_what_the_catalogue_finds(text, platform):
    """Each rule finds the same alone as in the full catalogue: rules do not interfere (shared scans)."""
    everything = RuleSet().check(text, platform)
    for code in {v.code for v in everything}:
        alone = RuleSet(select=(code,)).check(text, platform)

        assert [v for v in everything if v.code == code] == alone


@given(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=30), st.integers(-5, 400))
def test_in_url_agrees_with_a_plain_scan(spans, offset):
    """The binary search over many links answers as a scan of every link does."""
    urls = tuple(sorted((start, start + size) for start, size in spans))
    ctx = Context("x" * 400, get_platform("x"))
    ctx.urls = urls  # the links a text would have
    assert ctx.in_url(offset) == any(start <= offset < end for start, end in urls)


def test_many_exclamations_find_their_words():
    """Each exclamation names the word before it, however many there are."""
    text = " ".join(f"word{i}!" for i in range(300))
    found = check(text, "mastodon", select=["PUN001"])
    assert len(found) == 299
    assert found[-1].message.startswith('"word299!" is exclamation 300')


_summary_words = st.lists(
    st.one_of(
        titles(max_words=6),
        st.sampled_from(["!", "Wow!", "?!", "LOVE", "BIG NEWS TODAY", "stunning", "absolutely", "\n", "  \n\n\n", "…"]),
    ),
    min_size=1,
    max_size=20,
).map(" ".join)


@settings(deadline=None)
@given(titles(max_words=12), _summary_words, st.sampled_from(["mastodon", "linkedin", "facebook", "telegram"]))
def test_the_quoted_summary_adds_no_teaser_finding(title, summary, platform):
    """The article's summary, quoted, adds no PUN001 or HYP001 finding, nor CAP001 for a lone word in capitals.

    Those rules judge the teaser's own words: the post with the summary gets, on its title, what
    the post without it gets (a run of words in capitals in the summary is still CAP001's).
    """
    url = "https://news.example/a"
    try:
        with_summary = compose(Article(title=title, url=url, summary=summary), platform)
        without = compose(Article(title=title, url=url), platform)
    except PostkitError:
        return
    assume(with_summary.rendering.context["title"] == without.rendering.context["title"])

    def teaser(post):
        found = check(post, select=["PUN001", "HYP001", "CAP001"])
        spans = [(v.code, post.text[v.start : v.end]) for v in found]
        return [(code, span) for code, span in spans if code != "CAP001" or " " not in span]

    assert teaser(without) == teaser(with_summary)
