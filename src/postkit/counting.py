"""Length counting in each platform's own unit.

A post postkit calls "fits" must be accepted by the platform, so each counter follows
the platform's own code (sources in ``data/platforms.toml``), chosen by the profile's
``counter``:

``x``
    twitter-text 3.1 weighting: text in NFC; code points in the light ranges weigh 1,
    the rest 2; an emoji sequence of Emoji <= 12.0 weighs 2 (newer ones count per code
    point, as twitter-text's data does); each URL it extracts weighs ``url_length``.
    CRLF counts 2, as the JavaScript library counts it (the Python port folds it to 1).
``bluesky``
    extended grapheme clusters of the text as the app sends it: each link shown as
    host + path, a path over 15 characters cut to 13 + "..." (:func:`~postkit.links.short_url`).
    Its second limit, ``byte_limit``, is on the UTF-8 bytes of that same text.
``mastodon``
    grapheme clusters; each URL with a scheme counts ``url_length``; ``@user@domain``
    counts as ``@user``.
``threads``
    code points, but each emoji sequence counts as its UTF-8 byte length (Meta's rule;
    the whole sequence's bytes, the cautious reading).
``utf16``
    UTF-16 code units (LinkedIn, Facebook, Instagram, Telegram).
``graphemes``, ``codepoints``
    plain grapheme clusters or code points, for user-defined profiles.

Every platform number (limits, URL length) comes from the :class:`~postkit.platforms.Platform`;
twitter-text's weights come from ``data/twitter_text.toml``. Tables and patterns are
built once, on first use; nothing about a text is cached, so each call does the work.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TypeAlias

import attrs

from postkit import _data, links
from postkit._emoji_scan import all_emoji, emoji_up_to
from postkit._graphemes import count as count_graphemes
from postkit.errors import ConfigError
from postkit.platforms import Platform, get_platform

__all__ = ["Measurement", "fits", "measure", "measurements", "x_weighted_length"]


@attrs.frozen
class Measurement:
    """One limit of a platform and the text's value against it."""

    value: int
    limit: int
    unit: str

    @property
    def over(self) -> bool:
        """Whether the value exceeds the limit."""
        return self.value > self.limit


def measure(text: str, platform: str | Platform) -> int:
    r"""Length of ``text`` in the platform's own unit, as its composer counts it.

    Args:
        text: the post text, with full URLs (as a person would paste it).
        platform: a platform name (``"x"``, ``"bluesky"``, …) or a :class:`Platform`.

    A family emoji is 7 code points joined by ZWJ; X weighs the sequence 2, Bluesky
    counts one grapheme, UTF-16 platforms count 11 code units, Threads its 25 bytes.
    🧑‍💻 (Emoji 12.1) is newer than twitter-text's data, so X counts its parts: 2 + 1 + 2:

    >>> family = "👩\u200d👩\u200d👧\u200d👦"
    >>> [measure(family, p) for p in ("x", "bluesky", "linkedin", "threads")]
    [2, 1, 11, 25]
    >>> measure("🧑\u200d💻", "x"), measure("🧑\u200d💻", "bluesky")
    (5, 1)

    URLs count as each platform shows them: 23 on X and Mastodon; on Bluesky as the app
    displays the link (here ``news.example.com/world/kaim-c...``, 32 graphemes):

    >>> post = "Read More: https://news.example.com/world/kaim-crossing?utm_source=x"
    >>> [measure(post, p) for p in ("x", "mastodon", "bluesky")]
    [34, 34, 43]
    """
    profile = _profile(platform) if isinstance(platform, str) else platform
    return _COUNTERS[profile.counter](text, profile)[0]


def measurements(text: str, platform: str | Platform) -> tuple[Measurement, ...]:
    """Every limit of the platform with the text's value against it, main limit first.

    A platform with a ``byte_limit`` (Bluesky: 3000) gets a second measurement: the
    UTF-8 bytes of the text as sent, links shortened as the app shows them.

    >>> [(m.value, m.limit, m.unit) for m in measurements("Kaim crossing reopens 🌍", "bluesky")]
    [(23, 300, 'graphemes'), (26, 3000, 'UTF-8 bytes')]
    """
    profile = _profile(platform) if isinstance(platform, str) else platform
    value, sent = _COUNTERS[profile.counter](text, profile)
    found = [Measurement(value, profile.limit, profile.unit)]
    if profile.byte_limit is not None:
        size = len(sent.encode("utf-8", "surrogatepass"))
        found.append(Measurement(size, profile.byte_limit, "UTF-8 bytes"))
    return tuple(found)


