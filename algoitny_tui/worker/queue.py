"""The Huey instance, built from settings: SqliteHuey in the data dir by default, RedisHuey when configured."""

from __future__ import annotations

from huey import Huey, RedisHuey

from algoitny_tui.config import Settings
from algoitny_tui.worker.wakeup import WakeableSqliteHuey

QUEUE_NAME = "algoitny"
# Task results live in the store (jobs and histories), so Huey keeps none (results=False): its key-value space
# only holds the workers' liveness beacons.


def make_huey(settings: Settings, *, immediate: bool = False) -> Huey:
    if settings.queue == "redis":
        # Blocking reads (BRPOP) wake a consumer the moment a task arrives: no polling delay.
        return RedisHuey(QUEUE_NAME, url=settings.redis_url, blocking=True, read_timeout=1, immediate=immediate,
                         results=False)
    path = settings.locations.queue_file
    path.parent.mkdir(parents=True, exist_ok=True)
    # A long busy timeout: the app, the worker and their threads share the file. Enqueues wake the consumers.
    return WakeableSqliteHuey(QUEUE_NAME, filename=str(path), timeout=60, immediate=immediate, results=False)


def queue_description(settings: Settings) -> str:
    if settings.queue == "redis":
        return f"redis ({settings.redis_url.split('@')[-1]})"  # never print a password in the URL
    return f"sqlite ({settings.locations.queue_file})"
