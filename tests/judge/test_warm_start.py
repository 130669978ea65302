"""A zygote started before the problem is read (warm_start.py, what `algoitny judge` does) is used only where it
behaves as the one judge() would start, gives the same verdicts, and never outlives the command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import get_language, judge
from algoitny_tui.judge.warm_start import WarmStart, warm_start
from algoitny_tui.judge.zygote import ZYGOTE_ENV
from tests.judge.conftest import AB_TESTS, make_problem, make_tests, sandbox_processes
from tests.judge.test_zygote import AB, my_zygotes

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the zygote runs only for a root judge")

PY = get_language("python3")
# Recursion 100,000 deep through C (map, sum) needs ~100 MB of stack: it fits in 512 MB, not in 64 MB
DEEP = (
    "import sys\nsys.setrecursionlimit(10**7)\n"
    "def f(n):\n    return 0 if n == 0 else 1 + sum(map(f, [n - 1]))\n"
    "print(f(int(input())))\n"
)


def cached(source: str, cache_dir: Path) -> None:
    """Judge once so the artifact is in the cache (a warm start never compiles)."""
    assert judge(make_problem(), make_tests([("1 2\n", None)]), source, "python3", cache_dir=cache_dir)


def test_the_early_zygote_judges_when_it_fits(cache_dir: Path) -> None:
    cached(AB, cache_dir)
    with warm_start(PY, AB, cache_dir) as warm:
        assert len(my_zygotes()) == 1  # started before any problem was known
        report = judge(make_problem(), AB_TESTS, AB, "python3", cache_dir=cache_dir, warm=warm)
        assert warm.zygote_used
    assert report.verdict == Verdict.AC and [t.output for t in report.tests] == [b"3\n", b"30\n", b"0\n"]
    assert my_zygotes() == [] and sandbox_processes() == []


@pytest.mark.parametrize("memory_mb", [64, 512])
def test_it_serves_any_memory_limit_from_8_mb_up_with_that_limits_stack(
    cache_dir: Path, memory_mb: int
) -> None:
    # the early zygote (booted with the judge's largest stack) must give each problem its own limit, as a zygote
    # started for that problem does
    cached(DEEP, cache_dir)
    tests = make_tests([("100000\n", "100000\n")])
    expected = judge(make_problem(memory_mb=memory_mb), tests, DEEP, "python3", cache_dir=cache_dir)
    with warm_start(PY, DEEP, cache_dir) as warm:
        report = judge(
            make_problem(memory_mb=memory_mb), tests, DEEP, "python3", cache_dir=cache_dir, warm=warm
        )
        assert warm.zygote_used
    assert report.verdict == expected.verdict
    assert (report.verdict == Verdict.AC) == (memory_mb == 512)
    assert my_zygotes() == []


def test_a_limit_below_the_threads_stack_gets_its_own_zygote(cache_dir: Path) -> None:
    # 4 MB of stack: threads would get 4 MB from a zygote started for it, 8 MB from the early one
    cached(AB, cache_dir)
    with warm_start(PY, AB, cache_dir) as warm:
        report = judge(make_problem(memory_mb=4), AB_TESTS, AB, "python3", cache_dir=cache_dir, warm=warm)
        assert not warm.zygote_used
    expected = judge(make_problem(memory_mb=4), AB_TESTS, AB, "python3", cache_dir=cache_dir)
    assert [t.verdict for t in report.tests] == [t.verdict for t in expected.tests]
    assert my_zygotes() == [] and sandbox_processes() == []


def test_another_solution_or_an_unknown_source_starts_nothing_early(cache_dir: Path, tmp_path: Path) -> None:
    cached(AB, cache_dir)
    other = AB.replace("a + b", "b + a")
    with warm_start(PY, AB, cache_dir) as warm:
        report = judge(make_problem(), AB_TESTS, other, "python3", cache_dir=cache_dir, warm=warm)
        assert not warm.zygote_used
        assert my_zygotes() == []  # the early one ended when judge() saw it was for another source
    assert report.verdict == Verdict.AC
    never_judged = f"{AB}# {tmp_path}\n"
    with warm_start(PY, never_judged, cache_dir) as warm:  # not compiled yet: nothing starts before judge()
        assert my_zygotes() == []


def test_nothing_outlives_a_warm_start_judge_never_took(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached(AB, cache_dir)
    with warm_start(PY, AB, cache_dir):
        assert len(my_zygotes()) == 1
    assert my_zygotes() == []
    monkeypatch.setenv(ZYGOTE_ENV, "0")
    with warm_start(PY, AB, cache_dir) as warm:
        assert my_zygotes() == []
        assert (
            judge(make_problem(), AB_TESTS, AB, "python3", cache_dir=cache_dir, warm=warm).verdict
            == Verdict.AC
        )
        assert not warm.zygote_used


def test_the_command_uses_it_and_leaves_no_process(tmp_path: Path) -> None:
    problem = tmp_path / "ab"
    problem.mkdir()
    for i, (a, b) in enumerate([(1, 2), (10, 20), (-5, 5)], 1):
        (problem / f"{i}.in").write_text(f"{a} {b}\n")
        (problem / f"{i}.out").write_text(f"{a + b}\n")
    solution = tmp_path / "sol.py"
    solution.write_text(AB)
    env = {**os.environ, "ALGOITNY_HOME": str(tmp_path / "home")}
    argv = [sys.executable, "-m", "algoitny_tui", "judge", str(problem), str(solution), "--json"]
    for _ in range(2):  # the first compiles (no early start), the second starts the zygote early
        out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        assert '"verdict":"AC"' in out.stdout.replace(" ", "")
    leftovers = subprocess.run(["pgrep", "-f", str(tmp_path / "home")], capture_output=True, text=True).stdout
    assert leftovers == ""


def test_an_empty_warm_start_holds_nothing(cache_dir: Path) -> None:
    warm = WarmStart(PY, AB, cache_dir)
    assert warm.take(PY, AB, cache_dir) is None
    warm.close()
    warm.close()  # idempotent
