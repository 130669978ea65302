"""The seed's tasks, run in Huey's immediate mode on a real store and the real judge."""

from __future__ import annotations

import base64
import datetime as dt

from algoitny_tui.domain import JobStatus, TestCase
from algoitny_tui.models import SearchHistory
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import submit, wait_for_job
from algoitny_tui.worker.tasks import Tasks
from tests.worker.conftest import A_PLUS_B


def test_execute_code_task_stores_a_history_in_the_seed_format(immediate: Tasks, repos: Repositories) -> None:
    immediate.execute_code_task(
        code=A_PLUS_B,
        language="python3",
        platform="baekjoon",
        problem_identifier="1000",
        user_id=1,
        user_identifier="user@example.com",
        is_code_public=True,
    )
    histories = repos.histories.iter_user_histories("user@example.com")
    assert len(histories) == 1
    item = repos.histories.get_history_item(histories[0].id)
    assert item is not None and item["tp"] == "hist" and item["SK"] == "META"
    dat = item["dat"]
    assert (dat["res"], dat["psc"], dat["fsc"], dat["toc"], dat["pub"], dat["uid"]) == (
        "Passed",
        5,
        0,
        5,
        True,
        1,
    )
    assert dat["pid"] == "baekjoon#1000" and dat["ptt"] == "A+B" and dat["lng"] == "python3"
    assert [t["tid"] for t in dat["trs"]] == ["1", "2", "3", "4", "5"]
    assert dat["trs"][1] == {**dat["trs"][1], "out": "3\n", "pas": True, "sts": "success", "vrd": "AC"}
    problem = repos.problems.get_problem("baekjoon", "1000")
    assert problem is not None and problem.execution_count == 1


def test_a_wrong_answer_is_failed_with_the_difference(immediate: Tasks, repos: Repositories) -> None:
    code = "a, b = map(int, input().split())\nprint(a + b if a < 3 else a - b)\n"
    immediate.execute_code_task(code, "python3", "baekjoon", "1000", user_identifier="me")
    history = repos.histories.iter_user_histories("me")[0]
    assert history.result_summary == "Failed" and history.verdict == "WA"
    assert (history.passed_count, history.failed_count) == (3, 2)
    failed = [r for r in history.test_results if not r.passed]
    assert [r.test_case_id for r in failed] == ["4", "5"] and failed[0].verdict == "WA"
    assert failed[0].status == "success"  # the seed's execution status: it ran to completion
    assert "7" in failed[0].message and "-1" in failed[0].message


def test_progress_is_reported_test_by_test(immediate: Tasks, repos: Repositories, settings: object) -> None:
    job = submit(settings, repos, "baekjoon#1000", A_PLUS_B, "python3", tasks=immediate)  # type: ignore[arg-type]
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.status == JobStatus.COMPLETED and done.result and done.result["verdict"] == "AC"
    lines = repos.jobs.list_progress(job.id)
    tests = [line.detail for line in lines if line.step == "test"]
    assert sorted(t["test"] for t in tests) == ["1", "2", "3", "4", "5"]
    assert all(t["verdict"] == "AC" and t["time_ms"] >= 0 for t in tests)
    assert lines[-1].percent == 100.0


def test_legacy_numeric_problem_id_still_works(immediate: Tasks, repos: Repositories) -> None:
    immediate.execute_code_task(
        code=A_PLUS_B,
        language="python3",
        problem_id=1000,
        user_id=1,
        user_identifier="legacy@example.com",
        is_code_public=False,
    )
    history = repos.histories.iter_user_histories("legacy@example.com")[0]
    assert history.problem_id == "baekjoon#1000" and history.result_summary == "Passed"


def test_an_unknown_problem_fails_the_job_with_a_clear_error(immediate: Tasks, repos: Repositories) -> None:
    job = repos.jobs.create_job("execute_code_task", {})
    immediate.execute_code_task(A_PLUS_B, "python3", "baekjoon", "404", job_id=job.id)
    failed = repos.jobs.get_job(job.id)
    assert failed is not None and failed.status == JobStatus.FAILED
    assert failed.error == "problem baekjoon#404 is not stored"


