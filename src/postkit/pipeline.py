"""The one pipeline: records × platforms → compose → check, row by row.

``postkit compose``, ``postkit check`` and ``postkit preview`` all run this loop; they
differ only in what they do with each row. Every record ends in a row: an article with
one card per platform (a post and its findings, a thread, or the error that stopped it),
or the RecordError that says why the record could not be read. Rows stream, so a million
records need no more memory than one.

With a :class:`~postkit.state.State`, the loop skips what an earlier run composed and
marks what this run handed out; :func:`compose_records` is the whole ``postkit compose``
workflow (the state's transaction around the writing, committed once the output is out).
"""

from __future__ import annotations

import contextlib
import os
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

import attrs
import jinja2

from postkit._public import public
from postkit.article import Article
from postkit.errors import ConfigError, PostkitError, RecordError, SkippedRecord
from postkit.output import check_not_input, check_not_state
from postkit.platforms.registry import Platform
from postkit.posts.blurb import BUILT_IN, Vocabulary
from postkit.posts.composer import compose
from postkit.posts.hashtags import hashtag_problem
from postkit.posts.loader import template_set
from postkit.posts.post import Post
from postkit.posts.sandbox import budget
from postkit.posts.thread import MAX_POSTS, Thread, compose_thread
from postkit.posts.tracking import check_campaign
from postkit.records._ids import IdRegistry
from postkit.records.fields import ReadOptions
from postkit.records.reading import iter_records
from postkit.records.record import FieldLines, Record, field_line
from postkit.rules.base import Violation

if TYPE_CHECKING:
    from postkit.config import Config
    from postkit.state import Key, State
    from postkit.writers import ComposeSummary

__all__ = ["Card", "Checker", "Marks", "Recipe", "Row", "TemplateFor", "compose_records", "rows"]


def _folder(value: str | os.PathLike[str] | None) -> str | None:
    return None if value is None else os.fspath(value)


def _fields_map(value: Mapping[str, str] | None) -> Mapping[str, str]:
    return types.MappingProxyType(dict(value or {}))


def _at_least_one(_: object, __: object, value: int) -> None:
    if value < 1:
        msg = f"max_posts must be at least 1, got {value}"
        raise ValueError(msg)


