"""platforms/whatwg.py against the parser the Bluesky app shows links with (node's ``new URL``).

A host the app's parser refuses leaves a link shown, counted and sent whole; a host it takes
is shown as punycode. Either way postkit must not show a link shorter than the app does, or
it counts under. The host rules (the refused characters, leading marks, joiners, the bidi
rule, punycode labels) are tested here on hosts made of the characters that hit them, and
``data/url_host.txt`` against what the parser says about each character.
"""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from oracles import client, url_hosts
from postkit import _data, _graphemes
from postkit.platforms import whatwg
from postkit.platforms.bluesky import short_url

# Characters that hit a rule: right-to-left letters and digits, marks, viramas and joiners, IDN
# dots, mapped and refused characters (…, ⒈, ․, bidi controls, Emoji 16, Unicode 15-18 letters).
TRICKY = [
    *"abcXYZ019-_$!,+",
    *"\u05d0\u0628\u0661\u06f1\u0301\u094d\u0915\u200c\u200d\u00df\u03c2\uff21\u2460\u2488\u2026\u2024",
    *"\u00ad\u200b\ufe0f\U0001f642\U0001fac6\u2764\u202e\u200e\u0640\u06cc\u0627\u07ca\u1820\u0130\u017f",
    *"\u212a\u01c5\u3371\ufb01\u0e33\u3164\u3002\ud55c\u65e5\u00fc\u0451\u0308\u1ade\U00010d50\ua872",
    *"\u0600\u066a\u061d\u0870\u08c8\u1ac1\U0001e030\u2c2f\U0001cf00\U00010f7b",
]
TLDS = ["com", "ws", "\u0440\u0444", "xn--p1ai", "\u05e7\u05d5\u05dd", "1"]


def hosts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    made = [
        "".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 6))) + "." + rng.choice(TLDS) for _ in range(count)
    ]
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-"
    made += [
        "xn--" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) + ".com" for _ in range(count // 5)
    ]
    return made


def ours(host: str) -> str | None:
    parts = whatwg.http_parts(f"https://{host}/")
    return None if parts is None else parts[0]


def test_hosts_as_the_parser_takes_them(oracle: client.Oracle) -> None:
    """Every host: refused by both, or the same punycode host (an xn-- label postkit refuses is shown whole: longer)."""
    made = hosts(6000, seed=11)
    wrong = [
        (host, ours(host), theirs)
        for host, theirs in zip(made, oracle.hosts(made), strict=True)
        if ours(host) != theirs and not (ours(host) is None and host.startswith("xn--"))
    ]
    assert [] == wrong[:5], f"{len(wrong)} of {len(made)}"


def test_adversarial_hosts(oracle: client.Oracle) -> None:
    """The hosts the app refuses that postkit once shortened (issue 23)."""
    made = ["example.com\u2026", "x\u2488.com", "example.com.\u2024", "a\u2024b.com", "a\u200fb.com", "a\u202eb.com"]
    made += ["xn--a.com", "xn--.com", "xn---.com", "a\u0378.com", "\u0300a.com", "\U0001fac6.ws", "a\u0660\u06f0.com"]
    assert oracle.hosts(made) == [None] * len(made)
    assert [ours(host) for host in made] == [None] * len(made)
    assert ours("xn--ls8h.la") == oracle.hosts(["xn--ls8h.la"])[0] == "xn--ls8h.la"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=1, max_size=6), st.sampled_from(TLDS))
def test_never_shown_shorter_than_the_app(oracle: client.Oracle, chars: list[str], tld: str) -> None:
    """short_url is never fewer graphemes (nor UTF-8 bytes) than the app's toShortUrl."""
    url = f"https://{''.join(chars)}.{tld}/a/long/path/here/x"
    shown, theirs = short_url(url), oracle.short_urls([url])[0]
    assert _graphemes.count(shown) >= _graphemes.count(theirs)
    assert len(shown.encode("utf-8", "surrogatepass")) >= len(theirs.encode("utf-8", "surrogatepass"))


class TestTheData:
    """data/url_host.txt is what the parser says."""

    def test_refused_characters_sampled(self, oracle: client.Oracle) -> None:
        """Each listed range's ends refused, the code points just outside taken (in some context)."""
        refused = _data.code_ranges("url_host.txt", "refused")
        rng = random.Random(3)
        for low, high in rng.sample(refused, 120):
            assert oracle.refused_host_chars(low, high) == [(low, high)]

    @pytest.mark.slow
    def test_the_file_is_what_the_generator_writes(self) -> None:
        assert url_hosts.table() == _data.read_text("url_host.txt")

    def test_the_file_names_the_parser(self) -> None:
        text = _data.read_text("url_host.txt")
        assert "# All asked of the parser itself: node " in text
        assert regex.search(r"(?m)^refused [0-9A-F]{4,6}-[0-9A-F]{4,6}$", text)
        assert regex.search(r"(?m)^bidi [0-9A-F-]+ (none|NSM|L|R|AL|AN|EN|ES|CS|ET|ON|BN)$", text)
        assert regex.search(r"(?m)^map [0-9A-F]+ [0-9A-F+]+$", text)


def test_newer_than_python() -> None:
    """A character regex knows and Python's unicodedata does not marks a URL whose display is in doubt."""
    import unicodedata  # noqa: PLC0415

    newer = next((chr(c) for c in range(0x10000, 0x30000) if unicodedata.category(chr(c)) == "Cn"), None)
    assert not whatwg.newer_than_python("https://example.com/")
    assert not whatwg.newer_than_python("https://\u00fc.com/")
    if newer is not None and regex.match(r"\P{Cn}", newer):
        assert whatwg.newer_than_python(f"https://{newer}.com/")
