"""Job tracking around a task body: claim, heartbeat, progress lines, and a clear end (completed or failed)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from types import TracebackType
from typing import Any

from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.job_repository import JobStateConflict, ProgressLine
from algoitny_tui.tasks.errors import is_permanent, is_transient
from algoitny_tui.worker.liveness import running_jobs

log = logging.getLogger(__name__)

HEARTBEAT_S = 2.0
"""A running job says it is alive this often; recovery treats a job silent for STALE_AFTER_S as orphaned."""
STALE_AFTER_S = 15
PROGRESS_EVERY_S = 0.1
"""Progress lines are stored this often, all waiting lines in one batch: a job of 50 fast tests wrote 100 items one
transaction at a time, in the judge's result loop. A watcher still sees each line within this time."""


class JobRunner:
    """Context manager for one run of a job. Transient errors put the job back to pending (Huey retries it)."""

    def __init__(self, repos: Repositories, job: Job) -> None:
        self.repos = repos
        self.job = job
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, name=f"heartbeat-{job.id[:8]}", daemon=True)
        self._finished = False
        self._waiting: list[ProgressLine] = []
        self._progress_lock = threading.Lock()  # one batch at a time, so lines keep their order

    @classmethod
    def start(
        cls,
        repos: Repositories,
        kind: str,
        params: dict[str, Any],
        *,
        job_id: str | None,
        worker_id: str,
        user_identifier: str = "",
    ) -> JobRunner | None:
        """Claim the job (creating it when the caller did not); None when it is not pending any more."""
        if job_id is None or repos.jobs.get_job(job_id) is None:
            try:
                job = repos.jobs.create_job(kind, params, job_id=job_id, user_identifier=user_identifier)
                job_id = job.id
            except Exception:
                if job_id is None:
                    raise
        assert job_id is not None
        claimed = repos.jobs.try_claim(job_id, worker_id)
        if claimed is None:
            return None
        runner = cls(repos, claimed)
        running_jobs.add(claimed.id, claimed.kind)
        runner._beat.start()
        return runner

    def _heartbeat(self) -> None:
        """Stores waiting progress lines every PROGRESS_EVERY_S and beats every HEARTBEAT_S (a batch of lines is a
        beat too)."""
        last_beat = time.monotonic()
        while not self._stop.wait(PROGRESS_EVERY_S):
            try:
                if self.flush_progress():
                    last_beat = time.monotonic()
                elif time.monotonic() - last_beat >= HEARTBEAT_S:
                    self.repos.jobs.heartbeat(self.job.id)
                    last_beat = time.monotonic()
            except Exception:  # a missed beat is not worth failing the job for; its lines wait for the next
                log.debug("heartbeat of job %s failed", self.job.id, exc_info=True)

    def progress(
        self, step: str, message: str = "", percent: float | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        """Add a line to the job's progress; it is stored within PROGRESS_EVERY_S, or when the job ends."""
        with self._progress_lock:
            self._waiting.append(ProgressLine(step, message, percent, detail))

    def flush_progress(self) -> bool:
        """Store the waiting progress lines in one batch; False when none were waiting."""
        with self._progress_lock:
            if not self._waiting:
                return False
            self.repos.jobs.add_progress_lines(self.job.id, self._waiting)
            self._waiting = []
            return True

    def refresh(self) -> Job:
        job = self.repos.jobs.get_job(self.job.id)
        if job is not None:
            self.job = job
        return self.job

    def cancelled(self) -> bool:
        return self.refresh().status == JobStatus.CANCELLED

    def complete(self, result: dict[str, Any]) -> None:
        self.flush_progress()  # every line is stored before the job says it is done
        merged = {**(self.refresh().result or {}), **result}
        try:
            self.job = self.repos.jobs.set_status(
                self.job.id, JobStatus.COMPLETED, expected=[JobStatus.RUNNING], result=merged
            )
        except JobStateConflict:
            log.info("job %s was %s before it completed", self.job.id, self.refresh().status.value)
        self._finished = True

    def fail(self, error: str) -> None:
        with contextlib.suppress(Exception):
            self.flush_progress()
        with contextlib.suppress(JobStateConflict):
            self.job = self.repos.jobs.set_status(
                self.job.id, JobStatus.FAILED, expected=[JobStatus.RUNNING], error=error
            )
        self._finished = True

    def __enter__(self) -> JobRunner:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._beat.is_alive():
            self._beat.join()
        with contextlib.suppress(Exception):  # a job that failed still shows how far it got
            self.flush_progress()
        running_jobs.remove(self.job.id)
        if exc is None or self._finished:
            return
        if is_transient(exc):
            # Back to pending, so the retry (a new run) can claim it again.
            with contextlib.suppress(JobStateConflict):
                self.repos.jobs.set_status(
                    self.job.id, JobStatus.PENDING, expected=[JobStatus.RUNNING], error=f"will retry: {exc}"
                )
            return
        message = str(exc) if is_permanent(exc) else f"{type(exc).__name__}: {exc}"
        self.fail(message)
