"""Jobs whose worker died: re-queued when running them again is safe, failed with a reason otherwise."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.job_repository import JobStateConflict
from algoitny_tui.worker.jobs import STALE_AFTER_S
from algoitny_tui.worker.liveness import worker_is_dead_here
from algoitny_tui.worker.tasks import rerun_safe

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def orphaned_jobs(repos: Repositories, *, stale_after_s: int = STALE_AFTER_S) -> list[Job]:
    stale = {j.id: j for j in repos.jobs.list_stuck_jobs(stale_after_s)}
    for job in repos.jobs.list_jobs(JobStatus.RUNNING):
        if job.id not in stale and worker_is_dead_here(job.worker_id):
            stale[job.id] = job
    return list(stale.values())


def recover_orphaned_jobs(
    repos: Repositories, requeue: Callable[[Job], Any], *, stale_after_s: int = STALE_AFTER_S
) -> dict[str, list[str]]:
    """Re-queue or fail every orphaned job; returns the ids of each."""
    requeued: list[str] = []
    failed: list[str] = []
    for job in orphaned_jobs(repos, stale_after_s=stale_after_s):
        safe = rerun_safe(job.kind)  # the task table says which tasks may run twice
        try:
            if safe and job.attempts < MAX_ATTEMPTS:
                repos.jobs.set_status(
                    job.id,
                    JobStatus.PENDING,
                    expected=[JobStatus.RUNNING],
                    error=f"worker {job.worker_id} stopped; re-queued",
                )
                requeue(job)
                requeued.append(job.id)
            else:
                reason = (
                    f"worker {job.worker_id} stopped after {job.attempts} attempts"
                    if safe
                    else f"worker {job.worker_id} stopped mid-way and {job.kind} is not safe to run twice; "
                    "start it again"
                )
                repos.jobs.set_status(job.id, JobStatus.FAILED, expected=[JobStatus.RUNNING], error=reason)
                failed.append(job.id)
        except JobStateConflict:
            continue  # it moved on meanwhile (finished, or another recoverer took it)
    if requeued or failed:
        log.warning("recovered orphaned jobs: re-queued %s, failed %s", requeued, failed)
    return {"requeued": requeued, "failed": failed}
