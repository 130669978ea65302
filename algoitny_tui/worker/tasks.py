"""The worker's tasks, with the seed's names and signatures, declared in one table (`TASK_TABLE`).

Each task body is a plain function of this module: it calls the library that does the work (algoitny_tui.tasks).
`register_tasks` puts every row of the table on a Huey instance built from settings (`tasks_for(settings)`), so
the app, the CLI and the consumer enqueue and run the same task names on whichever queue is configured. A task's
wire name is `algoitny_tui.worker.tasks.<name>`: the bodies stay in this module so queued messages keep working.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from huey import Huey, crontab
from huey.api import TaskWrapper

from algoitny_tui.config import Settings
from algoitny_tui.judge.options import judge_options
from algoitny_tui.models import Job
from algoitny_tui.tasks.errors import PermanentTaskError, is_permanent, is_transient
from algoitny_tui.tasks.progress import Progress
from algoitny_tui.worker.context import get_context
from algoitny_tui.worker.queue import make_huey
from algoitny_tui.worker.wire import QueueSerializer

if TYPE_CHECKING:
    from algoitny_tui.worker.jobs import JobRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retry:
    """Huey's retry options: transient errors (throttling, 429, 5xx) wait 1 s, 2 s, 4 s, ... Verdicts are results,
    never retried."""

    retries: int = 5
    delay_s: int = 1
    backoff: float = 2


RETRIED = Retry()


@dataclass(frozen=True)
class TaskSpec:
    name: str
    """The seed's task name; also the `kind` of the jobs it runs."""
    body: Callable[..., Any]
    retry: Retry | None
    """None: a failure is final."""
    rerun_safe: bool
    """Recovery may run it again after its worker died mid-way: it stores its result exactly once (the history id
    is planned in the job) or overwrites it with the same value (generate_outputs fills only missing answers).
    generate_script_task and stress_test_task append test cases, so a rerun would add them twice."""
    schedule: Callable[..., bool] | None = None
    """Periodic tasks: when Huey's scheduler runs it (a crontab)."""


class Tasks:
    """The table's tasks on one Huey instance: `tasks.execute_code_task(...)` enqueues (or runs, when immediate)."""

    def __init__(self, huey: Huey) -> None:
        self.huey = huey
        self._wrappers: dict[str, TaskWrapper] = {}

    def by_name(self, name: str) -> TaskWrapper:
        try:
            return self._wrappers[name]
        except KeyError:
            raise KeyError(f"no task named {name!r}") from None

    def __getattr__(self, name: str) -> TaskWrapper:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.by_name(name)
        except KeyError as exc:
            raise AttributeError(str(exc)) from None

    def requeue(self, job: Job) -> None:
        """Run a job's task again from its stored parameters (recovery)."""
        params = {k: v for k, v in job.params.items() if k != "code_length"}
        self.by_name(job.kind)(**params, job_id=job.id)


# --- running a body: errors, retries, job tracking -------------------------------------------------------------


def _failure(exc: BaseException) -> dict[str, Any]:
    return {"status": "error", "error": str(exc)}


def _last_attempt(task: Any) -> bool:
    """Huey counts retries down; at 0 a failure is not retried any more."""
    return task is None or not getattr(task, "retries", 0)


def _run(body: Callable[[], Any], task: Any = None, job_id: str | None = None) -> Any:
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
    from algoitny_tui.domain import JobStatus
    from algoitny_tui.storage.job_repository import JobStateConflict

    repos = get_context().repos
    job = repos.jobs.get_job(job_id) if job_id else None
    error = PermanentTaskError(
        f"gave up after {job.attempts if job else RETRIED.retries + 1} attempts: {exc}"
    )
    if job is not None:
        try:
            repos.jobs.set_status(
                job.id, JobStatus.FAILED, expected=[JobStatus.PENDING, JobStatus.RUNNING], error=str(error)
            )
        except JobStateConflict:
            log.info("job %s had already ended", job.id)
    return error


