"""Live results of a submission: a row per test filling in as the worker reports it, the overall verdict, and for
a failed test a side-by-side diff (whitespace visible) with the program's error output."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.verdict_style import VERDICT_STYLE, VERDICT_WORDS, describe_score
from algoitny_tui.widgets.whitespace import DiffView

PENDING = "…"


def verdict_text(verdict: str) -> Text:
    return Text(verdict or PENDING, style=VERDICT_STYLE.get(verdict, "dim"))


class ResultsPanel(Vertical):
    """Call `start` when a run is queued, `add_progress` per progress line, `finish` with the stored history."""

    DEFAULT_CSS = """
    ResultsPanel { height: 1fr; }
    ResultsPanel > #verdict { height: auto; padding: 0 1; }
    ResultsPanel > Horizontal { height: 1fr; }
    ResultsPanel DataTable { width: 1fr; height: 100%; }
    ResultsPanel #failure-box { width: 1fr; height: 100%; border-left: solid $panel-lighten-2; }
    ResultsPanel #failure { height: auto; padding: 0 1; }
    ResultsPanel #stderr { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.expected: dict[str, str | None] = {}
        self.inputs: dict[str, str] = {}
        self.results: dict[str, TestResult] = {}

    def compose(self) -> ComposeResult:
        yield Static("No run yet: ctrl+r runs the samples, ctrl+s submits.", id="verdict")
        table: DataTable[Any] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_column("test", key="test")
        table.add_column("verdict", key="verdict")
        table.add_column("time", key="time")
        table.add_column("memory", key="memory")
        table.add_column("message", key="message")
        with Horizontal():
            yield table
            with VerticalScroll(id="failure-box"):
                yield Static("", id="failure")
                yield DiffView(id="diff")
                yield Static("", id="stderr")

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one(DataTable)

    @property
    def verdict_label(self) -> Static:
        return self.query_one("#verdict", Static)

    def start(self, title: str, tests: Iterable[tuple[str, str, str | None]]) -> None:
        """A new run: (name, input, expected output) of every test it will judge, all pending."""
        self.expected, self.inputs, self.results = {}, {}, {}
        table = self.table
        table.clear()
        for name, data, expected in tests:
            self.expected[name] = expected
            self.inputs[name] = data
            table.add_row(name, verdict_text(""), "", "", "", key=name)
        self.verdict_label.update(
            Text.assemble((f"{title}: ", "bold"), ("queued, waiting for the worker…", "dim"))
        )
        self._clear_failure()

    def add_progress(self, detail: Mapping[str, Any]) -> None:
        name = str(detail.get("test", ""))
        if not name:
            return
        verdict = str(detail.get("verdict", ""))
        cells = [verdict_text(verdict), _ms(detail.get("time_ms")), _kb(detail.get("memory_kb")), ""]
        table = self.table
        if name not in table.rows:
            table.add_row(name, *cells, key=name)
            return
        for column, value in zip(("verdict", "time", "memory"), cells, strict=False):
            table.update_cell(name, column, value)

    def running(self, title: str, done: int, total: int) -> None:
        self.verdict_label.update(
            Text.assemble((f"{title}: ", "bold"), (f"judging… {done}/{total}", "yellow"))
        )

    def finish(self, title: str, history: SearchHistory) -> None:
        """A submission's stored history."""
        self.finish_results(
            title,
            history.verdict,
            history.test_results,
            history.passed_count,
            history.total_count,
            history.compile_message,
            history.score,
        )

    def finish_trial(self, title: str, result: Mapping[str, Any]) -> None:
        """A samples-only or custom-input run: the job's result (`run_tests_task`), no history."""
        results = trial_results(result)
        compile_info = result.get("compile") or {}
        score = result.get("score")
        self.finish_results(
            title,
            str(result.get("verdict", "")),
            results,
            sum(r.passed for r in results),
            len(results),
            str(compile_info.get("message") or ""),
            score if isinstance(score, Mapping) else None,
        )

    def finish_results(
        self,
        title: str,
        verdict: str,
        results: list[TestResult],
        passed: int,
        total: int,
        compile_message: str = "",
        score: Mapping[str, Any] | None = None,
    ) -> None:
        self.results = {r.test_case_id: r for r in results}
        for result in results:
            self.add_progress(
                {
                    "test": result.test_case_id,
                    "verdict": result.verdict,
                    "time_ms": result.time_ms,
                    "memory_kb": result.memory_kb,
                }
            )
            if result.test_case_id in self.table.rows:
                self.table.update_cell(result.test_case_id, "message", result.message[:60])
        words = VERDICT_WORDS.get(verdict, verdict)
        summary = Text.assemble(
            (f"{title}: ", "bold"),
            (f"{verdict} {words}", VERDICT_STYLE.get(verdict, "")),
            f"  {passed}/{total} passed",
            f"  {describe_score(score)}" if score else "",
        )
        self.verdict_label.update(summary)
        if compile_message and verdict == "CE":
            self.query_one("#stderr", Static).update(Text(compile_message))
        failed = next((r for r in results if not r.passed), None)
        if failed is not None:
            self.show_test(failed.test_case_id)

    def set_tests(self, tests: Iterable[tuple[str, str, str | None]]) -> None:
        """Inputs and expected outputs that arrived after the results (a stored submission's tests)."""
        for name, data, expected in tests:
            if name in self.results:
                self.inputs[name] = data
                self.expected[name] = expected
        row = self.table.cursor_row
        if self.results and 0 <= row < self.table.row_count:
            self.show_test(str(self.table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value))

    def failed_message(self, message: str) -> None:
        self.verdict_label.update(Text(message, style="bold red"))

    def show_test(self, name: str) -> None:
        result = self.results.get(name)
        if result is None:
            return
        failure = self.query_one("#failure", Static)
        expected = self.expected.get(name)
        head = Text.assemble(
            (f"test {name}: ", "bold"),
            verdict_text(result.verdict),
            f"  {result.message}" if result.message else "",
        )
        failure.update(head)
        diff = self.query_one(DiffView)
        if expected is not None or result.output:
            diff.show_diff(expected or "", result.output)
            diff.display = True
        else:
            diff.display = False
        self.query_one("#stderr", Static).update(
            Text.assemble(("error output:\n", "bold"), result.error) if result.error else ""
        )

    def _clear_failure(self) -> None:
        self.query_one("#failure", Static).update("")
        self.query_one(DiffView).update("")
        self.query_one("#stderr", Static).update("")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.show_test(str(event.row_key.value))


def trial_results(result: Mapping[str, Any]) -> list[TestResult]:
    """The tests of a `run_tests_task` result as TestResults (verdict, time, memory, output, error output)."""
    found = []
    for test in result.get("tests") or []:
        verdict = str(test.get("verdict", ""))
        found.append(
            TestResult(
                test_case_id=str(test.get("test_case_id", "")),
                output=str(test.get("output") or ""),
                passed=verdict == "AC",
                error=test.get("stderr") or None,
                verdict=verdict,
                time_ms=test.get("time_ms"),
                memory_kb=test.get("memory_kb"),
                message=str(test.get("message") or ""),
            )
        )
    return found


def _ms(value: Any) -> str:
    return f"{value} ms" if value is not None else ""


def _kb(value: Any) -> str:
    if value is None:
        return ""
    return f"{int(value) / 1024:.1f} MB" if int(value) >= 1024 else f"{value} KB"
