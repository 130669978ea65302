"""Fixtures for sync: machines (each a SQLite store with its settings) syncing through one DynamoDB Local table, and
a second DynamoDB Local that keeps its data on disk (-dbPath) so it can be killed and restarted mid-sync."""

from __future__ import annotations

import contextlib
import random
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.config import Settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.dynamodb_table import DynamoDBTable
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.sync_ledger import SyncLedger
from algoitny_tui.storage.table import Item
from algoitny_tui.sync.engine import SyncReport, sync_once
from algoitny_tui.sync.versions import REGISTRY_PREFIX, SYNC_ATTRIBUTES, TOMBSTONE_PREFIX, is_syncable
from tests.servers import DynamoDBLocal, _check_dynamodb_local, dynamodb_local_dir, running


class PersistentDynamoDBLocal(DynamoDBLocal):
    """DynamoDB Local with its database in a directory: a restart keeps the tables (the real kill/restart case)."""

    name = "dynamodb-local-disk"

    def __init__(self, directory: Path, db_dir: Path) -> None:
        super().__init__(directory)
        self.db_dir = db_dir

    def command(self) -> list[str]:
        cmd = super().command()
        i = cmd.index("-inMemory")
        return [*cmd[:i], "-dbPath", str(self.db_dir), *cmd[i + 1 :]]


@pytest.fixture(scope="session")
def dynamodb_on_disk() -> Iterator[PersistentDynamoDBLocal]:
    directory = dynamodb_local_dir()
    _check_dynamodb_local(directory)
    db_dir = Path(tempfile.mkdtemp(prefix="algoitny-ddb-"))
    server = PersistentDynamoDBLocal(directory, db_dir)
    try:
        with running(server):
            yield server
    finally:
        shutil.rmtree(db_dir, ignore_errors=True)


@dataclass
class Machine:
    """One installation of the app: its own store and settings, syncing with `remote`."""

    name: str
    local: SQLiteTable
    settings: Settings
    remote: DynamoDBTable
    reports: list[SyncReport] = field(default_factory=list)

    @property
    def repos(self) -> Repositories:
        return Repositories.over(self.local)

    def sync(self) -> SyncReport:
        report = sync_once(self.settings, self.local, self.remote)
        self.reports.append(report)
        return report


def make_machine(
    tmp: Path,
    name: str,
    server: DynamoDBLocal,
    table: str,
    user: str = "alice",
    endpoint: str | None = None,
    **table_kwargs: Any,
) -> Machine:
    local = SQLiteTable(tmp / name / "store.db")
    local.create_if_missing()
    settings = Settings(
        user=user,
        dynamodb_table=table,
        dynamodb_endpoint=endpoint or server.endpoint,
        dynamodb_region="us-east-1",
        sync="on",
    )
    remote = DynamoDBTable(
        table,
        endpoint_url=endpoint or server.endpoint,
        session=server.session(),
        client_config={"parameter_validation": False, **table_kwargs},
    )
    return Machine(name, local, settings, remote)


@pytest.fixture
def machines(tmp_path: Path, dynamodb_local: DynamoDBLocal) -> Iterator[Any]:
    made: list[Machine] = []
    table = f"sync-{uuid.uuid4().hex[:10]}"

    def make(name: str, user: str = "alice", **kwargs: Any) -> Machine:
        made.append(make_machine(tmp_path, name, dynamodb_local, table, user, **kwargs))
        return made[-1]

    yield make
    for m in made:
        m.local.close()
    if made:
        with contextlib.suppress(Exception):
            made[0].remote.delete_table()
    for m in made:
        m.remote.close()


# --- items ------------------------------------------------------------------------------------------------------


def history(rng: random.Random, user: str = "alice", code_lines: int = 20, tests: int = 3) -> SearchHistory:
    results = [
        TestResult(
            test_case_id=str(t + 1),
            output=f"{rng.randint(0, 10**6)}\n",
            passed=True,
            verdict="AC",
            time_ms=rng.randint(1, 50),
            memory_kb=9000,
        )
        for t in range(tests)
    ]
    return SearchHistory(
        id=0,
        user_identifier=user,
        problem_id="baekjoon#1000",
        platform="baekjoon",
        problem_number="1000",
        problem_title="A+B",
        language="python3",
        code="\n".join(f"x{i} = {rng.randint(0, 10**9)}" for i in range(code_lines)) + "\n",
        result_summary="Passed",
        passed_count=tests,
        failed_count=0,
        total_count=tests,
        test_results=results,
        verdict="AC",
    )


def problem(number: str, tests: int = 3) -> tuple[Problem, list[TestCase]]:
    p = Problem(
        platform="baekjoon",
        problem_number=number,
        title=f"Problem {number}",
        statement="Add.",
        tags=["math"],
        difficulty=1,
    )
    cases = [
        TestCase(
            test_case_id=str(i), input=f"{i} {i}\n", expected_output=f"{2 * i}\n", is_sample=i == 0, order=i
        )
        for i in range(tests)
    ]
    return p, cases


# --- comparing both sides -----------------------------------------------------------------------------------------


def local_items(m: Machine) -> dict[tuple[str, str], Item]:
    out = {}
    for prefix in ("HIST#", "PROB#"):
        for key in SyncLedger(m.local).keys(prefix):
            item = m.local.get(*key)
            assert item is not None
            out[key] = item
    return out


def remote_items(remote: DynamoDBTable) -> dict[tuple[str, str], Item]:
    """Every syncable item of the table, sync attributes left out (a Scan: tests only)."""
    from algoitny_tui.storage.dynamodb_table import deserialize_item

    out = {}
    for page in remote.client.get_paginator("scan").paginate(
        TableName=remote.table_name, ConsistentRead=True
    ):
        for raw in page["Items"]:
            item = deserialize_item(raw)
            if item["PK"].startswith((TOMBSTONE_PREFIX, REGISTRY_PREFIX)) or not is_syncable(item["PK"]):
                continue
            key = (item["PK"], item["SK"])
            assert key not in out  # nothing doubled
            out[key] = {k: v for k, v in item.items() if k not in SYNC_ATTRIBUTES}
    return out


def assert_same(remote: DynamoDBTable, *ms: Machine) -> dict[tuple[str, str], Item]:
    theirs = remote_items(remote)
    for m in ms:
        mine = local_items(m)
        assert set(mine) == set(theirs), (m.name, set(mine) ^ set(theirs))
        for key, item in mine.items():
            assert item == theirs[key], (m.name, key)
    return theirs
