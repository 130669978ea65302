"""`algoitny cache warm|invalidate` and `algoitny jobs delete --queued`: the cache tasks and delete_job_task,
queued and run by a real huey consumer (one of the test's own, or the one the command starts with --wait)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import Settings, load_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.worker.problem_cache import index_path, read_problem_index
from tests.app.conftest import a_plus_b, echo_problem, history
from tests.processes import ConsumerProcess


def algoitny(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=timeout,
    )


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ALGOITNY_USER", "tester")
    return load_settings()


@pytest.fixture
def repos(settings: Settings) -> Iterator[Repositories]:
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())
    yield repos
    repos.close()


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[ConsumerProcess]:
    consumer = ConsumerProcess(dict(os.environ), tmp_path / "worker.log")
    consumer.wait_alive(settings)
    yield consumer
    consumer.stop()


@pytest.mark.timeout(300)
def test_warm_with_a_worker_rebuilds_the_index_and_stores_the_statistics(
    settings: Settings, repos: Repositories, worker: ConsumerProcess
) -> None:
    repos.histories.create_history_with_id(history(1, "AC"))
    repos.histories.create_history_with_id(history(2, "WA", problem=("algoitny", "echo", "Echo")))
    assert not index_path(settings.locations.cache_dir).exists()
    result = algoitny("cache", "warm", "--wait", "--json")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)["done"]
    assert done[0] == {"cache": "problems", "problems": 2}
    listed = read_problem_index(settings.locations.cache_dir)
    assert listed is not None and len(listed) == 2
    assert (done[1]["cache"], done[1]["user"]) == ("stats", "tester")
    assert (done[1]["stats"]["solved"], done[1]["stats"]["attempts"], done[1]["stats"]["tried"]) == (1, 2, 1)
    stored = repos.stats.get_stats("tester")
    assert stored is not None and stored.model_dump(mode="json") == done[1]["stats"]


@pytest.mark.timeout(300)
def test_warm_without_wait_only_queues_and_a_worker_started_later_runs_it(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    result = algoitny("cache", "warm", "problems")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "queued warm_problem_cache_task\n"
    assert "no worker is running" in result.stderr
    path = index_path(settings.locations.cache_dir)
    assert not path.exists()  # queued, not done here
    consumer = ConsumerProcess(dict(os.environ), tmp_path / "worker.log")
    try:
        consumer.wait_alive(settings)
        from algoitny_tui.worker.cache_requests import Queued, wait_until_done

        wait_until_done(Queued("warm_problem_cache_task", path.exists, dict), timeout_s=60)
    finally:
        consumer.stop()
    listed = read_problem_index(settings.locations.cache_dir)
    assert listed is not None and len(listed) == 2


@pytest.mark.timeout(400)  # three commands, each starting a worker
def test_invalidate_drops_the_index_and_the_statistics_with_a_worker_the_command_starts(
    settings: Settings, repos: Repositories
) -> None:
    warmed = algoitny("cache", "warm", "--wait")  # no worker alive: --wait starts one for the command
    assert warmed.returncode == 0, warmed.stderr
    assert "problem index rebuilt: 2 problems" in warmed.stdout
    assert "statistics of tester recomputed: 0 solved, 0 attempts" in warmed.stdout
    assert index_path(settings.locations.cache_dir).exists() and repos.stats.get_stats("tester") is not None

    dropped = algoitny("cache", "invalidate", "problems", "--wait", "--json")
    assert dropped.returncode == 0, dropped.stderr
    assert json.loads(dropped.stdout) == {"done": [{"cache": "problems", "invalidated": True}]}
    assert not index_path(settings.locations.cache_dir).exists()
    assert repos.stats.get_stats("tester") is not None  # the other cache is left alone

    dropped = algoitny("cache", "invalidate", "stats", "--wait")
    assert dropped.returncode == 0, dropped.stderr
    assert dropped.stdout == "dropped the stats cache\n"
    assert repos.stats.get_stats("tester") is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cache", "invalidate"), "cache invalidate needs the cache to drop: problems or stats"),
        (("cache", "warm", "users"), "invalid choice: 'users'"),
        (("cache", "flush"), "invalid choice: 'flush'"),
        (("jobs", "delete", "no-such-job", "--queued"), "job no-such-job not found"),
    ],
)
def test_bad_input_exits_2_saying_what_is_wrong(
    repos: Repositories, args: tuple[str, ...], message: str
) -> None:
    result = algoitny(*args)
    assert result.returncode == 2, result
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.timeout(300)
def test_jobs_delete_queued_removes_a_finished_job_in_the_worker_and_refuses_a_running_one(
    settings: Settings, repos: Repositories, worker: ConsumerProcess
) -> None:
    finished = repos.jobs.create_job("run_tests_task", {"platform": "baekjoon"}, user_identifier="tester")
    repos.jobs.set_status(finished.id, JobStatus.CANCELLED, expected=[JobStatus.PENDING])
    repos.jobs.add_progress(finished.id, "test", "one line of progress", 10.0)
    kept = repos.jobs.create_job("run_tests_task", {"platform": "baekjoon"}, user_identifier="tester")
    repos.jobs.set_status(kept.id, JobStatus.RUNNING, expected=[JobStatus.PENDING])

    result = algoitny("jobs", "delete", finished.id, "--queued", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"deleted": finished.id, "queued": True}
    assert repos.jobs.get_job(finished.id) is None and repos.jobs.list_progress(finished.id) == []
    assert "Executing algoitny_tui.worker.tasks.delete_job_task" in worker.log.read_text()  # the worker did

    refused = algoitny("jobs", "delete", kept.id, "--queued")
    assert refused.returncode == 2 and "is running: cancel it first" in refused.stderr
    assert repos.jobs.get_job(kept.id) is not None
