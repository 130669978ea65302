"""wait_for_job follows a job's progress history: each line is passed on once, in order, even when the worker writes
a line between the poller's read of the job and its read of the lines (what `algoitny import PAGE` and the import
dialog print)."""

from __future__ import annotations

import dataclasses

from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.job_repository import JobRepository
from algoitny_tui.worker.client import wait_for_job


class WorkerWritesBetweenReads(JobRepository):
    """The real repository over the test's store, with "the worker" writing one line at each poll of the job and
    one just before each read of the lines (after the poller read the job: the interleaving a busy worker produces,
    made certain); the job completes after the last line."""

    def __init__(self, real: JobRepository, steps: list[str]) -> None:
        super().__init__(real.table)
        self.steps = steps

    def write_one(self, job_id: str) -> None:
        self.add_progress(job_id, self.steps.pop(0))
        if not self.steps:
            self.set_status(job_id, JobStatus.COMPLETED, result={"status": "success"})

    def get_job(self, job_id: str) -> Job | None:
        job = super().get_job(job_id)
        if job is not None and self.steps:  # the worker goes on between polls too
            self.write_one(job_id)
            job = super().get_job(job_id)
        return job

    def list_progress(self, job_id: str, *, first_seq: int = 0) -> list[JobProgress]:
        if self.steps:
            self.write_one(job_id)
        return super().list_progress(job_id, first_seq=first_seq)


def test_each_progress_line_is_passed_on_once_in_order(repos: Repositories) -> None:
    job = repos.jobs.create_job("extract_problem_info_task", {"path": "/x.html"})
    repos.jobs.add_progress(job.id, "read")
    jobs = WorkerWritesBetweenReads(repos.jobs, ["parse", "gemini", "parse", "store"])
    watched = dataclasses.replace(repos, jobs=jobs)
    seen: list[str] = []
    finished = wait_for_job(
        watched, job.id, timeout_s=60, poll_s=0.01, on_progress=lambda line: seen.append(line.step)
    )
    assert finished.status is JobStatus.COMPLETED
    assert seen == ["read", "parse", "gemini", "parse", "store"]
