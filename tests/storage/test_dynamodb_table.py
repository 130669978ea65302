"""What only the DynamoDB table does: table and index creation, the wire types, retries, size limits, error messages,
batching and DynamoDB's paging. Against a real DynamoDB Local (tests/servers.py)."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest

from algoitny_tui.storage.dynamodb_table import DynamoDBTable
from algoitny_tui.storage.table import INDEXES, ItemTooLarge, StoreError, Table, Update
from tests.servers import DynamoDBLocal

pytestmark = pytest.mark.dynamodb


def _describe(table: DynamoDBTable) -> dict[str, Any]:
    return dict(table.client.describe_table(TableName=table.table_name)["Table"])


# --- creation ----------------------------------------------------------------------------------------------


def test_create_if_missing_creates_key_schema_and_every_index(dynamodb_local: DynamoDBLocal) -> None:
    table = dynamodb_local.table()
    try:
        assert table.create_if_missing() is True
        desc = _describe(table)
        assert desc["TableStatus"] == "ACTIVE"
        assert {(k["AttributeName"], k["KeyType"]) for k in desc["KeySchema"]} == {
            ("PK", "HASH"),
            ("SK", "RANGE"),
        }
        assert desc["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        assert {a["AttributeName"]: a["AttributeType"] for a in desc["AttributeDefinitions"]} == {
            a: "S" for a in ("PK", "SK", *[attr for pair in INDEXES.values() for attr in pair])
        }
        gsis = {g["IndexName"]: g for g in desc["GlobalSecondaryIndexes"]}
        assert set(gsis) == set(INDEXES)
        for name, (pk, sk) in INDEXES.items():
            assert [(k["AttributeName"], k["KeyType"]) for k in gsis[name]["KeySchema"]] == [
                (pk, "HASH"),
                (sk, "RANGE"),
            ]
            assert gsis[name]["Projection"]["ProjectionType"] == "ALL"
            assert gsis[name]["IndexStatus"] == "ACTIVE"
        assert table.create_if_missing() is False  # everything exists now
    finally:
        table.delete_table()
        table.close()


def test_create_if_missing_adds_a_missing_index(dynamodb_local: DynamoDBLocal) -> None:
    table = dynamodb_local.table()
    # A table from an older version: the key and gsi1 only.
    table.client.create_table(
        TableName=table.table_name,
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": a, "AttributeType": "S"} for a in ("PK", "SK", "g1pk", "g1sk")
        ],
        BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi1",
                "KeySchema": [
                    {"AttributeName": "g1pk", "KeyType": "HASH"},
                    {"AttributeName": "g1sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    )
    try:
        table.put({"PK": "A", "SK": "1", "g2pk": "CHG#a", "g2sk": "0001"})
        assert table.create_if_missing() is True
        assert {g["IndexName"] for g in _describe(table)["GlobalSecondaryIndexes"]} == {"gsi1", "gsi2"}
        # The new index is backfilled with the items written before it existed.
        assert [i["PK"] for i in table.query("CHG#a", index="gsi2").items] == ["A"]
        assert table.create_if_missing() is False
    finally:
        table.delete_table()
        table.close()


def test_create_if_missing_from_two_threads_creates_once(dynamodb_local: DynamoDBLocal) -> None:
    name = f"race-{uuid.uuid4().hex[:10]}"
    tables = [dynamodb_local.table(name) for _ in range(2)]
    results: list[bool] = []
    threads = [threading.Thread(target=lambda t=t: results.append(t.create_if_missing())) for t in tables]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert sorted(results) == [False, True]
    finally:
        tables[0].delete_table()
        for table in tables:
            table.close()


def test_is_a_table_and_creates_its_client_lazily(dynamodb_local: DynamoDBLocal) -> None:
    table = dynamodb_local.table()
    assert isinstance(table, Table)
    assert table._client_obj is None  # nothing connects before the first call
    table.close()  # closing an unused table is fine
    table.create_if_missing()
    try:
        table.put({"PK": "A", "SK": "B"})
        table.close()
        assert table.get("A", "B") == {"PK": "A", "SK": "B"}  # a closed table reconnects on use
    finally:
        table.delete_table()
        table.close()


# --- values on the wire --------------------------------------------------------------------------------------


def test_numbers_and_bytes_on_the_wire(dynamodb_table: DynamoDBTable) -> None:
    item: dict[str, Any] = {
        "PK": "HIST#1696789012345678",
        "SK": "META",
        "id": 1696789012345678,
        "tenth": 0.1,
        "tiny": 1e-7,
        "huge": 1.5e100,
        "dec": Decimal("2.50"),
        "whole": 2.0,
        "raw": b"\x78\x9c\x00",
        "dat": {"nested": [b"\x01", 0.25, None]},
    }
    dynamodb_table.put(item)
    raw = dynamodb_table.client.get_item(
        TableName=dynamodb_table.table_name, Key={"PK": {"S": item["PK"]}, "SK": {"S": "META"}}
    )["Item"]
    assert raw["id"] == {"N": "1696789012345678"}
    assert raw["tenth"] == {"N": "0.1"}  # written from repr(), not from the binary float's expansion
    assert raw["raw"] == {"B": b"\x78\x9c\x00"}
    assert raw["dat"]["M"]["nested"]["L"][0] == {"B": b"\x01"}
    got = dynamodb_table.get(item["PK"], "META")
    assert got is not None
    assert got["id"] == 1696789012345678 and type(got["id"]) is int
    assert got["tenth"] == 0.1 and got["tiny"] == 1e-7 and got["huge"] == 1.5e100
    assert got["dec"] == 2.5 and type(got["dec"]) is float
    assert got["whole"] == 2 and type(got["whole"]) is int  # DynamoDB has one number type: integral -> int
    assert got["raw"] == b"\x78\x9c\x00" and type(got["raw"]) is bytes
    assert got["dat"] == {"nested": [b"\x01", 0.25, None]}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1.5e300, 10**38 + 1, Decimal("1e-200")])
def test_numbers_dynamodb_cannot_hold_are_refused(dynamodb_table: DynamoDBTable, bad: Any) -> None:
    with pytest.raises(ValueError):
        dynamodb_table.put({"PK": "A", "SK": "B", "x": bad})
    assert dynamodb_table.get("A", "B") is None


# --- errors ----------------------------------------------------------------------------------------------------


def test_missing_table_says_how_to_create_it(dynamodb_local: DynamoDBLocal) -> None:
    session = boto3.Session(
        aws_access_key_id="AKIDLEAKCHECK", aws_secret_access_key="SECRET-LEAK-CHECK", region_name="us-east-1"
    )
    table = DynamoDBTable("no-such-table", endpoint_url=dynamodb_local.endpoint, session=session)
    try:
        for call in (
            lambda: table.get("A", "B"),
            lambda: table.put({"PK": "A", "SK": "B"}),
            lambda: table.query("A"),
        ):
            with pytest.raises(StoreError) as info:
                call()
            message = str(info.value)
            assert "no-such-table" in message and "does not exist" in message and "algoitny sync" in message
            assert "SECRET-LEAK-CHECK" not in message and "AKIDLEAKCHECK" not in message
    finally:
        table.close()


def test_items_over_400_kb_raise_item_too_large(dynamodb_table: DynamoDBTable) -> None:
    big = "x" * (410 * 1024)
    with pytest.raises(ItemTooLarge):
        dynamodb_table.put({"PK": "A", "SK": "B", "cod": big})
    with pytest.raises(ItemTooLarge):
        dynamodb_table.batch_write([{"PK": "A", "SK": "C", "cod": big}])
    dynamodb_table.put({"PK": "A", "SK": "D", "cod": "y" * (300 * 1024)})
    with pytest.raises(ItemTooLarge):
        dynamodb_table.update("A", "D", Update(set={"out": "z" * (200 * 1024)}))
    item = dynamodb_table.get("A", "D")
    assert item is not None and "out" not in item
    assert isinstance(ItemTooLarge("x"), StoreError)


def test_retries_use_botocore_standard_mode(dynamodb_local: DynamoDBLocal) -> None:
    # botocore's `max_attempts` counts retries: 8 retries, 9 attempts in all.
    retries = dynamodb_local.table().client.meta.config.retries  # type: ignore[attr-defined]
    assert retries == {"mode": "standard", "total_max_attempts": 9}
    overridden = dynamodb_local.table(client_config={"retries": {"mode": "standard", "max_attempts": 3}})
    overridden_retries = overridden.client.meta.config.retries  # type: ignore[attr-defined]
    assert overridden_retries == {"mode": "standard", "total_max_attempts": 4}


class FaultyProxy:
    """An HTTP proxy in front of DynamoDB Local that answers the first requests with errors DynamoDB sends under
    load (throttling, a 500) and forwards the rest."""

    def __init__(self, upstream: str, faults: list[tuple[int, str]]) -> None:
        self.upstream = upstream
        self.faults = list(faults)
        self.requests = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"]))
                proxy.requests += 1
                if proxy.faults:
                    status, code = proxy.faults.pop(0)
                    payload = json.dumps(
                        {"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": code}
                    ).encode()
                else:
                    headers = {
                        k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                    }
                    request = urllib.request.Request(
                        proxy.upstream, data=body, headers=headers, method="POST"
                    )
                    with urllib.request.urlopen(request, timeout=10) as resp:
                        status, payload = resp.status, resp.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy_for(dynamodb_local: DynamoDBLocal) -> Iterator[Any]:
    proxies: list[FaultyProxy] = []

    def make(faults: list[tuple[int, str]]) -> FaultyProxy:
        proxies.append(FaultyProxy(dynamodb_local.endpoint, faults))
        return proxies[-1]

    yield make
    for p in proxies:
        p.close()


def test_throttling_and_server_errors_are_retried(
    dynamodb_table: DynamoDBTable, proxy_for: Any, dynamodb_local: DynamoDBLocal
) -> None:
    dynamodb_table.put({"PK": "A", "SK": "B", "v": 1})
    proxy = proxy_for(
        [
            (400, "ThrottlingException"),
            (400, "ProvisionedThroughputExceededException"),
            (500, "InternalServerError"),
        ]
    )
    through = DynamoDBTable(
        dynamodb_table.table_name, endpoint_url=proxy.endpoint, session=dynamodb_local.session()
    )
    try:
        assert through.get("A", "B") == {"PK": "A", "SK": "B", "v": 1}
        assert proxy.requests == 4
    finally:
        through.close()


def test_throttling_that_does_not_stop_becomes_a_store_error(
    dynamodb_table: DynamoDBTable, proxy_for: Any, dynamodb_local: DynamoDBLocal
) -> None:
    proxy = proxy_for([(400, "ThrottlingException")] * 10)
    through = DynamoDBTable(
        dynamodb_table.table_name,
        endpoint_url=proxy.endpoint,
        session=dynamodb_local.session(),
        client_config={"retries": {"mode": "standard", "max_attempts": 2}},
    )
    try:
        with pytest.raises(StoreError, match="ThrottlingException"):
            through.put({"PK": "A", "SK": "B"})
        assert proxy.requests == 3  # the first try and 2 retries
    finally:
        through.close()


# --- updates through missing maps ----------------------------------------------------------------------------


def test_concurrent_nested_adds_on_an_absent_item_are_exact(dynamodb_table: DynamoDBTable) -> None:
    # Every thread first finds no `dat` map; one creates it, the others must retry, not overwrite it.
    errors: list[BaseException] = []

    def bump() -> None:
        try:
            for _ in range(10):
                dynamodb_table.update("CNT", "META", Update(add={"dat.n": 1}))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert dynamodb_table.get("CNT", "META") == {"PK": "CNT", "SK": "META", "dat": {"n": 80}}


def test_update_through_a_value_that_is_not_a_map_is_refused(dynamodb_table: DynamoDBTable) -> None:
    dynamodb_table.put({"PK": "A", "SK": "B", "dat": "text"})
    with pytest.raises(StoreError, match="not a map"):
        dynamodb_table.update("A", "B", Update(set={"dat.x": 1}))
    assert dynamodb_table.get("A", "B") == {"PK": "A", "SK": "B", "dat": "text"}


# --- batches and paging ----------------------------------------------------------------------------------------


def test_batch_of_sixty_with_duplicate_keys(dynamodb_table: DynamoDBTable) -> None:
    # 60 puts over 45 keys (15 written twice, the second version must win), across three requests of 25.
    puts = [{"PK": "B", "SK": f"{i % 45:03d}", "v": i} for i in range(60)]
    deletes = [("B", f"{i:03d}") for i in range(40, 45)] + [("B", "999")]
    dynamodb_table.batch_write(puts, deletes)
    items = list(dynamodb_table.query_all("B"))
    assert [i["SK"] for i in items] == [f"{i:03d}" for i in range(40)]
    assert {i["SK"]: i["v"] for i in items} == {f"{k:03d}": (k + 45 if k < 15 else k) for k in range(40)}


def test_cursor_is_plain_and_resumable(dynamodb_table: DynamoDBTable) -> None:
    dynamodb_table.batch_write(
        [{"PK": "U", "SK": f"H#{i:02d}", "g1pk": "USER#u", "g1sk": f"H#{i:02d}"} for i in range(9)]
    )
    page = dynamodb_table.query("U", "H#", limit=4)
    assert page.cursor == {"PK": "U", "SK": "H#03"}
    json.dumps(page.cursor)  # storable between runs of the app
    # The last item of a page works as a cursor too.
    again = dynamodb_table.query("U", "H#", limit=4, start_after=page.items[-1])
    assert [i["SK"] for i in again.items] == ["H#04", "H#05", "H#06", "H#07"]
    index_page = dynamodb_table.query("USER#u", index="gsi1", limit=2)
    assert index_page.cursor == {"PK": "U", "SK": "H#01", "g1pk": "USER#u", "g1sk": "H#01"}
    with pytest.raises(ValueError):
        dynamodb_table.query("USER#u", index="gsi1", start_after={"PK": "U", "SK": "H#01"})
    with pytest.raises(ValueError):
        dynamodb_table.query("U", index="gsi9")


def test_limited_page_is_filled_across_dynamodb_responses(dynamodb_table: DynamoDBTable) -> None:
    # 30 items of 60 KB: one DynamoDB response stops at 1 MB, yet a page asked for 25 items gets 25.
    blob = bytes(range(256)) * 240
    dynamodb_table.batch_write([{"PK": "BIG", "SK": f"{i:03d}", "blob": blob} for i in range(30)])
    raw = dynamodb_table.client.query(
        TableName=dynamodb_table.table_name,
        KeyConditionExpression="PK = :p",
        ExpressionAttributeValues={":p": {"S": "BIG"}},
        Limit=25,
    )
    assert len(raw["Items"]) < 25  # DynamoDB itself stops early
    page = dynamodb_table.query("BIG", limit=25)
    assert [i["SK"] for i in page.items] == [f"{i:03d}" for i in range(25)]
    rest = dynamodb_table.query("BIG", limit=25, start_after=page.cursor)
    assert [i["SK"] for i in rest.items] == [f"{i:03d}" for i in range(25, 30)]
    assert rest.cursor is None
