"""Finding links the way each platform's own counter finds them.

Platforms disagree about what a link is, and the difference changes a post's length:

* **X** counts every URL twitter-text extracts as 23. That is a URL with or without a
  scheme whose host ends in a TLD on twitter-text's list (``bbc.co.uk`` yes,
  ``news.example`` no), after a character that may precede one (not a letter, digit,
  ``@``, ``$`` or ``#``; a scheme-less URL also not after ``-``, ``_``, ``.``, ``/``).
  A ``t.co`` link ends after its slug. :func:`extract_urls` reproduces twitter-text 3.1
  (``extractUrlsWithIndices``); the regex grammar and the TLD lists are twitter-text's
  (``data/twitter_text.toml``), the code is postkit's.
* **Mastodon** counts each URL with a scheme as 23 and ``@user@domain`` as ``@user``
  (``StatusLengthValidator#countable_text``). Its extractor is twitter-text's with a
  scheme required and wider path rules (``config/initializers/twitter_regex.rb``):
  :func:`extract_mastodon_urls`, :func:`extract_mastodon_mentions`.
* **Bluesky**'s app turns ``https://…`` and bare ``domain.tld/…`` into link facets
  (``@atproto/api`` ``detectFacets``) and shows, counts and sends each link as
  host + path with a path over 15 characters cut to 13 + "..." (``toShortUrl``);
  the facet keeps the full URL. :func:`detect_links`, :func:`short_url`,
  :func:`shorten_links`.

Offsets are code-point indices into the text as given (Python ``str`` indices). The
X counter normalises to NFC before it extracts, as twitter-text does.

Where postkit is not the platform's own code, it says so: Mastodon's host check uses
Python's IDNA 2003 codec where Ruby uses libidn's (the same standard); ``short_url``
follows the URL standard for ASCII hosts exactly and approximates UTS #46 for
internationalised ones (NFKC, lowercase, punycode).
"""

from __future__ import annotations

import functools
import ipaddress
import re
import unicodedata

import attrs
import regex

from postkit import _data
from postkit._trie import trie_regex

__all__ = [
    "Link",
    "LinkFacet",
    "detect_links",
    "extract_mastodon_mentions",
    "extract_mastodon_urls",
    "extract_urls",
    "sent_text",
    "short_url",
    "shorten_links",
    "x_url_runs",
]

# ---------------------------------------------------------------------------------------
# twitter-text's URL grammar (facts from its regexes; twitter-text 3.1.0, Apache-2.0)
# ---------------------------------------------------------------------------------------

# Characters that end a domain label: ASCII punctuation (not '"' or '`'), spaces, the
# invalid characters U+FFFE U+FEFF U+FFFF and the bidi marks. '-' and '_' may appear
# inside a label, so they are kept apart.
_PUNCT = r"!'#%&()*+,\\./:;<=>?@\[\]^{|}~$"
_SPACES = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = r"\ufffe\ufeff\uffff"
_BIDI = r"\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_NOT_DOMAIN = _PUNCT + _SPACES + _INVALID + _BIDI  # and '-', '_'
_LATIN = (r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
          r"\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff")
_CYRILLIC = r"\u0400-\u04ff"

# A URL may follow any character but a letter, digit, '@', '$', '#' (ASCII or full-width)
# or an invalid character. twitter-text matches this case-insensitively, which also
# rules out U+0130, U+0131, U+017F and U+212A (they fold to i, s and k); spelling them out
# lets the class run without the flag, so the engine can skip to candidates quickly.
_PRECEDING = r"(?-i:[^A-Za-z0-9@＠$#＃\ufffe\ufeff\uffff\u0130\u0131\u017f\u212a])"

# One domain label and its dot: starts and ends with a domain character; subdomains may
# hold '-' and '_' inside, the registrable label only '-'. A label is always the whole
# run of such characters up to the dot, so the run is matched possessively (no
# backtracking into it) and its last character checked behind; the classes have no case
# variants, so they run without the case-insensitive flag.
_CHAR = f"[^{_NOT_DOMAIN}\\-_]"
_SUBDOMAIN = f"(?-i:{_CHAR}[^{_NOT_DOMAIN}]*+(?<={_CHAR})\\.)"
_DOMAIN_NAME = f"(?-i:{_CHAR}[^{_NOT_DOMAIN}_]*+(?<={_CHAR})\\.)"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|$)"
_PUNYCODE = r"xn--[\-0-9a-z]+"

