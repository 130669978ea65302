"""The repositories behave the same on SQLite and on DynamoDB Local: the seed's operations and what we added."""

from __future__ import annotations

import os
import threading

import pytest

from algoitny_tui.domain import JobStatus, Problem, TestCase
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.history_repository import HistoryNotFound
from algoitny_tui.storage.job_repository import JobStateConflict
from algoitny_tui.storage.problem_repository import ProblemNotFound


def a_plus_b(number: str = "1000", tests: int = 3) -> tuple[Problem, list[TestCase]]:
    problem = Problem(
        platform="baekjoon",
        problem_number=number,
        title="A+B",
        tags=["math", "implementation"],
        legacy_id=int(number),
    )
    cases = [
        TestCase(test_case_id=str(i + 1), input=f"{i} {i}\n", expected_output=f"{2 * i}\n", is_sample=i == 0)
        for i in range(tests)
    ]
    return problem, cases


def test_problem_with_testcases_comes_back_in_order(repos: Repositories) -> None:
    problem, cases = a_plus_b(tests=12)
    repos.problems.put_problem(problem, cases)
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None
    stored, tests = found
    assert stored.title == "A+B" and stored.test_case_count == 12
    assert [t.test_case_id for t in tests] == [str(i + 1) for i in range(12)]
    assert tests[5].input == "5 5\n" and tests[5].expected_output == "10\n"
    assert repos.problems.get_problem("baekjoon", "1000") == stored
    assert repos.problems.get_problem("baekjoon", "9999") is None
    assert repos.problems.get_problem_with_testcases("baekjoon", "9999") is None


def test_replacing_tests_removes_the_old_ones_and_keeps_the_execution_count(repos: Repositories) -> None:
    problem, cases = a_plus_b(tests=5)
    repos.problems.put_problem(problem, cases)
    repos.problems.increment_execution_count("baekjoon", "1000")
    repos.problems.put_problem(problem, cases[:2])
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None
    assert [t.test_case_id for t in found[1]] == ["1", "2"]
    assert found[0].execution_count == 1
    # no stale items left in the partition
    assert len(list(repos.table.query_all("PROB#baekjoon#1000", "TC#"))) == 2


