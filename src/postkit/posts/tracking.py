"""Link tracking: UTM parameters on the article URL, everything else left as it was."""

from __future__ import annotations

import functools
import urllib.parse

__all__ = ["track_url"]


def track_url(url: str, platform: str, campaign: str | None = None) -> str:
    """Set ``utm_source=<platform>``, ``utm_medium=social`` and optionally ``utm_campaign``.

    Parameters of the same name already in the URL are replaced; every other parameter
    keeps its place and its exact spelling (no re-encoding), and the fragment stays.

    >>> track_url("https://news.example/a?id=7&utm_source=rss#top", "x")
    'https://news.example/a?id=7&utm_source=x&utm_medium=social#top'
    """
    path, kept, hash_mark, fragment = _split(url, with_campaign=bool(campaign))
    # (A template's ``tracked`` filter may pass any campaign value: only strings are cached.)
    plain = type(platform) is str and (campaign is None or type(campaign) is str)
    added = _utm(platform, campaign) if plain else _utm.__wrapped__(platform, campaign)
    return f"{path}?{kept}{added}{hash_mark}{fragment}"


@functools.lru_cache(maxsize=64)
def _utm(platform: str, campaign: str | None) -> str:
    """The UTM parameters postkit sets, encoded (the same for every article on a platform)."""
    ours = [("utm_source", platform), ("utm_medium", "social")]
    if campaign:
        ours.append(("utm_campaign", campaign))
    return "&".join(f"{name}={urllib.parse.quote(value, safe='')}" for name, value in ours)


@functools.lru_cache(maxsize=256)
def _split(url: str, *, with_campaign: bool) -> tuple[str, str, str, str]:
    """The URL's path, the query parameters kept (each followed by '&'), and the fragment.

    The same for every platform an article is posted to, so worked out once per URL.
    """
    replaced = {"utm_source", "utm_medium", "utm_campaign"} if with_campaign else {"utm_source", "utm_medium"}
    base, hash_mark, fragment = url.partition("#")
    path, _, query = base.partition("?")
    kept = [  # empty items ("a=1&&b=2") are kept too: only the UTM parameters may differ
        item
        for item in (query.split("&") if query else [])
        if urllib.parse.unquote_plus(item.split("=", 1)[0]) not in replaced
    ]
    return path, "".join(f"{item}&" for item in kept), hash_mark, fragment
