"""The consumer entry point: `algoitny worker` and the worker the app starts.

Huey's consumer backs its polling off to 10 s when idle by default. Ours does not poll: both queues block until a
task arrives (Redis on the list, SQLite on a wake-up socket, see wakeup.py), so a submission after a quiet minute
starts at once. The polling settings below only apply where a socket cannot be made.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

from algoitny_tui.config import Settings
from algoitny_tui.worker.context import WorkerContext, get_context, set_context
from algoitny_tui.worker.liveness import Beacon
from algoitny_tui.worker.queue import messages_description, queue_description
from algoitny_tui.worker.submit_server import SubmitServer
from algoitny_tui.worker.tasks import tasks_for

log = logging.getLogger(__name__)

POLL_INITIAL_S = 0.005
POLL_MAX_S = 0.02
POLL_BACKOFF = 1.2


def run_consumer(
    settings: Settings, *, workers: int = 2, parent_pid: int | None = None, fingerprint: str | None = None
) -> None:
    """Consume tasks until SIGINT (graceful) or SIGTERM; with `parent_pid`, also when that process is gone.

    With the `fingerprint` of the settings (worker_socket.fingerprint, taken before they were loaded), it also
    takes `algoitny submit --wait` from commands with the same settings (submit_server.py)."""
    from algoitny_tui.storage.factory import open_repositories
    from algoitny_tui.worker.recovery import recover_orphaned_jobs

    tasks = tasks_for(settings)  # first: a queue it must not take work from (no queue_secret) stops it here
    context = WorkerContext(
        settings=settings,
        repos=open_repositories(settings),
        worker_id=f"{socket.gethostname()}:{os.getpid()}",
    )
    set_context(context)
    # Jobs left running by a worker of this host that died are picked up now, not at the next periodic check.
    recover_orphaned_jobs(get_context().repos, tasks.requeue)
    beacon = Beacon(
        tasks.huey,
        context.worker_id,
        {
            "pid": os.getpid(),
            "workers": workers,
            "queue": queue_description(settings),
            "signed": tasks.huey.serializer.signed,
        },
    )
    server = SubmitServer(settings, context.repos, tasks, fingerprint) if fingerprint else None
    # Everything started is stopped in the finally, also when SIGINT comes before Huey's own handler is set (then
    # it is a KeyboardInterrupt here): a worker stopped early leaves no socket and no beacon behind.
    try:
        if server is not None:
            server.start()
        beacon.start()  # after the socket: a worker seen alive already takes submissions
        consumer = tasks.huey.create_consumer(
            workers=workers,
            worker_type="thread",
            initial_delay=POLL_INITIAL_S,
            backoff=POLL_BACKOFF,
            max_delay=POLL_MAX_S,
            periodic=True,
            check_worker_health=True,
        )
        log.info(
            "worker %s consuming %s with %d threads, messages %s",
            context.worker_id,
            queue_description(settings),
            workers,
            messages_description(settings),
        )
        if parent_pid:
            _stop_with_parent(parent_pid)
        consumer.run()
    finally:
        if server is not None:
            server.stop()
        beacon.stop()
        context.repos.close()


def _stop_with_parent(parent_pid: int) -> None:
    """A worker the app started stops when the app is gone, also when the app was killed and could not stop it."""

    def watch() -> None:
        while True:
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                log.warning("parent process %d is gone: stopping", parent_pid)
                os.kill(os.getpid(), signal.SIGINT)  # Huey's graceful stop: running tasks finish
                return
            except PermissionError:
                pass
            threading.Event().wait(1.0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
