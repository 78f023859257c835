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
from postkit._fastpaths import EVERY_CODE_POINT, FAST_PATHS, FastPath
from strategies import TEXT_PIECES, glued_emoji, post_texts

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
