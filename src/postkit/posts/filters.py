"""The filters and globals postkit adds to templates (Jinja's ``FILTERS`` style)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2

from postkit.cut_points import cut_graphemes
from postkit.posts.hashtags import hashtag, hashtags_from_tags
from postkit.posts.tracking import track_url

__all__ = ["FILTERS", "GLOBALS", "TRACKING", "hashtag", "hashtags_from_tags", "shorten", "tracked"]

#: The render context's key for the ``utm_campaign`` and ``utm_medium`` compose was given
#: (configured or on the command line), which the ``tracked`` filter uses unless told otherwise.
TRACKING = "_postkit_tracking"


def _hashtags_filter(tags: Any, limit: int | None = None, platform: str | None = None) -> list[str]:
    # One string is one tag, not a list of one-letter tags.
    return hashtags_from_tags([tags] if isinstance(tags, str) else tags, limit, platform)


def _hashtag_filter(tag: Any, platform: str | None = None) -> str:
    return hashtag(str(tag), platform)


def tracked(url: str, platform: str, campaign: str | None = None) -> str:
    """The URL with ``utm_source``/``utm_medium`` (and ``utm_campaign``) set (see ``compose``)."""
    return track_url(str(url), str(platform), campaign)


@jinja2.pass_context
def _tracked_in_template(context: jinja2.runtime.Context, url: Any, platform: Any, campaign: Any = None) -> str:
    """``{{ url | tracked("x") }}`` with the run's ``utm_campaign`` and ``utm_medium``, as ``{{ link }}`` has them.

    A campaign given in the template wins; the medium is the configured one (default ``social``).
    """
    given = context.get(TRACKING)
    configured, medium = given if isinstance(given, tuple) else (None, "social")
    return track_url(str(url), str(platform), configured if campaign is None else campaign, medium)


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
    "hashtag": _hashtag_filter,
    "hashtags": _hashtags_filter,
    "tracked": _tracked_in_template,
    "utm": _tracked_in_template,
    "shorten": shorten,
}

#: Functions a template may call directly.
GLOBALS: Mapping[str, Callable[..., Any]] = {"emojize": _emojize, "tracked": _tracked_in_template, "shorten": shorten}
