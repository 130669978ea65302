"""The user's own editor on a draft file: which command (the `editor` setting, then $VISUAL, then $EDITOR, then
vi), and the choice the app asks for when the file and the in-app editor both changed."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from algoitny_tui.screens.base import AppModal

FALLBACK_EDITOR = "vi"


def editor_command(setting: str | None) -> list[str]:
    """The editor as an argument list (`code --wait` is two words); the file name is appended to it."""
    chosen = setting or os.environ.get("VISUAL") or os.environ.get("EDITOR") or FALLBACK_EDITOR
    return shlex.split(chosen)


def run_editor(command: list[str], path: Path) -> str | None:
    """Run the editor on `path` and wait for it; a sentence saying what went wrong, or None."""
    try:
        finished = subprocess.run([*command, str(path)], check=False)
    except FileNotFoundError:
        return f"editor {command[0]!r} not found: set `editor` in settings.toml, or $VISUAL / $EDITOR"
    except OSError as exc:
        return f"editor {command[0]!r} could not start: {exc.strerror}"
    if finished.returncode != 0:
        return f"editor {shlex.join(command)} exited with status {finished.returncode}"
    return None


class KeepWhichDraft(AppModal):
    """The draft file changed outside while the editor here has edits not written to it: which one to keep."""

    DEFAULT_CSS = """
    KeepWhichDraft { align: center middle; }
    KeepWhichDraft > Vertical { width: 70; height: auto; border: thick $warning; background: $surface;
                                padding: 1 2; }
    KeepWhichDraft Horizontal { height: auto; margin-top: 1; }
    KeepWhichDraft Button { margin-right: 2; }
    """
    BINDINGS = [("escape", "keep_mine", "Keep the app's")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]{self.path.name} changed outside the app[/b]\n{self.path}\n\n"
                "The editor here has changes too. Which one do you keep?"
            )
            with Horizontal():
                yield Button("Load the file's", id="keep-file", variant="warning")
                yield Button("Keep the app's (overwrite the file)", id="keep-mine", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("file" if event.button.id == "keep-file" else "mine")

    def action_keep_mine(self) -> None:
        self.dismiss("mine")
