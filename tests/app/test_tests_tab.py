"""The solve screen's Tests tab, with a real `algoitny worker` process: add a test and run it alone, run all and hide
the accepted ones (verdicts belong to the draft that earned them), change only your own tests, and generate the
missing answers with the job's progress on screen."""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import Any

from textual.message import Message
from textual.widgets import DataTable, TabbedContent, TextArea

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.run_poller import RunPoller
from algoitny_tui.widgets.test_editor import TestEditor
from algoitny_tui.widgets.tests_panel import TestsPanel
from tests.app.conftest import A_PLUS_B, a_plus_b, screen_text, type_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code
from tests.processes import ConsumerProcess

ONLY_SMALL_A = "a, b = map(int, input().split())\nprint(a + b if a < 2 else 0)\n"
"""Right on A+B's first two tests (a = 0, 1), wrong on the other two (a = 2, 3)."""


def rows(panel: TestsPanel) -> dict[str, list[str]]:
    """Each listed test's cells but its verdict and time: name, sample, source, answer."""
    table = panel.table
    return {
        str(key.value): [str(c) for i, c in enumerate(table.get_row(key)) if i not in (1, 2)]
        for key in table.rows
    }


def verdict(panel: TestsPanel, name: str) -> str:
    table = panel.table
    return str(table.get_row(name)[1]) if name in table.rows else "(not listed)"


async def open_tests_tab(pilot: Any) -> tuple[Any, TestsPanel]:
    screen = await open_a_plus_b(pilot)
    await pilot.click("#--content-tab-tab-tests")
    await wait_for(pilot, lambda: screen.query_one(TabbedContent).active == "tab-tests", "the Tests tab")
    panel = screen.query_one(TestsPanel)
    await wait_for(pilot, lambda: len(rows(panel)) == 4, "the problem's tests listed")
    return screen, panel


async def focus_row(pilot: Any, panel: TestsPanel, name: str) -> None:
    panel.table.focus()
    panel.table.move_cursor(row=panel.table.get_row_index(name))
    await wait_for(pilot, lambda: panel.selected_name() == name, f"{name} highlighted")


async def test_add_a_test_and_run_only_it(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(150, 50)) as pilot:
        screen, panel = await open_tests_tab(pilot)
        assert rows(panel)["sample/1"][:4] == ["sample/1", "sample", "imported", "yes"]
        await replace_code(pilot, screen, A_PLUS_B)

        panel.table.focus()
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, TestEditor), "the test editor")
        await type_text(pilot, "40 2")
        app.screen.query_one("#test-answer", TextArea).focus()
        await type_text(pilot, "42")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "user/1" in rows(panel), "the new test listed")
        assert rows(panel)["user/1"][:4] == ["user/1", "", "yours", "yes"]
        stored = repos.problems.get_problem_with_testcases("baekjoon", "1000")
        assert stored is not None
        mine = stored[1][-1]
        assert (mine.test_case_id, mine.input, mine.expected_output, mine.source) == (
            "user/1",
            "40 2\n",
            "42\n",
            "user",
        )
        assert screen.tests[-1].test_case_id == "user/1"  # a submission from the editor judges it too

        await focus_row(pilot, panel, "user/1")
        await pilot.press("enter")
        await wait_for(pilot, lambda: verdict(panel, "user/1") == "AC", "user/1 judged")
        await wait_for(pilot, lambda: "test user/1: AC  1/1 passed" in screen_text(app), "the run's summary")
        assert [verdict(panel, n) for n in ("sample/1", "secret/2", "secret/3", "secret/4")] == [
            "",
            "",
            "",
            "",
        ]
        assert "40 2" in screen_text(app) and "42" in screen_text(app)  # its input and answer beside the list
        jobs = [j for j in repos.jobs.list_jobs(limit=10) if j.kind == "run_tests_task"]
        assert [j.params["test_ids"] for j in jobs] == [["user/1"]]

        # A submission of the same code gives every test its verdict here too, the new one included.
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the submission's verdict"
        )
        await wait_for(
            pilot, lambda: verdict(panel, "secret/4") == "AC", "the submission's verdicts in the tab"
        )
        assert {n: verdict(panel, n) for n in rows(panel)} == dict.fromkeys(
            ["sample/1", "secret/2", "secret/3", "secret/4", "user/1"], "AC"
        )


