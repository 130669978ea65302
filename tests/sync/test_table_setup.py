"""One command makes the table with either store, and an existing table with another schema is named, not used."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from algoitny_tui.cli import main
from algoitny_tui.storage.dynamodb_table import DynamoDBTable
from algoitny_tui.storage.table import INDEXES
from tests.servers import DynamoDBLocal


@pytest.fixture
def table_env(monkeypatch: pytest.MonkeyPatch, dynamodb_local: DynamoDBLocal) -> Iterator[DynamoDBTable]:
    name = f"setup-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("ALGOITNY_DYNAMODB_ENDPOINT", dynamodb_local.endpoint)
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", name)
    monkeypatch.setenv("ALGOITNY_USER", "alice")
    table = DynamoDBTable(name, endpoint_url=dynamodb_local.endpoint, session=dynamodb_local.session())
    yield table
    table.delete_table(missing_ok=True)
    table.close()


def _indexes(table: DynamoDBTable) -> dict[str, list[str]]:
    desc = table.client.describe_table(TableName=table.table_name)["Table"]
    return {
        g["IndexName"]: [k["AttributeName"] for k in g["KeySchema"]] for g in desc["GlobalSecondaryIndexes"]
    }


def test_with_store_dynamodb_sync_creates_the_table_then_import_works(
    table_env: DynamoDBTable,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Any,
) -> None:
    monkeypatch.setenv("ALGOITNY_STORE", "dynamodb")
    monkeypatch.setenv("ALGOITNY_BUILTIN_PACK", "false")
    folder = tmp_path / "ab"
    folder.mkdir()
    (folder / "1.in").write_text("1 2\n")
    (folder / "1.out").write_text("3\n")
    # Before: the store's error names the command that makes the table.
    assert main(["import", str(folder)]) == 2
    assert "run `algoitny sync` to create it" in capsys.readouterr().err
    assert main(["sync", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created_table"] is True and report["store"] == "dynamodb" and report["errors"] == []
    assert _indexes(table_env) == {name: list(keys) for name, keys in INDEXES.items()}
    assert main(["import", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"][0]["tests"] == 1
    # Again: nothing created, the table is checked and said to be ready.
    assert main(["sync"]) == 0
    out = capsys.readouterr().out
    assert "created" not in out and "is ready" in out and "nothing to push or pull" in out


def test_a_missing_index_is_added(table_env: DynamoDBTable, capsys: pytest.CaptureFixture[str]) -> None:
    table_env.client.create_table(
        TableName=table_env.table_name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK", "g1pk", "g1sk")
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi1",
                "Projection": {"ProjectionType": "ALL"},
                "KeySchema": [
                    {"AttributeName": "g1pk", "KeyType": "HASH"},
                    {"AttributeName": "g1sk", "KeyType": "RANGE"},
                ],
            }
        ],
    )
    assert main(["sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created_table"] is True
    assert set(_indexes(table_env)) == {"gsi1", "gsi2"}


@pytest.mark.parametrize("case", ["keys", "index"])
def test_a_table_with_another_schema_is_refused_naming_each_difference(
    table_env: DynamoDBTable, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    monkeypatch.setenv("ALGOITNY_STORE", "dynamodb" if case == "keys" else "sqlite")
    if case == "keys":
        keys = [{"AttributeName": "id", "KeyType": "HASH"}]
        attrs = [{"AttributeName": "id", "AttributeType": "S"}]
        indexes: list[dict[str, Any]] = []
    else:
        keys = [{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}]
        attrs = [{"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK", "g2pk")]
        indexes = [
            {
                "IndexName": "gsi2",
                "Projection": {"ProjectionType": "KEYS_ONLY"},
                "KeySchema": [{"AttributeName": "g2pk", "KeyType": "HASH"}],
            }
        ]
    table_env.client.create_table(
        TableName=table_env.table_name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=keys,
        AttributeDefinitions=attrs,
        **({"GlobalSecondaryIndexes": indexes} if indexes else {}),
    )
    assert main(["sync"]) == 2
    err = capsys.readouterr().err
    assert "does not have the schema this app needs" in err and "Traceback" not in err
    if case == "keys":
        assert "key schema is id (partition); the app needs PK (partition) + SK (sort)" in err
    else:
        assert "index gsi2 has key g2pk (partition); the app needs g2pk (partition) + g2sk (sort)" in err
        assert "index gsi2 projects KEYS_ONLY" in err
    assert "set dynamodb_table to a new table name" in err
    desc = table_env.client.describe_table(TableName=table_env.table_name)["Table"]
    assert len(desc.get("GlobalSecondaryIndexes", [])) == len(indexes)  # nothing added to a table it refused
    assert table_env.client.scan(TableName=table_env.table_name)["Count"] == 0  # and nothing written
