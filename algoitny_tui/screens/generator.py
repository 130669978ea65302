""" "Write a generator" (alt+g in the editor): a random-input generator for the open problem, to read and save.

The draft comes from tasks/generator_drafts.draft_generator (Gemini's, smoke-run in the sandbox, or a template for
the input's shape), written in a thread: Gemini may take a minute. Saving writes a new file and never overwrites one.
"Add tests" queues `generate_script_task` with the shown draft: the worker runs it N times, stores the inputs as the
problem's tests (answered by the reference solution), and the dialog shows the job's progress, then how many were
added.
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
from textual.widgets import Button, Input, Static, TextArea

from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.judge.languages import get_language
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.screens.base import AppModal
from algoitny_tui.tasks.generator_drafts import GeneratorDraft

MAX_TESTS = 1000
JOB_TIMEOUT_S = 600


class GeneratorScreen(AppModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    @dataclass
    class Drafted(Message):
        draft: GeneratorDraft

    @dataclass
    class Failed(Message):
        error: str

    @dataclass
    class TestsProgress(Message):
        line: JobProgress

    @dataclass
    class TestsAdded(Message):
        job: Job

    def __init__(self, problem: Problem, tests: list[TestCase], language: str) -> None:
        super().__init__()
        self.problem, self.tests, self.language = problem, tests, language
        self.draft: GeneratorDraft | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="generator-dialog"):
            yield Static(
                f"A generator for {self.problem.title or self.problem.problem_id}", id="generator-title"
            )
            yield Static(Text("writing a generator…", "dim"), id="generator-note")
            yield TextArea("", read_only=True, show_line_numbers=True, id="generator-source")
            yield Input(placeholder="save as, e.g. ~/gen.py", id="generator-path")
            with Horizontal(id="generator-buttons"):
                yield Button("Save", id="generator-save", variant="primary", disabled=True)
                yield Input("10", placeholder="N", id="generator-count", type="integer")
                yield Button("Add N tests", id="generator-add-tests", disabled=True)
                yield Button("Close", id="generator-close")
            yield Static("", id="generator-job")

    def on_mount(self) -> None:
        self.write_draft()

    @work(thread=True, exclusive=True, exit_on_error=False, group="generator")
    def write_draft(self) -> None:
        from algoitny_tui.tasks.generator_drafts import draft_generator

        try:
            draft = draft_generator(self.problem, self.language, self.algoitny.settings, tests=self.tests)
        except Exception as exc:  # noqa: BLE001 - said in the dialog; the log keeps the traceback
            import logging

            logging.getLogger(__name__).exception("drafting a generator failed")
            self.post_message(self.Failed(f"no generator: {exc}"))
            return
        self.post_message(self.Drafted(draft))

    def on_generator_screen_drafted(self, message: Drafted) -> None:
        draft = self.draft = message.draft
        self.query_one("#generator-note", Static).update(
            Text(f"{draft.origin} ({draft.language}): {draft.note}")
        )
        self.query_one("#generator-source", TextArea).load_text(draft.source)
        path = self.query_one("#generator-path", Input)
        if not path.value:
            path.value = "gen" + Path(get_language(draft.language).source_name).suffix
        self.query_one("#generator-save", Button).disabled = False
        self.query_one("#generator-add-tests", Button).disabled = False

    def on_generator_screen_failed(self, message: Failed) -> None:
        self.query_one("#generator-note", Static).update(Text(message.error, "red"))

    @on(Input.Submitted, "#generator-path")
    @on(Button.Pressed, "#generator-save")
    def _save(self) -> None:
        from algoitny_tui.tasks.generator_drafts import write_draft

        if self.draft is None:
            return
        raw = self.query_one("#generator-path", Input).value.strip()
        if not raw:
            self.query_one("#generator-note", Static).update(Text("Type a file name to save to.", "red"))
            return
        path = Path(raw).expanduser()
        try:
            write_draft(self.draft, path)
        except FileExistsError:
            self.query_one("#generator-note", Static).update(Text(f"{path} exists: not overwritten", "red"))
            return
        except OSError as exc:
            self.query_one("#generator-note", Static).update(
                Text(f"cannot write {path}: {exc.strerror}", "red")
            )
            return
        self.query_one("#generator-note", Static).update(Text(f"saved {path}", "green"))

    @on(Input.Submitted, "#generator-count")
    @on(Button.Pressed, "#generator-add-tests")
    def _add_tests(self) -> None:
        if self.draft is None:
            return
        raw = self.query_one("#generator-count", Input).value.strip()
        count = int(raw) if raw.isdigit() else 0
        if not 1 <= count <= MAX_TESTS:
            self._job_line(Text(f"How many tests? Give a number from 1 to {MAX_TESTS} (got {raw!r}).", "red"))
            return
        self.query_one("#generator-add-tests", Button).disabled = True
        self._job_line(Text(f"adding {count} tests: queued, waiting for the worker…", "dim"))
        self.queue_tests(self.draft, count)

    def _job_line(self, text: Text) -> None:
        self.query_one("#generator-job", Static).update(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="generator-tests")
    def queue_tests(self, draft: GeneratorDraft, count: int) -> None:
        from algoitny_tui.worker.client import enqueue_job, wait_for_job

        app = self.algoitny
        params = {
            "platform": self.problem.platform,
            "problem_identifier": self.problem.problem_number,
            "count": count,
            "generator_code": draft.source,
            "generator_language": draft.language,
        }
        try:
            job = enqueue_job(app.settings, app.repos, "generate_script_task", params)
            done = wait_for_job(
                app.repos,
                job.id,
                timeout_s=JOB_TIMEOUT_S,
                poll_s=0.1,
                on_progress=self._post_progress,
            )
        except Exception as exc:  # noqa: BLE001 - said in the dialog
            self.post_message(self.Failed(f"tests not added: {exc}"))
            return
        self.post_message(self.TestsAdded(done))

    def _post_progress(self, line: JobProgress) -> None:
        self.post_message(self.TestsProgress(line))

    def on_generator_screen_tests_progress(self, message: TestsProgress) -> None:
        line = message.line
        percent = f"{line.percent:.0f}% " if line.percent is not None else ""
        self._job_line(Text(f"adding tests: {percent}{line.message}"))

    def on_generator_screen_tests_added(self, message: TestsAdded) -> None:
        from algoitny_tui.domain import JobStatus

        job, result = message.job, message.job.result or {}
        self.query_one("#generator-add-tests", Button).disabled = False
        if job.status is not JobStatus.COMPLETED or result.get("status") == "error":
            error = job.error or result.get("error") or job.status.value
            self._job_line(Text(f"tests not added (job {job.id[:12]}): {error}", "red"))
            return
        text = f"added {result.get('inputs', 0)} tests (job {job.id[:12]})"
        if result.get("note"):
            text += f"; {result['note']}"
        self._job_line(Text(text, "green"))
        self.algoitny.bump_problems()  # the problem list's test counts

    @on(Button.Pressed, "#generator-close")
    def action_close(self) -> None:
        self.dismiss()
