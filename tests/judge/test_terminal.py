"""`algoitny judge` on a terminal (tmux): a readable table of the results once the live progress is done."""

from __future__ import annotations

import os
import shlex
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.terminal import Tmux


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux("judge")
    yield session
    session.kill()


def test_a_terminal_gets_a_table_of_the_results(tmp_path: Path, tmux: Tmux) -> None:
    problem = tmp_path / "sums"
    problem.mkdir()
    for i in range(1, 7):
        (problem / f"{i}.in").write_text(f"{i} {i}\n")
        (problem / f"{i}.ans").write_text(f"{2 * i if i != 4 else 0}\n")
    solution = tmp_path / "sol.py"
    # 0.6 s a test, one at a time: the live progress shows for ~3.5 s, many of tmux's reads on a slow machine
    solution.write_text("import time\na, b = map(int, input().split())\ntime.sleep(0.6)\nprint(a + b)\n")
    env = f"ALGOITNY_HOME={shlex.quote(os.environ['ALGOITNY_HOME'])} ALGOITNY_BUILTIN_PACK=false"
    tmux.start("env PS1='$ ' sh")
    tmux.keys("clear", "Enter")
    command = f"env {env} {shlex.quote(sys.executable)} -m algoitny_tui judge {problem} {solution} --jobs 1"
    statuses: list[tuple[int, list[str]]] = []
    runner = threading.Thread(target=lambda: statuses.append(tmux.run_to_end(command)))
    runner.start()
    live = tmux.wait_for(lambda text: "judging" in text and "/6" in text, "the live progress", timeout=30)
    assert "━" in live  # a progress bar while the tests run
    runner.join(60)
    assert statuses, tmux.screen()
    status, lines = statuses[0]
    assert status == 1  # not accepted
    assert "judging" not in "\n".join(lines)  # the progress display is gone, the table stays
    header = next(line for line in lines if "verdict" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == [
        "test",
        "verdict",
        "time",
        "memory",
        "message",
    ]
    rows = {
        cells[0]: cells
        for cells in (
            [c.strip() for c in line.strip("│ ").split("│")] for line in lines if line.startswith("│")
        )
    }
    assert sorted(rows) == ["1", "2", "3", "4", "5", "6"]
    assert [rows[n][1] for n in "123456"] == ["AC", "AC", "AC", "WA", "AC", "AC"]
    assert rows["4"][4] == "line 1, column 1: expected '0', got '8'"
    assert all(rows[n][2].endswith(" ms") and rows[n][3].endswith(" KB") for n in rows)
    assert "5/6 tests passed" in lines[-1]
