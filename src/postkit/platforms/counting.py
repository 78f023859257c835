"""Length counting in each platform's own unit.

A post postkit calls "fits" must be accepted by the platform, so each counter follows
the platform's own code (sources in ``data/platforms.toml``). The counter is the
platform's family's (:attr:`Platform.counting <postkit.platforms.registry.Platform.counting>`),
or the generic one its profile's ``counter`` names; each lives in its family's module:

``x`` (:mod:`~postkit.platforms.x`)
    twitter-text 3.1 weighting: text in NFC; code points in the light ranges weigh 1,
    the rest 2; an emoji sequence of Emoji <= 12.0 weighs 2 (newer ones count per code
    point, as twitter-text's data does); each URL it extracts weighs ``url_length``.
    CRLF counts 2, as the JavaScript library counts it (the Python port folds it to 1).
``bluesky`` (:mod:`~postkit.platforms.bluesky`)
    extended grapheme clusters of the text as the app sends it: each link shown as
    host + path, a path over 15 characters cut to 13 + "..." (:func:`~postkit.platforms.bluesky.short_url`).
    Its second limit, ``byte_limit``, is on the UTF-8 bytes of that same text.
``mastodon`` (:mod:`~postkit.platforms.mastodon_api`)
    grapheme clusters; each URL with a scheme counts ``url_length``; ``@user@domain``
    counts as ``@user``.
``threads`` (:mod:`~postkit.platforms.threads`)
    code points, but each emoji sequence counts as its UTF-8 byte length (Meta's rule;
    the whole sequence's bytes, the cautious reading).
``utf16``, ``graphemes``, ``codepoints`` (:mod:`~postkit.platforms.generic`)
    UTF-16 code units (LinkedIn, Facebook, Instagram, Telegram), plain grapheme clusters
    or code points: any profile may name one.

Every platform number (limits, URL length) comes from the :class:`~postkit.platforms.registry.Platform`;
twitter-text's weights come from ``data/twitter_text.toml``. Tables and patterns are
built once, on first use; nothing about a text is cached, so each call does the work.
"""

from __future__ import annotations

import functools

import attrs

from postkit._public import public
from postkit.platforms.names import PlatformName
from postkit.platforms.registry import Platform, get_platform

__all__ = ["Measurement", "fits", "measure", "measurements"]


@public
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


def measure(text: str, platform: PlatformName | str | Platform) -> int:
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
    target = _builtin(platform) if isinstance(platform, str) else platform
    return target.counting.count(text, target)[0]


def measurements(text: str, platform: PlatformName | str | Platform) -> tuple[Measurement, ...]:
    """Every limit of the platform with the text's value against it, main limit first.

    A platform with a ``byte_limit`` (Bluesky: 3000) gets a second measurement: the
    UTF-8 bytes of the text as sent, links shortened as the app shows them.

    >>> [(m.value, m.limit, m.unit) for m in measurements("Kaim crossing reopens 🌍", "bluesky")]
    [(23, 300, 'graphemes'), (26, 3000, 'UTF-8 bytes')]
    """
    target = _builtin(platform) if isinstance(platform, str) else platform
    value, sent = target.counting.count(text, target)
    found = [Measurement(value, target.limit, target.unit)]
    if target.byte_limit is not None:
        size = len(sent.encode("utf-8", "surrogatepass"))
        found.append(Measurement(size, target.byte_limit, "UTF-8 bytes"))
    return tuple(found)


def fits(text: str, platform: PlatformName | str | Platform) -> bool:
    """Whether ``text`` is within every limit of the platform."""
    return not any(m.over for m in measurements(text, platform))


@functools.cache
def _builtin(name: str) -> Platform:
    """A built-in platform by name (the lookup, not any text, is what is remembered)."""
    return get_platform(name)
