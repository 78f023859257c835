"""LinkedIn: the ``commentary`` of a post in the "little" text format, and its payload.

LinkedIn's ``commentary`` is in the little text format, where reserved characters must be
backslash-escaped or the post is silently cut at the first one (Microsoft Learn,
little-text-format). URLs and the post's own hashtags stay as written.
"""

from __future__ import annotations

import regex

from postkit.text import find_urls

__all__ = ["escape_little", "linkedin_payload"]

_LITTLE_RESERVED = regex.compile(r"[\\|{}@\[\]()<>#*_~]")


def escape_little(text: str, hashtags: tuple[str, ...] = ()) -> str:
    r"""Escape LinkedIn "little" reserved characters, keeping URLs and intended hashtags.

    >>> escape_little("Q&A (live) #MiddleEast https://a.example/x_(y)", ("#MiddleEast",))
    'Q&A \\(live\\) #MiddleEast https://a.example/x_(y)'
    """
    keep: list[tuple[int, int]] = list(find_urls(text, trailing=True))
    for tag in hashtags:
        keep.extend(m.span() for m in regex.finditer(regex.escape(tag) + r"(?![\p{L}\p{M}\p{N}_])", text))
    keep.sort()
    out: list[str] = []
    pos = 0
    for start, end in keep:
        if start < pos:
            continue
        out.append(_LITTLE_RESERVED.sub(lambda m: "\\" + m.group(), text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(_LITTLE_RESERVED.sub(lambda m: "\\" + m.group(), text[pos:]))
    return "".join(out)


def linkedin_payload(text: str, hashtags: tuple[str, ...]) -> dict[str, object]:
    """The Posts API body: escaped commentary, public, published to the main feed."""
    return {
        "commentary": escape_little(text, hashtags),
        "visibility": "PUBLIC",
        "lifecycleState": "PUBLISHED",
        "distribution": {"feedDistribution": "MAIN_FEED"},
    }
