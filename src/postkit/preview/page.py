"""``postkit preview``: one self-contained HTML page showing every post as it will appear.

Editors approve teasers by looking at them, so the page shows, for each article, a row
of cards styled after each platform's post: the text with its link and hashtags, a
counter gauge in the platform's own unit, what fitting shortened, and every finding,
with the span it concerns highlighted in the text.

The page is rendered by Jinja2 with autoescaping from ``templates/preview/page.html.j2``;
every piece of record or template text reaches it as plain data, so a record cannot
inject markup. A Content-Security-Policy that allows no script, font, image or
connection is a second line of defence, and keeps the page from fetching anything.
"""

from __future__ import annotations

import functools
import os
import urllib.parse
from collections.abc import Iterable
from typing import Any

import attrs
import jinja2

from postkit import _data
from postkit.output import write_text
from postkit.pipeline import Card, Row
from postkit.platforms.counting import Measurement
from postkit.posts.post import Post
from postkit.preview.display import SURROGATE, findings, tokens
from postkit.severity import Severity
from postkit.text import clean_html

__all__ = ["PreviewSummary", "is_rtl", "render_preview", "summarize", "write_preview"]

_TEMPLATE = "page.html.j2"


@attrs.frozen
class PreviewSummary:
    """The counts at the top of the page, and what a CLI reports and exits on.

    ``errors`` counts error-severity findings plus records that could not be read and
    posts that could not be composed: everything that stops a post from going out.
    ``record_warnings`` counts the records' own warnings (an unreadable date left out, a
    field read under another name), shown beside each record.
    """

    articles: int = 0
    posts: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failed_records: int = 0
    failed_posts: int = 0
    record_warnings: int = 0
    skipped: int = 0  # drafts, scheduled and private posts: said, not errors


def summarize(rows: Iterable[Row]) -> PreviewSummary:
    """Count articles, posts and findings by severity over ``rows``."""
    counts = dict.fromkeys(attrs.fields_dict(PreviewSummary), 0)
    for row in rows:
        counts["record_warnings"] += len(row.warnings)
        if row.skipped:  # a draft: shown with why, not an error
            counts["skipped"] += 1
            continue
        if row.article is None or row.error is not None:
            counts["failed_records"] += 1
            counts["errors"] += 1
            continue
        counts["articles"] += 1
        for card in row.cards:
            if card.post is None:
                counts["failed_posts"] += 1
                counts["errors"] += 1
                continue
            counts["posts"] += 1
            for violation in card.violations:
                key = {Severity.ERROR: "errors", Severity.WARNING: "warnings"}.get(
                    Severity(violation.severity), "infos"
                )
                counts[key] += 1
    return PreviewSummary(**counts)


def is_rtl(language: str) -> bool:
    """Whether text in ``language`` (a BCP-47 tag) is written right to left.

    A script subtag decides when there is one, else the primary language subtag
    (data: ``data/preview.toml``, from CLDR).

    >>> is_rtl("ar"), is_rtl("az-Arab"), is_rtl("ug-Latn"), is_rtl("en-GB")
    (True, True, False, False)
    """
    direction = _data.table("preview.toml")["direction"]
    parts = language.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title() in direction["rtl_scripts"]
    return parts[0].lower() in direction["rtl_languages"]


def _gauge(m: Measurement) -> dict[str, Any]:
    warn_at = float(_data.table("preview.toml")["gauge"]["warn_at"])
    share = m.value / m.limit if m.limit else 1.0
    state = "over" if m.value > m.limit else ("near" if share >= warn_at else "ok")
    return {
        "value": m.value,
        "limit": m.limit,
        "unit": m.unit,
        "state": state,
        "percent": round(min(share, 1.0) * 100, 1),
        "left": m.limit - m.value,
    }


def _card_view(card: Card) -> dict[str, Any]:
    data = _data.table("preview.toml")
    platform = card.platform
    style = platform.family.preview_style
    view: dict[str, Any] = {
        "platform": platform.title or platform.name,
        "name": platform.name,
        "style": style,
        "handle": data["handles"].get(platform.name, data["handles"].get(style, data["handles"]["default"])),
        "unconfirmed": platform.unconfirmed,
        "error": str(card.error) if card.error is not None else None,
        "post": None,
    }
    post = card.post
    if post is None:
        view["status"] = "blocked"
        return view
    measured = post.measurements
    labels = data["shortened"]
    listed = findings(post, card.violations)
    worst = max((Severity(v.severity) for v in card.violations), default=Severity.INFO)
    view["status"] = {Severity.ERROR: "blocked", Severity.WARNING: "review"}.get(worst, "ready")
    if not post.fits:  # over a limit is never ready, whatever the checker said
        view["status"] = "blocked"
    view["post"] = {
        "tokens": tokens(post, card.violations),
        "gauges": [_gauge(m) for m in measured],
        "shortened": [labels.get(step, step) for step in post.truncated],
        "findings": listed,
        "bio_link": None if platform.links_clickable else post.link,  # the tracked link that goes in the bio
        "template": post.template,
        "link_card": _link_card(post),
    }
    return view


