"""The SQLite queue wakes a waiting consumer on enqueue (from another process), instead of being polled."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from algoitny_tui.worker import wakeup
from algoitny_tui.worker.wakeup import WakeableSqliteStorage


def test_an_enqueue_from_another_process_wakes_a_waiting_dequeue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a minute between reads, only the wake-up can deliver the task within the join's 20 s.
    monkeypatch.setattr(wakeup, "WAIT_S", 60.0)
    db = tmp_path / "queue.db"
    consumer = WakeableSqliteStorage("q", filename=str(db))
    got: list[bytes] = []
    waiting = threading.Thread(target=lambda: got.append(consumer.dequeue()))
    waiting.start()
    while not list((tmp_path / "queue.db.wake").glob("*.sock")):  # the consumer is listening
        waiting.join(0.01)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from algoitny_tui.worker.wakeup import WakeableSqliteStorage as S;"
            f"S('q', filename={str(db)!r}).enqueue(b'task-1')",
        ],
        check=True,
        timeout=30,
    )
    waiting.join(20)
    assert not waiting.is_alive(), "the consumer was not woken by the enqueue"
    assert got == [b"task-1"]
    consumer.close()
    assert not list((tmp_path / "queue.db.wake").glob("*.sock"))  # its socket is removed on close


def test_a_dead_consumers_socket_is_cleaned_up_by_the_next_enqueue(tmp_path: Path) -> None:
    db = tmp_path / "queue.db"
    wake_dir = tmp_path / "queue.db.wake"
    wake_dir.mkdir()
    import socket

    stale = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    stale.bind(str(wake_dir / "999999.sock"))
    stale.close()  # bound, then gone: like a consumer killed with SIGKILL
    WakeableSqliteStorage("q", filename=str(db)).enqueue(b"task")
    assert not (wake_dir / "999999.sock").exists()
