"""Link tracking: UTM parameters on the article URL, everything else left as it was."""

from __future__ import annotations

import urllib.parse

__all__ = ["track_url"]


def track_url(url: str, platform: str, campaign: str | None = None) -> str:
    """Set ``utm_source=<platform>``, ``utm_medium=social`` and optionally ``utm_campaign``.

    Parameters of the same name already in the URL are replaced; every other parameter
    keeps its place and its exact spelling (no re-encoding), and the fragment stays.

    >>> track_url("https://news.example/a?id=7&utm_source=rss#top", "x")
    'https://news.example/a?id=7&utm_source=x&utm_medium=social#top'
    """
    ours = [("utm_source", platform), ("utm_medium", "social")]
    if campaign:
        ours.append(("utm_campaign", campaign))
    replaced = {name for name, _ in ours}
    base, hash_mark, fragment = url.partition("#")
    path, question, query = base.partition("?")
    kept = [  # empty items ("a=1&&b=2") are kept too: only the UTM parameters may differ
        item for item in (query.split("&") if query else [])
        if urllib.parse.unquote_plus(item.split("=", 1)[0]) not in replaced
    ]
    kept += [f"{name}={urllib.parse.quote(value, safe='')}" for name, value in ours]
    del question
    return f"{path}?{'&'.join(kept)}{hash_mark}{fragment}"
