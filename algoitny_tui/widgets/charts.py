"""Small text charts: horizontal bars, and stacked bars of verdicts."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

BLOCKS = " ▏▎▍▌▋▊▉█"
VERDICT_COLOURS = {
    "AC": "green",
    "WA": "red",
    "TLE": "yellow",
    "MLE": "yellow",
    "RE": "magenta",
    "CE": "magenta",
    "OLE": "yellow",
    "JE": "red",
}


def bar(value: float, maximum: float, width: int) -> str:
    """A bar of `width` cells at most, in eighths of a cell."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * min(1.0, value / maximum))
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def stacked_bar(counts: Mapping[str, int], maximum: int, width: int) -> Text:
    """One bar per row, one colour per verdict (AC first)."""
    text = Text()
    if maximum <= 0:
        return text
    order = sorted(counts, key=lambda v: (v != "AC", v))
    for verdict in order:
        cells = round(width * counts[verdict] / maximum)
        if counts[verdict] and cells == 0:
            cells = 1
        text.append("█" * cells, style=VERDICT_COLOURS.get(verdict, "blue"))
    return text
