"""Pick, edit, submit, see the verdict; wrong answers with their diff; hints; samples and custom input: the app
with a real worker process that it starts itself (and stops when it quits)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.message import Message
from textual.widgets import Markdown

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings, load_settings
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.problem_table import ProblemTable
from algoitny_tui.widgets.run_poller import RunPoller
from algoitny_tui.widgets.tests_panel import TestsPanel
from algoitny_tui.worker.launcher import worker_alive
from tests.app.conftest import A_PLUS_B, screen_text, type_text, wait_for
from tests.gemini_server import FakeGemini


async def open_a_plus_b(pilot: Any) -> SolveScreen:
    app = pilot.app
    await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
    await type_text(pilot, "a+b")
    # The filter is debounced: wait for it rather than for a fixed time (CI machines are slow and loaded).
    await wait_for(
        pilot,
        lambda: [r.id for r in app.screen.query_one(ProblemTable).rows] == ["baekjoon#1000"],
        "the filtered list",
    )
    assert "1 of 2 problems" in screen_text(app)
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
        "the solve screen",
    )
    screen = app.screen
    assert isinstance(screen, SolveScreen)
    return screen


async def replace_code(pilot: Any, screen: SolveScreen, code: str) -> None:
    screen.editor.focus()
    await pilot.press("f7")  # select all
    await type_text(pilot, code)


async def submit_a_wrong_answer(pilot: Any) -> SolveScreen:
    """Open A+B, submit `print(0)` and wait for its WA."""
    screen = await open_a_plus_b(pilot)
    await replace_code(pilot, screen, "print(0)")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: "Submission: WA Wrong answer" in screen_text(pilot.app), "the verdict")
    return screen


async def test_pick_edit_submit_and_see_every_test_fill_in(settings: Settings, repos: Repositories) -> None:
    messages: list[Message] = []
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45), message_hook=messages.append) as pilot:
        screen = await open_a_plus_b(pilot)
        # the statement beside the editor (its Markdown renders a moment after the problem is in)
        await wait_for(pilot, lambda: "Read two integers" in screen_text(app), "the statement")
        # each test takes 1 s (asleep), so the job runs for many of the screen's polls even on a loaded machine
        code = "import time\ntime.sleep(1.0)\n" + A_PLUS_B.strip()
        await replace_code(pilot, screen, code)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the verdict")
        text = screen_text(app)
        assert "4/4 passed" in text
        for name in ("sample/1", "secret/2", "secret/3", "secret/4"):
            assert re.search(rf"{name}\s+AC\s+\d+ ms", text), name
        # Live: the results came in as progress reports before the history was read.
        updates = [m for m in messages if isinstance(m, RunPoller.Progress) and m.poller.id == "solve-poller"]
        assert any(u.fresh and u.update.history is None for u in updates)
        assert updates[-1].update.history is not None and updates[-1].update.history.verdict == "AC"
        # The draft is on disk, per problem and language.
        assert Drafts(settings.locations.data_dir / "drafts").load("baekjoon#1000", "python3") == code
        stored, _ = repos.histories.list_user_histories("tester")
        assert [h.verdict for h in stored] == ["AC"]
        assert worker_alive(settings)
    assert not worker_alive(settings)  # the worker the app started has stopped with it


async def test_wrong_answer_shows_the_diff_then_hints_level_by_level(
    settings: Settings, repos: Repositories
) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await submit_a_wrong_answer(pilot)
        # The first failed test side by side, line ends visible.
        await wait_for(pilot, lambda: "1¶" in screen_text(app) and "0¶" in screen_text(app), "the diff")
        text = screen_text(app)
        assert "0/4 passed" in text
        assert "expected" in text and "actual" in text
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "Hint 1" in screen_text(app), "the first hint")
        assert "Hint 2" not in screen_text(app)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "Hint 2" in screen_text(app), "the next hint")
        stored = repos.histories.list_user_histories("tester")[0][0]
        assert stored.hints is not None and len(stored.hints) == 2


async def test_ctrl_g_with_an_unknown_gemini_model_shows_an_offline_hint_and_why(
    gemini: FakeGemini, settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real key whose model Gemini does not know (the retired gemini-1.5-flash answered exactly this): the user
    still gets a hint, and one line says why it is not Gemini's. The worker the app starts uses the real SDK."""
    gemini.script(
        (
            404,
            "models/gemini-1.5-flash is not found for API version v1beta, or is not supported for "
            "generateContent.",
        )
    )
    monkeypatch.setenv("ALGOITNY_GEMINI_MODEL", "gemini-1.5-flash")  # read by the worker the app starts
    settings = load_settings(
        settings.locations
    )  # the fake's key and endpoint, from the fixture's environment
    assert settings.gemini_key() and settings.gemini_endpoint == gemini.endpoint
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await submit_a_wrong_answer(pilot)
        await pilot.press("ctrl+g")
        note = "Gemini: model not found (gemini_model = gemini-1.5-flash); offline hint shown"
        await wait_for(pilot, lambda: "Hint 1 (offline)" in screen_text(app), "the offline hint")
        # on screen (the pane wraps its end), and whole in the Hints tab's text
        await wait_for(pilot, lambda: note[:60] in screen_text(app), "the one-line reason")
        assert f"> {note}" in screen.query_one("#hints", Markdown).source
        assert "no hint" not in screen_text(app)
    stored = repos.histories.list_user_histories("tester")[0][0]
    assert (
        stored.hints
        and len(stored.hints) == 1
        and stored.hint_engines == ["offline"]
        and stored.hint_note == note
    )
    assert [r.model for r in gemini.requests] == ["gemini-1.5-flash"]  # asked once: a 404 is not retried


