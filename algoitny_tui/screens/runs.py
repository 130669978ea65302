"""Queueing runs from the editor, and reading their progress back: plain functions for thread workers.

A full submission is `worker.client.submit`. Samples-only and custom-input runs go through the same queue and
judge: the app stores a short-lived scratch problem holding just those tests (platform `scratch`, never listed),
submits against it under the user's `~runs` identifier (so it stays out of history and stats), and deletes the
scratch problem and its history when the result has been read. The app never runs user code itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from algoitny_tui.models import Job, JobProgress, JobStatus, Problem, SearchHistory, TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.problem_filter import SCRATCH_PLATFORM

RUNS_USER_SUFFIX = "~runs"
FINISHED = (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)


@dataclass
class ActiveRun:
    job_id: str
    kind: str
    """submit | samples | custom | hint"""
    title: str
    seen: int = 0
    scratch: tuple[str, str] | None = None
    history_id: int | None = None
    """For a hint: the submission it is for."""
    tests: list[tuple[str, str, str | None]] = field(default_factory=list)


@dataclass
class RunUpdate:
    job: Job
    lines: list[JobProgress]
    history: SearchHistory | None


def scratch_problem(problem: Problem, tests: list[TestCase], label: str) -> tuple[Problem, list[TestCase]]:
    number = f"{problem.platform}-{problem.problem_number}-{label}-{uuid.uuid4().hex[:8]}"
    scratch = Problem(platform=SCRATCH_PLATFORM, problem_number=number, title=f"{problem.title} ({label})",
                      limits=problem.limits, checker=problem.checker)
    cases = [t.model_copy(update={"order": i}) for i, t in enumerate(tests)]
    return scratch, cases


def queue_scratch_run(settings: Any, repos: Repositories, problem: Problem, tests: list[TestCase], code: str,
                      language: str, label: str) -> tuple[Job, tuple[str, str]]:
    from algoitny_tui.worker.client import submit

    scratch, cases = scratch_problem(problem, tests, label)
    repos.problems.put_problem(scratch, cases)
    job = submit(settings, repos, scratch.problem_id, code, language,
                 user_identifier=f"{settings.user}{RUNS_USER_SUFFIX}")
    return job, (scratch.platform, scratch.problem_number)


def read_run(repos: Repositories, run: ActiveRun) -> RunUpdate | None:
    """What is new about a run since `run.seen` progress lines; the history once the job has finished."""
    job = repos.jobs.get_job(run.job_id)
    if job is None:
        return None
    lines = repos.jobs.list_progress(run.job_id)[run.seen:] if job.progress_count > run.seen else []
    history = None
    if job.status in FINISHED:
        history_id = run.history_id if run.kind == "hint" else (job.result or {}).get("history_id")
        if history_id is not None:
            history = repos.histories.get_history(int(history_id))
    return RunUpdate(job, lines, history)


def remove_scratch(repos: Repositories, scratch: tuple[str, str], history_id: int | None) -> None:
    """Drop a finished scratch run's problem and history (they only carried the run)."""
    repos.problems.delete_problem(*scratch)
    if history_id is not None:
        from algoitny_tui.codec import history_key

        pk, _ = history_key(history_id)
        keys = [(i["PK"], i["SK"]) for i in repos.table.query_all(pk)]
        if keys:
            repos.table.batch_write(deletes=keys)
