"""twitter-text's URL grammar, the link finder of X's and Mastodon's counters.

* **X** counts every URL twitter-text extracts as 23. That is a URL with or without a
  scheme whose host ends in a TLD on twitter-text's list (``bbc.co.uk`` yes,
  ``news.example`` no), after a character that may precede one (not a letter, digit,
  ``@``, ``$`` or ``#``; a scheme-less URL also not after ``-``, ``_``, ``.``, ``/``).
  A ``t.co`` link ends after its slug. :func:`extract_urls` reproduces twitter-text 3.1
  (``extractUrlsWithIndices``); the regex grammar and the TLD lists are twitter-text's
  (``data/twitter_text.toml``), the code is postkit's.
* **Mastodon** counts each URL with a scheme as 23. Its extractor is twitter-text's with a
  scheme required and wider path rules (``config/initializers/twitter_regex.rb``):
  :func:`extract_mastodon_urls`.

Offsets are code-point indices into the text as given (Python ``str`` indices). The
X counter normalises to NFC before it extracts, as twitter-text does. X's host check is
the JavaScript library's (punycode per label, no IDNA rules); Mastodon's uses Python's
IDNA 2003 codec where Ruby uses libidn's (the same standard).
"""

from __future__ import annotations

import functools
import re

from postkit import _data
from postkit._regex_cache import compiled, trie
from postkit.platforms._tld_fast import has_tld

__all__ = ["LATIN_ACCENTS", "extract_mastodon_urls", "extract_urls", "x_url_runs"]

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
LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    r"\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = r"\u0400-\u04ff"

# A URL may follow any character but a letter, digit, '@', '$', '#' (ASCII or full-width)
# or an invalid character. The Ruby gem (Mastodon) matches this case-insensitively, which
# also rules out U+0130, U+0131, U+017F and U+212A (they fold to i, s and k); the JS library
# folds no non-ASCII character, and the X grammar never sees these four (see
# _as_javascript_sees_case). Spelling them out lets the class run without the flag, so the
# engine can skip to candidates quickly.
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
_TT_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN_ACCENTS}]"
_TT_PATH_END_CHAR = f"[+\\-a-z{_CYRILLIC}0-9=_#/{LATIN_ACCENTS}]"
_TT_QUERY = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
# The twitter-text gem's valid_general_url_path_chars, whose \p{Cyrillic} is the script:
# U+0485 and U+0486 are Inherited, so left out (a smaller class ends a Mastodon URL
# sooner, which counts more, never less).
_GEM_PATH_CHAR = f"[a-z\u0400-\u0484\u0487-\u04ff0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN_ACCENTS}]"
_TT_QUERY_END = r"[a-z0-9\-_&=#/]"

_WHITE_SPACE = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_UCHARS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
_MASTODON_PATH_CHAR = f"[^{_WHITE_SPACE}<>()?]"
_MASTODON_PATH_END_CHAR = f"[^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\\[\\]~&|@]"
_MASTODON_QUERY = f"[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^{_UCHARS}]"
_MASTODON_QUERY_END = f"[a-z0-9_&=#/\\-{_UCHARS}]"
# The same two classes, spelled as what they exclude and without the case-insensitive
# flag: ``re`` compiles a case-insensitive class by visiting each code point of its
# ranges (~15 ms for these two, on every run); a short negated class compiles at once.
# Every code point is tested against the originals (tests/platforms/test_links.py).
_NONCHARACTERS = (
    r"\ud800-\udfff\ufdd0-\ufdef\ufff0-\uffff"
    + "".join(f"\\U{plane:04x}fffe-\\U{plane:04x}ffff" for plane in range(1, 17) if plane != 0xD)
    + r"\U000dfffe-\U000e0fff"
)
_MASTODON_QUERY_FAST = f'(?-i:[^\\x00-\\x20"<>\\\\`{{}}\\x7f-\\x9f{_NONCHARACTERS}])'
_MASTODON_QUERY_END_FAST = f"(?-i:[^\\x00-\\x22$%'-,.:-<>-@\\[-^`{{-\\x9f{_NONCHARACTERS}])"
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
_NAMEPREP_PLAIN = compiled("[\x21-\x7e\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fa5\uac00-\ud7a3]+")  # ~1 ms by re
_MAX_TCO_SLUG = 40  # twitter-text: a t.co slug longer than this is not a t.co link
_DEFAULT_SCHEME = "https://"
_NO_BARE_URL_AFTER = frozenset("-_./")  # a URL without scheme may not follow these


