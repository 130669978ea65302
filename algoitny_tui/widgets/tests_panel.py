"""The Tests tab of the solve screen: the problem's tests (samples, yours, imported) with each one's last verdict for
the current draft; add, edit, delete, duplicate and mark your tests as samples; run one (`enter`) or all through the
worker (`run_tests_task`, no history); hide accepted tests; generate missing answers (`generate_outputs_task`).

The tests are the problem's stored test cases (`ProblemRepository.add_user_test` and friends): the app and
`algoitny tests` change the same items, which sync like the rest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static

from algoitny_tui.domain import TEST_SOURCE_USER, JobStatus, Problem, TestCase
from algoitny_tui.models import TestResult
from algoitny_tui.verdict_style import VERDICT_STYLE
from algoitny_tui.widgets.run_poller import RunPoller
from algoitny_tui.widgets.test_editor import TestDraft, TestEditor

if TYPE_CHECKING:
    from algoitny_tui.app import AlgoitnyApp
    from algoitny_tui.services.runs import ActiveRun

POLL_S = 0.15
SHOWN_CHARS = 2000
"""Of a test's input, answer and output, the detail pane shows this much."""

Draft = Callable[[], "tuple[str, str] | None"]
"""The editor's code and language, or None when there is nothing to run (the screen says why)."""


@dataclass
class LastRun:
    """A test's last verdict, and the draft (language and code) it was for."""

    verdict: str
    draft_key: str
    time_ms: int | None = None
    message: str = ""
    output: str = ""
    error: str = ""


def draft_key(code: str, language: str) -> str:
    return hashlib.sha256(f"{language}\0{code}".encode("utf-8", "surrogatepass")).hexdigest()


def shown(text: str | None) -> str:
    if text is None:
        return ""
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"… ({len(text)} characters)"


