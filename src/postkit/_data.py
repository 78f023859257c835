"""Loaders for the data files the counters share, read once on first use."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

__all__ = ["iana_tlds", "twitter_text"]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("postkit").joinpath(f"data/{name}").read_text("utf-8"))


@functools.cache
def twitter_text() -> dict[str, Any]:
    """twitter-text's weights, emoji version and TLD lists (``data/twitter_text.toml``)."""
    return _load("twitter_text.toml")


@functools.cache
def iana_tlds() -> frozenset[str]:
    """The IANA TLDs Bluesky's app checks bare domains against (``data/iana_tlds.toml``)."""
    return frozenset(_load("iana_tlds.toml")["tlds"])