def _link_card(post: Post) -> dict[str, Any] | None:
    """The link card the post's payload embeds (Bluesky), as the app shows it (the page loads no images)."""
    read = post.platform.family.link_card
    card = read(post.payload()) if read is not None else None
    if card is None:
        return None
    return {
        "uri": card.uri,
        "domain": urllib.parse.urlsplit(card.uri).hostname or "",
        "title": card.title,
        "description": card.description,
        "image": post.card_image,
        "alt": post.article.image_alt,
    }


_STATUSES = ("ready", "review", "blocked")


def _worst_status(statuses: Iterable[str]) -> str:
    return max(statuses, key=_STATUSES.index, default="ready")


def _row_view(row: Row, number: int) -> dict[str, Any]:
    article = row.article
    cards = [_card_view(card) for card in row.cards]
    language = article.language if article is not None else "und"
    return {
        "anchor": f"article-{number}",
        "number": number,
        # The heading reads as the posts do (entities decoded, tags gone, as compose
        # cleans them); the record's own spelling follows when it differs.
        "title": (clean_html(article.title) or article.title) if article is not None else None,
        "raw_title": article.title if article is not None else None,
        "url": article.url if article is not None else None,
        "id": article.id if article is not None else None,
        "language": language,
        "rtl": is_rtl(language),
        "source": row.source,
        # A draft (a SkippedRecord) is not an error: shown as skipped, with why, not among the unreadable.
        "error": row.error.message if row.error is not None and not row.skipped else None,
        "skipped": row.error.message if row.error is not None and row.skipped else None,
        # A record's warnings beside its cards: each with its place (a file's notes, said once
        # on its last record, name the first record that had them).
        "warnings": [{"where": w.where, "message": w.message, "field": w.field} for w in row.warnings],
        "cards": cards,
        "status": "skipped" if row.skipped else "blocked" if row.error else _worst_status(c["status"] for c in cards),
    }


@functools.cache
def _environment() -> jinja2.Environment:
    # autoescape=True for every template: the page is HTML and nothing in it is trusted.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("postkit", "templates/preview"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_preview(rows: Iterable[Row], *, title: str = "postkit preview") -> str:
    """Render the preview page for ``rows``: one self-contained HTML document.

    Args:
        rows: one row per article (or per record that failed to load), each with a
            card per platform.
        title: the page's title and heading.

    Returns:
        The HTML page, with inline CSS only; nothing is fetched when it is opened.
    """
    rows = list(rows)
    summary = summarize(rows)
    # By name: two platforms with one title (a configured platform and its base) stay apart.
    per_platform: dict[str, dict[str, Any]] = {}
    for row in rows:
        for card in row.cards:
            counts = per_platform.setdefault(
                card.platform.name,
                {"title": card.platform.title or card.platform.name, "posts": 0, "failed": 0}
                | {"error": 0, "warning": 0, "info": 0},
            )
            if card.post is None:
                counts["failed"] += 1
                continue
            counts["posts"] += 1
            for v in card.violations:
                counts[str(Severity(v.severity))] += 1
    views = [_row_view(row, n) for n, row in enumerate(rows, 1)]
    page = (
        _environment()
        .get_template(_TEMPLATE)
        .render(
            title=title,
            summary=summary,
            platforms=per_platform,
            rows=views,
            failed=[view for view in views if view["error"] is not None],
        )
    )
    # A lone surrogate (UNI002 in a record) cannot be encoded: show U+FFFD, as a browser would.
    return SURROGATE.sub("\ufffd", page)


def write_preview(
    rows: Iterable[Row], output: str | os.PathLike[str] = "-", *, title: str = "postkit preview"
) -> PreviewSummary:
    """Write the preview page for ``rows`` to ``output`` (``"-"``: stdout), whole or not at all.

    ``rows`` come from ``pipeline.rows(paths, platforms, check=RuleSet(...).check)`` (what
    ``postkit preview`` shows) or from ``ci.validate``'s ``sink`` (``postkit check
    --preview``). A file is replaced atomically (``output.atomic_output``), so a failed run
    never leaves half a page.

    Returns:
        The page's counts; ``errors`` (error findings, records that could not be read,
        posts that could not be composed) is what ``postkit preview`` exits on.

    Raises:
        OSError: when ``output`` cannot be written.
    """
    shown = list(rows)
    write_text(render_preview(shown, title=title), output)
    return summarize(shown)
