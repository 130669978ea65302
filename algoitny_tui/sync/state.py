"""Sync's own bookkeeping, in the store file next to the items (its own tables, its own connection).

- `sync_known`: per key, the remote version (`rev`) the local copy is based on, a digest of that copy, its owner,
  and whether the last push of it is confirmed (`ok`) or was sent without an answer yet (`sent`).
- `sync_pull`: per (owner, writer), how far this store has read that writer's changes (see pull.py).
- the store's `meta` table (through SQLiteTable): the outbox cursor, this store's writer id, the push counter, and
  the last sync's time, error and pending count (for the status bar).
"""

from __future__ import annotations

import fcntl
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from algoitny_tui.storage.sqlite_table import SQLiteTable

SCHEMA = """
CREATE TABLE IF NOT EXISTS sync_known (
    pk TEXT NOT NULL, sk TEXT NOT NULL, rev TEXT NOT NULL, digest TEXT NOT NULL, owner TEXT NOT NULL,
    state TEXT NOT NULL, PRIMARY KEY (pk, sk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_pull (
    owner TEXT NOT NULL, writer TEXT NOT NULL, wm INTEGER NOT NULL, pend INTEGER, pend_at REAL,
    PRIMARY KEY (owner, writer)
) WITHOUT ROWID;
"""

META_CURSOR = "sync.cursor"
META_WRITER = "sync.writer"
META_PUSH = "sync.push"
META_LAST_AT = "sync.last_at"
META_LAST_ERROR = "sync.last_error"
META_PENDING = "sync.pending"
META_TABLE = "sync.table"
META_FULL = "sync.full"  # "1": the next push sends every syncable item (the remote table was lost)

OK = "ok"
SENT = "sent"


@dataclass(frozen=True)
class Known:
    rev: str
    digest: str
    owner: str
    state: str


@dataclass
class PullMark:
    wm: int
    pend: int | None = None
    pend_at: float | None = None


class SyncStore:
    """Sync's tables in the local store file; used by one sync at a time (the sync lock)."""

    def __init__(self, local: SQLiteTable) -> None:
        self.local = local
        local.get_meta(META_CURSOR)  # opens (and creates) the store file first; a cheap read, not a count(*)
        self.conn = sqlite3.connect(local.path, timeout=60, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout=60000")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- identity and counters ---------------------------------------------------------------------------------

    def writer(self) -> str:
        """This store's writer id: random, made once, kept in the store (so two machines never share one)."""
        writer = self.local.get_meta(META_WRITER)
        if writer is None:
            writer = secrets.token_hex(5)
            self.local.set_meta(META_WRITER, writer)
        return writer

    def next_push(self) -> int:
        """A new push number, saved before anything is sent: a crashed push's number is never used again."""
        push = int(self.local.get_meta(META_PUSH) or 0) + 1
        self.local.set_meta(META_PUSH, str(push))
        return push

    def cursor(self) -> int:
        return int(self.local.get_meta(META_CURSOR) or 0)

    def set_cursor(self, seq: int) -> None:
        self.local.set_meta(META_CURSOR, str(seq))

    # --- known versions ----------------------------------------------------------------------------------------

    def known(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Known]:
        found: dict[tuple[str, str], Known] = {}
        for start in range(0, len(keys), 500):  # 1,000 host parameters a statement
            part = keys[start : start + 500]
            for pk, sk, rev, dig, owner, state in self.conn.execute(
                f"WITH k(pk, sk) AS (VALUES {','.join('(?,?)' for _ in part)}) "
                "SELECT s.pk, s.sk, s.rev, s.digest, s.owner, s.state FROM k JOIN sync_known s "
                "ON s.pk = k.pk AND s.sk = k.sk",
                [v for key in part for v in key],
            ):
                found[(pk, sk)] = Known(rev, dig, owner, state)
        return found

    def remember(self, rows: Iterable[tuple[str, str, Known | None]]) -> None:
        """Record (or, with None, forget) what the remote holds for each key, in one transaction."""
        puts: list[tuple[str, str, str, str, str, str]] = []
        forget: list[tuple[str, str]] = []
        for pk, sk, known in rows:
            if known is None:
                forget.append((pk, sk))
            else:
                puts.append((pk, sk, known.rev, known.digest, known.owner, known.state))
        with self.transaction() as conn:
            if forget:
                conn.executemany("DELETE FROM sync_known WHERE pk=? AND sk=?", forget)
            if puts:
                conn.executemany("INSERT OR REPLACE INTO sync_known VALUES (?, ?, ?, ?, ?, ?)", puts)

    def forget_remote(self) -> None:
        """The remote table is new (it was lost): nothing there is known any more; everything must go again."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sync_known")
            conn.execute("DELETE FROM sync_pull")

    # --- pull watermarks ---------------------------------------------------------------------------------------

    def pull_marks(self) -> dict[tuple[str, str], PullMark]:
        return {
            (owner, writer): PullMark(wm, pend, pend_at)
            for owner, writer, wm, pend, pend_at in self.conn.execute("SELECT * FROM sync_pull")
        }

    def set_pull_marks(self, marks: dict[tuple[str, str], PullMark]) -> None:
        with self.transaction() as conn:
            for (owner, writer), mark in marks.items():
                conn.execute(
                    "INSERT OR REPLACE INTO sync_pull VALUES (?, ?, ?, ?, ?)",
                    (owner, writer, mark.wm, mark.pend, mark.pend_at),
                )

    # --- the outbox ------------------------------------------------------------------------------------------

    def pending_count(self) -> int:
        """Syncable keys written locally since the cursor (an index range on the outbox: cheap when small)."""
        row = self.conn.execute(
            "SELECT count(DISTINCT pk || char(0) || sk) FROM outbox WHERE seq > ? AND "
            "((pk >= 'HIST#' AND pk < 'HIST$') OR (pk >= 'PROB#' AND pk < 'PROB$'))",
            (self.cursor(),),
        ).fetchone()
        return int(row[0])


@contextmanager
def sync_lock(local: SQLiteTable) -> Iterator[bool]:
    """One sync at a time per store, across processes (the app's background sync and `algoitny sync`).

    Yields False when another sync holds the lock (the caller skips this round instead of waiting)."""
    path = Path(f"{local.path}.sync.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
