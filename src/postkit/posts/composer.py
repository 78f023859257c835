"""compose(): render an article's teaser for a platform, then fit it by the ladder."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import attrs
import jinja2

from postkit.article import Article
from postkit.errors import RecordError
from postkit.platforms.names import PlatformName
from postkit.platforms.registry import Platform, get_platform
from postkit.posts.blurb import BUILT_IN, Blurb, Vocabulary, blurb_for
from postkit.posts.filters import TRACKING
from postkit.posts.fit import fit
from postkit.posts.hashtags import Takes, hashtags_from_tags, same_everywhere
from postkit.posts.loader import template_set
from postkit.posts.post import Post, Rendering
from postkit.posts.sandbox import budget
from postkit.posts.tracking import check_campaign, track_url
from postkit.text import clean_html, find_hashtags

__all__ = ["compose", "template_context"]


def _load_template(
    template: str | os.PathLike[str] | jinja2.Template | None, templates: str | os.PathLike[str] | None, platform: str
) -> jinja2.Template:
    tset = template_set(str(templates) if templates is not None else None)
    if template is None:
        return tset.for_platform(platform)
    if isinstance(template, jinja2.Template):
        return template
    if isinstance(template, os.PathLike):
        path = Path(template)
        return tset.from_source(path.read_text("utf-8"), name=str(path))
    return tset.from_source(template)


def template_context(
    article: Article, platform: Platform, *, campaign: str | None = None, vocabulary: Vocabulary | None = None
) -> dict[str, Any]:
    """What a template receives for ``article`` on ``platform`` (README, "Variables").

    Raises:
        RecordError: when the title is empty once its HTML markup is removed.
    """
    words = vocabulary or BUILT_IN
    parts = _parts_of(article)
    blurb = parts.blurb(bio=not platform.links_clickable, vocabulary=words)
    link = track_url(article.url, platform.name, campaign, words.utm_medium) if platform.links_clickable else None
    title = parts.title
    if not title:
        raise RecordError(
            "title is empty once its HTML markup is removed", field="title", hint="give the record a plain-text title"
        )
    summary = parts.summary if platform.summary else None
    # 0 advised means none (``or`` would read it as "no advice" and fall back to the maximum).
    advised = platform.hashtags_advised if platform.hashtags_advised is not None else platform.hashtags_max
    if advised is not None and ("#" in title or (summary is not None and "#" in summary)):  # the article's own count
        advised = max(0, advised - len(find_hashtags(title)) - len(find_hashtags(summary or "")))
    return {
        **parts.fields,
        "title": title,
        "summary": summary or None,
        "link": link or "",
        "emoji": blurb.emoji,
        "cta": blurb.cta,
        "hashtags": parts.hashtags(advised, platform),
        "platform": platform.name,
        "limit": platform.limit,
        "unit": platform.unit,
        TRACKING: (campaign, words.utm_medium),  # for the ``tracked`` filter, as ``link`` has them
    }


class _Parts:
    """What composing takes from an article whatever the platform, worked out once.

    Composing one article for eight platforms cleaned its title and summary, copied
    its fields and shaped its hashtags eight times. Articles are frozen, so the last
    article's parts are kept (see :func:`_parts_of`) and each platform takes what it needs.
    """

    __slots__ = ("_blurbs", "_hashtags", "_plain", "_same", "_words", "article", "fields", "summary", "title")

    def __init__(self, article: Article) -> None:
        self.article = article
        self.title = clean_html(article.title)
        self.summary = clean_html(article.summary) if article.summary else None
        # Templates get lists (and cannot change them: the sandbox is immutable).
        self.fields: dict[str, Any] = {
            **{name: getattr(article, name) for name in _FIELDS},  # attrs.asdict(recurse=False), directly
            "tags": list(article.tags),
            "topics": list(article.topics),
            "sources": list(article.sources),
        }
        self._words: Vocabulary = BUILT_IN
        self._blurbs: dict[bool, Blurb] = {}
        self._hashtags: dict[tuple[int | None, Takes], list[str]] = {}
        self._plain: dict[int | None, list[str]] = {}  # the same for every family (plain ASCII tags)
        self._same: bool | None = None

    def blurb(self, *, bio: bool, vocabulary: Vocabulary) -> Blurb:
        if vocabulary is not self._words:  # another run's words: start again
            self._words, self._blurbs = vocabulary, {}
        found = self._blurbs.get(bio)
        if found is None:
            article = self.article
            found = self._blurbs[bio] = _blurb(
                article.social, article.topics, article.language, bio=bio, vocabulary=vocabulary
            )
        return found

    def hashtags(self, limit: int | None, platform: Platform) -> list[str]:
        """A fresh list each time: the ladder drops from its own copy; spelled by ``platform``'s family's rule."""
        same = self._same
        if same is None:
            same = self._same = same_everywhere(self.article.tags)
        if same:  # plain ASCII tags: one list for every family
            found = self._plain.get(limit)
            if found is None:
                found = self._plain[limit] = hashtags_from_tags(self.article.tags, limit)
            return list(found)
        takes = platform.family.takes_hashtag
        found = self._hashtags.get((limit, takes))
        if found is None:
            found = self._hashtags[limit, takes] = hashtags_from_tags(self.article.tags, limit, takes)
        return list(found)


# What a template gets of the article (body_format says how to read body; threads use it, templates need not).
_FIELDS = tuple(field.name for field in attrs.fields(Article) if field.name != "body_format")

# Feeds repeat a few topic, language and social-line combinations across many articles
# (all hashable: an Article's topics are a tuple); a Blurb is frozen, so it is shared.
_blurb = functools.lru_cache(maxsize=1024)(blurb_for)

_last: _Parts | None = None


def _parts_of(article: Article) -> _Parts:
    """The parts of ``article``: the last article's are reused when it is the same object."""
    global _last  # noqa: PLW0603 - a one-article cache; replacing it is atomic
    last = _last
    if last is None or last.article is not article:
        last = _last = _Parts(article)
    return last


