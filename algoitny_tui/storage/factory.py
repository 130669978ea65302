"""Build the configured table and the repositories over it."""

from __future__ import annotations

from dataclasses import dataclass

from algoitny_tui.config import Settings
from algoitny_tui.storage.history_repository import SearchHistoryRepository
from algoitny_tui.storage.job_repository import JobRepository
from algoitny_tui.storage.problem_repository import ProblemRepository
from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.stats_repository import StatsRepository
from algoitny_tui.storage.table import Table


def open_table(settings: Settings) -> Table:
    """The store the settings name: the local SQLite file, or DynamoDB (boto3 loads only then)."""
    if settings.store == "dynamodb":
        # Histories and problems written here are stamped so that machines syncing a SQLite store pull them.
        from algoitny_tui.sync.direct import SyncedDynamoDBTable
        from algoitny_tui.sync.versions import user_owner

        return SyncedDynamoDBTable(
            settings.dynamodb_table, region=settings.dynamodb_region, endpoint_url=settings.dynamodb_endpoint,
            data_dir=settings.locations.data_dir, default_owner=user_owner(settings.user),
        )
    table = SQLiteTable(settings.locations.store_file)
    table.create_if_missing()
    return table


@dataclass
class Repositories:
    table: Table
    problems: ProblemRepository
    histories: SearchHistoryRepository
    jobs: JobRepository
    stats: StatsRepository

    @classmethod
    def over(cls, table: Table) -> Repositories:
        return cls(
            table=table,
            problems=ProblemRepository(table),
            histories=SearchHistoryRepository(table),
            jobs=JobRepository(table),
            stats=StatsRepository(table),
        )

    def close(self) -> None:
        self.table.close()


def open_repositories(settings: Settings) -> Repositories:
    return Repositories.over(open_table(settings))
