"""The state file: what was composed, and what was published, in one SQLite file.

A cron job that runs ``postkit compose feed.xml --state state.db`` every ten minutes
should emit each new entry once, as feed2toot does; ``postkit publish`` keeps its ledger
(:mod:`postkit.ledger`) in the same file. The guarantees, and how:

- **Overlapping runs are safe.** A run holds the file's lock (``flock``, and within one
  process a lock per file) from start to end: a second run waits for it (up to
  :data:`LOCK_TIMEOUT` seconds), then sees everything the first one did. A compose run
  is one SQLite transaction; a publish run commits each step of its ledger.
- **A killed run marks nothing it did not write.** Marks join the open transaction as
  posts are written, and the caller commits only after the output is flushed (and
  synced, for a file). A run killed before that commits nothing: the next run emits its
  posts again. Delivery is at least once, never silently skipped.
- **Only postkit's own file is used.** The file carries SQLite's ``application_id``
  (:data:`APPLICATION_ID`) and a schema version; another application's database, a file
  that is not SQLite, a damaged one, an empty file (a state that lost its content would
  emit everything again: delete it to start afresh) and a file or folder that cannot be
  written are each a one-line :class:`~postkit.errors.ConfigError`, found when the state
  opens -- before anything is written. A new file is created whole (written beside the
  target, then linked into place), so a kill during creation leaves no half-made file.
- **The file does not grow without bound.** :meth:`State.forget` deletes marks older
  than a number of days, in the same transaction.

The key of an article is its ``id`` where it has one (a feed's ``guid`` or ``atom:id``),
scoped by the feed it came from (:attr:`Article.feed`: an RSS ``guid`` is only unique
within its feed), else its URL. Marks made before scopes existed (schema 1) match an id
from any feed, so a state file from an older postkit emits nothing twice.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import stat
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Self, TypeAlias

from postkit.article import Article
from postkit.errors import ConfigError

__all__ = [
    "APPLICATION_ID",
    "LOCK_TIMEOUT",
    "SCHEMA",
    "ArticleKey",
    "Key",
    "State",
    "StateFile",
    "article_key",
    "cutoff",
]

#: How long a run waits for an overlapping run to finish with the state file (seconds).
LOCK_TIMEOUT = 300.0
#: SQLite's ``application_id`` of a postkit state file: "pkst".
APPLICATION_ID = 0x706B7374
#: The schema this postkit writes: 1 had only ``composed`` keyed by (platform, key).
SCHEMA = 2
#: The scope of marks made before scopes existed: they match a key from any feed.
LEGACY_SCOPE = "*"
_DAY = 86_400.0


def cutoff(days: float, now: float | None = None) -> float:
    """The time before which what is over ``days`` old was done (``--forget-after``, for marks and the ledger)."""
    return (time.time() if now is None else now) - days * _DAY


_POLL = 0.05
_HINT = "point --state at a postkit state file, or at a new path"
_WRITABLE = "make the file and its folder writable, or give another path"

_TABLES = {
    "meta": "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "composed": (
        "CREATE TABLE composed (platform TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL,"
        " composed_at REAL NOT NULL, PRIMARY KEY (platform, scope, key)) WITHOUT ROWID"
    ),
    "published": (
        "CREATE TABLE published ("
        " entry INTEGER PRIMARY KEY,"
        " platform TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL,"
        " number INTEGER NOT NULL, total INTEGER NOT NULL,"
        " token TEXT NOT NULL UNIQUE,"
        " payload TEXT NOT NULL, media TEXT, source TEXT NOT NULL,"
        " status TEXT NOT NULL CHECK (status IN ('planned', 'sending', 'sent', 'unknown', 'failed')),"
        " attempts INTEGER NOT NULL DEFAULT 0,"
        " planned_at REAL NOT NULL, attempted_at REAL, created_at TEXT, done_at REAL,"
        " remote_id TEXT, uri TEXT, url TEXT, cid TEXT, error TEXT,"
        " UNIQUE (platform, scope, key, number))"
    ),
}
_COLUMNS = {
    "meta": ("name", "value"),
    "composed": ("platform", "scope", "key", "composed_at"),
    "published": (
        "entry",
        "platform",
        "scope",
        "key",
        "number",
        "total",
        "token",
        "payload",
        "media",
        "source",
        "status",
        "attempts",
        "planned_at",
        "attempted_at",
        "created_at",
        "done_at",
        "remote_id",
        "uri",
        "url",
        "cid",
        "error",
    ),
}
_V1_COLUMNS = {"composed": ("platform", "key", "composed_at")}


class ArticleKey(NamedTuple):
    """What identifies an article across runs: ``name`` (its id, else its URL) within ``scope``.

    ``scope`` is the feed an id came from (an RSS ``guid`` is unique only within its feed),
    ``""`` for a URL or an id from a record without a feed.
    """

    scope: str
    name: str


Key: TypeAlias = ArticleKey | str
"""A key as the state takes it: an :class:`ArticleKey`, or a bare string (scope ``""``)."""


def article_key(article: Article) -> ArticleKey:
    """What identifies ``article`` across runs: its id within its feed, else its URL."""
    if article.id is not None:
        return ArticleKey(article.feed or "", article.id)
    return ArticleKey("", article.url)


def _split(key: Key) -> ArticleKey:
    return key if isinstance(key, ArticleKey) else ArticleKey("", key)


# -- opening the file -------------------------------------------------------------------

_HELD: dict[tuple[int, int], threading.Lock] = {}
_HELD_GUARD = threading.Lock()


class _RunLock:
    """The file's lock for a whole run: one holder per process, then ``flock`` across processes.

    SQLite's own locks are POSIX locks, which a process loses when it closes *any*
    descriptor of the file: the in-process lock makes sure a second ``State`` on the
    same file (another thread) waits before it opens one.
    """

    def __init__(self, path: str, *, exclusive: bool, timeout: float) -> None:
        self.path, self.exclusive, self.timeout = path, exclusive, timeout
        self._fd: int | None = None
        self._local: threading.Lock | None = None

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        info = Path(self.path).stat()
        with _HELD_GUARD:
            local = _HELD.setdefault((info.st_dev, info.st_ino), threading.Lock())
        if not local.acquire(timeout=max(self.timeout, 0.0)):
            raise _locked(self.path, self.timeout)
        self._local = local
        try:
            self._fd = os.open(self.path, (os.O_RDWR if self.exclusive else os.O_RDONLY) | os.O_CLOEXEC)
            mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
            taken = _flock_until(self._fd, mode, deadline)
        except BaseException:
            self.release()
            raise
        if not taken:
            self.release()
            raise _locked(self.path, self.timeout)

    def release(self) -> None:
        """Unlock and close (after SQLite has closed its connection)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the flock
        if self._local is not None:
            local, self._local = self._local, None
            local.release()


