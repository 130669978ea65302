"""One submission: its code, its results (with diffs) and its hints; load its code back into the editor."""

from __future__ import annotations

import time
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Markdown, Static, TabbedContent, TabPane, TextArea

from algoitny_tui.models import SearchHistory, TestCase
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.screens.solve import hints_markdown
from algoitny_tui.widgets.code_editor import CodeEditor
from algoitny_tui.widgets.languages import highlight_for, register_extra_languages
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
        tests: list[TestCase]

    def __init__(self, history_id: int) -> None:
        super().__init__()
        self.history_id = history_id
        self.history: SearchHistory | None = None

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="history-title")
        with TabbedContent(id="history-tabs"):
            with TabPane("Code", id="tab-code"):
                code = CodeEditor.code_editor("", id="history-code", read_only=True)
                register_extra_languages(code)
                yield code
            with TabPane("Results", id="tab-history-results"):
                yield ResultsPanel(id="history-results")
            with TabPane("Hints", id="tab-history-hints"):
                yield Markdown("", id="history-hints")
        yield StatusBar()
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        repos = self.algoitny.repos
        history = repos.histories.get_history(self.history_id)
        if history is None:
            raise LookupError(f"history {self.history_id} not found")
        found = repos.problems.get_problem_with_testcases(history.platform, history.problem_number)
        self.post_message(self.Loaded(history, found[1] if found else []))

    def on_history_detail_screen_loaded(self, message: Loaded) -> None:
        history = self.history = message.history
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(history.created_at)) if history.created_at else ""
        self.query_one("#history-title", Static).update(Text.assemble(
            (f"{history.problem_id} {history.problem_title}", "bold"), f"  ·  {history.language}  ·  ",
            (history.verdict, VERDICT_STYLE.get(history.verdict, "")),
            f"  {history.passed_count}/{history.total_count} passed  ·  {when}  ·  #{history.id}"))
        code = self.query_one("#history-code", TextArea)
        code.language = highlight_for(code, history.language)
        code.load_text(history.code)
        by_name = {t.test_case_id: t for t in message.tests}
        panel = self.query_one(ResultsPanel)
        panel.start("Result", [(r.test_case_id, by_name[r.test_case_id].input if r.test_case_id in by_name else "",
                                by_name[r.test_case_id].expected_output if r.test_case_id in by_name else None)
                               for r in history.test_results])
        panel.finish("Result", history)
        self.query_one("#history-hints", Markdown).update(hints_markdown(history.hints))

    def action_edit(self) -> None:
        if self.history is not None:
            history = self.history
            self.dismiss()
            self.algoitny.open_problem(history.problem_id, code=history.code, language=history.language)

    def action_back(self) -> None:
        self.dismiss()
