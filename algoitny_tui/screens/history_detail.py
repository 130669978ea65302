"""One submission: its code, its results (with diffs) and its hints; load its code back into the editor.

Opening reads just the history item and shows it; the problem's tests (inputs and expected outputs, for the diffs)
are read after it, in a second worker, so a problem with large tests does not hold the screen back."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Markdown, Static, TabbedContent, TabPane, TextArea

from algoitny_tui.domain import TestCase
from algoitny_tui.languages import language
from algoitny_tui.models import SearchHistory
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.screens.solve import hints_markdown
from algoitny_tui.widgets.code_editor import CodeEditor
from algoitny_tui.widgets.highlighting import ensure_highlight
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.results_panel import VERDICT_STYLE, ResultsPanel
from algoitny_tui.widgets.status_bar import StatusBar


class HistoryDetailScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+e", "edit", "Load into editor"),
        Binding("escape", "back", "Back"),
    ]

    @dataclass
    class Loaded(Message):
        history: SearchHistory

    @dataclass
    class Tests(Message):
        tests: list[TestCase]

    def __init__(self, history_id: int) -> None:
        super().__init__()
        self.history_id = history_id
        self.history: SearchHistory | None = None

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="history-title")
        with TabbedContent(id="history-tabs"):
            with TabPane("Code", id="tab-code"):
                yield CodeEditor.code_editor("", id="history-code", read_only=True)
            with TabPane("Results", id="tab-history-results"):
                yield ResultsPanel(id="history-results")
            with TabPane("Hints", id="tab-history-hints"):
                yield Markdown("", id="history-hints")
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        repos = self.algoitny.repos
        history = repos.histories.load_history(self.history_id)
        if history is None:
            raise LookupError(f"history {self.history_id} not found")
        self.post_message(self.Loaded(history))
        found = repos.problems.get_problem_with_testcases(history.platform, history.problem_number)
        if found:
            self.post_message(self.Tests(found[1]))

    def on_history_detail_screen_loaded(self, message: Loaded) -> None:
        history = self.history = message.history
        when = (
            time.strftime("%Y-%m-%d %H:%M", time.localtime(history.created_at)) if history.created_at else ""
        )
        self.query_one("#history-title", Static).update(
            Text.assemble(
                (f"{history.problem_id} {history.problem_title}", "bold"),
                f"  ·  {history.language}  ·  ",
                (history.verdict, VERDICT_STYLE.get(history.verdict, "")),
                f"  {history.passed_count}/{history.total_count} passed  ·  {when}  ·  #{history.id}",
            )
        )
        code = self.query_one("#history-code", TextArea)
        code.language = ensure_highlight(code, language(history.language, self.algoitny.languages).highlight)
        code.load_text(history.code)
        panel = self.query_one(ResultsPanel)
        panel.start("Result", [(r.test_case_id, "", None) for r in history.test_results])
        panel.finish("Result", history)
        self.query_one("#history-hints", Markdown).update(hints_markdown(history))

    def on_history_detail_screen_tests(self, message: Tests) -> None:
        self.query_one(ResultsPanel).set_tests(
            (t.test_case_id, t.input, t.expected_output) for t in message.tests
        )

    def action_edit(self) -> None:
        if self.history is not None:
            history = self.history
            self.dismiss()
            self.algoitny.open_problem(history.problem_id, code=history.code, language=history.language)

    def action_back(self) -> None:
        self.dismiss()