def test_increment_execution_count_is_atomic(repos: Repositories) -> None:
    repos.problems.put_problem(*a_plus_b())

    def bump() -> None:
        for _ in range(10):
            repos.problems.increment_execution_count("baekjoon", "1000")

    threads = [threading.Thread(target=bump) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    problem = repos.problems.get_problem("baekjoon", "1000")
    assert problem is not None and problem.execution_count == 50
    with pytest.raises(ProblemNotFound):
        repos.problems.increment_execution_count("baekjoon", "404")


def test_add_test_cases_appends_and_set_expected_output(repos: Repositories) -> None:
    repos.problems.put_problem(*a_plus_b(tests=2))
    added = repos.problems.add_test_cases("baekjoon", "1000", [TestCase(test_case_id="gen1", input="7 8\n")])
    assert [c.order for c in added] == [2]
    repos.problems.set_expected_output("baekjoon", "1000", 2, "15\n")
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None
    assert [(t.test_case_id, t.expected_output) for t in found[1]][-1] == ("gen1", "15\n")
    assert found[0].test_case_count == 3


def test_list_and_search_problems(repos: Repositories) -> None:
    for number in ("1000", "1001", "2557"):
        repos.problems.put_problem(*a_plus_b(number))
    repos.problems.put_problem(
        Problem(platform="codeforces", problem_number="1850A", title="To My Critics", tags=["greedy"]), []
    )
    listed, cursor = repos.problems.list_problems()
    assert [p.problem_id for p in listed] == [
        "baekjoon#1000",
        "baekjoon#1001",
        "baekjoon#2557",
        "codeforces#1850A",
    ]
    assert cursor is None
    first, cursor = repos.problems.list_problems(limit=2)
    assert len(first) == 2 and cursor is not None
    rest, _ = repos.problems.list_problems(limit=10, cursor=cursor)
    assert [p.problem_id for p in first + rest] == [p.problem_id for p in listed]
    assert [p.problem_id for p in repos.problems.search_problems("critics")] == ["codeforces#1850A"]
    assert len(repos.problems.search_problems("", tag="math")) == 3
    assert [p.problem_id for p in repos.problems.search_problems("2557")] == ["baekjoon#2557"]


def test_legacy_numeric_id_resolves(repos: Repositories) -> None:
    repos.problems.put_problem(*a_plus_b("1000"))
    assert repos.problems.resolve_legacy_id(1000) == ("baekjoon", "1000")
    assert repos.problems.resolve_legacy_id(123) is None


def history(user: str = "me@example.com", code: str = "print(3)") -> SearchHistory:
    return SearchHistory(
        id=0,
        user_identifier=user,
        problem_id="baekjoon#1000",
        platform="baekjoon",
        problem_number="1000",
        language="python",
        code=code,
        result_summary="Failed",
        test_results=[TestResult(test_case_id="1", output="3\n", passed=False, verdict="WA")],
    )


def test_create_get_and_update_hints(repos: Repositories) -> None:
    created = repos.histories.create_history(history())
    assert len(str(created.id)) == 16
    got = repos.histories.load_history(created.id)
    assert got == created
    updated = repos.histories.update_hints(created.id, ["Check the sum.", "Read both numbers."])
    assert updated.hints == ["Check the sum.", "Read both numbers."]
    # targeted: nothing else changed
    assert updated.model_copy(update={"hints": None, "updated_at": created.updated_at}) == created
    item = repos.histories.get_history_item(created.id)
    assert item is not None and item["dat"]["hnt"] == ["Check the sum.", "Read both numbers."]
    with pytest.raises(HistoryNotFound):
        repos.histories.update_hints(1234, ["x"])
    assert repos.histories.load_history(1234) is None


def test_user_history_lists_newest_first_with_paging(repos: Repositories) -> None:
    ids = [repos.histories.create_history(history()).id for _ in range(7)]
    repos.histories.create_history(history(user="someone-else"))
    page1, cursor = repos.histories.list_user_histories("me@example.com", limit=3)
    page2, cursor2 = repos.histories.list_user_histories("me@example.com", limit=3, cursor=cursor)
    page3, cursor3 = repos.histories.list_user_histories("me@example.com", limit=3, cursor=cursor2)
    listed = [h.id for h in page1 + page2 + page3]
    assert listed == sorted(ids, reverse=True)
    assert [h.id for h in repos.histories.iter_user_histories("me@example.com", page_size=2)] == listed


def test_latest_for_problem_is_the_newest_of_exactly_that_problem(repos: Repositories) -> None:
    def of(problem_number: str, code: str, user: str = "me@example.com") -> SearchHistory:
        h = history(user=user, code=code)
        return h.model_copy(
            update={"problem_id": f"baekjoon#{problem_number}", "problem_number": problem_number}
        )

    create = repos.histories.create_history
    create(of("1000", "old"))
    wanted = create(of("1000", "newest of 1000"))
    create(of("10000", "a problem whose id contains 1000"))  # newer, and matched by the list's filter
    create(of("1000", "someone else's", user="other"))
    for _ in range(25):  # more than a page of other problems after it
        create(of("2000", "elsewhere"))
    found = repos.histories.latest_for_problem("me@example.com", "baekjoon#1000")
    assert found is not None and (found.id, found.code) == (wanted.id, "newest of 1000")
    assert repos.histories.latest_for_problem("me@example.com", "baekjoon#3000") is None
    assert repos.histories.latest_for_problem("nobody", "baekjoon#1000") is None


def test_histories_racing_in_one_microsecond_all_get_distinct_ids(repos: Repositories) -> None:
    """Many writers whose clocks say the same microsecond: every history is stored, each under its own id."""
    from algoitny_tui.storage.history_repository import SearchHistoryRepository
    from algoitny_tui.storage.ids import MicrosecondIds

    frozen = 1_764_000_000_000_000 * 1000  # every writer's clock says the same microsecond
    writers = [SearchHistoryRepository(repos.table, MicrosecondIds(clock=lambda: frozen)) for _ in range(8)]
    results: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(writers))

    def write(repo: SearchHistoryRepository) -> None:
        barrier.wait()
        for _ in range(5):
            stored = repo.create_history(history())
            with lock:
                results.append(stored.id)

    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 40 and len(set(results)) == 40
    stored = repos.histories.iter_user_histories("me@example.com")
    assert sorted(h.id for h in stored) == sorted(results)