def _tracked(
    task: Any,
    params: dict[str, Any],
    job_id: str | None,
    work: Callable[[JobRunner], dict[str, Any]],
    *,
    user_identifier: str | None = None,
) -> Any:
    """Run `work` as a job of this task's kind: claimed, beating, with progress lines, and completed or failed with
    a clear error. A job that is not pending any more (finished, or a duplicate delivery) is not run again.

    Without a job id the Huey task's id names the job, so Huey's retries of this task continue the same job."""
    from algoitny_tui.worker.jobs import JobRunner

    ctx = get_context()
    job_id = job_id or getattr(task, "id", None)

    def body() -> Any:
        runner = JobRunner.start(
            ctx.repos,
            task.name,
            params,
            job_id=job_id,
            worker_id=ctx.worker_id,
            user_identifier=user_identifier or ctx.settings.user,
        )
        if runner is None:
            job = ctx.repos.jobs.get_job(job_id) if job_id else None
            return {
                "status": "skipped",
                "reason": f"job {job_id} is {job.status.value if job else 'gone'}",
                "history_id": (job.result or {}).get("history_id") if job else None,
            }
        with runner:
            result = work(runner)
            runner.complete(result)
            return {**result, "job_id": runner.job.id}

    return _run(body, task, job_id)


def _progress(runner: JobRunner) -> Progress:
    return lambda step, message, percent, detail: runner.progress(step, message, percent, detail)


def _run_options(settings: Settings) -> dict[str, Any]:
    """The compile cache and the user's languages, for single runs (reference, generator, stress)."""
    return {k: v for k, v in judge_options(settings).items() if k in ("cache_dir", "languages")}


# --- the task bodies (the seed's signatures; `task` is Huey's context, never part of a message) ----------------


def execute_code_task(
    code: str,
    language: str,
    platform: str | None = None,
    problem_identifier: str | None = None,
    user_id: int | None = None,
    user_identifier: str | None = None,
    is_code_public: bool = False,
    problem_id: int | str | None = None,
    job_id: str | None = None,
    task: Any = None,
) -> Any:
    from algoitny_tui.tasks.submissions import Submission, execute_submission

    submission = Submission(
        code, language, platform, problem_identifier, user_id, user_identifier, is_code_public, problem_id
    )
    ctx = get_context()
    user = user_identifier or ctx.settings.user

    def work(runner: JobRunner) -> dict[str, Any]:
        return execute_submission(
            ctx.repos,
            runner.job,
            submission,
            _progress(runner),
            user_identifier=user,
            judge_options=judge_options(ctx.settings),
        )

    return _tracked(task, submission.params(), job_id, work, user_identifier=user)


def generate_hints_task(
    history_id: int, more: bool = False, job_id: str | None = None, task: Any = None
) -> Any:
    from algoitny_tui.tasks.hinting import generate_hints_for_history

    def work(runner: JobRunner) -> dict[str, Any]:
        runner.progress("hints", "writing a hint", 10.0)
        # Gemini rate limits are retried; the last attempt settles for the offline engine (its note says so).
        ctx = get_context()
        return generate_hints_for_history(
            ctx.repos, ctx.settings, int(history_id), more=more, fallback=_last_attempt(task)
        )

    return _tracked(task, {"history_id": history_id, "more": more}, job_id, work)


def generate_outputs_task(
    platform: str,
    problem_identifier: str,
    solution_code: str | None = None,
    solution_language: str | None = None,
    job_id: str | None = None,
    task: Any = None,
) -> Any:
    """The seed's task; beyond it, `solution_code` answers instead of the problem's reference solution."""
    from algoitny_tui.tasks.outputs import generate_outputs

    solution = (solution_code, solution_language or "python3") if solution_code else None

    def work(runner: JobRunner) -> dict[str, Any]:
        ctx = get_context()
        return generate_outputs(
            ctx.repos,
            platform,
            problem_identifier,
            _progress(runner),
            solution=solution,
            **_run_options(ctx.settings),
        )

    params: dict[str, Any] = {"platform": platform, "problem_identifier": problem_identifier}
    if solution_code:
        params |= {"solution_code": solution_code, "solution_language": solution_language}
    return _tracked(task, params, job_id, work)


