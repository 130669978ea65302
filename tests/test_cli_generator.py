"""`algoitny generator` (a generator for a stored problem; --add-tests through generate_script_task) and
`algoitny import PAGE` for a page layout the local parsers do not know (Gemini through extract_problem_info_task,
run by a real huey consumer; without a key, exit 2 naming the known layouts)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.problems import load_any
from algoitny_tui.problems.input_shape import check_input, classify
from algoitny_tui.storage.factory import open_repositories
from tests.gemini_server import FakeGemini
from tests.processes import ConsumerProcess

FIXTURES = Path(__file__).parent / "problems" / "fixtures"
PACK = (
    Path(__file__).resolve().parents[1]
    / "algoitny_tui"
    / "problems"
    / "builtin"
    / "pack"
    / "0022-island-count"
)
GRID = "algoitny#0022"


@pytest.fixture(autouse=True)
def island_count() -> None:
    """The pack's grid problem, stored with its accepted Python solution as the reference (installing the whole
    pack takes a minute on a loaded machine)."""
    [(problem, tests)] = load_any(PACK)
    source = (PACK / "submissions" / "accepted" / "sol.py").read_bytes()
    problem = replace(
        problem,
        **{
            "platform": "algoitny",
            "problem_number": "0022",
            "reference_solution": base64.b64encode(source).decode(),
            "reference_language": "python3",
        },
    )
    repos = open_repositories(load_settings())
    try:
        repos.problems.put_problem(problem, tests)
    finally:
        repos.close()


def algoitny(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=timeout,
    )


def stored(problem_id: str) -> tuple:
    repos = open_repositories(load_settings())
    try:
        platform, number = problem_id.split("#")
        found = repos.problems.get_problem_with_testcases(platform, number)
        assert found is not None
        return found
    finally:
        repos.close()


def test_generator_prints_a_template_whose_output_is_an_input_of_the_problem(tmp_path: Path) -> None:
    result = algoitny("generator", GRID)
    assert result.returncode == 0, result.stderr
    assert "template generator in python3" in result.stderr and "grid (first line: H W)" in result.stderr
    problem, _ = stored(GRID)
    for seed in ("1", "8"):
        out = subprocess.run(
            [sys.executable, "-c", result.stdout, seed], capture_output=True, text=True, check=True
        )
        assert check_input(classify(problem), out.stdout) is None, out.stdout


def test_generator_json_and_out_never_overwrite_a_file(tmp_path: Path) -> None:
    target = tmp_path / "gen.cpp"
    result = algoitny("generator", GRID, "--language", "c++", "--out", str(target), "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["problem_id"], shown["language"], shown["origin"], shown["path"]) == (
        GRID,
        "cpp",
        "template",
        str(target),
    )
    assert shown["shape"] == "grid (first line: H W)" and "no Gemini key" in shown["note"]
    assert target.read_text() == shown["source"] and "int main" in shown["source"]
    target.write_text("my own generator\n")
    again = algoitny("generator", GRID, "--out", str(target))
    assert again.returncode == 2 and "exists; it is not overwritten" in again.stderr
    assert target.read_text() == "my own generator\n"


def test_generator_with_a_key_offers_geminis_draft_after_running_it_once(gemini: FakeGemini) -> None:
    code = "import random, sys\nrandom.seed(int(sys.argv[1]))\nprint(2, 3)\nprint('#.#')\nprint('..#')\n"
    gemini.script((200, json.dumps({"code": code})))
    result = algoitny("generator", GRID, "--json")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["origin"], shown["language"], shown["source"]) == ("gemini", "python3", code)
    assert shown["sample_input"] == "2 3\n#.#\n..#\n"  # what it printed for seed 1, in the sandbox
    assert "Counting Islands" in gemini.requests[0].prompt


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((GRID, "--language", "cobol"), "--language: unknown language 'cobol'"),
        (("algoitny#9999",), "problem algoitny#9999 is not stored"),
        (("no-hash",), "no-hash"),
        ((GRID, "--add-tests", "0"), "--add-tests: give a number from 1 to 1000"),
        ((GRID, "--from", "gen.py"), "--from GEN goes with --add-tests N"),
        (
            (GRID, "--add-tests", "2", "--from", "/nonexistent/gen.py"),
            "--from: /nonexistent/gen.py: no such file",
        ),
    ],
)
def test_generator_bad_input_exits_2_saying_what_is_wrong(args: tuple[str, ...], message: str) -> None:
    result = algoitny("generator", *args)
    assert result.returncode == 2, result
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_add_tests_runs_the_generator_in_a_worker_and_stores_inputs_with_answers(tmp_path: Path) -> None:
    """generate_script_task from the command line: a worker is started for --wait; the reference solution answers."""
    _, before = stored(GRID)
    result = algoitny("generator", GRID, "--add-tests", "3", "--wait", "--json", timeout=300)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["status"] == "completed" and shown["result"]["inputs"] == 3
    assert shown["generator"]["origin"] == "template"
    problem, after = stored(GRID)
    added = [t for t in after if t.test_case_id in shown["result"]["test_case_ids"]]
    assert len(after) == len(before) + 3 and len(added) == 3
    for test in added:
        assert check_input(classify(problem), test.input) is None
        assert test.expected_output  # answered by the pack's reference solution


# --- import PAGE of an unknown layout --------------------------------------------------------------------------


def test_an_unknown_page_without_a_key_stores_nothing_and_names_the_known_layouts() -> None:
    result = algoitny(
        "import", str(FIXTURES / "codeforces_1850A.html"), str(FIXTURES / "unknown_layout.html")
    )
    assert result.returncode == 2
    assert "page layout not recognised" in result.stderr
    assert "the known layouts: Baekjoon, Codeforces and AtCoder problem pages" in result.stderr
    assert "no Gemini key is set" in result.stderr and "Traceback" not in result.stderr
    repos = open_repositories(load_settings())
    try:
        assert repos.problems.get_problem("codeforces", "1850A") is None  # read first: nothing half-imported
    finally:
        repos.close()


@pytest.fixture
def consumer(gemini: FakeGemini, tmp_path: Path) -> Iterator[ConsumerProcess]:
    """A real worker that sees the fake Gemini (the gemini fixture put its key and endpoint in the environment)."""
    worker = ConsumerProcess(dict(os.environ), tmp_path / "worker.log")
    worker.wait_alive(load_settings())
    yield worker
    worker.stop()


@pytest.mark.slow
def test_an_unknown_page_with_a_key_is_read_by_gemini_in_a_worker(
    gemini: FakeGemini, consumer: ConsumerProcess, tmp_path: Path
) -> None:
    gemini.script(
        (
            200,
            json.dumps(
                {
                    "platform": "blog",
                    "problem_number": "",
                    "title": "A+B",
                    "time_limit_ms": 1000,
                    "memory_limit_mb": None,
                    "statement": "Read two numbers.",
                    "input_format": "Two integers.",
                    "output_format": "",
                    "samples": [{"input": "1 2", "output": "3"}],
                }
            ),
        )
    )
    result = algoitny("import", str(FIXTURES / "unknown_layout.html"), timeout=300)
    assert result.returncode == 0, result.stderr + consumer.log.read_text()
    lines = result.stdout.splitlines()
    assert "a page layout the local parsers do not know: Gemini reads it" in lines[0]
    progress = [line.split(":")[0].split()[-1] for line in lines[1:-1]]
    assert progress == ["read", "parse", "gemini", "parse", "store"]  # the job's progress history, in order
    assert lines[-1] == "imported blog#a-b: A+B (1 tests, read by Gemini)"
    problem, tests = stored("blog#a-b")
    assert problem.title == "A+B" and [(t.input, t.expected_output) for t in tests] == [("1 2\n", "3\n")]
    assert "My blog: solving A+B" in gemini.requests[0].prompt

    gemini.script((200, "not json at all"))
    failed = algoitny("import", str(FIXTURES / "unknown_layout.html"), "--json", timeout=300)
    assert failed.returncode == 1
    [row] = json.loads(failed.stdout)["problems"]
    assert "Gemini's answer is not JSON" in row["error"] and "not imported" in failed.stderr
