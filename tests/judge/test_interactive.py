"""Interactive problems judged as problemtools judges them (problemtools/judge/execute.py `_run_interactive` and
support/interactive/interactive.cc): who finished first, and how, decides. Every case runs through the real judge,
with a real validator compiled from C++ that, like most validators, does not guard against SIGPIPE."""

from __future__ import annotations

import signal
from collections.abc import Sequence

import pytest

from algoitny_tui.domain import CheckerKind, CheckerSpec, Problem, Verdict
from algoitny_tui.judge import JudgeReport
from algoitny_tui.judge.interactive import InteractiveEnds, interactive_verdict
from algoitny_tui.judge.sandbox import RunResult
from tests.judge.conftest import JudgeFn, make_problem, make_tests, sandbox_processes
from tests.judge.test_checkers import GUESSER  # the binary-search guesser

# Input: "SECRET MODE". The solution guesses, the validator answers higher/lower/correct; ten guesses at most.
# When the solution stops talking, the validator tells it "-1" (a write to a solution that may be gone) and
# rejects (MODE quiet: it rejects without a word). MODE makes the validator itself misbehave: crash (abort on the
# first guess), exit0 (exit 0 instead of 42 after "correct"), abort-on-eof (crash instead of rejecting when the
# solution stops talking), hang-on-eof (never finish then).
VALIDATOR = r"""
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>
using namespace std;

static string feedback;

[[noreturn]] static void verdict(int code, const string &message) {
    ofstream(feedback + "judgemessage.txt") << message << "\n";
    exit(code);
}

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    ifstream in(argv[1]);
    long long secret;
    string mode;
    in >> secret >> mode;
    feedback = argv[3];
    for (int asked = 1;; asked++) {
        long long guess;
        if (!(cin >> guess)) {
            if (mode == "abort-on-eof") abort();
            while (mode == "hang-on-eof") sleep(1);
            if (mode != "quiet") cout << -1 << endl;
            verdict(43, "the solution stopped after " + to_string(asked - 1) + " guess(es)");
        }
        if (mode == "crash") abort();
        if (guess == secret) {
            cout << "correct" << endl;
            if (mode == "exit0") exit(0);
            verdict(42, "found in " + to_string(asked) + " guess(es)");
        }
        if (asked == 10) verdict(43, "too many guesses");
        cout << (guess < secret ? "higher" : "lower") << endl;
    }
}
"""

TEN_WRONG_GUESSES = "import sys\nfor _ in range(10):\n    print(1001, flush=True)\n"


def problem(time_ms: int = 1000, memory_mb: int = 128) -> Problem:
    return make_problem(
        time_ms=time_ms,
        memory_mb=memory_mb,
        checker=CheckerSpec(
            kind=CheckerKind.INTERACTIVE,
            program_entry="validator.cpp",
            program_files={"validator.cpp": VALIDATOR},
        ),
    )


def judged(
    run: JudgeFn, inputs: Sequence[str], source: str, language: str = "python3", **limits: int
) -> JudgeReport:
    report = run(problem(**limits), make_tests([(i, "") for i in inputs]), source, language)
    assert sandbox_processes() == []  # neither side outlives its test
    return report


def verdicts(report: JudgeReport) -> list[Verdict]:
    return [t.verdict for t in report.tests]


def test_accepted_and_rejected(run: JudgeFn) -> None:
    report = judged(run, ["7 ok\n", "1000 ok\n"], GUESSER)
    assert verdicts(report) == [Verdict.AC, Verdict.AC], [t.message for t in report.tests]
    assert report.tests[0].message == "found in 7 guess(es)"
    report = judged(run, ["7 ok\n"], TEN_WRONG_GUESSES + "for line in sys.stdin:\n    pass\n")
    assert verdicts(report) == [Verdict.WA] and report.tests[0].message == "too many guesses"
    # once the validator has accepted, the solution's own end decides: a goodbye it writes then is no SIGPIPE
    report = judged(run, ["7 ok\n"], GUESSER + "import time\ntime.sleep(0.2)\nprint('bye', flush=True)\n")
    assert verdicts(report) == [Verdict.AC], report.tests[0].message


