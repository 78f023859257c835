"""Remember what was composed: a SQLite file of (platform, article key) pairs.

A cron job that runs ``postkit compose feed.xml --state state.db`` every ten minutes
should emit each new entry once, as feed2toot does. The guarantees, and how:

- **Overlapping runs are safe.** A run takes SQLite's write lock when it opens the
  state (``BEGIN IMMEDIATE``) and holds it until it commits: a second run waits for
  it (up to :data:`LOCK_TIMEOUT` seconds), then sees everything the first one marked.
  The whole run is one transaction.
- **A killed run marks nothing it did not write.** Marks join the open transaction as
  posts are written, and the caller commits only after the output is flushed (and
  synced, for a file). A run killed before that commits nothing: the next run emits its
  posts again. Delivery is at least once, never silently skipped.
- **The file does not grow without bound.** :meth:`State.forget` deletes marks older
  than a number of days, in the same transaction.

The key of an article is its ``id`` where it has one (a feed's ``guid`` or
``atom:id``), else its URL.
"""

from __future__ import annotations

import os
import sqlite3
import time
from types import TracebackType
from typing import Self

from postkit.article import Article
from postkit.errors import ConfigError

__all__ = ["LOCK_TIMEOUT", "State", "article_key"]

#: How long a run waits for an overlapping run to finish with the state file (seconds).
LOCK_TIMEOUT = 300.0
_SCHEMA = 1
_DAY = 86_400.0


def article_key(article: Article) -> str:
    """What identifies ``article`` across runs: its id, else its URL."""
    return article.id if article.id is not None else article.url


class State:
    """An open state file: one transaction from :meth:`open` to :meth:`commit`.

    Use it as a context manager: leaving the block normally commits, an exception rolls
    back. Commit only after the output that the marks stand for is flushed.

    Args:
        path: the SQLite file (created if missing).
        timeout: seconds to wait for another run's lock before giving up.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = os.fspath(path)
        self._timeout = timeout
        self._db: sqlite3.Connection | None = None

    def open(self) -> Self:
        """Connect, create the table if new, and take the write lock (waits for other runs).

        Raises:
            ConfigError: when the file is not a postkit state file, or stays locked.
        """
        try:
            db = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        except sqlite3.Error as err:
            raise self._error(err) from None
        try:
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS composed (platform TEXT NOT NULL, key TEXT NOT NULL,"
                    " composed_at REAL NOT NULL, PRIMARY KEY (platform, key)) WITHOUT ROWID"
                )
                db.execute(f"PRAGMA user_version = {_SCHEMA}")
        except sqlite3.Error as err:
            db.close()
            raise self._error(err) from None
        if version not in {0, _SCHEMA}:
            db.close()
            msg = f"state file has schema version {version}; this postkit writes version {_SCHEMA}"
            raise ConfigError(msg, path=self.path, hint="use a new --state file")
        self._db = db
        return self

    def seen(self, platform: str, key: str) -> bool:
        """Whether ``key`` was composed for ``platform`` (by an earlier run, or this one)."""
        row = self._conn.execute("SELECT 1 FROM composed WHERE platform = ? AND key = ?", (platform, key))
        return row.fetchone() is not None

    def mark(self, platform: str, key: str, *, when: float | None = None) -> None:
        """Record ``key`` as composed for ``platform``; part of the open transaction."""
        self._conn.execute(
            "INSERT OR REPLACE INTO composed (platform, key, composed_at) VALUES (?, ?, ?)",
            (platform, key, time.time() if when is None else when),
        )

    def forget(self, days: float, *, now: float | None = None) -> int:
        """Delete marks older than ``days``; returns how many went."""
        cutoff = (time.time() if now is None else now) - days * _DAY
        return self._conn.execute("DELETE FROM composed WHERE composed_at < ?", (cutoff,)).rowcount

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM composed").fetchone()[0])

    def commit(self) -> None:
        """Make this run's marks permanent and release the lock; the state is closed."""
        db = self._conn
        self._db = None
        try:
            db.execute("COMMIT")
        except sqlite3.Error as err:
            raise self._error(err) from None
        finally:
            db.close()

    def rollback(self) -> None:
        """Drop this run's marks and forgets, and release the lock; the state is closed."""
        if self._db is None:
            return
        db, self._db = self._db, None
        try:
            db.execute("ROLLBACK")
        finally:
            db.close()

    def __enter__(self) -> Self:
        return self.open() if self._db is None else self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None and self._db is not None:
            self.commit()
        else:
            self.rollback()

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            msg = "the state is not open"
            raise RuntimeError(msg)
        return self._db

    def _error(self, err: sqlite3.Error) -> ConfigError:
        text = str(err)
        if "locked" in text or "busy" in text:
            msg = f"state file is locked by another run (waited {self._timeout:g} s)"
            return ConfigError(msg, path=self.path, hint="let it finish; the next run goes on from there")
        return ConfigError(
            f"cannot use state file: {text}", path=self.path, hint="point --state at a postkit state file or a new path"
        )
