"""File I/O problems: the judge puts each test's input in the named file of the run's directory and checks the
named output file, with real compilers and interpreters; Python runs both with the zygote and without it."""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from algoitny_tui.domain import Limits, Problem, Verdict
from algoitny_tui.judge import run_program
from algoitny_tui.judge.zygote import ZYGOTE_ENV
from tests.judge.conftest import AB_TESTS, JudgeFn, make_problem, make_tests, sandbox_processes

CPP_FREOPEN = """#include <cstdio>
int main() {
    freopen("input.txt", "r", stdin);
    freopen("output.txt", "w", stdout);
    long long a, b;
    scanf("%lld %lld", &a, &b);
    printf("%lld\\n", a + b);
}
"""

PY_FILES = """with open("in.dat") as f:
    a, b = map(int, f.read().split())
print("debug noise on stdout", a, b)
with open("answer.out", "w") as f:
    f.write(f"{a + b}\\n")
"""


def file_problem(
    input_file: str | None = "input.txt",
    output_file: str | None = "output.txt",
    *,
    input_on_stdin: bool = False,
    output_kb: int = 64 * 1024,
) -> Problem:
    problem = make_problem(output_kb=output_kb)
    return replace(
        problem, **{"input_file": input_file, "output_file": output_file, "input_on_stdin": input_on_stdin}
    )


