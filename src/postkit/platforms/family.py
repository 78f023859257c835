"""A platform family: what every platform posting through one app or API does alike.

A :class:`Family` holds, in one object, each choice that depends on which app or API a
platform is: how it counts a text, which links its app makes and how it shows them, the
API payload, the reply fields of a thread, the link card, the preview's card style, and
and where its sender lives (what ``postkit publish`` sends with). A profile names its family
(``family = "mastodon"`` in ``data/platforms.toml`` or in configuration), so a
configured platform built on ``base = "linkedin"`` behaves as LinkedIn. Each family's
object lives in that family's module (``x.py``, ``bluesky.py``, …); ``families.py`` is the
one registry of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import pkgutil
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import attrs
import regex

from postkit import _data
from postkit.errors import ConfigError
from postkit.platforms import _hashtag_chars

if TYPE_CHECKING:
    from postkit.platforms.links import FoundLink
    from postkit.platforms.payloads import Payload, PostParts
    from postkit.platforms.registry import Platform

__all__ = ["Counter", "Family", "LinkCard", "plain_hashtag", "plain_hashtag_reference", "rule_classes", "url_length"]


@functools.cache
def _plain_hashtag() -> regex.Pattern[str]:
    """Letters, marks, decimal digits, "_" and a middle dot between letters (Catalan "l·l"), with a letter.

    Only characters npm twitter-text's own (older) Unicode tables take (``data/twitter_text.toml``,
    ``[hashtag]``): what every platform's rule takes whole -- twitter-text's hashtag characters,
    Mastodon's ``[[:word:]]`` and separators, the run of a detectFacets tag.
    """
    letter, taken, _ = rule_classes()
    char = f"(?:{taken}|_|(?<=\\p{{L}})\\u00b7(?=\\p{{L}}))"
    return regex.compile(f"(?=.*{letter}){char}+", regex.DOTALL)


def rule_classes() -> tuple[str, str, str]:
    r"""The reference rule's classes, for ``regex``: a letter, a character a tag may hold, a letter a tag may hold.

    The third is not in the rule as written (a middle dot stands between ``\p{L}``): within a
    whole body the two are one (``platforms._hashtag_chars``).
    """
    table = _data.twitter_text()["hashtag"]

    def chars(items: list[str]) -> str:
        return "".join("-".join(f"\\U{int(part, 16):08x}" for part in item.split("-")) for item in items)

    letter = f"(?=[{chars(table['alpha'])}])\\p{{L}}"
    # U+20E2 (a mark) ends a Bluesky tag (detectFacets' stop characters).
    taken = f"(?=[{chars(table['alphanumeric'])}])(?!\\u20e2)[\\p{{L}}\\p{{M}}\\p{{Nd}}]"
    beside = f"(?=[{chars(table['alphanumeric'])}])\\p{{L}}"
    return letter, taken, beside


def plain_hashtag(body: str) -> bool:
    """Whether ``"#" + body`` is one whole hashtag by the plain rule every platform shares.

    A body that ends in "_" is not (Bluesky drops trailing punctuation, "_" included).

    >>> plain_hashtag("MiddleEast"), plain_hashtag("C++"), plain_hashtag("2024"), plain_hashtag("a_")
    (True, False, False, False)
    """
    if body.isascii():  # the common case, without the big character classes
        return _PLAIN_ASCII.fullmatch(body) is not None and not body.endswith("_")
    # The rule's classes generated as ranges and compiled by re, from the regex cache (see _hashtag_chars).
    return _hashtag_chars.pattern().fullmatch(body) is not None and not body.endswith("_")


def plain_hashtag_reference(body: str) -> bool:
    """:func:`plain_hashtag` by its ``regex`` pattern alone (the reference)."""
    return _plain_hashtag().fullmatch(body) is not None and not body.endswith("_")


_PLAIN_ASCII = re.compile(r"[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*")


@attrs.frozen
class Counter:
    """A counting scheme, by the name a profile's ``counter`` may give.

    ``count(text, platform)`` returns the text's length in the platform's unit and the
    text as the app sends it (Bluesky shortens links; the byte limit is on that text).
    """

    name: str
    count: Callable[[str, Platform], tuple[int, str]] = attrs.field(repr=False)


@attrs.frozen
class LinkCard:
    """The link card a payload embeds, as the app shows it under the post."""

    uri: str
    title: str
    description: str


@attrs.frozen
class Family:
    """One platform family: everything chosen by which app or API a platform is.

    Attributes:
        name: what a profile's ``family`` says (``"x"``, ``"bluesky"``, ``"text"`` …).
        counter: how its app counts; None for the generic ``text`` family, whose
            platforms name a counter (``utf16``, ``graphemes``, ``codepoints``).
        find_links: the links its app makes in a text, with how it shows each.
        show_link: how its app shows one URL (None: as written).
        payload: the API payload of a post: ``payload(parts, platform, created_at)``.
        reply_fields: the fields that make a payload a reply, from the parent's id (and
            on Bluesky the thread root); None where the API has no replies (no threads).
        link_card: the link card its payload embeds, read back from a payload; None
            where posts carry no card (and so no card image to upload).
        preview_style: the card style of ``postkit preview`` (a ``card-<style>`` CSS
            class and, unless the platform has its own, the placeholder handle).
        sender: ``"package.module:NAME"`` of the callable that opens a channel to the
            platform's API (a :class:`~postkit.platforms.sending.Connector`, in a private
            module beside the family's), imported only when publishing, and importing its
            SDK only when called (so ``import postkit`` never imports one); None: no sender.
        takes_hashtag: whether its app links ``"#" + body`` as one whole hashtag
            (default :func:`plain_hashtag`, what every platform takes; Bluesky's rule also
            takes symbols such as ``C++`` and ``.NET``).
    """

    name: str
    counter: Counter | None = attrs.field(repr=False)
    find_links: Callable[[str], list[FoundLink]] = attrs.field(repr=False)
    show_link: Callable[[str], str | None] = attrs.field(repr=False)
    payload: Callable[[PostParts, Platform, dt.datetime | None], Payload] = attrs.field(repr=False)
    reply_fields: Callable[[Any, Any], Payload] | None = attrs.field(default=None, repr=False)
    link_card: Callable[[Payload], LinkCard | None] | None = attrs.field(default=None, repr=False)
    preview_style: str = "generic"
    sender: str | None = None
    takes_hashtag: Callable[[str], bool] = attrs.field(default=plain_hashtag, repr=False)

    @property
    def has_replies(self) -> bool:
        """Whether its API chains replies, so a thread can be posted."""
        return self.reply_fields is not None

    def load_sender(self) -> Callable[..., Any] | None:
        """The sender named by :attr:`sender`, imported now (None when the family has none)."""
        if self.sender is None:
            return None
        found = pkgutil.resolve_name(self.sender)
        if not callable(found):
            msg = f"the {self.name} family's sender {self.sender!r} is not callable"
            raise TypeError(msg)
        return cast("Callable[..., Any]", found)


def url_length(platform: Platform) -> int:
    """What one URL counts on ``platform``; a counter that needs it raises without it.

    Raises:
        ConfigError: naming ``platforms.NAME.url_length``.
    """
    if platform.url_length is None:
        msg = f"the {platform.family.name!r} counter needs url_length (what one URL counts)"
        raise ConfigError(msg, field=f"platforms.{platform.name}.url_length")
    return platform.url_length
