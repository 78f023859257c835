"""Post: a composed post, what it is made of, and its API payload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from postkit._public import public
from postkit.article import Article
from postkit.platforms.counting import Measurement
from postkit.platforms.payloads import Payload, PostParts, build_payload
from postkit.platforms.registry import Platform
from postkit.text import clean_html

if TYPE_CHECKING:
    import jinja2

__all__ = ["Post", "Rendering", "ThreadPart"]


@attrs.frozen(eq=False)
class Rendering:
    """How a post's text was made: its template and the values of its last render, after fitting.

    Rendering the template with ``context`` gives the text again; ``posts.provenance``
    does so with every piece of output marked, to tell where each part of the text
    comes from. Kept by reference: making it costs compose nothing. It does not
    pickle (a compiled template cannot): a pickled post loads with ``rendering`` None.
    """

    template: jinja2.Template
    context: Mapping[str, Any]

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Pickled as None: a compiled template does not pickle, and an unpickled post is traced no more."""
        return _no_rendering, ()


def _no_rendering() -> None:
    """What a pickled Rendering loads as."""


@attrs.frozen
class ThreadPart:
    """Where a post stands in a thread: part ``index`` of ``total`` (from 1), and the part that carries the blurb line.

    Only one post of a thread carries the blurb line (emoji, call to action, link): the first,
    or the last with ``link_in="last"``. The others are replies with no link of their own, by
    design; the structure rules judge the thread, so they look for the link in ``carrier``.
    """

    index: int
    total: int
    carrier: int

    @property
    def carries_link(self) -> bool:
        """Whether this post is the one that carries the thread's blurb line and link."""
        return self.index == self.carrier


@public
@attrs.frozen
class Post:
    """A composed post that fits its platform.

    ``text`` is what a person would paste, with the full tracked link; ``measurements``
    hold its size against each of the platform's limits, the main one first;
    ``truncated`` names what the fitting shortened or dropped (``"hashtags"``,
    ``"summary"``, ``"summary dropped"``, ``"title"``), in the order it happened.
    ``link`` is the tracked link in the text; where links are not clickable (Instagram:
    the text says "Link in bio") it is the tracked link for the bio or a link sticker.
    ``rendering`` is how the text was made (None for a thread's posts), for
    ``posts.provenance.trace``; it takes no part in comparing posts. ``thread`` is where a
    thread's post stands in it (None for a post of its own).
    """

    text: str
    platform: Platform = attrs.field(repr=lambda p: repr(p.name))
    link: str | None
    hashtags: tuple[str, ...]
    truncated: tuple[str, ...]
    emoji: str
    cta: str
    article: Article = attrs.field(repr=False)
    measurements: tuple[Measurement, ...] = attrs.field(repr=False)
    template: str | None = None
    rendering: Rendering | None = attrs.field(default=None, eq=False, repr=False)
    thread: ThreadPart | None = None

    @property
    def length(self) -> int:
        """The text's size in the platform's own unit (``measure(text, platform)``)."""
        return self.measurements[0].value

    @property
    def limit(self) -> int:
        """The platform's limit, in the same unit as :attr:`length`."""
        return self.platform.limit

    @property
    def fits(self) -> bool:
        """Whether the text is within every limit of the platform."""
        return not any(m.over for m in self.measurements)

    @property
    def card_image(self) -> str | None:
        """The image URL for a link card's thumbnail (Bluesky), which the caller uploads as a blob.

        None where the platform's family embeds no link card, or the post has no link.

        A record cannot carry a URL as the thumbnail (the lexicon wants a blob): fetch this,
        upload it with ``com.atproto.repo.uploadBlob`` and set ``embed.external.thumb``.
        """
        return self.article.image if self.platform.family.link_card is not None and self.link else None

    def payload(self, created_at: dt.datetime | None = None) -> Payload:
        """The request body for the platform's API (``postkit.platforms.payloads``)."""
        article = self.article
        parts = PostParts(
            self.text,
            self.link,
            self.hashtags,
            article.language,
            article.image,
            image_alt=article.image_alt,
            title=clean_html(article.title) or article.title,
            description=clean_html(article.summary) if article.summary else None,
            content_warning=article.content_warning,
        )
        return build_payload(parts, self.platform, created_at)
