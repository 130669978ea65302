"""`repos`: the repositories over each table kind, SQLite and a real DynamoDB Local: the same tests run on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.sqlite_table import SQLiteTable


@pytest.fixture(params=["sqlite", "dynamodb"])
def repos(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repositories]:
    if request.param == "dynamodb":
        table = request.getfixturevalue("dynamodb_table")
        yield Repositories.over(table)
    else:
        sqlite = SQLiteTable(tmp_path / "store.db")
        sqlite.create_if_missing()
        yield Repositories.over(sqlite)
        sqlite.close()