@pytest.fixture(params=["zygote", "exec"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv(ZYGOTE_ENV, "1" if request.param == "zygote" else "0")
    yield request.param
    assert sandbox_processes() == []


def test_cpp_freopen_reads_input_txt_and_writes_output_txt(run: JudgeFn) -> None:
    report = run(file_problem(), AB_TESTS, CPP_FREOPEN, "cpp")
    assert report.verdict == Verdict.AC, [(t.verdict, t.message) for t in report.tests]
    assert report.tests[1].output == b"30\n"  # the output file's content is the answer shown


def test_the_same_cpp_program_fails_a_stdin_problem(run: JudgeFn) -> None:
    # control: the verdict above comes from the files, not from a judge that accepts anything
    report = run(make_problem(), AB_TESTS, CPP_FREOPEN, "cpp")
    assert report.verdict != Verdict.AC


def test_python_with_any_file_names_and_stdout_ignored(run: JudgeFn, mode: str) -> None:
    report = run(file_problem("in.dat", "answer.out"), AB_TESTS, PY_FILES, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 3, [t.message for t in report.tests]
    assert report.tests[0].output == b"3\n"


def test_standard_input_is_empty_unless_the_problem_says_both(run: JudgeFn, mode: str) -> None:
    src = (
        "import sys\nfrom_stdin = sys.stdin.read()\nfrom_file = open('input.txt').read()\n"
        "print(int(from_stdin == from_file))\n"
    )
    tests = make_tests([("1 2\n", "1\n")])
    assert run(file_problem("input.txt", None), tests, src, "python3").verdict == Verdict.WA
    assert (
        run(file_problem("input.txt", None, input_on_stdin=True), tests, src, "python3").verdict == Verdict.AC
    )


def test_output_file_only_with_the_input_on_standard_input(run: JudgeFn, mode: str) -> None:
    src = "a, b = map(int, input().split())\nopen('output.txt', 'w').write(str(a + b) + '\\n')\n"
    assert run(file_problem(None, "output.txt"), AB_TESTS, src, "python3").verdict == Verdict.AC
    printing = "a, b = map(int, input().split())\nprint(a + b)\n"
    report = run(file_problem(None, "output.txt"), AB_TESTS, printing, "python3")
    assert report.verdict == Verdict.WA  # the answer printed to stdout is not read: the file is missing
    assert "no output.txt" in report.tests[0].message


def test_missing_output_file_is_a_wrong_answer_naming_the_file(run: JudgeFn) -> None:
    src = '#include <cstdio>\nint main(){ long long a,b; scanf("%lld %lld",&a,&b); printf("%lld\\n",a+b); }\n'
    report = run(file_problem(None, "output.txt"), AB_TESTS, src, "cpp")
    assert [t.verdict for t in report.tests] == [Verdict.WA] * 3
    assert "no output.txt" in report.tests[0].message and "output.txt" in report.tests[0].message


def test_a_crash_is_reported_before_the_missing_file(run: JudgeFn, mode: str) -> None:
    report = run(file_problem(), make_tests([("1 2\n", "3\n")]), "raise SystemExit(3)\n", "python3")
    assert report.verdict == Verdict.RE


def test_an_output_file_over_the_limit_is_ole_and_not_read_whole(run: JudgeFn, mode: str) -> None:
    src = "open('output.txt', 'w').write('x' * 300_000)\n"  # under the 1 MB file-size floor, over 64 KB
    report = run(file_problem(output_kb=64), make_tests([("1 2\n", "3\n")]), src, "python3")
    assert report.verdict == Verdict.OLE, report.tests[0].message
    assert len(report.tests[0].output) <= 64 * 1024


def test_the_program_may_rewrite_its_input_file(run: JudgeFn, mode: str) -> None:
    # the input file belongs to the run's uid: a program that reads and writes one file (in place) works
    src = "a, b = map(int, open('data.txt').read().split())\nopen('data.txt', 'w').write(f'{a + b}\\n')\n"
    assert run(file_problem("data.txt", "data.txt"), AB_TESTS, src, "python3").verdict == Verdict.AC


def test_run_program_honours_file_io(cache_dir: Path) -> None:
    # custom-input runs and answer generation (generate_outputs_task) go through run_program / ProgramRunner
    problem = file_problem()
    run = run_program(CPP_FREOPEN, "cpp", "4 5\n", Limits(), cache_dir=cache_dir, io=problem.io)
    assert run.verdict == Verdict.AC and run.stdout == b"9\n"
    missing = run_program("int main(){}\n", "cpp", "4 5\n", Limits(), cache_dir=cache_dir, io=problem.io)
    assert missing.verdict == Verdict.WA and "no output.txt" in missing.message


# --- hostile programs ---------------------------------------------------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside every run directory that the judge's own user can read."""
    path = tmp_path / "secret.txt"
    path.write_text(f"SECRET-{secrets.token_hex(8)}\n")
    path.chmod(0o644)
    return path


def test_output_file_as_a_symlink_to_a_secret_is_not_read(run: JudgeFn, mode: str, secret: Path) -> None:
    # the expected answer IS the secret: following the link would make this AC
    src = f"import os\nos.symlink({str(secret)!r}, 'output.txt')\n"
    report = run(file_problem(), make_tests([("1 2\n", secret.read_text())]), src, "python3")
    test = report.tests[0]
    assert test.verdict != Verdict.AC
    assert (
        test.verdict == Verdict.WA and "symbolic link" in test.message
    )  # proves the link was made and refused
    assert secret.read_text().encode() not in test.output


def test_output_file_as_a_symlink_in_cpp(run: JudgeFn, secret: Path) -> None:
    src = f'#include <unistd.h>\nint main() {{ return symlink("{secret}", "output.txt"); }}\n'
    report = run(file_problem(), make_tests([("1 2\n", secret.read_text())]), src, "cpp")
    assert report.tests[0].verdict == Verdict.WA and "symbolic link" in report.tests[0].message


def test_output_file_as_a_fifo_or_directory_does_not_hang_the_judge(run: JudgeFn, mode: str) -> None:
    for make in ("os.mkfifo('output.txt')", "os.mkdir('output.txt')"):
        report = run(file_problem(), make_tests([("1 2\n", "3\n")]), f"import os\n{make}\n", "python3")
        assert report.tests[0].verdict == Verdict.WA and "not a regular file" in report.tests[0].message, make


def test_the_input_file_lands_only_in_the_run_directory(run: JudgeFn, mode: str, tmp_path: Path) -> None:
    # the program sees its input under its own directory, and nothing is left behind in the judge's cwd
    before = set(os.listdir("."))
    src = "import os\nprint(os.path.exists('input.txt') and open('input.txt').read() == '1 2\\n')\n"
    report = run(file_problem("input.txt", None), make_tests([("1 2\n", "True\n")]), src, "python3")
    assert report.verdict == Verdict.AC
    assert set(os.listdir(".")) == before


def test_the_input_file_does_not_count_against_the_run_directory_allowance(
    run: JudgeFn, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the run directory's allowance (256 MB) made small, so a 3 MB input would overflow it if it counted
    from algoitny_tui.judge import runner

    plain = runner.solution_limits
    monkeypatch.setattr(runner, "solution_limits", lambda *a: dataclasses.replace(plain(*a), disk_kb=2048))
    big = "1 " * 1_500_000 + "\n"
    reads = "print(len(open('input.txt').read().split()), file=open('output.txt', 'w'))\n"
    report = run(file_problem(), make_tests([(big, "1500000\n")]), reads, "python3")
    assert report.verdict == Verdict.AC, report.tests[0].message
    # the program's own writes still count: 3 MB more is over the (small) allowance
    writes = reads + "open('junk', 'w').write('x' * 3_000_000)\n"
    report = run(file_problem(), make_tests([(big, "1500000\n")]), writes, "python3")
    assert report.verdict == Verdict.OLE and "into its directory" in report.tests[0].message
