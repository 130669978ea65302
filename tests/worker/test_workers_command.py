"""`algoitny workers`: each worker on the queue with host:pid, threads, the job it runs and its last heartbeat; a
worker killed mid-task is listed as gone once the recovery interval has passed (a real consumer, really killed)."""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import Limits, Problem, TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import submit
from algoitny_tui.worker.jobs import STALE_AFTER_S
from tests.worker.conftest import SLOW_A_PLUS_B
from tests.worker.test_end_to_end import algoitny


def workers_json() -> list[dict[str, Any]]:
    result = algoitny("workers", "--json")
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout)["workers"])


@pytest.mark.slow
def test_workers_lists_the_running_job_and_a_killed_worker_as_gone(
    repos: Repositories, start_consumer: Any
) -> None:
    settings = load_settings()
    problem = Problem(
        platform="algoitny", problem_number="slow", title="slow A+B", limits=Limits(time_limit_ms=5000)
    )
    repos.problems.put_problem(
        problem,
        [TestCase(test_case_id=str(i), input=f"{i} {i}\n", expected_output=f"{2 * i}\n") for i in range(20)],
    )
    worker = start_consumer(wait_alive=settings, workers=3)
    worker_id = f"{socket.gethostname()}:{worker.proc.pid}"
    job = submit(settings, repos, "algoitny#slow", SLOW_A_PLUS_B, "python3", user_identifier="w")
    deadline = time.monotonic() + 60
    while True:  # the beacon names the job once the worker has claimed it
        (listed,) = workers_json()
        if listed["jobs"]:
            break
        assert time.monotonic() < deadline, worker.log.read_text()
        time.sleep(0.2)
    assert listed["worker_id"] == worker_id and listed["pid"] == worker.proc.pid and listed["workers"] == 3
    assert listed["state"] == "alive" and listed["heartbeat_age_s"] < 5
    assert listed["jobs"] == [{"id": job.id, "kind": "execute_code_task"}]
    human = algoitny("workers").stdout
    assert "workers alive: 1" in human and f"{worker_id}  alive" in human and "3 threads" in human
    assert f"execute_code_task {job.id[:12]}" in human

    worker.kill()
    killed_at = time.monotonic()
    states = []
    while True:
        (listed,) = workers_json()
        states.append(listed["state"])
        if listed["state"] == "gone":
            break
        assert time.monotonic() - killed_at < STALE_AFTER_S + 20
        time.sleep(0.5)
    assert time.monotonic() - killed_at >= STALE_AFTER_S - 1.5  # not before the recovery interval
    assert "silent" in states and listed["heartbeat_age_s"] >= STALE_AFTER_S
    human = algoitny("workers").stdout
    assert (
        "workers alive: 0" in human
        and f"{worker_id}  gone" in human
        and "re-queues its running jobs" in human
    )
