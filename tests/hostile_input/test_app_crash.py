"""In a real terminal, a bug in the app ends it with the one line `algoitny` prints for a bug and exit 3, the
traceback in the log file: never Textual's traceback over the screen."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.locations import Locations
from tests.terminal import Tmux

# A mock: the app has no known bug to trigger, so the child makes the first step after the first frame fail the
# way a bug does, then runs the real `algoitny app` entry point.
CRASHING_APP = """
import sys
from algoitny_tui import app
def broken(self):
    raise RuntimeError("a bug for the test")
app.AlgoitnyApp._after_first_frame = broken
from algoitny_tui.cli import main
sys.exit(main(["app", "--no-worker", "--no-pack"]))
"""


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux()
    yield session
    session.kill()


def test_a_bug_in_the_app_is_one_line_and_exit_3(tmux: Tmux, tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_APP)
    env = {k: v for k, v in os.environ.items() if k.startswith(("ALGOITNY_", "PATH", "HOME", "TZ", "LANG"))}
    command = " ".join(
        [
            "env",
            *(shlex.quote(f"{k}={v}") for k, v in env.items()),
            "TERM=xterm-256color",
            sys.executable,
            str(script),
        ]
    )
    tmux.start("sh", width=200, height=30)
    status, lines = tmux.run_to_end(command)
    log = Locations.from_env().data_dir / "algoitny.log"
    assert status == 3
    shown = "\n".join(lines)
    assert "Traceback" not in shown and "a bug for the test" in shown
    assert f"the details are in {log}" in shown.replace("\n", "")
    assert "RuntimeError: a bug for the test" in log.read_text()
