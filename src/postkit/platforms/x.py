"""X: twitter-text 3.1's weighted length, the count X's composer shows, and the X family.

Text in NFC; code points in the light ranges weigh 1, the rest 2; each emoji
twemoji-parser 11.0.2 matches weighs 2, as npm twitter-text 3.1.0's ``parseTweet`` weighs
them (:mod:`postkit.platforms._twemoji`: Emoji 11 sequences, newer ones by their parts);
each URL it extracts weighs ``url_length``. CRLF counts 2, as the JavaScript library
counts it (the Python port folds it to 1). Weights and ranges: ``data/twitter_text.toml``.

Links are the URLs twitter-text extracts (scheme optional, host on its TLD list), shown as
X's ``display_url``; the payload is tweepy's ``Client.create_tweet`` keywords: ``{"text": ...}``,
a reply ``in_reply_to_tweet_id`` (which tweepy sends as ``POST /2/tweets``' ``reply.in_reply_to_tweet_id``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs

from postkit import _data
from postkit.platforms import _twemoji
from postkit.platforms._x_weights import Utf8Light, utf8_light
from postkit.platforms.family import Counter, Family, url_length
from postkit.platforms.links import FoundLink, app_display, href
from postkit.platforms.payloads import Payload, parent_id, text_payload
from postkit.platforms.url_grammar import extract_urls, x_url_runs

if TYPE_CHECKING:
    from postkit.platforms.registry import Platform

__all__ = ["FAMILY", "x_weighted_length"]


@attrs.frozen
class _Weights:
    """twitter-text's weighting, compiled for counting whole strings at C speed."""

    scale: int
    default: int
    classes: tuple[tuple[re.Pattern[str], int], ...]  # runs of each non-default weight
    fast: Utf8Light | None  # a byte-level shortcut for twitter-text's shape of table
    ascii_weight: int | None  # the weight every ASCII character has, if they share one

    def weigh(self, text: str) -> int:
        """Scaled weight of plain text (no URL or emoji rules)."""
        if self.fast is not None:
            return self.fast.weigh(text, self.default)
        return self.weigh_reference(text)

    def weigh_reference(self, text: str) -> int:
        """:meth:`weigh` by the ranges, one pattern per weight: the tests' oracle."""
        total = self.default * len(text)
        for runs, weight in self.classes:
            total += (weight - self.default) * sum(map(len, runs.findall(text)))
        return total


@functools.cache
def _weights() -> _Weights:
    data = _data.twitter_text()
    table = data["weights"]
    default = int(table["default"])
    ranges = [(int(r["start"]), int(r["end"]), int(r["weight"])) for r in table["ranges"]]
    by_weight: dict[int, list[str]] = {}
    for start, end, weight in ranges:
        by_weight.setdefault(weight, []).append(f"{re.escape(chr(start))}-{re.escape(chr(end))}")

    def weight_of(code: int) -> int:
        # First matching range wins, as in twitter-text.
        return next((w for start, end, w in ranges if start <= code <= end), default)

    ascii_weights = {weight_of(code) for code in range(128)}
    return _Weights(
        scale=int(table["scale"]),
        default=default,
        classes=tuple(
            (re.compile("[" + "".join(parts) + "]+"), weight)
            for weight, parts in by_weight.items()
            if weight != default
        ),
        fast=utf8_light(ranges, default),
        ascii_weight=ascii_weights.pop() if len(ascii_weights) == 1 else None,
    )


def x_weighted_length(text: str, url_length: int, *, emoji_sequences: bool = True) -> int:
    """twitter-text's weighted length of ``text`` (``parseTweet(...).weightedLength``).

    Args:
        text: the text.
        url_length: what one URL weighs (``Platform.url_length``; 23 on X).
        emoji_sequences: count each emoji sequence as one heavy character (twitter-text's
            v3 configuration, X today). ``False`` is the v2 configuration, which counts
            every code point of an emoji by the ranges.

    >>> x_weighted_length("café 😷 https://example.com", 23), x_weighted_length("日本語", 23)
    (31, 6)
    """
    weights = _weights()
    if text.isascii():
        if "." not in text and weights.ascii_weight is not None:
            return weights.ascii_weight * len(text) // weights.scale
        emoji_on = False
    else:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        emoji_on = emoji_sequences
    urls = x_url_runs(text) if "." in text else []
    if not urls:
        if not emoji_on:
            if weights.ascii_weight is not None and text.isascii():
                return weights.ascii_weight * len(text) // weights.scale
            return weights.weigh(text) // weights.scale
        count, emoji_text = _twemoji.split(text)
        plain_weight = weights.weigh(text) - (weights.weigh(emoji_text) if count else 0)
        return (count * weights.default + plain_weight) // weights.scale
    if text.isascii() and weights.ascii_weight is not None:
        covered = sum(end - start for start, end in urls)
        total = weights.ascii_weight * (len(text) - covered) + url_length * weights.scale * len(urls)
        return total // weights.scale
    emoji = _twemoji.spans(text) if emoji_on else []
    total = 0
    plain_parts: list[str] = []
    pos = 0
    # twitter-text walks the text once: a URL starting here wins over an emoji starting
    # here, and an entity that starts inside one already counted is skipped.
    url_weight = url_length * weights.scale
    u = e = 0
    while u < len(urls) or e < len(emoji):
        if e >= len(emoji) or (u < len(urls) and urls[u][0] <= emoji[e][0]):
            (start, end), weight = urls[u], url_weight
            u += 1
        else:
            (start, end), weight = emoji[e], weights.default
            e += 1
        if start < pos:
            continue
        plain_parts.append(text[pos:start])
        total += weight
        pos = end
    plain_parts.append(text[pos:])
    return (total + weights.weigh("".join(plain_parts))) // weights.scale


def _count(text: str, platform: Platform) -> tuple[int, str]:
    return x_weighted_length(text, url_length(platform)), text


def _find_links(text: str) -> list[FoundLink]:
    return [FoundLink(start, end, href(text[start:end]), _show(text[start:end])) for start, end in extract_urls(text)]


def _show(url: str) -> str:
    return app_display(url, "x")


def _reply(parent: Any, _root: Any) -> Payload:
    # create_tweet(in_reply_to_tweet_id=...): tweepy nests it as the API's reply.in_reply_to_tweet_id.
    return {"in_reply_to_tweet_id": parent_id(parent, "x")}


FAMILY = Family(
    name="x",
    counter=Counter("x", _count),
    find_links=_find_links,
    show_link=_show,
    payload=text_payload,
    reply_fields=_reply,
    preview_style="x",
    sender="postkit.platforms._x_send:SENDER",
)
