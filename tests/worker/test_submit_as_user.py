"""`algoitny submit --wait` through a running worker as an ordinary user: the worker and the command both run as
the test user (entered with setpriv), in that user's own ALGOITNY_HOME, judging in the sandbox an ordinary user
gets. Everything else about the fast path is in test_submit_via_worker.py (there as the account pytest runs as)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from algoitny_tui import worker_socket
from tests.judge.sandbox_harness import JudgeEnv, Lab, lab_fixture  # noqa: F401  (the session's Lab)
from tests.worker.test_submit_via_worker import SUBMIT_AND_LIST_MODULES, heavy_modules, masked

PACK_PROBLEM = "algoitny#0001"
SUBMISSIONS = (
    Path(__file__).resolve().parents[2] / "algoitny_tui/problems/builtin/pack/0001-big-a-plus-b/submissions"
)


def submit(env: JudgeEnv, solution: Path, fast: bool) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`algoitny submit PACK_PROBLEM SOLUTION --wait --json` as the environment's user; the process (stderr without
    the module list) and the heavy modules it loaded."""
    extra = {} if fast else {worker_socket.OFF_VARIABLE: "0"}
    args = ["-c", SUBMIT_AND_LIST_MODULES, "submit", PACK_PROBLEM, str(solution), "--wait", "--json"]
    result = subprocess.run(
        env.python_argv(args),
        env=env.environment(extra=extra),
        cwd=env.root,
        capture_output=True,
        text=True,
        timeout=180,
    )
    return result, heavy_modules(result)


@pytest.mark.slow
@pytest.mark.timeout(
    600
)  # a worker and two judges as the ordinary user: ~20 s here, minutes on a loaded machine
def test_an_ordinary_user_submits_through_their_own_worker(lab: Lab) -> None:
    env = lab.env("ordinary", "full", fresh=True)
    sockets = env.algoitny_home / "data" / worker_socket.SOCKET_DIR_NAME
    # as a returning user: the store holds the built-in pack (the first command installs it, ~20 s as this user,
    # which a worker would otherwise do while the first fast-path request waits for it)
    installed = env.algoitny(["problems", "list", "--json"], timeout=400)
    assert installed.returncode == 0 and PACK_PROBLEM in installed.stdout, installed.stderr
    log = env.root / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen(
            env.python_argv(["-m", "algoitny_tui", "worker"]),
            env=env.environment(),
            cwd=env.root,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 300
        while not list(sockets.glob("*.sock")) and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        [path] = list(sockets.glob("*.sock"))
        assert path.stat().st_uid == env.account.uid  # the user's own worker listens, not root's
        # a wrong answer: its verdict comes from the worker's judge, not from anything the fast path decides
        solution = env.solution("float.py", (SUBMISSIONS / "wrong_answer/float.py").read_text())
        fast, fast_modules = submit(env, solution, fast=True)
        slow, slow_modules = submit(env, solution, fast=False)
        assert fast.returncode == slow.returncode == 1, (fast.stderr, slow.stderr, log.read_text())
        assert fast_modules == [], (
            f"the fast path loaded the heavy modules (not through the worker): {log.read_text()}"
        )
        assert "pydantic" in slow_modules  # the guard can fail
        assert masked(fast, True) == masked(slow, True) and fast.stderr == slow.stderr == ""
        assert json.loads(fast.stdout)["verdict"] == "WA"
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=60)
    assert not list(sockets.glob("*.sock"))  # gone with its worker
