"""The practice lab's pieces in the app (no Stress tab in this branch yet): "write a generator" (alt+g in the editor)
and the import dialog meeting a page layout the local parsers do not know (Gemini through a real worker, or the
known layouts named when there is no key)."""

from __future__ import annotations

import base64
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings, load_settings
from algoitny_tui.problems import load_any
from algoitny_tui.problems.input_shape import check_input, classify
from algoitny_tui.screens.generator import GeneratorScreen
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.storage.factory import Repositories
from tests.app.conftest import screen_text, type_text, wait_for
from tests.gemini_server import FakeGemini
from tests.processes import ConsumerProcess

ROOT = Path(__file__).resolve().parents[2]
ISLANDS = ROOT / "algoitny_tui" / "problems" / "builtin" / "pack" / "0022-island-count"
UNKNOWN_PAGE = ROOT / "tests" / "problems" / "fixtures" / "unknown_layout.html"


def store_islands(repos: Repositories) -> str:
    [(problem, tests)] = load_any(ISLANDS)
    source = (ISLANDS / "submissions" / "accepted" / "sol.py").read_bytes()
    problem = replace(
        problem,
        **{
            "platform": "algoitny",
            "problem_number": "0022",
            "reference_solution": base64.b64encode(source).decode(),
        },
    )
    repos.problems.put_problem(problem, tests)
    return problem.problem_id


async def test_write_a_generator_shows_a_template_for_the_grid_and_saves_it_to_a_new_file(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    problem_id = store_islands(repos)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        app.open_problem(problem_id)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the editor",
        )
        await pilot.press("alt+g")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, GeneratorScreen) and app.screen.draft is not None,
            "the generator's draft",
        )
        assert "template (python3): no Gemini key" in screen_text(app)
        assert isinstance(app.screen, GeneratorScreen) and app.screen.draft is not None
        assert app.screen.draft.shape == "grid (first line: H W)"
        source = app.screen.query_one("#generator-source", TextArea).text
        problem = repos.problems.get_problem("algoitny", "0022")
        assert problem is not None
        out = subprocess.run([sys.executable, "-c", source, "3"], capture_output=True, text=True, check=True)
        assert check_input(classify(problem), out.stdout) is None, out.stdout

        target = tmp_path / "gen.py"
        app.screen.query_one("#generator-path", Input).value = str(target)

        def note() -> str:  # read from the widget: a long path wraps on screen
            return str(app.screen.query_one("#generator-note", Static).content)

        await pilot.click("#generator-save")
        await wait_for(pilot, lambda: note() == f"saved {target}", "the save")
        assert target.read_text() == source
        target.write_text("mine\n")
        app.screen.query_one("#generator-path", Input).focus()
        await pilot.press("enter")  # enter in the file name saves too
        await wait_for(
            pilot, lambda: note() == f"{target} exists: not overwritten", "the refusal to overwrite"
        )
        assert target.read_text() == "mine\n"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SolveScreen), "back in the editor")


async def test_import_of_an_unknown_page_without_a_key_names_the_known_layouts(
    settings: Settings, repos: Repositories
) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f5")
        await type_text(pilot, str(UNKNOWN_PAGE))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "no Gemini key" in screen_text(app), "the importer's answer")
        shown = str(
            app.screen.query_one("#import-status", Static).content
        )  # wrapped on screen as the path is long
        assert shown == (
            f"page layout not recognised: {UNKNOWN_PAGE} (the known layouts: Baekjoon, Codeforces and "
            "AtCoder problem pages); no Gemini key is set to read other layouts (gemini_api_key (or "
            "GEMINI_API_KEY))"
        )
    assert repos.problems.get_problem("blog", "a-b") is None


async def test_import_of_an_unknown_page_with_a_key_shows_the_jobs_progress_then_the_problem(
    gemini: FakeGemini, settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    import json

    gemini.script(
        (
            200,
            json.dumps(
                {
                    "platform": "blog",
                    "problem_number": "",
                    "title": "A+B",
                    "time_limit_ms": 1000,
                    "memory_limit_mb": None,
                    "statement": "Read two numbers.",
                    "input_format": "",
                    "output_format": "",
                    "samples": [{"input": "1 2", "output": "3"}],
                }
            ),
        )
    )
    app = make_app(load_settings(), start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f5")
        await type_text(pilot, str(UNKNOWN_PAGE))
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: "Imported blog#a-b (1 tests, read by Gemini)" in screen_text(app),
            "the problem read by Gemini",
            timeout=120,
        )
        progress = str(app.screen.query_one("#import-progress", Static).content).splitlines()
        # the job's progress history, as the worker wrote it, after the dialog's own first line
        assert [line.split(":")[0] for line in progress] == [
            "a page layout the local parsers do not know",
            "read",
            "parse",
            "gemini",
            "parse",
            "store",
        ]
        assert progress[-1] == "store: stored blog#a-b with 1 tests"
    found = repos.problems.get_problem_with_testcases("blog", "a-b")
    assert found is not None and [t.input for t in found[1]] == ["1 2\n"]


@pytest.mark.timeout(300)  # a worker process compiling and running on a loaded machine
async def test_add_tests_from_the_shown_generator_runs_in_the_worker_and_says_how_many_were_added(
    settings: Settings, repos: Repositories, worker_process: ConsumerProcess
) -> None:
    """No Gemini key: the template for the grid runs 4 times in a real worker; its inputs become tests answered
    by the reference solution."""
    problem_id = store_islands(repos)
    before = repos.problems.get_problem_with_testcases("algoitny", "0022")
    assert before is not None and not any(t.test_case_id.startswith("gen-") for t in before[1])
    app = make_app(settings, start_worker=False, install_pack=False)
    messages: list[Message] = []
    async with app.run_test(size=(140, 45), message_hook=messages.append) as pilot:
        app.open_problem(problem_id)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the editor",
        )
        await pilot.press("alt+g")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, GeneratorScreen) and app.screen.draft is not None,
            "the generator's draft",
        )
        dialog = app.screen

        def job_line() -> str:
            return str(dialog.query_one("#generator-job", Static).content)

        count = dialog.query_one("#generator-count", Input)
        count.value = "0"
        await pilot.click("#generator-add-tests")
        await wait_for(pilot, lambda: "Give a number from 1 to 1000" in job_line(), "the refusal of 0")
        count.value = "4"
        count.focus()
        await pilot.press("enter")  # enter in the count adds too
        await wait_for(
            pilot, lambda: job_line().startswith(("added", "tests not added")), "the tests added", timeout=120
        )
        assert job_line().startswith("added 4 tests (job "), job_line()
        # the job's progress lines reached the dialog, each shown on its line before the result (a fast job shows
        # them for less than a poll of this test: counted as the dialog handled them)
        shown = [m for m in messages if isinstance(m, GeneratorScreen.TestsProgress)]
        assert shown and all(m.line.message for m in shown)
    after = repos.problems.get_problem_with_testcases("algoitny", "0022")
    assert after is not None
    generated = [t for t in after[1] if t.test_case_id.startswith("gen-")]
    assert len(generated) == 4
    assert all(t.input.strip() and t.expected_output is not None for t in generated)
    assert after[0].test_case_count == len(before[1]) + 4
