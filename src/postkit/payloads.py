"""Per-platform API payloads: what a client sends, derived from a composed Post.

``Post.text`` is what a person pastes; the payload is what an API client sends. They
differ where the platform's API differs from its composer: Bluesky wants the link text
shortened as its app shows it plus facets (UTF-8 byte offsets) carrying the full URL;
LinkedIn's ``commentary`` is in the "little" text format, where reserved characters must
be backslash-escaped or the post is silently cut at the first one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

import regex

from postkit.links import short_url, shorten_links

if TYPE_CHECKING:
    from postkit.compose import Post

__all__ = ["Payload", "bluesky_record", "build_payload", "escape_little"]

Payload: TypeAlias = dict[str, Any]
"""A JSON-ready request body (or record) for one platform's API."""

# LinkedIn "little" format reserved characters (Microsoft Learn, little-text-format).
_LITTLE_RESERVED = regex.compile(r"[\\|{}@\[\]()<>#*_~]")
_URL = regex.compile(r"https?://[^\s<>\"]+")


def escape_little(text: str, hashtags: tuple[str, ...] = ()) -> str:
    r"""Escape LinkedIn "little" reserved characters, keeping URLs and intended hashtags.

    >>> escape_little("Q&A (live) #MiddleEast https://a.example/x_(y)", ("#MiddleEast",))
    'Q&A \\(live\\) #MiddleEast https://a.example/x_(y)'
    """
    keep: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)]
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


def _byte_span(text: str, start: int, end: int) -> dict[str, int]:
    begin = len(text[:start].encode("utf-8"))
    return {"byteStart": begin, "byteEnd": begin + len(text[start:end].encode("utf-8"))}


def bluesky_record(post: Post, created_at: dt.datetime | None = None) -> Payload:
    """An ``app.bsky.feed.post`` record: shortened link text, link and tag facets, langs.

    The text is what ``measure`` counted: every link the app would detect (the tracked
    link, and any URL in the title) shown as the app shows it, each with a link facet
    whose byte range selects exactly that text. The tracked link's facet carries it in
    full, even where the app would leave a trailing "?" or ")" out of a link it detects.
    Each hashtag facet selects ``#Tag`` (at the start or after whitespace, outside links)
    and carries ``Tag``.
    """
    segments: list[str | None] = [post.text]
    if post.link and post.link in post.text:
        before, _, after = post.text.partition(post.link)
        segments = [before, None, after]
    text = ""
    links: list[tuple[int, int, str]] = []
    for segment in segments:
        start = len(text.encode("utf-8"))
        if segment is None:
            shown = short_url(post.link or "")
            links.append((start, start + len(shown.encode("utf-8")), post.link or ""))
            text += shown
            continue
        sent, found = shorten_links(segment)
        links.extend((start + f.byte_start, start + f.byte_end, f.url) for f in found)
        text += sent
    facets: list[dict[str, Any]] = [
        {
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
        }
        for start, end, uri in links
    ]
    for tag in post.hashtags:
        for m in regex.finditer(r"(?<!\S)" + regex.escape(tag) + r"(?![\p{L}\p{M}\p{N}_])", text):
            span = _byte_span(text, m.start(), m.end())
            if not any(start < span["byteEnd"] and span["byteStart"] < end for start, end, _ in links):
                facets.append({
                    "index": span,
                    "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag[1:]}],
                })
    facets.sort(key=lambda f: f["index"]["byteStart"])
    when = created_at or dt.datetime.now(dt.UTC)
    record: Payload = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": when.isoformat().replace("+00:00", "Z"),
    }
    if facets:
        record["facets"] = facets
    if post.article is not None:
        record["langs"] = [post.article.language]
    return record


def _language(post: Post) -> str | None:
    return post.article.language.split("-")[0] if post.article is not None else None


def _mastodon(post: Post) -> Payload:
    payload: Payload = {"status": post.text, "visibility": "public"}
    if (lang := _language(post)) is not None:
        payload["language"] = lang
    return payload


def _linkedin(post: Post) -> Payload:
    return {
        "commentary": escape_little(post.text, post.hashtags),
        "visibility": "PUBLIC",
        "lifecycleState": "PUBLISHED",
        "distribution": {"feedDistribution": "MAIN_FEED"},
    }


def _telegram(post: Post) -> Payload:
    article = post.article
    caption_limit = post.profile.caption_limit
    as_caption = caption_limit is not None and len(post.text.encode("utf-16-le")) // 2 <= caption_limit
    if article is not None and article.image and as_caption:
        return {"photo": article.image, "caption": post.text}
    return {"text": post.text}


def _instagram(post: Post) -> Payload:
    payload: Payload = {"caption": post.text}
    if post.article is not None and post.article.image:
        payload["image_url"] = post.article.image
    return payload


def _facebook(post: Post) -> Payload:
    payload: Payload = {"message": post.text}
    if post.link:
        payload["link"] = post.link
    return payload


_BUILDERS: dict[str, Callable[[Post], Payload]] = {
    "bluesky": bluesky_record,
    "mastodon": _mastodon,
    "linkedin": _linkedin,
    "telegram": _telegram,
    "instagram": _instagram,
    "facebook": _facebook,
    "threads": lambda post: {"media_type": "TEXT", "text": post.text},
}


def build_payload(post: Post) -> Payload:
    """The API payload for ``post`` by its platform's counter family; ``{"text": ...}`` otherwise."""
    builder = _BUILDERS.get(post.platform) or _BUILDERS.get(post.profile.counter)
    return builder(post) if builder is not None else {"text": post.text}
