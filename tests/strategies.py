"""Hypothesis strategies: hostile-but-valid articles for the compose properties (issue 5).

Text mixes what breaks naive code: CJK without spaces, right-to-left scripts, emoji ZWJ
sequences, flags, skin tones, keycaps, combining marks, very long words, URLs (with
queries, IDN hosts, fragments), hashtags and mentions, HTML entities and punctuation runs.

Sources never contain broken text (U+FFFD, lone surrogates, a ZWJ or variation selector
outside an emoji sequence): the integrity property is that compose does not *introduce*
any, and that needs inputs free of them.
"""

from __future__ import annotations

import emoji
from hypothesis import assume
from hypothesis import strategies as st

from postkit.article import Article
from postkit.errors import RecordError
from postkit.platforms.registry import Platform, builtin_platforms, get_platform, make_platform
from postkit.text import clean_html

__all__ = [
    "ALL_PLATFORMS",
    "BROKEN_MARKS",
    "CLICKABLE",
    "EMOJI_PIECES",
    "EMOJI_SEQUENCES",
    "FAMILY",
    "LANGUAGES",
    "SEED_TITLE",
    "SEED_URL",
    "TECHNOLOGIST",
    "TEXT_PIECES",
    "articles",
    "emoji_sequences",
    "emoji_titles",
    "glued_emoji",
    "post_texts",
    "tiny_platform",
    "titles",
    "urls",
    "words",
]

FAMILY = "👩\u200d👩\u200d👧\u200d👦"
TECHNOLOGIST = "🧑\u200d💻"  # Emoji 12.1: newer than twemoji-parser 11.0.2's data

# Pieces of post-like text: ASCII, CJK, Arabic, Devanagari, emoji of every shape
# (ZWJ, skin tones, flags, keycaps, text-style, Emoji 12.1+), URLs with and without
# scheme, punctuation, whitespace and the marks that make NFC and URL rules bite.
TEXT_PIECES = (
    "Kaim",
    "crossing",
    "reopens",
    " ",
    " ",
    "\n",
    ".",
    ",",
    "!",
    "?",
    ":",
    "-",
    "'",
    '"',
    "“",
    "”",
    "–",
    "…",
    "日本語",
    "中文",
    "한국어",
    "العراق",
    "नमस्ते",
    "e\u0301",
    "Å",
    "😀",
    "📝",
    "🌍",
    "🔗",
    "👍🏽",
    FAMILY,
    TECHNOLOGIST,
    "❤️",
    "❤️\u200d🔥",
    "🇮🇶",
    "🇸🇾",
    "🇺",
    "1️⃣",
    "#⃣",
    "©",
    "™",
    "☺",
    "\u200d",
    "\ufe0f",
    "🏻",
    "https://news.example.com/world/kaim-crossing?utm_source=x&utm_medium=social",
    "http://bbc.co.uk/news",
    "bbc.co.uk",
    "example.com/a/b",
    "news.example",
    "t.co/abc",
    "https://t.co/AbC123/x",
    "www.",
    ".com",
    "https://例え.jp/パス",
    "@",
    "#",
    "$",
)
post_texts = st.lists(st.sampled_from(TEXT_PIECES), max_size=30).map("".join)
EMOJI_SEQUENCES = sorted(emoji.EMOJI_DATA)
# Every character of those sequences, and joiners, marks, keycap bases, tags and letters.
EMOJI_PIECES = sorted({*"".join(EMOJI_SEQUENCES), "\u200d", "\ufe0f", "\u20e3", "#", "1", "a", " ", "\U000e0067"})
#: Emoji sequences and their pieces glued together.
glued_emoji = st.lists(st.one_of(st.sampled_from(EMOJI_SEQUENCES), st.sampled_from(EMOJI_PIECES)), max_size=8).map(
    "".join
)