def _path_rule(char: str, end_char: str, *, mastodon: bool) -> str:
    # A path segment: path characters with balanced parentheses (one level of nesting)
    # inside, ending on an "ending" character. twitter-text (JS, and the Python port)
    # splices its ending rule "[…]|(balanced parens)" into the segment rule without a
    # group, so a parenthesised part ends a segment only when it is the whole segment;
    # Ruby wraps interpolated patterns in a group, so Mastodon's rule is the intended one.
    # But Mastodon's twitter_regex.rb builds its ending rule before it redefines the
    # balanced parentheses, so a path may end in parentheses only of the gem's own path
    # characters (ASCII, Latin accents, Cyrillic): ".../東京_(曖昧さ回避)" ends before "(".
    parens = _balanced_parens(char)
    if mastodon:
        return f"(?:{char}*(?:{parens}{char}*)*(?:{end_char}|{_balanced_parens(_GEM_PATH_CHAR)})|{char}+/)"
    return f"(?:{char}*(?:{parens}{char}*)*{end_char}|{parens}|@{char}+/)"


def _balanced_parens(char: str) -> str:
    return f"\\((?:{char}+|{char}*\\({char}+\\){char}*)\\)"


class _Grammar:
    """Compiled patterns of one URL grammar (twitter-text's or Mastodon's).

    Compiling a pattern that holds the TLD list is the costliest thing a short run does
    (tens of milliseconds each), so only ``after`` is compiled up front; the test for a
    dot and a TLD (``_tld_fast.has_tld``) needs its pattern, ``_tld_end``, only for
    non-ASCII hosts. The others are needed for a URL at the very start of a text, a URL
    without a scheme, or a t.co link, and are compiled on first use.
    """

    def __init__(self, url: str, tld: str, scheme: str, flags: re.RegexFlag, *, mastodon: bool) -> None:
        self._url, self._tld, self._flags = url, tld, flags
        self.javascript = not mastodon  # X: npm twitter-text's host check; Mastodon: the Ruby gem's (IDNA 2003)
        self.after = compiled(f"(?P<before>{_PRECEDING}){url}", flags)  # a URL after its preceding character
        self.scheme_end = re.compile(f"(?:{scheme})\\Z", flags)  # a scheme ending where a search window ends

    @functools.cached_property
    def at_start(self) -> re.Pattern[str]:
        """A URL at the very start of the text."""
        return compiled(self._url, self._flags)

    @functools.cached_property
    def ascii_domain(self) -> re.Pattern[str]:
        """The ASCII domains inside a matched host (URLs without a scheme)."""
        return compiled(f"(?:[\\-a-z0-9{LATIN_ACCENTS}]+\\.)+{self._tld}", self._flags)

    @functools.cached_property
    def tco(self) -> re.Pattern[str]:
        """A t.co link and its slug: the JS library lets a query follow, the Ruby gem (Mastodon's) does not."""
        if not self.javascript:
            return re.compile("https?://t\\.co/(?P<slug>[a-z0-9]+)", self._flags)
        return re.compile(f"https?://t\\.co/(?P<slug>[a-z0-9]+)(?:\\?{_TT_QUERY}*{_TT_QUERY_END})?", self._flags)


@functools.cache
def _tld_source() -> str:
    tlds = _data.twitter_text()["tlds"]
    return f"(?:(?:{trie([*tlds['generic'], *tlds['country']])}){_TLD_END}|{_PUNYCODE})"


@functools.cache
def _tld_end() -> re.Pattern[str]:
    """A dot, then a top-level domain: the same for both grammars, so compiled once for both."""
    return compiled(f"\\.{_tld_source()}", re.IGNORECASE)


@functools.cache
def _grammar(*, mastodon: bool) -> _Grammar:
    tld = _tld_source()
    domain = f"(?:{_SUBDOMAIN})*{_DOMAIN_NAME}{tld}"
    if mastodon:
        path = _path_rule(_MASTODON_PATH_CHAR, _MASTODON_PATH_END_CHAR, mastodon=True)
        query = f"\\?{_MASTODON_QUERY_FAST}*{_MASTODON_QUERY_END_FAST}"
        scheme = _MASTODON_SCHEMES
    else:
        path = _path_rule(_TT_PATH_CHAR, _TT_PATH_END_CHAR, mastodon=False)
        query = f"\\?{_TT_QUERY}*{_TT_QUERY_END}"
        scheme = r"https?://"
    url = f"(?P<url>(?P<scheme>{scheme})?(?P<domain>{domain})(?::[0-9]+)?(?P<path>/{path}*)?(?:{query})?)"
    return _Grammar(url, tld, scheme, re.IGNORECASE, mastodon=mastodon)


