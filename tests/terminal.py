"""A real terminal for tests: a tmux server of the test's own, keys sent as a person types, the screen read back."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Callable


class Tmux:
    def __init__(self, session: str = "app") -> None:
        self.socket = f"algoitny-test-{uuid.uuid4().hex[:8]}"
        self.session = session

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True,
                              timeout=20).stdout

    def start(self, command: str, *, width: int = 120, height: int = 40) -> None:
        self.run("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height), command)
        self.run("set-option", "-t", self.session, "remain-on-exit", "on")  # keep the last screen readable

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

    def pane_dead_status(self) -> int | None:
        """The exit status of the pane's command once it has ended, else None."""
        dead, _, status = self.run("list-panes", "-t", self.session, "-F",
                                   "#{pane_dead} #{pane_dead_status}").strip().partition(" ")
        return int(status) if dead == "1" else None

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)
