"""Bluesky: links as the app detects and shows them, its counter and its post record: the family.

The app turns ``https://…`` and bare ``domain.tld/…`` into link facets (``@atproto/api``
``detectFacets``) and shows, counts and sends each link as host + path with a path over
15 characters cut to 13 + "..." (social-app ``toShortUrl``); the facet keeps the full URL.
The count is the extended grapheme clusters of that sent text (and its second limit the
text's UTF-8 bytes); the payload is an ``app.bsky.feed.post`` record with link and tag
facets and a link card, a reply its ``reply`` strong refs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import attrs
import regex

from postkit import _data
from postkit._graphemes import count as count_graphemes
from postkit.platforms._whatwg_fast import simple_http_parts
from postkit.platforms.family import Counter, Family, LinkCard
from postkit.platforms.links import FoundLink, href
from postkit.platforms.payloads import Payload, PostParts, strong_ref
from postkit.platforms.whatwg import http_parts, newer_than_python

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = [
    "FAMILY",
    "MAX_TAG_GRAPHEMES",
    "Link",
    "LinkFacet",
    "TagFacet",
    "bluesky_record",
    "detect_links",
    "detect_tags",
    "sent_text",
    "short_url",
    "shorten_links",
    "takes_hashtag",
]

_DEFAULT_SCHEME = "https://"
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
        if not written.startswith("http") and (domain is None or domain.rsplit(".", 1)[1] not in _data.iana_tlds()):
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
        pieces.extend((text[pos : link.start], link.display))
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
        before = text[pos : link.start]
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
    parts = simple_http_parts(url)
    doubt = False
    if parts is None:  # the full parser (only it reads a non-ASCII host)
        parts = http_parts(url)
        if parts is None:
            return url
        doubt = newer_than_python(url)
    host, path = parts
    shown = host + path[:_SHORT_KEEP] + "..." if len(path) > _SHORT_PATH else host + path
    if doubt:
        # Python's Unicode is older than the parser's: the host may be mapped or checked
        # otherwise there, and the link shown whole. Count the longer of the two.
        return max(shown, url, key=lambda form: (count_graphemes(form), _utf8_len(form)))
    return shown


# detectFacets' hashtag rule (@atproto/api 0.21.0, TAG_REGEX): "#" or "＃" at the start or
# after whitespace, then the run of characters up to whitespace or one of the stop
# characters, if that run holds a character that is neither an ASCII digit nor
# punctuation; trailing punctuation is dropped, and a tag over 64 graphemes gets no facet.
# Its cashtag rule (CASHTAG_REGEX): "$" and a 1-5 character ticker, tagged upper-case.
_TAG_STOP = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"
_HASHTAG = regex.compile(
    f"(?:^|[{_JS_SPACE}])[#＃]((?!\ufe0f)[^{_JS_SPACE}{_TAG_STOP}]*"
    f"[^0-9{_JS_SPACE}\\p{{P}}{_TAG_STOP}]+[^{_JS_SPACE}{_TAG_STOP}]*)?"
)
_CASHTAG = regex.compile(f"(?:^|[{_JS_SPACE}(])\\$([A-Za-z][A-Za-z0-9]{{0,4}})(?=[{_JS_SPACE}]|\\Z|[.,;:!?)\"'\u2019])")
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+\Z")
MAX_TAG_GRAPHEMES = 64  # app.bsky.richtext.facet#tag: maxGraphemes


@attrs.frozen
class TagFacet:
    """A hashtag or cashtag facet: UTF-8 byte offsets of ``#tag`` and the tag without "#"."""

    byte_start: int
    byte_end: int
    tag: str


def detect_tags(text: str) -> list[TagFacet]:
    """The tag facets Bluesky's app makes in ``text`` (``detectFacets``), in order.

    >>> [(t.byte_start, t.byte_end, t.tag) for t in detect_tags("#Kaim reopens, #Iraq! $aapl up")]
    [(0, 5, 'Kaim'), (15, 20, 'Iraq'), (22, 27, '$AAPL')]
    """
    if "#" not in text and "＃" not in text and "$" not in text:
        return []
    found: list[tuple[int, int, str]] = []
    for match in _HASHTAG.finditer(text):
        if match.group(1) is None:
            continue
        tag = _TRAILING_PUNCTUATION.sub("", match.group(1))
        if not tag or (len(tag) > MAX_TAG_GRAPHEMES and count_graphemes(tag) > MAX_TAG_GRAPHEMES):
            continue
        start = match.start(1) - 1
        found.append((start, start + 1 + len(tag), tag))
    found.extend((match.start(1) - 1, match.end(1), "$" + match.group(1).upper()) for match in _CASHTAG.finditer(text))
    found.sort(key=lambda entry: entry[0])
    return [TagFacet(_utf8_len(text[:start]), _utf8_len(text[:end]), tag) for start, end, tag in found]


