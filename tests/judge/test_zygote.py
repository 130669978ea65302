"""Python runs forked from the zygote behave as a fresh `python3 main.py` does: each case runs with the zygote and
without it (ALGOITNY_JUDGE_ZYGOTE=0) and must give the same verdict."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import TestReport
from algoitny_tui.judge.zygote import ZYGOTE_ENV
from tests.judge.conftest import JudgeFn, make_problem, make_tests, sandbox_processes

AB = "a, b = map(int, input().split())\nprint(a + b)\n"


def my_zygotes() -> list[str]:
    """Zygotes this test process started and left running (others' judges on this machine have their own)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if f"\nPPid:\t{os.getpid()}\n" in status and b"algoitny_spawn" in cmd:
            found.append(pid)
    return found


@pytest.fixture(params=["zygote", "exec"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv(ZYGOTE_ENV, "1" if request.param == "zygote" else "0")
    yield request.param
    assert sandbox_processes() == []
    assert my_zygotes() == []  # the zygote ends with judge()


def one(
    run: JudgeFn, src: str, stdin: str = "1 2\n", expected: str | None = "3\n", **problem: int
) -> TestReport:
    report = run(make_problem(**problem), make_tests([(stdin, expected)]), src, "python3")
    return report.tests[0]


def test_the_zygote_is_used_unless_switched_off(run: JudgeFn, mode: str) -> None:
    # the zygote's boot code is the -c argument; the plain start's is a few lines without algoitny_spawn
    seen: list[list[str]] = []
    src = "import sys\nprint(any('algoitny_spawn' in a for a in sys.orig_argv))\n"
    report = run(
        make_problem(),
        make_tests([("", None)]),
        src,
        "python3",
        on_result=lambda _: seen.append(my_zygotes()),
    )
    assert report.tests[0].output == (b"True\n" if mode == "zygote" else b"False\n")
    assert len(seen[0]) == (1 if mode == "zygote" else 0)  # running while judging, gone after (the fixture)


@pytest.mark.parametrize(
    "read",
    [
        "int(input())",
        "int(sys.stdin.readline())",
        "sum(map(int, sys.stdin.buffer.read().split()))",
        "sum(map(int, sys.stdin))",
        "sum(map(int, open(0).read().split()))",
    ],
)
def test_main_guard_and_stdin_forms(run: JudgeFn, mode: str, read: str) -> None:
    src = f"import sys\ndef main():\n    print({read} + 1)\nif __name__ == '__main__':\n    main()\n"
    t = one(run, src, "41\n", "42\n")
    assert t.verdict == Verdict.AC, t.stderr


def test_stdin_keeps_carriage_returns(run: JudgeFn, mode: str) -> None:
    # as at a fresh start: newline="\n", so "\r\n" is not translated
    t = one(run, "import sys\nprint(repr(sys.stdin.read()))\n", "1\r\n2\n", None)
    assert t.output == b"'1\\r\\n2\\n'\n"


def test_fresh_interpreter_state(run: JudgeFn, mode: str) -> None:
    src = (
        "import sys, os\n"
        "assert __name__ == '__main__' and __doc__ is None and __file__.endswith('main.py'), __file__\n"
        "assert sys.argv == [__file__], sys.argv\n"
        "assert sys.getrecursionlimit() == 1000\n"
        "assert not {'ctypes', '_socket', 'gc', 'resource'} & set(sys.modules), sorted(sys.modules)\n"
        "assert sorted(k for k in globals() if not k.startswith('__')) == ['os', 'sys']\n"
        "assert os.environ['HOME'] == os.environ['TMPDIR'] == os.getcwd(), (os.environ, os.getcwd())\n"
        "assert sys.stdin is sys.__stdin__ and sys.stdout is sys.__stdout__ and sys.stderr.line_buffering\n"
        "assert (sys.stdout.encoding, sys.stdin.errors, sys.stderr.errors) == ('utf-8', 'surrogateescape', 'backslashreplace')\n"
        "assert not sys.stdout.line_buffering and sys.stdin.buffer.raw.name == '<stdin>'\n"
        "print('ok')\n"
    )
    t = one(run, src, "", "ok\n")
    assert t.verdict == Verdict.AC, t.stderr


def test_nothing_of_the_judge_is_reachable(run: JudgeFn, mode: str) -> None:
    # only stdin/stdout/stderr are open (no control socket, no result pipe), and /proc shows this run alone
    src = (
        "import os\n"
        "print(sorted(int(f) for f in os.listdir('/proc/self/fd'))[:3], os.getpid(), os.getppid())\n"
        "print(sorted(p for p in os.listdir('/proc') if p.isdigit()))\n"
    )
    t = one(run, src, "", None)
    fds, procs = t.output.decode().splitlines()
    assert fds == "[0, 1, 2] 2 1"
    assert procs == "['1', '2']"
    # exactly one fd beyond 0-2: the one listdir itself opened
    t = one(run, "import os\nprint(len(os.listdir('/proc/self/fd')))\n", "", "4\n")
    assert t.verdict == Verdict.AC, t.output


@pytest.mark.parametrize("exit_call", ["exit()", "quit()", "sys.exit()", "sys.exit(0)", "raise SystemExit"])
def test_clean_exits_flush_output(run: JudgeFn, mode: str, exit_call: str) -> None:
    t = one(run, f"import sys\n{AB}{exit_call}\nprint('not reached')\n")
    assert t.verdict == Verdict.AC, (t.output, t.stderr)


def test_exit_code_is_kept(run: JudgeFn, mode: str) -> None:
    t = one(run, f"import sys\n{AB}sys.exit(3)\n")
    assert t.verdict == Verdict.RE and t.message.startswith("exit code 3"), t.message
    t = one(run, "import sys\nsys.exit('bad input')\n")
    assert t.verdict == Verdict.RE and t.message == "exit code 1: bad input", t.message
    t = one(run, "raise SystemExit(256 + 7)\n")
    assert t.message.startswith("exit code 7"), t.message


def test_uncaught_exception_has_its_traceback(run: JudgeFn, mode: str) -> None:
    t = one(run, "def f():\n    raise ValueError('boom')\nprint('partial')\nf()\n")
    assert t.verdict == Verdict.RE and t.message == "exit code 1: ValueError: boom", t.message
    assert t.stderr.startswith("Traceback (most recent call last):\n")
    assert 'main.py", line 4, in <module>' in t.stderr and 'main.py", line 2, in f' in t.stderr
    assert t.output == b"partial\n"  # printed before the crash, flushed at exit


def test_syntax_error_is_a_compile_error(run: JudgeFn, mode: str) -> None:
    # byte-compiled before any run, in the zygote's judge as in the plain one: CE, nothing runs
    report = run(make_problem(), make_tests([("1 2\n", "3\n")]), "a, b = 1, 2\nprint('x'\n", "python3")
    assert report.verdict == Verdict.CE and report.tests == []
    assert report.compile.message.startswith('File "main.py", line 2'), report.compile.message
    assert "SyntaxError: '(' was never closed" in report.compile.message


def test_keyboard_interrupt_dies_of_sigint(run: JudgeFn, mode: str) -> None:
    t = one(run, "raise KeyboardInterrupt\n")
    assert t.verdict == Verdict.RE and t.message.startswith("killed by SIGINT"), t.message


def test_big_output_is_flushed_at_exit(run: JudgeFn, mode: str) -> None:
    n = 200_000
    t = one(run, f"for i in range({n}):\n    print(i)\n", "", "".join(f"{i}\n" for i in range(n)))
    assert t.verdict == Verdict.AC, t.message


def test_own_files_and_atexit_are_flushed(run: JudgeFn, mode: str) -> None:
    src = (
        "import atexit, sys\n"
        "out = open(1, 'w', closefd=False)\n"  # never flushed or closed: exit flushes it
        "out.write('1\\n')\n"
        "atexit.register(lambda: print(3))\n"
        "print(2)\n"
    )
    t = one(run, src, "", None)
    assert t.verdict == Verdict.AC and sorted(t.output.split()) == [b"1", b"2", b"3"], (t.output, t.stderr)


def test_os_exit_skips_flushing_as_usual(run: JudgeFn, mode: str) -> None:
    t = one(run, "import os, sys\nprint(1)\nsys.stdout.flush()\nprint(2)\nos._exit(0)\n", "", None)
    assert t.verdict == Verdict.AC and t.output == b"1\n"
    t = one(run, "import os\nos._exit(5)\n", "", None)
    assert t.verdict == Verdict.RE and t.message.startswith("exit code 5")


def test_threads_are_joined_at_exit(run: JudgeFn, mode: str) -> None:
    src = (
        "import threading, time\n"
        "def work():\n"
        "    time.sleep(0.05)\n"
        "    print('from thread')\n"
        "threading.Thread(target=work).start()\n"
        "print('main done')\n"
    )
    t = one(run, src, "", "main done\nfrom thread\n")
    assert t.verdict == Verdict.AC, (t.output, t.stderr)


def test_threads_get_the_usual_stack_under_a_large_memory_limit(run: JudgeFn, mode: str) -> None:
    # the run's stack limit is the memory limit (512 MB here); a thread sized from it would not fit under the
    # memory limit, not even one: three at once must start, as on an ordinary machine (8 MB of stack each, and
    # glibc's 64 MB malloc arena each, which is why not more)
    src = (
        "import threading\n"
        "gate = threading.Barrier(4)\n"
        "threads = [threading.Thread(target=gate.wait) for _ in range(3)]\n"
        "for t in threads:\n    t.start()\n"
        "gate.wait()\n"
        "print(len(threads))\n"
    )
    t = one(run, src, "", "3\n", memory_mb=512)
    assert t.verdict == Verdict.AC, (t.message, t.stderr[-500:])


def test_threading_with_a_big_stack(run: JudgeFn, mode: str) -> None:
    # the usual trick for deep recursion: a thread with a big stack
    src = (
        "import sys, threading\n"
        "sys.setrecursionlimit(10**6)\n"
        "threading.stack_size(256 * 1024 * 1024)\n"
        "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
        "def main():\n    print(f(100000))\n"
        "t = threading.Thread(target=main)\nt.start()\nt.join()\n"
    )
    t = one(run, src, "", "100000\n", memory_mb=1024, time_ms=5000)
    assert t.verdict == Verdict.AC, (t.message, t.stderr[-500:])


def test_deep_recursion_on_the_main_thread(run: JudgeFn, mode: str) -> None:
    src = (
        "import sys\nsys.setrecursionlimit(10**6)\n"
        "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(200000))\n"
    )
    t = one(run, src, "", "200000\n", memory_mb=512, time_ms=5000)
    assert t.verdict == Verdict.AC, (t.message, t.stderr[-500:])


def test_default_recursion_limit_still_applies(run: JudgeFn, mode: str) -> None:
    src = "def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(5000))\n"
    t = one(run, src, "", None)
    assert t.verdict == Verdict.RE and "RecursionError" in t.message, t.message


def test_each_test_gets_its_own_random_seed(run: JudgeFn, mode: str) -> None:
    tests = make_tests([("", None)] * 4)
    report = run(make_problem(), tests, "import random\nprint(random.getrandbits(64))\n", "python3")
    outputs = [t.output for t in report.tests]
    assert len(set(outputs)) == 4, outputs


def test_cpu_time_and_memory_are_the_runs_own(run: JudgeFn, mode: str) -> None:
    src = (
        "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass\n"
        "x = bytearray(40 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1\nprint(1)\n"
    )
    t = one(run, src, "", "1\n")
    assert t.verdict == Verdict.AC
    assert 200 <= t.time_ms < 1000
    assert 40 * 1024 <= t.memory_kb < 90 * 1024


def test_memory_limit_holds(run: JudgeFn, mode: str) -> None:
    t = one(run, "a = []\nwhile True:\n    a.append(' ' * 10**6)\n", "", None, memory_mb=64)
    assert t.verdict == Verdict.MLE, t.message


def test_writes_stay_in_the_runs_directory(run: JudgeFn, mode: str) -> None:
    # the zygote's mount namespace keeps the sandbox root writable: a run must still not reach a sibling
    src = (
        "import os\n"
        "open('mine', 'w').write('x')\n"
        "here = os.getcwd()\n"
        "parent = os.path.dirname(here)\n"
        "siblings = [f'{parent}/run-{i}' for i in range(1, 8)]\n"
        "for target in [parent + '/x', '/tmp/x'] + [s + '/x' for s in siblings if s != here]:\n"
        "    try:\n"
        "        open(target, 'w').write('x')\n"
        "        print('wrote', target)\n"
        "    except OSError:\n"
        "        pass\n"
        "print('done')\n"
    )
    report = run(make_problem(), make_tests([("", "done\n")] * 3), src, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 3, [t.output for t in report.tests]


def test_a_zygote_that_cannot_start_falls_back_to_exec(
    run: JudgeFn, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "libbroken.so"
    broken.write_text("not a library")
    monkeypatch.setattr("algoitny_tui.judge.zygote.helper_library", lambda _: broken)
    src = "import sys\nprint(any('algoitny_spawn' in a for a in sys.orig_argv))\n"
    report = run(make_problem(), make_tests([("", "False\n")] * 2), src, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 2
    assert my_zygotes() == []
