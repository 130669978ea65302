"""User statistics: the one computation, for warm_user_stats_cache_task and the Stats screen alike.

It reads history summaries (a few fields per history, no model decoded) and the problem index (for tags), so
100,000 histories take well under a second. `current_user_stats` is what the screen shows: the stored
`USER#<user>`/`STATS` item while it is fresh, else a new computation, stored for next time."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from algoitny_tui.models import UserStats
from algoitny_tui.storage.history_summaries import HistoryRow
from algoitny_tui.storage.ids import now_seconds
from algoitny_tui.streaks import current_streak, longest_streak

if TYPE_CHECKING:
    from algoitny_tui.storage.factory import Repositories

SCREEN_FIELDS = frozenset({"tried", "verdicts_by_tag", "per_day", "longest_streak", "back_to_it"})
"""Fields an item stored by an older version lacks: such an item is computed again, never shown half empty."""

BACK_TO_IT = 5
"""How many problems tried and not solved `back_to_it` keeps, the most recently tried first."""


def compute_user_stats(
    repos: Repositories, user_identifier: str, *, today: dt.date | None = None
) -> UserStats:
    tags_of = {entry["id"]: entry["tags"] for entry in repos.problems.index_entries()}
    return stats_from_rows(user_identifier, repos.histories.summaries(user_identifier), tags_of, today=today)


def current_user_stats(
    repos: Repositories, user_identifier: str, *, today: dt.date | None = None
) -> UserStats:
    """The stored stats when they are fresh: computed today (the streak counts from today) and after the user's
    newest history was stored. Otherwise computed now and stored. (Histories a sync pulls in may be older than the
    newest one: a sync that pulls any drops the stored stats.)"""
    today = today or dt.date.today()
    stored = repos.stats.get_stats(user_identifier)
    if (
        stored is not None
        and stored.model_fields_set >= SCREEN_FIELDS
        and _day_of(stored.computed_at) == today
        and stored.computed_at > repos.histories.newest_created_at(user_identifier)
    ):
        return stored
    stats = compute_user_stats(repos, user_identifier, today=today)
    repos.stats.put_stats(stats)
    return stats


def _day_of(seconds: int) -> dt.date:
    return dt.date.fromtimestamp(seconds)


def stats_from_rows(
    user_identifier: str,
    rows: Sequence[HistoryRow],
    tags_of: Mapping[str, Iterable[str]],
    *,
    today: dt.date | None = None,
) -> UserStats:
    """Stats of `rows` (newest first); `tags_of` maps a problem id to its tags."""
    by_language: dict[str, dict[str, int]] = defaultdict(lambda: {"attempts": 0, "accepted": 0})
    by_tag: dict[str, dict[str, int]] = defaultdict(lambda: {"attempts": 0, "accepted": 0, "solved": 0})
    verdicts_by_tag: dict[str, Counter[str]] = defaultdict(Counter)
    per_day: Counter[str] = Counter()
    solved: set[str] = set()
    tried: set[str] = set()
    solved_by_tag: dict[str, set[str]] = defaultdict(set)
    accepted_days: set[dt.date] = set()
    last_tried: dict[str, tuple[int, str]] = {}
    accepted = 0
    for row in rows:
        ok = row.accepted
        accepted += ok
        (solved if ok else tried).add(row.problem_id)
        language = by_language[row.language or "unknown"]
        language["attempts"] += 1
        language["accepted"] += ok
        for tag in tags_of.get(row.problem_id, ()):
            by_tag[tag]["attempts"] += 1
            by_tag[tag]["accepted"] += ok
            verdicts_by_tag[tag][row.verdict or "?"] += 1
            if ok:
                solved_by_tag[tag].add(row.problem_id)
        if row.created_at:
            per_day[time.strftime("%Y-%m-%d", time.localtime(row.created_at))] += 1
            if ok:
                accepted_days.add(_day_of(row.created_at))
        if row.problem_id and row.created_at >= last_tried.get(row.problem_id, (-1, ""))[0]:
            last_tried[row.problem_id] = (row.created_at, row.title or row.problem_id)
    for tag, problems in solved_by_tag.items():
        by_tag[tag]["solved"] = len(problems)
    unsolved = sorted(
        ((at, pid, title) for pid, (at, title) in last_tried.items() if pid not in solved),
        key=lambda entry: -entry[0],
    )[:BACK_TO_IT]
    return UserStats(
        user_identifier=user_identifier,
        solved=len(solved),
        tried=len(tried - solved),
        attempts=len(rows),
        acceptance_rate=round(accepted / len(rows), 4) if rows else 0.0,
        by_language=dict(by_language),
        by_tag=dict(by_tag),
        verdicts_by_tag={tag: dict(counts) for tag, counts in verdicts_by_tag.items()},
        per_day=dict(per_day),
        streak_days=current_streak(accepted_days, today or dt.date.today()),
        longest_streak=longest_streak(accepted_days),
        back_to_it=[{"problem_id": pid, "title": title, "at": at} for at, pid, title in unsolved],
        computed_at=now_seconds(),
    )
