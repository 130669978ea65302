"""Hints for a stored submission: the library under `generate_hints_task`."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from algoitny_tui.config import Settings
from algoitny_tui.models import status_and_verdict
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError

MAX_HINT_LEVELS = 3


def failed_tests_long_names(dat: dict[str, Any]) -> list[dict[str, Any]]:
    """The seed's conversion: failed test results from short names (`trs`) back to long names for the engine."""
    failed = []
    for result in dat.get("trs", []) or []:
        if not result.get("pas", True):
            status, verdict = status_and_verdict(result.get("sts", ""), result.get("vrd", ""))
            failed.append({
                "test_case_id": result.get("tid"),
                "output": result.get("out", ""),
                "passed": result.get("pas", False),
                "error": result.get("err"),
                "status": status,
                "verdict": verdict,
                "message": result.get("msg", ""),
                "time_ms": result.get("tms"),
                "memory_kb": result.get("mem"),
            })
    return failed


def decode_solution(encoded: str | None) -> str | None:
    """Reference solutions are stored base64-encoded, as the seed stores solution codes."""
    if not encoded:
        return None
    try:
        return base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return encoded  # stored as plain text by an older writer


def generate_hints_for_history(repos: Repositories, settings: Settings, history_id: int, *,
                               more: bool = False, fallback: bool = True) -> dict[str, Any]:
    """Stored hints when there are some (unless `more`), else the next level, stored with `update_hints`.

    With fallback=False a transient Gemini failure raises (the task is retried); the last attempt falls back to the
    offline engine, which says so in the note.
    """
    from algoitny_tui.codec import item_to_history
    from algoitny_tui.hints import HintRequest, generate_hints

    item = repos.histories.get_history(history_id)  # the seed's call: `dat` with every text a string
    if item is None:
        raise PermanentTaskError(f"history {history_id} not found")
    dat = item.get("dat", {})
    hints: list[str] = list(dat.get("hnt") or [])
    # which engine wrote each stored hint; "unknown" for hints stored before the engine was kept
    engines = (list(dat.get("hne") or []) + ["unknown"] * len(hints))[:len(hints)]
    if hints and not more:
        return {"status": "success", "history_id": history_id, "hints": hints, "cached": True,
                "engine": engines[-1], "note": dat.get("hnn") or ""}
    if len(hints) >= MAX_HINT_LEVELS and more:
        return {"status": "success", "history_id": history_id, "hints": hints, "cached": True,
                "note": f"all {MAX_HINT_LEVELS} hint levels are given"}
    history = item_to_history(item)  # long names for what the engine reads besides the failed tests
    failed = failed_tests_long_names(dat)
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
        problem=problem, language=history.language, code=history.code, verdict=history.verdict or (
            "AC" if history.result_summary == "Passed" else "WA"),
        failed_tests=failed, compile_message=history.compile_message,
        reference_solution=decode_solution(problem.reference_solution if problem else None),
        previous_hints=hints,
    )
    result = generate_hints(request, settings, levels=1, fallback=fallback)
    all_hints = hints + list(result.hints)
    repos.histories.update_hints(history_id, all_hints, engines + [result.engine] * len(result.hints), result.note)
    return {"status": "success", "history_id": history_id, "hints": all_hints, "cached": False,
            "engine": result.engine, "note": result.note}
