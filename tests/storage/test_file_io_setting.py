"""ProblemRepository.set_file_io on SQLite and on DynamoDB Local: a targeted update of the three fields only."""

from __future__ import annotations

import pytest

from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.file_io import FileIO
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.problem_repository import ProblemNotFound


def test_set_file_io_changes_only_the_files_and_back(repos: Repositories) -> None:
    repos.problems.put_problem(
        Problem(platform="local", problem_number="sum", title="Sum", tags=["math"], statement="x" * 5000),
        [TestCase(test_case_id="1", input="1 2\n", expected_output="3\n")],
    )
    repos.problems.increment_execution_count("local", "sum")
    stored = repos.problems.set_file_io(
        "local", "sum", FileIO("input.txt", "output.txt", input_on_stdin=True)
    )
    assert (stored.input_file, stored.output_file, stored.input_on_stdin) == ("input.txt", "output.txt", True)
    found = repos.problems.get_problem_with_testcases("local", "sum")
    assert found is not None
    problem, tests = found
    assert problem.io == FileIO("input.txt", "output.txt", True)
    assert (problem.title, problem.tags, problem.statement, problem.execution_count) == (
        "Sum",
        ["math"],
        "x" * 5000,
        1,
    )
    assert [t.input for t in tests] == ["1 2\n"]

    back = repos.problems.set_file_io("local", "sum", FileIO())
    assert back.io == FileIO()
    again = repos.problems.get_problem("local", "sum")
    assert again is not None and (again.input_file, again.output_file, again.input_on_stdin) == (
        None,
        None,
        False,
    )


def test_set_file_io_of_a_missing_problem_creates_nothing(repos: Repositories) -> None:
    with pytest.raises(ProblemNotFound):
        repos.problems.set_file_io("local", "nothing", FileIO("input.txt"))
    assert repos.problems.get_problem("local", "nothing") is None


def test_file_io_refuses_paths() -> None:
    for name in ("", "a/b", "..", "x\x00y"):
        with pytest.raises(ValueError):
            FileIO(input_file=name)