def test_a_solution_that_exits_without_a_word_is_wrong_not_a_judge_error(run: JudgeFn) -> None:
    # the validator then writes "-1" to a solution that is gone: the judge still holds that pipe's reading end,
    # as problemtools' runner does, so the validator is not killed by SIGPIPE and rejects the solution
    for source, language in (("", "python3"), ("int main() { return 0; }\n", "cpp")):
        report = judged(run, ["7 ok\n"], source, language)
        assert verdicts(report) == [Verdict.WA], (language, report.tests[0].message)
        assert report.tests[0].message == "the solution stopped after 0 guess(es)"


def test_a_crash_before_the_validator_rejects_is_a_runtime_error(run: JudgeFn) -> None:
    # the solution ends first, by crashing: RTE, even though the validator then rejects (it saw EOF)
    python = "print(500, flush=True)\ninput()\nraise ValueError('boom')\n"
    report = judged(run, ["7 quiet\n"], python)
    assert verdicts(report) == [Verdict.RE] and report.tests[0].message == "exit code 1: ValueError: boom"
    cpp = (
        '#include <cstdio>\nint main() { printf("500\\n"); fflush(stdout); char s[16];\n'
        '  if (scanf("%15s", s) == 1) { volatile int *p = nullptr; *p = 1; } }\n'
    )
    report = judged(run, ["7 quiet\n", "7 ok\n"], cpp, "cpp")
    assert verdicts(report) == [Verdict.RE] * 2 and report.tests[0].message.startswith("killed by SIGSEGV")


def test_a_validator_crash_wins_over_the_solutions_crash(run: JudgeFn) -> None:
    # problemtools looks at the validator first: one that crashes (here on the EOF the crash gave it) is JE
    report = judged(run, ["7 abort-on-eof\n"], "print(500, flush=True)\ninput()\nraise ValueError('boom')\n")
    assert verdicts(report) == [Verdict.JE], report.tests[0].message


@pytest.mark.parametrize(
    "after",
    [
        "while True:\n    pass\n",  # busy: over the CPU limit
        "import time\ntime.sleep(60)\n",  # idle: over the wall limit
        "while True:\n    print(1, flush=True)\n",  # talks on to a validator that is gone (SIGPIPE)
        "for line in sys.stdin:\n    pass\nraise ValueError('after')\n",  # crashes once the validator is gone
    ],
)
def test_after_the_validator_rejected_nothing_the_solution_does_counts(run: JudgeFn, after: str) -> None:
    # the validator finished first, with 43: WA, whatever the solution does afterwards (it is stopped)
    report = judged(run, ["7 ok\n"], TEN_WRONG_GUESSES + after)
    assert verdicts(report) == [Verdict.WA], report.tests[0].message
    assert report.tests[0].message == "too many guesses"


def test_limits(run: JudgeFn) -> None:
    busy_first = "while True:\n    pass\n"
    report = judged(run, ["7 ok\n"], busy_first)
    assert verdicts(report) == [Verdict.TLE] and "time over" in report.tests[0].message
    # both wait to read: the solution is the one stopped at its wall limit (TLE), not the validator
    report = judged(run, ["7 ok\n"], "input()\n", time_ms=300)
    assert verdicts(report) == [Verdict.TLE] and "wall time" in report.tests[0].message
    report = judged(run, ["7 ok\n"], "x = bytearray(512 << 20)\nprint(1, flush=True)\n", memory_mb=64)
    assert verdicts(report) == [Verdict.MLE], report.tests[0].message
    # the validator accepted first: the solution's own end still decides (problemtools: TLE, then RTE, then AC)
    report = judged(run, ["500 ok\n", "500 ok\n"], "print(500, flush=True)\ninput()\nwhile True:\n    pass\n")
    assert verdicts(report) == [Verdict.TLE, Verdict.TLE]
    report = judged(run, ["500 ok\n"], "print(500, flush=True)\ninput()\nraise SystemExit(3)\n")
    assert verdicts(report) == [Verdict.RE] and report.tests[0].message.startswith("exit code 3")


