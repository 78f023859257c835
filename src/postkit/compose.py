"""compose(): render an article's teaser for a platform, then fit it by the degradation ladder.

The ladder (DESIGN.md "Fitting"), re-measuring in the platform's own unit at each step:
drop hashtags from the end → cut the summary at a sentence, then a clause, then a word
boundary → drop the summary → cut the title at a word boundary, or at a grapheme boundary
where no word boundary fits. The link, the CTA and the title's start are never cut.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2

from postkit.article import Article
from postkit.counting import Measurement, measurements
from postkit.emojis import blurb_for
from postkit.errors import FitError, RecordError
from postkit.platforms import Platform, get_platform
from postkit.templates import hashtags_from_tags, render, template_set
from postkit.text import (
    ELLIPSIS,
    clause_cuts,
    clean_html,
    cut_at,
    grapheme_cuts,
    graphemes,
    sentence_cuts,
    word_cuts,
)
from postkit.tracking import track_url

__all__ = ["Post", "compose"]


@attrs.frozen
class Post:
    """A composed post that fits its platform.

    ``text`` is what a person would paste, with the full tracked link; ``length`` is
    ``measure(text, platform)`` in the platform's unit; ``truncated`` names what the
    fitting shortened or dropped (``"hashtags"``, ``"summary"``, ``"summary dropped"``,
    ``"title"``), in the order it happened.
    """

    text: str
    platform: str
    length: int
    limit: int
    profile: Platform = attrs.field(repr=False)
    link: str | None
    hashtags: tuple[str, ...]
    truncated: tuple[str, ...]
    emoji: str
    cta: str
    article: Article | None = attrs.field(default=None, repr=False)
    template: str | None = None
    measurements: tuple[Measurement, ...] = attrs.field(default=(), repr=False)

    @property
    def fits(self) -> bool:
        """Whether the text is within every limit of the platform."""
        return not any(m.over for m in self.measurements)

    def payload(self) -> dict[str, Any]:
        """The request body for the platform's API (see ``postkit.payloads``)."""
        from postkit.payloads import build_payload  # noqa: PLC0415 - payloads imports Post

        return build_payload(self)


def _tidy(text: str) -> str:
    """Trim line ends, keep at most one blank line in a row, trim the whole."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _largest(cuts: Sequence[int], ok: Callable[[int], bool]) -> int | None:
    """The largest cut for which ``ok`` holds (binary search, then a check below)."""
    lo, hi, best = 0, len(cuts) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if ok(cuts[mid]):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    # Length grows with the prefix for every counter postkit knows, so when the shortest
    # cut fails nothing fits: O(log n) renders, never one per cut.
    return cuts[best] if best is not None else None


class _Fitter:
    """Holds one composition's parts and re-renders as the ladder shortens them."""

    def __init__(self, template: jinja2.Template, context: dict[str, Any], platform: Platform) -> None:
        self.template = template
        self.context = context
        self.platform = platform
        self.text = ""
        self.sizes: tuple[Measurement, ...] = ()

    def trial(self, **changes: Any) -> bool:
        """Render with ``changes`` on top of the current parts; keep the text if it fits."""
        context = {**self.context, **changes}
        text = _tidy(render(self.template, context))
        sizes = measurements(text, self.platform)
        if any(m.over for m in sizes):
            return False
        self.text, self.sizes = text, sizes
        return True

    def commit(self, **changes: Any) -> bool:
        """Make ``changes`` part of the post (the ladder's step taken), then try it."""
        self.context = {**self.context, **changes}
        return self.trial()


def _cut_summary(fit: _Fitter, summary: str) -> bool:
    for cuts, end in ((sentence_cuts(summary), ""), (clause_cuts(summary), ELLIPSIS),
                      (word_cuts(summary), ELLIPSIS)):

        def ok(cut: int, end: str = end) -> bool:
            return fit.trial(summary=cut_at(summary, cut, end))

        best = _largest(cuts, ok)
        if best is not None:
            return fit.commit(summary=cut_at(summary, best, end))
    return False


def _cut_title(fit: _Fitter, title: str) -> bool:
    for cuts in (word_cuts(title), grapheme_cuts(title)):
        best = _largest(cuts, lambda c: fit.trial(title=cut_at(title, c)))
        if best is not None:
            return fit.commit(title=cut_at(title, best))
    return False


