"""Import from the app: whatever `algoitny import` reads (problems.loader.load_any decides and names what is wrong)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Input, Static

from algoitny_tui.screens.base import AppModal


class ExistingPath(Validator):
    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure("Type the path of a problem folder, a .json file or a saved .html page.")
        path = Path(value.strip()).expanduser()
        if not path.exists():
            return self.failure(f"{path}: no such file or folder")
        return self.success()  # what kind of file it is, the importer says (one list of kinds, in the loader)


class ImportScreen(AppModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    @dataclass
    class Done(Message):
        ids: list[str]

    @dataclass
    class Failed(Message):
        error: str

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Static("Import a problem", id="import-title")
            yield Static("A problem package folder (Kattis or Polygon), a folder of tests (.in/.out, in/ + out/, "
                         "input1.txt + output1.txt), a competitive-companion .json or cph .prob file, or a saved "
                         "Baekjoon / Codeforces / AtCoder page.", id="import-help")
            yield Input(placeholder="path, e.g. ~/Downloads/problem.html", id="import-path",
                        validators=[ExistingPath()], validate_on=["changed", "submitted"])
            yield Static("", id="import-status")
            with Horizontal(id="import-buttons"):
                yield Button("Import", id="import-go", variant="primary")
                yield Button("Close", id="import-close")
            yield Static(self._companion_line(), id="import-companion")

    def _companion_line(self) -> str:
        listener = self.algoitny.companion
        if listener is not None:
            return f"Competitive companion: listening on 127.0.0.1:{listener.port}; send a problem from the browser."
        return "Competitive companion: off (turn it on in Settings, F9)."

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def _go(self) -> None:
        field = self.query_one("#import-path", Input)
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            self.query_one("#import-status", Static).update(Text("; ".join(result.failure_descriptions), "red"))
            return
        self.query_one("#import-status", Static).update(Text("importing…", "dim"))
        self.run_import(Path(field.value.strip()).expanduser())

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, path: Path) -> None:
        from algoitny_tui.problems import ProblemFormatError, load_any

        try:
            found = load_any(path)
        except ProblemFormatError as exc:  # the user's file, not a bug: said in the dialog
            self.post_message(self.Failed(str(exc)))
            return
        repos = self.algoitny.repos
        ids = []
        for problem, tests in found:
            kept = len(repos.problems.store_problem(problem, tests).kept_user_tests)
            ids.append(f"{problem.problem_id} ({len(tests)} tests{f', and your {kept} kept' if kept else ''})")
        self.post_message(self.Done(ids))

    def on_import_screen_failed(self, message: Failed) -> None:
        self.query_one("#import-status", Static).update(Text(message.error, "red"))

    def on_import_screen_done(self, message: Done) -> None:
        text = "Imported " + ", ".join(message.ids)
        self.query_one("#import-status", Static).update(Text(text, "green"))
        self.notify(text, title="Import")
        self.algoitny.bump_problems()
