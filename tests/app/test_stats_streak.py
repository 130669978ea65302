"""Stats: the current and longest streak of days with an accepted submission, and "back to it": the problems
tried and not solved, the most recently tried first (enter opens one). On a history the test writes."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import OptionList

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.streaks import current_streak, longest_streak
from algoitny_tui.widgets.problem_table import ProblemTable
from tests.app.conftest import history, screen_text, wait_for

TODAY = dt.date(2024, 3, 20)


def _at(days_ago: int, hour: int = 12) -> int:
    day = TODAY - dt.timedelta(days=days_ago)
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC).timestamp())


async def test_streaks_and_back_to_it_from_the_history(
    settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("algoitny_tui.screens.stats.today", lambda: TODAY)
    a_plus_b = ("baekjoon", "1000", "A+B")
    melon = ("codeforces", "4A", "Watermelon")
    choice = ("atcoder", "abc300_a", "N-choice question")
    rows = [
        # four days in a row with an accepted submission (the longest streak) ...
        *[("AC", a_plus_b, _at(days)) for days in (12, 11, 10, 9)],
        ("AC", a_plus_b, _at(9, hour=20)),  # two on one day count once
        ("WA", melon, _at(8)),  # ... a day with only a wrong answer breaks nothing and adds nothing ...
        ("WA", choice, _at(6)),
        ("TLE", melon, _at(3)),  # tried after `choice`: first in "back to it"
        # ... and yesterday and today: the current streak is 2
        ("AC", a_plus_b, _at(1)),
        ("AC", a_plus_b, _at(0, hour=1)),
    ]
    for n, (verdict, problem, created) in enumerate(rows, start=1):
        repos.histories.create_history_with_id(
            history(1_700_000_000_000_000 + n, verdict, problem=problem, created_at=created)
        )
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
        await pilot.press("f3")
        await wait_for(
            pilot, lambda: "Streak" in screen_text(app) and "last tried" in screen_text(app), "the stats"
        )
        text = screen_text(app)
        assert "Streak 2 days" in text and "Longest 4 days" in text
        back = [line for line in text.splitlines() if "last tried" in line]
        assert len(back) == 2  # A+B is solved: not listed
        assert "Watermelon" in back[0] and "codeforces#4A" in back[0] and "2024-03-17" in back[0]
        assert "N-choice question" in back[1] and "2024-03-14" in back[1]
        options = app.screen.query_one("#stats-back", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the problem opened from back to it",
        )
        assert app.screen.problem_id == "codeforces#4A"


def test_streak_rules() -> None:
    days = {TODAY - dt.timedelta(days=n) for n in (1, 2, 5, 6, 7)}
    assert current_streak(days, TODAY) == 2  # today is not over: yesterday's streak still counts
    assert current_streak(days | {TODAY}, TODAY) == 3
    assert current_streak({TODAY - dt.timedelta(days=2)}, TODAY) == 0
    assert longest_streak(days) == 3
    assert longest_streak(set()) == 0 and current_streak(set(), TODAY) == 0
