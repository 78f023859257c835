"""Mastodon: its counter (``StatusLengthValidator``) and its status payload.

Mastodon counts grapheme clusters, each URL with a scheme as ``url_length`` (23) and a
remote mention ``@user@domain`` as ``@user`` (``StatusLengthValidator#countable_text``).
"""

from __future__ import annotations

import regex

from postkit.platforms.url_grammar import LATIN_ACCENTS, extract_mastodon_urls

__all__ = ["countable_text", "extract_mastodon_mentions"]


# Account::MENTION_RE and Twitter's end_mention_match (facts from Mastodon's source).
_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_MENTION = regex.compile(rf"(?<![=/{_WORD}])@((?i:[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[{_WORD}]+(?:[.-]+[{_WORD}]+)*)?)")
_MENTION_END = regex.compile(f"[@＠{LATIN_ACCENTS}]|://")


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