def compose(
    article: Article,
    platform: PlatformName | str | Platform,
    *,
    template: str | os.PathLike[str] | jinja2.Template | None = None,
    templates: str | os.PathLike[str] | None = None,
    campaign: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Post:
    """Compose the teaser for ``article`` on ``platform`` and fit it to the platform's limits.

    Args:
        article: the article to announce.
        platform: a platform name (``"x"``, ``"bluesky"``, …) or a :class:`~postkit.platforms.registry.Platform`.
        template: Jinja source text, a template file path, or a compiled template;
            default: the platform's template from ``templates`` or the shipped defaults.
        templates: a folder of templates that shadow the defaults (``teaser.txt.j2``,
            ``<platform>.txt.j2``).
        campaign: ``utm_campaign`` for the link.
        vocabulary: the newsroom's topic emoji, calls to action and ``utm_medium``
            (``[tool.postkit.emoji]``, ``[tool.postkit.cta]``, ``utm-medium``); default the built-ins.

    Returns:
        A Post whose ``measure`` is within every limit of the platform.

    Raises:
        FitError: when not even one title grapheme, "…", the CTA and the link fit.
        TemplateError: when the template cannot be parsed or rendered (TPL001-TPL003).
        ConfigError: ``campaign`` is no campaign name (``tracking.check_campaign``).
    """
    campaign = check_campaign(campaign)
    target = get_platform(platform)
    compiled = _load_template(template, templates, target.name)
    context = template_context(article, target, campaign=campaign, vocabulary=vocabulary)
    with budget():  # one record's budget for the whole ladder (and, under rows(), every platform)
        fitted = fit(compiled, context, target)
    if target.links_clickable:
        link = context["link"] if context["link"] and context["link"] in fitted.text else None
    else:  # "Link in bio": the tracked link is kept for the bio or a link sticker, not put in the text
        link = track_url(article.url, target.name, campaign, (vocabulary or BUILT_IN).utm_medium)
    return Post(
        text=fitted.text,
        platform=target,
        link=link,
        hashtags=fitted.hashtags,
        truncated=fitted.truncated,
        emoji=context["emoji"],
        cta=context["cta"],
        article=article,
        measurements=fitted.sizes,
        template=compiled.name,
        rendering=Rendering(compiled, fitted.context),
    )
