"""The solve screen's Stress tab, in the real app with the real worker it starts: a pack problem with a known wrong
submission in the editor, a generator and a brute force typed into the tab, a stress test until the counterexample,
and f8 storing it as a test of the problem (with the brute force's answer)."""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Input, TabbedContent, TextArea

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.problems.builtin import iter_pack_dirs, load_pack_problem
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.stress_panel import SETUP_FILE, StressPanel
from tests.app.conftest import screen_text, wait_for
from tests.judge.test_stress import RUN_LENGTH_BRUTE, RUN_LENGTH_GEN


def run_length_encoding(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        out.append(text[i] + (str(j - i) if j - i > 1 else ""))
        i = j
    return "".join(out)


async def test_stress_until_a_counterexample_then_add_it_as_a_test(
    settings: Settings, repos: Repositories
) -> None:
    folder = next(d for d in iter_pack_dirs() if d.name.startswith("0006-"))
    problem, tests = load_pack_problem(folder)
    repos.problems.put_problem(problem, tests)
    wrong = (folder / "submissions" / "wrong_answer" / "forgets_last_run.py").read_text()
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(150, 50)) as pilot:
        app.open_problem(problem.problem_id, code=wrong, language="python3")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SolveScreen)
                and app.screen.problem is not None
                and app.screen.editor.text == wrong
            ),
            "the solve screen with the wrong submission",
        )
        screen: Any = app.screen
        screen.query_one(TabbedContent).active = "tab-stress"
        panel = screen.query_one(StressPanel)
        await wait_for(
            pilot, lambda: panel.query_one("#stress-generator", TextArea).region.height > 0, "the Stress tab"
        )
        panel.query_one("#stress-generator", TextArea).load_text(RUN_LENGTH_GEN)
        panel.query_one("#stress-brute", TextArea).load_text(RUN_LENGTH_BRUTE)
        await pilot.click("#stress-start")
        await wait_for(pilot, lambda: panel.counterexample is not None, "the counterexample", timeout=90)
        ce = panel.counterexample
        assert ce is not None
        text = screen_text(app)
        assert f"WA on case {ce.seed} · seed {ce.seed} · generator args {ce.seed}" in text
        assert "expected" in text and "actual" in text  # the diff's columns
        # the counterexample is the real thing: the brute force's answer, and the wrong submission's differs
        word = ce.input.strip()
        assert ce.expected is not None and ce.expected.strip() == run_length_encoding(word)
        assert ce.got.strip() != ce.expected.strip()
        # the seed and the arguments are stored with the setup, for the next run
        setup = json.loads(
            Drafts(settings.locations.data_dir / "drafts").load_named(problem.problem_id, SETUP_FILE) or "{}"
        )
        await wait_for(
            pilot,
            lambda: (
                json.loads(
                    Drafts(settings.locations.data_dir / "drafts").load_named(problem.problem_id, SETUP_FILE)
                    or "{}"
                )
                .get("last_found", {})
                .get("seed")
                == ce.seed
            ),
            "the stored seed",
        )
        assert setup["generator"] == RUN_LENGTH_GEN
        panel.query_one("#stress-generator", TextArea).focus()
        await pilot.press("f8")

        def stored() -> list[Any]:
            found = repos.problems.get_problem_with_testcases(problem.platform, problem.problem_number)
            return [t for t in (found[1] if found else []) if t.test_case_id.startswith("user/")]

        await wait_for(pilot, lambda: len(stored()) == 1, "the new test")
        added = stored()[0]
        assert (added.input, added.expected_output) == (ce.input, ce.expected)
        await wait_for(
            pilot,
            lambda: any(t.test_case_id == added.test_case_id for t in screen.tests),
            "the screen's tests to include it",
        )
        await app.workers.wait_for_complete()
    jobs = repos.jobs.list_jobs(limit=10)
    assert [j.kind for j in jobs] == ["stress_test_task"]


async def test_stop_ends_a_stress_test_without_a_difference(settings: Settings, repos: Repositories) -> None:
    folder = next(d for d in iter_pack_dirs() if d.name.startswith("0006-"))
    problem, tests = load_pack_problem(folder)
    repos.problems.put_problem(problem, tests)
    right = (folder / "submissions" / "accepted" / "sol.py").read_text()
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(150, 50)) as pilot:
        app.open_problem(problem.problem_id, code=right, language="python3")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SolveScreen)
                and app.screen.problem is not None
                and app.screen.editor.text == right
            ),
            "the solve screen with the accepted submission",
        )
        screen: Any = app.screen
        await pilot.press("ctrl+n")  # the Stress tab, Start focused
        panel = screen.query_one(StressPanel)
        assert screen.query_one(TabbedContent).active == "tab-stress"
        panel.query_one("#stress-generator", TextArea).load_text(RUN_LENGTH_GEN)
        panel.query_one("#stress-brute", TextArea).load_text(RUN_LENGTH_BRUTE)
        panel.query_one("#stress-count", Input).value = "1000000"
        await pilot.click("#stress-start")
        await wait_for(pilot, lambda: "running: " in screen_text(app), "the live progress", timeout=90)
        await pilot.click("#stress-stop")
        await wait_for(pilot, lambda: "stopped" in screen_text(app), "the stop", timeout=60)
        assert panel.counterexample is None and panel.job_id is None
        # started again, then the user leaves the problem: its stress test stops too
        await pilot.click("#stress-start")
        await wait_for(pilot, lambda: panel.job_id is not None, "the second stress test")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SolveScreen), "the problem list")
        await app.workers.wait_for_complete()
    jobs = repos.jobs.list_jobs(limit=5)
    assert [(j.kind, j.status.value) for j in jobs] == [("stress_test_task", "cancelled")] * 2
