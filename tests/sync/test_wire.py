"""Sync's fast paths give the same results as the careful ones: DynamoDB JSON written straight from a stored body,
and the digest of an item read as plain JSON."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from algoitny_tui import codec
from algoitny_tui.storage.chunks import split_item
from algoitny_tui.storage.sqlite_table import SQLiteTable, encode_body
from algoitny_tui.storage.sync_ledger import SyncLedger
from algoitny_tui.sync import wire
from algoitny_tui.sync.versions import SYNC_ATTRIBUTES, digest, strip
from tests.sync.conftest import history, problem

ODD: list[dict[str, Any]] = [
    {
        "PK": "HIST#1",
        "SK": "META",
        "s": "",
        "m": {},
        "l": [],
        "n": None,
        "t": True,
        "f": False,
        "z": 0,
        "neg": -12,
        "big": 10**37,
        "edge": -(10**38 - 1),
        "bigfl": 1.5e100,
        "fl": 1.5,
        "e": 1e-7,
        "b": b"\x00\xff",
        "bs": [b"", b"abc"],
        "u": '한글 \u2028 "quoted" \\ back\nline\ttab \x01',
        "surr": "\ud800",
        "nested": [[1, [2, {"k": [None]}]]],
        "dollar": {"$b": 5},
        "dollar2": {"$b": "x", "y": 1},
        "keys": {"": 1, "한": "v", 'a"b': [True]},
    },
    {"PK": "HIST#2", "SK": "C#0001", "rev": "0001-w", "g2pk": "CHG#x", "g2sk": "w#1", "data": b"\x01" * 300},
]


def _items() -> list[dict[str, Any]]:
    rng = random.Random(5)
    items = [*ODD]
    for _ in range(20):
        items += split_item(codec.history_to_item(history(rng, code_lines=rng.choice([1, 50, 3000]))))
    p, cases = problem("1000")
    items += [
        codec.problem_to_item(p),
        *(codec.test_case_to_item(p.platform, p.problem_number, c, 1764000000) for c in cases),
    ]
    return items


ITEMS = _items()


@pytest.mark.parametrize("index", range(len(ITEMS)))
def test_item_json_from_the_stored_body_is_wire_item(index: int) -> None:
    item = ITEMS[index]
    extra = {"rev": "0000000000000001-abc", "g2pk": "CHG#USER#a", "g2sk": "abc#000000000001"}
    expected = json.loads(json.dumps(wire.wire_item({**strip(item), **extra}), default=wire._b64_default))
    stored = json.loads(encode_body(item))  # as the push reads it: binary values still {"$b": base64}
    assert json.loads(wire.item_json(stored, skip=SYNC_ATTRIBUTES, extra=extra)) == expected
    assert (
        json.loads(wire.item_json(item, skip=SYNC_ATTRIBUTES, extra=extra)) == expected
    )  # decoded: the same


@pytest.mark.parametrize("index", range(len(ITEMS)))
def test_digest_of_the_plain_body_is_the_digest_of_the_item(index: int) -> None:
    item = ITEMS[index]
    assert digest(json.loads(encode_body(item))) == digest(item)


def test_item_json_refuses_what_dynamodb_cannot_hold() -> None:
    with pytest.raises(ValueError):
        wire.item_json({"PK": "HIST#1", "SK": "META", "x": float("nan")})


def test_bodies_reads_many_keys(tmp_path: Any) -> None:
    local = SQLiteTable(tmp_path / "s.db")
    items = [{"PK": f"HIST#{i}", "SK": "META", "v": i, "b": bytes([i % 256])} for i in range(1203)]
    local.batch_write(items)
    keys = [(f"HIST#{i}", "META") for i in range(0, 1300, 3)]
    found = SyncLedger(local).bodies(keys)
    assert set(found) == {k for k in keys if int(k[0][5:]) < 1203}
    assert all(json.loads(found[k])["v"] == int(k[0][5:]) for k in found)
    assert SyncLedger(local).bodies([]) == {}
    local.close()


def test_batch_write_sends_prepared_bodies_and_retries_only_the_unprocessed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import boto3
    from botocore.awsrequest import AWSResponse, HTTPHeaders

    monkeypatch.setattr(wire, "backoff", lambda attempt: None)
    client = boto3.client(
        "dynamodb",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
        endpoint_url="http://127.0.0.1:9",
    )
    remote: Any = type("Remote", (), {"client": client, "table_name": "t"})()
    bodies: list[dict[str, Any]] = []
    left = {"PutRequest": {"Item": {"PK": {"S": "HIST#1"}, "SK": {"S": "META"}}}}
    answers = [{"UnprocessedItems": {"t": [left]}}, {"UnprocessedItems": {}}]

    class Raw:
        def __init__(self, data: bytes) -> None:
            self.data = data

        def stream(self, **_: Any) -> Any:
            yield self.data

    def answer(request: Any, **_: Any) -> Any:  # in place of the network
        bodies.append(json.loads(request.body))
        return AWSResponse(request.url, 200, HTTPHeaders(), Raw(json.dumps(answers.pop(0)).encode()))

    events: Any = client.meta.events
    events.register("before-send.dynamodb.BatchWriteItem", answer)
    items: list[dict[str, Any]] = [
        {"PK": f"HIST#{i}", "SK": "META", "b": b"\x01\x02", "n": i} for i in range(3)
    ]
    puts = [
        ((f"HIST#{i}", "META"), wire.item_json(json.loads(encode_body(item)))) for i, item in enumerate(items)
    ]
    result = wire.batch_write(remote, puts)
    assert sorted(result.written) == [("HIST#0", "META"), ("HIST#1", "META"), ("HIST#2", "META")]
    assert result.failed == [] and result.error is None
    first, second = (b["RequestItems"]["t"] for b in bodies)
    assert [r["PutRequest"]["Item"] for r in first] == [wire_item_json(i) for i in items]
    assert [r["PutRequest"]["Item"]["PK"]["S"] for r in second] == ["HIST#1"]


def wire_item_json(item: dict[str, Any]) -> Any:
    return json.loads(json.dumps(wire.wire_item(item), default=wire._b64_default))


@pytest.mark.parametrize("index", range(len(ITEMS)))
def test_a_body_digest_matches_the_item_read_back_and_nothing_else(index: int, tmp_path: Any) -> None:
    from algoitny_tui.sync.versions import body_digest, matches

    # ("dollar" is left out: a map that is exactly {"$b": <not base64>} does not read back from the store at all)
    item = {k: v for k, v in ITEMS[index].items() if k not in (*SYNC_ATTRIBUTES, "dollar")}
    local = SQLiteTable(tmp_path / "s.db")
    local.put(item)
    key = (item["PK"], item["SK"])
    body = SyncLedger(local).bodies([key])[key]
    recorded = body_digest(body)
    assert matches(recorded, local.get(*key))  # as pull and conflict handling compare: from the decoded item
    assert matches(recorded, json.loads(body), body)
    assert matches(
        digest(item), json.loads(body), body
    )  # a digest recorded by pull (sorted keys) matches too
    assert not matches(recorded, None) and not matches(recorded, {**item, "upd": -1})
    assert not matches(digest(item), {**item, "upd": -1})
    local.close()
