"""run_tests_task: samples only, or input typed by hand, judged for real without a history or a count."""

from __future__ import annotations

from algoitny_tui.config import Settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import run_trial, wait_for_job
from algoitny_tui.worker.tasks import Tasks
from tests.worker.conftest import A_PLUS_B


def test_samples_only(immediate: Tasks, repos: Repositories, settings: Settings) -> None:
    job = run_trial(settings, repos, "baekjoon#1000", A_PLUS_B, "python3", samples_only=True, tasks=immediate)
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.status == JobStatus.COMPLETED and done.result is not None
    assert done.result["verdict"] == "AC"
    assert [t["test_case_id"] for t in done.result["tests"]] == ["1"]  # the one sample, not the 5 tests
    assert done.result["tests"][0]["output"] == "1\n"
    assert repos.histories.iter_user_histories(settings.user) == []
    problem = repos.problems.get_problem("baekjoon", "1000")
    assert problem is not None and problem.execution_count == 0


def test_custom_input_without_an_answer_shows_the_output(
    immediate: Tasks, repos: Repositories, settings: Settings
) -> None:
    tests = [{"input": "40 2\n"}, {"input": "1 1\n", "expected_output": "3\n"}]
    job = run_trial(settings, repos, "baekjoon#1000", A_PLUS_B, "python3", tests=tests, tasks=immediate)
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.result is not None
    first, second = done.result["tests"]
    assert (first["test_case_id"], first["verdict"], first["output"]) == ("custom/1", "AC", "42\n")
    assert first["message"] == "no expected output: not checked"
    assert second["verdict"] == "WA" and second["expected_output"] == "3\n"
    assert done.result["verdict"] == "WA"


def test_a_crash_keeps_its_error_output(immediate: Tasks, repos: Repositories, settings: Settings) -> None:
    job = run_trial(
        settings, repos, "baekjoon#1000", "print(1 // 0)\n", "python3", samples_only=True, tasks=immediate
    )
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.result is not None and done.result["verdict"] == "RE"
    assert "ZeroDivisionError" in done.result["tests"][0]["stderr"]
