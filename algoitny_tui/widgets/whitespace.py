"""Whitespace made visible, and a side-by-side diff of expected and actual output."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

VISIBLE = {" ": "·", "\t": "→", "\r": "␍", "\v": "␋", "\f": "␌"}
MAX_LINES = 200
"""Lines of each side shown; a longer output says how much more there is."""


def visible_whitespace(text: str) -> str:
    """Spaces as ·, tabs as →, line ends as ¶ (so a missing or extra line end shows)."""
    out = "".join(VISIBLE.get(ch, ch) for ch in text)
    return out.replace("\n", "¶\n")


def diff_lines(expected: str, actual: str, limit: int = MAX_LINES) -> list[tuple[str, str, bool]]:
    """(expected line, actual line, differ) pairs, whitespace visible; the last pair says what was cut."""
    left = visible_whitespace(expected).split("\n")
    right = visible_whitespace(actual).split("\n")
    if len(left) > 1 and len(right) > 1 and left[-1] == right[-1] == "":
        left, right = left[:-1], right[:-1]  # both end with a line end: no empty last row
    rows = []
    for i in range(min(max(len(left), len(right)), limit)):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        rows.append((a, b, a != b))
    more = max(len(left), len(right)) - limit
    if more > 0:
        rows.append((f"… {more} more lines", "", False))
    return rows


class DiffView(Static):
    """Expected | actual, line by line, the differing lines marked."""

    DEFAULT_CSS = """
    DiffView { height: auto; }
    """

    def show_diff(self, expected: str, actual: str) -> None:
        table = Table(expand=True, show_edge=False, pad_edge=False, box=None)
        table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("expected", ratio=1, overflow="fold")
        table.add_column("actual", ratio=1, overflow="fold")
        for n, (a, b, differ) in enumerate(diff_lines(expected, actual), start=1):
            style = "bold" if differ else ""
            table.add_row(
                str(n),
                Text(a, style=f"{style} green" if differ else ""),
                Text(b, style=f"{style} red" if differ else ""),
            )
        self.update(table)
