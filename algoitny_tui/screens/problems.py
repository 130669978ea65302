"""The problem list: filters as you type (title, number, tag) and by platform, level, tag and status; the
highlighted problem's statement beside it. Enter opens it in the editor."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, Select, Static
from textual.worker import get_current_worker

from algoitny_tui.models import Problem, TestCase
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.widgets.problem_filter import (
    NEW,
    SOLVED,
    TRIED,
    ProblemFilter,
    ProblemRow,
    apply_filter,
    facets,
)
from algoitny_tui.widgets.problem_table import HEADER, ProblemTable
from algoitny_tui.widgets.problem_view import ProblemView
from algoitny_tui.widgets.status_bar import StatusBar

FILTER_DEBOUNCE_S = 0.08
STORE_REFRESH_DELAY_S = 1.5
STATUS_DELAY_S = 0.3
PREVIEW_DEBOUNCE_S = 0.15


class ProblemsScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+f", "focus_search", "Filter"),
        Binding("enter", "open", "Open", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    @dataclass
    class Rows(Message):
        rows: list[ProblemRow]
        source: str

    @dataclass
    class Status(Message):
        status: dict[str, str]

    @dataclass
    class Preview(Message):
        problem: Problem | None
        tests: list[TestCase]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ProblemRow] = []
        self.status_by_problem: dict[str, str] = {}
        self._filter_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._facets: tuple[list[str], list[int], list[str]] = ([], [], [])
        self._loaded_from_store = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="problem-filters"):
            yield Input(placeholder="Filter: title, number or tag", id="search", compact=True)
            yield Select[str]([], prompt="platform", id="platform", compact=True)
            yield Select[int]([], prompt="level", id="difficulty", compact=True)
            yield Select[str]([], prompt="tag", id="tag", compact=True)
            yield Select[str]([(s, s) for s in (SOLVED, TRIED, NEW)], prompt="status", id="status", compact=True)
        with Horizontal(id="problems-body"):
            with Vertical(id="problems-left"):
                yield Static(HEADER, id="problems-header")
                yield ProblemTable(id="problems")
                yield Static("loading problems…", id="problems-count")
            yield ProblemView(id="preview")
        yield StatusBar()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self.load_rows(from_cache=True)
        self.load_status(STATUS_DELAY_S)
        self.watch(self.app, "problems_version", self._problems_changed, init=False)
        self.watch(self.app, "histories_version", self._histories_changed, init=False)

    def _problems_changed(self, _: int) -> None:
        self.load_rows(from_cache=False)

    def _histories_changed(self, _: int) -> None:
        self.load_status()

    # --- loading ------------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows")
    def load_rows(self, from_cache: bool) -> None:
        from algoitny_tui.screens.queries import cached_problem_rows, stored_problem_rows

        app = self.algoitny
        if from_cache:
            cached = cached_problem_rows(app.cache_dir)
            if cached:
                self.post_message(self.Rows(cached, "cache"))
                # The store is the truth (another process may have imported problems), but reading it competes
                # with the first keystrokes for the GIL: let the first screen settle first.
                if get_current_worker().is_cancelled:
                    return
                time.sleep(STORE_REFRESH_DELAY_S)
        self.post_message(self.Rows(stored_problem_rows(app.repos, app.cache_dir), "store"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def load_status(self, delay: float = 0.0) -> None:
        from algoitny_tui.screens.queries import status_map

        time.sleep(delay)
        app = self.algoitny
        self.post_message(self.Status(status_map(app.repos, app.settings.user, app.cache_dir)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def load_preview(self, problem_id: str) -> None:
        platform, _, number = problem_id.partition("#")
        found = self.algoitny.repos.problems.get_problem_with_testcases(platform, number)
        problem, tests = found if found else (None, [])
        self.post_message(self.Preview(problem, [t for t in tests if t.is_sample]))

    def on_problems_screen_rows(self, message: Rows) -> None:
        if message.source == "cache" and self._loaded_from_store:
            return
        self._loaded_from_store |= message.source == "store"
        self.rows = message.rows
        self._update_facets()
        self.apply_filter()

    def on_problems_screen_status(self, message: Status) -> None:
        self.status_by_problem = message.status
        table = self.query_one(ProblemTable)
        if self.current_filter().status:
            self.apply_filter()
        else:
            table.set_status(message.status)

    def on_problems_screen_preview(self, message: Preview) -> None:
        self.query_one(ProblemView).show(message.problem, message.tests)

    def _update_facets(self) -> None:
        found = facets(self.rows)
        if found == self._facets:
            return
        self._facets = found
        platforms, levels, tags = found
        self.query_one("#platform", Select).set_options([(p, p) for p in platforms])
        self.query_one("#difficulty", Select).set_options([(f"level {d}", d) for d in levels])
        self.query_one("#tag", Select).set_options([(t, t) for t in tags])

    # --- filtering ----------------------------------------------------------------------------------------------

    def current_filter(self) -> ProblemFilter:
        def value(selector: str) -> Any:
            v = self.query_one(selector, Select).value
            return None if v is Select.NULL else v

        return ProblemFilter(text=self.query_one("#search", Input).value, platform=value("#platform"),
                             difficulty=value("#difficulty"), tag=value("#tag"), status=value("#status"))

    def apply_filter(self) -> None:
        shown = apply_filter(self.rows, self.current_filter(), self.status_by_problem)
        self.query_one(ProblemTable).set_rows(shown, self.status_by_problem)
        total = len(self.rows)
        self.query_one("#problems-count", Static).update(
            f"{len(shown)} of {total} problems" if len(shown) != total else f"{total} problems")

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DEBOUNCE_S, self.apply_filter)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filter()
        self.action_open()

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.apply_filter()

    def on_key(self, event: Any) -> None:
        # Down from the filter box goes to the list: type, then arrow to the problem.
        if event.key == "down" and self.focused is self.query_one("#search", Input):
            self.query_one(ProblemTable).focus()
            event.stop()

    # --- the highlighted and the opened problem -----------------------------------------------------------------

    def on_problem_table_highlighted(self, message: ProblemTable.Highlighted) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if message.row is not None:
            problem_id = message.row.id
            self._preview_timer = self.set_timer(PREVIEW_DEBOUNCE_S, lambda: self.load_preview(problem_id))

    def on_problem_table_selected(self, message: ProblemTable.Selected) -> None:
        self.algoitny.open_problem(message.row.id)

    def action_open(self) -> None:
        row = self.query_one(ProblemTable).current
        if row is not None:
            self.algoitny.open_problem(row.id)

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#search", Input).value = ""
        for select in self.query(Select):
            select.clear()
        self.apply_filter()
