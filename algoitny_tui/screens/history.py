"""Every submission, newest first, filtered by problem, verdict and language; Enter opens one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Select, Static

from algoitny_tui.screens.base import AppScreen
from algoitny_tui.screens.queries import HistoryFilter, HistoryRow
from algoitny_tui.widgets.languages import LANGUAGES
from algoitny_tui.widgets.results_panel import VERDICT_STYLE
from algoitny_tui.widgets.status_bar import StatusBar

VERDICTS = ("AC", "WA", "TLE", "MLE", "RE", "OLE", "CE", "JE")
PAGE_ROWS = 500


class HistoryScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+f", "focus_filter", "Filter"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    @dataclass
    class Rows(Message):
        rows: list[HistoryRow]
        more: bool

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-filters"):
            yield Input(placeholder="Filter: problem id or title", id="history-problem", compact=True)
            yield Select[str]([(v, v) for v in VERDICTS], prompt="verdict", id="history-verdict", compact=True)
            yield Select[str]([(lang.label, lang.name) for lang in LANGUAGES], prompt="language",
                              id="history-language", compact=True)
        table: DataTable[Any] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_column("when", key="when")
        table.add_column("problem", key="problem")
        table.add_column("title", key="title")
        table.add_column("language", key="language")
        table.add_column("verdict", key="verdict")
        table.add_column("passed", key="passed")
        yield table
        yield Static("loading…", id="history-count")
        yield StatusBar()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-table", DataTable).focus()
        self.action_reload()
        self.watch(self.app, "histories_version", lambda _: self.action_reload(), init=False)

    def current_filter(self) -> HistoryFilter:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return None if v is Select.NULL else str(v)

        return HistoryFilter(problem=self.query_one("#history-problem", Input).value.strip(),
                             verdict=value("#history-verdict"), language=value("#history-language"))

    def action_reload(self) -> None:
        self.load(self.current_filter())

    def action_focus_filter(self) -> None:
        self.query_one("#history-problem", Input).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows")
    def load(self, flt: HistoryFilter) -> None:
        from algoitny_tui.screens.queries import history_rows

        app = self.algoitny
        rows, more = history_rows(app.repos, app.settings.user, flt, limit=PAGE_ROWS)
        self.post_message(self.Rows(rows, more))

    def on_history_screen_rows(self, message: Rows) -> None:
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for row in message.rows:
            table.add_row(row.when, row.problem_id, row.title, row.language,
                          Text(row.verdict, style=VERDICT_STYLE.get(row.verdict, "")), f"{row.passed}/{row.total}",
                          key=str(row.id))
        more = f" (the newest {PAGE_ROWS}: narrow the filter to see older ones)" if message.more else ""
        self.query_one("#history-count", Static).update(
            f"{len(message.rows)} submissions{more}" if message.rows else "No submissions yet.")

    @on(Input.Changed, "#history-problem")
    def _filter_typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.2, self.action_reload)

    @on(Select.Changed)
    def _filter_selected(self) -> None:
        self.action_reload()

    @on(DataTable.RowSelected, "#history-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from algoitny_tui.screens.history_detail import HistoryDetailScreen

        if event.row_key.value is not None:
            self.app.push_screen(HistoryDetailScreen(int(event.row_key.value)))
