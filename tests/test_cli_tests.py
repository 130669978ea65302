"""`algoitny tests ...` run as a user runs them (a real process): list, add, edit, delete, run with the real judge,
generate-answers through a real worker, bad input refused with exit 2 and nothing changed, and a re-import that
keeps the user's tests."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.storage.factory import open_repositories
from tests.processes import ConsumerProcess
from tests.test_cli_store import algoitny

A_PLUS_B = "print(sum(map(int, input().split())))\n"
WRONG = "print(0)\n"


@pytest.fixture
def problem() -> str:
    """A+B with two imported tests and a reference solution."""
    repos = open_repositories(load_settings())
    try:
        repos.problems.put_problem(
            Problem(
                platform="baekjoon",
                problem_number="1000",
                title="A+B",
                reference_solution=base64.b64encode(A_PLUS_B.encode()).decode(),
                reference_language="python3",
            ),
            [
                TestCase(test_case_id="sample/1", input="1 2\n", expected_output="3\n", is_sample=True),
                TestCase(test_case_id="secret/1", input="5 5\n", expected_output="10\n"),
            ],
        )
    finally:
        repos.close()
    return "baekjoon#1000"


def stored_tests(problem_id: str) -> list[TestCase]:
    repos = open_repositories(load_settings())
    try:
        found = repos.problems.get_problem_with_testcases(*problem_id.split("#"))
        assert found is not None
        return found[1]
    finally:
        repos.close()


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


def ok_json(*args: str) -> dict:
    done = algoitny(*args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def refused(*args: str, says: str) -> None:
    done = algoitny(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.startswith("algoitny: ") and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_add_list_edit_delete_your_own_tests(problem: str, tmp_path: Path) -> None:
    listed = ok_json("tests", "list", problem, "--json")
    assert listed == {
        "tests": [
            {"name": "sample/1", "sample": True, "source": "import", "answer": True},
            {"name": "secret/1", "sample": False, "source": "import", "answer": True},
        ]
    }

    added = ok_json(
        "tests",
        "add",
        problem,
        "--input",
        write(tmp_path, "in1", "40 2\n"),
        "--answer",
        write(tmp_path, "ans1", "42\n"),
        "--sample",
        "--json",
    )
    assert added == {"test": {"name": "user/1", "sample": True, "source": "user", "answer": True}}
    plain = algoitny("tests", "add", problem, "--input", write(tmp_path, "in2", "100 23\n"))
    assert plain.returncode == 0 and plain.stdout.strip() == "added user/2 (no answer yet)", plain

    mine = stored_tests(problem)[2:]
    assert [(t.test_case_id, t.input, t.expected_output, t.is_sample, t.source) for t in mine] == [
        ("user/1", "40 2\n", "42\n", True, "user"),
        ("user/2", "100 23\n", None, False, "user"),
    ]

    edited = ok_json(
        "tests", "edit", problem, "user/2", "--answer", write(tmp_path, "ans2", "123\n"), "--sample", "--json"
    )
    assert edited == {"test": {"name": "user/2", "sample": True, "source": "user", "answer": True}}
    ok_json("tests", "edit", problem, "user/1", "--no-sample", "--no-answer", "--json")
    by_name = {t.test_case_id: t for t in stored_tests(problem)}
    assert (by_name["user/2"].expected_output, by_name["user/2"].input) == ("123\n", "100 23\n")
    assert (by_name["user/1"].expected_output, by_name["user/1"].is_sample) == (None, False)

    assert ok_json("tests", "delete", problem, "user/1", "--json") == {"deleted": "user/1"}
    names = [t["name"] for t in ok_json("tests", "list", problem, "--json")["tests"]]
    assert names == ["sample/1", "secret/1", "user/2"]


def test_bad_input_exits_2_saying_what_and_changes_nothing(problem: str, tmp_path: Path) -> None:
    good = write(tmp_path, "in", "1 1\n")
    algoitny("tests", "add", problem, "--input", good)
    before = stored_tests(problem)
    refused("tests", "list", "baekjoon1000", says="not of the form platform#number")
    refused("tests", "list", "baekjoon#9999", "--json", says="problem baekjoon#9999 is not stored")
    refused(
        "tests", "add", problem, "--input", str(tmp_path / "missing.txt"), says="missing.txt: no such file"
    )
    refused(
        "tests",
        "add",
        problem,
        "--input",
        good,
        "--answer",
        write(tmp_path, "bin", b"\xff\xfe1\n"),
        says="answer " + str(tmp_path / "bin") + ": not UTF-8 text (byte 0)",
    )
    refused("tests", "add", problem, "--input", str(tmp_path), says="is a directory")
    refused(
        "tests", "edit", problem, "secret/1", "--answer", good, says="'secret/1' of baekjoon#1000 came with"
    )
    refused("tests", "delete", problem, "sample/1", says="came with the problem")
    refused(
        "tests",
        "delete",
        problem,
        "user/7",
        says="no test named 'user/7' (its tests: sample/1, secret/1, user/1)",
    )
    refused("tests", "edit", problem, "user/1", says="nothing to change")
    refused(
        "tests",
        "run",
        problem,
        write(tmp_path, "a.py", A_PLUS_B),
        "--test",
        "nope",
        says="no test named 'nope'",
    )
    refused("tests", "run", problem, str(tmp_path / "none.py"), says="none.py: no such file")
    refused("tests", "generate-answers", "baekjoon#9999", says="not stored")
    bad_choice = algoitny("tests", "rename", problem)
    assert bad_choice.returncode == 2 and "invalid choice: 'rename'" in bad_choice.stderr
    assert stored_tests(problem) == before


def test_run_judges_one_test_or_all_with_the_real_judge(problem: str, tmp_path: Path) -> None:
    algoitny(
        "tests",
        "add",
        problem,
        "--input",
        write(tmp_path, "in", "7 8\n"),
        "--answer",
        write(tmp_path, "ans", "15\n"),
    )
    good, wrong = write(tmp_path, "good.py", A_PLUS_B), write(tmp_path, "wrong.py", WRONG)

    one = algoitny("tests", "run", problem, wrong, "--test", "user/1", "--json")
    assert one.returncode == 1, one.stderr
    report = json.loads(one.stdout)
    assert [(t["name"], t["verdict"]) for t in report["tests"]] == [("user/1", "WA")]
    assert report["verdict"] == "WA"

    every = algoitny("tests", "run", problem, good, "--json")
    assert every.returncode == 0, every.stderr
    verdicts = {t["name"]: t["verdict"] for t in json.loads(every.stdout)["tests"]}
    assert verdicts == {"sample/1": "AC", "secret/1": "AC", "user/1": "AC"}


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[ConsumerProcess]:
    process = ConsumerProcess(dict(os.environ), tmp_path / "worker.log")
    process.wait_alive(load_settings())
    yield process
    process.stop()


@pytest.mark.slow
def test_generate_answers_fills_only_the_missing_ones_from_the_reference_or_a_given_solution(
    problem: str, tmp_path: Path, worker: ConsumerProcess
) -> None:
    for i, text in enumerate(["20 22\n", "1000000 1\n"]):
        algoitny("tests", "add", problem, "--input", write(tmp_path, f"in{i}", text))
    algoitny(
        "tests",
        "add",
        problem,
        "--input",
        write(tmp_path, "in9", "2 2\n"),
        "--answer",
        write(tmp_path, "ans9", "kept as it is\n"),
    )

    done = ok_json("tests", "generate-answers", problem, "--json")
    assert (done["status"], done["generated"], done["generated_tests"], done["failed"]) == (
        "completed",
        2,
        ["user/1", "user/2"],
        [],
    )
    answers = {t.test_case_id: t.expected_output for t in stored_tests(problem)}
    assert answers == {
        "sample/1": "3\n",
        "secret/1": "10\n",
        "user/1": "42\n",
        "user/2": "1000001\n",
        "user/3": "kept as it is\n",
    }

    again = ok_json("tests", "generate-answers", problem, "--json")
    assert again["generated"] == 0 and again["job_id"] is None

    # With --solution, that program answers (here one that doubles the sum, so its answers are told apart).
    ok_json("tests", "edit", problem, "user/1", "--no-answer", "--json")
    doubled = write(tmp_path, "doubled.py", "print(2 * sum(map(int, input().split())))\n")
    text = algoitny("tests", "generate-answers", problem, "--solution", doubled)
    assert text.returncode == 0, text.stderr
    assert "1 answers generated" in text.stdout and "running the given solution (python3)" in text.stderr
    assert {t.test_case_id: t.expected_output for t in stored_tests(problem)}["user/1"] == "84\n"

    # A solution that fails leaves the test without an answer and exits 1, naming the test.
    ok_json("tests", "edit", problem, "user/2", "--no-answer", "--json")
    crash = write(tmp_path, "crash.py", "raise SystemExit(3)\n")
    failed = algoitny("tests", "generate-answers", problem, "--solution", crash, "--json")
    assert failed.returncode == 1, failed.stderr
    assert "the given solution failed on all 1 inputs (first, user/2" in failed.stderr
    assert {t.test_case_id: t.expected_output for t in stored_tests(problem)}["user/2"] is None


def test_generate_answers_without_a_reference_solution_asks_for_one(tmp_path: Path) -> None:
    repos = open_repositories(load_settings())
    try:
        repos.problems.put_problem(
            Problem(platform="kattis", problem_number="hello"), [TestCase(test_case_id="1", input="x\n")]
        )
    finally:
        repos.close()
    refused(
        "tests", "generate-answers", "kattis#hello", says="has no reference solution: pass --solution FILE"
    )
    refused(
        "tests",
        "generate-answers",
        "kattis#hello",
        "--solution",
        write(tmp_path, "s.txt", "x"),
        says="pass --language",
    )
    huge = write(tmp_path, "huge.py", "# " + "x" * 300_000 + "\n")
    refused(
        "tests",
        "generate-answers",
        "kattis#hello",
        "--solution",
        huge,
        says="the limit for a solution is 256 KB",
    )


def test_importing_again_keeps_your_tests_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "hello"
    folder.mkdir()
    (folder / "1.in").write_text("1\n")
    (folder / "1.out").write_text("1\n")
    first = ok_json("import", str(folder), "--json")
    problem_id = first["problems"][0]["id"]
    assert first["problems"][0]["kept_user_tests"] == 0
    ok_json("tests", "add", problem_id, "--input", write(tmp_path, "mine", "my input\n"), "--json")

    (folder / "2.in").write_text("2\n")
    (folder / "2.out").write_text("2\n")
    again = algoitny("import", str(folder))
    assert again.returncode == 0, again.stderr
    assert "(3 tests, 1 of them your own, kept)" in again.stdout
    tests = ok_json("tests", "list", problem_id, "--json")["tests"]
    assert [(t["source"], t["answer"]) for t in tests] == [
        ("import", True),
        ("import", True),
        ("user", False),
    ]
    assert stored_tests(problem_id)[2].input == "my input\n"
