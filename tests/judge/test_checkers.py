"""Output checks: Kattis default rules, exact mode, Kattis/testlib checker programs, interactive problems."""

from __future__ import annotations

from algoitny_tui.domain import CheckerKind, CheckerSpec, Problem, Verdict
from algoitny_tui.judge.checkers import check_default, check_exact
from tests.judge.conftest import JudgeFn, make_problem, make_tests

DEFAULT = CheckerSpec()


def test_tokens_split_on_exactly_kattis_whitespace() -> None:
    assert check_default(b"1 \t2\v3\f4\r\n", b"1 2 3 4\n", DEFAULT).verdict == Verdict.AC
    # U+00A0 and \x1c are whitespace to str.split() but not to Kattis
    assert check_default(b"1\x1c2\n", b"1 2\n", DEFAULT).verdict == Verdict.WA
    assert check_default("1\u00a02\n".encode(), b"1 2\n", DEFAULT).verdict == Verdict.WA


def test_first_differing_token_with_line_and_column() -> None:
    r = check_default(b"1 2\n3 5 6\n", b"1 2\n3 4 6\n", DEFAULT)
    assert r.verdict == Verdict.WA
    assert r.message == "line 2, column 3: expected '4', got '5'"


def test_extra_and_missing_tokens() -> None:
    extra = check_default(b"1 2 3\n", b"1 2\n", DEFAULT)
    assert (
        extra.verdict == Verdict.WA
        and "extra output '3'" in extra.message
        and "line 1, column 5" in extra.message
    )
    missing = check_default(b"1\n", b"1 2\n", DEFAULT)
    assert missing.verdict == Verdict.WA and "expected '2' but the output ended" in missing.message


def test_whitespace_differs_only_is_accepted_with_a_note() -> None:
    r = check_default(b"1  2\n3\n", b"1 2\n3\n", DEFAULT)
    assert r.verdict == Verdict.AC and r.message == "whitespace differs only"
    # a missing final newline alone is not worth a note
    assert check_default(b"1 2", b"1 2\n", DEFAULT).message == ""


def test_space_change_sensitive() -> None:
    spec = CheckerSpec(space_change_sensitive=True)
    r = check_default(b"1  2\n", b"1 2\n", spec)
    assert r.verdict == Verdict.WA and "whitespace differs" in r.message and "line 1, column 3" in r.message
    assert check_default(b"1 2\n", b"1 2\n", spec).verdict == Verdict.AC


def test_case_sensitivity() -> None:
    sensitive = check_default(b"yes\n", b"YES\n", CheckerSpec(case_sensitive=True))
    assert sensitive.verdict == Verdict.WA and "case differs only" in sensitive.message
    insensitive = check_default(b"yes\n", b"YES\n", CheckerSpec(case_sensitive=False))
    assert insensitive.verdict == Verdict.AC and insensitive.message == "case differs only"


def test_float_tolerances() -> None:
    absolute = CheckerSpec(float_absolute_tolerance=1e-6)
    assert check_default(b"0.3333334\n", b"0.333333333\n", absolute).verdict == Verdict.AC
    assert check_default(b"0.3334\n", b"0.333333333\n", absolute).verdict == Verdict.WA
    relative = CheckerSpec(float_relative_tolerance=1e-6)
    assert check_default(b"1000000.5\n", b"1000000\n", relative).verdict == Verdict.AC
    assert check_default(b"1.5\n", b"1\n", relative).verdict == Verdict.WA
    # only tokens whose expected value parses as a float get tolerance; others compare as text
    assert check_default(b"abc 1.0000001\n", b"abc 1\n", absolute).verdict == Verdict.AC
    assert check_default(b"abd\n", b"abc\n", absolute).verdict == Verdict.WA
    assert check_default(b"x\n", b"1.0\n", absolute).verdict == Verdict.WA
    # without tolerance flags, 1.0 and 1.00 differ
    assert check_default(b"1.00\n", b"1.0\n", DEFAULT).verdict == Verdict.WA


def test_exact_mode() -> None:
    assert check_exact(b"a b\n", b"a b\n").verdict == Verdict.AC
    r = check_exact(b"a  b\n", b"a b\n")
    assert (
        r.verdict == Verdict.WA and "whitespace differs only" in r.message and "line 1, column 3" in r.message
    )


def test_exact_mode_through_judge(run: JudgeFn) -> None:
    problem = make_problem(checker=CheckerSpec(kind=CheckerKind.EXACT))
    report = run(problem, make_tests([("", "3\n")]), "print(3, end='')\n", "python3")
    assert report.verdict == Verdict.WA


KATTIS_VALIDATOR = r"""
import sys
inp, ans, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
want = float(open(ans).read())
got = sys.stdin.read().split()
if len(got) == 1 and abs(float(got[0]) - want) <= 0.5:
    sys.exit(42)
open(feedback + 'judgemessage.txt', 'w').write(f'off by more than 0.5 from {want}')
sys.exit(43)
"""


