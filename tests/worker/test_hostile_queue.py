"""A real `algoitny worker` on a real Redis, fed what anyone who can write to that Redis could push."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus, Limits, Problem, TestCase
from algoitny_tui.storage.factory import open_repositories
from algoitny_tui.worker.client import submit, wait_for_job
from tests.worker.test_wire import SECRET, TASKS, signed, task_message, touching_pickle

QUEUE_KEY = "huey.redis.algoitny"  # Huey's list for the queue named "algoitny"
SCHEDULE_KEY = "huey.schedule.algoitny"  # and its sorted set of tasks waiting for their time (retries)
DROPPED = "dropped a message from the queue"
DROPPED_SCHEDULED = "dropped a scheduled message"


@pytest.mark.redis
@pytest.mark.slow
def test_a_worker_drops_untrusted_messages_and_goes_on(
    redis_server: Any, start_consumer: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = redis_server.url[:-1] + "5"  # a database of its own on the session's server
    raw = redis.Redis.from_url(url)
    raw.flushdb()
    monkeypatch.setenv("ALGOITNY_QUEUE", "redis")
    monkeypatch.setenv("ALGOITNY_REDIS_URL", url)
    monkeypatch.setenv("ALGOITNY_QUEUE_SECRET", SECRET)
    settings = load_settings()
    repos = open_repositories(settings)
    problem = Problem(
        platform="algoitny", problem_number="ab", title="A+B", limits=Limits(time_limit_ms=5000)
    )
    repos.problems.put_problem(problem, [TestCase(test_case_id="1", input="1 2\n", expected_output="3\n")])
    worker = start_consumer(workers=1, wait_alive=settings)

    pwned = tmp_path / "pwned"
    hostile = [
        touching_pickle(pwned),
        signed(task_message(TASKS + "delete_job_task", ["x"]), "another group's secret, 32 chars"),
        random.Random(20).randbytes(256),
        signed(task_message(TASKS + "run_shell_task", ["touch " + str(pwned)]), SECRET),
        signed(
            task_message(
                TASKS + "execute_code_task", [], {"code": ["not", "a", "string"], "language": "python3"}
            ),
            SECRET,
        ),
    ]
    for message in hostile:
        raw.lpush(QUEUE_KEY, message)
    raw.zadd(
        SCHEDULE_KEY, {touching_pickle(pwned): 0}
    )  # due long ago: the scheduler reads it within a second
    deadline = time.monotonic() + 30
    while (
        worker.log.read_text().count(DROPPED) < len(hostile)
        or DROPPED_SCHEDULED not in worker.log.read_text()
    ):
        assert worker.proc.poll() is None, worker.log.read_text()
        assert time.monotonic() < deadline, worker.log.read_text()
        time.sleep(0.05)

    code = "a, b = map(int, input().split())\nprint(a + b)\n"
    job = submit(settings, repos, "algoitny#ab", code, "python3", user_identifier="after-the-attack")
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.status == JobStatus.COMPLETED, done.error
    (history,) = repos.histories.iter_user_histories("after-the-attack")
    assert history.verdict == "AC" and history.job_id == job.id

    # A copy of that submission's message, pushed again (a replay needs no secret): the job has run, it runs never
    # again, and nothing is stored twice.
    replay = job.params | {"job_id": job.id}
    raw.lpush(QUEUE_KEY, signed(task_message(TASKS + "execute_code_task", [], replay), SECRET))
    deadline = time.monotonic() + 30
    while "execute_code_task: forged-1 5 retries executed" not in worker.log.read_text():
        assert time.monotonic() < deadline, worker.log.read_text()
        time.sleep(0.05)
    assert [h.id for h in repos.histories.iter_user_histories("after-the-attack")] == [history.id]
    again = repos.jobs.get_job(job.id)
    assert again is not None and again.status == JobStatus.COMPLETED and again.attempts == done.attempts

    assert not pwned.exists()
    assert worker.proc.poll() is None  # still running
    assert raw.llen(QUEUE_KEY) == 0 and raw.zcard(SCHEDULE_KEY) == 0
    log = worker.log.read_text()
    dropped = [line for line in log.splitlines() if DROPPED in line]
    assert len(dropped) == len(hostile), log
    reasons = [
        "not signed",
        "wrong signature",
        "not signed",
        "unknown task 'algoitny_tui.worker.tasks.run_shell",
        "bad argument 'code' for algoitny_tui.worker.tasks.execute_code_task",
    ]
    for reason, line in zip(reasons, dropped, strict=True):
        assert reason in line, line
    assert len([line for line in log.splitlines() if DROPPED_SCHEDULED in line]) == 1, log
    assert "Traceback" not in log

    shown = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "workers", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    status = json.loads(shown.stdout)
    assert status["signed"] is True and [w["signed"] for w in status["workers"]] == [True]
    repos.close()
