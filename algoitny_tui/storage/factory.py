"""Build the configured table and the repositories over it."""

from __future__ import annotations

from dataclasses import dataclass

from algoitny_tui.config import Settings
from algoitny_tui.models import SearchHistory
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
            settings.dynamodb_table,
            region=settings.dynamodb_region,
            endpoint_url=settings.dynamodb_endpoint,
            data_dir=settings.locations.data_dir,
            default_owner=user_owner(settings.user),
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
    def over(cls, table: Table, *, jobs_table: Table | None = None) -> Repositories:
        return cls(
            table=table,
            problems=ProblemRepository(table),
            histories=SearchHistoryRepository(table),
            jobs=JobRepository(jobs_table or table),
            stats=StatsRepository(table),
        )

    def latest_history(self, history_id: int) -> SearchHistory | None:
        """A history as its job left it. A home whose jobs are kept in the DynamoDB table (`jobs_in_dynamodb`) has
        them run on other machines too, which write the history there: the newer of that copy (read consistently;
        it reaches this store by the next sync) and this store's."""
        here = self.histories.load_history(history_id)
        if self.jobs.table is self.table:
            return here
        there = SearchHistoryRepository(self.jobs.table).load_history(history_id)
        if there is None or (here is not None and (here.updated_at or 0) > (there.updated_at or 0)):
            return here
        return there

    def close(self) -> None:
        if self.jobs.table is not self.table:
            self.jobs.table.close()
        self.table.close()


def jobs_in_dynamodb(settings: Settings) -> bool:
    """A SQLite home that syncs and shares a Redis queue keeps its jobs in the DynamoDB table: the workers it sends
    work to (store = "dynamodb", other machines) claim and report jobs there, and so does a worker of its own."""
    return settings.store == "sqlite" and settings.sync == "on" and settings.queue == "redis"


def open_repositories(settings: Settings) -> Repositories:
    table = open_table(settings)
    if not jobs_in_dynamodb(settings):
        return Repositories.over(table)
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

    jobs = DynamoDBTable(
        settings.dynamodb_table, region=settings.dynamodb_region, endpoint_url=settings.dynamodb_endpoint
    )
    return Repositories.over(table, jobs_table=jobs)
