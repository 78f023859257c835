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
    host + path, a path over 15 characters cut to 13 + "..." (:func:`~postkit.platforms.bluesky.short_url`).
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

Every platform number (limits, URL length) comes from the :class:`~postkit.platforms.registry.Platform`;
twitter-text's weights come from ``data/twitter_text.toml``. Tables and patterns are
built once, on first use; nothing about a text is cached, so each call does the work.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import attrs

from postkit._emoji_scan import all_emoji
from postkit._graphemes import count as count_graphemes
from postkit._graphemes import count_without_conjuncts
from postkit.errors import ConfigError
from postkit.platforms.bluesky import sent_text
from postkit.platforms.mastodon import countable_text
from postkit.platforms.registry import Platform, get_platform
from postkit.platforms.x import x_weighted_length

__all__ = ["Measurement", "fits", "measure", "measurements"]


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


# Each counter returns (value in the platform's unit, the text as sent).


def _x(text: str, profile: Platform) -> tuple[int, str]:
    return x_weighted_length(text, _url_length(profile)), text


def _bluesky(text: str, _profile: Platform) -> tuple[int, str]:
    sent = sent_text(text)
    return count_graphemes(sent), sent


def _mastodon(text: str, profile: Platform) -> tuple[int, str]:
    # Mastodon runs on Ruby 3.4 (Unicode 15.0: no Indic conjunct rule), so conjuncts count
    # split: the larger count, never under a server on either rules.
    return count_without_conjuncts(countable_text(text, _url_length(profile))), text


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


_COUNTERS: dict[str, Callable[[str, Platform], tuple[int, str]]] = {
    "x": _x,
    "bluesky": _bluesky,
    "mastodon": _mastodon,
    "threads": _threads,
    "utf16": _utf16,
    "graphemes": _plain_graphemes,
    "codepoints": _codepoints,
}
