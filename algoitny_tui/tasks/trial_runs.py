"""Trying a solution without submitting it: the samples only, or input typed by hand. The library under
`run_tests_task`: the problem's limits and checker, the real judge, results in the job (no history, no count)."""

from __future__ import annotations

from typing import Any

from algoitny_tui.domain import TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.progress import Progress, per_test_progress

OUTPUT_KEEP_CHARS = 64 * 1024
STDERR_KEEP_CHARS = 8 * 1024


def chosen_tests(
    repos: Repositories,
    platform: str,
    number: str,
    tests: list[dict[str, Any]] | None,
    samples_only: bool,
    test_ids: list[str] | None = None,
) -> tuple[Any, list[TestCase]]:
    found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise PermanentTaskError(f"problem {platform}#{number} is not stored")
    problem, stored = found
    if tests:
        cases = [
            TestCase(
                test_case_id=str(t.get("test_case_id") or f"custom/{i + 1}"),
                input=str(t.get("input", "")),
                expected_output=t.get("expected_output"),
                order=i,
            )
            for i, t in enumerate(tests)
        ]
    elif test_ids:
        wanted = set(test_ids)
        cases = [t for t in stored if t.test_case_id in wanted]
        missing = wanted - {t.test_case_id for t in cases}
        if missing:
            raise PermanentTaskError(
                f"problem {platform}#{number} has no test named {sorted(missing)[0]!r} (deleted since?)"
            )
    elif samples_only:
        cases = [t for t in stored if t.is_sample]
        if not cases:
            raise PermanentTaskError(f"problem {platform}#{number} has no sample tests")
    else:
        raise PermanentTaskError("nothing to run: give tests, test_ids, or samples_only")
    return problem, cases


def run_tests(
    repos: Repositories,
    platform: str,
    number: str,
    code: str,
    language: str,
    progress: Progress,
    *,
    tests: list[dict[str, Any]] | None = None,
    samples_only: bool = False,
    test_ids: list[str] | None = None,
    judge_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    from algoitny_tui.judge import judge  # the judge loads only in the worker

    problem, cases = chosen_tests(repos, platform, number, tests, samples_only, test_ids)
    expected = {c.test_case_id: c.expected_output for c in cases}
    report = judge(
        problem,
        cases,
        code,
        language,
        on_result=per_test_progress(progress, len(cases)),
        **(judge_options or {}),
    )
    results = [
        {
            "test_case_id": t.name,
            "verdict": str(t.verdict),
            "time_ms": t.time_ms,
            "memory_kb": t.memory_kb,
            "message": t.message,
            "output": t.output.decode("utf-8", "replace")[:OUTPUT_KEEP_CHARS],
            "stderr": t.stderr[:STDERR_KEEP_CHARS],
            "expected_output": expected.get(t.name),
        }
        for t in report.tests
    ]
    return {
        "status": "success",
        "verdict": str(report.verdict),
        "tests": results,
        "compile": {
            "ok": report.compile.ok,
            "time_ms": report.compile.time_ms,
            "message": report.compile.message,
        },
    }
