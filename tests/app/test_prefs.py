"""Choices made in the app survive a restart: theme, the statement pane's width and visibility, soft wrap, tab
width, and the last language of each problem. Two real app runs on one home directory."""

from __future__ import annotations

import json

from textual.widgets import Select

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.prefs import Prefs, read_prefs
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.problem_view import ProblemView
from tests.app.conftest import wait_for
from tests.app.test_solve_flow import open_a_plus_b


async def test_choices_made_in_one_run_are_there_in_the_next(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"  # what the palette's theme picker does
        screen = await open_a_plus_b(pilot)
        assert screen.editor.soft_wrap is False and screen.editor.indent_width == 4
        await pilot.press("alt+right", "alt+right")  # 40% -> 50%
        await pilot.press("alt+w", "alt+t")  # soft wrap on, tab width 4 -> 8
        await pilot.press("ctrl+o")  # hide the statement
        screen.query_one("#language", Select).value = "cpp"
        await wait_for(pilot, lambda: "#include" in screen.editor.text, "the C++ template")
        await pilot.press("escape")
    saved = json.loads(settings.locations.prefs_file.read_text())
    assert saved == {
        "theme": "nord",
        "statement_visible": False,
        "statement_width": 50,
        "soft_wrap": True,
        "tab_width": 8,
    }

    again = make_app(settings, start_worker=False, install_pack=False)
    async with again.run_test(size=(140, 45)) as pilot:
        assert again.theme == "nord"
        screen = await open_a_plus_b(pilot)
        assert screen.language == "cpp" and "#include" in screen.editor.text
        assert screen.editor.soft_wrap is True and screen.editor.indent_width == 8
        view = screen.query_one("#statement", ProblemView)
        assert view.display is False
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: view.display and view.size.width > 0, "the statement pane")
        assert abs(view.size.width - 70) <= 1  # 50% of 140 columns
    assert read_prefs(settings.locations.prefs_file).statement_visible is True


def test_a_damaged_prefs_file_gives_the_defaults(settings: Settings) -> None:
    path = settings.locations.prefs_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert read_prefs(path) == Prefs()
    path.write_text(json.dumps({"theme": 3, "statement_width": 999, "tab_width": True, "soft_wrap": "yes"}))
    assert read_prefs(path) == Prefs()
    path.write_text(json.dumps({"theme": "dracula", "tab_width": 2}))
    assert read_prefs(path) == Prefs(theme="dracula", tab_width=2)