class TestsPanel(Vertical):
    """Given the problem and its tests by `set_tests`; asks `draft` for the code to run."""

    __test__ = False  # not a pytest test class

    DEFAULT_CSS = """
    TestsPanel { height: 1fr; }
    TestsPanel > #tests-summary { height: auto; padding: 0 1; }
    TestsPanel > #tests-progress-row { height: auto; padding: 0 1; }
    TestsPanel > #tests-progress-row > ProgressBar { width: 30; }
    TestsPanel > #tests-progress-row > #tests-progress { width: 1fr; }
    TestsPanel > Horizontal { height: 1fr; }
    TestsPanel DataTable { width: 3fr; height: 100%; }
    TestsPanel #test-detail-box { width: 2fr; height: 100%; border-left: solid $panel-lighten-2; }
    TestsPanel #test-detail { height: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("a", "add", "Add test"),
        Binding("e", "edit", "Edit test"),
        Binding("d", "duplicate", "Duplicate"),
        Binding("delete,x", "delete", "Delete test"),
        Binding("s", "toggle_sample", "Sample"),
        Binding("r", "run_all", "Run all"),
        Binding("h", "toggle_hide_accepted", "Hide AC"),
        Binding("g", "generate_answers", "Generate answers"),
    ]

    @dataclass
    class TestsChanged(Message):
        """The problem's tests as now stored (after a change here): the screen takes them too."""

        __test__ = False
        tests: list[TestCase]
        select: str | None = None
        """A test to highlight once listed (a new one)."""

    @dataclass
    class JobQueued(Message):
        run: ActiveRun

    @dataclass
    class QueueFailed(Message):
        error: str

    def __init__(self, problem_id: str, draft: Draft, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.problem_id = problem_id
        self.draft = draft
        self.problem: Problem | None = None
        self.tests: list[TestCase] = []
        self.last: dict[str, LastRun] = {}
        self.hide_accepted = False
        self.poller = RunPoller(POLL_S, id="tests-poller")
        self._current_key = ""

    @property
    def algoitny(self) -> AlgoitnyApp:
        return cast("AlgoitnyApp", self.app)

    @property
    def platform_number(self) -> tuple[str, str]:
        platform, _, number = self.problem_id.partition("#")
        return platform, number

    def compose(self) -> ComposeResult:
        yield Static("Loading the tests…", id="tests-summary")
        with Horizontal(id="tests-progress-row"):
            yield ProgressBar(total=100, show_eta=False, id="tests-bar")
            yield Static("", id="tests-progress")
        table: DataTable[Any] = DataTable(cursor_type="row", zebra_stripes=True, id="tests-table")
        for label, key in (
            ("test", "test"),
            ("verdict", "verdict"),
            ("time", "time"),
            ("sample", "sample"),
            ("source", "source"),
            ("answer", "answer"),
        ):
            table.add_column(label, key=key)
        with Horizontal():
            yield table
            with VerticalScroll(id="test-detail-box", can_focus=False):
                yield Static("", id="test-detail")
        yield self.poller

    def on_mount(self) -> None:
        self.query_one("#tests-progress-row").display = False

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#tests-table", DataTable)

    # --- what is shown ------------------------------------------------------------------------------------------

    def set_tests(self, problem: Problem, tests: list[TestCase]) -> None:
        self.problem, self.tests = problem, tests
        names = {t.test_case_id for t in tests}
        self.last = {name: run for name, run in self.last.items() if name in names}
        self.render_tests()

    def draft_changed(self) -> None:
        """The editor's text changed: verdicts of the earlier text are shown as such."""
        key = self._draft_key()
        if key != self._current_key and self.last:
            self.render_tests()

    def _draft_key(self) -> str:
        draft = self.draft()
        return draft_key(*draft) if draft else ""

    def current(self, name: str) -> LastRun | None:
        """The test's last run, if it was of the draft now in the editor."""
        last = self.last.get(name)
        return last if last is not None and last.draft_key == self._current_key else None

    def hidden(self, case: TestCase) -> bool:
        last = self.current(case.test_case_id)
        return (
            self.hide_accepted
            and last is not None
            and last.verdict == "AC"
            and case.expected_output is not None
        )

    def render_tests(self) -> None:
        self._current_key = self._draft_key()
        table = self.table
        keep = self.selected_name()
        table.clear()
        for case in self.tests:
            if self.hidden(case):
                continue
            table.add_row(*self._cells(case), key=case.test_case_id)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self._render_summary()
        self.show_detail(self.selected_name())

    def _cells(self, case: TestCase) -> list[Any]:
        last = self.last.get(case.test_case_id)
        verdict: Text | str = ""
        if last is not None:
            word = "ran" if last.verdict == "AC" and case.expected_output is None else last.verdict
            if last.draft_key == self._current_key:
                verdict = Text(word, style=VERDICT_STYLE.get(last.verdict, "") if word != "ran" else "green")
            else:
                verdict = Text(f"{word} (older code)", style="dim")
        answer = Text("yes") if case.expected_output is not None else Text("no answer yet", style="yellow")
        source = "yours" if case.source == TEST_SOURCE_USER else "imported"
        time = f"{last.time_ms} ms" if last is not None and last.time_ms is not None else ""
        return [case.test_case_id, verdict, time, "sample" if case.is_sample else "", source, answer]

    def _render_summary(self) -> None:
        mine = sum(1 for t in self.tests if t.source == TEST_SOURCE_USER)
        unanswered = sum(1 for t in self.tests if t.expected_output is None)
        hidden = sum(1 for t in self.tests if self.hidden(t))
        parts = [f"{len(self.tests)} tests", f"{mine} yours"]
        if unanswered:
            parts.append(f"{unanswered} without an answer (g generates them)")
        if self.hide_accepted:
            parts.append(f"{hidden} accepted hidden (h shows them)")
        keys = "enter run · r run all · a add · e edit · d duplicate · s sample · del delete · h hide AC"
        self.query_one("#tests-summary", Static).update(
            Text.assemble((" · ".join(parts), "bold"), "\n", (keys, "dim"))
        )

    def selected_name(self) -> str | None:
        table = self.table
        if table.row_count == 0 or not 0 <= table.cursor_row < table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    def selected(self) -> TestCase | None:
        name = self.selected_name()
        return next((t for t in self.tests if t.test_case_id == name), None)

    def show_detail(self, name: str | None) -> None:
        case = next((t for t in self.tests if t.test_case_id == name), None)
        detail = self.query_one("#test-detail", Static)
        if case is None:
            if not self.tests:
                detail.update(Text("No tests: a adds one.", style="dim"))
            else:
                detail.update(
                    Text("Every test is accepted by the code in the editor: h shows them.", style="green")
                    if self.table.row_count == 0
                    else ""
                )
            return
        text = Text()
        text.append(f"{case.test_case_id}\n", style="bold")
        text.append("input:\n", style="bold")
        text.append(shown(case.input) or "(empty)\n")
        text.append("expected answer:\n", style="bold")
        text.append(
            shown(case.expected_output) if case.expected_output is not None else "no answer yet\n",
            style="" if case.expected_output is not None else "yellow",
        )
        last = self.current(case.test_case_id)
        if last is not None:
            text.append(f"last run: {last.verdict}", style=VERDICT_STYLE.get(last.verdict, "bold"))
            text.append(f"  {last.message}\n" if last.message else "\n")
            text.append("output:\n", style="bold")
            text.append(shown(last.output) or "(no output)\n")
            if last.error:
                text.append("error output:\n", style="bold")
                text.append(shown(last.error))
        detail.update(text)

    @on(DataTable.RowHighlighted, "#tests-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(str(event.row_key.value) if event.row_key.value is not None else None)

    def action_toggle_hide_accepted(self) -> None:
        self.hide_accepted = not self.hide_accepted
        self.render_tests()

    # --- changing tests -----------------------------------------------------------------------------------------

    def _mine(self) -> TestCase | None:
        case = self.selected()
        if case is None:
            self.notify("No test is selected.", severity="warning")
            return None
        if case.source != TEST_SOURCE_USER:
            self.notify(
                f"{case.test_case_id} came with the problem: it is not changed (importing the problem "
                "again would undo it). d makes a copy of your own.",
                severity="warning",
                timeout=8,
            )
            return None
        return case

    def action_add(self) -> None:
        def added(draft: TestDraft | None) -> None:
            if draft is not None:
                self.change("add", None, draft)

        self.app.push_screen(TestEditor("New test"), added)

    def action_duplicate(self) -> None:
        case = self.selected()
        if case is not None:
            self.change("add", None, TestDraft(case.input, case.expected_output, case.is_sample))

    def action_edit(self) -> None:
        case = self._mine()
        if case is None:
            return

        def edited(draft: TestDraft | None) -> None:
            if draft is not None:
                self.change("edit", case.test_case_id, draft)

        self.app.push_screen(
            TestEditor(
                f"Edit {case.test_case_id}", TestDraft(case.input, case.expected_output, case.is_sample)
            ),
            edited,
        )

    def action_toggle_sample(self) -> None:
        case = self._mine()
        if case is not None:
            self.change(
                "sample", case.test_case_id, TestDraft(case.input, case.expected_output, not case.is_sample)
            )

    def action_delete(self) -> None:
        case = self._mine()
        if case is not None:
            self.change("delete", case.test_case_id, None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="tests-change")
    def change(self, what: str, name: str | None, draft: TestDraft | None) -> None:
        """Store the change, then read the tests back: the list shows what is stored."""
        problems = self.algoitny.repos.problems
        platform, number = self.platform_number
        if what == "add" and draft is not None:
            added = problems.add_user_test(
                platform, number, draft.input, draft.expected_output, sample=draft.sample
            )
            name = added.test_case_id
        elif what == "delete" and name is not None:
            problems.delete_user_test(platform, number, name)
        elif name is not None and draft is not None:
            problems.update_user_test(
                platform,
                number,
                name,
                input=draft.input,
                expected_output=draft.expected_output,
                sample=draft.sample,
            )
        found = problems.get_problem_with_testcases(platform, number)
        if found is not None:
            self.post_message(self.TestsChanged(found[1], name if what == "add" else None))

    def on_tests_panel_tests_changed(self, message: TestsChanged) -> None:
        if self.problem is not None:
            self.set_tests(self.problem, message.tests)
        table = self.table
        if message.select is not None and message.select in table.rows:
            table.move_cursor(row=table.get_row_index(message.select))
        # not stopped: the screen takes the new tests too

    # --- running ------------------------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#tests-table")
    def _run_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.run_tests([str(event.row_key.value)], f"test {event.row_key.value}")

    def action_run_all(self) -> None:
        if not self.tests:
            self.notify("This problem has no tests: a adds one.", severity="warning")
            return
        self.run_tests([t.test_case_id for t in self.tests], "all tests")

    def run_tests(self, names: list[str], title: str) -> None:
        draft = self.draft()
        if draft is None:
            self.notify("Nothing to run: write your solution in the editor first.", severity="warning")
            return
        self.show_progress(f"{title}: queued, waiting for the worker…", 0)
        self.queue_tests(names, title, *draft)

    @work(thread=True, exit_on_error=False, group="tests-queue")
    def queue_tests(self, names: list[str], title: str, code: str, language: str) -> None:
        from algoitny_tui.services.runs import ActiveRun
        from algoitny_tui.worker.client import run_trial

        app = self.algoitny
        try:
            job = run_trial(app.settings, app.repos, self.problem_id, code, language, test_ids=names)
        except Exception as exc:
            self.post_message(self.QueueFailed(f"{title} not queued: {exc}"))
            raise
        by_name = {t.test_case_id: t for t in self.tests}
        chosen = [(n, by_name[n].input, by_name[n].expected_output) for n in names if n in by_name]
        self.post_message(
            self.JobQueued(
                ActiveRun(job.id, "tests", title, tests=chosen, draft_key=draft_key(code, language))
            )
        )

    def action_generate_answers(self) -> None:
        if self.problem is None:
            return
        missing = [t for t in self.tests if t.expected_output is None]
        if not missing:
            self.notify("Every test has an answer.")
            return
        if any(run.kind == "answers" for run in self.poller.runs.values()):
            self.notify("Answers are already being generated.")
            return
        solution: tuple[str, str] | None = None
        if not self.problem.reference_solution:
            solution = self.draft()
            if solution is None:
                self.notify(
                    "This problem has no reference solution: write one in the editor to answer the tests "
                    "with it.",
                    severity="warning",
                    timeout=8,
                )
                return
            self.notify("This problem has no reference solution: your draft answers the tests.", timeout=6)
        who = "the reference solution" if solution is None else "your draft"
        self.show_progress(f"answers for {len(missing)} tests from {who}: queued, waiting for the worker…", 0)
        self.queue_answers(solution)

    @work(thread=True, exit_on_error=False, group="tests-queue")
    def queue_answers(self, solution: tuple[str, str] | None) -> None:
        from algoitny_tui.services.runs import ActiveRun
        from algoitny_tui.worker.client import enqueue_job

        app = self.algoitny
        platform, number = self.platform_number
        params: dict[str, Any] = {"platform": platform, "problem_identifier": number}
        if solution is not None:
            params |= {"solution_code": solution[0], "solution_language": solution[1]}
        try:
            job = enqueue_job(app.settings, app.repos, "generate_outputs_task", params)
        except Exception as exc:
            self.post_message(self.QueueFailed(f"answers not queued: {exc}"))
            raise
        self.post_message(self.JobQueued(ActiveRun(job.id, "answers", "answers")))

    def show_progress(self, message: str | Text, percent: float | None) -> None:
        self.query_one("#tests-progress-row").display = True
        self.query_one("#tests-progress", Static).update(message)
        bar = self.query_one("#tests-bar", ProgressBar)
        bar.display = percent is not None
        if percent is not None:
            bar.update(progress=percent)

    def on_tests_panel_queue_failed(self, message: QueueFailed) -> None:
        self.show_progress(Text(message.error, style="red"), None)

    def on_tests_panel_job_queued(self, message: JobQueued) -> None:
        self.poller.follow(message.run)

    @on(RunPoller.Progress, "#tests-poller")
    def _job_progress(self, message: RunPoller.Progress) -> None:
        message.stop()  # the screen follows runs of its own
        update, run = message.update, message.run
        for line in message.fresh:
            detail = line.detail or {}
            if run.kind == "tests" and line.step == "test" and detail.get("test"):
                self._record(run, detail)
            self.show_progress(f"{run.title}: {line.message}", line.percent)
        if not message.finished:
            if message.fresh and run.kind == "tests":
                self.render_tests()
            return
        result: Mapping[str, Any] = update.job.result or {}
        if update.job.status != JobStatus.COMPLETED or result.get("status") == "error":
            error = update.job.error or result.get("error") or update.job.status.value
            self.show_progress(Text(f"{run.title}: {error}", style="red"), None)
            if run.kind == "answers":
                self.reload()
            return
        if run.kind == "tests":
            self._finish_tests(run, result)
        else:
            failed = result.get("failed") or []
            words = f"{result.get('generated', 0)} answers generated"
            if failed:
                words += f"; {len(failed)} failed ({failed[0].get('test')}: {failed[0].get('message')})"
            self.show_progress(Text(words, style="yellow" if failed else "green"), 100.0)
            self.reload()

    def _record(self, run: ActiveRun, test: Mapping[str, Any]) -> None:
        name = str(test.get("test") or test.get("test_case_id") or "")
        previous = self.last.get(name)
        keep = previous is not None and previous.draft_key == run.draft_key
        self.last[name] = LastRun(
            str(test.get("verdict", "")),
            run.draft_key,
            test.get("time_ms"),
            str(test.get("message") or (previous.message if keep and previous else "")),
            str(test.get("output") or (previous.output if keep and previous else "")),
            str(test.get("stderr") or (previous.error if keep and previous else "")),
        )

    def _finish_tests(self, run: ActiveRun, result: Mapping[str, Any]) -> None:
        names = [name for name, _, _ in run.tests]
        if result.get("verdict") == "CE":
            message = str((result.get("compile") or {}).get("message") or "")
            for name in names:
                self.last[name] = LastRun(
                    "CE", run.draft_key, None, message.splitlines()[0] if message else ""
                )
            self.show_progress(
                Text(f"{run.title}: compile error\n{message[:SHOWN_CHARS]}", style="red"), None
            )
            self.render_tests()
            return
        for test in result.get("tests") or []:
            self._record(run, test)
        verdicts = [self.last[n].verdict for n in names if n in self.last]
        passed = sum(1 for v in verdicts if v == "AC")
        overall = str(result.get("verdict", ""))
        self.show_progress(
            Text.assemble(
                (f"{run.title}: ", "bold"),
                (overall, VERDICT_STYLE.get(overall, "")),
                f"  {passed}/{len(names)} passed",
            ),
            100.0,
        )
        self.render_tests()

    def record_results(self, key: str, results: list[TestResult]) -> None:
        """Verdicts from the editor's other runs (samples, a submission) of the code `key` names."""
        for result in results:
            self.last[result.test_case_id] = LastRun(
                result.verdict, key, result.time_ms, result.message, result.output, result.error or ""
            )
        if results:
            self.render_tests()

    @work(thread=True, exclusive=True, exit_on_error=False, group="tests-reload")
    def reload(self) -> None:
        platform, number = self.platform_number
        found = self.algoitny.repos.problems.get_problem_with_testcases(platform, number)
        if found is not None:
            self.post_message(self.TestsChanged(found[1]))
