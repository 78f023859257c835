"""Tests for postkit.links: URL finding as X, Mastodon and Bluesky do it."""

from __future__ import annotations

import doctest
import re
import unicodedata
import warnings

import pytest
import regex
from hypothesis import assume, given
from hypothesis import strategies as st

from postkit import _data, _trie
from postkit.platforms import bluesky, mastodon_api, url_grammar, whatwg
from postkit.platforms import links as platform_links
from postkit.platforms import url_grammar as links
from postkit.platforms.bluesky import detect_links, sent_text, short_url, shorten_links
from postkit.platforms.mastodon_api import extract_mastodon_mentions
from postkit.platforms.url_grammar import extract_mastodon_urls, extract_urls

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from twitter_text.extract_urls import extract_urls_with_indices


def found(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


# Text pieces that exercise twitter-text's URL rules: schemes, TLDs on and off its list,
# the characters that may or may not precede a URL, paths, queries, parentheses, t.co,
# IDN hosts and non-ASCII around hosts.
URL_PIECES = (
    "http://",
    "https://",
    "HTTPS://",
    "www.",
    "example",
    ".com",
    ".co.uk",
    ".jp",
    ".example",
    "t.co/",
    "abc123",
    "/path",
    "/a(b)c",
    "(x)",
    "?q=1&r=2",
    "#frag",
    ":8080",
    " ",
    "\n",
    ".",
    "-",
    "_",
    "@",
    "#",
    "$",
    "/",
    "(",
    ")",
    ",",
    "!",
    "é",
    "日本",
    "한국",
    ".рф",
    "кириллица",
    "xn--p1ai",
    "bit.ly",
    "news.example.com",
    "a_b",
    "K",
    "ſ",
    "\u202e",
    "\u3002",
)
url_texts = st.lists(st.sampled_from(URL_PIECES), max_size=14).map("".join)


class TestExtractUrls:
    """Tests for ``extract_urls`` (twitter-text 3.1); its cases are in conformance/x.yml (links)."""

    def test_require_scheme(self) -> None:
        """With ``require_scheme`` a bare domain is not a URL."""
        text = "example.com and https://example.org"

        assert ["https://example.org"] == found(text, extract_urls(text, require_scheme=True))

    @given(url_texts)
    def test_same_spans_as_twitter_text_parser(self, text: str) -> None:
        """Spans agree with twitter-text-parser's ``extract_urls_with_indices`` where the port applies.

        postkit follows npm twitter-text (tests/platforms/test_oracles.py); the port differs where its
        case-insensitive patterns fold İ ı ſ K to ASCII and where it checks hosts with IDNA
        2003 (right-to-left letters glued to a domain; an ideographic full stop, a label
        separator there, making an empty label; an ``xn--`` label holding non-ASCII, which
        npm takes as written: ``xn--p1aié.com`` is a URL there and here, not for the port).
        """
        assume(not any(char in "İıſK。．｡" or unicodedata.bidirectional(char) in {"R", "AL"} for char in text))
        assume(not regex.search(r"(?i)xn--[^\s.]*[^\x00-\x7f]", text))
        expected = [tuple(entity["indices"]) for entity in extract_urls_with_indices(text)]

        assert expected == extract_urls(text)


def reference_mastodon_urls(text: str) -> list[tuple[int, int]]:
    """Mastodon's URL rules as one regex written the way Ruby's twitter-text writes it.

    Same character classes and TLD lists as postkit (they are the facts), but the
    original shape: a single ``finditer``, labels matched with backtracking, the TLD
    lists as plain alternations in their listed order. It checks postkit's faster
    scanning, not the facts themselves.
    """
    tlds = _data.twitter_text()["tlds"]
    label_char = f"[^{links._NOT_DOMAIN}\\-_]"
    subdomain = f"(?:(?:{label_char}(?:[_-]|{label_char})*)?{label_char}\\.)"
    domain_name = f"(?:(?:{label_char}(?:-|{label_char})*)?{label_char}\\.)"
    end = "(?=[^0-9a-zA-Z@+-]|$)"
    tld = (
        f"(?:(?:{'|'.join(map(re.escape, tlds['generic']))}){end}"
        f"|(?:{'|'.join(map(re.escape, tlds['country']))}){end}|xn--[\\-0-9a-z]+)"
    )
    path = links._path_rule(links._MASTODON_PATH_CHAR, links._MASTODON_PATH_END_CHAR, mastodon=True)
    pattern = re.compile(
        "((?:[^A-Za-z0-9@＠$#＃\ufffe\ufeff\uffff]|[\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069]|^)"
        f"((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?({subdomain}*{domain_name}{tld})"
        f"(?::[0-9]+)?(?:/{path}*)?(?:\\?{links._MASTODON_QUERY}*{links._MASTODON_QUERY_END})?)",
        re.IGNORECASE,
    )
    # The Ruby gem's valid_tco_url takes no query (the JS library's does): tests/oracles/mastodon's fixture.
    tco = re.compile("https?://t\\.co/([a-z0-9]+)", re.IGNORECASE)
    spans = []
    for match in pattern.finditer(text):
        scheme, domain = match.group(2), match.group(3)
        start = match.start(2) if scheme else match.start(3)
        url = text[start : match.end()]
        if scheme is None or not links._valid_length(url, scheme, domain):
            continue
        slug = tco.match(url)
        if slug is not None and len(slug.group(1)) > 40:
            continue
        spans.append((start, start + len(slug.group()) if slug is not None else match.end()))
    return spans


MASTODON_PIECES = (
    "https://",
    "http://",
    "gemini://",
    "ftp://",
    "example",
    ".com",
    ".social",
    ".example",
    "t.co/",
    "abc",
    "/path",
    "/wärme",
    "/日本",
    "(x)",
    ")",
    "(",
    "?q=1",
    "&r=ä",
    "#frag",
    ":8080",
    " ",
    "\n",
    ".",
    ",",
    "!",
    "@user",
    "-",
    "_",
    "ä",
    "日本",
    "\u3000",
    "K",
)


class TestMastodonAgainstReference:
    """Differential test of Mastodon's URL finding against a one-regex reference."""

    @given(st.lists(st.sampled_from(MASTODON_PIECES), max_size=14).map("".join))
    def test_same_spans(self, text: str) -> None:
        """Spans agree with the reference written in twitter-text's own shape."""
        assert reference_mastodon_urls(text) == extract_mastodon_urls(text)


class TestExtractMastodonMentions:
    """Tests for ``extract_mastodon_mentions``."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("cc @editor@news.social", ["@editor"]),
            ("cc @desk", ["@desk"]),
            ("mail me: editor@news.social", []),
            ("https://x.example/@user@host.social", []),
            ("@a@b.c and @d", ["@a", "@d"]),
        ],
        ids=["remote", "local", "email", "in-url", "two"],
    )
    def test_counted_as(self, text: str, expected: list[str]) -> None:
        """Each mention counts as ``@user``."""
        assert expected == [counted for _, _, counted in extract_mastodon_mentions(text)]

    def test_span_covers_the_whole_mention(self) -> None:
        """The span runs from the ``@`` to the end of the domain."""
        text = "cc @editor@news.social!"

        assert [(3, 22, "@editor")] == extract_mastodon_mentions(text)


def reference_bluesky_links(text: str) -> list[tuple[int, int, str]]:
    """@atproto/api detectFacets (links), transliterated as literally as possible."""
    space = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
    pattern = regex.compile(
        f"(^|[{space}]|\\()((https?:\\/\\/[^{space}]+)|((?P<domain>[a-z][a-z0-9]*(\\.[a-z0-9]+)+)[^{space}]*))",
        regex.IGNORECASE | regex.MULTILINE | regex.ASCII,
    )
    tlds = _data.iana_tlds()
    out = []
    for match in pattern.finditer(text):
        uri = match.group(2)
        if not uri.startswith("http"):
            domain = match.group("domain")
            if not domain or not any(domain.endswith("." + tld) for tld in tlds):
                continue
            uri = "https://" + uri
        start = match.start(2)
        end = start + len(match.group(2))
        if uri[-1] in ".,;:!?":
            uri, end = uri[:-1], end - 1
        if uri.endswith(")") and "(" not in uri:
            uri, end = uri[:-1], end - 1
        out.append((start, end, uri))
    return out


BSKY_PIECES = (
    "https://",
    "http://",
    "HTTP://",
    "httpbin",
    "example",
    ".com",
    ".COM",
    ".org",
    ".example",
    ".co.uk",
    "/path",
    "?q=1",
    "#x",
    "(",
    ")",
    ".",
    ",",
    "!",
    ":",
    " ",
    "\n",
    "\u3000",
    "é",
    "日本",
    "a-b",
    "a_b",
    "1",
    "@",
    "😀",
)


class TestDetectLinks:
    """Tests for ``detect_links`` (Bluesky's detectFacets); its cases are in conformance/bluesky.yml."""

    @given(st.lists(st.sampled_from(BSKY_PIECES), max_size=14).map("".join))
    def test_same_spans_as_the_app(self, text: str) -> None:
        """Spans agree with a literal transliteration of the app's detection."""
        expected = [(start, end) for start, end, _ in reference_bluesky_links(text)]

        assert expected == [(link.start, link.end) for link in detect_links(text)]


class TestShortUrl:
    """Tests for ``short_url`` (social-app toShortUrl); its cases are in conformance/bluesky.yml (shown)."""

    @given(st.from_regex(r"https://[a-z]{1,12}\.(com|org)(/[a-z0-9_~-]{0,30}){0,3}", fullmatch=True))
    def test_cut_to_13_and_dots(self, url: str) -> None:
        """An ASCII URL shows host + path, a path over 15 characters as 13 + '...'."""
        host, _, path = url.removeprefix("https://").partition("/")
        path = "/" + path if path else ""
        expected = host + (path[:13] + "..." if len(path) > 15 else path)

        assert expected == short_url(url)


class TestShortenLinks:
    """Tests for ``shorten_links``."""

    def test_no_links_same_text(self) -> None:
        """Text without links is sent as it is."""
        assert ("no links here.", []) == shorten_links("no links here.")

    @given(st.lists(st.sampled_from(BSKY_PIECES), max_size=14).map("".join))
    def test_same_text_as_sent_text(self, text: str) -> None:
        """``sent_text`` is the text part of ``shorten_links``."""
        assert shorten_links(text)[0] == sent_text(text)


class TestTrie:
    """Tests for the prefix-tree regex used for TLDs."""

    @given(
        st.lists(st.text(alphabet="abc.é", min_size=1, max_size=5), min_size=1, max_size=12),
        st.text(alphabet="abc.é", max_size=8),
    )
    def test_longest_word_matches(self, words: list[str], text: str) -> None:
        """The trie regex matches the longest word that starts the text."""
        pattern = re.compile(_trie.trie_regex(words))
        starts = [word for word in words if text.startswith(word)]
        match = pattern.match(text)

        assert (max(starts, key=len) if starts else None) == (match.group() if match else None)

    def test_tld_order_is_longest_first(self) -> None:
        """Where one TLD extends another, twitter-text lists the longer one first.

        twitter-text's alternation takes the first TLD that matches (before a boundary);
        the trie takes the longest. They agree because of this order.
        """
        tlds = _data.twitter_text()["tlds"]
        order = [*tlds["generic"], *tlds["country"]]
        rank = {tld: index for index, tld in enumerate(order)}
        clash = [
            (short, long)
            for short in order
            for long in order
            if long != short
            and long.startswith(short)
            and not re.match(r"[0-9a-z@+-]", long[len(short)], re.IGNORECASE)
            and rank[short] < rank[long]
        ]

        assert [] == clash


def test_doctests() -> None:
    """The examples in the docstrings hold."""
    for module in (url_grammar, bluesky, mastodon_api, whatwg, _trie, platform_links):
        assert 0 == doctest.testmod(module).failed