def test_jobs_status_progress_and_stuck(repos: Repositories) -> None:
    job = repos.jobs.create_job("extract_problem_info_task", {"path": "page.html"}, user_identifier="me")
    assert repos.jobs.get_job(job.id) == job
    claimed = repos.jobs.try_claim(job.id, "worker-1")
    assert claimed is not None and claimed.status == JobStatus.RUNNING and claimed.attempts == 1
    assert repos.jobs.try_claim(job.id, "worker-2") is None  # only one worker gets it
    repos.jobs.add_progress(job.id, "parse", "reading the page", 10)
    repos.jobs.add_progress(job.id, "store", "saving", 90)
    assert [(p.seq, p.step) for p in repos.jobs.list_progress(job.id)] == [(0, "parse"), (1, "store")]
    # A poller that has seen the first line reads only the rest.
    assert [p.step for p in repos.jobs.list_progress(job.id, first_seq=1)] == ["store"]
    assert repos.jobs.list_progress(job.id, first_seq=2) == []
    now = repos.jobs.get_job(job.id).heartbeat_at  # type: ignore[union-attr]
    assert [j.id for j in repos.jobs.list_stuck_jobs(60, now=now + 61)] == [job.id]
    assert repos.jobs.list_stuck_jobs(60, now=now + 30) == []
    done = repos.jobs.set_status(
        job.id, JobStatus.COMPLETED, expected=[JobStatus.RUNNING], result={"ok": True}
    )
    assert done.status == JobStatus.COMPLETED and done.result == {"ok": True}
    with pytest.raises(JobStateConflict):
        repos.jobs.set_status(job.id, JobStatus.FAILED, expected=[JobStatus.RUNNING])
    assert [j.id for j in repos.jobs.list_jobs(JobStatus.COMPLETED)] == [job.id]
    assert repos.jobs.list_stuck_jobs(60, now=now + 1000) == []
    assert repos.jobs.delete_job(job.id)
    assert repos.jobs.get_job(job.id) is None and repos.jobs.list_progress(job.id) == []


def test_large_values_never_fail_and_are_never_cut(repos: Repositories) -> None:
    """Random (incompressible) data far over 400 KB: the code and the test data come back whole."""
    code = os.urandom(450_000).hex()  # 900 KB of text that compresses only ~2x
    created = repos.histories.create_history(history(code=code))
    assert repos.histories.load_history(created.id).code == code  # type: ignore[union-attr]
    updated = repos.histories.update_hints(created.id, ["hint"])
    assert updated.code == code and updated.hints == ["hint"]
    listed, _ = repos.histories.list_user_histories("me@example.com")
    assert listed[0].code == code

    big_input = os.urandom(700_000).hex()
    problem, cases = a_plus_b(tests=2)
    cases.append(TestCase(test_case_id="big", input=big_input, expected_output=big_input[:1000]))
    repos.problems.put_problem(problem, cases)
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None and found[1][-1].input == big_input
    repos.problems.set_expected_output("baekjoon", "1000", 2, big_input)
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None and found[1][-1].expected_output == big_input


def test_huge_outputs_are_cut_and_say_so_while_the_code_is_kept(repos: Repositories) -> None:
    code = os.urandom(300_000).hex()
    results = [
        TestResult(test_case_id=str(i), output=os.urandom(500_000).hex(), passed=False, verdict="WA")
        for i in range(20)
    ]
    small = TestResult(test_case_id="small", output="42\n", passed=True, verdict="AC")
    created = repos.histories.create_history(
        SearchHistory(id=0, user_identifier="me", code=code, test_results=[small, *results])
    )
    got = repos.histories.load_history(created.id)
    assert got is not None and got.code == code
    assert got.test_results[0].output == "42\n" and not got.test_results[0].output_truncated
    cut = got.test_results[1]
    assert cut.output_truncated and "output cut to" in cut.message and "1000000 characters" in cut.message
    assert results[0].output.startswith(cut.output) and cut.output


def test_progress_after_a_point_reads_every_later_line_across_pages(repos: Repositories) -> None:
    """More lines than one DynamoDB page holds (1 MB): the incremental read follows the pages to the end."""
    job = repos.jobs.create_job("stress_test_task", {}, user_identifier="me")
    for i in range(50):  # ~30 KB each after compression: random text
        repos.jobs.add_progress(job.id, "round", f"{i} {os.urandom(30_000).hex()}", None, {"round": i})
    lines = repos.jobs.list_progress(job.id, first_seq=3)
    assert [p.detail["round"] for p in lines] == list(range(3, 50))
