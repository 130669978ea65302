"""The user's own tests in the repository, on both tables: added after the problem's tests, changed and deleted
only when they are the user's, and kept (after the new tests) when the problem is imported again."""

from __future__ import annotations

import pytest

from algoitny_tui.domain import TEST_SOURCE_IMPORT, TEST_SOURCE_USER, Problem, TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.problem_repository import NotUserTest, ProblemNotFound, TestNotFound


def imported(names: list[str]) -> tuple[Problem, list[TestCase]]:
    problem = Problem(platform="kattis", problem_number="hello", title="Hello")
    return problem, [
        TestCase(test_case_id=n, input=f"in {n}\n", expected_output=f"out {n}\n", is_sample=i == 0)
        for i, n in enumerate(names)
    ]


def stored_tests(repos: Repositories) -> list[TestCase]:
    found = repos.problems.get_problem_with_testcases("kattis", "hello")
    assert found is not None
    return found[1]


def test_user_tests_are_added_after_the_problems_own_and_change_and_go(repos: Repositories) -> None:
    repos.problems.put_problem(*imported(["sample/1", "secret/1"]))
    first = repos.problems.add_user_test("kattis", "hello", "7 8\n", "15\n")
    second = repos.problems.add_user_test("kattis", "hello", "1 1\n", None, sample=True)
    third = repos.problems.add_user_test("kattis", "hello", "2 2\n", "4\n")
    assert [first.test_case_id, second.test_case_id, third.test_case_id] == ["user/1", "user/2", "user/3"]

    stored = stored_tests(repos)
    assert [(t.test_case_id, t.source, t.is_sample) for t in stored] == [
        ("sample/1", TEST_SOURCE_IMPORT, True),
        ("secret/1", TEST_SOURCE_IMPORT, False),
        ("user/1", TEST_SOURCE_USER, False),
        ("user/2", TEST_SOURCE_USER, True),
        ("user/3", TEST_SOURCE_USER, False),
    ]
    assert stored[3].expected_output is None and stored[2].expected_output == "15\n"

    repos.problems.update_user_test("kattis", "hello", "user/2", expected_output="2\n", sample=False)
    repos.problems.update_user_test("kattis", "hello", "user/1", input="70 80\n")
    by_name = {t.test_case_id: t for t in stored_tests(repos)}
    assert (by_name["user/2"].expected_output, by_name["user/2"].is_sample, by_name["user/2"].input) == (
        "2\n",
        False,
        "1 1\n",
    )
    assert (by_name["user/1"].input, by_name["user/1"].expected_output) == ("70 80\n", "15\n")

    repos.problems.delete_user_test("kattis", "hello", "user/2")
    after = stored_tests(repos)
    assert [t.test_case_id for t in after] == ["sample/1", "secret/1", "user/1", "user/3"]
    assert [t.order for t in after] == [0, 1, 2, 3]
    assert after[3].input == "2 2\n"
    # A name once freed is not reused while a later one exists: user/4 comes next.
    assert repos.problems.add_user_test("kattis", "hello", "", None).test_case_id == "user/4"


def test_imported_tests_and_unknown_names_are_refused_and_nothing_changes(repos: Repositories) -> None:
    repos.problems.put_problem(*imported(["sample/1", "secret/1"]))
    repos.problems.add_user_test("kattis", "hello", "1\n", "1\n")
    before = stored_tests(repos)
    with pytest.raises(NotUserTest, match="secret/1.*came with the problem"):
        repos.problems.update_user_test("kattis", "hello", "secret/1", expected_output="x\n")
    with pytest.raises(NotUserTest):
        repos.problems.delete_user_test("kattis", "hello", "sample/1")
    with pytest.raises(TestNotFound, match="'user/9'.*sample/1, secret/1, user/1"):
        repos.problems.delete_user_test("kattis", "hello", "user/9")
    with pytest.raises(ProblemNotFound):
        repos.problems.add_user_test("kattis", "nope", "1\n", None)
    assert stored_tests(repos) == before


def test_importing_again_keeps_the_users_tests_after_the_new_ones(repos: Repositories) -> None:
    repos.problems.put_problem(*imported(["sample/1", "secret/1", "secret/2"]))
    mine = repos.problems.add_user_test("kattis", "hello", "my input\n", "my answer\n", sample=True)
    repos.problems.add_user_test("kattis", "hello", "no answer\n", None)

    # The package changed: one test fewer, another renamed, and one now named like the user's first test.
    result = repos.problems.store_problem(*imported(["sample/1", "secret/9", "user/1"]))
    assert [t.input for t in result.kept_user_tests] == ["my input\n", "no answer\n"]
    stored = stored_tests(repos)
    assert [t.test_case_id for t in stored] == ["sample/1", "secret/9", "user/1", "user/3", "user/2"]
    assert stored[2].source == TEST_SOURCE_IMPORT and stored[2].input == "in user/1\n"
    kept = stored[3]
    assert (kept.input, kept.expected_output, kept.is_sample, kept.source) == (
        mine.input,
        mine.expected_output,
        True,
        TEST_SOURCE_USER,
    )
    assert stored[4].expected_output is None
    problem = repos.problems.get_problem("kattis", "hello")
    assert problem is not None and problem.test_case_count == 5

    # put_problem (every importer's call) keeps them the same way.
    repos.problems.put_problem(*imported(["sample/1"]))
    assert [t.test_case_id for t in stored_tests(repos)] == ["sample/1", "user/3", "user/2"]


def test_a_large_user_test_shrinks_without_leaving_chunks(repos: Repositories) -> None:
    repos.problems.put_problem(*imported(["sample/1"]))
    big = "".join(
        f"{i * 7919 % 1000003}\n" for i in range(200_000)
    )  # ~1.3 MB: past one item, even compressed
    repos.problems.add_user_test("kattis", "hello", big, None)
    assert stored_tests(repos)[1].input == big
    assert len(list(repos.table.query_all("PROB#kattis#hello"))) > 3  # stored in chunks
    repos.problems.put_problem(
        *imported(["sample/1", "secret/1"])
    )  # imported again: kept whole, after the new
    kept = stored_tests(repos)[2]
    assert (kept.test_case_id, kept.source, kept.input == big) == ("user/1", TEST_SOURCE_USER, True)
    repos.problems.update_user_test("kattis", "hello", "user/1", input="small\n")
    assert stored_tests(repos)[2].input == "small\n"
    items = list(repos.table.query_all("PROB#kattis#hello"))
    assert len(items) == 4, [i["SK"] for i in items]  # META and three tests: the big input's chunks are gone
