"""The pack's time limits follow the Kattis format's rule: time_limit >= 2 x the slowest accepted submission (in
every language the pack ships), rounded up to the time resolution of 1 s. Nothing is timed here: the timings are
recorded by bench/judge/pack_timings.py (bench/judge/pack_timings.json, with hashes of what was timed, so a
changed submission or test set without a new record fails)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from algoitny_tui.problems import list_submissions
from algoitny_tui.problems.builtin import iter_pack_dirs, load_pack_problem
from bench.judge import pack_timings  # its helpers hash what it timed (one place for both)

AC_TO_TIME_LIMIT = 2.0  # the format's default time_multipliers.ac_to_time_limit
TIME_RESOLUTION_MS = 1000  # the format's default time_resolution


def required_time_limit_ms(slowest_ms: int) -> int:
    """The smallest multiple of the resolution that is at least 2 x the slowest accepted run."""
    return max(1, math.ceil(slowest_ms * AC_TO_TIME_LIMIT / TIME_RESOLUTION_MS)) * TIME_RESOLUTION_MS


def test_the_rule_rounds_up_to_the_resolution() -> None:
    assert required_time_limit_ms(1001) == 3000  # 0030-power-tower's sol.py, measured 733-1001 ms
    assert required_time_limit_ms(500) == 1000
    assert required_time_limit_ms(501) == 2000
    assert required_time_limit_ms(0) == 1000


RECORDS = json.loads(pack_timings.RESULTS.read_text()) if pack_timings.RESULTS.is_file() else {}


@pytest.mark.parametrize("problem", iter_pack_dirs(), ids=[p.name for p in iter_pack_dirs()])
def test_time_limit_is_twice_the_slowest_accepted(problem: Path) -> None:
    record = RECORDS.get(problem.name)
    assert record is not None, (
        f"no timings for {problem.name}: run bench/judge/pack_timings.py --only {problem.name}"
    )
    accepted = list_submissions(problem).get("accepted", [])
    languages = {p.suffix for p in accepted}
    assert len(languages) >= 2  # the pack ships every problem in Python and C++
    assert set(record["submissions"]) == {p.name for p in accepted}, "timings miss an accepted submission"
    for path in accepted:
        timed = record["submissions"][path.name]
        assert timed["sha256"] == pack_timings.file_hash(path), (
            f"{path.name} changed since it was timed: run bench/judge/pack_timings.py --only {problem.name}"
        )
    loaded, tests = load_pack_problem(problem)
    assert record["tests"] == pack_timings.tests_hash(tests), (
        f"{problem.name}'s tests changed since they were timed"
    )
    slowest_name, slowest = max(
        ((n, s["slowest_cpu_ms"]) for n, s in record["submissions"].items()), key=lambda item: item[1]
    )
    needed = required_time_limit_ms(slowest)
    assert loaded.limits.time_limit_ms >= needed, (
        f"{problem.name}: time limit {loaded.limits.time_limit_ms} ms, but {slowest_name} took {slowest} ms: "
        f"the rule asks for {needed} ms"
    )
