"""What the app and the CLI call: create the job, enqueue its task, and wait for its result in the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from algoitny_tui.config import Settings
from algoitny_tui.domain import split_problem_id
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.tasks import (
    Tasks,
    execute_code_task,
    generate_hints_task,
    name_of,
    run_tests_task,
    tasks_for,
)

MAX_CODE_BYTES = 256 * 1024
"""Largest source accepted (Codeforces allows 64 KB): the job keeps the code so a dead worker's job can rerun."""


class SubmitError(ValueError):
    """What was asked cannot be queued (no such problem, a source too large): exit 2 on the command line."""


class JobNotDone(Exception):
    """The job failed without a result, or the wait's timeout passed: exit 1 on the command line."""


def submit(
    settings: Settings,
    repos: Repositories,
    problem_id: str,
    code: str,
    language: str,
    *,
    user_identifier: str | None = None,
    is_code_public: bool = False,
    tasks: Tasks | None = None,
    job_id: str | None = None,
) -> Job:
    """Create the job (pending) and enqueue execute_code_task for it (under `job_id` when the caller chose one)."""
    platform, number = split_problem_id(problem_id)
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_CODE_BYTES:
        raise SubmitError(f"the source is {size // 1024} KB; the limit is {MAX_CODE_BYTES // 1024} KB")
    if repos.problems.get_problem(platform, number) is None:
        raise SubmitError(f"problem {problem_id} is not stored (see `algoitny problems list`)")
    tasks = tasks or tasks_for(
        settings
    )  # before the job is stored: a queue that cannot be used stores nothing
    user = user_identifier or settings.user
    params = {
        "code": code,
        "language": language,
        "platform": platform,
        "problem_identifier": number,
        "user_identifier": user,
        "is_code_public": is_code_public,
    }
    return enqueue_job(
        settings, repos, name_of(execute_code_task), params, user_identifier=user, tasks=tasks, job_id=job_id
    )


def run_trial(
    settings: Settings,
    repos: Repositories,
    problem_id: str,
    code: str,
    language: str,
    *,
    tests: list[dict[str, Any]] | None = None,
    samples_only: bool = False,
    test_ids: list[str] | None = None,
    tasks: Tasks | None = None,
) -> Job:
    """Queue run_tests_task: the samples only, stored tests by name (`test_ids`), or custom input; the results land
    in the job, not in history."""
    platform, number = split_problem_id(problem_id)
    params: dict[str, Any] = {
        "platform": platform,
        "problem_identifier": number,
        "code": code,
        "language": language,
        "tests": tests,
        "samples_only": samples_only,
    }
    if test_ids is not None:
        params["test_ids"] = test_ids
    return enqueue_job(settings, repos, name_of(run_tests_task), params, tasks=tasks)


def request_hints(
    settings: Settings,
    repos: Repositories,
    history_id: int,
    *,
    more: bool = False,
    tasks: Tasks | None = None,
) -> Job:
    tasks = tasks or tasks_for(settings)
    if repos.histories.get_history_item(history_id) is None:
        raise SubmitError(f"history {history_id} not found")
    return enqueue_job(
        settings, repos, name_of(generate_hints_task), {"history_id": history_id, "more": more}, tasks=tasks
    )


def enqueue_job(
    settings: Settings,
    repos: Repositories,
    kind: str,
    params: dict[str, Any],
    *,
    user_identifier: str | None = None,
    tasks: Tasks | None = None,
    job_id: str | None = None,
) -> Job:
    """Any task by name, tracked as a job (the app's Jobs screen and the other tasks use this)."""
    tasks = tasks or tasks_for(
        settings
    )  # before the job is stored: a queue that cannot be used stores nothing
    job = repos.jobs.create_job(kind, params, job_id=job_id, user_identifier=user_identifier or settings.user)
    tasks.by_name(kind)(**params, job_id=job.id)
    return job


def wait_for_job(
    repos: Repositories,
    job_id: str,
    *,
    timeout_s: float | None = None,
    poll_s: float = 0.01,
    on_progress: Callable[[JobProgress], None] | None = None,
) -> Job:
    """Poll the store until the job finishes; progress lines are passed on as they appear."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    seen = 0
    while True:
        job = repos.jobs.get_job(job_id)
        if job is None:
            raise SubmitError(f"job {job_id} disappeared")
        if on_progress is not None and job.progress_count > seen:
            for line in repos.jobs.list_progress(job_id, first_seq=seen):
                on_progress(line)
                # counted from the lines read, not the job read before them: a line the worker wrote in between
                # is passed on once
                seen = max(seen, line.seq + 1)
        if job.status.finished:
            return job
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"job {job_id} still {job.status.value} after {timeout_s} s")
        time.sleep(poll_s)


def finished_job(
    settings: Settings,
    repos: Repositories,
    job_id: str,
    *,
    timeout_s: float | None,
    on_progress: Callable[[JobProgress], None] | None = None,
) -> Job:
    """The job once finished, with what workers of other machines wrote brought here (JobNotDone on timeout)."""
    try:
        done = wait_for_job(repos, job_id, timeout_s=timeout_s, on_progress=on_progress)
    except TimeoutError as exc:
        raise JobNotDone(str(exc)) from None
    pull_what_workers_wrote(settings, repos)
    return done


def pull_what_workers_wrote(settings: Settings, repos: Repositories) -> None:
    """A SQLite home whose jobs ran on other machines (see `jobs_in_dynamodb`): their histories come by a sync.

    It never raises: a sync that fails says so in the status and the outbox, and readers fall back to the table."""
    from algoitny_tui.storage.factory import jobs_in_dynamodb

    if not jobs_in_dynamodb(settings):
        return
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable
    from algoitny_tui.storage.sqlite_table import SQLiteTable
    from algoitny_tui.sync.engine import sync_once

    if isinstance(repos.table, SQLiteTable) and isinstance(repos.jobs.table, DynamoDBTable):
        sync_once(settings, repos.table, repos.jobs.table)
