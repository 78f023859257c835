"""Every fast path answers as its plain reference does: the one walk over postkit._fastpaths.

Each row of ``FAST_PATHS`` names the inputs to feed it; this file holds those inputs, as
Hypothesis strategies (hostile text of the kind each trick could get wrong) and, where a
corpus says more than random text, a list of examples checked one by one.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postkit import _data
from postkit._fastpaths import DISTRIBUTIONS, EVERY_CODE_POINT, FAST_PATHS, FastPath
from strategies import ALL_PLATFORMS, TEXT_PIECES, glued_emoji, post_texts

_GRAPHEME_SENSITIVE = ["\r", "\u1100", "\u1161", "\u11a8", "\u0915", "\u094d", "\u0600", "\U0001f1e6"]
_GRAPHEME_SENSITIVE += ["\U000e0067", "\U0001f3fb", "\u0e33"]
# Viramas with and without a consonant before them, a spacing mark, linkers and Prepend of newer Unicode.
_GRAPHEME_SENSITIVE += ["\u09cd", "\u0995", "\u0903", "\u1cf5", "\u1ade", "\U00011a3a", "\u200d", "\u0897"]

_RECORD_PIECES = ["a", "Z", "0", " ", "  ", "\t", "\n", "é", "\u200b", "e\u0301", "-", ".", "@", ":", "/", "?"]
_RECORD_PIECES += ["#", "%", "[", "]", "\\", "~", "http://", "https://", "HTTP://", "ftp://", "user:pw@", ":80"]
_RECORD_PIECES += [":0", "xn--", "\x7f", "日本"]

_TLDS = [*_data.twitter_text()["tlds"]["generic"], *_data.twitter_text()["tlds"]["country"]]
_HOST_PIECES = [".", ".", "..", "xn--", "XN--", "xn--p", "-", "@", "+", "_", "/", " ", "1", "a", "Com", "co", "uk"]
_HOST_PIECES += ["K", "\u212a", "\u017f", "\u0130", "\u0131", "’", "é", "\u0440\u0444"]

_INVISIBLE_PIECES = ["a", " ", "\n", "\r", "📝", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"]
_INVISIBLE_PIECES += ["\U000e0067", "\u200b", "\u200d", "\u00ad", "\U0001d173", "\u3164", "é"]

# What the rules' shortcuts could get wrong: every phrase (as listed, capitalised, with a typed
# apostrophe, hyphens for spaces), the words rules look up, and what stands next to what.
_PHRASES = sorted(
    {
        p
        for name in ("clickbait", "forward_reference", "second_person", "hyperbole", "casual")
        for p in _data.phrase_list(name)
    }
)
_PHRASE_FORMS = [
    *_PHRASES,
    *(p.title() for p in _PHRASES),
    *(p.replace("'", "’") for p in _PHRASES if "'" in p),
    *(p.replace("'", "") for p in _PHRASES if "'" in p),
    *(p.replace(" ", "-") for p in _PHRASES if " " in p),
]
_RULE_PIECES = [
    *TEXT_PIECES,
    " ",
    " ",
    "\n",
    "\n\n",
    "-",
    "'",
    "’",
    "_",
    "/",
    "#",
    "＃",
    "@",
    "(",
    "“",
    "é",
    "İ",
    "K",
    "ſ",
]
_RULE_PIECES += ["this", "these", "you", "your", "you’re", "quiz", "test", "will", "Which", "Can", "?", "Quiz:"]
_RULE_PIECES += ["javascript:alert(1)", "JavaScript:x", "data:text/html,x", "metadata:", "ftp://a.b", "file://x"]
_RULE_PIECES += ["https://user:pw@news.example/a", "https://xn--80ak6aa92e.com/", "https://аpple.com/", "www.x.org"]
_RULE_PIECES += [
    "https://a.b/\u200bx",
    "BREAKING",
    "NASA",
    "LANDED",
    "A",
    "B",
    "𝐁𝐎𝐋𝐃",
    "ΟΔΟΣ",
    "Σ",
    "ΣΑΣ ",
    "ÉTÉ",
    "Ω",
    "Ωmega",
]
_RULE_PIECES += ["5", "24", "7 things", "5 reasons", ". ", "! ", ": ", "— ", "– ", "3 ways", "No. 1", "12 people"]
_RULE_PIECES += ["!", "!!", "?!", "...", "…", "……", ",,", ";;", "::", "！", "！！", "？？", ".", ",", ";", ":"]
_RULE_PIECES += ["<b>", "</em>", "&amp;", "&#8217;", "\u200b", "\u202e", "\ufffd", "\ud800", "\u200d", "\ufe0f", "\r"]
_RULE_PIECES += ["📝🌍🔗", "🏛️", "🎉", "🚚", "🇮🇶", "1️⃣", "©", "™", "Read More", "Link in bio", "Read More: "]
_RULE_PIECES += ["\U0001d400", "\U0001d7ff", "\U0001d3ff", "\U000e0067", "🏴\U000e0067\U000e0062\U000e007f"]
_SHORTCUT_CASES = [
    "the 𝐁𝐎𝐋𝐃 move",
    "A𝐁 and 𝐁B",
    "Ωmega ÉTÉ",
    "x’’",
    "go\n5 things to know",
    "So. 5 reasons why",
    "So: 5 reasons why",
    "So — 5 ways to win",
    "So – 7 photos that",
    "5 things",
    "Wow！！",
    "Wow!！",
    "wait……",
    "wait….",
    "a,,b",
    "a;:b",
    "party 😀🎉🚚🇮🇶 now",
    "📝🌍🔗 Read More 🎉🎉",
    "🎉 📝🌍🔗 Read More",
    "x📝🌍🔗 Read More 🎉🎉🎉",
    "❤️❤️❤️ 📝🌍🔗 Read More",
    "you won’t believe",
    "YOU WON'T BELIEVE",
    "İSTANBUL: you're shocking",
    "SHOC\u212aING news",
    "\u212aids: you",
    "javascript:alert(1)",
    "see data:text/html,x",
    "x.data:text/html,x",
    "“javascript:alert(1)”",
    "https://a.b/?u=javascript:alert(1)",
    "this chart will",
    "These dogs just",
    "Can you spot it?",
    "Quiz: which",
    "take this test",
    "a\u200bb",
    "a\u202eb",
    "Caf\ufffd",
    " \ufe0f",
    "\u200d",
    "a\r\nb",
    "a\rb",
    "#a #b #c #d #e #f",
    "＃a ＃b ＃c",
    "Hey!! You!",
    "Hey！ You！",
]
_rule_text = st.lists(st.one_of(st.sampled_from(_RULE_PIECES), st.sampled_from(_PHRASE_FORMS)), max_size=24).map(
    "".join
)
_rule_case = st.tuples(
    _rule_text,
    st.sampled_from(ALL_PLATFORMS),
    st.sampled_from([None, "https://news.example/a", "https://news.example/a b", "ftp://x", "javascript:x"]),
    st.sampled_from([None, "Read More", "Link in bio", "Lesen"]),
    st.sampled_from([None, "📝🌍🔗", "🏛️", "📝🏛️🔗"]),
    st.booleans(),  # the text's second half is the summary the post quotes (Context.in_excerpt)
)

# Hashtag bodies: letters the table takes and newer ones, marks, digits of other scripts, "_", the
# middle dot between letters or not, U+20E2, and what ends a tag.
_HASHTAG_PIECES = ["a", "Z", "é", "ß", "日", "ㄱ", "ǅ", "\U0001d400", "\u0301", "\u20e2", "1", "١", "ⅰ", "²", "_"]
_HASHTAG_PIECES += ["·", "··", "l·l", "·a", "a·", "-", " ", "#", "\u0e33", "\U0001e900", "\U00011f00", "\u0897"]

_TOKENS = ["you", "will", "24", "this", "hilarious", "zzzqx", "the", "iraq", "a", "#dogs", "crossing,", "“why”"]
_TOKENS += ["won’t", "—", "📝🌍🔗", "u.s.", "(reuters)", "believe!"]

_LOCATIONS = st.tuples(
    st.sampled_from(["a.jsonl", "b.csv", "<stdin>", "feeds/c.json"]),
    st.one_of(st.none(), st.integers(1, 2**39)),
    st.one_of(st.none(), st.integers(1, 2**39)),
).map(lambda t: (t[0], t[1], None if t[1] is not None else t[2]))


def _stretch(text: str, cut_start: int, cut_end: int) -> tuple[str, int, int]:
    start = min(cut_start, len(text))
    return text, start, max(start, len(text) - cut_end)


STRATEGIES: dict[str, st.SearchStrategy[object]] = {
    "any text": st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    "post text": post_texts,
    "glued emoji": glued_emoji,
    "grapheme text": st.lists(
        st.one_of(st.sampled_from(TEXT_PIECES), st.characters(codec="utf-8"), st.sampled_from(_GRAPHEME_SENSITIVE)),
        max_size=30,
    ).map("".join),
    "record text": st.lists(st.sampled_from(_RECORD_PIECES), max_size=12).map("".join),
    "http url": st.from_regex(
        r"(https?|HTTPS)://(example\.com|EXAMPLE\.org|a-b\.c0|1\.2\.3\.4|x\.123|0x7f\.1|a\.09)"
        r"(:80|:443|:0443|:8080|:99999)?(/[a-zA-Z0-9._~%!$&'()*+,;=:@/-]{0,12}|/\.|/\.\.|/%2E)*"
        r"(\?[a-z0-9=&'%/?.]{0,8})?(#[a-z0-9'/#]{0,6})?",
        fullmatch=True,
    ),
    "host stretch": st.builds(
        _stretch,
        st.lists(
            st.one_of(
                st.sampled_from(_TLDS),
                st.sampled_from(_TLDS).map(str.upper),
                st.sampled_from(_HOST_PIECES),
                st.characters(codec="utf-8"),
            ),
            max_size=12,
        ).map("".join),
        st.integers(0, 3),
        st.integers(0, 3),
    ),
    "invisible text": st.lists(
        st.one_of(st.sampled_from(_INVISIBLE_PIECES), st.characters(codec="utf-8")), max_size=20
    ).map("".join),
    "id calls": st.lists(st.tuples(st.text(max_size=8), _LOCATIONS), max_size=300),
    "headline tokens": st.lists(st.sampled_from(_TOKENS), max_size=12),
    "hashtag body": st.lists(
        st.one_of(st.sampled_from(_HASHTAG_PIECES), st.characters(codec="utf-8")), min_size=1, max_size=8
    ).map("".join),
    "json text": st.lists(
        st.sampled_from(
            ['"', "\\", '\\"', "\\\\", "\n", "\r", "{", "}", "[", "]", ":", ",", " ", "a", "é", "\u2028", "1"]
        ),
        max_size=30,
    ).map("".join),
    "rule text": _rule_text,
    "rule case": _rule_case,
    "distribution": st.sampled_from(DISTRIBUTIONS),
}

# Corpora checked whole, beside the strategies: what a random draw would rarely hit.
EXAMPLES: dict[str, list[object]] = {
    "record text": ["  Kaim  crossing ", "", "https://news.example.com/a?b=c#d", "http://-/", "https://./x"],
    # Each TLD after a dot, in any case, before an end, a space, a letter, '-' or '@'.
    "host stretch": [
        _stretch(text, 0, 0)
        for tld in _TLDS
        for text in (f"a.{tld}", f"a.{tld.upper()}/x", f"a.{tld} b", f"a.{tld}x", f"a.{tld}-b", f"a.{tld}@")
    ],
    "id calls": [[(f"id-{n % 4000}", ("a.jsonl", n + 1, None)) for n in range(5000)]],
    # Each phrase alone, and inside a sentence, as each form the scan accepts.
    "rule text": [*_PHRASE_FORMS, *(f"“{p}”, said (x-{p}) 5.{p}!" for p in _PHRASE_FORMS)],
    "rule case": [
        # Each shortcut's own case: what its first look must not miss.
        *((text, "x", None, None, None) for text in _SHORTCUT_CASES),
        *((text, "mastodon", "https://news.example/a", "Read More", "📝🌍🔗") for text in _SHORTCUT_CASES),
        # Each again, quoted as the article's summary after a headline with the same marks.
        *(
            (f"{text}\n\n{text}", "mastodon", "https://news.example/a", "Read More", None, True)
            for text in _SHORTCUT_CASES
        ),
        *(
            (
                f"{head} {p} now\n\n📝🌍🔗 Read More: https://news.example/a #Tag",
                platform,
                "https://news.example/a",
                "Read More",
                "📝🌍🔗",
            )
            for p in _PHRASES
            for head, platform in (("BREAKING:", "x"), ("5 things", "instagram"), ("Can you", "linkedin"))
        ),
        # Long texts: past LinkedIn's fold (a line, a link), over each platform's limit.
        *(
            (f"{line}\n\nRead More: https://news.example/a", platform, link, "Read More", None)
            for line in ("Kaim crossing reopens " * 12, "Kaim " * 700, "日本語の" * 200)
            for platform in ALL_PLATFORMS
            for link in (None, "https://news.example/a")
        ),
    ],
}

_CASES = [pytest.param(path, inputs, id=f"{path.name}: {inputs}") for path in FAST_PATHS for inputs in path.inputs]


def test_every_input_has_a_strategy() -> None:
    """Each row names inputs this file knows, and names each row once."""
    assert {i for p in FAST_PATHS for i in p.inputs} <= {*STRATEGIES, EVERY_CODE_POINT}
    assert len({p.name for p in FAST_PATHS}) == len(FAST_PATHS)


@pytest.mark.parametrize(("path", "inputs"), _CASES)
def test_fast_path_answers_as_its_reference(path: FastPath, inputs: str) -> None:
    """The fast version answers as the reference does (where it answers at all)."""
    if inputs == EVERY_CODE_POINT:
        every = "".join(map(chr, range(0x110000)))
        assert path.reference(every) == path.fast(every)
        return
    for value in EXAMPLES.get(inputs, []):
        assert path.agree(value), value

    @given(STRATEGIES[inputs])
    def agrees(value: object) -> None:
        assert path.agree(value)

    agrees()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("plain_inline", "Iraq and Syria reopen the Kaim border crossing"),
        ("simple_http_url", "https://news.example.com/world/2025/kaim-crossing?ref=feed#top"),
        ("whatwg http_parts", "https://news.example.com/world/kaim-crossing"),
    ],
)
def test_partial_fast_paths_answer_the_common_case(name: str, value: str) -> None:
    """A fast path that may decline still answers for what records and posts usually hold."""
    [path] = [p for p in FAST_PATHS if p.name == name]

    assert path.partial
    assert path.fast(value) is not None
    assert path.agree(value)
