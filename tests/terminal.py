"""A real terminal for tests: a tmux server of the test's own, keys sent as a person types, the screen read back."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable


class Tmux:
    def __init__(self, session: str = "app") -> None:
        self.socket = f"algoitny-test-{uuid.uuid4().hex[:8]}"
        self.session = session

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, timeout=20
        ).stdout

    def start(self, command: str = "sh", *, width: int = 120, height: int = 40) -> None:
        self.run("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)
        # An escape sequence (F7) followed at once by text can reach the app as one read; a person types slower.
        time.sleep(0.2)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 45.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the terminal shows:\n{text}")
            time.sleep(0.1)

    def pane_pid(self) -> int:
        return int(self.run("list-panes", "-t", self.session, "-F", "#{pane_pid}").strip())

    def run_to_end(self, command: str, *, timeout: float = 60.0) -> tuple[int, list[str]]:
        """Run a command in the pane until it exits: its exit status and the non-empty lines it left on screen.

        The shell prints the status after the command, so nothing depends on when tmux notices a dead pane."""
        # `[ex""it` on the typed line, `[exit N]` only in what the shell prints after the command
        self.keys(f'{command}; echo "[ex""it $?]"', "Enter")
        screen = self.wait_for(lambda text: "[exit " in text, "the command to end", timeout=timeout)
        lines = [line for line in screen.splitlines() if line.strip()]
        status_line = next(line for line in reversed(lines) if line.startswith("[exit "))
        end = lines.index(status_line)
        return int(status_line.removeprefix("[exit ").rstrip("]")), lines[:end]

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


def app_command(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k.startswith(("ALGOITNY_", "PATH", "HOME", "TZ", "LANG"))}
    command = [
        "env",
        *(f"{k}={v}" for k, v in env.items()),
        "TERM=xterm-256color",
        "COLORTERM=truecolor",
        sys.executable,
        "-m",
        "algoitny_tui",
        "app",
        *args,
    ]
    # exec: the pane's process is the app itself, so SIGKILL hits the app and nothing else.
    return "exec " + " ".join(shlex.quote(part) for part in command)
