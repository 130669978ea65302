"""Sync's narrow interface to the local store: the outbox it reads, the items as stored (bodies read without
decoding, pulled items written without being recorded for push), its meta rows and bookkeeping tables (see
`sqlite_schema.py`), all on the store's own connections. Sync never writes SQL or opens the file itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from algoitny_tui.storage.sqlite_table import PREFIX_END, SQLiteTable, require_keys
from algoitny_tui.storage.table import Item

Key = tuple[str, str]


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
                (after, *[bound for p in prefixes for bound in (p, p + PREFIX_END)]),
            ).fetchone()
        return int(row[0])

    # --- the items, as sync reads and writes them -----------------------------------------------------------------

    def keys(self, pk_prefix: str) -> list[tuple[str, str]]:
        """Keys of every item whose PK starts with `pk_prefix` (sync's full re-push after the remote table was lost)."""
        with self.local._use() as conn:
            rows = conn.execute(
                "SELECT pk, sk FROM items WHERE pk >= ? AND pk < ? ORDER BY pk, sk",
                (pk_prefix, pk_prefix + PREFIX_END),
            ).fetchall()
        return [(str(p), str(k)) for p, k in rows]

    def bodies(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The stored JSON bodies (`decode_body` reads them) of many keys, in a few queries (sync pushes items as
        stored, without decoding most of them). Keys without an item are left out."""
        found: dict[tuple[str, str], str] = {}
        with self.local._use() as conn:
            for start in range(0, len(keys), 500):  # 1,000 host parameters a statement
                part = keys[start : start + 500]
                rows = conn.execute(
                    f"WITH k(pk, sk) AS (VALUES {','.join('(?,?)' for _ in part)}) "
                    "SELECT i.pk, i.sk, i.body FROM k JOIN items i ON i.pk = k.pk AND i.sk = k.sk",
                    [v for key in part for v in key],
                ).fetchall()
                for pk, sk, body in rows:
                    found[(pk, sk)] = body
        return found

    def apply_remote(
        self,
        puts: Sequence[Item],
        deletes: Sequence[tuple[str, str]],
        accept: Callable[[Item | None, Item | None], bool],
    ) -> list[bool]:
        """For sync's pull: write `puts` and delete `deletes` in one transaction WITHOUT recording them in the outbox
        (so pulled items are not pushed back), each only when `accept(current, incoming)` says so (incoming is None
        for a delete). Deciding inside the transaction means a local write cannot slip in between. Returns, per put
        then per delete, whether it was applied."""
        applied: list[bool] = []
        with self.local._write() as conn:
            for item in puts:
                require_keys(item)
                ok = accept(self.local._get_in(conn, item["PK"], item["SK"]), item)
                if ok:
                    self.local._store_row(conn, item)
                applied.append(ok)
            for pk, sk in deletes:
                current = self.local._get_in(conn, pk, sk)
                ok = current is not None and accept(current, None)
                if ok:
                    conn.execute("DELETE FROM items WHERE pk=? AND sk=?", (pk, sk))
                applied.append(ok)
        return applied

    def get_meta(self, key: str) -> str | None:
        with self.local._use() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.local._write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

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