async def test_run_all_then_hide_the_accepted_ones_until_the_code_changes(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(150, 50)) as pilot:
        screen, panel = await open_tests_tab(pilot)
        await replace_code(pilot, screen, ONLY_SMALL_A)
        panel.table.focus()
        await pilot.press("r")
        await wait_for(pilot, lambda: "all tests: WA" in screen_text(app), "the run of every test")
        assert "2/4 passed" in screen_text(app)
        assert {n: verdict(panel, n) for n in rows(panel)} == {
            "sample/1": "AC",
            "secret/2": "AC",
            "secret/3": "WA",
            "secret/4": "WA",
        }

        await pilot.press("h")
        await wait_for(pilot, lambda: list(rows(panel)) == ["secret/3", "secret/4"], "accepted tests hidden")
        assert "2 accepted hidden" in screen_text(app)

        # Another draft: the verdicts were earned by the old code, so nothing counts as accepted any more.
        await replace_code(pilot, screen, A_PLUS_B)
        await wait_for(pilot, lambda: len(rows(panel)) == 4, "every test back for the new code")
        assert verdict(panel, "sample/1") == "AC (older code)"

        panel.table.focus()
        await pilot.press("r")
        await wait_for(pilot, lambda: "all tests: AC" in screen_text(app), "the new run")
        await wait_for(pilot, lambda: list(rows(panel)) == [], "all four accepted and hidden")
        assert "4 accepted hidden" in screen_text(app)
        await wait_for(
            pilot, lambda: "Every test is accepted" in screen_text(app), "the note on the hidden tests"
        )
        await pilot.press("h")
        await wait_for(pilot, lambda: len(rows(panel)) == 4, "shown again")


async def test_only_your_own_tests_change(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(150, 50)) as pilot:
        _, panel = await open_tests_tab(pilot)
        await focus_row(pilot, panel, "secret/3")
        await pilot.press("e")
        await wait_for(
            pilot,
            lambda: any("secret/3 came with the problem" in str(n.message) for n in app._notifications),
            "the refusal",
        )
        assert not isinstance(app.screen, TestEditor)
        await pilot.press("x")

        await pilot.press("d")  # a copy of the imported test is yours
        await wait_for(pilot, lambda: "user/1" in rows(panel), "the copy")
        assert rows(panel)["user/1"][:4] == ["user/1", "", "yours", "yes"]
        await wait_for(pilot, lambda: panel.selected_name() == "user/1", "the copy highlighted")
        await pilot.press("s")
        await wait_for(pilot, lambda: rows(panel)["user/1"][1] == "sample", "marked as a sample")
        found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
        assert found is not None
        names = [(t.test_case_id, t.is_sample, t.source) for t in found[1]]
        assert names == [
            ("sample/1", True, "import"),
            ("secret/2", False, "import"),
            ("secret/3", False, "import"),
            ("secret/4", False, "import"),
            ("user/1", True, "user"),
        ]
        assert (
            found[1][4].input == found[1][2].input
            and found[1][4].expected_output == found[1][2].expected_output
        )

        await pilot.press("delete")
        await wait_for(pilot, lambda: "user/1" not in rows(panel), "the copy deleted")
        found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
        assert found is not None and [t.test_case_id for t in found[1]] == [
            "sample/1",
            "secret/2",
            "secret/3",
            "secret/4",
        ]  # x on secret/3 deleted nothing


async def test_generate_answers_shows_the_jobs_progress_and_fills_them_in(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    problem, cases = a_plus_b()
    # A reference that answers the first inputs at once and spends 2 s on the last ("1 1"): the job has reported
    # progress lines and is still running for 2 s, many of the tab's polls even on a loaded machine (the wall limit
    # of a 2 s problem is 5 s).
    reference = (
        "import time\na, b = map(int, input().split())\nif a + b == 2:\n    time.sleep(2)\nprint(a + b)\n"
    )
    repos.problems.put_problem(
        replace(
            problem,
            **{
                "reference_solution": base64.b64encode(reference.encode()).decode(),
                "reference_language": "python3",
            },
        ),
        cases,
    )
    for text in ("20 22\n", "500 500\n", "1 1\n"):
        repos.problems.add_user_test("baekjoon", "1000", text, None)
    messages: list[Message] = []
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(150, 50), message_hook=messages.append) as pilot:
        screen = await open_a_plus_b(pilot)
        await pilot.click("#--content-tab-tab-tests")
        panel = screen.query_one(TestsPanel)
        await wait_for(pilot, lambda: len(rows(panel)) == 7, "the tests")
        assert [rows(panel)[f"user/{i}"][3] for i in (1, 2, 3)] == ["no answer yet"] * 3
        assert "3 without an answer" in screen_text(app)
        panel.query_one(DataTable).focus()
        await pilot.press("g")
        await wait_for(pilot, lambda: "3 answers generated" in screen_text(app), "the answers")
        await wait_for(
            pilot,
            lambda: [rows(panel)[f"user/{i}"][3] for i in (1, 2, 3)] == ["yes"] * 3,
            "the list showing them",
        )
        assert "without an answer" not in screen_text(app)
    found = repos.problems.get_problem_with_testcases("baekjoon", "1000")
    assert found is not None
    assert [t.expected_output for t in found[1][4:]] == ["42\n", "1000\n", "2\n"]
    # The progress reached the screen while the job ran: per-input lines before the job had finished.
    updates = [m for m in messages if isinstance(m, RunPoller.Progress) and m.run.kind == "answers"]
    assert any(line.step == "output" for u in updates if not u.finished for line in u.fresh)