def _load_template(template: str | os.PathLike[str] | jinja2.Template | None,
                   templates: str | os.PathLike[str] | None, platform: str) -> jinja2.Template:
    tset = template_set(str(templates) if templates is not None else None)
    if template is None:
        return tset.for_platform(platform)
    if isinstance(template, jinja2.Template):
        return template
    if isinstance(template, os.PathLike):
        path = Path(template)
        return tset.from_source(path.read_text("utf-8"), name=str(path))
    return tset.from_source(template)


def compose(
    article: Article,
    platform: str | Platform,
    *,
    template: str | os.PathLike[str] | jinja2.Template | None = None,
    templates: str | os.PathLike[str] | None = None,
    campaign: str | None = None,
) -> Post:
    """Compose the teaser for ``article`` on ``platform`` and fit it to the platform's limits.

    Args:
        article: the article to announce.
        platform: a platform name (``"x"``, ``"bluesky"``, …) or a Platform profile.
        template: Jinja source text, a template file path, or a compiled template;
            default: the platform's template from ``templates`` or the shipped defaults.
        templates: a folder of templates that shadow the defaults (``teaser.txt.j2``,
            ``<platform>.txt.j2``).
        campaign: ``utm_campaign`` for the link.

    Returns:
        A Post whose ``measure`` is within every limit of the platform.

    Raises:
        FitError: when not even one title grapheme, "…", the CTA and the link fit.
        TemplateError: when the template cannot be parsed or rendered (TPL001-TPL003).
    """
    profile = get_platform(platform)
    compiled = _load_template(template, templates, profile.name)
    blurb = blurb_for(article.social, article.topics, article.language, bio=not profile.links_clickable)
    link = track_url(article.url, profile.name, campaign) if profile.links_clickable else None
    title = clean_html(article.title)
    if not title:
        raise RecordError("title is empty once its HTML markup is removed", field="title",
                          hint="give the record a plain-text title")
    summary = clean_html(article.summary) if (article.summary and profile.summary) else None
    hashtags = hashtags_from_tags(article.tags, profile.hashtags_advised or profile.hashtags_max)
    context: dict[str, Any] = {
        **attrs.asdict(article, recurse=False),
        "title": title,
        "summary": summary or None,
        "tags": list(article.tags),
        "topics": list(article.topics),
        "sources": list(article.sources),
        "link": link or "",
        "emoji": blurb.emoji,
        "cta": blurb.cta,
        "hashtags": hashtags,
        "platform": profile.name,
        "limit": profile.limit,
        "unit": profile.unit,
    }
    fit = _Fitter(compiled, context, profile)
    truncated: list[str] = []
    ok = fit.trial()
    # What the full post shows: the ladder reports only what a reader would miss.
    shown = "" if ok else _tidy(render(compiled, context))
    while not ok and hashtags:
        dropped = hashtags[-1]
        hashtags = hashtags[:-1]
        ok = fit.commit(hashtags=hashtags)
        if dropped in shown and "hashtags" not in truncated:
            truncated.append("hashtags")
    if not ok and summary:
        ok = _cut_summary(fit, summary)
        if ok:
            truncated.append("summary")
        else:
            ok = fit.commit(summary=None)
            truncated.append("summary dropped")
        if summary not in shown:
            truncated.pop()
    if not ok:
        ok = _cut_title(fit, title)
        truncated.append("title")
    if not ok:
        first = graphemes(title)[0] + ELLIPSIS
        sizes = measurements(_tidy(render(compiled, {**fit.context, "title": first})), profile)
        over = "; ".join(f"{m.value} > {m.limit} {m.unit}" for m in sizes if m.over)
        msg = (f"nothing fits on {profile.name}: even one title character, '…', the CTA "
               f"{blurb.cta!r} and the link measure {over}")
        raise FitError(msg, hint="raise the platform's limit or shorten the CTA")
    present = tuple(tag for tag in fit.context["hashtags"] if tag in fit.text)
    return Post(
        text=fit.text,
        platform=profile.name,
        length=fit.sizes[0].value,
        limit=profile.limit,
        profile=profile,
        link=link if link and link in fit.text else None,
        hashtags=present,
        truncated=tuple(truncated),
        emoji=blurb.emoji,
        cta=blurb.cta,
        article=article,
        template=compiled.name,
        measurements=fit.sizes,
    )
