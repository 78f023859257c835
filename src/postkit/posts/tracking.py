"""Link tracking: UTM parameters on the article URL, everything else left as it was."""

from __future__ import annotations

import functools
import re
import urllib.parse

from postkit.errors import ConfigError

__all__ = ["MAX_CAMPAIGN", "check_campaign", "track_url"]

#: The longest ``utm_campaign`` postkit sets: a campaign is a short name (Google Analytics 4
#: keeps at most 100 characters of an event parameter's value).
MAX_CAMPAIGN = 100
# Query parameters are separated by "&", and by ";" in the older form (HTML 4.01 B.2.2).
_SEPARATOR = re.compile("([&;])")


def check_campaign(campaign: str | None, *, field: str = "utm-campaign") -> str | None:
    """``campaign`` if it is a campaign name: one line, printable, at most :data:`MAX_CAMPAIGN` characters.

    Checked once, as configuration, before any record: a bad one is one error naming the
    setting, not one per record blamed on the template.

    Raises:
        ConfigError: naming ``field``.
    """
    if campaign is None:
        return None
    if not isinstance(campaign, str):
        raise ConfigError(f"expected a campaign name, got {type(campaign).__name__}", field=field)
    if len(campaign) > MAX_CAMPAIGN:
        raise ConfigError(f"a campaign name of {len(campaign):,} characters; at most {MAX_CAMPAIGN}", field=field)
    if not campaign.strip() or not campaign.isprintable():
        raise ConfigError("expected a campaign name on one line, without control characters", field=field)
    return campaign


def track_url(url: str, platform: str, campaign: str | None = None, medium: str = "social") -> str:
    """Set ``utm_source=<platform>``, ``utm_medium`` (default ``social``) and optionally ``utm_campaign``.

    Parameters of the same name already in the URL are replaced, whether "&" or ";"
    separates them; every other parameter keeps its place, its separator and its exact
    spelling (no re-encoding), and the fragment stays.

    >>> track_url("https://news.example/a?id=7&utm_source=rss#top", "x")
    'https://news.example/a?id=7&utm_source=x&utm_medium=social#top'
    >>> track_url("https://news.example/a?id=7;utm_source=rss;b=2", "x")
    'https://news.example/a?id=7;b=2&utm_source=x&utm_medium=social'
    """
    path, kept, hash_mark, fragment = _split(url, with_campaign=bool(campaign))
    # (A template's ``tracked`` filter may pass any campaign value: only strings are cached.)
    plain = type(platform) is str and (campaign is None or type(campaign) is str) and type(medium) is str
    added = _utm(platform, campaign, medium) if plain else _utm.__wrapped__(platform, campaign, medium)
    return f"{path}?{kept}{added}{hash_mark}{fragment}"


@functools.lru_cache(maxsize=64)
def _utm(platform: str, campaign: str | None, medium: str = "social") -> str:
    """The UTM parameters postkit sets, encoded (the same for every article on a platform)."""
    ours = [("utm_source", platform), ("utm_medium", medium)]
    if campaign:
        ours.append(("utm_campaign", campaign))
    return "&".join(f"{name}={urllib.parse.quote(value, safe='')}" for name, value in ours)


@functools.lru_cache(maxsize=256)
def _split(url: str, *, with_campaign: bool) -> tuple[str, str, str, str]:
    """The URL's path, the query parameters kept (each followed by its separator, the last by '&'), the fragment.

    The same for every platform an article is posted to, so worked out once per URL.
    """
    replaced = {"utm_source", "utm_medium", "utm_campaign"} if with_campaign else {"utm_source", "utm_medium"}
    base, hash_mark, fragment = url.partition("#")
    path, _, query = base.partition("?")
    pieces = [*_SEPARATOR.split(query), "&"] if query else []  # item, separator, item, ..., item, "&"
    kept = [  # empty items ("a=1&&b=2") are kept too: only the UTM parameters may differ
        (item, separator)
        for item, separator in zip(pieces[0::2], pieces[1::2], strict=True)
        if urllib.parse.unquote_plus(item.split("=", 1)[0]) not in replaced
    ]
    # Each kept item with the separator that followed it, but "&" before postkit's own: every
    # server splits on "&", not every one on ";".
    joined = "".join(item + separator for item, separator in kept[:-1]) + (f"{kept[-1][0]}&" if kept else "")
    return path, joined, hash_mark, fragment
