"""What the user chose in the app and expects back after a restart: the theme, the statement pane's width and
visibility, the editor's soft wrap and tab width. A small JSON file next to settings.toml (prefs.json), written
atomically; the last language per problem lives with the drafts (services/drafts.py).

Kept apart from settings.toml on purpose: the app writes this file on every change, and never rewrites the file the
user edits by hand. A file that cannot be read gives the defaults (the choices are comfort, not data)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from algoitny_tui.atomic_write import write_atomic

PREFS_FILE_NAME = "prefs.json"
STATEMENT_WIDTHS = range(20, 75, 5)
"""The statement pane's width, percent of the screen, in steps of 5."""
TAB_WIDTHS = (2, 4, 8)


@dataclass(frozen=True)
class Prefs:
    theme: str | None = None
    statement_visible: bool = True
    statement_width: int = 40
    soft_wrap: bool = False
    tab_width: int = 4

    def changed(self, **values: Any) -> Prefs:
        return replace(self, **values)


def read_prefs(path: Path) -> Prefs:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    defaults = Prefs()
    values: dict[str, Any] = {}
    for field in fields(Prefs):
        value = data.get(field.name, getattr(defaults, field.name))
        wanted = type(getattr(defaults, field.name))
        if field.name == "theme":
            values["theme"] = value if isinstance(value, str) else None
        elif isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
            values[field.name] = value
    prefs = replace(defaults, **values)
    if prefs.statement_width not in STATEMENT_WIDTHS:
        prefs = replace(prefs, statement_width=defaults.statement_width)
    if prefs.tab_width not in TAB_WIDTHS:
        prefs = replace(prefs, tab_width=defaults.tab_width)
    return prefs


def write_prefs(path: Path, prefs: Prefs) -> None:
    write_atomic(path, json.dumps(asdict(prefs), indent=2) + "\n")
