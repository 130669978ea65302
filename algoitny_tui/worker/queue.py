"""The Huey instance, built from settings: SqliteHuey in the data dir by default, RedisHuey when configured.

Both carry JSON messages (wire.py), never pickle; on Redis, which other machines can write to, they are signed
with `queue_secret`, and a machine without it refuses to send or take work. A message that cannot be trusted is
dropped with one line in the log, and the consumer goes on.
"""

from __future__ import annotations

import logging
from typing import Any

from huey import Huey, RedisHuey
from huey.registry import Message

from algoitny_tui.config import Settings
from algoitny_tui.worker import use_redis
from algoitny_tui.worker.wakeup import WakeableSqliteHuey
from algoitny_tui.worker.wire import QueueSerializer, UntrustedMessage

log = logging.getLogger(__name__)

QUEUE_NAME = "algoitny"
# Task results live in the store (jobs and histories), so Huey keeps none (results=False): its key-value space
# only holds the workers' liveness beacons.


class DropsUntrustedMessages:
    """Huey, but a message the serializer refuses is dropped with one log line (Huey would log a traceback)."""

    serializer: QueueSerializer
    storage: Any
    _registry: Any

    def deserialize_task(self, data: bytes) -> Any:
        message = self.serializer.deserialize(data)
        if not isinstance(message, Message):  # a stored value ({"value": ...}) pushed into the queue
            raise UntrustedMessage("not a task")
        return self._registry.create_task(message)

    def dequeue(self) -> Any:
        data = self.storage.dequeue()
        if data is None:
            return None
        try:
            return self.deserialize_task(data)
        except UntrustedMessage as exc:
            log.warning("dropped a message from the queue (%d bytes): %s", len(data), exc)
            return None

    def _deserialize_all(self, messages: list[bytes]) -> list[Any]:
        """Reading the schedule (retries waiting for their time) takes its due entries off it: untrusted ones are
        dropped there, with one log line each (Huey would log a traceback)."""
        accepted = []
        for data in messages:
            try:
                accepted.append(self.deserialize_task(data))
            except UntrustedMessage as exc:
                log.warning("dropped a scheduled message (%d bytes): %s", len(data), exc)
        return accepted


class AlgoitnyRedisHuey(DropsUntrustedMessages, RedisHuey):
    pass


class AlgoitnySqliteHuey(DropsUntrustedMessages, WakeableSqliteHuey):
    pass


def make_huey(settings: Settings, *, immediate: bool = False) -> Huey:
    serializer = QueueSerializer(settings.queue_signing_secret())
    if settings.queue == "redis":
        use_redis()
        # Blocking reads (BRPOP) wake a consumer the moment a task arrives: no polling delay.
        return AlgoitnyRedisHuey(
            QUEUE_NAME,
            url=settings.redis_url,
            blocking=True,
            read_timeout=1,
            immediate=immediate,
            results=False,
            serializer=serializer,
        )
    path = settings.locations.queue_file
    path.parent.mkdir(parents=True, exist_ok=True)
    # A long busy timeout: the app, the worker and their threads share the file. Enqueues wake the consumers.
    return AlgoitnySqliteHuey(
        QUEUE_NAME, filename=str(path), timeout=60, immediate=immediate, results=False, serializer=serializer
    )


def queue_description(settings: Settings) -> str:
    if settings.queue == "redis":
        return f"redis ({settings.redis_url.split('@')[-1]})"  # never print a password in the URL
    return f"sqlite ({settings.locations.queue_file})"


def messages_description(settings: Settings) -> str:
    if settings.queue_signing_secret():
        return "JSON, signed with HMAC-SHA256 (queue_secret)"
    return "JSON, unsigned (a SQLite queue is a file of your own; set queue_secret to sign)"
