"""Saving settings from the app's Settings screen edits settings.toml in place: the user's comments, blank lines
and key order survive, and tables the form does not show (a user's language) are kept as written."""

from __future__ import annotations

from textual.widgets import Input, Switch

from algoitny_tui.app import make_app
from algoitny_tui.config import load_settings
from algoitny_tui.locations import Locations
from tests.app.conftest import screen_text, wait_for

USERS_FILE = """\
# My algoitny settings: kept by hand, please keep my notes.
user = "kim"   # the name my submissions carry

# the worker threads I found fastest on this laptop
worker_threads = 3

[languages.mypython]
# my own interpreter flags
extensions = [".py"]
run = ["python3", "-I", "{src}"]
"""


async def test_saving_from_the_settings_screen_keeps_the_users_comments_and_order() -> None:
    path = Locations.from_env().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(USERS_FILE)
    settings = load_settings()
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: app.screen.query("#set-companion-port"), "the settings screen")
        screen = app.screen
        screen.query_one("#set-sync", Switch).value = True
        screen.query_one("#set-companion-port", Input).value = "27222"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Saved to" in screen_text(app), "the saved settings")
    saved = path.read_text()
    for line in USERS_FILE.splitlines():  # every line the user wrote is still there, unchanged
        assert line in saved.splitlines(), line
    # in the user's order, with the form's new values after them
    positions = [saved.index(line) for line in USERS_FILE.splitlines() if line]
    assert positions == sorted(positions)
    assert saved.index("[languages.mypython]") < saved.index("# my own interpreter flags")
    fresh = load_settings()
    assert (fresh.sync, fresh.companion_port, fresh.user, fresh.worker_threads) == ("on", 27222, "kim", 3)
    assert fresh.languages["mypython"].run == ["python3", "-I", "{src}"]
