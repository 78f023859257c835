"""Mastodon: its counter (``StatusLengthValidator``), its links, its status payload: the family.

Mastodon counts grapheme clusters, each URL with a scheme as ``url_length`` (23) and a
remote mention ``@user@domain`` as ``@user`` (``StatusLengthValidator#countable_text``).
Mastodon runs on Ruby 3.4 (Unicode 15.0: no Indic conjunct rule), so conjuncts count
split: the larger count, never under a server on either rules. Links are the URLs with a
scheme its twitter-text finds, shown as ``TextFormatter.shortened_link`` shows them; a
reply is ``in_reply_to_id``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

import regex

from postkit import _data
from postkit._graphemes import count_without_conjuncts
from postkit.platforms.family import Counter, Family, url_length
from postkit.platforms.links import FoundLink, app_display, href
from postkit.platforms.payloads import Payload, PostParts, parent_id
from postkit.platforms.url_grammar import LATIN_ACCENTS, extract_mastodon_urls

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FAMILY", "countable_text", "extract_mastodon_mentions"]


# Account::MENTION_RE and Twitter's end_mention_match (facts from Mastodon's source). Its
# [[:word:]] is Ruby 3.4's: Alphabetic (Ⓐ, Ⅰ, 〇 too), marks, decimal digits, connector
# punctuation, joiners, of Unicode 15.0; data/ruby_word.txt is that class, asked of Ruby.
_MENTION_END = regex.compile(f"[@＠{LATIN_ACCENTS}]|://")
MAX_DOMAIN_LENGTH = 253  # Mastodon's Extractor: a mention whose domain is longer is none


@functools.cache
def _mention() -> regex.Pattern[str]:
    word = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _data.code_ranges("ruby_word.txt"))
    return regex.compile(rf"(?<![=/{word}])@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{word}]+(?:[.-]+[{word}]+)*)?)")


def extract_mastodon_mentions(text: str) -> list[tuple[int, int, str]]:
    """Mentions as Mastodon counts them: ``(start, end, counted_as)``.

    A remote mention ``@user@domain`` counts as ``@user``, so long instance names do
    not eat into the limit; after a word character (Ruby's ``[[:word:]]``: ``Ⓐ@bob@x.org``)
    there is no mention, nor where the domain is over 253 characters.

    >>> extract_mastodon_mentions("cc @editor@news.social and @desk")
    [(3, 22, '@editor'), (27, 32, '@desk')]
    """
    if "@" not in text and "＠" not in text:
        return []
    found: list[tuple[int, int, str]] = []
    for match in _mention().finditer(text):
        if _MENTION_END.match(text, match.end()):
            continue
        user, _, domain = match.group(1).partition("@")
        if len(domain) > MAX_DOMAIN_LENGTH:
            continue
        found.append((match.start(), match.end(), "@" + user))
    return found


def countable_text(text: str, url_length: int) -> str:
    """The text Mastodon counts: each URL as ``url_length`` x's, ``@user@domain`` as ``@user``.

    >>> countable_text("cc @desk@news.social https://example.com/a", 23)
    'cc @desk xxxxxxxxxxxxxxxxxxxxxxx'
    """
    entities: list[tuple[int, int, str]] = []
    if ":" in text:
        placeholder = "x" * url_length
        entities.extend((start, end, placeholder) for start, end in extract_mastodon_urls(text))
    entities.extend(extract_mastodon_mentions(text))
    if not entities:
        return text
    # Mastodon drops entities that overlap an earlier one, then rewrites the rest.
    entities.sort(key=lambda entity: entity[0])
    pieces: list[str] = []
    pos = 0
    for start, end, counted in entities:
        if start < pos:
            continue
        pieces.extend((text[pos:start], counted))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _count(text: str, platform: Platform) -> tuple[int, str]:
    return count_without_conjuncts(countable_text(text, url_length(platform))), text


def _find_links(text: str) -> list[FoundLink]:
    return [
        FoundLink(start, end, href(text[start:end]), _show(text[start:end]))
        for start, end in extract_mastodon_urls(text)
    ]


def _show(url: str) -> str:
    return app_display(url, "mastodon")


def _payload(parts: PostParts, _platform: Platform, _at: dt.datetime | None) -> Payload:
    payload: Payload = {"status": parts.text, "visibility": "public", "language": parts.language.split("-")[0]}
    if parts.content_warning:  # shown first, the post folded under it
        payload["spoiler_text"] = parts.content_warning
    return payload


def _reply(parent: Any, _root: Any) -> Payload:
    return {"in_reply_to_id": parent_id(parent, "mastodon")}  # an id, a status, or the sender's Remote


FAMILY = Family(
    name="mastodon",
    counter=Counter("mastodon", _count),
    find_links=_find_links,
    show_link=_show,
    payload=_payload,
    reply_fields=_reply,
    preview_style="mastodon",
    sender="postkit.platforms._mastodon_send:SENDER",
)
