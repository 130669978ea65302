"""The worker's infrastructure: the queue, what travels on it, the task table, job tracking, recovery, the consumer.

huey.storage imports the redis client (with its asyncio half: about a third of `algoitny submit`'s start-up) whether
or not a Redis queue is used. Every module here imports huey after this package, so huey is first imported with
redis hidden; `use_redis()` hands it over when a Redis queue is made. A process that imported redis before (tests,
a worker on Redis) gets huey as it comes.
"""

from __future__ import annotations

import sys

if "huey.storage" not in sys.modules and "redis" not in sys.modules:
    sys.modules["redis"] = None  # type: ignore[assignment]  # `import redis` raises ImportError while huey loads
    try:
        import huey.storage  # noqa: F401
    finally:
        del sys.modules["redis"]


def use_redis() -> None:
    """Give huey the redis client it did not import (its storage reads these names when a Redis queue runs)."""
    import huey.storage as storage

    if storage.Redis is not None:
        return
    import redis
    from redis.exceptions import ConnectionError, TimeoutError

    storage.ConnectionPool, storage.Redis = redis.ConnectionPool, redis.Redis
    storage.ConnectionError, storage.TimeoutError = ConnectionError, TimeoutError
    storage.RedisStorage.redis_client = redis.Redis