def test_kattis_output_validator(run: JudgeFn) -> None:
    checker = CheckerSpec(
        kind=CheckerKind.KATTIS, program_entry="validate.py", program_files={"validate.py": KATTIS_VALIDATOR}
    )
    tests = make_tests([("1 2\n", "3\n"), ("10 20\n", "31\n")])
    report = run(
        make_problem(checker=checker), tests, "a,b=map(int,input().split())\nprint(a+b+0.25)\n", "python3"
    )
    assert [t.verdict for t in report.tests] == [Verdict.AC, Verdict.WA]
    assert report.tests[1].message == "off by more than 0.5 from 31.0"


def test_kattis_validator_bad_exit_is_judge_error(run: JudgeFn) -> None:
    checker = CheckerSpec(
        kind=CheckerKind.KATTIS, program_entry="v.py", program_files={"v.py": "import sys\nsys.exit(1)\n"}
    )
    report = run(make_problem(checker=checker), make_tests([("", "1\n")]), "print(1)\n", "python3")
    assert report.verdict == Verdict.JE
    assert "expected 42 or 43" in report.tests[0].message


TESTLIB_LIKE = r"""
#include <cstdio>
#include "mini_testlib.h"
int main(int argc, char** argv) {
    FILE* out = fopen(argv[2], "r"); FILE* ans = fopen(argv[3], "r");
    long long a, b;
    if (fscanf(out, "%lld", &a) != 1) { fprintf(stderr, "wrong output format: no number"); return PE; }
    fscanf(ans, "%lld", &b);
    if (a != b) { fprintf(stderr, "wrong answer: expected %lld, found %lld", b, a); return WA; }
    fprintf(stderr, "ok");
    return OK;
}
"""


def test_testlib_checker_in_cpp_with_header(run: JudgeFn) -> None:
    checker = CheckerSpec(
        kind=CheckerKind.TESTLIB,
        program_entry="check.cpp",
        program_files={"check.cpp": TESTLIB_LIKE, "mini_testlib.h": "enum { OK = 0, WA = 1, PE = 2 };\n"},
    )
    tests = make_tests([("1 2\n", "3\n"), ("1 1\n", "3\n"), ("0 0\n", "0\n")])
    src = "a,b=map(int,input().split())\nprint(a+b if a+b else 'zero')\n"
    report = run(make_problem(checker=checker), tests, src, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC, Verdict.WA, Verdict.WA]
    assert report.tests[1].message == "wrong answer: expected 3, found 2"
    assert report.tests[2].message == "wrong output format: no number"


def test_checker_that_fails_to_compile_is_judge_error_naming_the_file(run: JudgeFn) -> None:
    checker = CheckerSpec(
        kind=CheckerKind.TESTLIB,
        program_entry="broken_checker.cpp",
        program_files={"broken_checker.cpp": "int main( {"},
    )
    report = run(make_problem(checker=checker), make_tests([("", "1\n")]), "print(1)\n", "python3")
    assert report.verdict == Verdict.JE
    assert "broken_checker.cpp" in report.tests[0].message


GUESS_VALIDATOR = r"""
import sys
secret = int(open(sys.argv[1]).read())
for guesses in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        open(sys.argv[3] + 'judgemessage.txt', 'w').write('solution stopped talking')
        sys.exit(43)
    g = int(line)
    if g == secret:
        print('correct', flush=True)
        sys.exit(42)
    print('higher' if g < secret else 'lower', flush=True)
open(sys.argv[3] + 'judgemessage.txt', 'w').write('too many guesses')
sys.exit(43)
"""

GUESSER = """
lo, hi = 1, 1000
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    r = input()
    if r == 'correct':
        break
    if r == 'higher':
        lo = mid + 1
    else:
        hi = mid - 1
"""


def interactive_problem(time_ms: int = 2000) -> Problem:
    return make_problem(
        time_ms=time_ms,
        checker=CheckerSpec(
            kind=CheckerKind.INTERACTIVE, program_entry="v.py", program_files={"v.py": GUESS_VALIDATOR}
        ),
    )


def test_interactive_accepted_and_wrong(run: JudgeFn) -> None:
    tests = make_tests([("7\n", ""), ("999\n", ""), ("500\n", "")])
    report = run(interactive_problem(), tests, GUESSER, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 3
    linear = (
        "for g in range(1, 1001):\n    print(g, flush=True)\n    if input() == 'correct':\n        break\n"
    )
    report = run(interactive_problem(), tests, linear, "python3")
    assert report.tests[0].verdict == Verdict.AC
    assert report.tests[1].verdict == Verdict.WA and report.tests[1].message == "too many guesses"


def test_interactive_deadlock_ends_at_the_wall_limit(run: JudgeFn) -> None:
    # both sides wait to read: the solution never speaks first
    report = run(interactive_problem(time_ms=300), make_tests([("7\n", "")]), "input()\n", "python3")
    assert report.tests[0].verdict == Verdict.TLE


def test_interactive_solution_crash_counts(run: JudgeFn) -> None:
    # the validator is satisfied, but the solution then crashes: RE
    report = run(
        interactive_problem(), make_tests([("7\n", "")]), GUESSER + "raise SystemExit(3)\n", "python3"
    )
    assert report.tests[0].verdict == Verdict.RE
    assert "exit code 3" in report.tests[0].message
