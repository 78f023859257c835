"""Threads: a long text split into numbered posts that each fit, chained as replies.

``compose_thread`` cuts the text where a reader expects a break: at the last paragraph
or sentence end that fits, else the last clause mark, else the last word boundary, and only for a
single word longer than a post between grapheme clusters. It never cuts inside a URL,
hashtag or mention (the cut points of :mod:`postkit.text`). Each post is measured by
the platform's own counter with its numbering (``1/4``) and, in the first post (or the
last, ``link_in="last"``), the blurb line ``emoji CTA: link``. A text that fits in one
post is one post, unnumbered.

Posting a thread means replying to the previous post, and each API says so its own
way; :func:`reply_to` fills it in from the ids the API returned for earlier posts:

- Bluesky: ``reply = {root: {uri, cid}, parent: {uri, cid}}`` (strong refs of the first
  post and of the previous one, from ``createRecord``'s response);
- Mastodon: ``in_reply_to_id`` (the previous status's ``id``);
- X: ``in_reply_to_tweet_id`` (the previous tweet's ``id``; tweepy's ``create_tweet`` keyword,
  which it sends as the API's ``reply.in_reply_to_tweet_id``);
- Threads: ``reply_to_id`` (the previous post's media id).
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import attrs
import regex

from postkit._public import public
from postkit.article import Article
from postkit.cut_points import clause_cuts, cut_at, grapheme_cuts, protected_spans, sentence_cuts, word_cuts
from postkit.errors import ConfigError, FitError, RecordError
from postkit.platforms.counting import Measurement, measurements
from postkit.platforms.families import THREAD_FAMILIES
from postkit.platforms.names import PlatformName
from postkit.platforms.payloads import Payload
from postkit.platforms.registry import Platform, get_platform
from postkit.posts.blurb import BUILT_IN, Blurb, Vocabulary, blurb_for
from postkit.posts.fit import _largest
from postkit.posts.post import Post, ThreadPart
from postkit.posts.tracking import check_campaign, track_url
from postkit.text import ELLIPSIS, clean_html, clean_inline, markdown_paragraphs

__all__ = ["Thread", "compose_thread", "reply_to"]

#: The default most posts a thread may have.
MAX_POSTS = 10
# How far past a post's start to look for cuts, in characters per unit of the limit:
# generous for every counter (a Mastodon link of any length counts 23).
_WINDOW = 8
_BLANK_LINE = regex.compile(r"\r?\n[ \t]*\r?\n")


@public
@attrs.frozen
class Thread:
    """A composed thread: ``posts`` in order, each within the platform's limits.

    ``parts`` are the slices of the source text each post carries (without numbering or
    the blurb line); ``truncated`` is true when the text needed more than ``max_posts``
    posts and the last one ends in "…".
    """

    posts: tuple[Post, ...]
    parts: tuple[str, ...]
    platform: Platform = attrs.field(repr=lambda p: repr(p.name))
    truncated: bool = False

    def payloads(self) -> list[Payload]:
        """Each post's API payload, without reply fields: :func:`reply_to` adds them."""
        return [post.payload() for post in self.posts]


def reply_to(payload: Payload, platform: PlatformName | str | Platform, parent: Any, root: Any = None) -> Payload:
    """A copy of ``payload`` that replies to ``parent`` (and, on Bluesky, sits under ``root``).

    Args:
        payload: a post's payload from :meth:`Thread.payloads`.
        platform: the platform (its family's API spells the reply fields).
        parent: the previous post's id (Mastodon, X, Threads: a string or number, or a
            mapping or SDK answer with an ``id``), or on Bluesky its strong ref
            ``{"uri": ..., "cid": ...}`` from ``createRecord`` (or an answer with both).
        root: Bluesky only: the first post's strong ref (default: ``parent``).

    Raises:
        ConfigError: for a platform whose API has no replies.
        ReplyError: a parent (or root) the platform's API cannot reply to, naming which.
    """
    target = get_platform(platform)
    fields = target.family.reply_fields
    if fields is None:
        raise _no_threads(target)
    out = copy.deepcopy(payload)
    out.update(fields(parent, root))
    return out


