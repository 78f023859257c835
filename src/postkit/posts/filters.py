"""The filters and globals postkit adds to templates (Jinja's ``FILTERS`` style)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import regex

from postkit.cut_points import cut_graphemes
from postkit.posts.tracking import track_url

__all__ = ["FILTERS", "GLOBALS", "hashtag", "hashtags_from_tags", "shorten", "tracked"]

_HASHTAG_DROP = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")
_WORD_SPLIT = regex.compile(r"[\s\p{P}\p{S}]+")
_HAS_LETTER = regex.compile(r"\p{L}")
_MAX_TAG_GRAPHEMES = 64  # Bluesky's tag facet allows 64 graphemes; longer tags help nobody.


def hashtag(tag: str) -> str:
    """One tag as a hashtag: words CamelCased, punctuation dropped, Unicode letters kept.

    Returns ``""`` when nothing usable is left (no letter: ``#2025`` is not a hashtag).

    >>> hashtag("Middle East"), hashtag("COVID-19"), hashtag("Nahost-Konflikt"), hashtag("iraq")
    ('#MiddleEast', '#COVID19', '#NahostKonflikt', '#iraq')
    """
    words = [w for w in _WORD_SPLIT.split(tag.strip()) if w]
    if len(words) > 1:
        words = [w[:1].upper() + w[1:] for w in words]
    body = _HASHTAG_DROP.sub("", "".join(words))[: _MAX_TAG_GRAPHEMES * 2]
    if not _HAS_LETTER.search(body):
        return ""
    return "#" + body


# Feeds reuse a few hundred tags across thousands of articles. (The ``hashtag`` filter
# itself stays uncached: a template may pass it anything, and its errors must not change.)
_cached_hashtag = functools.lru_cache(maxsize=4096)(hashtag)


def hashtags_from_tags(tags: Iterable[str], limit: int | None = None) -> list[str]:
    """Hashtags for a list of tags: shaped by :func:`hashtag`, de-duplicated, capped at ``limit``."""
    seen: set[str] = set()
    out: list[str] = []
    if limit is not None and limit <= 0:  # 0: no hashtags at all
        return out
    for tag in tags:
        tagged = _cached_hashtag(tag) if type(tag) is str else hashtag(tag)
        if tagged and tagged.casefold() not in seen:
            seen.add(tagged.casefold())
            out.append(tagged)
        if limit is not None and len(out) >= limit:
            break
    return out


def tracked(url: str, platform: str, campaign: str | None = None) -> str:
    """The URL with ``utm_source``/``utm_medium`` (and ``utm_campaign``) set (see ``compose``)."""
    return track_url(str(url), str(platform), campaign)


def shorten(text: str, length: int = 100, end: str = "…") -> str:
    """Cut ``text`` to at most ``length`` graphemes at a word boundary, with ``end``.

    >>> shorten("Iraq and Syria reopen the Kaim crossing", 20)
    'Iraq and Syria…'
    """
    return cut_graphemes(str(text), int(length), str(end))


def _emojize(text: str) -> str:
    import emoji  # noqa: PLC0415 - a heavy import, only for templates that use the filter

    out: str = emoji.emojize(str(text), language="alias")
    return out


#: Filters postkit adds, by the name a template uses (Jinja's FILTERS style).
FILTERS: Mapping[str, Callable[..., Any]] = {
    "emojize": _emojize,
    "hashtag": hashtag,
    # One string is one tag, not a list of one-letter tags.
    "hashtags": lambda tags, limit=None: hashtags_from_tags([tags] if isinstance(tags, str) else tags, limit),
    "tracked": tracked,
    "utm": tracked,
    "shorten": shorten,
}

#: Functions a template may call directly.
GLOBALS: Mapping[str, Callable[..., Any]] = {"emojize": _emojize, "tracked": tracked, "shorten": shorten}