def _flock_until(fd: int, mode: int, deadline: float) -> bool:
    """Take the lock, trying until ``deadline`` (monotonic); False if it stayed taken."""
    while True:
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL)
        else:
            return True


def _locked(path: str, timeout: float) -> ConfigError:
    msg = f"state file is locked by another run (waited {timeout:g} s)"
    return ConfigError(msg, path=path, hint="let it finish; the next run goes on from there")


def _problem(path: str, what: str, err: object = None) -> ConfigError:
    detail = f": {err}" if err is not None and str(err) else ""
    return ConfigError(f"{what}{detail}", path=path, hint=_HINT)


def _create(path: str) -> None:
    """Make a new state file whole: built beside ``path``, then linked into place.

    A run killed while creating leaves a stray temporary file at worst, never a state
    file without its tables; two runs creating at once both end with the same file.
    """
    target = Path(path).absolute()
    folder = target.parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=folder)
    except OSError as err:
        msg = f"cannot create state file: {_os_reason(err)}"
        raise ConfigError(msg, path=path, hint="give a path in a folder that exists and can be written") from None
    os.fchmod(fd, 0o666 & ~_umask())
    os.close(fd)
    tmp = Path(name)
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            _make_tables(db)
            db.execute("COMMIT")
        finally:
            db.close()
        try:
            target.hardlink_to(tmp)
        except FileExistsError:
            pass  # another run made it first: use theirs
        except OSError:  # no hard links here (some network or FAT file systems)
            if not target.exists():
                tmp.replace(target)
        _sync_folder(folder)
    except sqlite3.Error as err:
        raise _problem(path, "cannot create state file", err) from None
    except OSError as err:
        raise _problem(path, "cannot create state file", _os_reason(err)) from None
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _os_reason(err: OSError) -> str:
    return err.strerror or str(err)


def _make_tables(db: sqlite3.Connection) -> None:
    for sql in _TABLES.values():
        db.execute(sql)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA}")


def _tables(db: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: tuple(col[1] for col in db.execute(f'PRAGMA table_info("{name}")')) for name in names}