@public
@attrs.frozen
class Recipe:
    """How records become posts: the settings every workflow shares, written once.

    ``compose_records``, ``rows``, ``ci.validate`` and ``publishing.Publisher`` take one
    (and any of its fields as keywords, over it), so whatever composing honours,
    publishing, checking and previewing honour too. :meth:`from_config` is what the
    command line starts from; the command line's options go on top.

    Args:
        templates: a folder of templates over the shipped defaults.
        campaign: ``utm_campaign`` for the links (checked: one line, at most 100 characters).
        strict: a record with an unknown field, or a field under a synonym (``headline``),
            fails; otherwise each is a warning, once per file with a count.
        thread: a thread per platform (``compose_thread``) instead of one post.
        max_posts: with ``thread``, at most this many posts a thread.
        link_in: with ``thread``, the post that carries the link and call to action.
        base_url: records without a url get one under it (``load_articles``).
        fields: record key → record field (``[tool.postkit.fields]``, ``--map``).
        vocabulary: the newsroom's topic emoji, calls to action and ``utm_medium``.
        drafts: compose drafts, scheduled and private posts too (``include-drafts``);
            by default each is skipped with a warning naming the field that says so.

    Raises:
        ConfigError: ``campaign``, ``base_url`` or ``fields`` is not usable.
        ValueError: ``max_posts`` < 1.
    """

    templates: str | None = attrs.field(default=None, converter=_folder)
    campaign: str | None = attrs.field(default=None, converter=check_campaign)
    strict: bool = False
    thread: bool = False
    max_posts: int = attrs.field(default=MAX_POSTS, validator=_at_least_one)
    link_in: Literal["first", "last"] = "first"
    base_url: str | None = None
    fields: Mapping[str, str] = attrs.field(factory=dict, converter=_fields_map, hash=False)
    vocabulary: Vocabulary = BUILT_IN
    drafts: bool = False
    reading: ReadOptions = attrs.field(init=False, repr=False, eq=False)

    @reading.default
    def _reading(self) -> ReadOptions:
        return ReadOptions(fields=self.fields, strict=self.strict, base_url=self.base_url, drafts=self.drafts)

    @classmethod
    def from_config(cls, config: Config, **settings: Any) -> Recipe:
        """A configuration's recipe, ``settings`` on top.

        It reads ``templates``, ``utm-campaign``, ``base-url``, ``[fields]``, ``[emoji]``,
        ``[cta]``, ``utm-medium`` and ``include-drafts``.
        """
        made = cls(
            templates=config.templates,
            campaign=config.utm_campaign,
            base_url=config.base_url,
            fields=config.fields,
            vocabulary=Vocabulary.from_config(config),
            drafts=config.include_drafts,
        )
        return made.but(**settings)

    def check_platforms(self, platforms: Iterable[Platform]) -> None:
        """Whether this recipe can be made on ``platforms``: a thread needs replies on every one.

        Raises:
            ConfigError: ``thread`` with platforms whose API has no replies, all named at once
                (before any record is read: one error, not one per record).
        """
        if not self.thread:
            return
        from postkit.platforms.families import THREAD_FAMILIES  # noqa: PLC0415

        without = [p.name for p in platforms if not p.family.has_replies]
        if without:
            msg = f"a thread needs replies, and {', '.join(without)} {'has' if len(without) == 1 else 'have'} none"
            hint = f"threads are for the families {', '.join(THREAD_FAMILIES)}; leave the others out with --platform"
            raise ConfigError(msg, field="thread", hint=hint)

    def but(self, **settings: Any) -> Recipe:
        """This recipe with ``settings`` (any of its fields) changed; a field given None keeps this one's."""
        given = {name: value for name, value in settings.items() if value is not None}
        return attrs.evolve(self, **given) if given else self


def _recipe(recipe: Recipe | None, settings: Mapping[str, Any]) -> Recipe:
    """``recipe`` (or the default one) with keyword settings on top: what every entry point does."""
    return (recipe or Recipe()).but(**settings)


class Marks(Protocol):
    """What ``rows`` asks of a state: a :class:`~postkit.state.State`, or the publish ledger's view."""

    def seen(self, platform: str, key: Key) -> bool:
        """Whether the article is done for the platform: its card is ``known``, nothing is composed."""
        ...

    def mark(self, platform: str, key: Key) -> None:
        """The row's posts for the platform were handed out."""
        ...


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
        platform: the platform the post was composed for.
        post: the composed post; None when composing failed (see ``error``), for a
            thread (see ``thread``) and when the state knew the article (``known``).
        violations: the rule engine's findings on the post (empty when not checked).
        error: why no post could be composed (a FitError, TemplateError or RecordError).
        thread: the thread composed instead of one post (``rows(thread=True)``).
        known: the state says an earlier run composed the article for this platform;
            nothing was composed now.
    """

    platform: Platform
    post: Post | None = None
    violations: tuple[Violation, ...] = attrs.field(default=(), converter=_violations)
    error: PostkitError | None = None
    thread: Thread | None = None
    known: bool = False

    @property
    def posts(self) -> tuple[Post, ...]:
        """What goes out: the thread's posts, the one post, or nothing."""
        if self.thread is not None:
            return self.thread.posts
        return (self.post,) if self.post is not None else ()


def _cards(items: Iterable[Card]) -> tuple[Card, ...]:
    return tuple(items)


