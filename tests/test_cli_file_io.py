"""`algoitny problems set-io`: a stored problem made a file I/O problem from the command line (a real process), then
judged from the store with a real compiler; bad names and ids exit 2 and change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.file_io import FileIO
from algoitny_tui.storage.factory import open_repositories
from tests.test_cli_store import algoitny

CPP_FREOPEN = (
    '#include <cstdio>\nint main(){ freopen("sum.in","r",stdin); freopen("sum.out","w",stdout);\n'
    '  long long a,b; scanf("%lld %lld",&a,&b); printf("%lld\\n",a+b); }\n'
)


@pytest.fixture
def stored() -> Problem:
    repos = open_repositories(load_settings())
    try:
        return repos.problems.put_problem(
            Problem(platform="local", problem_number="sum", title="Sum", tags=["math"]),
            [
                TestCase(test_case_id="1", input="1 2\n", expected_output="3\n", is_sample=True),
                TestCase(test_case_id="2", input="5 5\n", expected_output="10\n"),
            ],
        )
    finally:
        repos.close()


def stored_problem() -> Problem:
    repos = open_repositories(load_settings())
    try:
        problem = repos.problems.get_problem("local", "sum")
        assert problem is not None
        return problem
    finally:
        repos.close()


def test_set_io_then_judge_from_the_store(stored: Problem, tmp_path: Path) -> None:
    result = algoitny(
        "problems", "set-io", "local#sum", "--input-file", "sum.in", "--output-file", "sum.out", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "id": "local#sum",
        "input_file": "sum.in",
        "output_file": "sum.out",
        "input_on_stdin": False,
    }
    problem = stored_problem()
    assert (problem.input_file, problem.output_file) == ("sum.in", "sum.out")
    assert (
        problem.title == "Sum" and problem.tags == ["math"] and problem.test_case_count == 2
    )  # nothing else
    shown = algoitny("problems", "show", "local#sum")
    assert "file I/O: the program reads sum.in, writes sum.out" in shown.stdout
    solution = tmp_path / "sol.cpp"
    solution.write_text(CPP_FREOPEN)
    judged = algoitny("judge", "local#sum", str(solution), "--json")
    assert judged.returncode == 0, judged.stdout + judged.stderr
    assert json.loads(judged.stdout)["verdict"] == "AC"

    # back to standard I/O, one side at a time: what is not given stays
    assert algoitny("problems", "set-io", "local#sum", "--stdout").returncode == 0
    assert (stored_problem().input_file, stored_problem().output_file) == ("sum.in", None)
    result = algoitny("problems", "set-io", "local#sum", "--stdin")
    assert (
        result.returncode == 0
        and result.stdout.strip() == "local#sum: reads standard input, writes standard output"
    )
    assert algoitny("judge", "local#sum", str(solution)).returncode == 1  # the same program now reads no file


def test_input_on_stdin_flag(stored: Problem) -> None:
    result = algoitny("problems", "set-io", "local#sum", "--input-file", "input.txt", "--input-on-stdin")
    assert result.returncode == 0, result.stderr
    assert "reads input.txt (and standard input)" in result.stdout
    assert stored_problem().input_on_stdin is True
    assert algoitny("problems", "set-io", "local#sum", "--no-input-on-stdin").returncode == 0
    assert stored_problem().input_on_stdin is False


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--input-file", "../input.txt"], "--input-file '../input.txt' is not allowed"),
        (["--output-file", "out/put.txt"], "--output-file 'out/put.txt' is not allowed"),
        (["--output-file", ".."], "names a directory"),
        (["--input-file", "a\x01b"], "is not allowed"),
        (["--input-file", ""], "--input-file is empty"),
        (["--input-on-stdin"], "needs an input file"),
    ],
)
def test_bad_settings_exit_2_and_change_nothing(stored: Problem, args: list[str], words: str) -> None:
    repos = open_repositories(load_settings())
    try:  # the repository's own API, as the app uses it
        repos.problems.set_file_io("local", "sum", FileIO(output_file="keep.txt"))
    finally:
        repos.close()
    result = algoitny("problems", "set-io", "local#sum", *args)
    assert result.returncode == 2
    assert (
        result.stderr.startswith("algoitny: ") and words in result.stderr and "Traceback" not in result.stderr
    )
    problem = stored_problem()
    assert (problem.input_file, problem.output_file, problem.input_on_stdin) == (None, "keep.txt", False)


def test_unknown_or_missing_problem_exit_2() -> None:
    result = algoitny("problems", "set-io", "local#nothing", "--input-file", "input.txt")
    assert result.returncode == 2 and "local#nothing is not stored" in result.stderr
    result = algoitny("problems", "set-io")
    assert result.returncode == 2 and "needs a problem id" in result.stderr


def test_judge_a_test_folder_as_a_file_io_problem(tmp_path: Path) -> None:
    # a folder of tests says nothing about files: --input-file / --output-file say it for one run
    folder = tmp_path / "sums"
    folder.mkdir()
    (folder / "a.in").write_text("1 2\n")
    (folder / "a.out").write_text("3\n")
    solution = tmp_path / "sol.cpp"
    solution.write_text(CPP_FREOPEN)
    assert algoitny("judge", str(folder), str(solution)).returncode == 1  # standard I/O: it reads no sum.in
    judged = algoitny(
        "judge", str(folder), str(solution), "--input-file", "sum.in", "--output-file", "sum.out"
    )
    assert judged.returncode == 0, judged.stdout + judged.stderr
    bad = algoitny("judge", str(folder), str(solution), "--output-file", "../sum.out")
    assert bad.returncode == 2 and bad.stderr.startswith(
        "algoitny: --output-file '../sum.out' is not allowed"
    )
