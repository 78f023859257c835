"""The one pipeline: records × platforms → compose → check, row by row.

``postkit compose``, ``postkit check`` and ``postkit preview`` all run this loop; they
differ only in what they do with each row. Every record ends in a row: an article with
one card per platform (a post and its findings, or the error that stopped it), or the
RecordError that says why the record could not be read. Rows stream, so a million
records need no more memory than one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs
import jinja2

from postkit.article import Article
from postkit.errors import PostkitError, RecordError
from postkit.platforms.registry import Platform
from postkit.posts.composer import compose
from postkit.posts.loader import template_set
from postkit.posts.post import Post
from postkit.posts.sandbox import budget
from postkit.records import IdRegistry, Record, iter_records
from postkit.rules.base import Violation

__all__ = ["Card", "Checker", "Row", "TemplateFor", "rows"]

TemplateFor = Callable[[Platform], "jinja2.Template | None"]
"""The template to compose with on a platform; None skips the platform (no card)."""
Checker = Callable[[Post], Sequence[Violation]]
"""What checks a post: ``RuleSet(...).check`` (a configured rule set), or a test's own."""


def _violations(items: Iterable[Violation]) -> tuple[Violation, ...]:
    return tuple(items)


@attrs.frozen
class Card:
    """One platform's outcome for one article: the post and its findings, or why there is none.

    Args:
        platform: the profile the post was composed for.
        post: the composed post; None when composing failed (see ``error``).
        violations: the rule engine's findings on the post (empty when not checked).
        error: why no post could be composed (a FitError or TemplateError).
    """

    platform: Platform
    post: Post | None = None
    violations: tuple[Violation, ...] = attrs.field(default=(), converter=_violations)
    error: PostkitError | None = None


def _cards(items: Iterable[Card]) -> tuple[Card, ...]:
    return tuple(items)


@attrs.frozen
class Row:
    """One record's outcome: its article and cards, or the error that stopped the record.

    Args:
        article: the article; None for a record that failed to load.
        cards: one card per platform, in the order of the platforms given.
        source: where the record came from (``examples/a.jsonl, line 3``).
        error: why the record could not be read.
        path: the file the record came from; ``index`` and ``line``: its place in it.
        warnings: what was odd but not wrong: unknown fields, each with a did-you-mean.
    """

    article: Article | None
    cards: tuple[Card, ...] = attrs.field(default=(), converter=_cards)
    source: str | None = None
    error: RecordError | None = None
    path: str | None = None
    index: int | None = None
    line: int | None = None
    warnings: tuple[RecordError, ...] = ()


def _row(record: Record, cards: tuple[Card, ...] = ()) -> Row:
    article = record.value if isinstance(record.value, Article) else None
    error = record.value if isinstance(record.value, RecordError) else None
    source = error.where if error is not None and error.where else record.label
    return Row(article, cards, source, error, record.path, record.index, record.line, record.warnings)


def rows(
    paths: Iterable[str | os.PathLike[str]],
    platforms: Iterable[Platform],
    *,
    templates: str | os.PathLike[str] | None = None,
    template_for: TemplateFor | None = None,
    campaign: str | None = None,
    check: Checker | None = None,
    strict: bool = False,
) -> Iterator[Row]:
    """Read every record under ``paths``, compose it for each platform, check each post.

    Args:
        paths: record files or folders (``"-"`` for stdin), read as ``iter_records`` reads them.
        platforms: the profiles to compose for.
        templates: a folder of templates over the shipped defaults.
        template_for: overrides ``templates``: the compiled template per platform.
        campaign: ``utm_campaign`` for the links.
        check: what checks each post (``RuleSet.from_config(config).check``); None: no checking.
        strict: a record with an unknown field fails (its first unknown field is the error);
            otherwise unknown fields are the row's ``warnings``.

    Yields:
        One Row per record, in input order; nothing raises for bad records or templates.
    """
    targets = tuple(platforms)
    if template_for is None:
        tset = template_set(os.fspath(templates) if templates is not None else None)

        def template_for(platform: Platform) -> jinja2.Template | None:
            return tset.for_platform(platform.name)

    chosen: dict[str, jinja2.Template | PostkitError | None] = {}
    for platform in targets:
        try:
            chosen[platform.name] = template_for(platform)
        except PostkitError as err:  # a template that does not load: every card says so
            chosen[platform.name] = err
    seen_ids = IdRegistry()
    for path in paths:
        for record in iter_records(path, seen_ids=seen_ids):
            if strict and record.warnings:
                record = attrs.evolve(record, value=record.warnings[0], warnings=())  # noqa: PLW2901
            if not isinstance(record.value, Article):
                yield _row(record)
                continue
            with budget():  # one work budget per record, shared by its platforms
                cards = _compose_all(record.value, targets, chosen, campaign, check)
            yield _row(record, tuple(cards))


def _compose_all(
    article: Article,
    targets: tuple[Platform, ...],
    chosen: dict[str, jinja2.Template | PostkitError | None],
    campaign: str | None,
    check: Checker | None,
) -> list[Card]:
    cards: list[Card] = []
    for platform in targets:
        template = chosen[platform.name]
        if template is None:
            continue
        if isinstance(template, PostkitError):
            cards.append(Card(platform, error=template))
            continue
        try:
            post = compose(article, platform, template=template, campaign=campaign)
        except PostkitError as err:
            cards.append(Card(platform, error=err))
            continue
        found = check(post) if check is not None else ()
        cards.append(Card(platform, post, found))
    return cards
