"""What `submit` and `hints` share: a worker to run the job (started for the command when none is alive)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from algoitny_tui.config import Settings


@contextmanager
def worker_for(settings: Settings, wait: bool) -> Iterator[None]:
    """With --wait and no live worker, run one for the duration of the command."""
    from algoitny_tui.worker.launcher import start_worker, stop_worker, worker_alive

    proc: subprocess.Popen[bytes] | None = None
    if not worker_alive(settings):
        if wait:
            proc = start_worker(settings)
        else:
            print("note: no worker is running; it will be judged when one starts (`algoitny worker`, or the app)",
                  file=sys.stderr)
    try:
        yield
    finally:
        if proc is not None:
            stop_worker(proc)
