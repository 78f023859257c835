"""Text primitives: cleaning, grapheme-safe cutting and boundaries.

Everything that shortens or cleans text goes through here so that one place
guarantees the invariants: never cut inside a grapheme cluster, never leave a
dangling space or punctuation before "…", and never let invisible or bidi control
characters through silently.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

import regex

from postkit import _data, _emoji_table
from postkit._ascii_fast import plain_inline

__all__ = [
    "ELLIPSIS",
    "INVISIBLE_CHARS",
    "URL_INVISIBLE_CHARS",
    "clean_html",
    "clean_inline",
    "find_hashtags",
    "find_invisible",
    "find_urls",
    "graphemes",
    "html_paragraphs",
    "markdown_paragraphs",
    "normalise_selectors",
    "remove_invisible",
]


ELLIPSIS = "…"


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


# Characters that change how text displays, or hide text, without being seen: every format
# character (Cf: zero-width space, soft hyphen, bidi controls, word joiner, invisible math
# operators, interlinear annotation, tag characters…), C0 controls but tab and newline,
# DEL, C1 controls, blanks of other categories (CGJ, Hangul fillers, Braille blank) and the BMP's noncharacters.
# ZWJ (U+200D) and ZWNJ (U+200C) stay in prose: emoji sequences and scripts (Persian,
# Indic) need them. The list is data: data/invisible.toml. Same set as rule UNI001.
INVISIBLE_CHARS = _char_class(_data.invisible_ranges(prose=True))


#: What a URL may not hold at all: the above plus ZWNJ and ZWJ.
URL_INVISIBLE_CHARS = _char_class(_data.invisible_ranges(prose=False))


# An emoji tag sequence (a subdivision flag, UTS #51 ED-14a): its tag characters are the flag.
_TAG_SEQUENCE = "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"


_INVISIBLE = regex.compile(f"{_TAG_SEQUENCE}|[{INVISIBLE_CHARS}]")


# Any one of them (tag characters included): none in a text means nothing to find. A plain
# class in the standard engine scans a post in a few µs, the alternation above in ~20.
_ANY_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")


_EMOJI_BLOCKS = range(0x1F000, 0x20000)


def _covering(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The astral ``ranges`` merged into a few that skip the emoji blocks: a superset, twice as fast.

    The engine tests a class's astral ranges one by one for every character, so
    find_invisible confirms each astral candidate with the exact class.
    """
    out: list[tuple[int, int]] = []
    for low, high in ranges:
        first = out[-1][0] if out else 0
        if first > 0xFFFF and not (first < _EMOJI_BLOCKS.stop and high >= _EMOJI_BLOCKS.start):
            out[-1] = (first, high)
        else:
            out.append((low, high))
    return tuple(out)


# The quick look of find_invisible (tests check it holds every code point of the above).
_MAYBE_INVISIBLE = re.compile(f"[{_char_class(_covering(_data.invisible_ranges(prose=True)))}]")


_SPACES = regex.compile(r"\s+")


_GRAPHEME = regex.compile(r"\X")


# A numeric character reference; html.unescape turns invalid ones (&#0;, surrogates) into U+FFFD.
_CHARREF = regex.compile(r"&#(?:[xX][0-9A-Fa-f]{1,8}|[0-9]{1,10});?")


_MAX_UNESCAPE = 3


def remove_invisible(text: str) -> str:
    """Drop invisible and bidi control characters (see ``INVISIBLE_CHARS``).

    >>> remove_invisible("Kaim\u200b crossing\u202e")
    'Kaim crossing'
    """
    if text.isascii() and text.isprintable():
        return text
    # \r, \n and \t are spacing, not invisible controls: turn CR/CRLF into \n first.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub(_keep_flags, text)


def _keep_flags(match: regex.Match[str]) -> str:
    return match.group() if len(match.group()) > 1 else ""


