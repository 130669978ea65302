"""Cached per-user statistics (written by warm_user_stats_cache_task)."""

from __future__ import annotations

from algoitny_tui.codec import item_to_user_stats, user_stats_key, user_stats_to_item
from algoitny_tui.models import UserStats
from algoitny_tui.storage.table import Table


class StatsRepository:
    def __init__(self, table: Table) -> None:
        self.table = table

    def get_stats(self, user_identifier: str) -> UserStats | None:
        item = self.table.get(*user_stats_key(user_identifier))
        return item_to_user_stats(item) if item else None

    def put_stats(self, stats: UserStats) -> None:
        self.table.put(user_stats_to_item(stats))

    def invalidate(self, user_identifier: str) -> None:
        self.table.delete(*user_stats_key(user_identifier))