def test_a_broken_validator_is_a_judge_error(run: JudgeFn) -> None:
    report = judged(run, ["500 crash\n", "500 exit0\n", "7 ok\n"], GUESSER)
    assert verdicts(report) == [Verdict.JE, Verdict.JE, Verdict.AC], [t.message for t in report.tests]
    assert report.tests[0].message.startswith("validator killed by SIGABRT")
    assert report.tests[1].message.startswith("validator exited with 0 (expected 42 or 43)")


def test_a_validator_that_never_finishes_counts_as_rejecting(run: JudgeFn) -> None:
    # problemtools stops both sides at its wall limit and takes a validator still running as 43: after a solution
    # that exited cleanly that is WA, and a solution still running then is TLE
    report = judged(run, ["7 hang-on-eof\n"], "print(500, flush=True)\ninput()\n", time_ms=300)
    assert verdicts(report) == [Verdict.WA] and "gave no verdict" in report.tests[0].message


def exited(code: int, reason: str = "none", cpu_ms: int = 10) -> RunResult:
    return RunResult(status=code << 8, reason=reason, cpu_ms=cpu_ms)


def killed_by(sig: int, reason: str = "none") -> RunResult:
    return RunResult(status=sig, reason=reason)


# problemtools' table, for the endings the tests above cannot stage on demand: (validator, solution, who ended
# first) -> verdict. A validator stopped by a limit or by the judge gave no verdict (problemtools' 43 at its wall).
@pytest.mark.parametrize(
    "validator, solution, validator_first, verdict",
    [
        (exited(43), exited(0), True, Verdict.WA),
        (exited(43), killed_by(signal.SIGKILL, "killed"), True, Verdict.WA),
        (exited(42), exited(0), True, Verdict.AC),
        (
            exited(42),
            exited(0, cpu_ms=1500),
            True,
            Verdict.TLE,
        ),  # over the CPU limit, yet not stopped in time
        (exited(42), killed_by(signal.SIGKILL, "wall"), True, Verdict.TLE),
        (killed_by(signal.SIGKILL, "wall"), killed_by(signal.SIGKILL, "killed"), True, Verdict.TLE),
        (killed_by(signal.SIGKILL, "cpu"), killed_by(signal.SIGKILL, "killed"), True, Verdict.TLE),
        (exited(7), exited(0), True, Verdict.JE),
        (exited(42), exited(0), False, Verdict.AC),
        (exited(43), exited(0), False, Verdict.WA),
        (exited(43), killed_by(signal.SIGSEGV), False, Verdict.RE),
        (exited(7), exited(3), False, Verdict.JE),
        (killed_by(signal.SIGABRT), exited(3), False, Verdict.JE),
        (RunResult(reason="exec:2"), exited(0), False, Verdict.JE),
        (killed_by(signal.SIGKILL, "killed"), killed_by(signal.SIGKILL, "cpu"), False, Verdict.TLE),
        (killed_by(signal.SIGKILL, "wall"), exited(0), False, Verdict.WA),
        (killed_by(signal.SIGKILL, "wall"), exited(1), False, Verdict.RE),
    ],
)
def test_the_decision_table(
    validator: RunResult, solution: RunResult, validator_first: bool, verdict: Verdict
) -> None:
    got, _ = interactive_verdict(
        InteractiveEnds(validator, solution, validator_first),
        "",
        time_limit_ms=1000,
        memory_limit_mb=256,
        wall_limit_ms=3000,
    )
    assert got == verdict