SEED_TITLE = "Iraq and Syria Cross Borders: Boosting Ties through Reopened Kaim Crossing"
SEED_URL = "https://news.example/world/kaim-crossing"
#: The eight built-in platforms, and those where a link is clickable (all but Instagram).
ALL_PLATFORMS = tuple(p.name for p in builtin_platforms().values())
CLICKABLE = tuple(p.name for p in builtin_platforms().values() if p.links_clickable)


def tiny_platform(limit: int, base: str = "mastodon", name: str = "tiny") -> Platform:
    """A custom platform with a small limit, counting like ``base``."""
    return make_platform(name, {"limit": limit}, base=get_platform(base))


# Variation selectors, ZWJ and U+FFFD appear only inside the emoji sequences below.
BROKEN_MARKS = "\ufffd\u200d\ufe0e\ufe0f"
_EXCLUDED = BROKEN_MARKS + "".join(chr(c) for c in range(0xFE00, 0xFE10))

#: Languages with a CTA, regional variants that fall back, and unknown ones.
LANGUAGES = ("en", "de", "fr", "es", "ar", "ja", "zh", "uk", "he", "fa", "pt-BR", "en-GB", "xx", "sr-Latn")

_ANY_CHAR = st.characters(
    exclude_categories=("Cs", "Co", "Cn"),
    exclude_characters=_EXCLUDED,
    max_codepoint=0x1FFFF,
)

emoji_sequences = st.sampled_from(
    [
        "👨\u200d👩\u200d👧\u200d👦",  # family, ZWJ
        "👩🏽\u200d💻",  # skin tone + ZWJ
        "🏃\u200d♀\ufe0f",  # ZWJ + gender + VS16
        "👍🏿",  # skin tone
        "🇮🇶",
        "🇸🇾",
        "🇺🇦",  # flags (regional indicator pairs)
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England (tag sequence)
        "#\ufe0f\u20e3",
        "1\ufe0f\u20e3",  # keycaps
        "❤\ufe0f",
        "☀\ufe0f",
        "‼\ufe0f",  # text-default emoji with VS16
        "📝🌍🔗",
        "🧑\u200d🤝\u200d🧑",
        "🫠",
        "🐦\u200d🔥",
    ]
)

_cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=40)
_kana = st.text(st.characters(min_codepoint=0x3041, max_codepoint=0x30FF), min_size=1, max_size=20)
_arabic = st.text(st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=12)
_hebrew = st.text(st.characters(min_codepoint=0x05D0, max_codepoint=0x05EA), min_size=1, max_size=12)
_latin = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzÄÖÜäöüßéèçñ"), min_size=1, max_size=12)
_combining = st.builds(
    "".join,
    st.lists(
        st.tuples(
            st.sampled_from("aeiouxnAEIOU"),
            st.text(st.characters(min_codepoint=0x0300, max_codepoint=0x036F), min_size=1, max_size=4),
        ).map("".join),
        min_size=1,
        max_size=6,
    ),
)
_devanagari = st.sampled_from(["क्षत्रिय", "नमस्ते", "हिन्दी", "क्‍ष"])  # the last has an Indic ZWJ
_long_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=40, max_size=400)
_punctuated = st.tuples(
    _latin,
    st.sampled_from([",", ";", ":", ".", "!", "?", "…", "—", "،", "、", "。", "!!", "?!", "...", ")", "»", '"', "'"]),
).map("".join)
_hashtag = _latin.map(lambda w: "#" + w)
_mention = st.tuples(_latin, _latin).map(lambda p: f"@{p[0]}@{p[1]}.social")
_entity = st.sampled_from(["&amp;", "&#8217;", "&quot;", "&lt;3", "<em>", "</em>", "<b>bold</b>", "&nbsp;", "AT&T"])
_generic = st.text(_ANY_CHAR, min_size=1, max_size=15)

