"""Hostile programs: each gets the right verdict, leaves no process behind, and the judge keeps working."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from tests.judge.conftest import (
    AB_TESTS,
    JudgeFn,
    make_problem,
    make_tests,
    processes_with,
    sandbox_processes,
)

ONE = make_tests([("1 2\n", "3\n")])
AB = "a,b=map(int,input().split())\nprint(a+b)\n"


@pytest.fixture(autouse=True)
def nothing_left_and_still_working(run: JudgeFn) -> Iterator[None]:
    yield
    assert sandbox_processes() == []
    after = run(make_problem(), AB_TESTS, AB, "python3")
    assert after.verdict == Verdict.AC


def test_fork_bomb(run: JudgeFn) -> None:
    src = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    report = run(make_problem(time_ms=500), ONE, src, "python3")
    assert report.tests[0].verdict in (Verdict.TLE, Verdict.RE)


def test_fork_bomb_in_c(run: JudgeFn) -> None:
    src = "#include <unistd.h>\nint main(){for(;;) fork();}\n"
    report = run(make_problem(time_ms=500), ONE, src, "c")
    assert report.tests[0].verdict in (Verdict.TLE, Verdict.RE)


def test_memory_bomb_python(run: JudgeFn) -> None:
    src = "a = []\nwhile True:\n    a.append(' ' * 10**6)\n"
    report = run(make_problem(memory_mb=64), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.MLE, report.tests[0].message


def test_memory_bomb_cpp(run: JudgeFn) -> None:
    src = (
        "#include <vector>\nint main(){std::vector<std::vector<char>> v; for(;;) v.emplace_back(1<<20, 1);}\n"
    )
    report = run(make_problem(memory_mb=64), ONE, src, "cpp")
    assert report.tests[0].verdict == Verdict.MLE, report.tests[0].message


def test_infinite_output(run: JudgeFn) -> None:
    src = "import sys\nwhile True:\n    sys.stdout.write('x' * 4096)\n"
    report = run(make_problem(output_kb=1024), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.OLE
    assert len(report.tests[0].output) <= 64 * 1024 and report.tests[0].output_truncated


def test_busy_loop(run: JudgeFn) -> None:
    report = run(make_problem(time_ms=300), ONE, "while True:\n    pass\n", "python3")
    t = report.tests[0]
    assert t.verdict == Verdict.TLE
    assert 300 <= t.time_ms < 1500


def test_sleep(run: JudgeFn) -> None:
    report = run(make_problem(time_ms=200), ONE, "import time\ntime.sleep(100)\n", "python3")
    t = report.tests[0]
    assert t.verdict == Verdict.TLE
    assert "wall" in t.message and t.time_ms < 200


def test_reading_stdin_forever(run: JudgeFn) -> None:
    src = "import sys\nwhile True:\n    sys.stdin.buffer.read(1)\n"
    report = run(make_problem(time_ms=300), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.TLE


def test_closing_stdout_early(run: JudgeFn) -> None:
    src = AB + "import os, sys, time\nsys.stdout.flush()\nos.close(1)\ntime.sleep(0.2)\n"
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.AC


def test_closing_stdout_before_writing(run: JudgeFn) -> None:
    src = "import os\nos.close(1)\n"
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.WA


def test_killing_its_parent(run: JudgeFn) -> None:
    src = (
        "import os, signal\ntry:\n    os.kill(os.getppid(), signal.SIGKILL)\nexcept OSError:\n    pass\n" + AB
    )
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.AC


def test_daemon_does_not_outlive_the_run(run: JudgeFn) -> None:
    marker = f"algoitny-daemon-{uuid.uuid4().hex}"
    src = (
        "import os\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv('/bin/sh', ['/bin/sh', '-c', 'sleep 1000; echo {marker}'])\n"
        "    os._exit(0)\n" + AB
    )
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.AC
    assert processes_with(marker) == []


def test_writing_outside_its_directory(run: JudgeFn) -> None:
    target = Path(f"/tmp/algoitny-escape-{uuid.uuid4().hex}")
    src = (
        "import sys\n"
        f"for path in [{str(target)!r}, '/var/tmp/x-{target.name}', '/dev/shm/x-{target.name}']:\n"
        "    try:\n"
        "        open(path, 'w').write('escaped')\n"
        "        print('wrote', path)\n"
        "    except OSError as e:\n"
        "        print('blocked', e.errno, file=sys.stderr)\n"
        "open('local.txt', 'w').write('ok')\n" + AB  # its own directory stays writable
    )
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.AC, report.tests[0].output
    assert not target.exists()
    assert not Path(f"/var/tmp/x-{target.name}").exists()
    assert not Path(f"/dev/shm/x-{target.name}").exists()


def test_no_network(run: JudgeFn) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    src = (
        "import socket\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
        "    print('connected')\n"
        "except OSError:\n"
        "    print(3)\n"
    )
    try:
        report = run(make_problem(), ONE, src, "python3")
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert report.tests[0].verdict == Verdict.AC, report.tests[0].output


def test_nul_bytes_and_invalid_utf8(run: JudgeFn) -> None:
    src = "import sys\nsys.stdout.buffer.write(b'a\\x00b \\xff\\xfe\\n')\n"
    ok = run(make_problem(), make_tests([("", "a\x00b \udcff\udcfe\n")]), src, "python3")
    assert ok.tests[0].verdict == Verdict.AC
    assert ok.tests[0].output == b"a\x00b \xff\xfe\n"
    wrong = run(make_problem(), make_tests([("", "a\x00b xy\n")]), src, "python3")
    assert wrong.tests[0].verdict == Verdict.WA
    assert "line 1, column 5" in wrong.tests[0].message


def test_no_trailing_newline(run: JudgeFn) -> None:
    report = run(make_problem(), ONE, "a,b=map(int,input().split())\nprint(a+b, end='')\n", "python3")
    assert report.tests[0].verdict == Verdict.AC
    assert report.tests[0].message == ""


def test_megabytes_of_stderr(run: JudgeFn) -> None:
    src = "import sys\nsys.stderr.write('e' * 5_000_000)\n" + AB
    report = run(make_problem(), ONE, src, "python3")
    t = report.tests[0]
    assert t.verdict == Verdict.AC
    assert 64 * 1024 <= len(t.stderr) < 64 * 1024 + 200
    assert "more bytes of stderr cut" in t.stderr


def test_chmod_000_directory_is_cleaned_up(run: JudgeFn) -> None:
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    before = {p.name for p in tmp.glob("algoitny-judge-*")}
    src = (
        "import os\nos.makedirs('d/e')\nopen('d/e/f','w').write('x')\nos.chmod('d/e', 0)\nos.chmod('d', 0)\n"
        + AB
    )
    report = run(make_problem(), ONE, src, "python3")
    assert report.tests[0].verdict == Verdict.AC
    assert {p.name for p in tmp.glob("algoitny-judge-*")} - before == set()


STDIN_WRITER_PY = (
    "import os, stat\n"
    "st = os.fstat(0)\n"
    "refused = 0\n"
    "for attempt in (lambda: os.write(0, b'9 9\\n'), lambda: os.ftruncate(0, 0)):\n"
    "    try:\n"
    "        attempt()\n"
    "    except OSError:\n"
    "        refused += 1\n"
    "a, b = map(int, input().split())\n"
    "print(a + b if refused == 2 and stat.S_ISREG(st.st_mode) and st.st_size == 4 else 'changed')\n"
)
STDIN_WRITER_C = (
    "#include <stdio.h>\n#include <unistd.h>\n#include <sys/stat.h>\n"
    "int main(){struct stat st; fstat(0, &st);\n"
    ' int refused = (write(0, "9 9\\n", 4) < 0) + (ftruncate(0, 0) < 0);\n'
    ' long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 3;\n'
    ' if (refused != 2 || !S_ISREG(st.st_mode) || st.st_size != 4) { puts("changed"); return 0; }\n'
    ' printf("%lld\\n", a + b);}\n'
)


@pytest.mark.parametrize(("language", "source"), [("python3", STDIN_WRITER_PY), ("c", STDIN_WRITER_C)])
def test_the_input_reads_as_a_file_that_the_program_cannot_change(
    run: JudgeFn, language: str, source: str
) -> None:
    """Standard input is a regular file of the input's size (programs read its size, seek, map it), and writing
    or truncating it is refused (the zygote's runs and exec'd runs alike): AC only when both hold and the input it
    then reads is still the test's."""
    report = run(make_problem(), ONE, source, language)
    assert report.tests[0].verdict == Verdict.AC, (report.tests[0].message, report.tests[0].output)