def fits(text: str, platform: str | Platform) -> bool:
    """Whether ``text`` is within every limit of the platform."""
    return not any(m.over for m in measurements(text, platform))


@functools.cache
def _profile(name: str) -> Platform:
    """A built-in profile by name (the lookup, not any text, is what is remembered)."""
    return get_platform(name)


# ---------------------------------------------------------------------------------------
# X: twitter-text weighting
# ---------------------------------------------------------------------------------------


@attrs.frozen
class _Weights:
    """twitter-text's weighting, compiled for counting whole strings at C speed."""

    scale: int
    default: int
    classes: tuple[tuple[re.Pattern[str], int], ...]  # runs of each non-default weight
    fast: _Utf8Light | None  # a byte-level shortcut for twitter-text's shape of table
    ascii_weight: int | None  # the weight every ASCII character has, if they share one
    emoji_version: float

    def weigh(self, text: str) -> int:
        """Scaled weight of plain text (no URL or emoji rules)."""
        fast = self.fast
        if fast is None:
            total = self.default * len(text)
            for runs, weight in self.classes:
                total += (weight - self.default) * sum(map(len, runs.findall(text)))
            return total
        # Characters from U+0800 up are exactly those whose UTF-8 lead byte is 0xE0 or
        # more; the light ones among them are counted per lead byte present.
        encoded = text.encode("utf-8", "surrogatepass")
        wide = len(encoded) - len(encoded.translate(None, _HIGH_LEAD_BYTES))
        if wide:
            for lead, prefixes, exceptions, sign in fast.plans:
                if lead in encoded:
                    for prefix in prefixes:
                        wide -= encoded.count(prefix)
                    if exceptions is not None:
                        wide -= sign * len(exceptions.findall(encoded))
        return fast.light * len(text) + (self.default - fast.light) * wide


# Per lead byte: (lead, prefixes whose characters are light, a pattern of exceptions,
# -1 if those are heavy (added back) or 1 if light (taken off)).
_Plan: TypeAlias = tuple[bytes, tuple[bytes, ...], re.Pattern[bytes] | None, int]


@attrs.frozen
class _Utf8Light:
    """Counting light characters on UTF-8 bytes, for twitter-text's shape of table.

    That shape: the light ranges share one weight, cover everything below U+0800 and
    otherwise lie in the BMP.

    Characters from U+0800 up are exactly those whose UTF-8 lead byte is 0xE0 or more
    (``bytes.translate`` counts them). The light ones among them are counted per lead
    byte that occurs in the text: whole lead bytes or lead + second byte prefixes
    (``bytes.count``), less the heavy characters of mostly light 64-character blocks,
    plus the light characters of mostly heavy ones (small byte patterns). See
    :meth:`_Weights.weigh`.
    """

    light: int
    plans: tuple[_Plan, ...]


_HIGH_LEAD_BYTES = bytes(range(0xE0, 0x100))
_TWO_BYTE_END = 0x800  # UTF-8 encodes code points below this in one or two bytes
_BLOCK = 0x40  # code points sharing a UTF-8 lead and second byte
_LEAD_BLOCK = 0x1000  # code points sharing a UTF-8 lead byte (three-byte forms)


