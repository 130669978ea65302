"""The README's "Workers on several machines", step by step as a user follows it: a Redis queue, a DynamoDB table
(DynamoDB Local), two worker homes (`algoitny worker --workers 2`), a home with `store = "dynamodb"` and a laptop
home on SQLite with `sync = "on"`, every one a separate ALGOITNY_HOME driven through the `algoitny` command.

What a user checks: the table is made by the one command the README names; every submission is judged once (one
history per job in the table); every history is visible in both app homes; hints asked for on one home are visible
on the other; a sync after everything has arrived pulls and pushes nothing."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.storage.dynamodb_table import deserialize_item
from tests.processes import ConsumerProcess
from tests.servers import DynamoDBLocal, RedisServer

pytestmark = [pytest.mark.slow, pytest.mark.redis]

A_PLUS_B = "a, b = map(int, input().split())\nprint(a + b)\n"
WRONG = "print(0)\n"


class Home:
    """One machine: its own ALGOITNY_HOME, the README's environment, and its own extra settings."""

    def __init__(self, root: Path, name: str, env: dict[str, str]) -> None:
        self.path = root / name
        self.path.mkdir()
        self.env = {**os.environ, **env, "ALGOITNY_HOME": str(self.path)}

    def run(self, *args: str, expect: int = 0, timeout: float = 180) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "algoitny_tui", *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
        )
        assert result.returncode == expect, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    def json(self, *args: str, expect: int = 0) -> Any:
        return json.loads(self.run(*args, "--json", expect=expect))


def test_the_readme_steps_for_several_machines(
    tmp_path: Path, redis_server: RedisServer, dynamodb_local: DynamoDBLocal
) -> None:
    table = f"machines-{uuid.uuid4().hex[:8]}"
    # Step 3's settings, the same on every machine (the endpoint line is the README's "DynamoDB Local only").
    readme_env = {
        **dynamodb_local.env,
        "ALGOITNY_QUEUE": "redis",
        "ALGOITNY_REDIS_URL": redis_server.url.rsplit("/", 1)[0]
        + "/7",  # a database of its own on the server
        "ALGOITNY_QUEUE_SECRET": secrets.token_hex(32),
        "ALGOITNY_STORE": "dynamodb",
        "ALGOITNY_DYNAMODB_TABLE": table,
        "ALGOITNY_DYNAMODB_REGION": "eu-west-1",
    }
    desk = Home(tmp_path, "desk", {**readme_env, "ALGOITNY_USER": "ada"})
    laptop = Home(
        tmp_path,
        "laptop",
        {**readme_env, "ALGOITNY_USER": "ada", "ALGOITNY_STORE": "sqlite", "ALGOITNY_SYNC": "on"},
    )
    workers: list[ConsumerProcess] = []
    try:
        # Step 2: `algoitny sync` creates the table, with the store set to DynamoDB as step 3 sets it.
        assert "created DynamoDB table" in desk.run("sync")
        # Step 3: two worker machines.
        for name in ("worker-1", "worker-2"):
            home = Home(tmp_path, name, readme_env)
            workers.append(ConsumerProcess(home.env, tmp_path / f"{name}.log", workers=2))
        deadline = time.monotonic() + 60
        while sum(w["state"] == "alive" for w in desk.json("workers")["workers"]) < 2:
            assert time.monotonic() < deadline, [w.log.read_text() for w in workers]
            time.sleep(0.2)

        problem_dir = tmp_path / "problem"
        problem_dir.mkdir()
        for i in range(1, 4):
            (problem_dir / f"{i}.in").write_text(f"{i} {i * 10}\n")
            (problem_dir / f"{i}.out").write_text(f"{i * 11}\n")
        (problem_id,) = [p["id"] for p in desk.json("import", str(problem_dir))["problems"]]
        sources = {"ok.py": A_PLUS_B, "wrong.py": WRONG}
        for name, code in sources.items():
            (tmp_path / name).write_text(code)

        # Submissions from both app homes; the laptop learns of the problem by its sync.
        jobs = [
            desk.json("submit", problem_id, str(tmp_path / name))["job_id"]
            for name in ("ok.py", "wrong.py", "ok.py")
        ]
        laptop.run("sync")
        jobs += [laptop.json("submit", problem_id, str(tmp_path / "wrong.py"))["job_id"]]
        waited = laptop.json("submit", problem_id, str(tmp_path / "ok.py"), "--wait")
        assert waited["verdict"] == "AC" and waited["passed_count"] == 3  # judged elsewhere, printed here
        deadline = time.monotonic() + 180
        while True:
            listed = {j["id"]: j for j in desk.json("jobs", "list")["jobs"]}
            if all(listed.get(j, {}).get("status") == "completed" for j in jobs):
                break
            assert time.monotonic() < deadline, ([w.log.read_text() for w in workers], listed)
            time.sleep(0.3)
        jobs.append(waited["job_id"])

        # Judged once: exactly one history per job in the table (a Scan: the test's own look, not the app's).
        client = dynamodb_local.session().client(
            "dynamodb", endpoint_url=dynamodb_local.endpoint, region_name="eu-west-1"
        )
        stored = [
            deserialize_item(raw)
            for page in client.get_paginator("scan").paginate(TableName=table)
            for raw in page["Items"]
        ]
        per_job = Counter(i["dat"].get("jid") for i in stored if i.get("tp") == "hist")
        assert per_job == Counter({job: 1 for job in jobs})

        # Visible in both app homes, with the same verdicts.
        laptop.run("sync")
        on_desk = {h["id"]: h["verdict"] for h in desk.json("history", "list")["histories"]}
        on_laptop = {h["id"]: h["verdict"] for h in laptop.json("history", "list")["histories"]}
        assert len(on_desk) == len(jobs) and on_laptop == on_desk
        assert sorted(on_desk.values()) == ["AC", "AC", "AC", "WA", "WA"]

        # Hints asked for on one home are visible on the other, both ways.
        desk_wrong = next(h for h, v in on_desk.items() if v == "WA")
        hints = laptop.json("hints", str(desk_wrong), "--wait")["hints"]
        assert hints and desk.json("history", "show", str(desk_wrong))["hints"] == hints
        laptop_wrong = next(h for h, v in on_laptop.items() if v == "WA" and h != desk_wrong)
        more = desk.json("hints", str(laptop_wrong), "--wait")["hints"]
        laptop.run("sync")
        assert more and laptop.json("history", "show", str(laptop_wrong))["hints"] == more

        # Everything has arrived: the next sync moves nothing either way.
        quiet = laptop.json("sync")
        assert (quiet["pushed"], quiet["pulled"], quiet["pending"], quiet["errors"]) == (0, 0, 0, [])
    finally:
        for worker in workers:
            worker.stop()
        client = dynamodb_local.session().client(
            "dynamodb", endpoint_url=dynamodb_local.endpoint, region_name="eu-west-1"
        )
        with contextlib.suppress(client.exceptions.ResourceNotFoundException):
            client.delete_table(TableName=table)
