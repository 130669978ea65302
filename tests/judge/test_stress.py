"""The stress runner (judge/stress.py) with real compilers, interpreters and the judge's sandbox.

The generators and brute forces are written here, in the tests, as a user would write them for the problem; the
solutions are the built-in pack's known wrong submissions. Every counterexample found is checked against the pack's
accepted solution, and the generator's arguments must make the same input again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from algoitny_tui.domain import CheckerKind, CheckerSpec, Limits, Problem, Verdict
from algoitny_tui.judge.run_once import run_program
from algoitny_tui.judge.stress import (
    BRUTE,
    CHECKER,
    REFERENCE,
    Source,
    StressError,
    StressProgress,
    stress,
)
from algoitny_tui.problems import load_problem_dir

PACK = Path(__file__).resolve().parents[2] / "algoitny_tui" / "problems" / "builtin" / "pack"
CASE_BUDGET = 2000
"""A generous number of cases: each bug below shows within a few dozen (the issue's "within 10 s each" is a budget,
not a timed assertion)."""

# --- generators and brute forces, written for each problem ----------------------------------------------------------

DIVISIBLE_GEN = """import random, sys
random.seed(int(sys.argv[1]))
q = random.randint(1, 3)
print(q)
for _ in range(q):
    left = random.randint(1, 30)
    print(left, random.randint(left, 40), random.randint(1, 6))
"""
DIVISIBLE_BRUTE = """q, *rest = map(int, open(0).read().split())
for i in range(q):
    left, right, k = rest[3 * i:3 * i + 3]
    print(sum(1 for x in range(left, right + 1) if x % k == 0))
"""
RUN_LENGTH_GEN = """import random, sys
random.seed(int(sys.argv[1]))
print("".join(random.choice("ab") for _ in range(random.randint(1, 8))))
"""
RUN_LENGTH_BRUTE = """s = input().strip()
out, i = [], 0
while i < len(s):
    j = i
    while j < len(s) and s[j] == s[i]:
        j += 1
    out.append(s[i] + (str(j - i) if j - i > 1 else ""))
    i = j
print("".join(out))
"""
POWER_GEN_CPP = """#include <cstdio>
#include <cstdlib>
#include <random>
int main(int argc, char** argv) {
    std::mt19937_64 rng(std::atoll(argv[1]));
    int t = 1 + rng() % 4;
    std::printf("%d\\n", t);
    for (int i = 0; i < t; i++) {
        unsigned long long x;
        switch (rng() % 3) {
            case 0: x = rng() % 20; break;                                      // small numbers, 0 included
            case 1: x = 1ULL << (rng() % 60); break;                            // powers of two
            default: x = (1ULL << (32 + rng() % 20)) + (1ULL << (rng() % 32));  // two bits, far apart
        }
        std::printf("%llu\\n", x);
    }
}
"""
POWER_BRUTE = """t, *xs = map(int, open(0).read().split())
for x in xs[:t]:
    k = next((k for k in range(61) if 2 ** k == x), None)
    print("NO" if k is None else f"YES {k}")