# Path and query rules differ between twitter-text and Mastodon's variant of it.
_TT_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN}]"
_TT_PATH_END_CHAR = f"[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN}]"
_TT_QUERY = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_TT_QUERY_END = r"[a-z0-9\-_&=#/]"

_WHITE_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_UCHARS = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
           "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
           "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
           "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
           "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd")
_MASTODON_PATH_CHAR = f"[^{_WHITE_SPACE}<>()?]"
_MASTODON_PATH_END_CHAR = f"[^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\\[\\]~&|@]"
_MASTODON_QUERY = f"[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^{_UCHARS}]"
_MASTODON_QUERY_END = f"[a-z0-9_&=#/\\-{_UCHARS}]"
_MASTODON_SCHEMES = r"(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://"

# Where a URL can be: a dot followed by a letter (every TLD starts with one), and the
# run of host characters (domain characters, '-', '_', '.') around it.
_DOT_LETTER = re.compile(r"\.(?=[^\W\d_])")
_HOST_RUN = re.compile(f"[^{_PUNCT.replace('.', '')}{_SPACES}{_INVALID}{_BIDI}]*")
_LONGEST_SCHEME = len("gopher://")

_MAX_URL_LENGTH = 4096  # twitter-text: longer URLs are not links
_MAX_LABEL = 64  # the IDNA codec rejects labels this long
_ACE_PREFIX = "xn--"
_PUNYCODE_DIGITS = 7  # most base-36 digits one punycode delta needs here (see below)
# Printable ASCII, kana, CJK ideographs and Hangul syllables (Unicode 3.2): nameprep maps
# none of them except ASCII capitals (to lowercase, same length), prohibits none, and
# none is right-to-left.
_NAMEPREP_PLAIN = re.compile("[\x21-\x7e\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fa5\uac00-\ud7a3]+")
_MAX_TCO_SLUG = 40  # twitter-text: a t.co slug longer than this is not a t.co link
_DEFAULT_SCHEME = "https://"
_NO_BARE_URL_AFTER = frozenset("-_./")  # a URL without scheme may not follow these


def _path_rule(char: str, end_char: str, *, mastodon: bool) -> str:
    # A path segment: path characters with balanced parentheses (one level of nesting)
    # inside, ending on an "ending" character. twitter-text (JS, and the Python port)
    # splices its ending rule "[…]|(balanced parens)" into the segment rule without a
    # group, so a parenthesised part ends a segment only when it is the whole segment;
    # Ruby wraps interpolated patterns in a group, so Mastodon's rule is the intended one.
    parens = f"\\((?:{char}+|{char}*\\({char}+\\){char}*)\\)"
    if mastodon:
        return f"(?:{char}*(?:{parens}{char}*)*(?:{end_char}|{parens})|{char}+/)"
    return f"(?:{char}*(?:{parens}{char}*)*{end_char}|{parens}|@{char}+/)"


@attrs.frozen
class _Grammar:
    """Compiled patterns of one URL grammar (twitter-text's or Mastodon's)."""

    after: re.Pattern[str]  # a URL after its preceding character
    at_start: re.Pattern[str]  # a URL at the very start of the text
    ascii_domain: re.Pattern[str]
    tco: re.Pattern[str]
    scheme_end: re.Pattern[str]  # a scheme ending exactly where a search window ends


