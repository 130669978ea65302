"""The worker's tasks, with the seed's names and signatures. Each is thin: it calls the library that does the work.

Tasks are registered on a Huey instance built from settings (`tasks_for(settings)`), so the app, the CLI and the
consumer enqueue and run the same task names on whichever queue is configured.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from huey import Huey, crontab
from huey.api import TaskWrapper

from algoitny_tui.config import Settings
from algoitny_tui.models import Job
from algoitny_tui.worker.context import get_context
from algoitny_tui.worker.errors import PermanentTaskError, is_transient
from algoitny_tui.worker.queue import make_huey

log = logging.getLogger(__name__)

RETRIES = 5
RETRY_DELAY_S = 1
RETRY_BACKOFF = 2  # 1 s, 2 s, 4 s, ... for throttling, 429 and 5xx; verdicts are results, never retried


@dataclass
class Tasks:
    huey: Huey
    execute_code_task: TaskWrapper
    generate_hints_task: TaskWrapper
    delete_job_task: TaskWrapper
    recover_orphaned_jobs_task: TaskWrapper
    warm_problem_cache_task: TaskWrapper
    warm_user_stats_cache_task: TaskWrapper
    invalidate_cache_task: TaskWrapper

    def by_name(self, name: str) -> TaskWrapper:
        task = getattr(self, name, None)
        if not isinstance(task, TaskWrapper):
            raise KeyError(f"no task named {name!r}")
        return task

    def requeue(self, job: Job) -> None:
        """Run a job's task again from its stored parameters (recovery)."""
        params = {k: v for k, v in job.params.items() if k != "code_length"}
        self.by_name(job.kind)(**params, job_id=job.id)


def _failure(exc: BaseException) -> dict[str, Any]:
    return {"status": "error", "error": str(exc)}


def _run(body: Any) -> Any:
    """Run a task body: transient errors go back to Huey (retried with backoff); others become a clear result."""
    try:
        return body()
    except PermanentTaskError as exc:
        log.warning("task failed for good: %s", exc)
        return _failure(exc)
    except Exception as exc:
        if is_transient(exc):
            log.warning("transient error, will retry: %s", exc)
            raise
        log.exception("task failed")
        return _failure(exc)


def register_tasks(huey: Huey) -> Tasks:
    task = huey.task

    @task(retries=RETRIES, retry_delay=RETRY_DELAY_S, retry_backoff=RETRY_BACKOFF, name="execute_code_task")
    def execute_code_task(code: str, language: str, platform: str | None = None,
                          problem_identifier: str | None = None, user_id: int | None = None,
                          user_identifier: str | None = None, is_code_public: bool = False,
                          problem_id: int | str | None = None, job_id: str | None = None) -> Any:
        from algoitny_tui.worker.submissions import Submission, execute_submission

        ctx = get_context()
        submission = Submission(code, language, platform, problem_identifier, user_id, user_identifier,
                                is_code_public, problem_id)
        return _run(lambda: execute_submission(
            ctx.repos, submission, job_id=job_id, worker_id=ctx.worker_id, default_user=ctx.settings.user,
            judge_options=judge_options(ctx.settings)))

    @task(retries=RETRIES, retry_delay=RETRY_DELAY_S, retry_backoff=RETRY_BACKOFF, name="generate_hints_task")
    def generate_hints_task(history_id: int, more: bool = False, job_id: str | None = None) -> Any:
        from algoitny_tui.worker.hinting import generate_hints_for_history
        from algoitny_tui.worker.jobs import JobRunner

        ctx = get_context()

        def body() -> Any:
            runner = JobRunner.start(ctx.repos, "generate_hints_task", {"history_id": history_id, "more": more},
                                     job_id=job_id, worker_id=ctx.worker_id, user_identifier=ctx.settings.user)
            if runner is None:
                return {"status": "skipped", "reason": f"job {job_id} is not pending"}
            with runner:
                runner.progress("hints", "writing a hint", 10.0)
                result = generate_hints_for_history(ctx.repos, ctx.settings, int(history_id), more=more)
                runner.complete(result)
                return result

        return _run(body)

    @task(name="delete_job_task")
    def delete_job_task(job_id: str) -> Any:
        ctx = get_context()
        return _run(lambda: {"status": "success", "deleted": ctx.repos.jobs.delete_job(job_id)})

    @huey.periodic_task(crontab(minute="*"), name="recover_orphaned_jobs_task")
    def recover_orphaned_jobs_task() -> Any:
        from algoitny_tui.worker.recovery import recover_orphaned_jobs

        ctx = get_context()
        return _run(lambda: recover_orphaned_jobs(ctx.repos, tasks.requeue))

    @task(retries=RETRIES, retry_delay=RETRY_DELAY_S, retry_backoff=RETRY_BACKOFF, name="warm_problem_cache_task")
    def warm_problem_cache_task() -> Any:
        from algoitny_tui.worker.problem_cache import write_problem_index

        ctx = get_context()
        return _run(lambda: {"status": "success", "problems": write_problem_index(
            ctx.repos, ctx.settings.locations.cache_dir)})

    @task(retries=RETRIES, retry_delay=RETRY_DELAY_S, retry_backoff=RETRY_BACKOFF,
          name="warm_user_stats_cache_task")
    def warm_user_stats_cache_task(user_identifier: str | None = None) -> Any:
        from algoitny_tui.worker.stats import compute_user_stats

        ctx = get_context()

        def body() -> Any:
            stats = compute_user_stats(ctx.repos, user_identifier or ctx.settings.user)
            ctx.repos.stats.put_stats(stats)
            return {"status": "success", "stats": stats.model_dump(mode="json")}

        return _run(body)

    @task(name="invalidate_cache_task")
    def invalidate_cache_task(cache: str = "problems", user_identifier: str | None = None) -> Any:
        from algoitny_tui.worker.problem_cache import invalidate_problem_index

        ctx = get_context()

        def body() -> Any:
            if cache == "problems":
                return {"status": "success", "invalidated": invalidate_problem_index(ctx.settings.locations.cache_dir)}
            if cache == "user_stats":
                ctx.repos.stats.invalidate(user_identifier or ctx.settings.user)
                return {"status": "success", "invalidated": True}
            raise PermanentTaskError(f"unknown cache {cache!r}: use 'problems' or 'user_stats'")

        return _run(body)

    tasks = Tasks(huey, execute_code_task, generate_hints_task, delete_job_task, recover_orphaned_jobs_task,
                  warm_problem_cache_task, warm_user_stats_cache_task, invalidate_cache_task)
    return tasks


def judge_options(settings: Settings) -> dict[str, Any]:
    options: dict[str, Any] = {"cache_dir": settings.locations.compile_cache_dir}
    if settings.judge_jobs:
        options["jobs"] = settings.judge_jobs
    if settings.languages:
        from algoitny_tui.judge.languages import languages_from_settings

        options["languages"] = languages_from_settings(settings.languages)
    return options


_lock = threading.Lock()
_tasks: dict[tuple[str, str], Tasks] = {}


def tasks_for(settings: Settings, *, immediate: bool = False) -> Tasks:
    """The tasks on the queue the settings name (one Huey instance per queue, per process)."""
    where = settings.redis_url if settings.queue == "redis" else str(settings.locations.queue_file)
    key = (f"{settings.queue}{':immediate' if immediate else ''}", where)
    with _lock:
        if key not in _tasks:
            _tasks[key] = register_tasks(make_huey(settings, immediate=immediate))
        return _tasks[key]