"""

PACK_BUGS = [
    pytest.param(
        "0005-divisible-count",
        "off_by_one.py",
        DIVISIBLE_GEN,
        "python3",
        DIVISIBLE_BRUTE,
        id="divisible-count-off-by-one",
    ),
    pytest.param(
        "0005-divisible-count",
        "length_over_k.cpp",
        DIVISIBLE_GEN,
        "python3",
        DIVISIBLE_BRUTE,
        id="divisible-count-length-over-k-cpp",
    ),
    pytest.param(
        "0006-run-length",
        "forgets_last_run.py",
        RUN_LENGTH_GEN,
        "python3",
        RUN_LENGTH_BRUTE,
        id="run-length-forgets-last-run",
    ),
    pytest.param("0003-power-of-two", "zero.py", POWER_GEN_CPP, "cpp", POWER_BRUTE, id="power-of-two-zero"),
    pytest.param(
        "0003-power-of-two",
        "popcount32.cpp",
        POWER_GEN_CPP,
        "cpp",
        POWER_BRUTE,
        id="power-of-two-popcount32-cpp",
    ),
]


def language_of(path: Path) -> str:
    return {".py": "python3", ".cpp": "cpp"}[path.suffix]


@pytest.mark.parametrize(("problem_dir", "wrong", "gen", "gen_language", "brute"), PACK_BUGS)
def test_stress_finds_the_pack_bug_with_a_generator_and_brute_written_in_this_test(
    cache_dir: Path, problem_dir: str, wrong: str, gen: str, gen_language: str, brute: str
) -> None:
    folder = PACK / problem_dir
    problem, _ = load_problem_dir(folder)
    wrong_path = folder / "submissions" / "wrong_answer" / wrong
    accepted = (folder / "submissions" / "accepted" / "sol.py").read_text()
    reports: list[StressProgress] = []
    outcome = stress(
        problem,
        Source(wrong_path.read_text(), language_of(wrong_path)),
        Source(gen, gen_language),
        Source(brute, "python3"),
        count=CASE_BUDGET,
        cache_dir=cache_dir,
        on_progress=reports.append,
    )
    ce = outcome.counterexample
    assert ce is not None, f"no difference in {outcome.cases} cases"
    assert outcome.reference == BRUTE and ce.verdict == Verdict.WA
    assert ce.case == outcome.cases and ce.seed == ce.case and ce.args == [str(ce.seed)]
    # A real counterexample: the pack's accepted solution agrees with the brute force, the wrong one does not.
    right = run_program(accepted, "python3", ce.input, problem.limits, cache_dir=cache_dir)
    assert right.stdout.split() == (ce.expected or b"").split()
    assert ce.got.split() != right.stdout.split()
    # Reproducible: the generator, given the same arguments, makes the same input.
    again = run_program(gen, gen_language, b"", Limits(), args=ce.args, cache_dir=cache_dir)
    assert again.stdout == ce.input
    assert reports and reports[-1].cases >= ce.case


def test_the_smallest_counterexample_wins_whatever_finishes_first(cache_dir: Path) -> None:
    problem = Problem(platform="t", problem_number="1")
    gen = "import sys\nprint(int(sys.argv[1]))\n"
    # seed 7 and every later multiple of 7 differ; seed 7's case is slow, so later ones finish before it
    wrong = "import time\nn = int(input())\nif n == 7: time.sleep(0.5)\nprint(n + (n % 7 == 0))\n"
    outcome = stress(
        problem,
        Source(wrong, "python3"),
        Source(gen, "python3"),
        Source("print(input())", "python3"),
        count=60,
        cache_dir=cache_dir,
        jobs=4,
    )
    assert outcome.counterexample is not None
    assert (outcome.counterexample.seed, outcome.cases, outcome.counterexample.input) == (7, 7, b"7\n")
    # --seed S starts elsewhere, and the generator's extra arguments follow the seed
    wrong_both = "n = int(input())\nrest = input()\nprint(n + (n % 7 == 0))\nprint(rest)\n"
    outcome = stress(
        problem,
        Source(wrong_both, "python3"),
        Source(gen + "print(*sys.argv[2:])\n", "python3"),
        Source("print(input())\nprint(input())", "python3"),
        count=60,
        first_seed=10,
        generator_args=["--n", "5"],
        cache_dir=cache_dir,
    )
    ce = outcome.counterexample
    assert ce is not None and (ce.seed, ce.case, ce.args) == (14, 5, ["14", "--n", "5"])
    assert ce.input == b"14\n--n 5\n"


def test_no_difference_runs_every_case(cache_dir: Path) -> None:
    problem = Problem(platform="t", problem_number="1")
    gen = "import sys\nprint(int(sys.argv[1]) % 50, 3)\n"
    ab = "print(sum(map(int, input().split())))\n"
    outcome = stress(
        problem,
        Source(ab, "python3"),
        Source(gen, "python3"),
        Source(ab, "python3"),
        count=40,
        cache_dir=cache_dir,
    )
    assert (outcome.found, outcome.cases, outcome.stopped) == (False, 40, False)
    stop = threading.Event()
    stop.set()
    stopped = stress(
        problem,
        Source(ab, "python3"),
        Source(gen, "python3"),
        Source(ab, "python3"),
        count=40,
        cache_dir=cache_dir,
        stop=stop,
    )
    assert (stopped.found, stopped.cases, stopped.stopped) == (False, 0, True)


def test_a_crash_or_a_timeout_of_the_solution_is_a_counterexample(cache_dir: Path) -> None:
    problem = Problem(platform="t", problem_number="1", limits=Limits(time_limit_ms=500))
    gen = "import sys\nprint(int(sys.argv[1]))\n"
    crash = "n = int(input())\nassert n < 3\nprint(n)\n"
    outcome = stress(
        problem,
        Source(crash, "python3"),
        Source(gen, "python3"),
        Source("print(input())", "python3"),
        count=20,
        cache_dir=cache_dir,
    )
    assert outcome.counterexample is not None
    assert (outcome.counterexample.seed, outcome.counterexample.verdict) == (3, Verdict.RE)
    spin = "n = int(input())\nwhile n == 2: pass\nprint(n)\n"
    outcome = stress(
        problem,
        Source(spin, "python3"),
        Source(gen, "python3"),
        Source("print(input())", "python3"),
        count=20,
        cache_dir=cache_dir,
    )
    assert outcome.counterexample is not None
    assert (outcome.counterexample.seed, outcome.counterexample.verdict) == (2, Verdict.TLE)


def test_helpers_that_fail_are_named(cache_dir: Path) -> None:
    problem = Problem(platform="t", problem_number="1")
    ok = Source("print(input())", "python3")
    gen = Source("import sys\nn = int(sys.argv[1])\nassert n != 4, 'bad seed'\nprint(n)\n", "python3")
    with pytest.raises(StressError, match=r"the generator failed on seed 4: RE.*bad seed"):
        stress(problem, ok, gen, ok, count=10, cache_dir=cache_dir)
    with pytest.raises(StressError, match=r"the brute force failed on the input of seed 1: RE"):
        stress(problem, ok, gen, Source("raise SystemExit(5)", "python3"), count=10, cache_dir=cache_dir)
    with pytest.raises(StressError, match=r"the brute force \(cpp\) does not compile"):
        stress(problem, ok, gen, Source("int main( {", "cpp"), count=10, cache_dir=cache_dir)
    with pytest.raises(StressError, match="no reference solution and its checker needs the answer"):
        stress(problem, ok, gen, None, count=10, cache_dir=cache_dir)


def test_without_a_brute_the_reference_solution_then_the_checker_answers(cache_dir: Path) -> None:
    import base64

    gen = Source("import sys\nprint(int(sys.argv[1]))\n", "python3")
    wrong = Source("n = int(input())\nprint(n * 2 if n < 5 else n * 2 + 1)\n", "python3")
    with_reference = Problem(
        platform="t",
        problem_number="1",
        reference_language="python3",
        reference_solution=base64.b64encode(b"print(int(input()) * 2)\n").decode(),
    )
    outcome = stress(with_reference, wrong, gen, None, count=30, cache_dir=cache_dir)
    assert outcome.reference == REFERENCE and outcome.counterexample is not None
    assert (outcome.counterexample.seed, outcome.counterexample.expected) == (5, b"10\n")
    # a testlib checker that accepts an even output, whatever the answer file says
    checker = CheckerSpec(
        kind=CheckerKind.TESTLIB,
        program_entry="check.py",
        program_files={
            "check.py": (
                "import sys\nout = open(sys.argv[2]).read().split()\n"
                "sys.exit(0 if len(out) == 1 and int(out[0]) % 2 == 0 else 1)\n"
            )
        },
    )
    with_checker = Problem(platform="t", problem_number="2", checker=checker)
    outcome = stress(with_checker, wrong, gen, None, count=30, cache_dir=cache_dir)
    assert outcome.reference == CHECKER and outcome.counterexample is not None
    assert (outcome.counterexample.seed, outcome.counterexample.expected) == (5, None)
    assert outcome.counterexample.verdict == Verdict.WA


HOSTILE_GEN = """import os, sys
report = []
for target in sys.argv[2:]:
    try:
        with open(target, "w") as f:
            f.write("owned")
        report.append("WRITTEN " + target)
    except OSError as e:
        report.append("denied " + str(e.errno))