def run_tests_task(
    platform: str,
    problem_identifier: str,
    code: str,
    language: str,
    tests: list[dict[str, Any]] | None = None,
    samples_only: bool = False,
    test_ids: list[str] | None = None,
    job_id: str | None = None,
    task: Any = None,
) -> Any:
    """Beyond the seed: the samples only, chosen stored tests, or custom input, judged without a history."""
    from algoitny_tui.tasks.trial_runs import run_tests

    def work(runner: JobRunner) -> dict[str, Any]:
        ctx = get_context()
        return run_tests(
            ctx.repos,
            platform,
            problem_identifier,
            code,
            language,
            _progress(runner),
            tests=tests,
            samples_only=samples_only,
            test_ids=test_ids,
            judge_options=judge_options(ctx.settings),
        )

    params = {
        "platform": platform,
        "problem_identifier": problem_identifier,
        "code": code,
        "language": language,
        "tests": tests,
        "samples_only": samples_only,
        "test_ids": test_ids,
    }
    return _tracked(task, params, job_id, work)


def generate_script_task(
    platform: str,
    problem_identifier: str,
    count: int = 10,
    generator_code: str | None = None,
    generator_language: str | None = None,
    job_id: str | None = None,
    task: Any = None,
) -> Any:
    from algoitny_tui.tasks.generators import generate_script

    def work(runner: JobRunner) -> dict[str, Any]:
        ctx = get_context()
        return generate_script(
            ctx.repos,
            ctx.settings,
            platform,
            problem_identifier,
            count=int(count),
            generator_code=generator_code,
            generator_language=generator_language,
            job_id=runner.job.id,
            progress=_progress(runner),
            **_run_options(ctx.settings),
        )

    params = {
        "platform": platform,
        "problem_identifier": problem_identifier,
        "count": count,
        "generator_code": generator_code,
        "generator_language": generator_language,
    }
    return _tracked(task, params, job_id, work)


def extract_problem_info_task(
    path: str, platform: str | None = None, job_id: str | None = None, task: Any = None
) -> Any:
    from algoitny_tui.tasks.extraction import extract_problem_info

    def work(runner: JobRunner) -> dict[str, Any]:
        ctx = get_context()
        return extract_problem_info(ctx.repos, ctx.settings, str(path), platform, _progress(runner))

    return _tracked(task, {"path": str(path), "platform": platform}, job_id, work)


def stress_test_task(
    platform: str,
    problem_identifier: str,
    code: str,
    language: str,
    generator_code: str,
    generator_language: str,
    brute_code: str | None = None,
    brute_language: str | None = None,
    max_rounds: int = 200,
    first_seed: int = 1,
    generator_args: list[str] | None = None,
    store: bool = True,
    job_id: str | None = None,
    task: Any = None,
) -> Any:
    from algoitny_tui.tasks.stress import StressPrograms, stress_test

    programs = StressPrograms(
        code,
        language,
        generator_code,
        generator_language,
        brute_code,
        brute_language,
        int(first_seed),
        list(generator_args or []),
    )

    def work(runner: JobRunner) -> dict[str, Any]:
        ctx = get_context()
        return stress_test(
            ctx.repos,
            platform,
            problem_identifier,
            programs,
            max_rounds=int(max_rounds),
            job_id=runner.job.id,
            progress=_progress(runner),
            cancelled=runner.cancelled,
            store=bool(store),
            jobs=ctx.settings.judge_jobs,
            **_run_options(ctx.settings),
        )

    params = {
        "platform": platform,
        "problem_identifier": problem_identifier,
        "code": code,
        "language": language,
        "generator_code": generator_code,
        "generator_language": generator_language,
        "brute_code": brute_code,
        "brute_language": brute_language,
        "max_rounds": max_rounds,
        "first_seed": first_seed,
        "generator_args": generator_args,
        "store": store,
    }
    return _tracked(task, params, job_id, work)


# The tasks below keep no job of their own: their seed signatures have no job id (or, delete_job_task, the job id
# is the job they remove).


def delete_job_task(job_id: str, task: Any = None) -> Any:
    ctx = get_context()
    return _run(lambda: {"status": "success", "deleted": ctx.repos.jobs.delete_job(job_id)})


def recover_orphaned_jobs_task(task: Any = None) -> Any:
    from algoitny_tui.worker.recovery import recover_orphaned_jobs

    ctx = get_context()
    return _run(lambda: recover_orphaned_jobs(ctx.repos, task.owner.requeue))


def warm_problem_cache_task(task: Any = None) -> Any:
    from algoitny_tui.worker.problem_cache import write_problem_index

    ctx = get_context()
    return _run(
        lambda: {
            "status": "success",
            "problems": write_problem_index(ctx.repos, ctx.settings.locations.cache_dir),
        },
        task,
    )


