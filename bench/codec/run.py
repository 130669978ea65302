"""Size of history items as DynamoDB counts it: the seed's short names against the same items with long names, and
how many items the store has to compress or split.

A realistic, seeded set: short and long code, 1 to 100 test results with typical outputs, with and without hints,
and some submissions whose outputs are 1 MB each. For each item we measure:
  long      the item with long field names, nothing compressed (what the backend stored before the migration)
  short     the seed's short names, nothing compressed
  stored    what algoitny writes: short names, every text a string; outputs cut to 64 KB (and further only if the
            item still would not fit); the largest text fields compressed (listed in `dat.zfl`) only when the item
            would otherwise exceed the budget; code split into chunk items only if it still does not fit (all items
            of a history counted)
  previous  what the previous codec wrote: the same outputs, every text of 1 KB or more compressed, whatever the
            item's size
and count the histories whose stored item has compressed fields, chunk items, or cut outputs.

Run: .venv/bin/python bench/codec/run.py [--seed 1] [--count 400]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
from typing import Any

from algoitny_tui import codec
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.chunks import split_item
from algoitny_tui.storage.history_repository import fit_outputs
from algoitny_tui.storage.item_size import DYNAMODB_ITEM_LIMIT, item_size

CODE_LINE = [
    "for i in range(n):",
    "    total += a[i] * b[i]",
    "print(total)",
    "int main() {",
    "  long long s = 0;",
    "  for (int i = 0; i < n; ++i) s += v[i];",
    "  cout << s << '\\n';",
    "}",
    "import sys",
    "input = sys.stdin.readline",
    "def solve():",
    "    n, m = map(int, input().split())",
]


def code(rng: random.Random, lines: int) -> str:
    return "\n".join(rng.choice(CODE_LINE) for _ in range(lines)) + "\n"


def output(rng: random.Random, size: int) -> str:
    numbers = []
    length = 0
    while length < size:
        token = str(rng.randint(0, 10**9))
        numbers.append(token)
        length += len(token) + 1
    return " ".join(numbers)[:size] + "\n"


def make_history(rng: random.Random, i: int, huge: bool) -> SearchHistory:
    tests = rng.choice([1, 3, 5, 10, 20, 50, 100])
    passed = rng.randint(0, tests)
    results = []
    for t in range(tests):
        ok = t < passed
        size = 1_000_000 if huge and t < 3 else rng.choice([2, 10, 60, 400, 4000])
        results.append(
            TestResult(
                test_case_id=str(t + 1),
                output=output(rng, size),
                passed=ok,
                verdict="AC" if ok else "WA",
                error=None if ok else "",
                time_ms=rng.randint(0, 2000),
                memory_kb=rng.randint(3000, 250_000),
                message=""
                if ok
                else f"line 1, column 3: expected {rng.randint(0, 99)}, got {rng.randint(0, 99)}",
            )
        )
    hints = (
        None
        if rng.random() < 0.6
        else [
            "".join(rng.choices(string.ascii_letters + " ", k=rng.randint(80, 400)))
            for _ in range(rng.randint(1, 3))
        ]
    )
    return SearchHistory(
        id=1_764_000_000_000_000 + i,
        user_id=rng.randint(1, 10**6),
        user_identifier=f"user{rng.randint(1, 999)}@example.com",
        problem_id="baekjoon#1000",
        platform="baekjoon",
        problem_number="1000",
        problem_title="A+B",
        language=rng.choice(["python3", "cpp", "java"]),
        code=code(rng, rng.choice([5, 20, 60, 200, 2000])),
        result_summary="Passed" if passed == tests else "Failed",
        passed_count=passed,
        failed_count=tests - passed,
        total_count=tests,
        is_code_public=rng.random() < 0.5,
        test_results=results,
        hints=hints,
        verdict="AC" if passed == tests else "WA",
        created_at=1764000000,
        updated_at=1764000000,
    )


def long_item(history: SearchHistory) -> dict[str, Any]:
    dat = history.model_dump(mode="json", exclude={"id", "created_at", "updated_at"})
    return {
        "PK": f"HIST#{history.id}",
        "SK": "META",
        "tp": "hist",
        "dat": dat,
        "crt": history.created_at,
        "upd": history.updated_at,
    }


PREVIOUS_THRESHOLD = 1024  # bytes: the previous codec compressed text this large


def previous_codec(node: Any, key: str = "") -> Any:
    """The previous rule: every compressible text of 1 KB or more compressed when that makes it smaller."""
    if isinstance(node, dict):
        return {k: previous_codec(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [previous_codec(v, key) for v in node]
    if isinstance(node, str) and key in codec.COMPRESSIBLE and len(node.encode()) >= PREVIOUS_THRESHOLD:
        packed = codec.compress_text(node)
        return packed if len(packed) < len(node.encode()) else node
    return node


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows: dict[str, dict[str, list[int]]] = {"typical": {}, "with 1 MB outputs": {}}
    counts: dict[str, dict[str, int]] = {name: {"compressed": 0, "chunked": 0, "cut": 0} for name in rows}
    over_limit = 0
    largest_stored = 0
    for i in range(args.count):
        huge = i % 20 == 0
        history = make_history(rng, i, huge)
        name = "with 1 MB outputs" if huge else "typical"
        group = rows[name]
        short = codec.history_to_item(history)
        fitted = fit_outputs(history)
        stored_items = split_item(codec.history_to_item(fitted))
        sizes = {
            "long": item_size(long_item(history)),
            "short": item_size(short),
            "stored": sum(item_size(it) for it in stored_items),
            "previous": item_size(previous_codec(codec.history_to_item(fitted))),
        }
        counts[name]["compressed"] += codec.COMPRESSED_FIELDS in stored_items[0]["dat"]
        counts[name]["chunked"] += len(stored_items) > 1
        counts[name]["cut"] += any(r.output_truncated for r in fitted.test_results)
        biggest = max(item_size(it) for it in stored_items)
        largest_stored = max(largest_stored, biggest)
        over_limit += biggest > DYNAMODB_ITEM_LIMIT
        for key, value in sizes.items():
            group.setdefault(key, []).append(value)
    print(
        f"# bench/codec: {args.count} histories, seed {args.seed} (sizes in bytes, as DynamoDB counts them)"
    )
    print(
        "| set | items | long names (mean) | short names (mean) | saving | stored (mean) | saving | "
        "previous codec (mean) | saving | compressed | chunked | outputs cut |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, group in rows.items():
        long_mean = statistics.mean(group["long"])
        short_mean = statistics.mean(group["short"])
        stored_mean = statistics.mean(group["stored"])
        previous_mean = statistics.mean(group["previous"])
        c = counts[name]
        print(
            f"| {name} | {len(group['long'])} | {long_mean:,.0f} | {short_mean:,.0f} | "
            f"{1 - short_mean / long_mean:.1%} | {stored_mean:,.0f} | {1 - stored_mean / long_mean:.1%} | "
            f"{previous_mean:,.0f} | {1 - previous_mean / long_mean:.1%} | {c['compressed']} | {c['chunked']} | "
            f"{c['cut']} |"
        )
    small = [(lg, sh) for lg, sh in zip(rows["typical"]["long"], rows["typical"]["short"], strict=True)]
    saving_by_item = statistics.median(1 - sh / lg for lg, sh in small)
    print(f"\nmedian per-item saving of short names alone (typical set): {saving_by_item:.1%}")
    print(f"largest single stored item: {largest_stored:,} bytes; items over 400 KB: {over_limit}")
    return 1 if over_limit else 0


if __name__ == "__main__":
    sys.exit(main())