def test_a_compile_error_is_a_history_with_the_message(immediate: Tasks, repos: Repositories) -> None:
    immediate.execute_code_task("int main() { return 0 }\n", "cpp", "baekjoon", "1000", user_identifier="ce")
    history = repos.histories.iter_user_histories("ce")[0]
    assert history.verdict == "CE" and history.result_summary == "Failed"
    assert "expected" in history.compile_message and history.failed_count == 5


def test_a_finished_job_is_not_run_again(immediate: Tasks, repos: Repositories, settings: object) -> None:
    job = submit(
        settings,
        repos,
        "baekjoon#1000",
        A_PLUS_B,
        "python3",
        user_identifier="once",  # type: ignore[arg-type]
        tasks=immediate,
    )
    immediate.execute_code_task(
        code=A_PLUS_B,
        language="python3",
        platform="baekjoon",
        problem_identifier="1000",
        user_identifier="once",
        job_id=job.id,
    )  # a duplicate delivery
    assert len(repos.histories.iter_user_histories("once")) == 1
    problem = repos.problems.get_problem("baekjoon", "1000")
    assert problem is not None and problem.execution_count == 1


def test_delete_job_task(immediate: Tasks, repos: Repositories) -> None:
    job = repos.jobs.create_job("extract_problem_info_task", {"path": "x"})
    repos.jobs.add_progress(job.id, "parse", "reading")
    immediate.delete_job_task(job.id)
    assert repos.jobs.get_job(job.id) is None and repos.jobs.list_progress(job.id) == []


def test_warm_and_invalidate_problem_cache(immediate: Tasks, repos: Repositories, settings: object) -> None:
    from algoitny_tui.worker.problem_cache import read_problem_index

    cache_dir = settings.locations.cache_dir  # type: ignore[attr-defined]
    assert read_problem_index(cache_dir) is None
    immediate.warm_problem_cache_task()
    index = read_problem_index(cache_dir)
    assert index == [
        {
            "id": "baekjoon#1000",
            "platform": "baekjoon",
            "number": "1000",
            "title": "A+B",
            "tags": ["math"],
            "difficulty": None,
            "tests": 5,
        }
    ]
    immediate.invalidate_cache_task("problems")
    assert read_problem_index(cache_dir) is None


def test_user_stats_from_the_store(immediate: Tasks, repos: Repositories) -> None:
    today = dt.datetime.now()
    for days_ago, verdict, language in [
        (0, "AC", "python3"),
        (0, "WA", "cpp"),
        (1, "WA", "python3"),
        (2, "AC", "python3"),
        (5, "AC", "cpp"),
    ]:
        when = int((today - dt.timedelta(days=days_ago)).timestamp())
        repos.histories.create_history(
            SearchHistory(
                id=0,
                user_identifier="stats",
                problem_id="baekjoon#1000",
                platform="baekjoon",
                problem_number="1000",
                language=language,
                verdict=verdict,
                result_summary="Passed" if verdict == "AC" else "Failed",
                created_at=when,
            )
        )
    immediate.warm_user_stats_cache_task("stats")
    stats = repos.stats.get_stats("stats")
    assert stats is not None
    # The streak counts days with an accepted submission (as the Stats screen and the README say): today, not
    # yesterday's wrong answer.
    assert (stats.solved, stats.attempts, stats.acceptance_rate, stats.streak_days) == (1, 5, 0.6, 1)
    assert stats.by_language == {
        "python3": {"attempts": 3, "accepted": 2},
        "cpp": {"attempts": 2, "accepted": 1},
    }
    assert stats.by_tag == {"math": {"attempts": 5, "accepted": 3, "solved": 1}}
    immediate.invalidate_cache_task("user_stats", "stats")
    assert repos.stats.get_stats("stats") is None