def _utf8_light(ranges: list[tuple[int, int, int]], default: int) -> _Utf8Light | None:
    """The byte-level counter for ``ranges``, if the table has the shape it needs."""
    weights = {weight for _, _, weight in ranges}
    if len(weights) != 1 or default in weights or max(end for _, end, _ in ranges) > 0xFFFF:
        return None
    light = bytearray(0x10000)
    for start, end, _ in ranges:
        light[start:end + 1] = b"\x01" * (end + 1 - start)
    if light[:_TWO_BYTE_END].count(0):
        return None
    plans: list[_Plan] = []
    for lead_index in range(_TWO_BYTE_END // _LEAD_BLOCK, 0x10):
        first = max(lead_index * _LEAD_BLOCK, _TWO_BYTE_END)
        last = (lead_index + 1) * _LEAD_BLOCK
        lead = bytes([0xE0 | lead_index])
        if not light[first:last].count(0):
            plans.append((lead, (lead,), None, 0))
            continue
        prefixes: list[bytes] = []
        heavy: list[bytes] = []  # exceptions inside counted (mostly light) blocks
        extra: list[bytes] = []  # light characters of mostly heavy blocks
        for block in range(first, last, _BLOCK):
            flags = light[block:block + _BLOCK]
            prefix = chr(block).encode("utf-8", "surrogatepass")[:2]
            if flags.count(1) * 2 > _BLOCK:
                prefixes.append(prefix)
                if flags.count(0):
                    heavy.append(prefix + _third_bytes(flags, 0))
            elif flags.count(1):
                extra.append(prefix + _third_bytes(flags, 1))
        if heavy and extra:
            return None  # not needed for twitter-text's tables; keeps the plan simple
        if prefixes or extra:
            found = heavy or extra
            pattern = re.compile(b"|".join(found)) if found else None
            plans.append((lead, tuple(prefixes), pattern, -1 if heavy else 1))
    return _Utf8Light(light=weights.pop(), plans=tuple(plans))


def _third_bytes(flags: bytearray, wanted: int) -> bytes:
    """A bytes class of the UTF-8 third bytes of a 64-block's code points flagged ``wanted``."""
    return b"[" + bytes(0x80 | index for index, flag in enumerate(flags) if flag == wanted) + b"]"


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
        classes=tuple((re.compile("[" + "".join(parts) + "]+"), weight)
                      for weight, parts in by_weight.items() if weight != default),
        fast=_utf8_light(ranges, default),
        ascii_weight=ascii_weights.pop() if len(ascii_weights) == 1 else None,
        emoji_version=float(data["emoji"]["max_version"]),
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
    urls = links.x_url_runs(text) if "." in text else []
    if not urls:
        if not emoji_on:
            if weights.ascii_weight is not None and text.isascii():
                return weights.ascii_weight * len(text) // weights.scale
            return weights.weigh(text) // weights.scale
        count, emoji_text = emoji_up_to(weights.emoji_version).split(text)
        plain_weight = weights.weigh(text) - (weights.weigh(emoji_text) if count else 0)
        return (count * weights.default + plain_weight) // weights.scale
    if text.isascii() and weights.ascii_weight is not None:
        covered = sum(end - start for start, end in urls)
        total = weights.ascii_weight * (len(text) - covered) + url_length * weights.scale * len(urls)
        return total // weights.scale
    emoji = emoji_up_to(weights.emoji_version).spans(text) if emoji_on else []
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


def _x(text: str, profile: Platform) -> tuple[int, str]:
    return x_weighted_length(text, _url_length(profile)), text


# ---------------------------------------------------------------------------------------
# Graphemes, Bluesky, Mastodon, Threads, UTF-16
# ---------------------------------------------------------------------------------------


def _bluesky(text: str, _profile: Platform) -> tuple[int, str]:
    sent = links.sent_text(text)
    return count_graphemes(sent), sent


def _mastodon(text: str, profile: Platform) -> tuple[int, str]:
    entities: list[tuple[int, int, str]] = []
    if ":" in text:
        placeholder = "x" * _url_length(profile)
        entities.extend((start, end, placeholder) for start, end in links.extract_mastodon_urls(text))
    entities.extend(links.extract_mastodon_mentions(text))
    if not entities:
        return count_graphemes(text), text
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
    return count_graphemes("".join(pieces)), text


def _threads(text: str, _profile: Platform) -> tuple[int, str]:
    if text.isascii():
        return len(text), text
    _, emoji = all_emoji().split(text)
    return len(text) + len(emoji.encode("utf-8")) - len(emoji), text


def _utf16(text: str, _profile: Platform) -> tuple[int, str]:
    if text.isascii():
        return len(text), text
    return len(text.encode("utf-16-le", "surrogatepass")) // 2, text


def _plain_graphemes(text: str, _profile: Platform) -> tuple[int, str]:
    return count_graphemes(text), text


def _codepoints(text: str, _profile: Platform) -> tuple[int, str]:
    return len(text), text


def _url_length(profile: Platform) -> int:
    if profile.url_length is None:
        msg = f"the {profile.counter!r} counter needs url_length (what one URL counts)"
        raise ConfigError(msg, field=f"platforms.{profile.name}.url_length")
    return profile.url_length


# Each counter returns (value in the platform's unit, the text as sent).
_COUNTERS: dict[str, Callable[[str, Platform], tuple[int, str]]] = {
    "x": _x,
    "bluesky": _bluesky,
    "mastodon": _mastodon,
    "threads": _threads,
    "utf16": _utf16,
    "graphemes": _plain_graphemes,
    "codepoints": _codepoints,
}
