"""The user's own tests are the problem's test case items: they sync between machines like the rest, and a
machine that imports the problem again keeps them, against a real DynamoDB Local."""

from __future__ import annotations

from typing import Any

from tests.sync.conftest import assert_same, problem


def names_and_sources(machine: Any) -> list[tuple[str, str, str | None]]:
    found = machine.repos.problems.get_problem_with_testcases("baekjoon", "1002")
    assert found is not None
    return [(t.test_case_id, t.source, t.expected_output) for t in found[1]]


def test_a_test_added_on_one_machine_reaches_the_other_and_survives_its_reimport(machines: Any) -> None:
    a, b = machines("a"), machines("b")
    a.repos.problems.put_problem(*problem("1002"))
    a.sync()
    b.sync()
    a.repos.problems.add_user_test("baekjoon", "1002", "40 2\n", "42\n")
    assert a.sync().pushed == 2  # the new test case item and the META item that counts it
    b.sync()
    assert names_and_sources(b)[-1] == ("user/1", "user", "42\n")

    # B imports the problem again (its package changed: two tests): the user's test stays, and A sees it so.
    b.repos.problems.put_problem(*problem("1002", tests=2))
    b.repos.problems.update_user_test("baekjoon", "1002", "user/1", expected_output="forty-two\n")
    b.sync()
    a.sync()
    expected = [names_and_sources(b)[0], names_and_sources(b)[1], ("user/1", "user", "forty-two\n")]
    assert names_and_sources(a) == expected and len(expected) == 3
    assert_same(a.remote, a, b)
