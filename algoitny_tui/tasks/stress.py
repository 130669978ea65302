"""Stress testing: the library under `stress_test_task`.

Round r: the generator makes an input (seed r as argv[1], see generators.py), the brute force answers it (CPU limit
max(10 s, 5 x the problem's)), the user's solution runs under the problem's own limits, and the problem's checker
rules (judge/checkers.check_text: tokens, case, floats) compare the two. The first input where they differ, or where
the solution fails (RE, TLE, ...), is stored as a new test with the brute force's output as its answer.

Custom checker programs are not run here: their problems are compared with the default token rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoitny_tui.models import TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.generators import helper_limits
from algoitny_tui.tasks.outputs import Progress, load_problem

PROGRESS_EVERY = 10
SHOWN_BYTES = 4000


@dataclass
class StressPrograms:
    code: str
    language: str
    generator_code: str
    generator_language: str
    brute_code: str
    brute_language: str


def stress_test(repos: Repositories, platform: str, number: str, programs: StressPrograms, *, max_rounds: int,
                job_id: str, progress: Progress, cancelled: Callable[[], bool], cache_dir: Path | None = None,
                languages: Any = None) -> dict[str, Any]:
    from algoitny_tui.judge import ProgramRunner
    from algoitny_tui.judge.checkers import check_text

    if max_rounds < 1:
        raise PermanentTaskError(f"max_rounds must be at least 1 (got {max_rounds})")
    problem, _ = load_problem(repos, platform, number)
    slow = helper_limits(problem)
    with ProgramRunner(cache_dir=cache_dir, languages=languages) as runner:
        prepared = {}
        for role, code, language in (("generator", programs.generator_code, programs.generator_language),
                                     ("brute force", programs.brute_code, programs.brute_language),
                                     ("solution", programs.code, programs.language)):
            prepared[role] = runner.prepare(code, language)
            if prepared[role].artifact is None:
                raise PermanentTaskError(f"the {role} ({language}) does not compile: "
                                         f"{prepared[role].compile.message[:1000]}")
        progress("stress", f"up to {max_rounds} rounds", 0.0, None)
        for rnd in range(1, max_rounds + 1):
            if cancelled():
                progress("cancelled", f"stopped after {rnd - 1} rounds", None, None)
                return {"status": "cancelled", "found": False, "rounds": rnd - 1}
            gen = runner.run(prepared["generator"], b"", slow, [str(rnd)])
            if not gen.ok:
                raise PermanentTaskError(f"the generator failed on seed {rnd}: {gen.verdict} {gen.message}")
            brute = runner.run(prepared["brute force"], gen.stdout, slow)
            if not brute.ok:
                raise PermanentTaskError(f"the brute force failed on the input of seed {rnd}: {brute.verdict} "
                                         f"{brute.message}")
            mine = runner.run(prepared["solution"], gen.stdout, problem.limits)
            if mine.ok:
                check = check_text(mine.stdout, brute.stdout, problem.checker)
                verdict, message = check.verdict, check.message
            else:
                verdict, message = mine.verdict, mine.message
            if str(verdict) != "AC":
                return _found(repos, problem.platform, problem.problem_number, job_id, rnd, gen.stdout,
                              brute.stdout, mine.stdout, str(verdict), message, progress)
            if rnd % PROGRESS_EVERY == 0:
                progress("stress", f"{rnd} rounds, no difference yet", 100.0 * rnd / max_rounds, {"round": rnd})
    progress("stress", f"no difference in {max_rounds} rounds", 100.0, {"round": max_rounds})
    return {"status": "success", "found": False, "rounds": max_rounds}


def _found(repos: Repositories, platform: str, number: str, job_id: str, rnd: int, input_data: bytes,
           expected: bytes, got: bytes, verdict: str, message: str, progress: Progress) -> dict[str, Any]:
    text_in = input_data.decode("utf-8", "replace")
    text_out = expected.decode("utf-8", "replace")
    case = TestCase(test_case_id=f"stress-{job_id[:8]}", input=text_in, expected_output=text_out)
    added = repos.problems.add_test_cases(platform, number, [case])[0]
    progress("found", f"round {rnd}: {verdict} {message}; stored as test {added.test_case_id}", 100.0,
             {"round": rnd, "verdict": verdict, "test": added.test_case_id})
    return {"status": "success", "found": True, "round": rnd, "verdict": verdict, "message": message,
            "test_case_id": added.test_case_id, "input": text_in[:SHOWN_BYTES],
            "expected": text_out[:SHOWN_BYTES], "got": got.decode("utf-8", "replace")[:SHOWN_BYTES]}
