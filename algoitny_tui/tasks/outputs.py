"""Answers from the reference solution: the library under `generate_outputs_task` (and `generate_script_task`).

Safe to run again: each run fills only the tests still without an answer, and an answer once stored is the
reference's output for that input, whichever run wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from algoitny_tui.codec import decode_solution
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.progress import Progress


@dataclass
class OutputsReport:
    generated: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    """{"test", "verdict", "message"} per input the reference could not answer (left without output)."""

    def as_result(self) -> dict[str, Any]:
        return {"generated": len(self.generated), "generated_tests": self.generated, "failed": self.failed}


def reference_of(problem: Problem) -> tuple[str, str]:
    source = decode_solution(problem.reference_solution)
    if not source:
        raise PermanentTaskError(
            f"problem {problem.problem_id} has no reference solution to make outputs with"
        )
    return source, problem.reference_language or "python3"


def load_problem(repos: Repositories, platform: str, number: str) -> tuple[Problem, list[TestCase]]:
    found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise PermanentTaskError(f"problem {platform}#{number} is not stored")
    return found


def fill_expected_outputs(
    repos: Repositories,
    problem: Problem,
    tests: Sequence[TestCase],
    progress: Progress,
    *,
    solution: tuple[str, str] | None = None,
    cache_dir: Path | None = None,
    languages: Any = None,
) -> OutputsReport:
    """Run the reference (or `solution`: source, language) on each test without an expected output and store what it
    prints.

    A run that fails (RE, TLE, ...) leaves that test without output and says why; the others go on."""
    from algoitny_tui.judge import ProgramRunner  # the judge loads only in the worker

    todo = [t for t in tests if t.expected_output is None]
    report = OutputsReport()
    if not todo:
        progress("outputs", "every test already has an expected output", 100.0, None)
        return report
    source, language = solution or reference_of(problem)
    who = "the given solution" if solution else "the reference solution"
    with ProgramRunner(cache_dir=cache_dir, languages=languages) as runner:
        program = runner.prepare(source, language)
        if program.artifact is None:
            raise PermanentTaskError(f"{who} ({language}) does not compile: {program.compile.message[:1000]}")
        progress("outputs", f"running {who} ({language}) on {len(todo)} inputs", 0.0, None)
        for done, test in enumerate(todo, 1):
            run = runner.run(
                program, test.input.encode("utf-8", "surrogateescape"), problem.limits, io=problem.io
            )
            percent = 100.0 * done / len(todo)
            detail = {"test": test.test_case_id, "verdict": str(run.verdict), "time_ms": run.time_ms}
            if run.ok:
                repos.problems.set_expected_output(
                    problem.platform,
                    problem.problem_number,
                    test.order,
                    run.stdout.decode("utf-8", "replace"),
                )
                report.generated.append(test.test_case_id)
                progress(
                    "output",
                    f"{test.test_case_id}: {len(run.stdout)} bytes in {run.time_ms} ms",
                    percent,
                    detail,
                )
            else:
                message = f"{who} failed: {run.verdict} {run.message}".strip()
                report.failed.append(
                    {"test": test.test_case_id, "verdict": str(run.verdict), "message": message}
                )
                progress(
                    "failed",
                    f"{test.test_case_id}: {message}; left without output",
                    percent,
                    detail | {"message": message},
                )
    return report


def generate_outputs(
    repos: Repositories,
    platform: str,
    number: str,
    progress: Progress,
    *,
    solution: tuple[str, str] | None = None,
    cache_dir: Path | None = None,
    languages: Any = None,
) -> dict[str, Any]:
    """The task's result; fails for good when the reference answered none of the inputs."""
    problem, tests = load_problem(repos, platform, number)
    report = fill_expected_outputs(
        repos, problem, tests, progress, solution=solution, cache_dir=cache_dir, languages=languages
    )
    if report.failed and not report.generated:
        first = report.failed[0]
        raise PermanentTaskError(
            f"{'the given' if solution else 'the reference'} solution failed on all "
            f"{len(report.failed)} inputs "
            f"(first, {first['test']}: {first['message']})"
        )
    return {
        "status": "success" if not report.failed else "partial",
        "problem_id": problem.problem_id,
        **report.as_result(),
    }