@attrs.frozen
class Row:
    """One record's outcome: its article and cards, or the error that stopped the record.

    Args:
        article: the article; None for a record that failed to load.
        cards: one card per platform, in the order of the platforms given.
        source: where the record came from (``examples/a.jsonl, line 3``).
        error: why the record could not be read, or why it was skipped (a SkippedRecord: see ``skipped``).
        path: the file the record came from; ``index`` and ``line``: its place in it.
        warnings: what was odd but not wrong: unknown fields, each with a did-you-mean.
        field_lines: where the record's fields are in its file, as far as the format tells.
    """

    article: Article | None
    cards: tuple[Card, ...] = attrs.field(default=(), converter=_cards)
    source: str | None = None
    error: RecordError | None = None
    path: str | None = None
    index: int | None = None
    line: int | None = None
    warnings: tuple[RecordError, ...] = ()
    field_lines: FieldLines | None = None

    def line_of(self, field: str | None) -> int | None:
        """The line of the record's ``field`` in its file, else the line it starts on (None: not known)."""
        return field_line(self.field_lines, self.line, field)

    @property
    def skipped(self) -> bool:
        """Whether the record was left out on purpose (a draft: ``error`` is the SkippedRecord saying why).

        Workflows say it as a warning and count it as skipped, not failed.
        """
        return isinstance(self.error, SkippedRecord)


def _row(record: Record, cards: tuple[Card, ...] = ()) -> Row:
    article = record.value if isinstance(record.value, Article) else None
    error = record.value if isinstance(record.value, RecordError) else None
    source = error.where if error is not None and error.where else record.label
    return Row(
        article, cards, source, error, record.path, record.index, record.line, record.warnings, record.field_lines
    )


@attrs.frozen
class _Making:
    """How each card is made: the same for every record of a run."""

    chosen: dict[str, jinja2.Template | PostkitError | None]
    recipe: Recipe
    check: Checker | None

    def card(self, article: Article, platform: Platform) -> Card | None:
        """The platform's card for ``article``; None when the platform has no template."""
        recipe = self.recipe
        try:
            if recipe.thread:
                made = compose_thread(
                    article,
                    platform,
                    max_posts=recipe.max_posts,
                    link_in=recipe.link_in,
                    campaign=recipe.campaign,
                    vocabulary=recipe.vocabulary,
                )
                return Card(platform, thread=made)
            template = self.chosen[platform.name]
            if template is None:
                return None
            if isinstance(template, PostkitError):
                return Card(platform, error=template)
            post = compose(article, platform, template=template, campaign=recipe.campaign, vocabulary=recipe.vocabulary)
        except PostkitError as err:
            return Card(platform, error=err)
        return Card(platform, post, self.check(post) if self.check is not None else ())


def _chosen(
    targets: Sequence[Platform], templates: str | os.PathLike[str] | None, template_for: TemplateFor | None
) -> dict[str, jinja2.Template | PostkitError | None]:
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
    return chosen