@functools.cache
def _grammar(*, mastodon: bool) -> _Grammar:
    tlds = _data.twitter_text()["tlds"]
    tld = f"(?:(?:{trie_regex([*tlds['generic'], *tlds['country']])}){_TLD_END}|{_PUNYCODE})"
    domain = f"(?:{_SUBDOMAIN})*{_DOMAIN_NAME}{tld}"
    if mastodon:
        path = _path_rule(_MASTODON_PATH_CHAR, _MASTODON_PATH_END_CHAR, mastodon=True)
        query = f"\\?{_MASTODON_QUERY}*{_MASTODON_QUERY_END}"
        scheme = _MASTODON_SCHEMES
    else:
        path = _path_rule(_TT_PATH_CHAR, _TT_PATH_END_CHAR, mastodon=False)
        query = f"\\?{_TT_QUERY}*{_TT_QUERY_END}"
        scheme = r"https?://"
    url = (f"(?P<url>(?P<scheme>{scheme})?(?P<domain>{domain})(?::[0-9]+)?"
           f"(?P<path>/{path}*)?(?:{query})?)")
    flags = re.IGNORECASE
    return _Grammar(
        after=re.compile(f"(?P<before>{_PRECEDING}){url}", flags),
        at_start=re.compile(url, flags),
        ascii_domain=re.compile(f"(?:[\\-a-z0-9{_LATIN}]+\\.)+{tld}", flags),
        tco=re.compile(f"https?://t\\.co/(?P<slug>[a-z0-9]+)(?:\\?{_TT_QUERY}*{_TT_QUERY_END})?",
                       flags),
        scheme_end=re.compile(f"(?:{scheme})\\Z", flags),
    )


def _url_matches(grammar: _Grammar, text: str) -> list[re.Match[str]]:
    """Every match of the URL grammar, as one left-to-right ``finditer`` would find them.

    twitter-text's regex starts with "a preceding character, or the start of the text";
    that is split into two patterns here (``after`` and ``at_start``), and the search is
    started where a match can first start rather than at every character: every URL's
    host holds a dot followed by a letter (each TLD starts with one), so a match can
    start no earlier than just before the run of host characters around the next such
    dot, or just before a scheme that ends where that run starts. Between there and the
    previous match no position can match, so the matches found are the same.
    """
    found: list[re.Match[str]] = []
    size = len(text)
    reverse = ""
    pos = 0
    after = grammar.after.search
    while (dot := _DOT_LETTER.search(text, pos)) is not None:
        at = dot.start()
        reverse = reverse or text[::-1]
        host = _HOST_RUN.match(reverse, size - at)  # the host characters before the dot
        run_start = at - (host.end() - (size - at)) if host is not None else at
        low = run_start - 1
        if run_start >= len("://") and text.startswith("://", run_start - 3):
            scheme = grammar.scheme_end.search(text, max(0, run_start - _LONGEST_SCHEME), run_start)
            if scheme is not None:
                low = scheme.start() - 1
        if max(low, pos) <= 0:
            match = grammar.after.match(text) or grammar.at_start.match(text) or after(text, 1)
        else:
            match = after(text, max(low, pos))
        if match is None:
            break
        found.append(match)
        pos = match.end()
    return found


def _valid_length(url: str, scheme: str | None, domain: str) -> bool:
    """Whether twitter-text keeps a matched URL: an IDNA-encodable host, <= 4096 chars.

    twitter-text measures the URL with its host in punycode (Python's ``idna`` codec in
    the port). The codec is slow, so common hosts are settled without it; any host
    outside those cases goes through the codec itself.
    """
    limit = _MAX_URL_LENGTH - len(scheme or _DEFAULT_SCHEME) - len(url)
    if domain.isascii():
        # The codec's ASCII path: every label 1-63 characters (the last may be empty).
        labels = domain.split(".")
        return limit >= 0 and max(map(len, labels)) < _MAX_LABEL and "" not in labels[:-1]
    growth = _idna_growth_bound(domain)
    if growth is not None and growth <= limit:
        return True
    try:
        encoded = domain.encode("idna")
    except UnicodeError:
        return False
    return bool(encoded) and len(encoded) - len(domain) <= limit


