"""Worker liveness: each consumer writes a beacon into the queue's key-value space every second; the app and the
CLI read them to tell whether a worker is alive and to start one when none is."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from typing import Any

from huey import Huey

BEACON_PREFIX = "algoitny:worker:"
BEACON_INTERVAL_S = 1.0
ALIVE_WITHIN_S = 5.0


def write_beacon(huey: Huey, worker_id: str, info: dict[str, Any]) -> None:
    payload = json.dumps({"worker_id": worker_id, "ts": time.time(), **info}).encode()
    huey.storage.put_data(BEACON_PREFIX + worker_id, payload)


def remove_beacon(huey: Huey, worker_id: str) -> None:
    huey.storage.delete_data(BEACON_PREFIX + worker_id)


def alive_workers(huey: Huey, *, within_s: float = ALIVE_WITHIN_S) -> list[dict[str, Any]]:
    """Workers whose beacon is fresh; stale beacons of dead workers are removed on the way."""
    now = time.time()
    alive = []
    for key, value in huey.storage.result_items().items():
        name = key.decode() if isinstance(key, bytes) else str(key)
        if not name.startswith(BEACON_PREFIX):
            continue
        try:
            beacon = json.loads(value)
        except (TypeError, ValueError):
            continue
        if now - float(beacon.get("ts", 0)) <= within_s:
            alive.append(beacon)
        elif now - float(beacon.get("ts", 0)) > 60:
            huey.storage.delete_data(name)
    return alive


class Beacon:
    """A thread that keeps this worker's beacon fresh until stopped."""

    def __init__(self, huey: Huey, worker_id: str, info: dict[str, Any]) -> None:
        self.huey = huey
        self.worker_id = worker_id
        self.info = info
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-beacon", daemon=True)

    def start(self) -> None:
        write_beacon(self.huey, self.worker_id, self.info)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(BEACON_INTERVAL_S):
            # The queue may be busy for a moment; the next beat tries again.
            with contextlib.suppress(Exception):
                write_beacon(self.huey, self.worker_id, self.info)

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(Exception):
            remove_beacon(self.huey, self.worker_id)