async def test_samples_only_and_custom_input_run_through_the_queue(
    settings: Settings, repos: Repositories
) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        await replace_code(pilot, screen, A_PLUS_B.strip())
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: "Samples: AC Accepted" in screen_text(app), "the samples' verdict")
        assert "1/1 passed" in screen_text(app)
        screen.query_one("#custom-input").load_text("20 22\n")  # type: ignore[attr-defined]
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: "output:" in screen_text(app), "the custom run's output")
        assert "42" in screen_text(app)
        await app.workers.wait_for_complete()
    # Both ran as run_tests_task jobs: no history, no extra problem, no extra user.
    assert repos.histories.list_user_histories("tester")[0] == []
    assert [p.problem_id for p in repos.problems.iter_problems()] == ["baekjoon#1000", "codeforces#4A"]
    jobs = repos.jobs.list_jobs(limit=10)
    assert sorted(j.kind for j in jobs) == ["run_tests_task", "run_tests_task"]
    assert all(j.user_identifier == "tester" for j in jobs)


async def test_code_loaded_from_history_is_not_overwritten_by_a_pending_autosave(
    settings: Settings, repos: Repositories
) -> None:
    from algoitny_tui.screens.solve import AUTOSAVE_S

    drafts = Drafts(settings.locations.data_dir / "drafts")
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        await replace_code(pilot, screen, "print(1)")  # typed: its debounced autosave is still pending
        assert drafts.load("baekjoon#1000", "python3") != "print(1)"
        app.open_problem(
            "baekjoon#1000", code="print(42)\n", language="python3"
        )  # history's "load into editor"
        await wait_for(pilot, lambda: screen.editor.text == "print(42)\n", "the loaded code")
        assert app.screen is screen  # the problem's editor, not a second one with a draft of its own
        await pilot.pause(AUTOSAVE_S * 3)  # long after the cancelled autosave would have written "print(1)"
        await app.workers.wait_for_complete()
        assert screen.editor.text == "print(42)\n"
        assert drafts.load("baekjoon#1000", "python3") == "print(42)\n"
        # A save already handed to a thread when code is loaded is dropped too.
        screen.save_draft("python3", "print(7)", screen._draft_generation - 1)
        await app.workers.wait_for_complete()
        assert drafts.load("baekjoon#1000", "python3") == "print(42)\n"
    assert drafts.load("baekjoon#1000", "python3") == "print(42)\n"


async def test_a_problem_opens_on_its_last_submission(settings: Settings, repos: Repositories) -> None:
    """Submitted in one session, opened in the next: the results, the Tests tab's verdicts (the editor holds the
    same code) and ctrl+g work on that submission without submitting again."""
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await submit_a_wrong_answer(pilot)
    [stored] = repos.histories.list_user_histories("tester")[0]

    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        await wait_for(
            pilot, lambda: "Last submission: WA Wrong answer" in screen_text(app), "the last submission"
        )
        assert "0/4 passed" in screen_text(app)
        assert screen.last_submission is not None and screen.last_submission.id == stored.id
        panel = screen.query_one(TestsPanel)
        assert {name: last.verdict for name, last in panel.last.items()} == {
            t.test_case_id: "WA" for t in stored.test_results
        }
        assert all(panel.current(t.test_case_id) is not None for t in stored.test_results)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: "Hint 1" in screen_text(app), "a hint for the stored submission")
        await replace_code(pilot, screen, A_PLUS_B.strip())
        # other code: the verdicts were for the stored code, not this
        await wait_for(
            pilot,
            lambda: all(panel.current(t.test_case_id) is None for t in stored.test_results),
            "the verdicts no longer shown",
        )
    [again] = repos.histories.list_user_histories("tester")[0]
    assert again.id == stored.id and again.hints is not None and len(again.hints) == 1