try:
    with open("own-file", "w") as f:
        f.write("mine")
    report.append("own ok")
except OSError as e:
    report.append("own denied " + str(e.errno))
print(sys.argv[1])
print(" | ".join(report))
"""


@pytest.mark.parametrize("zygote", ["1", "0"], ids=["forked-by-the-zygote", "execd-by-the-helper"])
def test_a_hostile_generator_cannot_write_outside_its_run_directory(
    cache_dir: Path, tmp_path: Path, zygote: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generator tries to write into a world-writable directory outside, /tmp, the sandbox's root and its own
    compiled program's directory; the solution is wrong on purpose so the first input, with the generator's report
    of each attempt, comes back as the counterexample. Only a failing sandbox lets a write through."""
    monkeypatch.setenv("ALGOITNY_JUDGE_ZYGOTE", zygote)  # both ways a run starts
    outside = tmp_path / "outside"
    outside.mkdir()
    outside.chmod(0o777)  # file permissions would not stop it: only the sandbox does
    marker = f"algoitny-stress-hostile-{os.getpid()}"
    targets = [str(outside / "owned"), f"/tmp/{marker}", str(cache_dir / marker)]
    problem = Problem(platform="t", problem_number="1")
    outcome = stress(
        problem,
        Source("print('wrong')", "python3"),
        Source(HOSTILE_GEN, "python3"),
        Source("print(input())", "python3"),
        count=3,
        generator_args=targets,
        cache_dir=cache_dir,
    )
    ce = outcome.counterexample
    assert ce is not None and ce.seed == 1, "the generator never ran: the test proves nothing"
    report = ce.input.decode().splitlines()[1]
    assert "WRITTEN" not in report, report
    assert report.count("denied") == len(targets) and report.endswith("own ok"), report
    assert not (outside / "owned").exists()
    assert not Path(f"/tmp/{marker}").exists()
    assert not (cache_dir / marker).exists()
    assert list(outside.iterdir()) == []
