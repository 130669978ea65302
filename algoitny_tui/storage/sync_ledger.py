"""Sync's narrow interface to the local store: the outbox it reads, and its bookkeeping tables (see
`sqlite_schema.py`), on the store's own connections. Sync never writes SQL or opens the file itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from algoitny_tui.storage.sqlite_table import SQLiteTable

Key = tuple[str, str]
_TOP = chr(0x10FFFF)


@dataclass(frozen=True)
class Known:
    """What the remote holds of a key, as this store last learnt it."""

    rev: str
    digest: str
    owner: str
    state: str


@dataclass
class PullMark:
    """How far this store has read one writer's changes for one owner (see sync/pull.py)."""

    wm: int
    pend: int | None = None
    pend_at: float | None = None


class SyncLedger:
    def __init__(self, local: SQLiteTable) -> None:
        self.local = local

    # --- the outbox ----------------------------------------------------------------------------------------------

    def changes_after(self, seq: int, limit: int = 1000) -> list[tuple[int, str, str]]:
        """Writes recorded after `seq`: (seq, pk, sk), oldest first."""
        with self.local._use() as conn:
            rows = conn.execute(
                "SELECT seq, pk, sk FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit)
            ).fetchall()
        return [(int(s), str(p), str(k)) for s, p, k in rows]

    def last_change(self) -> int:
        """The seq of the newest write recorded (0 with none)."""
        with self.local._use() as conn:
            return int(conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])

    def pending_count(self, after: int, prefixes: Sequence[str]) -> int:
        """Distinct keys under any of the PK `prefixes` written after `after` (an index range: cheap when small)."""
        if not prefixes:
            return 0
        ranges = " OR ".join("(pk >= ? AND pk < ?)" for _ in prefixes)
        with self.local._use() as conn:
            row = conn.execute(
                f"SELECT count(DISTINCT pk || char(0) || sk) FROM outbox WHERE seq > ? AND ({ranges})",
                (after, *[bound for p in prefixes for bound in (p, p + _TOP)]),
            ).fetchone()
        return int(row[0])

    # --- what the remote holds -----------------------------------------------------------------------------------

    def known(self, keys: Sequence[Key]) -> dict[Key, Known]:
        found: dict[Key, Known] = {}
        with self.local._use() as conn:
            for start in range(0, len(keys), 500):  # 1,000 host parameters a statement
                part = keys[start : start + 500]
                for pk, sk, rev, dig, owner, state in conn.execute(
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
        forget: list[Key] = []
        for pk, sk, known in rows:
            if known is None:
                forget.append((pk, sk))
            else:
                puts.append((pk, sk, known.rev, known.digest, known.owner, known.state))
        with self.local._write() as conn:
            if forget:
                conn.executemany("DELETE FROM sync_known WHERE pk=? AND sk=?", forget)
            if puts:
                conn.executemany("INSERT OR REPLACE INTO sync_known VALUES (?, ?, ?, ?, ?, ?)", puts)

    def forget_remote(self) -> None:
        """The remote table is new (it was lost): nothing there is known any more."""
        with self.local._write() as conn:
            conn.execute("DELETE FROM sync_known")
            conn.execute("DELETE FROM sync_pull")

    # --- pull watermarks -----------------------------------------------------------------------------------------

    def pull_marks(self) -> dict[Key, PullMark]:
        with self.local._use() as conn:
            rows = conn.execute("SELECT owner, writer, wm, pend, pend_at FROM sync_pull").fetchall()
        return {(owner, writer): PullMark(wm, pend, pend_at) for owner, writer, wm, pend, pend_at in rows}

    def set_pull_marks(self, marks: dict[Key, PullMark]) -> None:
        with self.local._write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO sync_pull VALUES (?, ?, ?, ?, ?)",
                [(owner, writer, m.wm, m.pend, m.pend_at) for (owner, writer), m in marks.items()],
            )
