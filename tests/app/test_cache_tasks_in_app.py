"""The worker's cache tasks and delete_job_task from the app, run by a real worker process: the Stats screen's
`ctrl+r` (warm_user_stats_cache_task), the Jobs screen's `w` / `x` (warm and invalidate the caches) and `d` on a
finished job (delete_job_task)."""

from __future__ import annotations

import pytest

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.problem_cache import index_path, read_problem_index
from tests.app.conftest import history, screen_text, wait_for
from tests.processes import ConsumerProcess


def notes(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def ran(worker: ConsumerProcess, task: str) -> bool:
    return f"Executing algoitny_tui.worker.tasks.{task}" in worker.log.read_text()


@pytest.mark.timeout(300)  # a worker process on a loaded machine
async def test_stats_reload_recomputes_in_the_worker_and_shows_the_stored_figures(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    repos.histories.create_history_with_id(history(1, "AC"))
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: "Attempts 1" in screen_text(app), "the stats")
        # a submission stored behind the app's back: only a recomputation shows it
        repos.histories.create_history_with_id(history(2, "WA"))
        await pilot.press("ctrl+r")
        await wait_for(
            pilot,
            lambda: "statistics recomputed by the worker" in notes(app) and "Attempts 2" in screen_text(app),
            "the worker's statistics",
            timeout=90,
        )
    assert ran(worker_process, "warm_user_stats_cache_task")
    stored = repos.stats.get_stats("tester")
    assert stored is not None and (stored.attempts, stored.solved) == (2, 1)


@pytest.mark.timeout(400)  # a worker process on a loaded machine
async def test_jobs_screen_warms_and_drops_the_caches_and_deletes_a_finished_job_through_the_worker(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    job = repos.jobs.create_job("run_tests_task", {"platform": "baekjoon"}, user_identifier="tester")
    repos.jobs.set_status(job.id, JobStatus.CANCELLED, expected=[JobStatus.PENDING])
    path = index_path(settings.locations.cache_dir)
    path.unlink(missing_ok=True)  # the problem list of the app's first screen may write it
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f4")
        await wait_for(pilot, lambda: "run_tests_task" in screen_text(app), "the jobs")
        path.unlink(missing_ok=True)
        await pilot.press("w")
        await wait_for(
            pilot,
            lambda: any(n.startswith("caches: problem index rebuilt: 2 problems;") for n in notes(app)),
            "the warmed caches",
            timeout=90,
        )
        listed = read_problem_index(settings.locations.cache_dir)
        assert listed is not None and len(listed) == 2
        assert repos.stats.get_stats("tester") is not None
        assert ran(worker_process, "warm_problem_cache_task") and ran(
            worker_process, "warm_user_stats_cache_task"
        )

        await pilot.press("x")
        await wait_for(
            pilot,
            lambda: "caches: dropped the problems cache; dropped the stats cache" in notes(app),
            "the dropped caches",
            timeout=90,
        )
        assert not path.exists() and repos.stats.get_stats("tester") is None

        app.screen.query_one("#jobs-table").focus()
        await pilot.press("d")
        await wait_for(
            pilot,
            lambda: f"job {job.id[:12]} deleted by the worker" in notes(app),
            "the job deleted by the worker",
            timeout=90,
        )
    assert repos.jobs.get_job(job.id) is None
    assert ran(worker_process, "delete_job_task")
