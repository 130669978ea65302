"""Every submission, newest first, filtered by problem, verdict and language; Enter opens one.

The list is paged: the first page is one query of the store's newest-first list (as fast with 100,000 histories as
with 10), and the next page loads when the cursor or the scroll position comes near the end of what is shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static

from algoitny_tui.screens.base import AppScreen
from algoitny_tui.storage.history_summaries import HistoryFilter, HistoryPage
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.results_panel import VERDICT_STYLE
from algoitny_tui.widgets.status_bar import StatusBar

VERDICTS = ("AC", "WA", "TLE", "MLE", "RE", "OLE", "CE", "JE")
PAGE_ROWS = 100
MORE_WHEN_LEFT = 20
"""Rows left below the cursor (or below the view) when the next page is loaded."""


class HistoryScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+f", "focus_filter", "Filter"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    @dataclass
    class Rows(Message):
        page: HistoryPage
        generation: int
        first: bool
        """The first page of this filter: the table is cleared before its rows are added."""

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._cursor: Mapping[str, Any] | None = None
        """Where the next page starts; None when every matching history is shown."""
        self._filter = HistoryFilter()
        self._generation = 0
        """Bumped on each reload: pages of an earlier list are dropped."""
        self._loading = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-filters"):
            yield Input(placeholder="Filter: problem id or title", id="history-problem", compact=True)
            yield Select[str](
                [(v, v) for v in VERDICTS], prompt="verdict", id="history-verdict", compact=True
            )
            yield Select[str](
                [(lang.display_name, lang.name) for lang in self.algoitny.languages.values()],
                prompt="language",
                id="history-language",
                compact=True,
            )
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
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.focus()
        self.action_reload()
        self.watch(self.app, "histories_version", lambda _: self.action_reload(), init=False)
        self.watch(table, "scroll_y", lambda _: self._maybe_more(), init=False)

    def current_filter(self) -> HistoryFilter:
        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return None if v is Select.NULL else str(v)

        return HistoryFilter(
            problem=self.query_one("#history-problem", Input).value.strip(),
            verdict=value("#history-verdict"),
            language=value("#history-language"),
        )

    def action_reload(self) -> None:
        self._filter = self.current_filter()
        self._cursor = None
        self._loading = True
        self._generation += 1
        self.load(self._filter, None, self._generation)

    def action_focus_filter(self) -> None:
        self.query_one("#history-problem", Input).focus()

    @work(thread=True, exit_on_error=False, group="rows")
    def load(self, flt: HistoryFilter, cursor: Mapping[str, Any] | None, generation: int) -> None:
        app = self.algoitny
        page = app.repos.histories.summary_page(app.settings.user, flt, cursor, limit=PAGE_ROWS)
        self.post_message(self.Rows(page, generation, cursor is None))

    def on_history_screen_rows(self, message: Rows) -> None:
        if message.generation != self._generation:
            return  # a page of a list reloaded since (another filter, a new submission)
        self._loading = False
        table = self.query_one("#history-table", DataTable)
        if message.first:
            table.clear()
        for row in message.page.rows:
            if str(row.id) in table.rows:
                continue
            table.add_row(
                row.when,
                row.problem_id,
                row.title,
                row.language,
                Text(row.verdict, style=VERDICT_STYLE.get(row.verdict, "")),
                f"{row.passed}/{row.total}",
                key=str(row.id),
            )
        self._cursor = message.page.cursor
        shown = table.row_count
        if self._cursor is not None:
            text = f"{shown} submissions shown, newest first: scroll down for older ones"
        else:
            text = f"{shown} submissions" if shown else "No submissions yet."
        self.query_one("#history-count", Static).update(text)
        self._maybe_more()

    def _maybe_more(self) -> None:
        """Load the next page when the cursor or the view is near the last row shown (or the view is not full)."""
        if self._cursor is None or self._loading:
            return
        table = self.query_one("#history-table", DataTable)
        bottom = int(table.scroll_y) + table.scrollable_content_region.height
        if max(table.cursor_row, bottom) >= table.row_count - MORE_WHEN_LEFT:
            self._loading = True
            self.load(self._filter, self._cursor, self._generation)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._maybe_more()

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