def _idna_growth_bound(domain: str) -> int | None:
    """An upper bound on how much the ``idna`` codec lengthens ``domain``, or None.

    Only for hosts whose labels are ASCII or made of characters nameprep leaves alone
    and accepts (kana, CJK ideographs, Hangul syllables): for those the codec succeeds
    whenever each punycode label fits in 63 characters, and a label of ``a`` ASCII and
    ``k`` other characters encodes to at most 5 + a + 7k characters (each inserted
    character is one variable-length delta, at most 7 base-36 digits for code points
    up to U+D7A3 in 63-character labels). None means "ask the codec".
    """
    growth = 0
    for label in domain.split("."):
        if label.isascii():
            if not 0 < len(label) < _MAX_LABEL:
                return None
            continue
        if not _NAMEPREP_PLAIN.fullmatch(label) or label[:4].lower() == "xn--":
            return None
        wide = sum(1 for char in label if not char.isascii())
        bound = len(_ACE_PREFIX) + 1 + len(label) + (_PUNYCODE_DIGITS - 1) * wide
        if bound >= _MAX_LABEL:
            return None
        growth += bound - len(label)
    return growth


def _extract(grammar: _Grammar, text: str, *, require_scheme: bool) -> list[tuple[int, int, int]]:
    """``(start, end, counted_end)`` of each URL; see :func:`x_url_runs` for the last."""
    spans: list[tuple[int, int, int]] = []
    for match in _url_matches(grammar, text):
        start, end = match.span("url")
        url, scheme, domain, path = match.group("url", "scheme", "domain", "path")
        if len(domain) < _MAX_LABEL and domain.isascii():  # the common case, in short
            if len(url) + len(scheme or _DEFAULT_SCHEME) > _MAX_URL_LENGTH:
                continue
        elif not _valid_length(url, scheme, domain):
            continue
        if scheme is None:
            before = match.group("before") if match.re is grammar.after else ""
            if require_scheme or before in _NO_BARE_URL_AFTER:
                continue
            # Without a scheme only ASCII domains count: each one inside the matched host
            # is a URL of its own, and the last one takes the path, if there is one.
            found = [(start + m.start(), start + m.end(), start + m.end())
                     for m in grammar.ascii_domain.finditer(domain)]
            if not found:
                continue
            if path is not None:
                first, last, _ = found[-1]
                found[-1] = (first, end, first + len(url.replace(domain, text[first:last])))
            spans.extend(found)
        else:
            if "t.co/" in url[7:13].lower():  # only then can the t.co rule apply
                tco = grammar.tco.match(url)
                if tco is not None:
                    if len(tco.group("slug")) > _MAX_TCO_SLUG:
                        continue
                    end = start + tco.end()
            spans.append((start, end, end))
    return spans


