"""User statistics from the store (what warm_user_stats_cache_task caches): no ORM, just the user's histories."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from algoitny_tui.models import SearchHistory, UserStats
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.ids import now_seconds


def compute_user_stats(repos: Repositories, user_identifier: str, *, today: dt.date | None = None) -> UserStats:
    histories = repos.histories.iter_user_histories(user_identifier)
    tags_of: dict[str, list[str]] = {}
    for history in histories:
        if history.problem_id not in tags_of and "#" in history.problem_id:
            problem = repos.problems.get_problem(history.platform, history.problem_number)
            tags_of[history.problem_id] = problem.tags if problem else []
    return stats_from_histories(user_identifier, histories, tags_of, today=today)


def _accepted(history: SearchHistory) -> bool:
    return history.verdict == "AC" or (not history.verdict and history.result_summary == "Passed")


def stats_from_histories(user_identifier: str, histories: list[SearchHistory], tags_of: dict[str, list[str]], *,
                         today: dt.date | None = None) -> UserStats:
    by_language: dict[str, dict[str, int]] = defaultdict(lambda: {"attempts": 0, "accepted": 0})
    by_tag: dict[str, dict[str, int]] = defaultdict(lambda: {"attempts": 0, "accepted": 0, "solved": 0})
    solved: set[str] = set()
    solved_by_tag: dict[str, set[str]] = defaultdict(set)
    days: set[dt.date] = set()
    accepted = 0
    for history in histories:
        ok = _accepted(history)
        accepted += ok
        lang = by_language[history.language or "unknown"]
        lang["attempts"] += 1
        lang["accepted"] += ok
        for tag in tags_of.get(history.problem_id, []):
            by_tag[tag]["attempts"] += 1
            by_tag[tag]["accepted"] += ok
            if ok:
                solved_by_tag[tag].add(history.problem_id)
        if ok:
            solved.add(history.problem_id)
        if history.created_at:
            days.add(dt.datetime.fromtimestamp(history.created_at).date())
    for tag, problems in solved_by_tag.items():
        by_tag[tag]["solved"] = len(problems)
    return UserStats(
        user_identifier=user_identifier,
        solved=len(solved),
        attempts=len(histories),
        acceptance_rate=round(accepted / len(histories), 4) if histories else 0.0,
        by_language=dict(by_language),
        by_tag=dict(by_tag),
        streak_days=_streak(days, today or dt.date.today()),
        computed_at=now_seconds(),
    )


def _streak(days: set[dt.date], today: dt.date) -> int:
    """Consecutive days with a submission, ending today (or yesterday: today is not over yet)."""
    from algoitny_tui.streaks import current_streak

    return current_streak(days, today)
