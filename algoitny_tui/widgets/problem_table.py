"""A virtual list of problems: only the visible lines are rendered, so 10,000 rows scroll and filter smoothly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from algoitny_tui.services.problem_filter import SOLVED, TRIED, ProblemRow

MARKS = {SOLVED: "✓", TRIED: "✗"}


def format_row(row: ProblemRow, status: str | None, width: int) -> str:
    diff = str(row.difficulty) if row.difficulty is not None else "-"
    tags = ", ".join(row.tags)
    head = f" {MARKS.get(status or '', ' ')} {row.id:<18.18} {diff:>2}  {row.tests:>4}  "
    rest = max(0, width - len(head))
    title_w = max(10, min(50, rest * 3 // 5))
    text = f"{head}{row.title:<{title_w}.{title_w}}  {tags}"
    return text[:width].ljust(width)


HEADER = f" {' '} {'problem':<18} {'lv':>2}  {'tests':>4} title"


class ProblemTable(ScrollView, can_focus=True):
    """Rows of problems with a cursor; Enter or a double click opens the one under the cursor."""

    DEFAULT_CSS = """
    ProblemTable { height: 1fr; }
    ProblemTable > .problem-table--cursor { background: $accent 40%; text-style: bold; }
    ProblemTable:focus > .problem-table--cursor { background: $accent; }
    ProblemTable > .problem-table--solved { color: $success; }
    ProblemTable > .problem-table--tried { color: $warning; }
    """
    COMPONENT_CLASSES = {"problem-table--cursor", "problem-table--solved", "problem-table--tried"}
    _base_style: Style | None = None
    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=True),
    ]

    @dataclass
    class Highlighted(Message):
        row: ProblemRow | None

    @dataclass
    class Selected(Message):
        row: ProblemRow

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[ProblemRow] = []
        self.status: Mapping[str, str] = {}

    def set_rows(self, rows: list[ProblemRow], status: Mapping[str, str] | None = None) -> None:
        keep = self.current.id if self.current else None
        self.rows = rows
        if status is not None:
            self.status = status
        self.virtual_size = Size(self.size.width, len(rows))
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0) if keep else 0
        self.cursor = min(index, max(0, len(rows) - 1))
        self.refresh()

    def set_status(self, status: Mapping[str, str]) -> None:
        self.status = status
        self.refresh()

    @property
    def current(self) -> ProblemRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region_row(new)
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def scroll_to_region_row(self, index: int) -> None:
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # one walk up the DOM per render, not one per line
        try:
            return super().render_lines(crop)
        finally:
            self._base_style = None

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self._base_style or self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        status = self.status.get(row.id)
        style: Style = base
        if status in (SOLVED, TRIED):
            style = style + self.get_component_rich_style(f"problem-table--{status}")
        if index == self.cursor:
            style = style + self.get_component_rich_style("problem-table--cursor")
        return Strip([Segment(format_row(row, status, width), style)], width)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def action_cursor(self, delta: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self.rows:
            self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()
