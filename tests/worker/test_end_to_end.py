"""End to end with real `algoitny worker` processes: SQLite queue, a consumer killed mid-task, Redis with two."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus, Limits, Problem, TestCase
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.worker.client import submit, wait_for_job
from tests.worker.conftest import A_PLUS_B, SLOW_A_PLUS_B, put_slow_problem, wait_mid_judging


def algoitny(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def test_submit_wait_json_with_a_running_worker(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    start_consumer(wait_alive=load_settings())
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    result = algoitny("submit", "baekjoon#1000", str(solution), "--wait", "--json")
    assert result.returncode == 0, result.stderr
    history = json.loads(result.stdout)
    assert (
        history["verdict"] == "AC" and history["result_summary"] == "Passed" and history["passed_count"] == 5
    )
    stored = repos.histories.load_history(history["id"])
    assert stored is not None and stored.code == A_PLUS_B and stored.problem_id == "baekjoon#1000"


LOADED_BY_SUBMIT = (
    "import sys; from algoitny_tui.cli import main; rc = main(sys.argv[1:]); "
    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic_settings' "
    "or m.startswith('algoitny_tui.settings_env')), rc)"
)
"""Runs the command in a fresh interpreter, then prints the settings modules it loaded and its exit code."""


@pytest.mark.parametrize(
    ("variables", "user", "loads_pydantic_settings"),
    [({}, "from-file", False), ({"ALGOITNY_USER": "from-variable"}, "from-variable", True)],
    ids=["settings file only", "a setting as a variable"],
)
def test_submit_wait_loads_pydantic_settings_only_when_a_variable_gives_a_setting(
    variables: dict[str, str],
    user: str,
    loads_pydantic_settings: bool,
    repos: Repositories,
    start_consumer: Any,
    tmp_path: Path,
) -> None:
    """pydantic-settings (with the asyncio it imports) was the largest part of `submit`'s start: the settings file
    alone is validated by the plain model; a variable that gives a setting still wins over the file."""
    settings = load_settings()
    settings.locations.settings_file.write_text('builtin_pack = false\nuser = "from-file"\n')
    start_consumer(wait_alive=settings)
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    # The suite gives builtin_pack as a variable (tests/conftest.py): here the file gives it.
    env = {k: v for k, v in os.environ.items() if k != "ALGOITNY_BUILTIN_PACK"} | variables
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LOADED_BY_SUBMIT,
            "submit",
            "baekjoon#1000",
            str(solution),
            "--wait",
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    *printed, loaded = result.stdout.strip().splitlines()
    history = json.loads("\n".join(printed))
    assert history["verdict"] == "AC" and history["user_identifier"] == user, result.stderr
    expected = "['algoitny_tui.settings_env', 'pydantic_settings'" if loads_pydantic_settings else "[] 0"
    assert loaded.startswith(expected) and loaded.endswith(" 0"), (loaded, result.stderr)


def test_submit_wait_starts_a_worker_when_none_runs(repos: Repositories, tmp_path: Path) -> None:
    solution = tmp_path / "wrong.py"
    solution.write_text("print(0)\n")
    result = algoitny("submit", "baekjoon#1000", str(solution), "--wait", "--json")
    assert result.returncode == 1, result.stderr
    history = json.loads(result.stdout)
    assert history["verdict"] == "WA" and history["failed_count"] == 5
    from algoitny_tui.worker.launcher import worker_alive

    assert not worker_alive(load_settings())  # the worker it started for the command is gone again


def test_a_worker_killed_mid_task_judges_the_submission_exactly_once(start_consumer: Any) -> None:
    settings = load_settings()
    repos = open_repositories(settings)
    problem_id = put_slow_problem(repos)
    first = start_consumer(wait_alive=settings, workers=1)
    job = submit(settings, repos, problem_id, SLOW_A_PLUS_B, "python3", user_identifier="killed")
    assert wait_mid_judging(repos, first).id == job.id
    first.kill()
    killed = repos.jobs.get_job(job.id)
    assert killed is not None and killed.status == JobStatus.RUNNING
    start_consumer(wait_alive=settings, workers=1)
    done = wait_for_job(repos, job.id, timeout_s=90)
    assert done.status == JobStatus.COMPLETED, done.error
    assert done.attempts == 2
    histories = repos.histories.iter_user_histories("killed")
    assert len(histories) == 1 and histories[0].id == done.result["history_id"]  # type: ignore[index]
    assert histories[0].verdict == "AC" and histories[0].job_id == job.id
    assert repos.jobs.list_jobs(JobStatus.RUNNING) == []
    repos.close()


@pytest.mark.redis
def test_redis_queue_with_two_consumers_stores_every_submission_once(
    redis_server: Any, start_consumer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALGOITNY_QUEUE", "redis")
    monkeypatch.setenv("ALGOITNY_REDIS_URL", redis_server.url)
    monkeypatch.setenv("ALGOITNY_QUEUE_SECRET", "shared by the two consumers")
    settings = load_settings()
    repos = open_repositories(settings)
    problem = Problem(
        platform="algoitny", problem_number="ab", title="A+B", limits=Limits(time_limit_ms=5000)
    )
    repos.problems.put_problem(problem, [TestCase(test_case_id="1", input="1 2\n", expected_output="3\n")])
    start_consumer(workers=1, wait_alive=settings)
    start_consumer(workers=1)
    from algoitny_tui.worker.liveness import alive_workers
    from algoitny_tui.worker.tasks import tasks_for

    deadline = time.monotonic() + 30
    while len(alive_workers(tasks_for(settings).huey)) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    code = "import time\ntime.sleep(0.2)\na, b = map(int, input().split())\nprint(a + b)\n"
    jobs = [
        submit(settings, repos, "algoitny#ab", code, "python3", user_identifier="redis") for _ in range(12)
    ]
    done = [wait_for_job(repos, job.id, timeout_s=120) for job in jobs]
    assert all(d.status == JobStatus.COMPLETED for d in done)
    histories = repos.histories.iter_user_histories("redis")
    assert len(histories) == 12 and {h.job_id for h in histories} == {j.id for j in jobs}
    assert len({d.worker_id for d in done}) == 2  # both consumers took work
    repos.close()