def test_the_stats_shown_are_the_stored_ones_while_fresh(repos: Repositories) -> None:
    from algoitny_tui.storage.ids import now_seconds
    from algoitny_tui.tasks.stats import current_user_stats

    def store(verdict: str, created_at: int) -> None:
        repos.histories.create_history(
            SearchHistory(
                id=0,
                user_identifier="fresh",
                problem_id="baekjoon#1000",
                platform="baekjoon",
                problem_number="1000",
                language="python3",
                verdict=verdict,
                created_at=created_at,
            )
        )

    store("WA", now_seconds() - 100)
    first = current_user_stats(repos, "fresh")  # nothing stored: computed, and stored
    assert (first.solved, first.attempts) == (0, 1) and repos.stats.get_stats("fresh") == first
    # A stored item computed after the newest history, today: shown as it is (a marked copy proves it is read).
    repos.stats.put_stats(first.model_copy(update={"solved": 99, "computed_at": now_seconds()}))
    assert current_user_stats(repos, "fresh").solved == 99
    # A newer submission makes it stale: computed again from the histories, and stored again.
    store("AC", now_seconds())  # stored in the same second as the copy or later: not older than it
    again = current_user_stats(repos, "fresh")
    assert (again.solved, again.attempts) == (1, 2)
    assert repos.stats.get_stats("fresh") == again


def test_recover_requeues_a_dead_workers_job_and_fails_an_unsafe_one(
    immediate: Tasks, repos: Repositories
) -> None:
    from algoitny_tui.worker.recovery import recover_orphaned_jobs

    params = {
        "code": A_PLUS_B,
        "language": "python3",
        "platform": "baekjoon",
        "problem_identifier": "1000",
        "user_identifier": "rec",
    }
    safe = repos.jobs.create_job("execute_code_task", params)
    unsafe = repos.jobs.create_job("generate_script_task", {"count": 3})
    for job in (safe, unsafe):
        repos.jobs.try_claim(job.id, "some-other-host:12345")
    # Their heartbeats are as old as the job: a stale threshold of -1 s makes them orphaned now.
    outcome = recover_orphaned_jobs(repos, immediate.requeue, stale_after_s=-1)
    assert outcome == {"requeued": [safe.id], "failed": [unsafe.id]} or (
        sorted(outcome["requeued"]) == [safe.id] and outcome["failed"] == [unsafe.id]
    )
    done = repos.jobs.get_job(safe.id)
    assert done is not None and done.status == JobStatus.COMPLETED
    assert len(repos.histories.iter_user_histories("rec")) == 1
    failed = repos.jobs.get_job(unsafe.id)
    assert (
        failed is not None
        and failed.status == JobStatus.FAILED
        and "not safe to run twice" in (failed.error or "")
    )


def test_reference_solutions_are_decoded_for_hints() -> None:
    from algoitny_tui.codec import decode_solution, item_to_history
    from algoitny_tui.mismatch import Mismatch
    from algoitny_tui.tasks.hinting import failed_tests

    encoded = base64.b64encode(b"print(1)").decode()
    assert decode_solution(encoded) == "print(1)"
    dat = {
        "trs": [
            {"tid": "1", "out": "3", "pas": True, "err": None, "sts": "success", "vrd": "AC"},
            {"tid": "2", "out": "4", "pas": False, "err": "boom", "sts": "runtime_error", "vrd": "RE"},
            {"tid": "3", "out": "", "pas": False, "err": None, "sts": "TLE"},  # written before `vrd`
            {
                "tid": "4",
                "out": "9",
                "pas": False,
                "vrd": "WA",
                "msg": "line 1, column 1: expected '10', got '9'",
                "mis": {"knd": "token", "lin": 1, "col": 1, "got": "9", "wnt": "10"},
            },
        ]
    }
    history = item_to_history({"PK": "HIST#1", "SK": "META", "tp": "hist", "dat": dat, "crt": 0, "upd": 0})
    failed = failed_tests(history)
    assert [(t["test_case_id"], t["output"], t["error"], t["status"], t["verdict"]) for t in failed] == [
        ("2", "4", "boom", "runtime_error", "RE"),
        ("3", "", None, "timeout", "TLE"),
        ("4", "9", None, "success", "WA"),
    ]
    assert failed[2]["mismatch"] == Mismatch(kind="token", line=1, column=1, got="9", wanted="10")
    assert failed[0]["mismatch"] is None
    assert TestCase  # the model the hints read inputs from


