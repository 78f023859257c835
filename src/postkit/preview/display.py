"""A post's text as display pieces: links, hashtags, hidden characters and finding highlights.

The card shows the text as the platform's app would (links as the app finds and shows them),
with each finding's span marked, snapped to whole grapheme clusters.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs
import regex

from postkit.platforms.links import find_links, shown_url
from postkit.posts.post import Post
from postkit.rules.base import Violation
from postkit.severity import Severity
from postkit.text import INVISIBLE_CHARS, find_hashtags

__all__ = ["SURROGATE", "findings", "tokens"]

# Shown as a visible token, never passed through: invisible controls (rule UNI001's set)
# and lone surrogates, which cannot even be written as UTF-8.
_HIDDEN = regex.compile(f"[{INVISIBLE_CHARS}\ud800-\udfff]")


SURROGATE = regex.compile("[\ud800-\udfff]")


_GRAPHEME = regex.compile(r"\X")


@attrs.frozen
class _Run:
    """A stretch of display text with the same findings over it."""

    text: str
    hidden: bool = False  # an invisible character, shown as ⟨U+XXXX⟩
    codes: str = ""  # the finding codes over it, space-separated ("" = not highlighted)
    severity: str = ""  # the worst of them: "error", "warning", "info"
    title: str = ""  # tooltip: one "CODE severity: message" per line


@attrs.frozen
class _Token:
    """A link, a hashtag or plain text, made of runs."""

    kind: str  # "text", "link", "tag"
    runs: tuple[_Run, ...]
    href: str | None = None


@attrs.frozen
class _Finding:
    """A violation as a card lists it."""

    code: str
    severity: str
    message: str
    hint: str | None
    excerpt: str | None  # the text it concerns, None for the whole post


def _grapheme_bounds(text: str) -> list[int]:
    return [0, *(match.end() for match in _GRAPHEME.finditer(text))]


def _snap(bounds: list[int], start: int, end: int) -> tuple[int, int]:
    """Widen ``start..end`` to grapheme boundaries: a <mark> must not split an emoji."""
    lo = max((b for b in bounds if b <= start), default=0)
    hi = min((b for b in bounds if b >= end), default=bounds[-1])
    return lo, hi


def _spans(post: Post, violations: Sequence[Violation]) -> list[tuple[int, int, Violation]]:
    """The highlighted span of each violation that concerns part of the text."""
    size = len(post.text)
    bounds = _grapheme_bounds(post.text)
    out = []
    for v in violations:
        start, end = max(0, min(v.start, size)), max(0, min(v.end, size))
        if end <= start:  # 0..0: the finding concerns the whole post, nothing to highlight
            continue
        lo, hi = _snap(bounds, start, end)
        out.append((lo, hi, v))
    return out


@attrs.frozen
class _Entity:
    """A link or hashtag in the text, and how the card shows it."""

    start: int
    end: int
    kind: str  # "link" or "tag"
    href: str | None = None
    display: str | None = None  # shown instead of the text (Bluesky's short links)


def _entities(post: Post) -> list[_Entity]:
    """Links and hashtags in the text, in order, not overlapping.

    The post's own tracked link is always a link, even where the platform's extractor
    would not make one (X and Mastodon want a TLD they know; ``news.example`` is not):
    the editor should see where the article link sits.
    """
    found = [_Entity(x.start, x.end, "link", x.href, x.display) for x in find_links(post.text, post.platform)]
    if post.link:
        own = shown_url(post.link, post.platform)
        at = post.text.find(post.link)
        while at >= 0:
            end = at + len(post.link)
            if not any(e.start < end and at < e.end for e in found):
                found.append(_Entity(at, end, "link", own.href, own.display))
            at = post.text.find(post.link, end)
    taken = [(e.start, e.end) for e in found]
    for start, end in find_hashtags(post.text):
        if not any(s < end and start < e for s, e in taken):
            found.append(_Entity(start, end, "tag"))
    return sorted(found, key=lambda e: e.start)


def _runs(text: str, offset: int, spans: Sequence[tuple[int, int, Violation]]) -> list[_Run]:
    """Split ``text`` (at ``offset`` in the post) where findings start and end."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        for at in (start - offset, end - offset):
            if 0 < at < len(text):
                cuts.add(at)
    for m in _HIDDEN.finditer(text):
        cuts.update((m.start(), m.end()))
    ordered = sorted(cuts)
    runs: list[_Run] = []
    for lo, hi in itertools.pairwise(ordered):
        piece = text[lo:hi]
        over = [v for s, e, v in spans if s < offset + hi and offset + lo < e]
        hidden = bool(_HIDDEN.fullmatch(piece))
        shown = f"U+{ord(piece):04X}" if hidden else piece
        runs.append(_mark(shown, over, hidden=hidden))
    return runs


def _mark(text: str, over: Sequence[Violation], *, hidden: bool = False) -> _Run:
    if not over:
        return _Run(text, hidden=hidden)
    worst = max(Severity(v.severity) for v in over)
    codes = " ".join(dict.fromkeys(v.code for v in over))
    title = "\n".join(f"{v.code} {Severity(v.severity)}: {v.message}" for v in over)
    return _Run(text, hidden=hidden, codes=codes, severity=str(worst), title=title)


def tokens(post: Post, violations: Sequence[Violation]) -> list[_Token]:
    """The post's text as plain text, links and hashtags, each split where findings are.

    On Bluesky a link shows as the app shows it (host + shortened path) while its href
    keeps the full URL; a finding anywhere in it highlights the whole shortened link.
    """
    text = post.text
    spans = _spans(post, violations)
    tokens: list[_Token] = []
    at = 0
    for entity in _entities(post):
        start, end = entity.start, entity.end
        if start > at:
            tokens.append(_Token("text", tuple(_runs(text[at:start], at, spans))))
        if entity.display is not None and entity.display != text[start:end]:
            over = [v for s, e, v in spans if s < end and start < e]
            runs: tuple[_Run, ...] = (_mark(entity.display, over),)
        else:
            runs = tuple(_runs(text[start:end], start, spans))
        tokens.append(_Token(entity.kind, runs, href=entity.href))
        at = end
    if at < len(text):
        tokens.append(_Token("text", tuple(_runs(text[at:], at, spans))))
    return tokens


def findings(post: Post, violations: Sequence[Violation]) -> list[_Finding]:
    """The findings as the card lists them: worst first, each with the text it marks."""
    ordered = sorted(violations, key=lambda v: (-Severity(v.severity), v.start, v.code))
    size = len(post.text)
    out = []
    for v in ordered:
        start, end = max(0, min(v.start, size)), max(0, min(v.end, size))
        excerpt = post.text[start:end] if end > start else None
        if excerpt is not None and len(excerpt) > 80:
            excerpt = excerpt[:79] + "…"
        out.append(_Finding(v.code, str(Severity(v.severity)), v.message, v.hint, excerpt))
    return out
