"""Verdicts do not depend on the machine's load: time a program spends waiting for a CPU (its run delay in
/proc/PID/schedstat) does not count against the wall-clock limit, so CPU-bound programs judged while every core is
busy keep the verdicts and CPU times they get on a quiet machine."""

from __future__ import annotations

import os

import pytest

from algoitny_tui.domain import Verdict
from tests.judge.conftest import JudgeFn, make_problem, make_tests

# Burns `ms` of its own CPU time (not wall time), then prints the answer.
BURN = r"""
#include <stdio.h>
#include <time.h>
int main(void) {
    struct timespec t;
    volatile unsigned long x = 0;
    do {
        for (int i = 0; i < 100000; i++) x += i;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    } while (t.tv_sec * 1000 + t.tv_nsec / 1000000 < 700);
    puts("ok");
    return 0;
}
"""


@pytest.mark.slow
def test_cpu_bound_programs_keep_their_verdicts_when_the_cores_are_oversubscribed(run: JudgeFn) -> None:
    # 1 s limit: the wall limit is 2 x 1 s + 1 s. Ten programs of 0.7 s CPU each on this machine's cores wait for
    # a CPU most of the time: counted as wall time, 10 x 0.7 s / 2 cores = 3.5 s would be TLE.
    cores = os.cpu_count() or 1
    count = max(4, 5 * cores)
    problem = make_problem(time_ms=1000)
    quiet = run(problem, make_tests([("", "ok\n")]), BURN, "c", jobs=1)
    assert quiet.verdict == Verdict.AC, quiet.tests[0].message
    busy = run(problem, make_tests([("", "ok\n")] * count), BURN, "c", jobs=count)
    assert [t.verdict for t in busy.tests] == [Verdict.AC] * count, [
        (t.verdict, t.message) for t in busy.tests
    ]
    # CPU time is what the program used, not what it waited: about the same as on the quiet run
    assert all(650 <= t.time_ms < 1000 for t in busy.tests), [t.time_ms for t in busy.tests]
