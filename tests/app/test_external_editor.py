"""The draft in the user's own editor: ctrl+e hands the draft file to `editor` (here a small script that records
what it was given and rewrites the file) and takes the file back; a draft file changed from another window is
reloaded, and when the editor here has edits of its own the app asks which to keep."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.screens.external_editor import KeepWhichDraft, editor_command
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.storage.factory import Repositories
from tests.app.conftest import type_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code


def _editor_script(tmp_path: Path) -> Path:
    """An editor: copies the file it is given to seen.txt (what the app wrote first), then rewrites it."""
    script = tmp_path / "my editor"  # a space in the path: the command must be split and quoted right
    script.write_text(
        '#!/bin/sh\ncp "$1" "$(dirname "$0")/seen.txt"\necho "$1" > "$(dirname "$0")/args.txt"\n'
        'printf "print(42)\\n" > "$1"\n'
    )
    script.chmod(0o755)
    return script


def _settings_with(settings: Settings, **values: Any) -> Settings:
    changed = settings.model_copy(update=values)
    changed.__dict__["locations"] = settings.locations
    return changed


async def test_ctrl_e_opens_the_draft_in_the_editor_and_reloads_it(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    import shlex

    script = _editor_script(tmp_path)
    app = make_app(
        _settings_with(settings, editor=shlex.quote(str(script))), start_worker=False, install_pack=False
    )
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        assert "Edit in $EDITOR" in [command.title for command in app.get_system_commands(screen)]  # palette
        await replace_code(pilot, screen, "x = 1")
        await pilot.press("ctrl+e")
        await wait_for(
            pilot, lambda: screen.editor.text == "print(42)\n", "the editor's text back in the app"
        )
        draft = Drafts(settings.locations.data_dir / "drafts").path("baekjoon#1000", "python3")
        # The editor got the draft file, with the text typed here written to it first.
        assert (tmp_path / "args.txt").read_text().strip() == str(draft)
        assert (tmp_path / "seen.txt").read_text() == "x = 1"
        assert draft.read_text() == "print(42)\n"
        assert draft.name == "python3.py" and draft.parent.name == "baekjoon%231000"
        await pilot.pause(1.2)  # two file checks: the app's own reload is not taken for an outside change
        assert not isinstance(app.screen, KeepWhichDraft)
        await type_text(pilot, "#")
        # Edits after the editor's are the draft's: autosaved over the editor's text, no question asked.
        await wait_for(
            pilot,
            lambda: "#" in draft.read_text() and draft.read_text() == screen.editor.text,
            "the autosave after ctrl+e",
        )
        assert not isinstance(app.screen, KeepWhichDraft)


async def test_an_editor_that_is_not_there_says_so(settings: Settings, repos: Repositories) -> None:
    app = make_app(
        _settings_with(settings, editor="/no/such/editor --wait"), start_worker=False, install_pack=False
    )
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        await replace_code(pilot, screen, "y = 2")
        await pilot.press("ctrl+e")
        await wait_for(
            pilot,
            lambda: any("'/no/such/editor' not found" in n.message for n in app._notifications),
            "the notification",
        )
        assert screen.editor.text == "y = 2"  # nothing lost


def test_the_editor_setting_wins_over_visual_and_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "nvim")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command("code --wait") == ["code", "--wait"]
    assert editor_command(None) == ["nvim"]
    monkeypatch.delenv("VISUAL")
    assert editor_command(None) == ["nano"]
    monkeypatch.delenv("EDITOR")
    assert editor_command(None) == ["vi"]


def _write_outside(path: Path, text: str) -> None:
    """Another window's editor saving the file (a new mtime even on a coarse clock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def test_a_draft_changed_in_another_window_is_reloaded(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        await replace_code(pilot, screen, "a = 1")
        draft = Drafts(settings.locations.data_dir / "drafts").path("baekjoon#1000", "python3")
        await wait_for(pilot, lambda: draft.exists() and draft.read_text() == "a = 1", "the autosave")
        _write_outside(draft, "b = 2\n")
        await wait_for(pilot, lambda: screen.editor.text == "b = 2\n", "the outside text in the editor")
        assert not isinstance(app.screen, KeepWhichDraft)  # nothing here to lose: no question asked


@pytest.mark.parametrize("keep", ["file", "mine"])
async def test_both_changed_asks_which_to_keep(
    settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch, keep: str
) -> None:
    # Edits here stay unsaved long enough for the file to change under them (the autosave is 0.3 s otherwise).
    monkeypatch.setattr("algoitny_tui.screens.solve.AUTOSAVE_S", 60.0)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        draft = Drafts(settings.locations.data_dir / "drafts").path("baekjoon#1000", "python3")
        await replace_code(pilot, screen, "mine = 1")
        assert not draft.exists() or draft.read_text() != "mine = 1"
        _write_outside(draft, "theirs = 2\n")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, KeepWhichDraft) and bool(app.screen.query(Button)),
            "the question",
        )
        assert screen.editor.text == "mine = 1"  # nothing replaced before the answer
        app.screen.query_one(f"#keep-{keep}", Button).press()
        await wait_for(pilot, lambda: app.screen is screen, "the solve screen again")
        wanted = "theirs = 2\n" if keep == "file" else "mine = 1"
        await wait_for(
            pilot,
            lambda: screen.editor.text == wanted and draft.read_text() == wanted,
            "the chosen text in the editor and the file",
        )
        assert isinstance(screen, SolveScreen)
        assert not app.screen.query(Button).filter("#keep-file")