_tld = st.sampled_from(["com", "org", "example", "co.uk", "de", "news", "xn--p1ai", "рф", "中国"])
_label = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=12),
    st.sampled_from(["bücher", "münchen", "例え", "пример", "مثال", "xn--bcher-kva"]),
)
_path_segment = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.~%()äé"), min_size=1, max_size=20)
_query_item = st.one_of(
    st.tuples(
        st.sampled_from(
            [
                "id",
                "q",
                "page",
                "ref",
                "Utm_Source",
                "utm_source",
                "utm_medium",
                "utm_campaign",
                "utm%5Fsource",
                "a+b",
                "ä",
            ]
        ),
        st.text(st.sampled_from("abcXYZ019-_.%+äü/?:@"), max_size=10),
    ).map("=".join),
    st.sampled_from(["flag", "", "x=", "=y"]),
)


@st.composite
def urls(draw: st.DrawFn) -> str:
    """An http(s) URL Article accepts: IDN or ASCII host, path, query (utm_* too), fragment."""
    scheme = draw(st.sampled_from(["https", "http"]))
    host = ".".join(draw(st.lists(_label, min_size=1, max_size=3))) + "." + draw(_tld)
    port = draw(st.sampled_from(["", "", "", ":8080"]))
    path = "/" + "/".join(draw(st.lists(_path_segment, max_size=5)))
    query = ""
    if draw(st.booleans()):
        query = "?" + "&".join(draw(st.lists(_query_item, min_size=1, max_size=5)))
    fragment = "#" + draw(st.text(st.sampled_from("abc-_/?=&"), max_size=10)) if draw(st.booleans()) else ""
    return f"{scheme}://{host}{port}{path}{query}{fragment}"


words = st.one_of(
    _latin,
    _latin,
    _latin,
    emoji_sequences,
    emoji_sequences,
    _cjk,
    _kana,
    _arabic,
    _hebrew,
    _combining,
    _devanagari,
    emoji_sequences,
    _long_word,
    _punctuated,
    _hashtag,
    _mention,
    _entity,
    _generic,
    urls(),
)

_separator = st.sampled_from([" ", " ", " ", " ", "", "  ", "\u3000", "\u00a0", "\t"])


@st.composite
def titles(draw: st.DrawFn, max_words: int = 30) -> str:
    """A title or summary: words joined by spaces (sometimes by nothing, as in CJK)."""
    parts = draw(st.lists(words, min_size=1, max_size=max_words))
    return "".join(part + draw(_separator) for part in parts).strip() or "x"


@st.composite
def emoji_titles(draw: st.DrawFn) -> str:
    """A title of short words and emoji sequences (where a careless cut tears a sequence)."""
    parts = draw(st.lists(st.one_of(_latin, emoji_sequences, _cjk.map(lambda s: s[:3])), min_size=10, max_size=40))
    return " ".join(parts)


_tags = st.lists(
    st.one_of(
        _latin,
        st.tuples(_latin, _latin).map(" ".join),
        _arabic,
        _cjk,
        st.sampled_from(
            ["Middle East", "COVID-19", "Nahost-Konflikt", "2025", "middle east", "Ελλάδα", "kaim crossing"]
        ),
    ),
    max_size=8,
)
_topics = st.lists(
    st.sampled_from(["world", "Sport", "science", "tech", "unknown-topic", "Middle East", "AI"]), max_size=3
)
_social = st.one_of(
    st.none(),
    st.sampled_from(
        ["📝🌍🔗 Read More", "🏃\u200d♀\ufe0f🏅 Full results", ":memo::link: Weiterlesen:", "Read on", "🔗"]
    ),
)


@st.composite
def articles(draw: st.DrawFn, *, max_words: int = 30) -> Article:
    """An Article built from hostile-but-valid fields (records Article rejects are skipped)."""
    values = {
        "title": draw(titles(max_words)),
        "url": draw(urls()),
        "summary": draw(st.one_of(st.none(), titles(max_words * 2))),
        "social": draw(_social),
        "tags": draw(_tags),
        "topics": draw(_topics),
        "language": draw(st.sampled_from(LANGUAGES)),
    }
    try:
        article = Article(**values)
    except RecordError:
        assume(False)
        raise  # unreachable: assume(False) stops the example
    # A title that is only markup is a record error at compose time (tested in test_compose).
    assume(clean_html(article.title))
    return article
