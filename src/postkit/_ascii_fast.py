"""ASCII fast paths of record validation: most records are plain ASCII text and URLs.

Each function answers only when the plain reference would give the same answer
(``text.clean_inline``, ``article.check_url``), and None otherwise, so the caller
falls back to the reference. Tests compare them on generated inputs.
"""

from __future__ import annotations

import re

__all__ = ["plain_inline", "simple_http_url"]

# An http(s) URL with a scheme in lower case, a host of ASCII letters, digits, dots and
# hyphens (so no credentials, no port, no brackets), then printable ASCII without
# spaces: urlsplit gives it scheme http(s), a host and no user or password.
_SIMPLE_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?:[/?#][!-~]*)?")


def plain_inline(text: str) -> str | None:
    """``clean_inline(text)`` for printable ASCII, or None.

    Printable ASCII is already NFC and holds no invisible character, and its only
    whitespace is the space: collapsing runs and trimming is ``split`` and ``join``.
    """
    if text.isascii() and text.isprintable():
        return " ".join(text.split()) if "  " in text or text[:1] == " " or text[-1:] == " " else text
    return None


def simple_http_url(value: str) -> bool:
    """Whether ``check_url`` accepts ``value`` for certain (False: ask it)."""
    return value.isascii() and _SIMPLE_URL.fullmatch(value) is not None
