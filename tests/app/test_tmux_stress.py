"""Stress testing on a real terminal (tmux): `algoitny stress` shows a live progress line (cases, speed, elapsed
time) while it runs and the counterexample after; the app's Stress tab (ctrl+n) shows the worker's progress live and then
the counterexample. The solution is wrong on one input only and sleeps a little per case, so the run lasts long
enough to be seen on any machine (nothing here measures time)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import Settings
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.stress_panel import SETUP_FILE
from tests.terminal import Tmux, app_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

GEN = "import sys\ns = int(sys.argv[1])\nprint(s, s % 7)\n"
BRUTE = "print(sum(map(int, input().split())))\n"
# ~5 s of cases (0.05 s each, two cores) before the difference: the live progress shows for many polls on a slow
# machine
WRONG_AT = 200
SLOW_WRONG = (
    f"import time\na, b = map(int, input().split())\ntime.sleep(0.05)\nprint(a + b + (a == {WRONG_AT}))\n"
)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux("stress")
    yield session
    session.kill()


def test_algoitny_stress_shows_live_progress_then_the_counterexample(tmp_path: Path, tmux: Tmux) -> None:
    problem = tmp_path / "sums"
    problem.mkdir()
    (problem / "1.in").write_text("1 2\n")
    (problem / "1.ans").write_text("3\n")
    for name, text in (("gen.py", GEN), ("brute.py", BRUTE), ("sol.py", SLOW_WRONG)):
        (tmp_path / name).write_text(text)
    env = f"ALGOITNY_HOME={shlex.quote(os.environ['ALGOITNY_HOME'])} ALGOITNY_BUILTIN_PACK=false"
    tmux.start("env PS1='$ ' sh")
    tmux.keys("clear", "Enter")
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env {env} {shlex.quote(sys.executable)} -m algoitny_tui stress "
        f"{problem} sol.py --generator gen.py --brute brute.py --count 1000"
    )
    statuses: list[tuple[int, list[str]]] = []
    runner = threading.Thread(target=lambda: statuses.append(tmux.run_to_end(command, timeout=120)))
    runner.start()
    live = tmux.wait_for(
        lambda text: "stress" in text and "/1000 cases" in text and "cases/s" in text,
        "the live progress line",
        timeout=60,
    )
    assert "━" in live  # a progress bar while the cases run
    runner.join(150)
    assert statuses, tmux.screen()
    status, lines = statuses[0]
    assert status == 1  # a difference was found
    text = "\n".join(lines)
    assert "/1000 cases" not in text  # the progress line is gone, the report stays
    assert any(line.startswith(f"WA on case {WRONG_AT}, seed {WRONG_AT} (") for line in lines), text
    assert f"input again: gen.py {WRONG_AT}" in text
    at = lines.index("--- input")
    assert lines[at + 1] == f"{WRONG_AT} {WRONG_AT % 7}"
    assert lines[lines.index("--- expected (brute force)") + 1] == str(WRONG_AT + WRONG_AT % 7)
    assert lines[lines.index("--- got") + 1] == str(WRONG_AT + WRONG_AT % 7 + 1)


def test_the_stress_tab_shows_the_workers_progress_live(
    settings: Settings, repos: Repositories, tmux: Tmux
) -> None:
    drafts = Drafts(settings.locations.data_dir / "drafts")
    drafts.save("baekjoon#1000", "python3", SLOW_WRONG)  # the editor opens on this draft
    # the tab's setup as the app keeps it: the user wrote these programs in an earlier session
    drafts.save_named(
        "baekjoon#1000", SETUP_FILE, json.dumps({"generator": GEN, "brute": BRUTE, "count": 1000})
    )
    tmux.run("new-session", "-d", "-s", "stress", "-x", "150", "-y", "50", app_command("--no-pack"))
    tmux.wait_for(lambda s: "A+B" in s and "Watermelon" in s, "the problem list")
    tmux.keys("a+b", literal=True)
    tmux.keys("Enter")
    tmux.wait_for(lambda s: "^s Submit" in s and f"(a == {WRONG_AT})" in s, "the editor with the draft")
    tmux.wait_for(lambda s: "worker: alive" in s, "the app's worker")
    tmux.keys("C-o")  # the statement hidden: the tab gets the whole width
    tmux.keys("C-n")  # the Stress tab, its Start button focused
    tmux.wait_for(lambda s: "brute force" in s and "Start" in s, "the Stress tab")
    tmux.keys("Enter")
    live = tmux.wait_for(lambda s: "running: " in s and " cases · " in s, "the live progress", timeout=90)
    line = next(row for row in live.splitlines() if "running: " in row)
    assert "/s ·" in line and " s" in line  # cases, speed, elapsed
    screen = tmux.wait_for(
        lambda s: f"WA on case {WRONG_AT} · seed {WRONG_AT}" in s, "the counterexample", timeout=120
    )
    assert any(line.rstrip().endswith(f"│ {WRONG_AT} {WRONG_AT % 7}") for line in screen.splitlines()), screen
