"""The app in a real terminal (tmux): type a solution, submit with a key, read the verdict off the screen; then
kill the app with SIGKILL and find the draft on disk. And a worker the app started stops once the app is killed."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import Settings
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.storage.factory import Repositories
from tests.processes import ConsumerProcess
from tests.terminal import Tmux, app_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux()
    yield session
    session.kill()


def process_gone(pid: int) -> bool:
    """Exited (a zombie no one has reaped yet counts: it runs nothing)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def test_the_worker_an_app_started_stops_when_the_app_is_killed(
    settings: Settings, repos: Repositories, tmux: Tmux
) -> None:
    from algoitny_tui.worker.liveness import alive_workers
    from algoitny_tui.worker.tasks import tasks_for

    tmux.run("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", app_command("--no-pack"))
    tmux.wait_for(lambda s: "worker: alive" in s, "the app's own worker")
    workers = alive_workers(tasks_for(settings).huey)
    assert len(workers) == 1, workers
    worker_pid = int(workers[0]["pid"])
    app_pid = tmux.pane_pid()
    assert worker_pid != app_pid and not process_gone(worker_pid)
    os.kill(app_pid, signal.SIGKILL)  # no chance to stop its worker: the worker must notice by itself
    deadline = time.monotonic() + 10
    while not process_gone(worker_pid):
        if time.monotonic() > deadline:
            os.kill(worker_pid, signal.SIGKILL)
            raise AssertionError(f"worker {worker_pid} still running 10 s after its app was killed")
        time.sleep(0.1)


def test_submit_in_a_real_terminal_and_keep_the_draft_after_sigkill(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess, tmux: Tmux
) -> None:
    # exec (app_command): the pane's process is the app itself, so SIGKILL below hits the app and nothing else.
    tmux.run("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", app_command("--no-pack"))
    tmux.wait_for(lambda s: "A+B" in s and "Watermelon" in s, "the problem list")
    tmux.keys("a+b", literal=True)
    tmux.keys("Enter")
    tmux.wait_for(
        lambda s: "^s Submit" in s and "Read two integers" in s and "sys.stdin" in s,
        "the editor with the draft in it",
    )  # editable once the draft (here the template) is in
    tmux.keys("F7")  # select the template, then type over it
    tmux.keys("print(sum(map(int, input().split())))", literal=True)
    tmux.wait_for(lambda s: "print(sum(map(int" in s, "the typed code")
    tmux.keys("C-s")
    screen = tmux.wait_for(lambda s: "Submission: AC Accepted" in s, "the verdict")
    assert "4/4 passed" in screen
    assert "worker: alive" in screen

    tmux.keys("F7")
    tmux.keys("print(42)", literal=True)
    tmux.wait_for(lambda s: "print(42)" in s, "the new code")
    drafts = Drafts(settings.locations.data_dir / "drafts")
    deadline = time.monotonic() + 10
    while drafts.load("baekjoon#1000", "python3") != "print(42)":  # the autosave's short debounce
        assert time.monotonic() < deadline, drafts.load("baekjoon#1000", "python3")
        time.sleep(0.05)
    os.kill(tmux.pane_pid(), signal.SIGKILL)
    assert drafts.load("baekjoon#1000", "python3") == "print(42)"
    assert not list(Path(drafts.root).rglob("*.tmp"))  # no half-written draft left behind


@pytest.mark.skipif(shutil.which("vi") is None, reason="vi is not installed")
def test_ctrl_e_hands_the_terminal_to_vi_and_takes_the_draft_back(
    settings: Settings, repos: Repositories, tmux: Tmux, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real vi, no user vimrc nor viminfo, driven by keys as a user would.
    monkeypatch.setenv("ALGOITNY_EDITOR", "vi -u NONE -i NONE -N")
    tmux.run("new-session", "-d", "-s", "app", "-x", "120", "-y", "40", app_command("--no-pack"))
    tmux.wait_for(lambda s: "A+B" in s and "Watermelon" in s, "the problem list")
    tmux.keys("a+b", literal=True)
    tmux.keys("Enter")
    tmux.wait_for(
        lambda s: "^s Submit" in s and "Read two integers" in s and "sys.stdin" in s,
        "the editor with the draft in it",
    )  # editable once the draft (here the template) is in
    tmux.keys("F7")
    tmux.keys("x = 1", literal=True)
    tmux.wait_for(lambda s: "x = 1" in s, "the typed code")
    tmux.keys("C-e")
    # vi owns the terminal: the app's footer is gone, the draft's text is there, and vi's empty-line marks.
    tmux.wait_for(lambda s: "^s Submit" not in s and "x = 1" in s and "~" in s, "vi on the draft")
    tmux.keys("g", "g", "d", "G", "i")
    tmux.keys("print(7)", literal=True)
    tmux.keys("Escape")
    tmux.keys(":wq", literal=True)
    tmux.keys("Enter")
    screen = tmux.wait_for(lambda s: "^s Submit" in s and "print(7)" in s, "the app again, with vi's text")
    assert "x = 1" not in screen
    draft = Drafts(settings.locations.data_dir / "drafts").path("baekjoon#1000", "python3")
    assert draft.read_text() == "print(7)\n"
