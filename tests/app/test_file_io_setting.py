"""The solve screen's file I/O dialog (alt+f): a bad name is refused in place, a good one is stored, shown in the
statement pane, and the next submission (judged by the worker the app starts) reads and writes those files."""

from __future__ import annotations

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.screens.file_io_dialog import FileIODialog
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.storage.factory import Repositories
from tests.app.conftest import screen_text, type_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code

READS_FILES = "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(str(a + b))"


def stored_io(repos: Repositories) -> tuple[str | None, str | None]:
    problem = repos.problems.get_problem("baekjoon", "1000")
    assert problem is not None
    return problem.input_file, problem.output_file


async def test_set_file_io_in_the_app_and_submit(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        assert "File I/O" not in screen_text(app)
        await pilot.press("alt+f")
        await wait_for(pilot, lambda: isinstance(app.screen, FileIODialog), "the file I/O dialog")
        dialog = app.screen
        assert isinstance(dialog, FileIODialog)
        await type_text(pilot, "../input.txt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "is not allowed" in screen_text(app), "the refusal of a path")
        assert app.screen is dialog and stored_io(repos) == (None, None)  # still open, nothing stored

        await pilot.press("ctrl+a", "ctrl+k")  # clear the input, as a user would
        await type_text(pilot, "input.txt")
        await pilot.press("tab")
        await type_text(pilot, "output.txt")
        await pilot.click("#file-io-save")
        await wait_for(pilot, lambda: isinstance(app.screen, SolveScreen), "the dialog to close")
        await wait_for(
            pilot, lambda: stored_io(repos) == ("input.txt", "output.txt"), "the setting to be stored"
        )
        await wait_for(
            pilot,
            lambda: "reads input.txt, writes output.txt" in screen_text(app),
            "the statement pane to show it",
        )

        await replace_code(pilot, screen, READS_FILES)
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the verdict", timeout=90
        )

        # and back to standard I/O: empty names
        await pilot.press("alt+f")
        await wait_for(pilot, lambda: isinstance(app.screen, FileIODialog), "the dialog again")
        await pilot.press("ctrl+a", "ctrl+k", "tab", "ctrl+a", "ctrl+k", "enter")
        await wait_for(pilot, lambda: stored_io(repos) == (None, None), "standard I/O to be stored")
        await wait_for(
            pilot, lambda: "File I/O" not in screen_text(app), "the statement pane to drop the line"
        )


async def test_escape_cancels_and_changes_nothing(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_a_plus_b(pilot)
        await pilot.press("alt+f")
        await wait_for(pilot, lambda: isinstance(app.screen, FileIODialog), "the file I/O dialog")
        await type_text(pilot, "input.txt")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SolveScreen), "the dialog to close")
        assert stored_io(repos) == (None, None)
