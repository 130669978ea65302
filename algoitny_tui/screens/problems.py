"""The problem list: filters as you type (title, number, tag) and by platform, level, tag and status; the
highlighted problem's statement beside it. Enter opens it in the editor."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from algoitny_tui.screens.base import AppScreen
from algoitny_tui.services.problem_filter import (
    NEW,
    SOLVED,
    TRIED,
    ProblemFilter,
    ProblemRow,
    apply_filter,
    facets,
)
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.problem_table import HEADER, ProblemTable
from algoitny_tui.widgets.problem_view import ProblemView
from algoitny_tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from algoitny_tui.domain import Problem, TestCase

FILTER_DEBOUNCE_S = 0.08
STORE_REFRESH_DELAY_S = 1.5
STATUS_DELAY_S = 0.1
SELECTS_LATEST_S = 0.5
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
        self._seen_versions = (0, 0)
        self._selects_mounted = False
        self._selects_ready = False

    def compose(self) -> ComposeResult:
        # The selects (each a small tree of widgets) are mounted right after the first frame: see on_mount.
        with Horizontal(id="problem-filters"):
            yield Input(placeholder="Filter: title, number or tag", id="search", compact=True)
        with Horizontal(id="problems-body"):
            with Vertical(id="problems-left"):
                yield Static(HEADER, id="problems-header")
                yield ProblemTable(id="problems")
                yield Static("loading problems…", id="problems-count")
            yield ProblemView(id="preview")
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self._seen_versions = (self.algoitny.problems_version, self.algoitny.histories_version)
        self.load_rows(from_cache=True)
        self.watch(self.app, "problems_version", self._problems_changed, init=False)
        self.watch(self.app, "histories_version", self._histories_changed, init=False)
        self.set_timer(SELECTS_LATEST_S, self._after_first_rows)

    async def _after_first_rows(self) -> None:
        """The filter selects and the solved/tried status: after the frame that shows the first rows (or a moment
        after the start when the rows are slow to come), so they never hold that frame back."""
        if self._selects_mounted:
            return
        self._selects_mounted = True
        filters = self.query_one("#problem-filters", Horizontal)
        self._facets = platforms, levels, tags = facets(self.rows)
        await filters.mount_all(
            [
                Select[str]([(p, p) for p in platforms], prompt="platform", id="platform", compact=True),
                Select[int](
                    [(f"level {d}", d) for d in levels], prompt="level", id="difficulty", compact=True
                ),
                Select[str]([(t, t) for t in tags], prompt="tag", id="tag", compact=True),
                Select[str](
                    [(s, s) for s in (SOLVED, TRIED, NEW)], prompt="status", id="status", compact=True
                ),
            ]
        )
        self._selects_ready = True
        self._update_facets()  # rows that came while they were mounting
        self.load_status(STATUS_DELAY_S)

    # The app's reactives are initialised after the first screen mounts, and that calls these watchers once with
    # the value they already had: only a real change reloads.

    def _problems_changed(self, version: int) -> None:
        if version != self._seen_versions[0]:
            self._seen_versions = (version, self._seen_versions[1])
            self.load_rows(from_cache=False)

    def _histories_changed(self, version: int) -> None:
        if version != self._seen_versions[1]:
            self._seen_versions = (self._seen_versions[0], version)
            self.load_status()

    # --- loading ------------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="rows")
    def load_rows(self, from_cache: bool) -> None:
        from algoitny_tui.services.problem_list import cached_problem_rows, stored_problem_rows

        app = self.algoitny
        cached = None
        if from_cache:
            cached = cached_problem_rows(app.cache_dir)
            if cached:
                self.post_message(self.Rows(cached, "cache"))
                # The store is the truth (another process may have imported problems), but reading it competes
                # with the first keystrokes: let the first screen settle first.
                time.sleep(STORE_REFRESH_DELAY_S)
                if get_current_worker().is_cancelled:
                    return
        stored = stored_problem_rows(app.repos, app.cache_dir)
        if stored != cached:
            self.post_message(self.Rows(stored, "store"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def load_status(self, delay: float = 0.0) -> None:
        from algoitny_tui.services.problem_list import status_map

        time.sleep(delay)
        app = self.algoitny
        self.post_message(self.Status(status_map(app.repos, app.settings.user, app.cache_dir)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def load_preview(self, problem_id: str) -> None:
        import textual.widgets._markdown  # noqa: F401 - imported here, in a thread, not by the UI on the first show

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
        if not self._selects_mounted:
            self.call_after_refresh(self._after_first_rows)

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
        # A Select takes new options only once it is mounted; until then they are made from the rows they mount with.
        if not self._selects_ready:
            return
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
            found = self.query(selector)
            v = found.first(Select).value if found else Select.NULL
            return None if v is Select.NULL else v

        return ProblemFilter(
            text=self.query_one("#search", Input).value,
            platform=value("#platform"),
            difficulty=value("#difficulty"),
            tag=value("#tag"),
            status=value("#status"),
        )

    def apply_filter(self) -> None:
        shown = apply_filter(self.rows, self.current_filter(), self.status_by_problem)
        self.query_one(ProblemTable).set_rows(shown, self.status_by_problem)
        total = len(self.rows)
        self.query_one("#problems-count", Static).update(
            f"{len(shown)} of {total} problems" if len(shown) != total else f"{total} problems"
        )

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
