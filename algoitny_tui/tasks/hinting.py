"""Hints for a stored submission: the library under `generate_hints_task`."""

from __future__ import annotations

from typing import Any

from algoitny_tui.codec import decode_solution
from algoitny_tui.config import Settings
from algoitny_tui.models import SearchHistory
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError

MAX_HINT_LEVELS = 3


def failed_tests(history: SearchHistory) -> list[dict[str, Any]]:
    """The failed test results as the hint engine reads them: long names, with the judge's mismatch as it is."""
    return [
        {**result.model_dump(exclude={"mismatch"}), "mismatch": result.mismatch}
        for result in history.test_results
        if not result.passed
    ]


def generate_hints_for_history(
    repos: Repositories, settings: Settings, history_id: int, *, more: bool = False, fallback: bool = True
) -> dict[str, Any]:
    """Stored hints when there are some (unless `more`), else the next level, stored with `update_hints`.

    With fallback=False a transient Gemini failure raises (the task is retried); the last attempt falls back to the
    offline engine, which says so in the note.
    """
    from algoitny_tui.hints import HintRequest, generate_hints

    history = repos.histories.load_history(history_id)
    if history is None:
        raise PermanentTaskError(f"history {history_id} not found")
    hints: list[str] = list(history.hints or [])
    # which engine wrote each stored hint; "unknown" for hints stored before the engine was kept
    engines = (list(history.hint_engines or []) + ["unknown"] * len(hints))[: len(hints)]
    if hints and not more:
        return {
            "status": "success",
            "history_id": history_id,
            "hints": hints,
            "cached": True,
            "engine": engines[-1],
            "note": history.hint_note,
        }
    if len(hints) >= MAX_HINT_LEVELS and more:
        return {
            "status": "success",
            "history_id": history_id,
            "hints": hints,
            "cached": True,
            "note": f"all {MAX_HINT_LEVELS} hint levels are given",
        }
    failed = failed_tests(history)
    problem = None
    tests_by_id: dict[str, Any] = {}
    if history.platform and history.problem_number:
        found = repos.problems.get_problem_with_testcases(history.platform, history.problem_number)
        if found:
            problem, cases = found
            tests_by_id = {c.test_case_id: c for c in cases}
    for test in failed:
        case = tests_by_id.get(str(test["test_case_id"]))
        if case is not None:  # the evidence: what the program read and what was expected
            test["input"] = case.input[:4000]
            test["expected_output"] = (case.expected_output or "")[:4000]
    request = HintRequest(
        problem=problem,
        language=history.language,
        code=history.code,
        verdict=history.overall_verdict or "WA",
        failed_tests=failed,
        compile_message=history.compile_message,
        reference_solution=decode_solution(problem.reference_solution if problem else None),
        previous_hints=hints,
    )
    result = generate_hints(request, settings, levels=1, fallback=fallback)
    all_hints = hints + list(result.hints)
    repos.histories.update_hints(
        history_id, all_hints, engines + [result.engine] * len(result.hints), result.note
    )
    return {
        "status": "success",
        "history_id": history_id,
        "hints": all_hints,
        "cached": False,
        "engine": result.engine,
        "note": result.note,
    }