def warm_user_stats_cache_task(user_identifier: str | None = None, task: Any = None) -> Any:
    from algoitny_tui.tasks.stats import compute_user_stats

    ctx = get_context()

    def body() -> Any:
        stats = compute_user_stats(ctx.repos, user_identifier or ctx.settings.user)
        ctx.repos.stats.put_stats(stats)
        return {"status": "success", "stats": stats.model_dump(mode="json")}

    return _run(body, task)


def invalidate_cache_task(
    cache: str = "problems", user_identifier: str | None = None, task: Any = None
) -> Any:
    from algoitny_tui.worker.problem_cache import invalidate_problem_index

    ctx = get_context()

    def body() -> Any:
        if cache == "problems":
            return {
                "status": "success",
                "invalidated": invalidate_problem_index(ctx.settings.locations.cache_dir),
            }
        if cache == "user_stats":
            ctx.repos.stats.invalidate(user_identifier or ctx.settings.user)
            return {"status": "success", "invalidated": True}
        raise PermanentTaskError(f"unknown cache {cache!r}: use 'problems' or 'user_stats'")

    return _run(body)


# --- the table: every task's name, body, retries and whether recovery may run it again --------------------------

TASK_TABLE: tuple[TaskSpec, ...] = (
    TaskSpec("execute_code_task", execute_code_task, RETRIED, rerun_safe=True),
    TaskSpec("generate_hints_task", generate_hints_task, RETRIED, rerun_safe=True),
    TaskSpec("generate_outputs_task", generate_outputs_task, RETRIED, rerun_safe=True),
    TaskSpec("run_tests_task", run_tests_task, RETRIED, rerun_safe=True),
    TaskSpec("generate_script_task", generate_script_task, RETRIED, rerun_safe=False),
    TaskSpec("extract_problem_info_task", extract_problem_info_task, RETRIED, rerun_safe=True),
    TaskSpec("stress_test_task", stress_test_task, RETRIED, rerun_safe=False),
    TaskSpec("delete_job_task", delete_job_task, None, rerun_safe=False),
    TaskSpec(
        "recover_orphaned_jobs_task",
        recover_orphaned_jobs_task,
        None,
        rerun_safe=False,
        schedule=crontab(minute="*"),
    ),
    TaskSpec("warm_problem_cache_task", warm_problem_cache_task, RETRIED, rerun_safe=True),
    TaskSpec("warm_user_stats_cache_task", warm_user_stats_cache_task, RETRIED, rerun_safe=True),
    TaskSpec("invalidate_cache_task", invalidate_cache_task, None, rerun_safe=False),
)
_SPECS = {spec.name: spec for spec in TASK_TABLE}


def name_of(body: Callable[..., Any]) -> str:
    """A task's name, from the table (callers name the body, so a typo is an error at once, not a lost task)."""
    for spec in TASK_TABLE:
        if spec.body is body:
            return spec.name
    raise KeyError(f"{getattr(body, '__name__', body)!r} is not a task")


def rerun_safe(name: str) -> bool:
    spec = _SPECS.get(name)
    return spec is not None and spec.rerun_safe


def register_tasks(huey: Huey) -> Tasks:
    """Every row of the table on `huey`; the queue accepts messages naming these tasks only, with arguments their
    signatures accept (wire.py)."""
    serializer = huey.serializer
    if not isinstance(serializer, QueueSerializer):
        raise TypeError("the queue must be made by make_huey: its messages are JSON, never pickle")
    tasks = Tasks(huey)
    for spec in TASK_TABLE:
        retry = spec.retry or Retry(retries=0, delay_s=0, backoff=0)
        # `owner` becomes an attribute of the task: the periodic recovery re-queues on the queue it runs on.
        options: dict[str, Any] = {
            "name": spec.name,
            "retries": retry.retries,
            "retry_delay": retry.delay_s,
            "retry_backoff": retry.backoff,
            "context": True,
            "owner": tasks,
        }
        decorate = huey.periodic_task(spec.schedule, **options) if spec.schedule else huey.task(**options)
        wrapper = decorate(spec.body)
        tasks._wrappers[spec.name] = wrapper
        serializer.tasks.add(huey._registry.task_to_string(wrapper.task_class), spec.body)
    return tasks


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
