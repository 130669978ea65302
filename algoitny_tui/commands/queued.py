"""What `submit` and `hints` share: a worker to run the job (started for the command when none is alive)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from algoitny_tui.commands.common import EXIT_NOT_ACCEPTED, CommandError, print_queued, settings_or_exit
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.config import Settings
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.storage.factory import Repositories

T = TypeVar("T")


@contextmanager
def worker_for(settings: Settings, wait: bool) -> Iterator[None]:
    """With --wait and no live worker, run one for the duration of the command."""
    from algoitny_tui.worker.launcher import start_worker, stop_worker, worker_alive

    proc: subprocess.Popen[bytes] | None = None
    if not worker_alive(settings):
        if wait:
            proc = start_worker(settings)
        else:
            print(
                "note: no worker is running; it will run when one starts (`algoitny worker`, or the app)",
                file=sys.stderr,
            )
    try:
        yield
    finally:
        if proc is not None:
            stop_worker(proc)


def queue_and_wait(
    args: argparse.Namespace,
    start: Callable[[Settings, Repositories], Job],
    finish: Callable[[Repositories, Job], T],
    on_progress: Callable[[JobProgress], None] | None = None,
) -> T | None:
    """Queue a job (`start`); without --wait say so and return None; with it, wait for the job and return what
    `finish` reads from the store about it."""
    from algoitny_tui.worker.client import JobNotDone, SubmitError, finished_job

    settings = settings_or_exit()
    with repositories() as repos, worker_for(settings, args.wait):
        try:
            job = start(settings, repos)
        except (SubmitError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        if not args.wait:
            print_queued(job.id, job.status.value, as_json=args.json)
            return None
        try:
            done = finished_job(settings, repos, job.id, timeout_s=args.timeout, on_progress=on_progress)
            return finish(repos, done)
        except JobNotDone as exc:
            raise CommandError(str(exc), code=EXIT_NOT_ACCEPTED) from None
