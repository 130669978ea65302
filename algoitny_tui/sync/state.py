"""Sync's own bookkeeping, kept in the store file next to the items through storage's `SyncLedger`:

- what the remote holds of each key (`Known`) and how far each writer's changes were pulled (`PullMark`);
- the store's meta rows: the outbox cursor, this store's writer id, the push counter, and the last sync's time,
  error and pending count (for the status bar).
"""

from __future__ import annotations

import fcntl
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.sync_ledger import Known, PullMark, SyncLedger
from algoitny_tui.sync.versions import SYNCABLE_PREFIXES

__all__ = ["Known", "PullMark", "SyncStore", "sync_lock"]

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


class SyncStore:
    """Sync's tables in the local store file; used by one sync at a time (the sync lock)."""

    def __init__(self, local: SQLiteTable) -> None:
        self.local = local
        self.ledger = SyncLedger(local)

    def close(self) -> None:
        """Nothing of its own to close: the ledger works on the store's connections."""

    # --- identity and counters ---------------------------------------------------------------------------------

    def writer(self) -> str:
        """This store's writer id: random, made once, kept in the store (so two machines never share one)."""
        writer = self.ledger.get_meta(META_WRITER)
        if writer is None:
            writer = secrets.token_hex(5)
            self.ledger.set_meta(META_WRITER, writer)
        return writer

    def next_push(self) -> int:
        """A new push number, saved before anything is sent: a crashed push's number is never used again."""
        push = int(self.ledger.get_meta(META_PUSH) or 0) + 1
        self.ledger.set_meta(META_PUSH, str(push))
        return push

    def cursor(self) -> int:
        return int(self.ledger.get_meta(META_CURSOR) or 0)

    def set_cursor(self, seq: int) -> None:
        self.ledger.set_meta(META_CURSOR, str(seq))

    # --- known versions and pull watermarks -------------------------------------------------------------------

    def known(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Known]:
        return self.ledger.known(keys)

    def remember(self, rows: Iterable[tuple[str, str, Known | None]]) -> None:
        """Record (or, with None, forget) what the remote holds for each key, in one transaction."""
        self.ledger.remember(rows)

    def forget_remote(self) -> None:
        """The remote table is new (it was lost): nothing there is known any more; everything must go again."""
        self.ledger.forget_remote()

    def pull_marks(self) -> dict[tuple[str, str], PullMark]:
        return self.ledger.pull_marks()

    def set_pull_marks(self, marks: dict[tuple[str, str], PullMark]) -> None:
        self.ledger.set_pull_marks(marks)

    # --- the outbox ------------------------------------------------------------------------------------------

    def pending_count(self) -> int:
        """Syncable keys written locally since the cursor."""
        return self.ledger.pending_count(self.cursor(), SYNCABLE_PREFIXES)


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