def rows(
    paths: Iterable[str | os.PathLike[str]],
    platforms: Iterable[Platform],
    recipe: Recipe | None = None,
    *,
    template_for: TemplateFor | None = None,
    check: Checker | None = None,
    state: Marks | None = None,
    **settings: Any,
) -> Iterator[Row]:
    """Read every record under ``paths``, compose it for each platform, check each post.

    Args:
        paths: record files or folders (``"-"`` for stdin), read as ``iter_records`` reads them.
        platforms: the platforms to compose for.
        recipe: how records become posts (:class:`Recipe`: templates, campaign, strictness,
            threads, base URL, field mapping, vocabulary, drafts); default ``Recipe()``.
        template_for: overrides the recipe's ``templates``: the compiled template per platform.
        check: what checks each post (``RuleSet.from_config(config).check``); None: no checking.
        state: an open state: what it knows is not composed again (the card is ``known``),
            and a row's posts are marked in it when the next row is asked for (or the
            rows end) -- so hand a row's posts out before taking the next, and commit
            the state only once they are out (``compose_records`` does).
        settings: any of :class:`Recipe`'s fields, over ``recipe`` (``thread=True``,
            ``campaign="spring"``, ``base_url=...``). With ``thread``, templates are not
            used, and ``check`` must be None.

    Yields:
        One Row per record, in input order; nothing raises for bad records or templates.
        A row's ``warnings`` are its record's, and once per run each tag that makes no
        hashtag on a platform and each topic or language the vocabulary has no words for
        (naming the fallback), on the first row that has it.

    Raises:
        ValueError: for ``thread`` with ``check``, or ``max_posts`` < 1.
        ConfigError: ``thread`` on platforms without replies (all named, before any record);
            ``campaign`` is no campaign name (``tracking.check_campaign``: one line,
            at most 100 characters), before any record is read; ``base_url`` or ``fields`` is not usable.
    """
    made = _recipe(recipe, settings)
    if made.thread and check is not None:
        msg = "rows(thread=True) does not check posts: check each thread's posts with RuleSet.check"
        raise ValueError(msg)
    targets = tuple(platforms)
    made.check_platforms(targets)
    chosen = {} if made.thread else _chosen(targets, made.templates, template_for)
    making = _Making(chosen, made, check)
    return _stream(paths, targets, making, state=state)


class _OncePerRun:
    """What is worth saying once a run, not once a record: a tag no platform can spell, a topic without emoji."""

    # The topic/language combinations and tags already looked at: a feed repeats a few. Forgotten
    # past this many (then looked at again: what was said stays said).
    _MAX_SEEN = 65_536

    def __init__(self, targets: tuple[Platform, ...], vocabulary: Vocabulary, *, hashtags: bool) -> None:
        self.targets = targets
        self.vocabulary = vocabulary
        self.hashtags = hashtags
        self.said: set[tuple[str, str]] = set()
        self.seen: set[tuple[tuple[str, ...], str, bool] | str] = set()

    def warnings(self, article: Article, record: Record) -> tuple[RecordError, ...]:
        seen = self.seen
        words = (article.topics, article.language, article.social is not None)
        tags = [tag for tag in article.tags if tag not in seen] if self.hashtags else []
        if words in seen and not tags:
            return ()
        if len(seen) > self._MAX_SEEN:
            seen.clear()
        found: list[RecordError] = []
        path, index, line = record.path, record.index, record.line
        if words not in seen:
            seen.add(words)
            for field, value, message in self.vocabulary.fallbacks(words[0], words[1], social=words[2]):
                if (field, value) not in self.said:
                    self.said.add((field, value))
                    said = f"{message} (said once per run)"
                    found.append(RecordError(said, path=path, index=index, line=line, field=field))
        for tag in tags:
            seen.add(tag)
            key = ("tags", tag.casefold())
            if key in self.said:
                continue
            problems: dict[str, list[str]] = {}
            for platform in self.targets:
                if (why := hashtag_problem(tag, platform)) is not None:
                    problems.setdefault(why, []).append(platform.name)
            if problems:
                self.said.add(key)
                for why, names in problems.items():
                    message = f"tag {tag!r} {why}; no hashtag on {', '.join(names)} (said once per run)"
                    found.append(RecordError(message, path=path, index=index, line=line, field="tags"))
        return tuple(found)