def test_the_task_table_holds_the_seeds_names_and_the_queue_runs_exactly_those(immediate: Tasks) -> None:
    from algoitny_tui.worker.tasks import TASK_TABLE, name_of, rerun_safe

    seed = {
        "execute_code_task",
        "generate_hints_task",
        "generate_script_task",
        "extract_problem_info_task",
        "generate_outputs_task",
        "delete_job_task",
        "recover_orphaned_jobs_task",
        "warm_problem_cache_task",
        "warm_user_stats_cache_task",
        "invalidate_cache_task",
    }
    names = [spec.name for spec in TASK_TABLE]
    assert seed <= set(names) and len(names) == len(set(names))
    # The wire name is the module's function: a row naming another function would break queued messages.
    assert all(spec.body.__name__ == spec.name for spec in TASK_TABLE)
    assert immediate.huey.serializer.tasks.names() == sorted(f"algoitny_tui.worker.tasks.{n}" for n in names)
    assert name_of(TASK_TABLE[0].body) == TASK_TABLE[0].name
    # Appending test cases twice is what a rerun must not do; judging again into the same history is safe.
    assert not rerun_safe("generate_script_task") and not rerun_safe("stress_test_task")
    assert rerun_safe("execute_code_task") and not rerun_safe("no_such_task")


def test_a_submission_queued_without_a_job_is_still_tracked_as_one(
    immediate: Tasks, repos: Repositories
) -> None:
    """execute_code_task goes through the same job tracking as every task: the Huey task's id names its job."""
    immediate.execute_code_task(
        code=A_PLUS_B,
        language="python3",
        platform="baekjoon",
        problem_identifier="1000",
        user_identifier="nojob",
    )
    history = repos.histories.iter_user_histories("nojob")[0]
    assert history.job_id
    job = repos.jobs.get_job(history.job_id)
    assert job is not None and job.kind == "execute_code_task" and job.status == JobStatus.COMPLETED
    assert job.result is not None and job.result["history_id"] == history.id
    assert job.user_identifier == "nojob" and job.params["code_length"] == len(A_PLUS_B)
    assert [line.step for line in repos.jobs.list_progress(job.id)][:2] == ["judge", "test"]


def test_the_periodic_recovery_requeues_on_its_own_queue(immediate: Tasks, repos: Repositories) -> None:
    """recover_orphaned_jobs_task re-queues through the queue it runs on (here: immediate, so the job runs now)."""
    import socket
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    params = {
        "code": A_PLUS_B,
        "language": "python3",
        "platform": "baekjoon",
        "problem_identifier": "1000",
        "user_identifier": "periodic",
    }
    job = repos.jobs.create_job("execute_code_task", params)
    repos.jobs.try_claim(
        job.id, f"{socket.gethostname()}:{gone.stdout.strip()}"
    )  # a worker of this host, dead
    claimed = repos.jobs.get_job(job.id)
    assert claimed is not None and claimed.status == JobStatus.RUNNING
    immediate.recover_orphaned_jobs_task()  # the queue keeps no results: what it did shows in the store
    done = repos.jobs.get_job(job.id)
    assert done is not None and done.status == JobStatus.COMPLETED
    assert len(repos.histories.iter_user_histories("periodic")) == 1


def test_progress_lines_are_stored_in_order_and_all_before_the_job_completes(repos: Repositories) -> None:
    """Lines are batched by the heartbeat thread while the job adds more: none lost, none out of order."""
    from algoitny_tui.worker.jobs import JobRunner

    runner = JobRunner.start(repos, "run_tests_task", {}, job_id=None, worker_id="test-worker")
    assert runner is not None
    with runner:
        for i in range(300):
            runner.progress("test", f"line {i}", i / 3, {"i": i})
        runner.complete({"status": "success"})
    lines = repos.jobs.list_progress(runner.job.id)
    assert [(line.seq, line.message, line.detail) for line in lines] == [
        (i, f"line {i}", {"i": i}) for i in range(300)
    ]
    job = repos.jobs.get_job(runner.job.id)
    assert job is not None and job.status == JobStatus.COMPLETED and job.progress_count == 300
