"""Real `algoitny worker` processes for tests, started and stopped the way a user would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from algoitny_tui.config import Settings


class ConsumerProcess:
    """A real `algoitny worker` process in its own session, its output in `log`."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "algoitny_tui", "worker", "--workers", str(workers), "--verbose"],
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.log = log

    def wait_alive(self, settings: Settings, timeout: float = 30) -> None:
        """Until its liveness beacon is on the queue."""
        from algoitny_tui.worker.launcher import worker_alive

        deadline = time.monotonic() + timeout
        while not worker_alive(settings):
            assert self.proc.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "worker did not start: " + self.log.read_text()
            time.sleep(0.05)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        """SIGINT, as Ctrl-C: Huey finishes the running tasks; SIGKILL if it hangs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
