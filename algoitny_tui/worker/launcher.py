"""Starting a worker in the background when none is alive, and stopping the one we started."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

from algoitny_tui.config import Settings
from algoitny_tui.worker.liveness import alive_workers
from algoitny_tui.worker.tasks import tasks_for


def worker_alive(settings: Settings) -> bool:
    return bool(alive_workers(tasks_for(settings).huey))


def start_worker(settings: Settings, *, wait_s: float = 10.0) -> subprocess.Popen[bytes]:
    """A `algoitny worker` process of our own, its output in the data dir's worker.log; it stops by itself when
    this process is gone (killed, or its terminal closed), so it never outlives the app that started it."""
    log_path = settings.locations.data_dir / "worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "algoitny_tui",
                "worker",
                "--workers",
                str(settings.worker_threads),
                "--parent-pid",
                str(os.getpid()),
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and proc.poll() is None:
        if worker_alive(settings):
            break
        time.sleep(0.05)
    return proc


def ensure_worker(settings: Settings) -> subprocess.Popen[bytes] | None:
    """Start a worker when none is alive; the process when we started one (stop it with stop_worker)."""
    if worker_alive(settings):
        return None
    return start_worker(settings)


def stop_worker(proc: subprocess.Popen[bytes], *, timeout_s: float = 10.0) -> None:
    """SIGINT first (Huey finishes running tasks), then SIGKILL for the whole group if it hangs."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