def _stream(
    paths: Iterable[str | os.PathLike[str]],
    targets: tuple[Platform, ...],
    making: _Making,
    *,
    state: Marks | None,
) -> Iterator[Row]:
    if state is not None:  # (imported already by whoever opened the state)
        from postkit.state import article_key  # noqa: PLC0415

    seen_ids = IdRegistry()
    once = _OncePerRun(targets, making.recipe.vocabulary, hashtags=not making.recipe.thread)
    for path in paths:
        for record in iter_records(path, seen_ids=seen_ids, options=making.recipe.reading):
            article = record.value
            if not isinstance(article, Article):
                yield _row(record)
                continue
            if more := once.warnings(article, record):
                record = attrs.evolve(record, warnings=(*record.warnings, *more))  # noqa: PLW2901
            key = article_key(article) if state is not None else None
            cards: list[Card] = []
            with budget():  # one work budget per record, shared by its platforms
                for platform in targets:
                    made = (
                        Card(platform, known=True)
                        if state is not None and key is not None and state.seen(platform.name, key)
                        else making.card(article, platform)
                    )
                    if made is not None:
                        cards.append(made)
            yield _row(record, tuple(cards))
            if state is not None and key is not None:  # the caller is back for more: this row's posts are out
                for card in cards:
                    if card.posts:
                        state.mark(card.platform.name, key)


@contextlib.contextmanager
def _open_state(path: str | os.PathLike[str] | None, forget_after: float | None) -> Iterator[State | None]:
    if path is None:
        yield None
        return
    from postkit.state import State  # noqa: PLC0415 - sqlite3 only for runs with a state

    with State(path) as state:  # waits for an overlapping run; commits on leaving, rolls back on an error
        if forget_after is not None:
            state.forget(forget_after)
        yield state


def compose_records(
    paths: Sequence[str | os.PathLike[str]],
    platforms: Sequence[Platform],
    output: str | os.PathLike[str] | IO[str] | None = None,
    recipe: Recipe | None = None,
    *,
    fmt: str = "text",
    payload: bool = False,
    state: str | os.PathLike[str] | None = None,
    forget_after: float | None = None,
    note: Callable[[str], None] | None = None,
    progress: Callable[[Iterable[Row]], Iterable[Row]] | None = None,
    **settings: Any,
) -> ComposeSummary:
    """``postkit compose`` as one call: every record's posts (or threads) written to ``output``.

    With ``state``, what the state file knows is skipped and what is written is marked,
    in one transaction that commits only after the output is flushed (and, for a file,
    synced and in place): a run that fails or is killed marks nothing, so its posts come
    again next time (at least once, never silently skipped). A second run on the same
    state waits for the first (``state.LOCK_TIMEOUT``) and then skips what it wrote.

    Args:
        paths: record files or folders (``"-"`` for stdin).
        platforms: the platforms to compose for.
        output: a file (written whole or not at all, never over an input), ``"-"`` or
            None for stdout, or an open text stream (flushed, not synced).
        recipe: how records become posts (:class:`Recipe`; ``Recipe.from_config(config)``
            is what ``postkit compose`` uses).
        fmt: ``text``, ``json`` (one ``postkit.compose/1`` document) or ``jsonl``.
        payload: each post's API payload too (json and jsonl).
        state: the SQLite state file (created if missing).
        forget_after: with ``state``: first forget marks older than this many days.
        note: each warning and error line as it happens (default: stderr).
        progress: wraps the rows (a progress bar).
        settings: any of :class:`Recipe`'s fields, over ``recipe`` (``thread=True``, ``templates=...``).

    Returns:
        The counts: records, posts, failed records, and posts the state knew.

    Raises:
        TemplateError: a platform's template does not load (before any record is read).
        ConfigError: the state file cannot be used, or stays locked; a setting is not usable.
        OutputError: ``output`` is one of the inputs, or the state file.
    """
    from postkit.writers import write_posts  # noqa: PLC0415 - only compose writes (check starts faster)

    made = _recipe(recipe, settings)
    made.check_platforms(platforms)
    written = output if isinstance(output, (str, os.PathLike)) else None
    check_not_input(written, paths)
    if state is not None:
        check_not_state(written, state)
    tset = template_set(made.templates)
    for platform in platforms:  # a broken template stops the run before any record
        tset.for_platform(platform.name)
    with _open_state(state, forget_after) as opened:
        found = rows(paths, platforms, made, state=opened)
        return write_posts(progress(found) if progress else found, output, fmt=fmt, payload=payload, note=note)