def compose_thread(
    article: Article,
    platform: PlatformName | str | Platform,
    *,
    text: str | None = None,
    max_posts: int = MAX_POSTS,
    link_in: Literal["first", "last"] = "first",
    campaign: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Thread:
    """Split ``text`` (default: the title, then the article's body, else its summary) into a thread.

    Args:
        article: the article the thread announces (link, CTA, language).
        platform: a platform whose API chains replies (its family's ``reply_fields``:
            :data:`~postkit.platforms.families.THREAD_FAMILIES`).
        text: the text to thread; HTML is cleaned, paragraphs (blank lines) are kept.
            Default: the title, then the body's paragraphs (or the summary).
        max_posts: at most this many posts; more text is cut with "…" in the last one.
        link_in: which post carries the blurb line with the link.
        campaign: ``utm_campaign`` for the link.
        vocabulary: the newsroom's topic emoji, calls to action and ``utm_medium``.

    Raises:
        ConfigError: for a platform without replies, ``max_posts`` < 1, or a ``campaign``
            that is no campaign name (``tracking.check_campaign``).
        RecordError: when there is no text to thread.
        FitError: when a post cannot hold even its numbering, the blurb and one word.
    """
    campaign = check_campaign(campaign)
    target = get_platform(platform)
    if not target.family.has_replies:
        raise _no_threads(target)
    if max_posts < 1:
        raise ConfigError(f"max_posts must be at least 1, got {max_posts}")
    # Read no more text than max_posts posts can hold: a 20 MB body costs what the thread does.
    budget = max_posts * (target.limit * _WINDOW + 256)
    if text is not None:
        source = _paragraphs(text, budget)
    elif article.body and article.body_format == "markdown":
        lead = _paragraphs(article.title, budget)
        source = "\n\n".join(p for p in (lead, markdown_paragraphs(article.body, budget)[0]) if p)
    else:
        source = _paragraphs(f"{article.title}\n\n{article.body or article.summary or ''}", budget)
    if not source:
        raise RecordError("nothing to thread: no text, body or summary", field="body")
    words = vocabulary or BUILT_IN
    blurb = blurb_for(article.social, article.topics, article.language, vocabulary=words)
    link = track_url(article.url, target.name, campaign, words.utm_medium)
    line = f"{blurb.emoji} {blurb.cta}: {link}".strip()
    splitter = _Splitter(source, target, line, first=link_in == "first")

    if splitter.fits(source, 1, 1, last=True):
        parts, truncated = [source], False
    else:
        # Posts are measured with "i/total"; only the count's width matters ("9/9" vs "10/10"), so
        # split again with a wider count until the parts' own count is no wider (at most max_posts).
        total = 2
        parts, truncated = splitter.split(total, max_posts)
        while len(str(len(parts))) > len(str(total)):
            total = len(parts)
            parts, truncated = splitter.split(total, max_posts)
    total = len(parts)
    posts = tuple(
        splitter.post(part, i, total, article=article, blurb=blurb, link=link) for i, part in enumerate(parts, 1)
    )
    return Thread(posts=posts, parts=tuple(parts), platform=target, truncated=truncated)


def _paragraphs(text: str, limit: int | None = None) -> str:
    """Each paragraph of ``text`` cleaned to one line (HTML and invisible characters removed), a blank line between.

    As titles and summaries are (``clean_inline``): a U+FEFF or a noncharacter left in a post
    makes twitter-text call it invalid. With ``limit``, paragraphs are cleaned only until the
    text is longer than ``limit`` characters (a paragraph past what is needed is cut first, at a
    space outside a tag), so the cost is that of the thread, not of the text.
    """
    out: list[str] = []
    size = 0
    for block in _blocks(text):
        raw = (
            _cut_raw(block, 4 * (limit - size) + 64)
            if limit is not None and len(block) > 4 * (limit - size) + 64
            else block
        )
        paragraph = clean_inline(clean_html(raw))
        if paragraph:
            out.append(paragraph)
            size += len(paragraph) + 2
        if limit is not None and size > limit:
            break
    return "\n\n".join(out)


def _blocks(text: str) -> Iterator[str]:
    """The paragraphs of ``text`` (split at blank lines), one at a time."""
    start = 0
    for match in _BLANK_LINE.finditer(text):
        yield text[start : match.start()]
        start = match.end()
    yield text[start:]


def _cut_raw(raw: str, length: int) -> str:
    """``raw`` cut to about ``length`` characters at a space, never inside a tag."""
    cut = raw.rfind(" ", 0, length)
    head = raw[: cut if cut > 0 else length]
    tag = head.rfind("<")
    return head[:tag] if tag > head.rfind(">") else head


def _over(sizes: Sequence[Measurement]) -> bool:
    return any(m.over for m in sizes)


def _no_threads(platform: Platform) -> ConfigError:
    return ConfigError(
        f"{platform.name} has no replies to chain a thread with", hint=f"threads are for {', '.join(THREAD_FAMILIES)}"
    )


class _Splitter:
    """Greedy splitting of one source text for one platform, line and numbering."""

    def __init__(self, source: str, platform: Platform, line: str, *, first: bool) -> None:
        self.source = source
        self.platform = platform
        self.line = line
        self.first = first
        self.spans = protected_spans(source)
        self.ladder = (
            [m.start() for m in _BLANK_LINE.finditer(source)],
            sentence_cuts(source),
            [c + 1 if not source[c].isspace() else c for c in clause_cuts(source)],
            word_cuts(source),
            grapheme_cuts(source),
        )

    def post_text(self, part: str, index: int, total: int, *, last: bool) -> str:
        """The post: ``part``, its number, and the blurb line if this post carries it.

        With the link in the last post, the last post is the one the rest of the text fits
        in with the line, so no count needs to be known in advance.
        """
        number = f" {index}/{total}" if total > 1 else ""
        carries = (index == 1) if self.first else last
        return f"{part}{number}\n\n{self.line}" if carries else f"{part}{number}"

    def fits(self, part: str, index: int, total: int, *, last: bool = False) -> bool:
        return not _over(measurements(self.post_text(part, index, total, last=last), self.platform))

    def split(self, total: int, max_posts: int) -> tuple[list[str], bool]:
        """Cut the source into parts for a thread numbered ``/total``; (parts, truncated)."""
        parts: list[str] = []
        start = 0
        window = self.platform.limit * _WINDOW + 256
        while start < len(self.source):
            index = len(parts) + 1
            rest = self.source[start:]
            if self.fits(rest, index, total, last=True):
                parts.append(rest)
                return parts, False
            if index == max_posts:
                parts.append(self._last(start, index, total))
                return parts, True
            end = self._cut(start, start + window, index, total)
            parts.append(self.source[start:end].strip())
            start = end
            while start < len(self.source) and self.source[start].isspace():
                start += 1
        return parts, False

    def _cut(self, start: int, stop: int, index: int, total: int) -> int:
        for cuts in self.ladder:
            lo, hi = bisect.bisect_right(cuts, start), bisect.bisect_right(cuts, stop)
            best = _largest(cuts[lo:hi], lambda c: self.fits(self.source[start:c].strip(), index, total))
            if best is not None:
                return best
        msg = (
            f"post {index} of the thread cannot hold one word of the text with its numbering"
            f"{' and the line ' + repr(self.line) if index == 1 else ''} on {self.platform.name}"
        )
        raise FitError(msg, hint="shorten the CTA or the link, or raise the platform's limit")

    def _last(self, start: int, index: int, total: int) -> str:
        """The last allowed post, cut with "…" at the best boundary (the rest is dropped)."""
        stop = start + self.platform.limit * _WINDOW + 256
        for cuts in self.ladder:
            lo, hi = bisect.bisect_right(cuts, start), bisect.bisect_right(cuts, stop)
            best = _largest(cuts[lo:hi], lambda c: self.fits(self._ending(start, c), index, total, last=True))
            if best is not None:
                return self._ending(start, best)
        raise FitError(
            f"post {index} of the thread cannot hold one word on {self.platform.name}",
            hint="shorten the CTA or the link, or raise the platform's limit",
        )

    def _ending(self, start: int, cut: int) -> str:
        """``source[start:cut]`` ending in "…": dangling punctuation goes, unless it ends a URL, tag or mention."""
        part = self.source[start:cut].rstrip()
        end = start + len(part)
        if any(a < end <= b for a, b in self.spans):
            return f"{part} {ELLIPSIS}"  # a URL's trailing "/" or ")" is the URL's
        return cut_at(part, len(part))

    def post(self, part: str, index: int, total: int, *, article: Article, blurb: Blurb, link: str) -> Post:
        text = self.post_text(part, index, total, last=index == total)
        sizes = measurements(text, self.platform)
        if _over(sizes):  # the split measured every post; this guards the numbering's width
            raise FitError(f"post {index} of the thread is over the limit on {self.platform.name}")
        return Post(
            text=text,
            platform=self.platform,
            link=link if link in text else None,
            hashtags=(),
            truncated=(),
            emoji=blurb.emoji,
            cta=blurb.cta,
            article=article,
            measurements=sizes,
            thread=ThreadPart(index, total, 1 if self.first else total) if total > 1 else None,
        )
