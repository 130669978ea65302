"""Worker liveness: each consumer writes a beacon into the queue's key-value space every second (its id `host:pid`,
threads, and the jobs it is running); the app and the CLI read them to tell whether a worker is alive, to start one
when none is, and to show every worker's health (`algoitny workers`, the Jobs screen).

A worker whose beacon has been silent past the recovery interval (`jobs.STALE_AFTER_S`: by then recovery may
re-queue its jobs) is listed as gone for GONE_KEPT_S, then forgotten."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
from typing import Any

from huey import Huey

BEACON_PREFIX = "algoitny:worker:"
BEACON_INTERVAL_S = 1.0
ALIVE_WITHIN_S = 5.0
GONE_KEPT_S = 600.0

ALIVE, SILENT, GONE = "alive", "silent", "gone"


class RunningJobs:
    """The jobs this process is running (its beacon carries them): added when claimed, removed when the run ends."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, str] = {}

    def add(self, job_id: str, kind: str) -> None:
        with self._lock:
            self._jobs[job_id] = kind

    def remove(self, job_id: str) -> None:
        with self._lock:
            self._jobs.pop(job_id, None)

    def snapshot(self) -> list[dict[str, str]]:
        with self._lock:
            return [{"id": job_id, "kind": kind} for job_id, kind in self._jobs.items()]


running_jobs = RunningJobs()


def write_beacon(huey: Huey, worker_id: str, info: dict[str, Any]) -> None:
    payload = json.dumps(
        {"worker_id": worker_id, "ts": time.time(), **info, "jobs": running_jobs.snapshot()}
    ).encode()
    huey.storage.put_data(BEACON_PREFIX + worker_id, payload)


def remove_beacon(huey: Huey, worker_id: str) -> None:
    huey.storage.delete_data(BEACON_PREFIX + worker_id)


def worker_beacons(huey: Huey, *, now: float | None = None) -> list[dict[str, Any]]:
    """Every worker seen lately, sorted by id, each with `state` (alive, silent: no beat for ALIVE_WITHIN_S, gone:
    none for the recovery interval) and `heartbeat_age_s`; beacons gone for GONE_KEPT_S are removed on the way."""
    from algoitny_tui.worker.jobs import STALE_AFTER_S

    now = time.time() if now is None else now
    found = []
    for key, value in huey.storage.result_items().items():
        name = key.decode() if isinstance(key, bytes) else str(key)
        if not name.startswith(BEACON_PREFIX):
            continue
        try:
            beacon = json.loads(value)
            age = max(0.0, now - float(beacon.get("ts", 0)))
        except (TypeError, ValueError, AttributeError):
            continue
        if age > GONE_KEPT_S:
            huey.storage.delete_data(name)
            continue
        state = ALIVE if age <= ALIVE_WITHIN_S else SILENT if age <= STALE_AFTER_S else GONE
        beacon.setdefault("jobs", [])
        found.append({**beacon, "state": state, "heartbeat_age_s": round(age, 1)})
    return sorted(found, key=lambda b: str(b.get("worker_id")))


def worker_is_dead_here(worker_id: str | None) -> bool:
    """A worker id `host:pid` of this host whose process is gone: dead for sure, no need to wait for staleness."""
    if not worker_id or ":" not in worker_id:
        return False
    host, _, pid = worker_id.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def alive_workers(huey: Huey, *, within_s: float = ALIVE_WITHIN_S) -> list[dict[str, Any]]:
    """Workers whose beacon is fresh, but for a worker of this host whose process is gone (killed: its beacon
    stays fresh for a few seconds, and a command must not wait for it)."""
    return [
        b
        for b in worker_beacons(huey)
        if b["heartbeat_age_s"] <= within_s and not worker_is_dead_here(str(b.get("worker_id")))
    ]


def describe_worker(worker: dict[str, Any]) -> str:
    """One line per worker, shared by `algoitny workers` and the app's Jobs screen."""
    state = worker.get("state", ALIVE)
    age = float(worker.get("heartbeat_age_s", 0.0))
    line = (
        f"{worker.get('worker_id')}  {state:<6}  {worker.get('workers')} threads  heartbeat {age:.0f} s ago"
    )
    if state == GONE:
        return line + "  (recovery re-queues its running jobs, or fails them with a reason)"
    jobs = worker.get("jobs") or []
    running = ", ".join(f"{j.get('kind')} {str(j.get('id'))[:12]}" for j in jobs) if jobs else "idle"
    return f"{line}  {'signed' if worker.get('signed') else 'unsigned'}  {running}"


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