def x_url_runs(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` twitter-text's length count replaces by a URL's weight.

    Usually each URL's span. A URL without scheme is only the ASCII domain found in
    the matched host (plus the path); when that domain is shorter than the host (a
    non-ASCII label after it) and there is a path, twitter-text records the URL as
    ``url.replace(domain, asciiDomain)`` and its counter skips only that many
    characters, so the rest of the span is counted again. The JavaScript library and
    the Python port do this (the port replaces every occurrence of the host, giving the
    largest count); the Java one skips the whole span. postkit follows the port: the
    cautious count.

    >>> text = "日本.example.com/path"
    >>> extract_urls(text), x_url_runs(text)
    ([(3, 19)], [(3, 19)])
    >>> text = "a.рф.com/path"
    >>> extract_urls(text), x_url_runs(text)
    ([(0, 13)], [(0, 9)])
    """
    if "." not in text or _DOT_LETTER.search(text) is None:
        return []
    return [(start, counted) for start, _, counted in
            _extract(_grammar(mastodon=False), text, require_scheme=False)]


def extract_urls(text: str, *, require_scheme: bool = False) -> list[tuple[int, int]]:
    """Spans of the URLs twitter-text 3.1 extracts from ``text`` (X's counter).

    Args:
        text: the text, as it will be counted (X counts its NFC form).
        require_scheme: keep only URLs written with ``http://`` or ``https://``.

    Returns:
        ``(start, end)`` code-point offsets, in order.

    >>> text = "BBC: bbc.co.uk/news, not news.example; https://t.co/abc123/more"
    >>> [text[a:b] for a, b in extract_urls(text)]
    ['bbc.co.uk/news', 'https://t.co/abc123']
    """
    if not text or ((":" if require_scheme else ".") not in text):
        return []
    return [(start, end) for start, end, _ in
            _extract(_grammar(mastodon=False), text, require_scheme=require_scheme)]


def extract_mastodon_urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs Mastodon gives the 23-character allowance (scheme required).

    Mastodon uses twitter-text's extractor with its own path and query rules (almost any
    non-space character) and a few more schemes (``gemini://``, ``ipfs://``, …).

    >>> text = "Bericht: https://example.de/wärme/ü?x=ä and example.de"
    >>> [text[a:b] for a, b in extract_mastodon_urls(text)]
    ['https://example.de/wärme/ü?x=ä']
    """
    if ":" not in text:
        return []
    return [(start, end) for start, end, _ in
            _extract(_grammar(mastodon=True), text, require_scheme=True)]


# Account::MENTION_RE and Twitter's end_mention_match (facts from Mastodon's source).
_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_MENTION = regex.compile(
    rf"(?<![=/{_WORD}])@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{_WORD}]+(?:[.-]+[{_WORD}]+)*)?)"
)
_MENTION_END = regex.compile(f"[@＠{_LATIN}]|://")


def extract_mastodon_mentions(text: str) -> list[tuple[int, int, str]]:
    """Mentions as Mastodon counts them: ``(start, end, counted_as)``.

    A remote mention ``@user@domain`` counts as ``@user``, so long instance names do
    not eat into the limit.

    >>> extract_mastodon_mentions("cc @editor@news.social and @desk")
    [(3, 22, '@editor'), (27, 32, '@desk')]
    """
    if "@" not in text and "＠" not in text:
        return []
    found: list[tuple[int, int, str]] = []
    for match in _MENTION.finditer(text):
        if _MENTION_END.match(text, match.end()):
            continue
        found.append((match.start(), match.end(), "@" + match.group(1).split("@", 1)[0]))
    return found


# ---------------------------------------------------------------------------------------
# Bluesky: @atproto/api detectFacets (links) and social-app toShortUrl
# ---------------------------------------------------------------------------------------

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator).
_JS_SPACE = "\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# A link starts the text or follows whitespace or "(" (consumed in the first pattern).
# The labels of a bare domain are matched possessively: JavaScript's greedy match never
# gives them back, as what follows (any non-space) cannot fail.
_BSKY_BODY = (
    f"(?P<link>(?P<scheme>[hH][tT][tT][pP][sS]?://[^{_JS_SPACE}]+)"
    f"|(?P<domain>[a-zA-Z][a-zA-Z0-9]*+(?:\\.[a-zA-Z0-9]++)+)[^{_JS_SPACE}]*+)"
)
_BSKY_AFTER = re.compile(f"[{_JS_SPACE}(]{_BSKY_BODY}")
_BSKY_AT_START = re.compile(_BSKY_BODY)
_BSKY_HINT = re.compile(r"\.[a-zA-Z0-9]")
_TRAILING = frozenset(".,;:!?")
_SHORT_PATH = 15  # toShortUrl: a longer path (with query and fragment) is cut …
_SHORT_KEEP = 13  # … to its first 13 characters and "..."


@attrs.frozen
class Link:
    """A link as Bluesky's app detects it in a text.

    Attributes:
        start: code-point offset of the link text in the original text.
        end: end offset (exclusive).
        url: the full URL a link facet carries (``https://`` added to a bare domain).
        display: the text the app shows, counts and sends instead (:func:`short_url`).
    """

    start: int
    end: int
    url: str
    display: str


@attrs.frozen
class LinkFacet:
    """A link in the text as sent: UTF-8 byte offsets, as ``app.bsky.richtext.facet``."""

    byte_start: int
    byte_end: int
    url: str


def detect_links(text: str) -> list[Link]:
    """The links Bluesky's app would make in ``text``, with their display form.

    Follows ``detectFacets``: a link starts the text or follows whitespace or ``(``; it
    is ``http(s)://`` plus everything up to whitespace, or a bare domain (letters and
    digits, a TLD on the IANA list, lowercase) plus everything up to whitespace. One
    trailing ``.,;:!?`` is dropped, then a ``)`` when the link has no ``(``. Scheme
    letters must be lowercase (the app skips ``HTTPS://…``).

    The app leaves a bare domain that starts with "http" (``httpbin.org``) without a
    scheme in its facet; here the facet URL always gets ``https://``.

    >>> [(x.url, x.display) for x in detect_links("See example.com/a and https://bsky.app/profile/x.")]
    [('https://example.com/a', 'example.com/a'), ('https://bsky.app/profile/x', 'bsky.app/profile/x')]
    """
    if "http" not in text and _BSKY_HINT.search(text) is None:
        return []
    links: list[Link] = []
    first = _BSKY_AT_START.match(text)
    matches = [first] if first is not None else []
    matches.extend(_BSKY_AFTER.finditer(text, first.end() if first is not None else 0))
    for match in matches:
        written = match.group("link")
        domain = match.group("domain")
        # The app checks the scheme case-sensitively: "HTTPS://x.com" is not a link,
        # and a bare domain starting with "http" skips the TLD check.
        if not written.startswith("http") and (
            domain is None or domain.rsplit(".", 1)[1] not in _data.iana_tlds()
        ):
            continue
        if written[-1] in _TRAILING:
            written = written[:-1]
        if written.endswith(")") and "(" not in written:
            written = written[:-1]
        start = match.start("link")
        if match.group("scheme") is not None:
            links.append(Link(start, start + len(written), written, short_url(written)))
        else:  # a bare domain is no http(s) URL to toShortUrl: shown as written
            links.append(Link(start, start + len(written), _DEFAULT_SCHEME + written, written))
    return links


def sent_text(text: str) -> str:
    """The text as Bluesky's app sends it: each link replaced by its display form.

    What the app counts (graphemes, and UTF-8 bytes for the 3000-byte limit).

    >>> sent_text("Read: https://news.example.com/world/kaim-crossing?utm_source=bluesky")
    'Read: news.example.com/world/kaim-c...'
    """
    found = detect_links(text)
    if not found:
        return text
    pieces: list[str] = []
    pos = 0
    for link in found:
        pieces.extend((text[pos:link.start], link.display))
        pos = link.end
    pieces.append(text[pos:])
    return "".join(pieces)


def shorten_links(text: str) -> tuple[str, list[LinkFacet]]:
    """The text as Bluesky's app sends it, links shortened, with link facets.

    Returns:
        The text with each link replaced by its display form, and one facet per link
        (UTF-8 byte offsets into that text, the full URL).

    >>> shorten_links("Read: https://news.example.com/world/kaim-crossing?utm_source=bluesky")
    ('Read: news.example.com/world/kaim-c...', [LinkFacet(byte_start=6, byte_end=38, url='https://news.example.com/world/kaim-crossing?utm_source=bluesky')])
    """
    links = detect_links(text)
    if not links:
        return text, []
    pieces: list[str] = []
    facets: list[LinkFacet] = []
    size = 0
    pos = 0
    for link in links:
        before = text[pos:link.start]
        pieces.append(before)
        size += len(before.encode("utf-8", "surrogatepass"))
        shown = link.display.encode("utf-8", "surrogatepass")
        facets.append(LinkFacet(size, size + len(shown), link.url))
        pieces.append(link.display)
        size += len(shown)
        pos = link.end
    pieces.append(text[pos:])
    return "".join(pieces), facets


# toShortUrl parses with the WHATWG URL parser; the subset below is what changes the
# shown text of an http(s) URL: scheme and userinfo dropped, host lowercased (IDN to
# punycode, default port removed, IPv4/IPv6 normalised), dot segments resolved, and
# characters outside the spec's percent-encode sets kept while the rest are encoded.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_FORBIDDEN_HOST = re.compile("[\x00-\x20#%/:<>?@\\[\\\\\\]^|\x7f]")
_PATH_SET = frozenset(' "#<>?^`{}')
_QUERY_SET = frozenset(" \"#<>'")
_FRAGMENT_SET = frozenset(' "<>`')
_DOTS = {".", "%2e"}
_DOUBLE_DOTS = {"..", ".%2e", "%2e.", "%2e%2e"}
_IDN_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_MAX_PORT = 65535
# A URL toShortUrl shows without the full parser: scheme, ASCII host, port, and a path,
# query and fragment of characters the URL standard leaves as they are.
_SIMPLE_URL = re.compile(
    r"(?P<scheme>[hH][tT][tT][pP][sS]?)://(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)"
    r"(?::(?P<port>[0-9]{1,5}))?(?P<path>/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?"
    r"(?P<query>\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?(?P<fragment>#[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*)?\Z"
)
_DOT_SEGMENT = re.compile(r"/(?:\.|%2e){1,2}(?=/|\Z)", re.IGNORECASE)
_PERCENT_BYTE = re.compile(rb"%([0-9A-Fa-f]{2})")
_DECIMAL_DIGITS = frozenset("0123456789")
_OCTAL_DIGITS = frozenset("01234567")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def short_url(url: str) -> str:
    """The form in which Bluesky's app shows, counts and sends a link.

    Host (with a non-default port) and path; a path longer than 15 characters, query and
    fragment included, is cut to 13 and "..." appended. Anything that is not an http(s)
    URL (a bare domain, a broken URL) is shown as written.

    >>> short_url("https://www.Example.com/world/kaim-crossing?utm_source=bluesky")
    'www.example.com/world/kaim-c...'
    >>> short_url("https://example.com/")
    'example.com'
    >>> short_url("example.com/a/long/path/here")
    'example.com/a/long/path/here'
    """
    parts = _simple_http_parts(url) or _http_parts(url)
    if parts is None:
        return url
    host, path = parts
    if len(path) > _SHORT_PATH:
        return host + path[:_SHORT_KEEP] + "..."
    return host + path


def _simple_http_parts(url: str) -> tuple[str, str] | None:
    """``_http_parts`` for the common URL the parser would not change but for case.

    A plain ASCII host that does not end in a number, no dot segments, nothing that the
    URL standard percent-encodes; anything else (None) goes to the full parser.
    """
    match = _SIMPLE_URL.match(url)
    if match is None:
        return None
    scheme, host, port, path, query, fragment = match.group(
        "scheme", "host", "port", "path", "query", "fragment")
    last = host.rpartition(".")[2]
    if (last and _DECIMAL_DIGITS.issuperset(last)) or _number(last) is not None:
        return None  # an IPv4 address, or no valid host: the full parser decides
    if path and _DOT_SEGMENT.search(path):
        return None
    if port:
        if int(port) > _MAX_PORT:
            return None
        if int(port) != _DEFAULT_PORTS[scheme.lower()]:
            host = f"{host}:{int(port)}"
    shown = path if path and path != "/" else ""
    if query and query != "?":
        shown += query
    if fragment and fragment != "#":
        shown += fragment
    return host.lower(), shown


def _http_parts(url: str) -> tuple[str, str] | None:
    """``(host[:port], pathname + search + hash)`` of an http(s) URL, or None."""
    text = url.strip("".join(map(chr, range(0x21)))).translate({9: None, 10: None, 13: None})
    scheme_match = _SCHEME.match(text)
    if scheme_match is None:
        return None
    scheme = scheme_match.group(1).lower()
    if scheme not in _DEFAULT_PORTS:
        return None
    rest = text[scheme_match.end():].lstrip("/\\")
    cut = len(rest)
    for mark in "/\\?#":
        at = rest.find(mark)
        if 0 <= at < cut:
            cut = at
    authority, rest = rest[:cut], rest[cut:]
    authority = authority.rpartition("@")[2]
    if authority.startswith("["):
        close = authority.find("]")
        host_text, port_text = authority[:close + 1], authority[close + 1:]
        if close < 0 or (port_text and not port_text.startswith(":")):
            return None
        port_text = port_text[1:]
    else:
        host_text, _, port_text = authority.partition(":")
    host = _parse_host(host_text)
    if host is None:
        return None
    if port_text:
        if not port_text.isascii() or not port_text.isdigit() or int(port_text) > _MAX_PORT:
            return None
        if int(port_text) != _DEFAULT_PORTS[scheme]:
            host = f"{host}:{int(port_text)}"
    rest, _, fragment = rest.partition("#")
    path, _, query = rest.partition("?")
    shown = _serialize_path(path)
    if query:
        shown += "?" + _percent_encode(query, _QUERY_SET)
    if fragment:
        shown += "#" + _percent_encode(fragment, _FRAGMENT_SET)
    return host, shown


def _percent_encode(text: str, extra: frozenset[str]) -> str:
    """UTF-8 percent-encode C0 controls, non-ASCII and ``extra`` (a spec encode set)."""
    if text.isascii() and text.isprintable() and not extra.intersection(text):
        return text
    out: list[str] = []
    for char in text:
        if char.isascii() and char.isprintable() and char not in extra:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "replace"))
    return "".join(out)


