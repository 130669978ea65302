"""Queue the tasks that keep no job (the caches, deleting a job) and wait until their effect can be seen.

Huey keeps no results here (queue.py), and the seed's signatures of these tasks carry no job id, so a caller that
waits watches what the task changes: the problem index file rewritten or removed, the user's statistics item
recomputed or dropped, the job gone. `algoitny cache`, `algoitny jobs delete --queued`, the Stats screen and the
Jobs screen all queue through here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from algoitny_tui.config import Settings
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.problem_cache import index_path, read_problem_index

Cache = Literal["problems", "stats"]
CACHES: tuple[Cache, ...] = ("problems", "stats")
TASK_CACHE_NAME = {"problems": "problems", "stats": "user_stats"}
"""Our name for a cache -> the name invalidate_cache_task takes."""


@dataclass
class Queued:
    """One queued task and how to tell it has run."""

    task: str
    done: Callable[[], bool]
    outcome: Callable[[], dict[str, Any]]
    """What a user reads once it ran (JSON-ready)."""


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def _wait_past_second(stamp: int) -> None:
    """Statistics are stamped in whole seconds: a recomputation must land in a later second to be told apart."""
    while int(time.time()) <= stamp:
        time.sleep(0.05)


def queue_warm(settings: Settings, repos: Repositories, cache: Cache, tasks: Any = None) -> Queued:
    from algoitny_tui.worker.tasks import tasks_for

    tasks = tasks or tasks_for(settings)
    if cache == "problems":
        path = index_path(settings.locations.cache_dir)
        before = _file_identity(path)
        tasks.warm_problem_cache_task()
        return Queued(
            "warm_problem_cache_task",
            lambda: (now := _file_identity(path)) is not None and now != before,
            lambda: {"cache": "problems", "problems": len(read_problem_index(path.parent) or [])},
        )
    user = settings.user
    old = repos.stats.get_stats(user)
    if old is not None:
        _wait_past_second(old.computed_at)
    tasks.warm_user_stats_cache_task(user_identifier=user)

    def fresh() -> bool:
        stats = repos.stats.get_stats(user)
        return stats is not None and (old is None or stats.computed_at > old.computed_at)

    def outcome() -> dict[str, Any]:
        stats = repos.stats.get_stats(user)
        return {"cache": "stats", "user": user, "stats": stats.model_dump(mode="json") if stats else None}

    return Queued("warm_user_stats_cache_task", fresh, outcome)


def queue_invalidate(settings: Settings, repos: Repositories, cache: Cache, tasks: Any = None) -> Queued:
    from algoitny_tui.worker.tasks import tasks_for

    tasks = tasks or tasks_for(settings)
    user = settings.user
    tasks.invalidate_cache_task(cache=TASK_CACHE_NAME[cache], user_identifier=user)
    if cache == "problems":
        path = index_path(settings.locations.cache_dir)
        return Queued(
            "invalidate_cache_task",
            lambda: not path.exists(),
            lambda: {"cache": "problems", "invalidated": True},
        )
    return Queued(
        "invalidate_cache_task",
        lambda: repos.stats.get_stats(user) is None,
        lambda: {"cache": "stats", "user": user, "invalidated": True},
    )


def queue_delete_job(settings: Settings, repos: Repositories, job_id: str, tasks: Any = None) -> Queued:
    from algoitny_tui.worker.tasks import tasks_for

    tasks = tasks or tasks_for(settings)
    tasks.delete_job_task(job_id)
    return Queued(
        "delete_job_task",
        lambda: repos.jobs.get_job(job_id) is None,
        lambda: {"job_id": job_id, "deleted": True},
    )


def wait_until_done(queued: Queued, timeout_s: float, poll_s: float = 0.05) -> dict[str, Any]:
    """The outcome once the task's effect is seen; TimeoutError when it is not within `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not queued.done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{queued.task} has not run after {timeout_s:g} s (is a worker running?)")
        time.sleep(poll_s)
    return queued.outcome()


def describe(outcome: dict[str, Any]) -> str:
    """One line for a user about what a cache task did."""
    if outcome.get("invalidated"):
        return f"dropped the {outcome['cache']} cache"
    if outcome["cache"] == "problems":
        return f"problem index rebuilt: {outcome['problems']} problems"
    stats = outcome.get("stats") or {}
    return (
        f"statistics of {outcome['user']} recomputed: {stats.get('solved', 0)} solved, "
        f"{stats.get('attempts', 0)} attempts"
    )
