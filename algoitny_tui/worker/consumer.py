"""The consumer entry point: `algoitny worker` and the worker the app starts.

Huey's consumer backs its polling off to 10 s when idle by default; ours polls at most every 20 ms (Redis does not
poll at all: it blocks on the list), so a submission after a quiet minute starts at once.
"""

from __future__ import annotations

import logging
import os
import socket

from algoitny_tui.config import Settings
from algoitny_tui.worker.context import WorkerContext, get_context, set_context
from algoitny_tui.worker.liveness import Beacon
from algoitny_tui.worker.queue import queue_description
from algoitny_tui.worker.tasks import tasks_for

log = logging.getLogger(__name__)

POLL_INITIAL_S = 0.005
POLL_MAX_S = 0.02
POLL_BACKOFF = 1.2


def run_consumer(settings: Settings, *, workers: int = 2) -> None:
    """Consume tasks until SIGINT (graceful) or SIGTERM."""
    from algoitny_tui.storage.factory import open_repositories
    from algoitny_tui.worker.recovery import recover_orphaned_jobs

    context = WorkerContext(settings=settings, repos=open_repositories(settings),
                            worker_id=f"{socket.gethostname()}:{os.getpid()}")
    set_context(context)
    tasks = tasks_for(settings)
    # Jobs left running by a worker of this host that died are picked up now, not at the next periodic check.
    recover_orphaned_jobs(get_context().repos, tasks.requeue)
    beacon = Beacon(tasks.huey, context.worker_id, {"pid": os.getpid(), "workers": workers,
                                                    "queue": queue_description(settings)})
    beacon.start()
    consumer = tasks.huey.create_consumer(
        workers=workers, worker_type="thread", initial_delay=POLL_INITIAL_S, backoff=POLL_BACKOFF,
        max_delay=POLL_MAX_S, periodic=True, check_worker_health=True,
    )
    log.info("worker %s consuming %s with %d threads", context.worker_id, queue_description(settings), workers)
    try:
        consumer.run()
    finally:
        beacon.stop()
        context.repos.close()
