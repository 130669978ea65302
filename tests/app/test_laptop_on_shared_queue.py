"""A laptop on SQLite (`sync = "on"`) sending its work to a shared Redis queue whose worker runs in another home on
`store = "dynamodb"`: the app shows the verdict the remote worker stored, and the history arrives by sync.
Real Redis, DynamoDB Local, a real worker process, the real app through run_test()."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import uuid
from pathlib import Path

import pytest

from algoitny_tui.app import make_app
from algoitny_tui.config import load_settings
from algoitny_tui.storage.factory import jobs_in_dynamodb, open_repositories
from algoitny_tui.sync.engine import open_remote, sync_once
from tests.app.conftest import A_PLUS_B, a_plus_b, echo_problem, screen_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code
from tests.processes import ConsumerProcess
from tests.servers import FAKE_AWS_ENV, DynamoDBLocal, RedisServer


@pytest.mark.slow
@pytest.mark.redis
async def test_the_laptop_app_gets_the_verdict_and_history_from_a_worker_on_dynamodb(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, redis_server: RedisServer, dynamodb_local: DynamoDBLocal
) -> None:
    table = f"laptop-{uuid.uuid4().hex[:8]}"
    shared = {
        **FAKE_AWS_ENV,
        "ALGOITNY_QUEUE": "redis",
        "ALGOITNY_REDIS_URL": redis_server.url.rsplit("/", 1)[0] + "/8",
        "ALGOITNY_QUEUE_SECRET": secrets.token_hex(16),
        "ALGOITNY_DYNAMODB_TABLE": table,
        "ALGOITNY_DYNAMODB_ENDPOINT": dynamodb_local.endpoint,
        "ALGOITNY_DYNAMODB_REGION": "us-east-1",
        "ALGOITNY_USER": "tester",
    }
    for name, value in {**shared, "ALGOITNY_SYNC": "on"}.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert jobs_in_dynamodb(settings)
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())
    remote = open_remote(settings)
    assert sync_once(settings, repos.table, remote).errors == []  # the table, and the problems for the worker
    worker_home = tmp_path / "worker-home"
    worker = ConsumerProcess(
        {**os.environ, **shared, "ALGOITNY_HOME": str(worker_home), "ALGOITNY_STORE": "dynamodb"},
        tmp_path / "worker.log",
    )
    try:
        worker.wait_alive(settings)
        app = make_app(settings, install_pack=False)  # a worker is alive on the queue: the app starts none
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await open_a_plus_b(pilot)
            await replace_code(pilot, screen, A_PLUS_B.strip())
            await pilot.press("ctrl+s")
            await wait_for(
                pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the verdict", timeout=90
            )
            assert "4/4 passed" in screen_text(app)
            await pilot.press("f2")
            await wait_for(
                pilot, lambda: "1 submissions" in screen_text(app), "the history, pulled by sync", timeout=60
            )
        (stored,), _ = repos.histories.list_user_histories("tester")
        assert stored.verdict == "AC" and stored.code == A_PLUS_B.strip()
        job = repos.jobs.get_job(str(stored.job_id))
        assert (
            job is not None and job.worker_id == f"{socket.gethostname()}:{worker.proc.pid}"
        )  # judged there
        assert not (
            settings.locations.data_dir / "dynamodb-writer-id"
        ).exists()  # this home wrote nothing directly
        assert (worker_home / "data" / "dynamodb-writer-id").exists()
        again = sync_once(settings, repos.table, remote)
        assert (again.pushed, again.pulled, again.errors) == (0, 0, [])
    finally:
        worker.stop()
        repos.close()
        with contextlib.suppress(Exception):
            remote.delete_table()
        remote.close()