def _serialize_path(path: str) -> str:
    if not path:
        return ""
    segments = re.split(r"[/\\]", path)[1:]
    kept: list[str] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        lowered = segment.lower()
        if lowered in _DOUBLE_DOTS:
            if kept:
                kept.pop()
            if index == last:
                kept.append("")
        elif lowered in _DOTS:
            if index == last:
                kept.append("")
        else:
            kept.append(_percent_encode(segment, _PATH_SET))
    pathname = "/" + "/".join(kept)
    return "" if pathname == "/" else pathname


def _parse_host(text: str) -> str | None:
    if not text:
        return None
    if text.startswith("["):
        if not text.endswith("]") or "%" in text:
            return None
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError:
            return None
    domain = _percent_decode(text).translate(_IDN_DOTS)
    ascii_host = _domain_to_ascii(domain)
    if ascii_host is None or _FORBIDDEN_HOST.search(ascii_host):
        return None
    labels = ascii_host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    if (last and _DECIMAL_DIGITS.issuperset(last)) or _number(last) is not None:
        return _ipv4(labels)  # "ends in a number": an IPv4 address or a failure
    return ascii_host


def _percent_decode(text: str) -> str:
    if "%" not in text:
        return text
    raw = _PERCENT_BYTE.sub(lambda m: bytes([int(m.group(1), 16)]), text.encode("utf-8"))
    return raw.decode("utf-8", "replace")


