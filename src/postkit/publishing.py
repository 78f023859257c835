"""``postkit publish``: post for real, each post exactly once, with a ledger in the state file.

The workflow over :func:`postkit.pipeline.rows`: every record is composed (a post, or a
thread with ``thread=True``) for each platform, and each post goes to the platform's API
through its family's sender (:attr:`~postkit.platforms.family.Family.sender`, imported
only here, so ``import postkit`` imports no SDK). What happens to each post is kept in
the state file's ledger (:mod:`postkit.ledger`), one committed step at a time:

1. the card's posts are *planned* (payloads, image, where they came from, a token each);
2. before each request the *intent* is written (and on disk), with ``createdAt``;
3. the answer settles it: *sent* (remote id, URI, web URL), *failed* (refused), or
   *unknown* (it may have been posted, and the API cannot tell).

So a run killed at any instant, or cut off mid-request, loses nothing and posts nothing
twice: the next run goes on where the ledger says. Where a retry cannot post twice
(Bluesky: the record key; Mastodon: the Idempotency-Key, within its hour) an interrupted
post is confirmed or sent again; elsewhere (X, Telegram) it is reported "unknown" and
sent again only with ``retry_unknown``. A thread goes on from its last sent post.

Failures: a 429, a 5xx or a failed connection is tried again, at most ``attempts``
times, waiting as the server asks (``Retry-After``) or 1, 2, 4 … seconds, never more than
``max_wait`` (past that the platform waits for the next run); a post the server refuses
is one error line, and the others go on.

Accounts come from the environment (``BLUESKY_APP_PASSWORD`` …), checked before anything
is sent; their secret values are scrubbed from every message, log record (while a run
lasts) and ledger entry, and the SDKs' exceptions, which can carry requests, never
surface.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from postkit._public import public
from postkit.errors import ConfigError, PostkitError
from postkit.ledger import Entry, Ledger, LedgerMarks, Planned
from postkit.pipeline import Recipe, Row, rows
from postkit.platforms.family import Family
from postkit.platforms.registry import Platform
from postkit.platforms.sending import (
    Channel,
    Connector,
    ImageRef,
    LoginError,
    Outgoing,
    RefusedError,
    Remote,
    SendError,
    TransientError,
    unset_error,
)
from postkit.posts.loader import template_set
from postkit.posts.post import Post
from postkit.posts.thread import reply_to
from postkit.scrubbing import Scrubber, scrubbed_logs
from postkit.state import LOCK_TIMEOUT, article_key

__all__ = ["FORMATS", "Outcome", "PublishError", "PublishSummary", "Publisher", "publish"]

#: What a publish run's report is written as: lines for people, or a JSON object a line.
FORMATS = ("text", "jsonl")
OutcomeStatus = Literal["sent", "failed", "unknown", "pending", "would-send"]
_STDIN = "<stdin>"
_SAID = 400  # the most of a server's error text a message quotes


class PublishError(PostkitError):
    """A publish run that could not go on (an unexpected failure, its message scrubbed): exit 1."""


@attrs.frozen
class Outcome:
    """What happened to one post in a run (a line of the report).

    Attributes:
        status: ``sent``; ``failed`` (the server refused it); ``unknown`` (it may have
            been posted: not sent again without ``retry_unknown``); ``pending`` (not sent
            in this run: the platform was unavailable, or the thread waits for an earlier
            post); ``would-send`` (a dry run).
        platform: the platform's name.
        number: the post's place in its thread (1 for a single post); ``total``: the thread's length.
        source: where the post came from (``label``, ``path``, ``record``, ``line``, ``id``, ``title``, ``text``).
        remote: the post on the platform (sent).
        created_at: when it was sent (its ``createdAt``).
        error: why it is not sent.
        payload: what would be sent (a dry run).
    """

    status: OutcomeStatus
    platform: str
    number: int
    total: int
    source: Mapping[str, Any]
    remote: Remote | None = None
    created_at: str | None = None
    error: str | None = None
    payload: Mapping[str, Any] | None = None


@public
@attrs.frozen
class PublishSummary:
    """What a publish run did.

    Args:
        records: records read (good or not).
        failed_records: records that could not be read, or not composed on a platform.
        sent: posts sent in this run.
        already: posts an earlier run sent (skipped).
        failed: posts the server refused.
        unknown: posts that may or may not have been posted (see ``retry_unknown``).
        pending: posts left for the next run (a platform unavailable or rate limited,
            or a thread waiting for an earlier post).
        would_send: posts a dry run would send.
        skipped: records left out on purpose (drafts, scheduled and private posts), each a warning.
    """

    records: int = 0
    failed_records: int = 0
    sent: int = 0
    already: int = 0
    failed: int = 0
    unknown: int = 0
    pending: int = 0
    would_send: int = 0
    skipped: int = 0

    @property
    def ok(self) -> bool:
        """Whether everything that should be out is out (no failure, nothing unknown or left)."""
        return not (self.failed_records or self.failed or self.unknown or self.pending)


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Report:
    """Writes each outcome as it happens (flushed: the ledger has it anyway, the reader wants it now)."""

    def __init__(self, out: IO[str] | None, fmt: str, scrub: Scrubber) -> None:
        if fmt not in FORMATS:
            msg = f"unknown publish format {fmt!r}; expected one of {', '.join(FORMATS)}"
            raise ValueError(msg)
        self.out, self.fmt, self.scrub = out, fmt, scrub

    def write(self, outcome: Outcome) -> None:
        if self.out is None:
            return
        if self.fmt == "jsonl":
            line = json.dumps(self._fields(outcome), ensure_ascii=False) + "\n"
        elif outcome.status == "would-send":
            line = self._would_send(outcome)
        elif outcome.status == "sent":
            line = self._sent(outcome)
        else:
            return  # text: errors go to the notes
        self.out.write(self.scrub(line))
        self.out.flush()

    @staticmethod
    def _fields(outcome: Outcome) -> dict[str, Any]:
        source = outcome.source
        data: dict[str, Any] = {
            "status": outcome.status,
            "platform": outcome.platform,
            "path": source.get("path"),
            "record": source.get("record"),
            "line": source.get("line"),
            "id": source.get("id"),
        }
        if outcome.total > 1:
            data["thread"] = {"index": outcome.number, "of": outcome.total}
        if outcome.remote is not None:
            data.update(remote_id=outcome.remote.id, uri=outcome.remote.uri, url=outcome.remote.url)
        if outcome.created_at is not None:
            data["created_at"] = outcome.created_at
        if outcome.error is not None:
            data["error"] = outcome.error
        if outcome.payload is not None:
            data["payload"] = outcome.payload
        return data

    @staticmethod
    def _where(outcome: Outcome) -> str:
        thread = f" · {outcome.number}/{outcome.total}" if outcome.total > 1 else ""
        return f"{outcome.source.get('label') or '-'} · {outcome.platform}{thread}"

    def _sent(self, outcome: Outcome) -> str:
        remote = outcome.remote
        assert remote is not None
        shown = " · ".join(part for part in (remote.url, remote.uri or f"id {remote.id}") if part)
        return f"sent · {self._where(outcome)} · {shown}\n"

    def _would_send(self, outcome: Outcome) -> str:
        return f"# would send · {self._where(outcome)}\n{outcome.source.get('text', '')}\n\n"


def _default_connector(family: Family) -> Connector:
    found = family.load_sender()
    if not isinstance(found, Connector):
        msg = f"the {family.name} family's sender {family.sender!r} is not a postkit Connector"
        raise ConfigError(msg)
    return found


def _no_sender(platform: Platform, senders: Sequence[str]) -> ConfigError:
    msg = f"postkit cannot publish to {platform.name!r}: its family ({platform.family.name}) has no sender"
    return ConfigError(msg, hint=f"postkit publishes to the families {', '.join(senders)}")


@public
class Publisher:
    """One publish run's settings; :meth:`run` publishes the records under some paths.

    Args:
        platforms: the profiles to publish to (each family needs a sender).
        state: the state file (created if missing) holding the ledger. Required: nothing
            is sent without one.
        recipe: how records become posts (:class:`~postkit.pipeline.Recipe`: templates,
            campaign, threads, base URL, field mapping, vocabulary, drafts), the same as
            ``compose_records`` takes; ``Recipe.from_config(config)`` is what ``postkit
            publish`` uses, so a dry run shows what ``postkit compose`` shows.
        dry_run: send nothing and write nothing: report what would be sent (needs no
            account; the state file is only read).
        retry_unknown: send again the posts a run left "unknown" (they may be posted twice).
        forget_after: first forget the cards all of whose posts were sent over this many days
            ago (:meth:`~postkit.ledger.Ledger.forget`; as ``compose_records``' ``forget_after``);
            a dry run forgets nothing.
        env: where the accounts are read from (default: ``os.environ``).
        output: where the report (each post sent, or that would be sent) is written, as it
            happens; default: nowhere (a library prints nothing of its own: the summary is the
            result). ``postkit publish`` passes stdout.
        fmt: the report's format: ``text`` or ``jsonl``.
        note: each warning and error line (default: stderr).
        connectors: a family name -> Connector, over the families' own senders.
        transports: a family name -> the transport its channel uses (tests).
        attempts: tries per post in one run (a 429, a 5xx, a failed connection).
        max_wait: the longest wait between tries, in seconds; a server that asks for
            longer is left until the next run.
        sleep: how to wait (tests pass their own).
        timeout: seconds to wait for another run's lock on the state file.
        settings: any of ``Recipe``'s fields, over ``recipe`` (``thread=True``, ``base_url=...``).
    """

    def __init__(
        self,
        platforms: Sequence[Platform],
        *,
        state: str | os.PathLike[str],
        recipe: Recipe | None = None,
        dry_run: bool = False,
        retry_unknown: bool = False,
        forget_after: float | None = None,
        env: Mapping[str, str] | None = None,
        output: IO[str] | None = None,
        fmt: str = "text",
        note: Callable[[str], None] | None = None,
        connectors: Mapping[str, Connector] | None = None,
        transports: Mapping[str, Any] | None = None,
        attempts: int = 4,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = LOCK_TIMEOUT,
        **settings: Any,
    ) -> None:
        if attempts < 1:
            msg = f"attempts must be at least 1, got {attempts}"
            raise ValueError(msg)
        if forget_after is not None and not forget_after >= 0:
            msg = f"forget_after must be a number of days >= 0, got {forget_after}"
            raise ValueError(msg)
        self.forget_after = forget_after
        self.platforms = tuple(platforms)
        self.state = state
        self.recipe = (recipe or Recipe()).but(**settings)
        self.dry_run, self.retry_unknown = dry_run, retry_unknown
        self.env = os.environ if env is None else env
        self.output, self.fmt = output, fmt
        self.note = note or _stderr
        self.connectors = dict(connectors or {})
        self.transports = dict(transports or {})
        self.attempts, self.max_wait, self.sleep, self.timeout = attempts, max_wait, sleep, timeout
        _Report(None, fmt, Scrubber(()))  # an unknown format fails here, at the call

    def run(self, paths: Sequence[str | os.PathLike[str]]) -> PublishSummary:
        """Publish every record under ``paths``; returns what happened.

        Raises:
            ConfigError: a platform without a sender, a missing account variable (named),
                an SDK that is not installed, a state file that cannot be used -- all
                before anything is sent.
            TemplateError: a platform's template does not load.
            PublishError: an unexpected failure (its message without secrets).
        """
        self.recipe.check_platforms(self.platforms)  # a thread on a platform without replies: one error first
        connectors = self._connectors()
        scrub = Scrubber(secret for c in self._every_connector(connectors) for secret in c.secrets(self.env))
        channels: dict[str, Channel] = {}
        try:
            if not self.dry_run:
                if (unset := unset_error(self.env, connectors.values())) is not None:
                    raise unset  # every missing variable of every platform, at once
                for name, connector in connectors.items():  # a missing variable or SDK: before anything is sent
                    channels[name] = connector(self.env, transport=self.transports.get(name))
            tset = template_set(self.recipe.templates)
            for platform in self.platforms:  # a broken template stops the run before any record
                tset.for_platform(platform.name)
            run = _Run(self, connectors, channels, scrub)
            with scrubbed_logs(scrub), Ledger(self.state, timeout=self.timeout, write=not self.dry_run) as ledger:
                if self.forget_after is not None and not self.dry_run:
                    ledger.forget(self.forget_after)
                try:
                    return run.publish(ledger, paths)
                except PostkitError:
                    raise
                except Exception as err:  # noqa: BLE001 - the SDKs' can carry requests: never shown as they are
                    detail = "".join(traceback.format_exception_only(type(err), err)).strip().splitlines()
                    msg = scrub(f"publishing stopped: {detail[-1] if detail else type(err).__name__}")
                    raise PublishError(msg) from None
        finally:
            for channel in channels.values():
                with contextlib.suppress(Exception):
                    channel.close()

    def _every_connector(self, used: Mapping[str, Connector]) -> list[Connector]:
        """Every family's connector: each secret postkit knows of is scrubbed, used in this run or not."""
        from postkit.platforms.families import FAMILIES  # noqa: PLC0415

        found = dict(used)
        for family in FAMILIES.values():
            if family.name not in found and family.sender is not None:
                found[family.name] = _default_connector(family)
        return list(found.values())

    def _connectors(self) -> dict[str, Connector]:
        found: dict[str, Connector] = {}
        senders = sorted(
            {p.family.name for p in self.platforms if p.family.sender}
            | set(self.connectors)
            | {"bluesky", "mastodon", "telegram", "x"}
        )
        for platform in self.platforms:
            family = platform.family
            if family.name in found:
                continue
            if family.name in self.connectors:
                found[family.name] = self.connectors[family.name]
            elif family.sender is None:
                raise _no_sender(platform, senders)
            else:
                found[family.name] = _default_connector(family)
        return found


@attrs.define
class _Try:
    """A post being sent: its entry as the ledger has it, and whether an earlier attempt may be out."""

    entry: Entry
    landed: bool


class _Run:
    """The state of one run: its channels, the platforms stopped, the counts."""

    def __init__(
        self, settings: Publisher, connectors: Mapping[str, Connector], channels: Mapping[str, Channel], scrub: Scrubber
    ) -> None:
        self.s = settings
        self.connectors, self.channels, self.scrub = connectors, channels, scrub
        self.report = _Report(settings.output, settings.fmt, scrub)
        self.by_name = {p.name: p for p in settings.platforms}
        self.stopped: dict[str, str] = {}  # family -> why nothing more goes to it in this run
        self.counts = dict.fromkeys(("records", "failed_records", "sent", "already", "failed", "unknown", "pending"), 0)
        self.counts["would_send"] = self.counts["skipped"] = 0

    def say(self, line: str) -> None:
        self.s.note(self.scrub(line))

    def said(self, text: str) -> str:
        """A server's words for a message: secrets scrubbed first, then cut (a cut must not halve a secret)."""
        clean = self.scrub(text)
        return clean if len(clean) <= _SAID else clean[: _SAID - 1] + "…"

    def publish(self, ledger: Ledger, paths: Sequence[str | os.PathLike[str]]) -> PublishSummary:
        self._settle(ledger)
        done: set[tuple[str, str, str]] = set()
        found = rows(paths, self.s.platforms, self.s.recipe, state=LedgerMarks(ledger))
        for row in found:
            self._row(ledger, row, done)
        for entries in ledger.cards(self.by_name):  # what earlier runs left, whatever this run read
            if entries[0].card not in done:
                self._card(ledger, self.by_name[entries[0].platform], entries)
        return PublishSummary(**self.counts)

    def _settle(self, ledger: Ledger) -> None:
        """Posts a killed run left ``sending``: past their platform's retry window, they are unknown."""
        now = time.time()
        for entry in ledger.interrupted():
            platform = self.by_name.get(entry.platform)
            if platform is None:
                continue  # another run's platforms: left as they are
            window = self.connectors[platform.family.name].retry_window
            if entry.attempted_at is not None and now - entry.attempted_at <= window:
                continue  # sending it again cannot post twice: it is confirmed or sent below
            why = "a run stopped while sending it (killed or cut off): it may have been posted"
            if not self.s.dry_run:
                ledger.unknown(entry, why)

    def _row(self, ledger: Ledger, row: Row, done: set[tuple[str, str, str]]) -> None:
        self.counts["records"] += 1
        for warning in row.warnings:
            self.say(f"warning: {warning}")
        if row.skipped:
            self.counts["skipped"] += 1
            self.say(f"warning: {row.error}")
            return
        if row.article is None:
            self.counts["failed_records"] += 1
            self.say(f"error: {row.error}")
            return
        key = article_key(row.article)
        failed = False
        for card in row.cards:
            name = card.platform.name
            done.add((name, key.scope, key.name))
            if card.error is not None:
                failed = True
                self.say(f"error: {row.source}, platform {name!r}: {card.error}")
                continue
            if card.known:
                entries = ledger.entries(name, key)
            elif card.posts:
                plan = [self._planned(row, post, i, len(card.posts)) for i, post in enumerate(card.posts, 1)]
                entries = self._draft(name, key, plan) if self.s.dry_run else ledger.plan(name, key, plan)
            else:
                continue
            self._card(ledger, card.platform, entries)
        self.counts["failed_records"] += failed

    @staticmethod
    def _planned(row: Row, post: Post, number: int, total: int) -> Planned:
        article = post.article
        media = None
        if article.image and post.link:  # the image goes with the post that carries the link
            folder = None
            if row.path and row.path != _STDIN:
                folder = str(Path(row.path).absolute().parent)
            media = {"image": article.image, "folder": folder, "alt": article.image_alt}
        source = {
            "label": row.source,
            "path": row.path,
            "record": row.index,
            "line": row.line,
            "id": article.id,
            "title": article.title,
            "text": post.text,
            "post": f"{number}/{total}",
        }
        return Planned(post.payload(), media, source)

    @staticmethod
    def _draft(platform: str, key: Any, plan: Sequence[Planned]) -> list[Entry]:
        """A dry run's plan: entries that are never written."""
        when = time.time()
        return [
            Entry(
                entry=0,
                platform=platform,
                scope=key.scope,
                key=key.name,
                number=number,
                total=len(plan),
                token="",
                payload=post.payload,
                media=post.media,
                source=post.source,
                status="planned",
                attempts=0,
                planned_at=when,
                attempted_at=None,
                created_at=None,
                done_at=None,
                remote=None,
                error=None,
            )
            for number, post in enumerate(plan, 1)
        ]

    def _outcome(self, entry: Entry, status: OutcomeStatus, **extra: Any) -> Outcome:
        outcome = Outcome(status, entry.platform, entry.number, entry.total, entry.source, **extra)
        self.report.write(outcome)
        return outcome

    def _card(self, ledger: Ledger, platform: Platform, entries: Sequence[Entry]) -> None:
        """Send a card's posts in order, each a reply to the one before (a thread goes on from its last sent post)."""
        family = platform.family.name
        parent: Remote | None = None
        root: Remote | None = None
        for index, entry in enumerate(entries):
            if entry.status == "sent":
                self.counts["already"] += 1
                parent, root = entry.remote, root or entry.remote
                continue
            rest = entries[index + 1 :]
            if self.s.dry_run:
                if entry.status == "unknown" and not self.s.retry_unknown:
                    self._unknown(entry, rest)
                    return
                self.counts["would_send"] += 1
                self._outcome(entry, "would-send", payload=entry.payload)
                continue
            if entry.status == "unknown" and not self.s.retry_unknown:
                self._unknown(entry, rest)
                return
            if family in self.stopped:
                self._pending(entries[index:], self.stopped[family])
                return
            outcome = self._send(ledger, platform, entry, parent, root)
            if outcome.status != "sent":
                if rest:
                    self._pending(rest, f"the thread waits for post {entry.number}")
                return
            parent, root = outcome.remote, root or outcome.remote

    def _unknown(self, entry: Entry, rest: Sequence[Entry]) -> None:
        self.counts["unknown"] += 1
        why = entry.error or "it may have been posted"
        self.say(
            f"error: {entry.source.get('label')}, platform {entry.platform!r}, post {entry.number}/{entry.total}: "
            f"unknown: {why}; check the account, then rerun with --retry-unknown to send it again"
        )
        self._outcome(entry, "unknown", error=why)
        if rest:
            self._pending(rest, f"the thread waits for post {entry.number}", quiet=True)

    def _pending(self, entries: Sequence[Entry], why: str, *, quiet: bool = False) -> None:
        for entry in entries:
            self.counts["pending"] += 1
            self._outcome(entry, "pending", error=why)
        if entries and not quiet:
            first = entries[0]
            self.say(
                f"warning: {first.source.get('label')}, platform {first.platform!r}: "
                f"{len(entries)} post{'s' if len(entries) != 1 else ''} left for the next run: {why}"
            )

    def _failed(self, ledger: Ledger, entry: Entry, error: str) -> Outcome:
        error = self.said(error)
        entry = ledger.failed(entry, error)
        self.counts["failed"] += 1
        self.say(f"error: {entry.source.get('label')}, platform {entry.platform!r}, post {entry.number}: {error}")
        return self._outcome(entry, "failed", error=error)

    def _stop(self, entry: Entry, family: str, why: str) -> Outcome:
        self.stopped[family] = self.said(why)
        self.counts["pending"] += 1
        self.say(f"error: {self.stopped[family]}; the {family} posts wait for the next run")
        return self._outcome(entry, "pending", error=self.stopped[family])

    def _send(
        self, ledger: Ledger, platform: Platform, entry: Entry, parent: Remote | None, root: Remote | None
    ) -> Outcome:
        """One post: at most ``attempts`` tries, each preceded by its intent on disk."""
        family = platform.family.name
        channel = self.channels[family]
        payload = entry.payload if parent is None else reply_to(entry.payload, platform, parent, root)
        media = entry.media or {}
        image = ImageRef(media["image"], media.get("folder")) if media.get("image") else None
        post = _Try(entry, landed=entry.status in {"sending", "unknown"})  # an earlier attempt may be out
        for attempt in range(1, self.s.attempts + 1):
            out = Outgoing(payload, entry.token, dt.datetime.now(dt.UTC), image, media.get("alt"), retry=post.landed)
            try:
                return self._attempt(ledger, channel, family, post, out)
            except RefusedError as err:
                # Sent again and refused: where a retry cannot post twice, the earlier attempt is not out
                # (Bluesky read its key back; Mastodon looks the key up before anything else); elsewhere
                # (--retry-unknown on X, Telegram) it may be, and stays unknown.
                if post.landed and channel.retry_window <= 0:
                    return self._unknown_now(ledger, post.entry, f"{err} (refused when sent again)")
                return self._failed(ledger, post.entry, str(err))
            except LoginError as err:
                return self._stop(post.entry, family, str(err))
            except TransientError as err:
                if err.maybe_sent and channel.retry_window <= 0 and post.entry.status == "sending":
                    return self._unknown_now(ledger, post.entry, str(err))
                post.landed = post.landed or err.maybe_sent
                wait = err.retry_after if err.retry_after is not None else float(2 ** (attempt - 1))
                if wait > self.s.max_wait:
                    return self._stop(post.entry, family, f"{err} (asked to wait {wait:.0f} s)")
                if attempt == self.s.attempts:
                    return self._gave_up(post.entry, f"gave up after {attempt} tries: {err}")
                self.s.sleep(wait)
        msg = "unreachable: the loop returns"
        raise AssertionError(msg)

    def _attempt(self, ledger: Ledger, channel: Channel, family: str, post: _Try, out: Outgoing) -> Outcome:
        """One try: read back what an earlier one may have made, else the intent, then the request."""
        channel.login()
        if post.landed and channel.retry_window > 0:
            found = channel.find(out)
            if found is not None:
                return self._sent(ledger, post.entry, found, post.entry.created_at)
            post.landed = not channel.finds  # read back and not there: it never landed
        before = post.entry.status
        post.entry = ledger.intent(post.entry, _iso(out.created_at))  # on disk before the request leaves
        try:
            remote = channel.send(out)
        except TransientError as err:
            if not err.maybe_sent:
                post.entry = ledger.back(post.entry, before)  # this attempt never left: as it was
            raise
        except LoginError:
            post.entry = ledger.back(post.entry, before)
            raise
        except SendError:
            raise
        except Exception as err:  # noqa: BLE001 - an SDK's surprise: it may have been sent
            msg = f"{family}: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            raise TransientError(self.scrub(msg)[:300], maybe_sent=True) from None
        return self._sent(ledger, post.entry, remote, _iso(out.created_at))

    def _gave_up(self, entry: Entry, why: str) -> Outcome:
        self.counts["pending"] += 1
        why = self.said(why)
        self.say(f"error: {entry.source.get('label')}, platform {entry.platform!r}: {why}")
        return self._outcome(entry, "pending", error=why)

    def _unknown_now(self, ledger: Ledger, entry: Entry, error: str) -> Outcome:
        error = self.said(error)
        why = f"{error}: it may have been posted, and {entry.platform} cannot tell"
        entry = ledger.unknown(entry, why)
        self.counts["unknown"] += 1
        self.say(
            f"error: {entry.source.get('label')}, platform {entry.platform!r}, post {entry.number}/{entry.total}: "
            f"unknown: {why}; check the account, then rerun with --retry-unknown to send it again"
        )
        return self._outcome(entry, "unknown", error=why)

    def _sent(self, ledger: Ledger, entry: Entry, remote: Remote, created_at: str | None) -> Outcome:
        entry = ledger.sent(entry, remote)
        self.counts["sent"] += 1
        for note in remote.notes:
            self.say(f"warning: {entry.source.get('label')}, platform {entry.platform!r}: {note}")
        return self._outcome(entry, "sent", remote=remote, created_at=created_at)


def publish(
    paths: Sequence[str | os.PathLike[str]],
    platforms: Sequence[Platform],
    *,
    state: str | os.PathLike[str],
    **options: Any,
) -> PublishSummary:
    """``postkit publish`` as one call: :class:`Publisher` ``(platforms, state=state, **options).run(paths)``.

    Every post of every record goes out exactly once across runs (see the module's
    docstring for what each platform's API allows); the report goes to ``output`` (a
    stream; none given: not written), errors to ``note`` (stderr).
    """
    return Publisher(platforms, state=state, **options).run(paths)
