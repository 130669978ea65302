"""The embedded store: the Table protocol over one SQLite file.

WAL mode with a generous busy timeout lets the app and worker processes write at the same time; every
read-modify-write runs in `BEGIN IMMEDIATE`, so it is atomic across processes. Each write also records the item's
key in `outbox` in the same transaction, so sync can never miss a local change, even after a crash.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from algoitny_tui.storage.sqlite_schema import APPLICATION_ID, INDEX_COLUMNS, SCHEMA_VERSION, statements
from algoitny_tui.storage.table import (
    INDEXES,
    Cond,
    ConditionFailed,
    Item,
    Page,
    StoreCorrupt,
    StoreError,
    Update,
    apply_update,
    check_conditions,
    check_page_limit,
)

BUSY_TIMEOUT_MS = 60_000
PREFIX_END = chr(0x10FFFF)  # sorts after every character: the upper bound of a prefix range


def encode_body(item: Mapping[str, Any]) -> str:
    return json.dumps(item, default=_encode_default, separators=(",", ":"))


def decode_body(body: str) -> Item:
    result: Item = json.loads(body, object_hook=_decode_hook)
    return result


def _encode_default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"value of type {type(value).__name__} cannot be stored")


def _decode_hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "$b" in obj:
        return base64.b64decode(obj["$b"])
    return obj


@dataclass
class _Connection:
    conn: sqlite3.Connection
    lock: threading.RLock = field(default_factory=threading.RLock)
    closed: bool = False


class SQLiteTable:
    """Items in a SQLite file; one connection per thread."""

    def __init__(self, path: Path | str, *, record_changes: bool = True) -> None:
        self.path = Path(path)
        self.record_changes = record_changes
        self._local = threading.local()
        # Every connection with the lock held while a thread uses it: close() takes each lock before closing, so
        # it never pulls a connection from under a statement another thread is running (sqlite3 would crash).
        self._connections: list[_Connection] = []
        self._lock = threading.Lock()
        self._ready = False

    # --- connections -----------------------------------------------------------------------------------------

    @contextmanager
    def _use(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, held for the duration of one operation."""
        while True:
            entry: _Connection | None = getattr(self._local, "entry", None)
            if entry is None:
                if not self._ready:
                    self.create_if_missing()  # leaves its checked connection to this thread
                    entry = getattr(self._local, "entry", None)
                if entry is None:
                    entry = self._local.entry = self._connect()
            with entry.lock:
                if not entry.closed:
                    try:
                        yield entry.conn
                    except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
                        raise  # misuse of the connection: a bug, not the file's fault
                    except sqlite3.DatabaseError as exc:
                        raise self.failure(exc) from exc
                    return
            self._local.entry = None  # closed by close() meanwhile: open a new one

    def failure(self, exc: sqlite3.DatabaseError) -> StoreError:
        """The error a user reads for SQLite's: which file, what happened, what to do; the file is never touched."""
        text = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return StoreError(f"store file {self.path} is busy ({text}): another program holds it; try again")
        return StoreCorrupt(
            f"store file {self.path} is damaged ({text}); it was left as it is: move it aside "
            "(algoitny starts a new store) or put back a copy"
        )

    def _connect(self, *, register: bool = True) -> _Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreCorrupt(
                f"store file {self.path} cannot be opened: {exc}; it was left untouched"
            ) from exc
        entry = _Connection(conn)
        if register:
            with self._lock:
                self._connections.append(entry)
        return entry

    def create_if_missing(self) -> bool:
        """Open (or create) the file and check it is ours and not from a newer version."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        existed = self.path.exists() and self.path.stat().st_size > 0
        # Registered (so close() can reach it) only once it is checked: nothing closes it while it is in use here.
        entry = self._connect(register=False)
        conn = entry.conn
        try:
            self._check_file(conn, existed)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                created = version == 0
                for statement in statements():  # all IF NOT EXISTS: an older file gets a table added since
                    conn.execute(statement)
                if created:
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreCorrupt(
                f"store file {self.path} is damaged or not a store: {exc}; it was left untouched"
            ) from exc
        except BaseException:
            conn.close()
            raise
        with self._lock:
            self._connections.append(entry)
        self._local.entry = entry
        self._ready = True
        return created

    def _check_file(self, conn: sqlite3.Connection, existed: bool) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if existed and app_id not in (0, APPLICATION_ID):
            raise StoreCorrupt(
                f"store file {self.path} is a SQLite file of another program; it was left untouched"
            )
        if existed and app_id == 0 and version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreCorrupt(f"store file {self.path} is not an algoitny store; it was left untouched")
        if version > SCHEMA_VERSION:
            raise StoreCorrupt(
                f"store file {self.path} was written by a newer algoitny (store schema {version}, this version "
                f"reads up to {SCHEMA_VERSION}); update algoitny. The file was left untouched"
            )

    def check_integrity(self) -> None:
        with self._use() as conn:
            found = conn.execute("PRAGMA quick_check(1)").fetchone()
        if found is None or found[0] != "ok":  # SQLite's own words for it, as a read of the damage reports it
            raise self.failure(sqlite3.DatabaseError("database disk image is malformed"))

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
            self._local = threading.local()
            self._ready = False
        for entry in connections:
            with entry.lock:  # waits for a statement in flight on another thread
                entry.closed = True
                with suppress(sqlite3.Error):
                    entry.conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._use() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # --- protocol --------------------------------------------------------------------------------------------

    def get(self, pk: str, sk: str) -> Item | None:
        with self._use() as conn:
            row = conn.execute("SELECT body FROM items WHERE pk=? AND sk=?", (pk, sk)).fetchone()
        return decode_body(row[0]) if row else None

    def _get_in(self, conn: sqlite3.Connection, pk: str, sk: str) -> Item | None:
        row = conn.execute("SELECT body FROM items WHERE pk=? AND sk=?", (pk, sk)).fetchone()
        return decode_body(row[0]) if row else None

    def _store(self, conn: sqlite3.Connection, item: Mapping[str, Any]) -> None:
        self._store_row(conn, item)
        self._record(conn, item["PK"], item["SK"])

    def _store_row(self, conn: sqlite3.Connection, item: Mapping[str, Any]) -> None:
        index_values = [item.get(col) for col in INDEX_COLUMNS]
        conn.execute(
            f"INSERT OR REPLACE INTO items (pk, sk, {', '.join(INDEX_COLUMNS)}, body) "
            f"VALUES (?, ?, {', '.join('?' for _ in INDEX_COLUMNS)}, ?)",
            (
                item["PK"],
                item["SK"],
                *[None if v is None else str(v) for v in index_values],
                encode_body(item),
            ),
        )

    def _record(self, conn: sqlite3.Connection, pk: str, sk: str) -> None:
        if self.record_changes:
            conn.execute("INSERT INTO outbox (pk, sk) VALUES (?, ?)", (pk, sk))

    def put(self, item: Item, *, conditions: Sequence[Cond] = ()) -> None:
        require_keys(item)
        with self._write() as conn:
            if conditions and not check_conditions(self._get_in(conn, item["PK"], item["SK"]), conditions):
                raise ConditionFailed(f"condition failed for {item['PK']}/{item['SK']}")
            self._store(conn, item)

    def update(self, pk: str, sk: str, update: Update, *, conditions: Sequence[Cond] = ()) -> Item:
        with self._write() as conn:
            current = self._get_in(conn, pk, sk)
            if conditions and not check_conditions(current, conditions):
                raise ConditionFailed(f"condition failed for {pk}/{sk}")
            new = apply_update(current, pk, sk, update)
            self._store(conn, new)
        return new

    def delete(self, pk: str, sk: str, *, conditions: Sequence[Cond] = ()) -> None:
        with self._write() as conn:
            if conditions and not check_conditions(self._get_in(conn, pk, sk), conditions):
                raise ConditionFailed(f"condition failed for {pk}/{sk}")
            deleted = conn.execute("DELETE FROM items WHERE pk=? AND sk=?", (pk, sk)).rowcount
            if deleted:
                self._record(conn, pk, sk)

    def query(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        index: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        start_after: Mapping[str, Any] | None = None,
        sk_after: str | None = None,
    ) -> Page:
        check_page_limit(limit)
        if index is None:
            pcol, scol, key_attrs = "pk", "sk", ("PK", "SK")
            order_cols = ["sk"]
        else:
            if index not in INDEXES:
                raise ValueError(f"unknown index {index!r}; known: {', '.join(INDEXES)}")
            pcol, scol = INDEXES[index]
            key_attrs = (pcol, scol)
            order_cols = [scol, "pk", "sk"]
        where = [f"{pcol} = ?"] if index is None else [f"{pcol} = ?", f"{scol} IS NOT NULL"]
        args: list[Any] = [pk]
        if sk_prefix:
            where.append(f"{scol} >= ? AND {scol} < ?")
            args += [sk_prefix, sk_prefix + PREFIX_END]
        if sk_after is not None:
            where.append(f"{scol} > ?")
            args.append(sk_after)
        if start_after:
            cursor_values = (
                [start_after.get(key_attrs[1])]
                if index is None
                else [start_after.get(scol), start_after.get("PK"), start_after.get("SK")]
            )
            op = "<" if descending else ">"
            where.append(f"({', '.join(order_cols)}) {op} ({', '.join('?' for _ in order_cols)})")
            args += cursor_values
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT body FROM items WHERE {' AND '.join(where)} "
            f"ORDER BY {', '.join(f'{c} {direction}' for c in order_cols)}"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit + 1)
        with self._use() as conn:
            rows = conn.execute(sql, args).fetchall()
        items = [decode_body(r[0]) for r in rows]
        cursor = None
        if limit is not None and len(items) > limit:
            items = items[:limit]
            last = items[-1]
            cursor = {"PK": last["PK"], "SK": last["SK"]}
            if index is not None:
                cursor[pcol] = last.get(pcol)
                cursor[scol] = last.get(scol)
        return Page(items=items, cursor=cursor)

    def query_all(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        index: str | None = None,
        descending: bool = False,
        sk_after: str | None = None,
    ) -> Iterator[Item]:
        # One statement: SQLite has no page size to respect.
        yield from self.query(pk, sk_prefix, index=index, descending=descending, sk_after=sk_after).items

    def batch_write(self, puts: Sequence[Item] = (), deletes: Sequence[tuple[str, str]] = ()) -> None:
        for item in puts:
            require_keys(item)
        with self._write() as conn:
            for item in puts:
                self._store(conn, item)
            for pk, sk in deletes:
                if conn.execute("DELETE FROM items WHERE pk=? AND sk=?", (pk, sk)).rowcount:
                    self._record(conn, pk, sk)

    # --- the optional FieldReader capability -------------------------------------------------------------------

    def read_fields(
        self,
        pk: str,
        sk_prefix: str,
        paths: Sequence[str],
        *,
        index: str | None = None,
        descending: bool = False,
    ) -> list[tuple[Any, ...]]:
        """See `table.FieldReader`: SQLite's json_extract picks the fields out of each body."""
        if index is None:
            pcol, scol, order_cols = "pk", "sk", ["sk"]
        elif index in INDEXES:
            pcol, scol = INDEXES[index]
            order_cols = [scol, "pk", "sk"]
        else:
            raise ValueError(f"unknown index {index!r}; known: {', '.join(INDEXES)}")
        # Per path its value and its JSON type: a list or map comes back as JSON text, decoded here.
        columns = ", ".join("json_extract(body, ?), json_type(body, ?)" for _ in paths)
        json_paths = [f"$.{path}" for path in paths for _ in range(2)]
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT {columns} FROM items WHERE {pcol} = ? AND {scol} IS NOT NULL AND {scol} >= ? AND {scol} < ? "
            f"ORDER BY {', '.join(f'{c} {direction}' for c in order_cols)}"
        )
        with self._use() as conn:
            rows = conn.execute(sql, [*json_paths, pk, sk_prefix, sk_prefix + PREFIX_END]).fetchall()
        return [tuple(_json_value(row[n], row[n + 1]) for n in range(0, len(row), 2)) for row in rows]

    # --- beyond the protocol: what only the local store has ------------------------------------------------

    def count(self) -> int:
        with self._use() as conn:
            return int(conn.execute("SELECT count(*) FROM items").fetchone()[0])


def _json_value(value: Any, json_type: str | None) -> Any:
    """A json_extract result as the item holds it: SQLite gives lists and maps as JSON text, booleans as 0 and 1."""
    if json_type in ("array", "object"):
        return decode_body(value)
    if json_type in ("true", "false"):
        return json_type == "true"
    return value


def require_keys(item: Mapping[str, Any]) -> None:
    for key in ("PK", "SK"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise ValueError(f"item needs a non-empty string {key}: {str(item)[:120]}")


def is_database_failure(error: BaseException) -> bool:
    """A SQLite file (the store, or the queue's) failed: damaged or busy, not misused by our code."""
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.ProgrammingError | sqlite3.InterfaceError
    )