def _domain_to_ascii(domain: str) -> str | None:
    # UTS #46 (non-transitional), approximately: compatibility forms folded, lowercase,
    # each non-ASCII label in punycode. Exact for ASCII hosts.
    if domain.isascii():
        return domain.lower()
    labels: list[str] = []
    for label in domain.split("."):
        folded = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", label).lower())
        if folded.isascii():
            labels.append(folded)
            continue
        try:
            labels.append("xn--" + folded.encode("punycode").decode("ascii"))
        except UnicodeError:
            return None
    return ".".join(labels)


def _number(part: str) -> int | None:
    """An IPv4 part as the URL standard reads it (decimal, 0x-hex, 0-octal), or None."""
    if part[:2] in {"0x", "0X"}:
        digits, allowed, base = part[2:], _HEX_DIGITS, 16
    elif len(part) > 1 and part.startswith("0"):
        digits, allowed, base = part[1:], _OCTAL_DIGITS, 8
    else:
        digits, allowed, base = part, _DECIMAL_DIGITS, 10
    if not digits:
        return 0 if base != 10 else None
    if not allowed.issuperset(digits):
        return None
    return int(digits, base)


def _ipv4(labels: list[str]) -> str | None:
    numbers = [_number(label) for label in labels]
    if len(numbers) > 4 or any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    if any(n > 255 for n in values[:-1]) or values[-1] >= 256 ** (5 - len(values)):
        return None
    address = values[-1]
    for index, value in enumerate(values[:-1]):
        address += value * 256 ** (3 - index)
    return str(ipaddress.IPv4Address(address))
