"""Sync speed against DynamoDB Local, side by side in one run (this machine is shared: only ratios are stable).

Pushes the same N realistic histories (built with the models and the codec: code, test results, some hints; a few
KB each) three ways, each into a fresh table:
  put_item loop   one PutItem per history (what the seed does); on a sample, the rate extrapolates
  raw batches     boto3 low-level batch_write_item, 25 a call, items serialized before the clock starts:
                  sequential, and 8 threads in parallel (the ceiling), default client and validation off
  algoitny sync   sync_once from a SQLite store whose outbox holds the N histories (reads, digests, serializes
                  and sends everything inside the clock)
first on plain DynamoDB Local (--rounds times, each round all methods back to back, so each round's ratios compare
methods under the same load; the summary gives the median and the range of the per-round ratios), then through a
loopback proxy that adds 10 ms to every request (a region's RTT).
Ratios against two raw ceilings: "best raw" is the fastest raw variant of the round (usually 8 threads with parameter
validation off), "default raw" is boto3's client as it comes (8 threads, validation on).
Then: a sync with one new history in stores of 1,000 / 10,000 / 100,000 synced histories (--syncs syncs each,
median and max).

Run from the repository root: .venv/bin/python bench/sync/run.py [--count 10000] [--rounds 3] [--syncs 15]
[--latency-stores 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


from algoitny_tui import codec  # noqa: E402
from algoitny_tui.config import Settings  # noqa: E402
from algoitny_tui.models import SearchHistory, TestResult  # noqa: E402
from algoitny_tui.storage.chunks import item_size, split_item  # noqa: E402
from algoitny_tui.storage.dynamodb_table import DynamoDBTable, serialize_item  # noqa: E402
from algoitny_tui.storage.history_repository import SearchHistoryRepository, fit_outputs  # noqa: E402
from algoitny_tui.storage.sqlite_table import SQLiteTable  # noqa: E402
from algoitny_tui.sync import engine  # noqa: E402
from algoitny_tui.sync import wire as sync_wire  # noqa: E402
from tests.servers import DynamoDBLocal, dynamodb_local_dir  # noqa: E402
from tests.sync.proxy import FaultProxy  # noqa: E402

LINES = [
    "import sys",
    "input = sys.stdin.readline",
    "n, m = map(int, input().split())",
    "total = 0",
    "for i in range(n):",
    "    total += a[i] * b[i]",
    "print(total)",
    "#include <bits/stdc++.h>",
    "int main() {",
    "  long long s = 0;",
    "  for (int i = 0; i < n; ++i) s += v[i];",
    "}",
]


def make_history(rng: random.Random, user: str) -> SearchHistory:
    tests = rng.choice([1, 2, 3, 5, 10, 20])
    passed = rng.randint(0, tests)
    results = [
        TestResult(
            test_case_id=str(t + 1),
            output=f"{rng.randint(0, 10**9)}\n",
            passed=t < passed,
            verdict="AC" if t < passed else "WA",
            error=None,
            time_ms=rng.randint(0, 900),
            memory_kb=rng.randint(3000, 60000),
            message="" if t < passed else f"line 1: expected {rng.randint(0, 99)}",
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
        language=rng.choice(["python3", "cpp", "java"]),
        code="\n".join(rng.choice(LINES) for _ in range(rng.choice([10, 30, 60, 120]))) + "\n",
        result_summary="Passed" if passed == tests else "Failed",
        passed_count=passed,
        failed_count=tests - passed,
        total_count=tests,
        test_results=results,
        verdict="AC" if passed == tests else "WA",
        hints=None if rng.random() < 0.7 else ["Think about overflow.", "Use a 64-bit sum."],
        created_at=1764000000,
        updated_at=1764000000,
    )


def make_items(
    count: int, user: str, seed: int = 1, start_id: int = 1_764_000_000_000_000
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    templates = [codec.history_to_item(fit_outputs(make_history(rng, user))) for _ in range(min(count, 500))]
    items = []
    for i in range(count):  # distinct ids over a pool of realistic bodies (building 100,000 models is slow)
        item = dict(templates[i % len(templates)])
        hid = start_id + i
        item["PK"], item["g1sk"] = f"HIST#{hid}", f"HIST#{hid:016d}"
        items.extend(split_item(item))
    return items


def fresh_table(server: DynamoDBLocal, endpoint: str, **config: Any) -> DynamoDBTable:
    table = DynamoDBTable(
        f"bench-{uuid.uuid4().hex[:8]}",
        endpoint_url=endpoint,
        session=server.session(),
        client_config=config or None,
    )
    DynamoDBTable(
        table.table_name, endpoint_url=server.endpoint, session=server.session()
    ).create_if_missing()
    return table


def put_loop(server: DynamoDBLocal, endpoint: str, wire: list[dict[str, Any]]) -> float:
    table = fresh_table(server, endpoint)
    client = table.client
    start = time.perf_counter()
    for w in wire:
        client.put_item(TableName=table.table_name, Item=w)
    rate = len(wire) / (time.perf_counter() - start)
    table.delete_table()
    return rate


def raw_batches(
    server: DynamoDBLocal, endpoint: str, wire: list[dict[str, Any]], threads: int, validation: bool
) -> float:
    table = fresh_table(server, endpoint, parameter_validation=validation, max_pool_connections=32)
    client, name = table.client, table.table_name

    def send(chunk: list[dict[str, Any]]) -> None:
        request: Any = {name: [{"PutRequest": {"Item": w}} for w in chunk]}
        while request:
            request = client.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}

    chunks = [wire[i : i + 25] for i in range(0, len(wire), 25)]
    start = time.perf_counter()
    if threads == 1:
        for chunk in chunks:
            send(chunk)
    else:
        with cf.ThreadPoolExecutor(threads) as pool:
            list(pool.map(send, chunks))
    rate = len(wire) / (time.perf_counter() - start)
    table.delete_table()
    return rate


def raw_prepared(server: DynamoDBLocal, endpoint: str, items: list[dict[str, Any]], threads: int) -> float:
    """Not boto3 as it comes: batch_write_item with each request's JSON body encoded before the clock starts (the
    trick sync itself uses), so botocore does not walk the items. What the server takes with the least client CPU:
    reported beside the raw ceiling, not part of it."""
    table = fresh_table(server, endpoint, parameter_validation=False, max_pool_connections=32)
    client, name = sync_wire._install_hook(table), table.table_name
    head = '{"RequestItems":{"' + name + '":['
    bodies = [
        (
            head
            + ",".join('{"PutRequest":{"Item":' + sync_wire.item_json(i) + "}}" for i in items[k : k + 25])
            + "]}}"
        ).encode()
        for k in range(0, len(items), 25)
    ]

    def send(body: bytes) -> None:
        sync_wire._bodies.body = body
        request: Any = client.batch_write_item(RequestItems=sync_wire._placeholder(name)).get(
            "UnprocessedItems"
        )
        while request:
            request = client.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(threads) as pool:
        list(pool.map(send, bodies))
    rate = len(items) / (time.perf_counter() - start)
    table.delete_table()
    return rate


def store_with(items: list[dict[str, Any]], directory: Path) -> SQLiteTable:
    local = SQLiteTable(directory / f"store-{uuid.uuid4().hex[:6]}.db")
    local.create_if_missing()
    for i in range(0, len(items), 5000):
        local.batch_write(items[i : i + 5000])
    return local


def settings_for(table: DynamoDBTable) -> Settings:
    return Settings(
        user="bench", dynamodb_table=table.table_name, dynamodb_endpoint=table.endpoint_url, sync="on"
    )


def sync_rate(server: DynamoDBLocal, endpoint: str, items: list[dict[str, Any]], directory: Path) -> float:
    local = store_with(items, directory)
    table = fresh_table(server, endpoint, parameter_validation=False, max_pool_connections=16)
    start = time.perf_counter()
    report = engine.sync_once(settings_for(table), local, table)
    elapsed = time.perf_counter() - start
    assert not report.errors and report.pushed == len(items), report
    table.delete_table()
    local.close()
    return len(items) / elapsed


def one_new_history(server: DynamoDBLocal, stored: int, directory: Path, syncs: int) -> list[float]:
    local = store_with(make_items(stored, "bench", seed=2), directory)
    table = fresh_table(server, server.endpoint, parameter_validation=False, max_pool_connections=16)
    settings = settings_for(table)
    first = engine.sync_once(settings, local, table)
    assert not first.errors and first.pushed == stored, first
    repo = SearchHistoryRepository(local)
    rng = random.Random(3)
    times = []
    for _ in range(syncs):
        repo.create_history(make_history(rng, "bench"))
        start = time.perf_counter()
        report = engine.sync_once(settings, local, table)
        times.append((time.perf_counter() - start) * 1000)
        assert report.pushed == 1 and not report.errors and report.pending == 0, report
    table.delete_table()
    local.close()
    return times


def local_round(
    server: DynamoDBLocal,
    wire: list[dict[str, Any]],
    items: list[dict[str, Any]],
    directory: Path,
    put_sample: int,
) -> dict[str, float]:
    """Every method once against plain DynamoDB Local, back to back."""
    endpoint = server.endpoint
    return {
        "put": put_loop(server, endpoint, wire[:put_sample]),
        "seq": raw_batches(server, endpoint, wire, 1, True),
        "par": raw_batches(server, endpoint, wire, 8, True),
        "par_nv": raw_batches(server, endpoint, wire, 8, False),
        "prep": raw_prepared(server, endpoint, items, 8),
        "sync": sync_rate(server, endpoint, items, directory),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--put-sample", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of all methods on plain DynamoDB Local")
    parser.add_argument("--syncs", type=int, default=15, help="one-new-history syncs per store size")
    parser.add_argument("--latency-stores", default="1000,10000,100000")
    args = parser.parse_args()
    server = DynamoDBLocal(dynamodb_local_dir())
    server.start()
    tmp = Path(tempfile.mkdtemp(prefix="algoitny-bench-sync-"))
    try:
        items = make_items(args.count, "bench")
        wire = [serialize_item(i) for i in items]
        sizes = [item_size(i) for i in items]
        print(
            f"# bench/sync: {len(items)} history items, mean {statistics.mean(sizes):,.0f} B, "
            f"max {max(sizes):,} B (as DynamoDB counts them)"
        )
        # Warm the JVM up first: whatever runs first on a cold DynamoDB Local is measured slow.
        raw_batches(server, server.endpoint, wire[:3000], 8, False)
        put_loop(server, server.endpoint, wire[:300])
        sync_rate(server, server.endpoint, items[:2000], tmp)

        print(f"\n## DynamoDB Local, {args.rounds} rounds (items/s; ratios of sync within each round)")
        print(
            "| round | put_item loop | raw seq | raw 8 threads (default raw) | raw 8 threads, no validation | "
            "prepared bodies, 8 threads | algoitny sync | sync / best raw | sync / default raw | "
            "sync / prepared | sync / put_item |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        ratios: dict[str, list[float]] = {"best": [], "default": [], "prep": [], "put": []}
        for n in range(1, args.rounds + 1):
            r = local_round(server, wire, items, tmp, args.put_sample)
            best = max(r["seq"], r["par"], r["par_nv"])
            ratios["best"].append(r["sync"] / best)
            ratios["default"].append(r["sync"] / r["par"])
            ratios["prep"].append(r["sync"] / r["prep"])
            ratios["put"].append(r["sync"] / r["put"])
            print(
                f"| {n} | {r['put']:,.0f} | {r['seq']:,.0f} | {r['par']:,.0f} | {r['par_nv']:,.0f} | "
                f"{r['prep']:,.0f} | {r['sync']:,.0f} | {ratios['best'][-1]:.0%} | {ratios['default'][-1]:.0%} | "
                f"{ratios['prep'][-1]:.0%} | {ratios['put'][-1]:.1f}x |"
            )
        print("\n| sync vs | median of rounds | lowest | highest |\n|---|---|---|---|")
        for key, label in (
            ("best", "best raw batch (aim: 80%)"),
            ("default", "default raw client"),
            ("prep", "prepared bodies (no boto3 serializer)"),
        ):
            v = ratios[key]
            print(f"| {label} | {statistics.median(v):.0%} | {min(v):.0%} | {max(v):.0%} |")
        v = ratios["put"]
        print(f"| put_item loop | {statistics.median(v):.1f}x | {min(v):.1f}x | {max(v):.1f}x |")

        proxy = FaultProxy(server.port, delay=0.010)
        endpoint, sample = proxy.endpoint, max(200, args.put_sample // 5)
        rows = [
            (f"put_item loop ({sample} items)", put_loop(server, endpoint, wire[:sample])),
            ("raw batch_write_item, sequential", raw_batches(server, endpoint, wire, 1, True)),
            ("raw batch_write_item, 8 threads (default raw)", raw_batches(server, endpoint, wire, 8, True)),
            (
                "raw batch_write_item, 8 threads, no param validation",
                raw_batches(server, endpoint, wire, 8, False),
            ),
            ("algoitny sync (sync_once)", sync_rate(server, endpoint, items, tmp)),
        ]
        base, default = rows[0][1], rows[2][1]
        ceiling = max(r for _, r in rows[1:4])
        print(
            "\n## through a 10 ms proxy\n| method | items/s | x put_item loop | of best raw batch | of default raw |"
            "\n|---|---|---|---|---|"
        )
        for name, rate in rows:
            print(
                f"| {name} | {rate:,.0f} | {rate / base:.1f}x | {rate / ceiling:.0%} | {rate / default:.0%} |"
            )
        proxy.close()

        print(
            f"\n## one new history, synced into a store of N synced histories ({args.syncs} syncs each, ms)"
        )
        print("| stored | median | max | all, in order |\n|---|---|---|---|")
        for stored in (int(x) for x in args.latency_stores.split(",") if x):
            times = one_new_history(server, stored, tmp, args.syncs)
            print(
                f"| {stored:,} | {statistics.median(times):.1f} | {max(times):.1f} | "
                f"{' '.join(f'{t:.0f}' for t in times)} |"
            )
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)  # the stores: ~0.5 GB with the 100,000 one
    return 0


if __name__ == "__main__":
    sys.exit(main())
