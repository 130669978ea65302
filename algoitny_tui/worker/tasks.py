"""The worker's tasks, with the seed's names and signatures. Each is thin: it calls the library that does the work.

Tasks are registered on a Huey instance built from settings (`tasks_for(settings)`), so the app, the CLI and the
consumer enqueue and run the same task names on whichever queue is configured.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from huey import Huey, crontab
from huey.api import TaskWrapper

from algoitny_tui.config import Settings
from algoitny_tui.models import Job
from algoitny_tui.worker.context import get_context
from algoitny_tui.worker.errors import PermanentTaskError, is_permanent, is_transient
from algoitny_tui.worker.queue import make_huey
from algoitny_tui.worker.wire import QueueSerializer

if TYPE_CHECKING:
    from algoitny_tui.worker.jobs import JobRunner

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
    generate_outputs_task: TaskWrapper
    generate_script_task: TaskWrapper
    extract_problem_info_task: TaskWrapper
    stress_test_task: TaskWrapper
    run_tests_task: TaskWrapper

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


def _last_attempt(task: Any) -> bool:
    """Huey counts retries down; at 0 a failure is not retried any more."""
    return task is None or not getattr(task, "retries", 0)


def _run(body: Any, task: Any = None, job_id: str | None = None) -> Any:
    """Run a task body: transient errors go back to Huey (retried with backoff) while retries are left; others,
    and a transient error on the last attempt, become a clear result and a clear error on the job."""
    try:
        return body()
    except Exception as exc:
        if is_permanent(exc):
            log.warning("task failed for good: %s", exc)
            return _failure(exc)
        if is_transient(exc) and not _last_attempt(task):
            log.warning("transient error, will retry: %s", exc)
            raise
        if is_transient(exc):
            error = _give_up(job_id, exc)
            log.warning("task failed for good: %s", error)
            return _failure(error)
        log.exception("task failed")
        return _failure(exc)


def _give_up(job_id: str | None, exc: Exception) -> PermanentTaskError:
    """A transient error on the last attempt: the job (back to pending for a retry that will not come) fails."""
    from algoitny_tui.models import JobStatus
    from algoitny_tui.storage.job_repository import JobStateConflict

    repos = get_context().repos
    job = repos.jobs.get_job(job_id) if job_id else None
    error = PermanentTaskError(f"gave up after {job.attempts if job else RETRIES + 1} attempts: {exc}")
    if job is not None:
        try:
            repos.jobs.set_status(job.id, JobStatus.FAILED, expected=[JobStatus.PENDING, JobStatus.RUNNING],
                                  error=str(error))
        except JobStateConflict:
            log.info("job %s had already ended", job.id)
    return error


def _tracked(task: Any, kind: str, params: dict[str, Any], job_id: str | None,
             work: Callable[[JobRunner], dict[str, Any]]) -> Any:
    """Run `work` as a job: claimed, beating, with progress lines, and completed or failed with a clear error.

    Without a job id the Huey task's id names the job, so Huey's retries of this task continue the same job."""
    from algoitny_tui.worker.jobs import JobRunner

    ctx = get_context()
    job_id = job_id or (getattr(task, "id", None) if task is not None else None)

    def body() -> Any:
        runner = JobRunner.start(ctx.repos, kind, params, job_id=job_id, worker_id=ctx.worker_id,
                                 user_identifier=ctx.settings.user)
        if runner is None:
            return {"status": "skipped", "reason": f"job {job_id} is not pending"}
        with runner:
            result = work(runner)
            runner.complete(result)
            return {**result, "job_id": runner.job.id}

    return _run(body, task, job_id)


def register_tasks(huey: Huey) -> Tasks:
    task = huey.task

    retrying = {"retries": RETRIES, "retry_delay": RETRY_DELAY_S, "retry_backoff": RETRY_BACKOFF, "context": True}

    @task(name="execute_code_task", **retrying)
    def execute_code_task(code: str, language: str, platform: str | None = None,
                          problem_identifier: str | None = None, user_id: int | None = None,
                          user_identifier: str | None = None, is_code_public: bool = False,
                          problem_id: int | str | None = None, job_id: str | None = None, task: Any = None) -> Any:
        from algoitny_tui.worker.submissions import Submission, execute_submission

        ctx = get_context()
        submission = Submission(code, language, platform, problem_identifier, user_id, user_identifier,
                                is_code_public, problem_id)
        return _run(lambda: execute_submission(
            ctx.repos, submission, job_id=job_id, worker_id=ctx.worker_id, default_user=ctx.settings.user,
            judge_options=judge_options(ctx.settings)), task, job_id)

    @task(name="generate_hints_task", **retrying)
    def generate_hints_task(history_id: int, more: bool = False, job_id: str | None = None, task: Any = None) -> Any:
        from algoitny_tui.worker.hinting import generate_hints_for_history

        def work(runner: JobRunner) -> dict[str, Any]:
            runner.progress("hints", "writing a hint", 10.0)
            # Gemini rate limits are retried; the last attempt settles for the offline engine (its note says so).
            return generate_hints_for_history(get_context().repos, get_context().settings, int(history_id),
                                              more=more, fallback=_last_attempt(task))

        return _tracked(task, "generate_hints_task", {"history_id": history_id, "more": more}, job_id, work)

    @task(name="generate_outputs_task", **retrying)
    def generate_outputs_task(platform: str, problem_identifier: str, solution_code: str | None = None,
                              solution_language: str | None = None, job_id: str | None = None,
                              task: Any = None) -> Any:
        """The seed's task; beyond it, `solution_code` answers instead of the problem's reference solution."""
        from algoitny_tui.worker.outputs import generate_outputs

        solution = (solution_code, solution_language or "python3") if solution_code else None

        def work(runner: JobRunner) -> dict[str, Any]:
            ctx = get_context()
            return generate_outputs(ctx.repos, platform, problem_identifier, _progress(runner), solution=solution,
                                    **_run_options(ctx.settings))

        params: dict[str, Any] = {"platform": platform, "problem_identifier": problem_identifier}
        if solution_code:
            params |= {"solution_code": solution_code, "solution_language": solution_language}
        return _tracked(task, "generate_outputs_task", params, job_id, work)

    @task(name="run_tests_task", **retrying)
    def run_tests_task(platform: str, problem_identifier: str, code: str, language: str,
                       tests: list[dict[str, Any]] | None = None, samples_only: bool = False,
                       test_ids: list[str] | None = None, job_id: str | None = None, task: Any = None) -> Any:
        """Beyond the seed: the samples only, chosen stored tests, or custom input, judged without a history."""
        from algoitny_tui.worker.trial_runs import run_tests

        def work(runner: JobRunner) -> dict[str, Any]:
            ctx = get_context()
            return run_tests(ctx.repos, platform, problem_identifier, code, language, _progress(runner),
                             tests=tests, samples_only=samples_only, test_ids=test_ids,
                             judge_options=judge_options(ctx.settings))

        params = {"platform": platform, "problem_identifier": problem_identifier, "code": code,
                  "language": language, "tests": tests, "samples_only": samples_only, "test_ids": test_ids}
        return _tracked(task, "run_tests_task", params, job_id, work)

    @task(name="generate_script_task", **retrying)
    def generate_script_task(platform: str, problem_identifier: str, count: int = 10,
                             generator_code: str | None = None, generator_language: str | None = None,
                             job_id: str | None = None, task: Any = None) -> Any:
        from algoitny_tui.worker.generators import generate_script

        def work(runner: JobRunner) -> dict[str, Any]:
            ctx = get_context()
            return generate_script(ctx.repos, ctx.settings, platform, problem_identifier, count=int(count),
                                   generator_code=generator_code, generator_language=generator_language,
                                   job_id=runner.job.id, progress=_progress(runner), **_run_options(ctx.settings))

        params = {"platform": platform, "problem_identifier": problem_identifier, "count": count,
                  "generator_code": generator_code, "generator_language": generator_language}
        return _tracked(task, "generate_script_task", params, job_id, work)

    @task(name="extract_problem_info_task", **retrying)
    def extract_problem_info_task(path: str, platform: str | None = None, job_id: str | None = None,
                                  task: Any = None) -> Any:
        from algoitny_tui.worker.extraction import extract_problem_info

        def work(runner: JobRunner) -> dict[str, Any]:
            ctx = get_context()
            return extract_problem_info(ctx.repos, ctx.settings, str(path), platform, _progress(runner))

        return _tracked(task, "extract_problem_info_task", {"path": str(path), "platform": platform}, job_id, work)

    @task(name="stress_test_task", **retrying)
    def stress_test_task(platform: str, problem_identifier: str, code: str, language: str, generator_code: str,
                         generator_language: str, brute_code: str | None = None, brute_language: str | None = None,
                         max_rounds: int = 200, first_seed: int = 1, generator_args: list[str] | None = None,
                         store: bool = True, job_id: str | None = None, task: Any = None) -> Any:
        from algoitny_tui.worker.stress import StressPrograms, stress_test

        programs = StressPrograms(code, language, generator_code, generator_language, brute_code, brute_language,
                                  int(first_seed), list(generator_args or []))

        def work(runner: JobRunner) -> dict[str, Any]:
            ctx = get_context()
            return stress_test(ctx.repos, platform, problem_identifier, programs, max_rounds=int(max_rounds),
                               job_id=runner.job.id, progress=_progress(runner), cancelled=runner.cancelled,
                               store=bool(store), jobs=ctx.settings.judge_jobs, **_run_options(ctx.settings))

        params = {"platform": platform, "problem_identifier": problem_identifier, "code": code,
                  "language": language, "generator_code": generator_code, "generator_language": generator_language,
                  "brute_code": brute_code, "brute_language": brute_language, "max_rounds": max_rounds,
                  "first_seed": first_seed, "generator_args": generator_args, "store": store}
        return _tracked(task, "stress_test_task", params, job_id, work)

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
                  warm_problem_cache_task, warm_user_stats_cache_task, invalidate_cache_task, generate_outputs_task,
                  generate_script_task, extract_problem_info_task, stress_test_task, run_tests_task)
    _accept_in_messages(huey, tasks)
    return tasks


def _accept_in_messages(huey: Huey, tasks: Tasks) -> None:
    """The queue reads messages naming these tasks only, with arguments their signatures accept (wire.py)."""
    serializer = huey.serializer
    if not isinstance(serializer, QueueSerializer):
        raise TypeError("the queue must be made by make_huey: its messages are JSON, never pickle")
    for field in fields(tasks):
        wrapper = getattr(tasks, field.name)
        if isinstance(wrapper, TaskWrapper):
            serializer.tasks.add(huey._registry.task_to_string(wrapper.task_class), wrapper.func)


def _progress(runner: JobRunner) -> Callable[[str, str, float | None, dict[str, Any] | None], None]:
    return lambda step, message, percent, detail: runner.progress(step, message, percent, detail)


def _run_options(settings: Settings) -> dict[str, Any]:
    """The compile cache and the user's languages, for single runs (reference, generator, stress)."""
    return {k: v for k, v in judge_options(settings).items() if k in ("cache_dir", "languages")}


def judge_options(settings: Settings) -> dict[str, Any]:
    options: dict[str, Any] = {"cache_dir": settings.locations.compile_cache_dir}
    if settings.judge_jobs:
        options["jobs"] = settings.judge_jobs
    if settings.languages:
        from algoitny_tui.judge.languages import languages_from_settings

        options["languages"] = languages_from_settings(settings.languages)
    return options


_lock = threading.Lock()
_tasks: dict[tuple[str, str, str], Tasks] = {}


def tasks_for(settings: Settings, *, immediate: bool = False) -> Tasks:
    """The tasks on the queue the settings name (one Huey instance per queue, per process)."""
    where = settings.redis_url if settings.queue == "redis" else str(settings.locations.queue_file)
    secret = settings.queue_secret.get_secret_value() if settings.queue_secret else ""
    key = (f"{settings.queue}{':immediate' if immediate else ''}", where, secret)
    with _lock:
        if key not in _tasks:
            _tasks[key] = register_tasks(make_huey(settings, immediate=immediate))
        return _tasks[key]
