"""Streaks of days: the current one (ending today, or yesterday while today is not over) and the longest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def current_streak(days: Iterable[dt.date], today: dt.date) -> int:
    found = set(days)
    day = today if today in found else today - dt.timedelta(days=1)
    streak = 0
    while day in found:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def longest_streak(days: Iterable[dt.date]) -> int:
    longest = run = 0
    previous: dt.date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == dt.timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    return longest
