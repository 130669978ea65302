"""The SQLite file: several processes writing at once, and damaged or newer files left untouched."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from algoitny_tui.models import SearchHistory
from algoitny_tui.storage.history_repository import SearchHistoryRepository
from algoitny_tui.storage.ids import MicrosecondIds
from algoitny_tui.storage.sqlite_schema import SCHEMA_VERSION
from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.sync_ledger import SyncLedger
from algoitny_tui.storage.table import StoreCorrupt, Update

FROZEN_NS = 1_764_000_000_000_000 * 1000


def _writer(path: str, worker: int, count: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One process: histories under a frozen clock (all in one microsecond), and counter updates."""
    table = SQLiteTable(path)
    repo = SearchHistoryRepository(table, MicrosecondIds(clock=lambda: FROZEN_NS))
    ids = []
    try:
        for i in range(count):
            ids.append(
                repo.create_history(SearchHistory(id=0, user_identifier="me", code=f"{worker}-{i}")).id
            )
            table.update("COUNTER", "META", Update(add={"dat.n": 1}))
        queue.put(("ok", ids))
    except Exception as exc:  # reported to the test, which fails with it
        queue.put(("error", repr(exc)))


def test_processes_write_at_once_without_lock_errors_or_lost_histories(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    SQLiteTable(path).create_if_missing()
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(path), w, 60, queue)) for w in range(4)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    errors = [r[1] for r in results if r[0] == "error"]
    assert errors == []
    ids = [i for _, batch in results for i in batch]
    assert len(ids) == 240 and len(set(ids)) == 240  # one microsecond, four processes: distinct ids
    table = SQLiteTable(path)
    assert table.get("COUNTER", "META")["dat"]["n"] == 240  # type: ignore[index]
    codes = {h.code for h in SearchHistoryRepository(table).iter_user_histories("me")}
    assert codes == {f"{w}-{i}" for w in range(4) for i in range(60)}


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_damaged_file_gives_a_clear_error_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"this is not a database, but it is someone's file\n" * 100)
    before = _bytes(path)
    with pytest.raises(StoreCorrupt, match="store.db") as err:
        SQLiteTable(path).create_if_missing()
    assert "left untouched" in str(err.value)
    assert _bytes(path) == before


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    table = SQLiteTable(path)
    table.create_if_missing()
    table.put({"PK": "A", "SK": "B", "tp": "x", "dat": {}, "crt": 0, "upd": 0})
    table.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreCorrupt, match="newer algoitny"):
        SQLiteTable(path).get("A", "B")
    assert _bytes(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(StoreCorrupt, match="not an algoitny store"):
        SQLiteTable(path).create_if_missing()
    assert _bytes(path) == before


def test_every_write_is_recorded_in_the_outbox_in_the_same_transaction(tmp_path: Path) -> None:
    table = SQLiteTable(tmp_path / "store.db")
    table.put({"PK": "HIST#1", "SK": "META", "tp": "hist", "dat": {}, "crt": 0, "upd": 0})
    table.update("HIST#1", "META", Update(set={"dat.hnt": ["a"]}))
    table.delete("HIST#1", "META")
    assert [(pk, sk) for _, pk, sk in SyncLedger(table).changes_after(0)] == [("HIST#1", "META")] * 3


def test_closing_while_another_thread_writes_neither_crashes_nor_loses_a_write(tmp_path: Path) -> None:
    """The app closes its store on exit while a thread may still be writing (e.g. installing the pack): close()
    waits for the statement in flight, and a later write reopens the file."""
    import threading

    table = SQLiteTable(tmp_path / "store.db")
    table.create_if_missing()
    errors: list[BaseException] = []
    stop = threading.Event()

    def write() -> None:
        n = 0
        try:
            while not stop.is_set() and n < 150:
                table.put({"PK": f"P#{n}", "SK": "META", "tp": "x", "dat": {"n": n}, "crt": 0, "upd": 0})
                assert table.get(f"P#{n}", "META") is not None
                n += 1
        except BaseException as exc:  # reported below
            errors.append(exc)

    writers = [threading.Thread(target=write) for _ in range(3)]
    for w in writers:
        w.start()
    while any(w.is_alive() for w in writers):
        table.close()
        stop.wait(0.002)
    stop.set()
    for w in writers:
        w.join()
    assert errors == []
    assert table.count() == 150
