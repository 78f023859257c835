r"""The publish ledger: each post's way out, one committed step at a time, in the state file.

``postkit publish`` keeps one entry per post (a thread's posts are entries 1..n of one
card: a platform and an article key) in the ``published`` table of the state file
(:mod:`postkit.state`). Its states::

    planned --intent--> sending --> sent (remote id, URI, web URL)
                           |  \--> failed (the server refused it; tried again next run)
                           |   \-> unknown (may have been posted: not sent again unless asked)
                           \--(killed, cut off)--> found "sending" by the next run

Every step is its own transaction, committed with ``synchronous = FULL`` before the run
goes on: the *intent* (``sending``, with the time the post is stamped with) is on disk
before the request leaves, so a run killed at any instant leaves each post either never
tried (``planned``), tried (``sending``) or settled. The next run decides what a
``sending`` post means by the platform's API (:attr:`~postkit.platforms.sending.Channel.retry_window`):
where a retry cannot post twice (Bluesky's record key, Mastodon's Idempotency-Key within
its hour) it confirms or sends again; elsewhere (X, Telegram) the post is ``unknown``.

A card whose entries are all ``planned`` or ``failed`` was never on its way out: a run
that reads the article again plans it afresh from the new composition (a fixed record or
template counts). Once any of its posts is ``sending``, ``sent`` or ``unknown`` the card is
fixed: later runs go on with its planned posts, as planned.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, Self, TypeAlias

import attrs

from postkit.platforms.payloads import Payload
from postkit.platforms.sending import Remote
from postkit.state import LOCK_TIMEOUT, ArticleKey, Key, StateFile, cutoff

__all__ = ["STATUSES", "Entry", "Ledger", "LedgerMarks", "Planned", "Status", "tid"]

Status: TypeAlias = Literal["planned", "sending", "sent", "unknown", "failed"]
#: Every status an entry can have.
STATUSES: tuple[Status, ...] = ("planned", "sending", "sent", "unknown", "failed")
_FIXED = ("sending", "sent", "unknown")
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(micros: int, clock: int) -> str:
    """An atproto TID: 13 base32-sortable characters of 0, 53 bits of microseconds and a 10-bit clock id.

    >>> tid(1_700_000_000_000_000, 7)
    '3ke6kg3wk222b'
    """
    value = ((micros & ((1 << 53) - 1)) << 10) | (clock & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


@attrs.frozen
class Planned:
    """A post to plan: its payload, its image, and where it came from."""

    payload: Payload
    media: dict[str, Any] | None
    source: dict[str, Any]


@attrs.frozen
class Entry:
    """One post in the ledger (a row of ``published``)."""

    entry: int
    platform: str
    scope: str
    key: str
    number: int
    total: int
    token: str
    payload: Payload
    media: dict[str, Any] | None
    source: dict[str, Any]
    status: Status
    attempts: int
    planned_at: float
    attempted_at: float | None
    created_at: str | None
    done_at: float | None
    remote: Remote | None
    error: str | None

    @property
    def card(self) -> tuple[str, str, str]:
        """What the entry is a post of: (platform, scope, key)."""
        return self.platform, self.scope, self.key


_SELECT = (
    "SELECT entry, platform, scope, key, number, total, token, payload, media, source, status, attempts,"
    " planned_at, attempted_at, created_at, done_at, remote_id, uri, url, cid, error FROM published"
)


def _entry(row: Sequence[Any]) -> Entry:
    remote = Remote(row[16], row[17], row[18], row[19]) if row[16] is not None else None
    return Entry(
        entry=row[0],
        platform=row[1],
        scope=row[2],
        key=row[3],
        number=row[4],
        total=row[5],
        token=row[6],
        payload=json.loads(row[7]),
        media=json.loads(row[8]) if row[8] is not None else None,
        source=json.loads(row[9]),
        status=row[10],
        attempts=row[11],
        planned_at=row[12],
        attempted_at=row[13],
        created_at=row[14],
        done_at=row[15],
        remote=remote,
        error=row[20],
    )


def _split(key: Key) -> ArticleKey:
    return key if isinstance(key, ArticleKey) else ArticleKey("", key)


class Ledger:
    """The ledger of an open state file; each change is committed (and on disk) when it returns.

    Args:
        path: the state file (created if missing, unless ``write`` is False).
        timeout: seconds to wait for another run's lock.
        write: False reads only (``publish --dry-run``): a missing file is an empty ledger,
            and every change raises.

    Raises:
        ConfigError: when the file cannot be used (see :class:`~postkit.state.StateFile`).
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT, write: bool = True) -> None:
        self._file = StateFile(path, timeout=timeout, write=write)
        self.path = self._file.path
        self._db: sqlite3.Connection | None = None
        self._clock = secrets.randbelow(1024)
        self._last = 0

    def open(self) -> Self:
        """Lock and check the file (its probing write is committed at once)."""
        db = self._file.open()
        if db is not None and db.in_transaction:
            self._step(lambda: None, db)
        self._db = db if self._file.kind == "current" else None  # a schema-1 file read by a dry run: no ledger yet
        return self

    def close(self) -> None:
        """Release the file."""
        self._db = None
        self._file.close()

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    def entries(self, platform: str, key: Key) -> list[Entry]:
        """The card's entries, post 1 first."""
        scope, name = _split(key)
        sql = f"{_SELECT} WHERE platform = ? AND scope = ? AND key = ? ORDER BY number"
        return [_entry(row) for row in self._read(sql, (platform, scope, name))]

    def fixed(self, platform: str, key: Key) -> bool:
        """Whether any post of the card is on its way out or out (``sending``, ``sent``, ``unknown``)."""
        scope, name = _split(key)
        sql = "SELECT 1 FROM published WHERE platform = ? AND scope = ? AND key = ? AND status IN (?, ?, ?) LIMIT 1"
        return bool(self._read(sql, (platform, scope, name, *_FIXED)))

    def cards(self, platforms: Iterable[str]) -> Iterator[list[Entry]]:
        """Every card of ``platforms`` with a post not yet sent, oldest plan first."""
        names = sorted(set(platforms))
        if not names:
            return
        marks = ", ".join("?" * len(names))
        sql = (
            "SELECT platform, scope, key, min(planned_at) FROM published"  # noqa: S608 - placeholders only
            f" WHERE platform IN ({marks}) GROUP BY platform, scope, key"
            " HAVING sum(status != 'sent') > 0 ORDER BY 4, 1"
        )
        for platform, scope, key, _ in self._read(sql, tuple(names)):
            yield self.entries(platform, ArticleKey(scope, key))

    def interrupted(self) -> list[Entry]:
        """The posts a killed (or cut off) run left ``sending``."""
        return [_entry(row) for row in self._read(f"{_SELECT} WHERE status = 'sending' ORDER BY entry", ())]

    def counts(self) -> dict[str, int]:
        """How many entries have each status."""
        counted = dict(self._read("SELECT status, count(*) FROM published GROUP BY status", ()))
        return {status: int(counted.get(status, 0)) for status in STATUSES}

    # -- changing ------------------------------------------------------------------

    def plan(self, platform: str, key: Key, posts: Sequence[Planned], *, now: float | None = None) -> list[Entry]:
        """Plan a card's posts, replacing a plan nothing of which went out; committed on return.

        Raises:
            ValueError: when the card is fixed (a post of it is sending, sent or unknown).
        """
        scope, name = _split(key)
        when = time.time() if now is None else now

        def write() -> None:
            db = self._conn
            fixed = db.execute(
                "SELECT 1 FROM published WHERE platform = ? AND scope = ? AND key = ? AND status IN (?, ?, ?)",
                (platform, scope, name, *_FIXED),
            ).fetchone()
            if fixed is not None:
                msg = f"the card ({platform!r}, {name!r}) is on its way out: it cannot be planned again"
                raise ValueError(msg)
            db.execute("DELETE FROM published WHERE platform = ? AND scope = ? AND key = ?", (platform, scope, name))
            for number, post in enumerate(posts, 1):
                db.execute(
                    "INSERT INTO published (platform, scope, key, number, total, token, payload, media, source,"
                    " status, planned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?)",
                    (
                        platform,
                        scope,
                        name,
                        number,
                        len(posts),
                        self._token(db, when),
                        json.dumps(post.payload, ensure_ascii=False),
                        json.dumps(post.media, ensure_ascii=False) if post.media is not None else None,
                        json.dumps(post.source, ensure_ascii=False),
                        when,
                    ),
                )

        self._step(write)
        return self.entries(platform, ArticleKey(scope, name))

    def intent(self, entry: Entry, created_at: str, *, now: float | None = None) -> Entry:
        """The post is about to leave, stamped ``created_at``: on disk before the request is made."""
        when = time.time() if now is None else now
        return self._set(
            entry,
            "status = 'sending', attempts = attempts + 1, attempted_at = ?, created_at = ?, error = NULL",
            (when, created_at),
        )

    def sent(self, entry: Entry, remote: Remote, *, now: float | None = None) -> Entry:
        """The post is out: its remote id, URI, web URL (and Bluesky's CID)."""
        when = time.time() if now is None else now
        return self._set(
            entry,
            "status = 'sent', done_at = ?, remote_id = ?, uri = ?, url = ?, cid = ?, error = NULL",
            (when, remote.id, remote.uri, remote.url, remote.cid),
        )

    def failed(self, entry: Entry, error: str, *, now: float | None = None) -> Entry:
        """The server refused the post (it did not go out)."""
        return self._set(
            entry, "status = 'failed', done_at = ?, error = ?", (time.time() if now is None else now, error)
        )

    def unknown(self, entry: Entry, error: str, *, now: float | None = None) -> Entry:
        """The post may or may not have gone out, and the API offers no way to tell."""
        when = time.time() if now is None else now
        return self._set(entry, "status = 'unknown', done_at = ?, error = ?", (when, error))

    def forget(self, days: float, *, now: float | None = None) -> int:
        """Delete the cards every post of which was sent over ``days`` ago; returns how many posts went; committed.

        As the compose state's :meth:`~postkit.state.State.forget`, so the file does not grow
        without bound. Only settled cards go: one with a post planned, sending, failed or
        unknown is work (or doubt) a later run needs. A forgotten article still in the
        feed is sent again: forget after longer than the feed keeps an entry.
        """
        before = cutoff(days, now)
        gone = 0

        def write() -> None:
            nonlocal gone
            gone = self._conn.execute(
                "DELETE FROM published WHERE (platform, scope, key) IN (SELECT platform, scope, key FROM published"
                " GROUP BY platform, scope, key HAVING sum(status != 'sent') = 0 AND max(done_at) < ?)",
                (before,),
            ).rowcount

        self._step(write)
        return gone

    def back(self, entry: Entry, status: Status, error: str | None = None) -> Entry:
        """Undo an intent whose request surely never left (a refused connection): the entry is as it was."""
        return self._set(entry, "status = ?, error = ?", (status, error))

    # -- machinery -----------------------------------------------------------------

    def _token(self, db: sqlite3.Connection, when: float) -> str:
        """A fresh TID for a post: the plan's time in microseconds, kept increasing, and this run's clock id."""
        micros = max(int(when * 1_000_000), self._last + 1)
        while True:
            self._last = micros
            token = tid(micros, self._clock)
            if db.execute("SELECT 1 FROM published WHERE token = ?", (token,)).fetchone() is None:
                return token
            micros += 1

    def _set(self, entry: Entry, assignments: str, args: tuple[Any, ...]) -> Entry:
        def write() -> None:
            self._conn.execute(f"UPDATE published SET {assignments} WHERE entry = ?", (*args, entry.entry))  # noqa: S608

        self._step(write)
        rows = self._read(f"{_SELECT} WHERE entry = ?", (entry.entry,))
        return _entry(rows[0])

    def _step(self, write: Any, db: sqlite3.Connection | None = None) -> None:
        """One committed change (``BEGIN IMMEDIATE`` … ``COMMIT``, synchronous = FULL)."""
        conn = db if db is not None else self._conn
        try:
            if not conn.in_transaction:
                conn.execute("BEGIN IMMEDIATE")
            write()
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise self._file.error(err) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _read(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        if self._db is None:
            if self._file.write:
                msg = "the ledger is not open"
                raise RuntimeError(msg)
            return []  # a dry run over a state file that does not exist yet
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise self._file.error(err) from None

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None or not self._file.write:
            msg = "the ledger is not open for writing"
            raise RuntimeError(msg)
        return self._db


class LedgerMarks:
    """The ledger as ``pipeline.rows`` asks a state: a fixed card is ``known`` (its posts go on from the ledger).

    A card whose plan never went out is composed again, so its fresh composition replaces
    the plan. ``mark`` does nothing: the publisher plans a card when it takes its row.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def seen(self, platform: str, key: Key) -> bool:
        """Whether the card is fixed in the ledger."""
        return self.ledger.fixed(platform, key)

    def mark(self, platform: str, key: Key) -> None:
        """Nothing: planning is the publisher's."""