def _url_matches(grammar: _Grammar, text: str) -> list[re.Match[str]]:
    """Every match of the URL grammar, as one left-to-right ``finditer`` would find them.

    twitter-text's regex starts with "a preceding character, or the start of the text";
    that is split into two patterns here (``after`` and ``at_start``), and the search is
    started where a match can first start rather than at every character: every URL's
    host holds a dot followed by a letter (each TLD starts with one), so a match can
    start no earlier than just before the run of host characters around the next such
    dot, or just before a scheme that ends where that run starts. Between there and the
    previous match no position can match, so the matches found are the same.

    A host ends in a dot and a top-level domain, inside that run: a run with none cannot
    hold a URL and is skipped whole. Without this, ``"a." * 8000`` made the engine try
    every start in the run, each scanning to its end (quadratic: 33 s for 16 kB).
    """
    found: list[re.Match[str]] = []
    size = len(text)
    reverse = ""
    pos = 0
    after = grammar.after.search
    dot_from = 0
    while (dot := _DOT_LETTER.search(text, dot_from)) is not None:
        at = dot.start()
        run = _HOST_RUN.match(text, at + 1)
        run_end = run.end() if run is not None else at + 1
        if not has_tld(text, at, min(run_end + 1, size), _tld_end):
            dot_from = run_end  # no top-level domain in this run of host characters: no host here
            continue
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
        pos = dot_from = match.end()
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


def _valid_length_js(url: str, scheme: str | None, domain: str) -> bool:
    """Whether npm twitter-text keeps a matched URL (its ``isValidUrl`` and ``idna.toAscii``).

    The JavaScript library only punycodes each label (no nameprep, no bidi rule), wants
    each 1-63 characters, and then measures the URL as written, in UTF-16 code units. A
    host starting "xn--" must hold an ASCII domain somewhere.
    """
    if domain.startswith(_ACE_PREFIX) and _ascii_domain().search(domain) is None:
        return False
    for label in domain.split("."):
        if label.isascii():
            size = len(label)
        else:
            # punycode.toASCII: IDN dots split a label further; non-ASCII parts get "xn--".
            try:
                parts = [
                    part if part.isascii() else _ACE_PREFIX + part.encode("punycode").decode("ascii")
                    for part in _IDN_DOTS.split(label)
                ]
            except UnicodeError:
                return False
            size = len(".".join(parts))
        if not 0 < size < _MAX_LABEL:
            return False
    utf16 = len(url) + sum(1 for char in url if ord(char) > _BMP_END)
    return len(scheme or _DEFAULT_SCHEME) + utf16 <= _MAX_URL_LENGTH


@functools.cache
def _ascii_domain() -> re.Pattern[str]:
    return _grammar(mastodon=False).ascii_domain


# JavaScript's case-insensitive matching (without the u flag) folds no non-ASCII character
# to an ASCII one; Python's does for these four (to i, i, s, k). For the X grammar each is
# swapped for a stand-in in the same classes that folds to nothing (ĸ is a Latin letter
# like the first three; ℩ is in no class, like the Kelvin sign), one character for one.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_NO_ASCII_FOLD = str.maketrans({"\u0130": "\u0138", "\u0131": "\u0138", "\u017f": "\u0138", "\u212a": "\u2129"})
_IDN_DOTS = re.compile("[\u3002\uff0e\uff61]")
_BMP_END = 0xFFFF


def _as_javascript_sees_case(text: str) -> str:
    return text.translate(_NO_ASCII_FOLD) if _FOLDS_TO_ASCII.search(text) else text


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
        elif not (_valid_length_js if grammar.javascript else _valid_length)(url, scheme, domain):
            continue
        if scheme is None:
            before = match.group("before") if match.re is grammar.after else ""
            if require_scheme or before in _NO_BARE_URL_AFTER:
                continue
            # Without a scheme only ASCII domains count: each one inside the matched host
            # is a URL of its own, and the last one takes the path, if there is one.
            found = [
                (start + m.start(), start + m.end(), start + m.end()) for m in grammar.ascii_domain.finditer(domain)
            ]
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
    return [
        (start, counted)
        for start, _, counted in _extract(
            _grammar(mastodon=False), _as_javascript_sees_case(text), require_scheme=False
        )
    ]


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
    return [
        (start, end)
        for start, end, _ in _extract(
            _grammar(mastodon=False), _as_javascript_sees_case(text), require_scheme=require_scheme
        )
    ]


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
    return [(start, end) for start, end, _ in _extract(_grammar(mastodon=True), text, require_scheme=True)]
