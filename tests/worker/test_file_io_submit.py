"""The worker path honours a problem's file I/O: `algoitny submit --wait` judged by a real consumer process, and the
answers generate_outputs_task makes with a reference solution that writes its output file."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus, Problem, TestCase
from algoitny_tui.file_io import FileIO
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import enqueue_job, wait_for_job
from tests.worker.test_end_to_end import algoitny

READS_FILES = (
    "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(f'{a + b}\\n')\n"
)
READS_STDIN = "print(sum(map(int, input().split())))\n"


def test_submit_is_judged_with_the_problems_files(
    repos: Repositories, start_consumer: Any, tmp_path: Path
) -> None:
    repos.problems.set_file_io("baekjoon", "1000", FileIO("input.txt", "output.txt"))
    start_consumer(wait_alive=load_settings())
    files, stdio = tmp_path / "files.py", tmp_path / "stdio.py"
    files.write_text(READS_FILES)
    stdio.write_text(READS_STDIN)
    result = algoitny("submit", "baekjoon#1000", str(files), "--wait", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    history = json.loads(result.stdout)
    assert history["verdict"] == "AC" and history["passed_count"] == 5
    assert history["test_results"][1]["output"] == "3\n"  # what the program wrote to output.txt
    result = algoitny("submit", "baekjoon#1000", str(stdio), "--wait", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["verdict"] == "RE"  # standard input is empty: input() meets EOF


def test_answers_are_generated_from_the_reference_solutions_output_file(
    repos: Repositories, start_consumer: Any
) -> None:
    settings = load_settings()
    problem = Problem(
        platform="local",
        problem_number="gen",
        title="generated answers",
        reference_solution=base64.b64encode(READS_FILES.encode()).decode(),
        reference_language="python3",
        input_file="input.txt",
        output_file="output.txt",
    )
    repos.problems.put_problem(problem, [TestCase(test_case_id=str(i), input=f"{i} {i}\n") for i in range(3)])
    start_consumer(wait_alive=settings)
    job = enqueue_job(
        settings, repos, "generate_outputs_task", {"platform": "local", "problem_identifier": "gen"}
    )
    done = wait_for_job(repos, job.id, timeout_s=90)
    assert done.status == JobStatus.COMPLETED, done.error
    found = repos.problems.get_problem_with_testcases("local", "gen")
    assert found is not None
    assert [t.expected_output for t in found[1]] == ["0\n", "2\n", "4\n"]