def _migrate_v1(db: sqlite3.Connection) -> None:
    """Schema 1 -> 2: marks keep their key and take the legacy scope (any feed); the ledger is new."""
    db.execute(_TABLES["composed"].replace("TABLE composed", "TABLE composed_v2", 1))
    db.execute(f"INSERT INTO composed_v2 SELECT platform, '{LEGACY_SCOPE}', key, composed_at FROM composed")  # noqa: S608
    db.execute("DROP TABLE composed")
    db.execute("ALTER TABLE composed_v2 RENAME TO composed")
    db.execute(_TABLES["meta"])
    db.execute(_TABLES["published"])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA}")


def _kind(db: sqlite3.Connection, path: str) -> str:
    """``"current"``, or ``"v1"`` (an older postkit's file, to migrate); raises for anything else."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = _tables(db)
    if app == APPLICATION_ID:
        if version > SCHEMA:
            msg = f"state file has schema version {version}; this postkit reads version {SCHEMA}"
            raise ConfigError(msg, path=path, hint="it was written by a newer postkit: upgrade postkit")
        if version != SCHEMA or tables != _COLUMNS:
            changed = sorted(set(tables) ^ set(_COLUMNS)) or sorted(t for t in tables if tables[t] != _COLUMNS[t])
            detail = f"schema version {version}" if version != SCHEMA else f"table {changed[0]!r} differs"
            raise _problem(path, f"state file is damaged ({detail})")
        return "current"
    if app == 0 and version == 1 and tables == _V1_COLUMNS:
        return "v1"
    if tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        return _refuse(path, f"not a postkit state file: another application's SQLite database (tables {shown})")
    if app or version:
        return _refuse(path, f"not a postkit state file (application id {app:#x}, schema version {version}, no tables)")
    return _refuse(path, "not a postkit state file: an empty SQLite database")


def _refuse(path: str, what: str) -> str:
    raise ConfigError(what, path=path, hint=_HINT)


class StateFile:
    """An open state file: the checked connection and the run's lock.

    Args:
        path: the file; created (whole) when missing, unless ``write`` is False.
        timeout: seconds to wait for another run's lock.
        write: take the lock for writing and make sure the file and its folder can be
            written (a write is made and kept in the open transaction); False opens it
            read-only (``publish --dry-run``) and a missing file reads as empty.

    Raises:
        ConfigError: for every way the file cannot be used, in one line.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT, write: bool = True) -> None:
        self.path = os.fspath(path)
        self.timeout = timeout
        self.write = write
        self.db: sqlite3.Connection | None = None
        self.kind: str | None = None  # "current" or "v1" (read-only opens leave an old file as it is)
        self._lock: _RunLock | None = None

    def open(self) -> sqlite3.Connection | None:
        """Lock, connect, check (and migrate) the file; in ``write`` mode a transaction is open.

        Returns:
            The connection; None for a read-only open of a file that does not exist.
        """
        path = self.path
        try:
            info = Path(path).stat()
        except FileNotFoundError:
            if not self.write:
                return None
            _create(path)
            info = Path(path).stat()
        except OSError as err:
            raise _problem(path, "cannot use state file", _os_reason(err)) from None
        if not stat.S_ISREG(info.st_mode):
            raise _problem(path, "state file is not a regular file")
        if info.st_size == 0:
            msg = "state file is empty: not a postkit state file"
            hint = "an emptied state would post everything again; delete the file to start afresh"
            raise ConfigError(msg, path=path, hint=hint)
        lock = _RunLock(path, exclusive=self.write, timeout=self.timeout)
        try:
            lock.acquire()
        except PermissionError:
            raise ConfigError("state file is read-only", path=path, hint=_WRITABLE) from None
        except OSError as err:
            raise _problem(path, "cannot use state file", _os_reason(err)) from None
        try:
            self.db = self._connect()
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        return self.db

    def _connect(self) -> sqlite3.Connection:
        path = self.path
        mode = "rw" if self.write else "ro"
        uri = f"file:{urllib.parse.quote(str(Path(path).absolute()))}?mode={mode}"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
        except sqlite3.Error as err:
            raise _problem(path, "cannot use state file", err) from None
        try:
            db.execute("PRAGMA synchronous = FULL")  # a committed step is on disk (the ledger's intent)
            kind = self.kind = _kind(db, path)
            checked = db.execute("PRAGMA quick_check").fetchone()[0]
            if checked != "ok":
                raise _problem(path, "state file is damaged", sqlite3.DatabaseError(checked))
            if self.write:
                db.execute("BEGIN IMMEDIATE")
                if kind == "v1":
                    _migrate_v1(db)
                    self.kind = "current"
                # A write now: a read-only folder (no room for the journal) or disk fails here,
                # before the run has written anything anywhere.
                db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('opened_at', ?)", (repr(time.time()),))
        except ConfigError:
            db.close()
            raise
        except sqlite3.Error as err:
            db.close()
            raise self.error(err) from None
        return db

    def error(self, err: sqlite3.Error) -> ConfigError:
        """A SQLite error as the one-line ConfigError a run ends with."""
        text = str(err)
        if "locked" in text or "busy" in text:
            return _locked(self.path, self.timeout)
        if "readonly" in text or "read-only" in text:
            msg = f"cannot write state file (is it, or its folder, read-only?): {err}"
            return ConfigError(msg, path=self.path, hint=_WRITABLE)
        if "not a database" in text or "malformed" in text:
            return _problem(self.path, "not a postkit state file, or a damaged one", err)
        return _problem(self.path, "cannot use state file", err)

    def close(self) -> None:
        """Close the connection (an open transaction is rolled back), then release the lock."""
        if self.db is not None:
            db, self.db = self.db, None
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            db.close()
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()