def find_invisible(text: str) -> list[tuple[int, str]]:
    """Where the invisible characters of ``text`` are: ``(index, character)`` pairs.

    Tag characters inside a subdivision flag are part of the flag, not hidden text.
    """
    pos = 0
    while (maybe := _MAYBE_INVISIBLE.search(text, pos)) is not None:  # usually none: a plain table scan
        if _ANY_INVISIBLE.match(text, maybe.start()):
            return _find_invisible_reference(text)
        pos = maybe.end()
    return []


def _find_invisible_reference(text: str) -> list[tuple[int, str]]:
    """:func:`find_invisible` by the full pattern (the reference its quick look is tested against)."""
    return [(m.start(), m.group()) for m in _INVISIBLE.finditer(text) if len(m.group()) == 1]


# A ZWJ or variation selector that joins nothing: at the start or end, or next to a space.
_LOOSE_JOINER = regex.compile(r"(?:^|(?<=\s))[\u200d\ufe00-\ufe0f]+|\u200d+(?=\s|$)")


def clean_inline(text: str) -> str:
    """NFC, invisible characters removed, every whitespace run one space, trimmed.

    Titles, summaries and tags are one line each in a teaser.
    """
    plain = plain_inline(text)  # the common case, printable ASCII, at once
    return plain if plain is not None else _clean_inline_reference(text)


def _clean_inline_reference(text: str) -> str:
    """:func:`clean_inline` for any text (the reference its fast path is tested against)."""
    text = unicodedata.normalize("NFC", remove_invisible(text))
    if not text.isascii():
        text = normalise_selectors(text)
        if _LOOSE_JOINER.search(text):
            text = _LOOSE_JOINER.sub("", text)
    return _collapse_spaces(text).strip()


_EMOJI_SELECTORS = "\ufe0e\ufe0f"
_ANY_SELECTOR = re.compile("[\ufe00-\ufe0f]")
_SELECTOR_RUN = regex.compile("[\ufe00-\ufe0f]{2,}|(?<=(.))[\ufe0e\ufe0f]|^[\ufe0e\ufe0f]", regex.DOTALL)


def normalise_selectors(text: str) -> str:
    """Stray variation selectors removed: a run keeps its first, and U+FE0E/U+FE0F only follow a base that takes one.

    The bases are those of Unicode's emoji-variation-sequences (``_emoji_table.variation_bases``):
    ``"✂\ufe0f\ufe0f"`` becomes ``"✂\ufe0f"``, ``"a\ufe0f"`` becomes ``"a"``. The other selectors
    (U+FE00-FE0D: CJK and mathematical variants) keep their place; only a second one in a row goes.

    >>> normalise_selectors("\u2702\ufe0f\ufe0f cut") == "\u2702\ufe0f cut"
    True
    """
    if _ANY_SELECTOR.search(text) is None:
        return text
    return _SELECTOR_RUN.sub(_keep_selector, text)


def _keep_selector(match: regex.Match[str]) -> str:
    found = match.group()
    if len(found) > 1:  # a run: its first selector, if it may stay where it is
        start = match.start()
        before = match.string[start - 1] if start else ""
        first = found[0]
        return first if first not in _EMOJI_SELECTORS or before in _emoji_table.variation_bases() else ""
    before = match.group(1) or ""
    return found if before in _emoji_table.variation_bases() else ""


_NEEDS_COLLAPSE = regex.compile(r"\s\s|[^\S ]")


_SPACE_RUN = regex.compile(r"\s*+")


_CHUNK = 1 << 16


def _collapse_spaces(text: str) -> str:
    """Every whitespace run one space, in chunks.

    A 10 MB summary of short words would otherwise hold millions of pieces at once (20
    times the text's size).
    """
    if not _NEEDS_COLLAPSE.search(text):
        return text
    out: list[str] = []
    start = 0
    while start < len(text):
        end = _SPACE_RUN.match(text, min(start + _CHUNK, len(text))).end()  # type: ignore[union-attr]
        out.append(_SPACES.sub(" ", text[start:end]))
        start = end
    return "".join(out)


