"""Worker fixtures: a store with an A+B problem, and tasks run in Huey's immediate mode or by real consumers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import Settings, load_settings
from algoitny_tui.domain import JobStatus, Limits, Problem, TestCase
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories, open_repositories
from algoitny_tui.worker.context import WorkerContext, set_context
from algoitny_tui.worker.tasks import Tasks, tasks_for
from tests.processes import ConsumerProcess

A_PLUS_B = "print(sum(map(int, input().split())))\n"

# About 0.5 s of CPU per test: long enough to kill the worker in the middle of a submission.
SLOW_A_PLUS_B = (
    "import time\n"
    "a, b = map(int, input().split())\n"
    "end = time.process_time() + 0.5\n"
    "while time.process_time() < end:\n"
    "    pass\n"
    "print(a + b)\n"
)
SLOW_PROBLEM_ID = "algoitny#slow"


def put_slow_problem(repos: Repositories) -> str:
    """Six tests for SLOW_A_PLUS_B (3 s of CPU in all, 5 s limit each); returns the problem's id."""
    problem = Problem(
        platform="algoitny", problem_number="slow", title="slow A+B", limits=Limits(time_limit_ms=5000)
    )
    tests = [
        TestCase(test_case_id=str(i), input=f"{i} {i}\n", expected_output=f"{2 * i}\n") for i in range(6)
    ]
    repos.problems.put_problem(problem, tests)
    return SLOW_PROBLEM_ID


def wait_mid_judging(repos: Repositories, worker: ConsumerProcess, timeout_s: float = 60) -> Job:
    """The job the worker is judging, once some of its tests are done (not all: SLOW_A_PLUS_B takes seconds)."""
    deadline = time.monotonic() + timeout_s
    while True:
        for job in repos.jobs.list_jobs(JobStatus.RUNNING):
            if any(p.step == "test" for p in repos.jobs.list_progress(job.id)):
                return job
        assert worker.proc.poll() is None and time.monotonic() < deadline, worker.log.read_text()
        time.sleep(0.05)


def a_plus_b(tests: int = 5, *, time_limit_ms: int = 2000) -> tuple[Problem, list[TestCase]]:
    problem = Problem(
        platform="baekjoon",
        problem_number="1000",
        title="A+B",
        tags=["math"],
        legacy_id=1000,
        limits=Limits(time_limit_ms=time_limit_ms),
    )
    cases = [
        TestCase(
            test_case_id=str(i + 1),
            input=f"{i} {i + 1}\n",
            expected_output=f"{2 * i + 1}\n",
            is_sample=i == 0,
        )
        for i in range(tests)
    ]
    return problem, cases


@pytest.fixture
def settings() -> Settings:
    return load_settings()


@pytest.fixture
def repos(settings: Settings) -> Iterator[Repositories]:
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    yield repos
    repos.close()


@pytest.fixture
def immediate(settings: Settings, repos: Repositories) -> Iterator[Tasks]:
    """Tasks that run in the calling thread (Huey's immediate mode), on the test's store."""
    set_context(WorkerContext(settings=settings, repos=repos, worker_id="test-worker"))
    yield tasks_for(settings, immediate=True)
    set_context(None)


@pytest.fixture
def start_consumer(tmp_path: Path) -> Iterator[object]:
    started: list[ConsumerProcess] = []

    def start(
        env_extra: dict[str, str] | None = None, workers: int = 2, wait_alive: Settings | None = None
    ) -> ConsumerProcess:
        consumer = ConsumerProcess(
            {**os.environ, **(env_extra or {})}, tmp_path / f"worker{len(started)}.log", workers
        )
        started.append(consumer)
        if wait_alive is not None:
            consumer.wait_alive(wait_alive)
        return consumer

    yield start
    for consumer in started:
        consumer.stop()
