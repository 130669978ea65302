"""Import from the app: whatever `algoitny import` reads (problems.loader.load_any decides and names what is wrong).

A saved page of a layout no local parser knows goes to Gemini when a key is set: the dialog queues
`extract_problem_info_task` and shows the job's progress history as it grows, then the problem.
"""

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

from algoitny_tui.models import JobProgress
from algoitny_tui.screens.base import AppModal

GEMINI_WAIT_S = 600.0
"""How long the dialog follows an extraction job (Gemini's answer takes up to a minute, retries a few more)."""


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

    @dataclass
    class Progress(Message):
        line: str

    _progress: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Static("Import a problem", id="import-title")
            yield Static(
                "A problem package folder (Kattis or Polygon), a folder of tests (.in/.out, in/ + out/, "
                "input1.txt + output1.txt), a competitive-companion .json or cph .prob file, or a saved "
                "Baekjoon / Codeforces / AtCoder page.",
                id="import-help",
            )
            yield Input(
                placeholder="path, e.g. ~/Downloads/problem.html",
                id="import-path",
                validators=[ExistingPath()],
                validate_on=["changed", "submitted"],
            )
            yield Static("", id="import-status")
            yield Static("", id="import-progress")
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
            self.query_one("#import-status", Static).update(
                Text("; ".join(result.failure_descriptions), "red")
            )
            return
        self.query_one("#import-status", Static).update(Text("importing…", "dim"))
        self._progress = []
        self.query_one("#import-progress", Static).display = False
        self.run_import(Path(field.value.strip()).expanduser())

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, path: Path) -> None:
        from algoitny_tui.problems import ProblemFormatError, load_any
        from algoitny_tui.problems.pages import UnknownPageLayout

        try:
            found = load_any(path)
        except UnknownPageLayout as exc:
            self._read_with_gemini(path, exc)
            return
        except ProblemFormatError as exc:  # the user's file, not a bug: said in the dialog
            self.post_message(self.Failed(str(exc)))
            return
        repos = self.algoitny.repos
        ids = []
        for problem, tests in found:
            kept = len(repos.problems.store_problem(problem, tests).kept_user_tests)
            ids.append(
                f"{problem.problem_id} ({len(tests)} tests{f', and your {kept} kept' if kept else ''})"
            )
        self.post_message(self.Done(ids))

    def _read_with_gemini(self, path: Path, error: Exception) -> None:
        """In the import thread: queue the extraction job, pass on its progress lines, then its problem."""
        from algoitny_tui.tasks.extraction import no_key_message
        from algoitny_tui.worker.client import enqueue_job, wait_for_job

        settings = self.algoitny.settings
        if not settings.gemini_key():
            self.post_message(self.Failed(no_key_message(error)))
            return
        repos = self.algoitny.repos
        self.post_message(
            self.Progress("a page layout the local parsers do not know: asking Gemini to read it")
        )
        job = enqueue_job(
            settings, repos, "extract_problem_info_task", {"path": str(path.resolve()), "platform": None}
        )

        def show(line: JobProgress) -> None:
            self.post_message(self.Progress(f"{line.step}: {line.message}"))

        try:
            done = wait_for_job(repos, job.id, timeout_s=GEMINI_WAIT_S, poll_s=0.1, on_progress=show)
        except TimeoutError:
            self.post_message(
                self.Failed(
                    f"job {job.id} is still waiting for a worker after {GEMINI_WAIT_S:g} s: "
                    "see the Jobs screen (f4)"
                )
            )
            return
        result = done.result or {}
        if done.error or result.get("status") == "error":
            self.post_message(self.Failed(f"not imported: {done.error or result.get('error')}"))
            return
        self.post_message(
            self.Done([f"{result.get('problem_id')} ({result.get('tests')} tests, read by Gemini)"])
        )

    def on_import_screen_progress(self, message: Progress) -> None:
        self._progress = [*self._progress, message.line][-8:]  # the latest lines of the history
        shown = self.query_one("#import-progress", Static)
        shown.update(Text("\n".join(self._progress), "dim"))
        shown.display = True  # hidden until a job has progress to show

    def on_import_screen_failed(self, message: Failed) -> None:
        self.query_one("#import-status", Static).update(Text(message.error, "red"))

    def on_import_screen_done(self, message: Done) -> None:
        text = "Imported " + ", ".join(message.ids)
        self.query_one("#import-status", Static).update(Text(text, "green"))
        self.notify(text, title="Import")
        self.algoitny.bump_problems()
