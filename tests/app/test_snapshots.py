"""A snapshot of each screen, on fixed data: a fixed home directory, fixed times (UTC), no worker, no blinking."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from algoitny_tui.app import AlgoitnyApp, make_app
from algoitny_tui.config import Settings, load_settings
from algoitny_tui.storage.factory import open_repositories
from algoitny_tui.widgets.problem_table import ProblemTable
from tests.app.conftest import FIXED_TIME, a_plus_b, echo_problem, history, screen_text, wait_for

SIZE = (120, 36)
HOME = Path("/tmp/algoitny-snapshot-home")


@pytest.fixture
def snap_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    import time

    shutil.rmtree(HOME, ignore_errors=True)
    HOME.mkdir(parents=True)
    monkeypatch.setenv("ALGOITNY_HOME", str(HOME))  # paths on screen (settings) are the same every run
    monkeypatch.setenv("ALGOITNY_USER", "tester")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr("algoitny_tui.storage.job_repository.now_seconds", lambda: FIXED_TIME)
    monkeypatch.setattr("algoitny_tui.screens.stats.today", lambda: dt.date(2023, 11, 15))
    settings = load_settings()
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())
    repos.histories.create_history_with_id(
        history(
            1_700_000_000_000_001,
            "WA",
            code="print(0)\n",
            hints=["Check what the program prints for the sample."],
        )
    )
    repos.histories.create_history_with_id(history(1_700_000_000_000_002, "AC", created_at=FIXED_TIME + 60))
    repos.histories.create_history_with_id(
        history(
            1_700_000_000_000_003,
            "TLE",
            "cpp",
            "int main(){for(;;);}\n",
            problem=("codeforces", "4A", "Watermelon"),
            created_at=FIXED_TIME - 86400,
        )
    )
    job = repos.jobs.create_job("warm_problem_cache_task", {}, job_id="job-0001", user_identifier="tester")
    repos.jobs.add_progress(job.id, "cache", "reading problems", 40.0)
    repos.close()
    yield settings
    shutil.rmtree(HOME, ignore_errors=True)


def app_for(settings: Settings) -> AlgoitnyApp:
    return make_app(settings, start_worker=False, install_pack=False)


def steady(condition: Callable[[Any], bool], *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Press keys, wait until the screen shows what it should, and stop every cursor blinking."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await wait_for(
            pilot,
            lambda: (
                len(app.screen.query(ProblemTable)) == 0 or len(app.screen.query_one(ProblemTable).rows) == 2
            ),
            "the problem list",
        )
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        await wait_for(pilot, lambda: condition(app), "the screen's data")
        await app.workers.wait_for_complete()
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause(0.2)

    return run_before


def test_problems_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(lambda app: "Read two integers" in screen_text(app) and "✓" in screen_text(app)),
    )


def test_solve_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(
            lambda app: (
                "^s Submit" in screen_text(app)
                and "import sys" in screen_text(app)
                and "Last submission: AC" in screen_text(app)  # the problem opens on its last submission
            ),
            "enter",
        ),
    )


def test_history_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(lambda app: "3 submissions" in screen_text(app), "f2"),
    )


def test_history_detail_screen(snap_compare: Any, snap_settings: Settings) -> None:
    async def open_wa(pilot: Pilot[Any]) -> None:
        await steady(lambda app: "3 submissions" in screen_text(app), "f2")(pilot)
        table = pilot.app.screen.query_one("#history-table", DataTable)
        table.move_cursor(row=2)  # newest first: the WA one is the oldest
        await pilot.press("enter")
        await steady(lambda app: "print(0)" in screen_text(app))(pilot)

    assert snap_compare(app_for(snap_settings), terminal_size=SIZE, run_before=open_wa)


def test_stats_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(lambda app: "Attempts 3" in screen_text(app), "f3"),  # not the empty first frame
    )


def test_jobs_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(
            lambda app: "reading problems" in screen_text(app) and "workers on" in screen_text(app), "f4"
        ),
    )


def test_import_screen(snap_compare: Any, snap_settings: Settings) -> None:
    async def type_path(pilot: Pilot[Any]) -> None:
        await steady(lambda app: True, "f5")(pilot)
        pilot.app.screen.query_one("#import-path", Input).value = "/no/such/problem"
        await pilot.press("enter")
        await steady(lambda app: "such file or folder" in screen_text(app))(pilot)

    assert snap_compare(app_for(snap_settings), terminal_size=SIZE, run_before=type_path)


def test_settings_screen(snap_compare: Any, snap_settings: Settings) -> None:
    assert snap_compare(
        app_for(snap_settings),
        terminal_size=SIZE,
        run_before=steady(lambda app: "Gemini API key" in screen_text(app), "f9"),
    )


MATH_STATEMENT = (
    r"Given $N$ numbers $a_1, a_2, \dots, a_N$ ($1 \le N \le 2 \cdot 10^{5}$, $|a_i| \le 10^{18}$), "
    r"print $\sum_{i=1}^{N} a_i \bmod (10^9+7)$ and $\frac{N(N-1)}{2}$, the number of pairs $i < j$."
    "\n\n$$x_{i+1} = x_i^2 + 1$$\n\nPrint `YES` if $S \\ne T$."
)


def test_solve_screen_with_math(snap_compare: Any, snap_settings: Settings) -> None:
    """The statement pane shows LaTeX math as Unicode text, not `$` and backslashes."""
    from algoitny_tui.domain import Limits, Problem

    repos = open_repositories(snap_settings)
    repos.problems.put_problem(
        Problem(
            platform="kattis",
            problem_number="sums",
            title="Sums and pairs",
            statement=MATH_STATEMENT,
            limits=Limits(time_limit_ms=1000),
        ),
        [],
    )
    repos.close()

    async def open_math(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 3, "the problem list")
        assert isinstance(app, AlgoitnyApp)
        app.open_problem("kattis#sums")
        await steady(lambda app: "Sums and pairs" in screen_text(app) and "import sys" in screen_text(app))(
            pilot
        )
        pane = " ".join(line.split("│")[0] for line in screen_text(app).splitlines()[:-2])  # the statement
        assert "10⁵" in pane and "≤" in pane and "∑" in pane and "$" not in pane and "\\" not in pane

    assert snap_compare(app_for(snap_settings), terminal_size=SIZE, run_before=open_math)