# -- what compose marks -----------------------------------------------------------------


class State:
    """An open state file for ``compose``: one transaction from :meth:`open` to :meth:`commit`.

    Use it as a context manager: leaving the block normally commits, an exception rolls
    back. Commit only after the output that the marks stand for is flushed.

    Args:
        path: the SQLite file (created if missing).
        timeout: seconds to wait for another run's lock before giving up.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = os.fspath(path)
        self._timeout = timeout
        self._file: StateFile | None = None

    def open(self) -> Self:
        """Lock, create or check the file, and begin the run's transaction (waits for other runs).

        Raises:
            ConfigError: when the file is not a postkit state file, cannot be written, or stays locked.
        """
        opened = StateFile(self.path, timeout=self._timeout)
        opened.open()
        self._file = opened
        return self

    def seen(self, platform: str, key: Key) -> bool:
        """Whether ``key`` was composed for ``platform`` (by an earlier run, or this one)."""
        scope, name = _split(key)
        found = self._run(
            "SELECT 1 FROM composed WHERE platform = ? AND key = ? AND scope IN (?, ?)",
            (platform, name, scope, LEGACY_SCOPE),
        )
        return found.fetchone() is not None

    def mark(self, platform: str, key: Key, *, when: float | None = None) -> None:
        """Record ``key`` as composed for ``platform``; part of the open transaction."""
        scope, name = _split(key)
        self._run(
            "INSERT OR REPLACE INTO composed (platform, scope, key, composed_at) VALUES (?, ?, ?, ?)",
            (platform, scope, name, time.time() if when is None else when),
        )

    def forget(self, days: float, *, now: float | None = None) -> int:
        """Delete marks older than ``days``; returns how many went."""
        return self._run("DELETE FROM composed WHERE composed_at < ?", (cutoff(days, now),)).rowcount

    def __len__(self) -> int:
        return int(self._run("SELECT count(*) FROM composed", ()).fetchone()[0])

    def commit(self) -> None:
        """Make this run's marks permanent and release the lock; the state is closed."""
        opened = self._opened
        self._file = None
        try:
            assert opened.db is not None
            opened.db.execute("COMMIT")
        except sqlite3.Error as err:
            raise opened.error(err) from None
        finally:
            opened.close()

    def rollback(self) -> None:
        """Drop this run's marks and forgets, and release the lock; the state is closed."""
        if self._file is None:
            return
        opened, self._file = self._file, None
        opened.close()

    def __enter__(self) -> Self:
        return self.open() if self._file is None else self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None and self._file is not None:
            self.commit()
        else:
            self.rollback()

    @property
    def _opened(self) -> StateFile:
        if self._file is None or self._file.db is None:
            msg = "the state is not open"
            raise RuntimeError(msg)
        return self._file

    def _run(self, sql: str, args: tuple[object, ...]) -> sqlite3.Cursor:
        opened = self._opened
        assert opened.db is not None
        try:
            return opened.db.execute(sql, args)
        except sqlite3.Error as err:  # a disk that fails mid-run: one line, not a traceback
            raise opened.error(err) from None
