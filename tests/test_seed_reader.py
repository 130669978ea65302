"""The seed reader: histories that algoitny stores, read the way the original backend reads them.

`read_like_the_seed` is written from the seed's text alone (../shared/seed/000_34601d7063a724bb.txt): its
`generate_hints_task` gets the item through `SearchHistoryRepository.get_history()` (one DynamoDB get_item) and reads
`dat` with plain dict access. Here the item comes from boto3's own `Table.get_item`, nothing of algoitny's in between.

The histories are real: solutions judged by a real `algoitny worker` (started by `algoitny submit --wait`), pushed
to DynamoDB Local by `algoitny sync`, or written there directly by a worker with ALGOITNY_STORE=dynamodb. The
solution runs what its test's input says: print 1 KB (AC) or 60 KB (WA), loop (TLE), crash (RE), allocate (MLE) or
flood its output (OLE); its code is padded with a comment to 100 B, 5 KB or 60 KB.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import Limits, Problem, TestCase
from algoitny_tui.storage.factory import open_repositories

pytestmark = pytest.mark.slow


def read_like_the_seed(history: dict[str, Any]) -> dict[str, Any]:
    """The seed's generate_hints_task, as it reads a history (its field names, its defaults)."""
    history_data = history.get("dat", {})
    tests = []
    for result in history_data.get("trs", []):
        tests.append(
            {
                "test_case_id": result.get("tid"),
                "output": result.get("out", ""),
                "failed": not result.get("pas", True),
                "error": result.get("err"),
                "status": result.get("sts", ""),
            }
        )
    return {
        "code": history_data.get("cod", ""),
        "language": history_data.get("lng", ""),
        "failed_count": history_data.get("fsc", 0),
        "problem": history_data.get("pid", ""),
        "tests": tests,
    }


def printed(size: int) -> str:
    """`size` bytes of program output, Korean included (3 bytes a syllable), in lines."""
    line, out, length = 0, [], 0
    while length < size:
        piece = f"{line} 줄 {line * line}\n"
        out.append(piece)
        length += len(piece.encode())
        line += 1
    return "".join(out).encode()[:size].decode("utf-8", "ignore")


# The solution does what its test's input says, so one program (padded to any size) meets every verdict.
SOLUTION = "exec(open(0).read())\n"

# test id -> (input, expected output, the judge's verdict, the seed's status for it)
TESTS: dict[str, tuple[str, str, str, str]] = {
    "ac": (f"print({printed(1000)!r}, end='')\n", printed(1000), "AC", "success"),
    "wa": (f"print({printed(60_000)!r}, end='')\n", "not this\n", "WA", "success"),
    "tle": ("while True:\n    pass\n", "", "TLE", "timeout"),
    "re": ("print('so far so good')\n1 / 0\n", "", "RE", "runtime_error"),
    "mle": ("a = []\nwhile True:\n    a.append(' ' * 10**6)\n", "", "MLE", "memory_limit"),
    "ole": ("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)\n", "", "OLE", "output_limit"),
}
CODE_SIZES = (100, 5_000, 60_000)


def solution_of_size(size: int) -> str:
    """SOLUTION and a comment (Korean included) of exactly `size` bytes of UTF-8 in all."""
    pad = size - len(SOLUTION.encode()) - 1
    comment = ("# 풀이 " * size).encode()[:pad].decode("utf-8", "ignore")
    comment += "#" * (pad - len(comment.encode()))
    return SOLUTION + comment + "\n"


def problem() -> tuple[Problem, list[TestCase]]:
    return (
        Problem(
            platform="seed",
            problem_number="1",
            title="The seed reader",
            limits=Limits(time_limit_ms=1000, memory_limit_mb=64, output_limit_kb=256),
        ),
        [
            TestCase(test_case_id=name, input=data, expected_output=expected, order=i)
            for i, (name, (data, expected, _, _)) in enumerate(TESTS.items())
        ],
    )


def algoitny(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=timeout,
    )


def submit(tmp_path: Path, code: str) -> int:
    path = tmp_path / f"solution_{len(code.encode())}.py"
    path.write_text(code, encoding="utf-8")
    result = algoitny("submit", "seed#1", str(path), "--wait", "--json")
    assert result.returncode in (0, 1), result.stderr
    return int(json.loads(result.stdout)["id"])


@pytest.fixture
def remote(dynamodb_local: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A fresh table name and the environment that points algoitny at it; boto3's own Table to read it."""
    name = f"seed-{uuid.uuid4().hex[:10]}"
    for key, value in {
        "ALGOITNY_DYNAMODB_ENDPOINT": dynamodb_local.endpoint,
        "ALGOITNY_DYNAMODB_TABLE": name,
        "ALGOITNY_DYNAMODB_REGION": "us-east-1",
        "ALGOITNY_USER": "seed@example.com",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }.items():
        monkeypatch.setenv(key, value)
    resource = boto3.resource(
        "dynamodb",
        endpoint_url=dynamodb_local.endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    yield resource.Table(name)
    with contextlib.suppress(Exception):  # a table the test never created
        resource.Table(name).delete()


def check_as_the_seed_reads_it(table: Any, history_id: int, code: str) -> None:
    item = table.get_item(Key={"PK": f"HIST#{history_id}", "SK": "META"})["Item"]  # boto3, as the seed's repo
    seen = read_like_the_seed(item)
    assert seen["code"] == code and seen["language"] == "python3" and seen["problem"] == "seed#1"
    assert seen["failed_count"] == 5
    by_id = {t["test_case_id"]: t for t in seen["tests"]}
    assert sorted(by_id) == sorted(TESTS)
    for name, (_, _, verdict, status) in TESTS.items():
        assert by_id[name]["status"] == status, f"test {name} ({verdict}): {by_id[name]}"
        assert by_id[name]["failed"] == (verdict != "AC")
        assert isinstance(by_id[name]["output"], str)
    assert by_id["ac"]["output"] == printed(1000)
    assert by_id["wa"]["output"] == printed(60_000) and len(printed(60_000).encode()) > 59_990
    assert by_id["re"]["output"] == "so far so good\n" and "ZeroDivisionError" in by_id["re"]["error"]
    assert "zfl" not in item["dat"]  # nothing needed compression


def test_histories_pushed_by_algoitny_sync_read_as_the_seed_reads_them(remote: Any, tmp_path: Path) -> None:
    repos = open_repositories(load_settings())  # the local SQLite store
    repos.problems.put_problem(*problem())
    repos.close()
    submitted = {submit(tmp_path, solution_of_size(size)): solution_of_size(size) for size in CODE_SIZES}
    assert sorted(len(c.encode()) for c in submitted.values()) == list(CODE_SIZES)
    synced = algoitny("sync", "--json")
    assert synced.returncode == 0, synced.stderr
    for history_id, code in submitted.items():
        check_as_the_seed_reads_it(remote, history_id, code)


def test_histories_a_worker_writes_to_dynamodb_read_as_the_seed_reads_them(
    remote: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALGOITNY_STORE", "dynamodb")
    repos = open_repositories(load_settings())
    repos.table.create_if_missing()
    repos.problems.put_problem(*problem())
    repos.close()
    for size in CODE_SIZES:
        code = solution_of_size(size)
        check_as_the_seed_reads_it(remote, submit(tmp_path, code), code)
