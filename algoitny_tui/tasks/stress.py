"""Stress testing on the worker: the library under `stress_test_task`, which the solve screen's Stress tab queues.

The stress runner itself is judge/stress.py (the same one `algoitny stress` runs): cases in parallel in the judge's
sandbox, the smallest counterexample. Here: the job's progress (cases, speed, elapsed), cancelling, and the result.
With `store` (the default), the counterexample becomes a test of the user's with the reference's answer; the Stress
tab passes store=False and adds it when the user asks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.outputs import load_problem
from algoitny_tui.tasks.progress import Progress

KEPT_CHARS = 256 * 1024
"""Input and answers kept in the job's result (each): enough for the small inputs a stress test finds."""
CANCEL_POLL_S = 0.25


@dataclass
class StressPrograms:
    code: str
    language: str
    generator_code: str
    generator_language: str
    brute_code: str | None = None
    brute_language: str | None = None
    first_seed: int = 1
    generator_args: list[str] = field(default_factory=list)


def stress_test(
    repos: Repositories,
    platform: str,
    number: str,
    programs: StressPrograms,
    *,
    max_rounds: int,
    job_id: str,
    progress: Progress,
    cancelled: Callable[[], bool],
    store: bool = True,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    languages: Any = None,
) -> dict[str, Any]:
    from algoitny_tui.judge.languages import UnknownLanguage
    from algoitny_tui.judge.stress import Source, StressError, StressProgress, stress

    if max_rounds < 1:
        raise PermanentTaskError(f"max_rounds must be at least 1 (got {max_rounds})")
    problem, _ = load_problem(repos, platform, number)
    brute = Source(programs.brute_code, programs.brute_language or "python3") if programs.brute_code else None
    stop = threading.Event()
    done = threading.Event()
    report_lock = threading.Lock()

    def watch() -> None:  # cancelling is a store read: polled here, not once per case
        while not done.wait(CANCEL_POLL_S):
            if cancelled():
                stop.set()
                return

    def on_progress(p: StressProgress) -> None:
        with report_lock:  # case threads report; the store gets one line at a time
            progress(
                "stress",
                p.line(max_rounds),
                100.0 * p.cases / max_rounds,
                {
                    "cases": p.cases,
                    "count": max_rounds,
                    "per_second": round(p.per_second, 1),
                    "elapsed_s": round(p.elapsed_s, 2),
                },
            )

    progress("stress", f"up to {max_rounds} cases from seed {programs.first_seed}", 0.0, None)
    watcher = threading.Thread(target=watch, name="stress-cancel", daemon=True)
    watcher.start()
    try:
        outcome = stress(
            problem,
            Source(programs.code, programs.language),
            Source(programs.generator_code, programs.generator_language),
            brute,
            count=max_rounds,
            first_seed=programs.first_seed,
            jobs=jobs,
            generator_args=programs.generator_args,
            cache_dir=cache_dir,
            languages=languages,
            on_progress=on_progress,
            stop=stop,
        )
    except (StressError, UnknownLanguage) as e:
        raise PermanentTaskError(str(e)) from e
    finally:
        done.set()
        watcher.join()
    result = _kept(outcome.to_json())
    ce = outcome.counterexample
    if ce is None:
        if outcome.stopped:
            progress("cancelled", f"stopped after {outcome.cases} cases", None, {"cases": outcome.cases})
            return {"status": "cancelled", **result, "rounds": outcome.cases}
        progress("stress", f"no difference in {outcome.cases} cases", 100.0, {"cases": outcome.cases})
        return {"status": "success", **result, "rounds": outcome.cases}
    result.update(status="success", round=ce.case)
    stored = ""
    if store:
        added = repos.problems.add_user_test(
            problem.platform,
            problem.problem_number,
            ce.text("input"),
            ce.text("expected") if ce.expected is not None else None,
        )
        result["test_case_id"] = added.test_case_id
        stored = f"; stored as test {added.test_case_id}"
    progress(
        "found",
        f"case {ce.case} (seed {ce.seed}): {ce.verdict} {ce.message}{stored}",
        100.0,
        {"cases": ce.case, "seed": ce.seed, "verdict": str(ce.verdict)},
    )
    return result


def _kept(result: dict[str, Any]) -> dict[str, Any]:
    """The result with texts cut to KEPT_CHARS; `truncated` names the ones cut."""
    cut = [
        k
        for k in ("input", "expected", "got")
        if isinstance(result.get(k), str) and len(result[k]) > KEPT_CHARS
    ]
    for k in cut:
        result[k] = result[k][:KEPT_CHARS]
    return {**result, "truncated": cut}