def clean_html(text: str) -> str:
    """Strip HTML markup and decode entities (``&amp;`` → ``&``, ``&#8217;`` → ``’``).

    A real parser (the standard library's ``html.parser``) reads the markup, so quoted
    ``>`` in attributes and ``-->`` inside comments are markup, not text. Scripts and
    styles go with their content; block ends become spaces so words do not run together.
    Feeds escape markup (``&lt;b&gt;``) and double-escape entities (``&amp;amp;``): the
    text is decoded, then stripped again, until it is stable (a few rounds at most).
    Text without ``<`` or ``&`` is returned unchanged.
    """
    if "<" not in text and "&" not in text:
        return text
    for _ in range(_MAX_UNESCAPE + 1):
        if "<" in text:
            text = _strip_tags(text)
        if "&" not in text:
            break
        decoded = html.unescape(_CHARREF.sub(_drop_invalid_charref, text))
        if decoded == text:
            break
        text = decoded
    else:
        if "<" in text:
            text = _strip_tags(text)
    return clean_inline(text)


def _drop_invalid_charref(match: regex.Match[str]) -> str:
    """Drop a reference html.unescape would turn into U+FFFD (``&#0;``, ``&#xD800;``)."""
    ref = match.group()
    decoded = html.unescape(ref)
    return "" if decoded == "\ufffd" and ref.rstrip(";").lower() not in {"&#65533", "&#xfffd"} else ref


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; references are left for ``clean_html`` to decode.

    Script and style elements are dropped with their content; one without an end tag is
    only a tag, and the text after it stays. Script content is parsed as markup, not as
    raw text, so a stray ``<script>`` cannot swallow a feed item.
    """

    # typeshed marks it Final; an empty tuple is how HTMLParser parses script content as markup.
    CDATA_CONTENT_ELEMENTS = ()  # type: ignore[misc]

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipped: list[str] | None = None  # text inside an open script/style

    def _text(self, data: str) -> None:
        (self.skipped if self.skipped is not None else self.parts).append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag in _DROPPED and self.skipped is None:
            self.skipped = []
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del attrs
        if tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED and self.skipped is not None:
            self.skipped = None
            self.parts.append(" ")
        elif tag in _BLOCKS:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        # _strip_tags escapes every "&" of the source as "&amp;", so this is the only name: the
        # references of the source stay as written, ";" or not, for clean_html to decode.
        self._text("&" if name == "amp" else f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")

    def text(self) -> str:
        """The text, once ``close()`` has flushed the parser."""
        if self.skipped is not None:  # an opener without a closer: only the tag goes
            self.parts += self.skipped
        return "".join(self.parts)


_DROPPED = frozenset({"script", "style"})


_BLOCKS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "hr",
    }
)


def _strip_tags(text: str) -> str:
    """The text of an HTML fragment, its character references left as written.

    Every "&" goes to the parser as "&amp;": ``HTMLParser`` reports ``&rsquo;`` and
    ``&rsquo`` alike (the ";" is lost), and ``html.unescape`` decodes a name without its
    ";" only for the HTML4 legacy names, so "It&rsquo;s" would become "It&rsquos".
    """
    parser = _TextOnly()
    parser.feed(text.replace("&", "&amp;"))
    parser.close()
    return parser.text()


# A block end in HTML: a body keeps one paragraph per block.
_BLOCK_END = regex.compile(r"</(?:p|div|li|h[1-6]|blockquote|pre|tr)\s*>|<br\s*/?>\s*<br\s*/?>", regex.IGNORECASE)


def html_paragraphs(value: str) -> str:
    r"""An HTML body as plain paragraphs, one per block, a blank line between (feeds, WordPress, Ghost).

    >>> html_paragraphs("<h2>Plant</h2><p>It&rsquo;s <b>big</b>.</p><p>Two</p>")
    'Plant\n\nIt’s big.\n\nTwo'
    """
    paragraphs = (clean_html(block) for block in _BLOCK_END.split(value))
    return "\n\n".join(p for p in paragraphs if p)


def markdown_paragraphs(source: str, limit: int | None = None) -> tuple[str, bool]:
    r"""A Markdown text as plain paragraphs (CommonMark, by ``markdown-it-py``), and whether it was cut.

    Headings, paragraphs, list items and quotes become one paragraph each, inline markup
    removed (links keep their text, images and inline HTML go); code blocks and tables are
    left out; an HTML block is cleaned. With ``limit``, only enough of the source is read
    for about ``limit`` characters of text (a 20 MB body costs what a thread can hold).

    >>> markdown_paragraphs("## How the plant works\n\nIt *turns* [water](https://x.example) into power.")
    ('How the plant works\n\nIt turns water into power.', False)
    """
    from markdown_it import MarkdownIt  # noqa: PLC0415 - only for Markdown bodies

    cut = False
    if limit is not None and len(source) > 4 * limit:  # markup is rarely 4 times its text
        end = source.rfind("\n\n", 0, 4 * limit)
        source, cut = source[: end if end > 0 else 4 * limit], True
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    out: list[str] = []
    size = 0
    skip = 0  # inside a table
    for token in tokens:
        skip += (token.type == "table_open") - (token.type == "table_close")
        if skip or token.type not in ("inline", "html_block"):
            continue
        if token.type == "inline":
            text = clean_inline("".join(_inline_text(child) for child in token.children or ()))
        else:
            text = clean_html(token.content)
        if not text:
            continue
        out.append(text)
        size += len(text) + 2
        if limit is not None and size > limit:
            return "\n\n".join(out), True
    return "\n\n".join(out), cut


def _inline_text(token: Any) -> str:
    if token.type in ("text", "code_inline"):
        return str(token.content)
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return ""


def graphemes(text: str) -> list[str]:
    """Split into extended grapheme clusters (current Unicode, via ``regex``).

    >>> graphemes("👨‍👩‍👧 é")
    ['👨‍👩‍👧', ' ', 'é']
    """
    return _GRAPHEME.findall(text)


# A link runs from "http(s)://" or "www." to a space; trailing punctuation belongs to the
# sentence (as twitter-text decides). The starts are found with str.find (a regex search
# stops at every "h" and "w" of the text: 5x slower), the rest matched where it stands.
_URL_REST = re.compile(r"[^\s<>\"]*[^\s<>\"'.,;:!?)\]}]")


_URL_RUN = re.compile(r"[^\s<>\"]+")


def find_urls(text: str, *, trailing: bool = False) -> tuple[tuple[int, int], ...]:
    """Spans of the ``http(s)://`` and ``www.`` links in ``text``.

    Trailing punctuation belongs to the sentence, unless ``trailing`` (a link then runs to
    the next space, as LinkedIn's little format reads it).

    >>> find_urls("Read More: https://news.example/a. Or www.example.org!")
    ((11, 33), (38, 53))
    """
    found = []
    for mark in ("://", "www.", "WWW."):
        pos = 0
        while (at := text.find(mark, pos)) >= 0:
            pos = at + len(mark)
            if mark == "://":
                before = text[max(0, at - 5) : at].lower()
                start = at - 5 if before == "https" else at - 4 if before.endswith("http") else -1
            else:
                start = at
            if start < 0 or (start and (text[start - 1].isalnum() or text[start - 1] in "/.@")):
                continue  # "ftp://", "xhttp://", or the "www." inside "https://www."
            rest = (_URL_RUN if trailing else _URL_REST).match(text, pos)
            found.append((start, rest.end() if rest else pos))
    return tuple(sorted(found))


# A hashtag as the platforms link one: '#' not inside a word, then letters, marks, digits
# and underscores with at least one letter ("#1" is a number, not a tag).
# Found fast: the '#' by a plain search, the rest matched where it stands.
_MARK = re.compile("[#＃]")


_BODY = regex.compile(r"[\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*")


_NOT_BEFORE = regex.compile(r"[\p{L}\p{M}\p{N}_&/#＃]")


def find_hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of the hashtags in ``text``.

    >>> find_hashtags("Kaim #Iraq #1 a#b #Syria_2")
    [(5, 10), (18, 26)]
    """
    found = []
    for m in _MARK.finditer(text):
        start = m.start()
        if start and _NOT_BEFORE.match(text, start - 1):
            continue
        body = _BODY.match(text, start + 1)
        if body is not None:
            found.append((start, body.end()))
    return found