def takes_hashtag(body: str) -> bool:
    """Whether the app links ``"#" + body`` as one tag facet of the whole body (symbols too: ``#C++``).

    >>> takes_hashtag("C++"), takes_hashtag(".NET"), takes_hashtag("C#"), takes_hashtag("2024")
    (True, True, False, False)
    """
    found = detect_tags(f"#{body}")
    return len(found) == 1 and found[0].tag == body


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def bluesky_record(
    text: str,
    *,
    link: str | None,
    language: str,
    created_at: dt.datetime | None = None,
    card: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An ``app.bsky.feed.post`` record: shortened link text, link and tag facets, langs.

    The text is what ``measure`` counted: every link the app would detect (the tracked
    link, and any URL in the title) shown as the app shows it, each with a link facet
    whose byte range selects exactly that text. The tracked link's facet carries it in
    full, even where the app would leave a trailing "?" or ")" out of a link it detects.
    Tag facets are those the app's ``detectFacets`` finds in the text, wherever the
    hashtag came from (title, summary, the post's own tags); a tag over 64 graphemes
    keeps its text but gets no facet, as in the app. ``card`` (from :func:`link_card`) becomes
    the record's ``embed``.
    """
    segments: list[str | None] = [text]
    if link and link in text:
        before, _, after = text.partition(link)
        segments = [before, None, after]
    shown_text = ""
    spans: list[tuple[int, int, str]] = []
    for segment in segments:
        start = _utf8_len(shown_text)
        if segment is None:
            shown = short_url(link or "")
            spans.append((start, start + _utf8_len(shown), link or ""))
            shown_text += shown
            continue
        sent, found = shorten_links(segment)
        spans.extend((start + f.byte_start, start + f.byte_end, f.url) for f in found)
        shown_text += sent
    facets: list[dict[str, Any]] = [
        {
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
        }
        for start, end, uri in spans
    ]
    facets.extend(
        {
            "index": {"byteStart": tag.byte_start, "byteEnd": tag.byte_end},
            "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag.tag}],
        }
        for tag in detect_tags(shown_text)
    )
    facets.sort(key=lambda f: f["index"]["byteStart"])
    when = created_at or dt.datetime.now(dt.UTC)
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": shown_text,
        "createdAt": when.isoformat().replace("+00:00", "Z"),
    }
    if facets:
        record["facets"] = facets
    record["langs"] = [language]
    if card is not None:
        record["embed"] = card
    return record


def link_card(uri: str, title: str, description: str | None) -> dict[str, Any]:
    """An ``app.bsky.embed.external`` link card: what the app shows under a post with a link.

    The lexicon (lexicons/app/bsky/embed/external.json) requires ``uri``, ``title`` and
    ``description`` (empty when the article has no summary). Its optional ``thumb`` is a
    blob: the caller fetches the article's image, uploads it (``com.atproto.repo.uploadBlob``)
    and sets ``embed.external.thumb`` to the returned blob; ``Post.card_image`` names the URL.
    """
    return {
        "$type": "app.bsky.embed.external",
        "external": {"uri": uri, "title": title, "description": description or ""},
    }


def _count(text: str, _platform: Platform) -> tuple[int, str]:
    sent = sent_text(text)
    return count_graphemes(sent), sent


def _find_links(text: str) -> list[FoundLink]:
    return [FoundLink(link.start, link.end, href(link.url), link.display) for link in detect_links(text)]


def _payload(parts: PostParts, _platform: Platform, created_at: dt.datetime | None) -> Payload:
    card = link_card(parts.link, parts.title, parts.description) if parts.link and parts.title else None
    return bluesky_record(parts.text, link=parts.link, language=parts.language, created_at=created_at, card=card)


def _reply(parent: Any, root: Any) -> Payload:
    reply_parent = strong_ref(parent, "bluesky", field="parent")
    reply_root = strong_ref(root, "bluesky", field="root") if root is not None else reply_parent
    return {"reply": {"root": reply_root, "parent": reply_parent}}


def _embedded_card(payload: Payload) -> LinkCard | None:
    embed = payload.get("embed")
    if not isinstance(embed, dict) or embed.get("$type") != "app.bsky.embed.external":
        return None
    external = embed["external"]
    return LinkCard(external["uri"], external["title"], external["description"])


FAMILY = Family(
    name="bluesky",
    counter=Counter("bluesky", _count),
    find_links=_find_links,
    show_link=short_url,
    payload=_payload,
    reply_fields=_reply,
    link_card=_embedded_card,
    preview_style="bluesky",
    sender="postkit.platforms._bluesky_send:SENDER",
    takes_hashtag=takes_hashtag,
)
