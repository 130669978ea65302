"""`algoitny sync [--json]`, its exit codes, and credentials that never leak into output, logs or reports."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import pytest

from algoitny_tui.cli import main
from algoitny_tui.config import load_settings
from algoitny_tui.storage.dynamodb_table import DynamoDBTable
from algoitny_tui.storage.factory import open_repositories
from algoitny_tui.sync.engine import open_remote, sync_once
from tests.servers import DynamoDBLocal
from tests.sync.proxy import FaultProxy

MARKER = "SECRET-MARKER-7f3a9c"


def _env(monkeypatch: pytest.MonkeyPatch, endpoint: str, table: str) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", MARKER)
    monkeypatch.setenv("ALGOITNY_DYNAMODB_ENDPOINT", endpoint)
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", table)
    monkeypatch.setenv("ALGOITNY_USER", "alice")


def test_sync_command_json_and_human_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], dynamodb_local: DynamoDBLocal
) -> None:
    table = f"cli-{uuid.uuid4().hex[:8]}"
    _env(monkeypatch, dynamodb_local.endpoint, table)
    repos = open_repositories(load_settings())
    import random

    from tests.sync.conftest import history

    repos.histories.create_history(history(random.Random(1)))
    repos.close()
    try:
        assert main(["sync", "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["created_table"] is True and report["pushed"] == 1 and report["pending"] == 0
        assert set(report) >= {"pushed", "pulled", "created_table", "errors", "pending"}
        assert main(["sync"]) == 0
        out = capsys.readouterr().out
        assert "pushed 0, pulled 0" in out and "created" not in out
    finally:
        DynamoDBTable(
            table, endpoint_url=dynamodb_local.endpoint, session=dynamodb_local.session()
        ).delete_table(missing_ok=True)


def test_bad_settings_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", " ")
    assert main(["sync"]) == 2
    assert "dynamodb_table" in capsys.readouterr().err
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", "algoitny")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    assert main(["sync"]) == 2
    assert "credentials" in capsys.readouterr().err


def test_credentials_never_appear_in_output_logs_or_reports(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    dynamodb_local: DynamoDBLocal,
) -> None:
    table = f"cred-{uuid.uuid4().hex[:8]}"
    DynamoDBTable(
        table, endpoint_url=dynamodb_local.endpoint, session=dynamodb_local.session()
    ).create_if_missing()
    proxy = FaultProxy(dynamodb_local.port, faults=[])
    _env(monkeypatch, proxy.endpoint, table)
    monkeypatch.setenv("ALGOITNY_SYNC", "on")
    caplog.set_level(logging.DEBUG)
    settings = load_settings()
    repos = open_repositories(settings)
    import random

    from tests.sync.conftest import history

    for _ in range(30):
        repos.histories.create_history(history(random.Random(2)))
    try:
        reports: list[Any] = []
        # Throttling, 500s and dropped connections on every request: everything fails and is reported.
        from tests.sync.proxy import Rates

        proxy.rates = Rates(throttle=0.4, error500=0.3, drop_before=0.3)
        remote = open_remote(settings)
        remote._client_config["retries"] = {"mode": "standard", "max_attempts": 1}
        reports.append(sync_once(settings, repos.table, remote))  # type: ignore[arg-type]
        assert reports[-1].errors and reports[-1].pending == 30
        assert any("retried" in e for e in reports[-1].errors)
        from algoitny_tui.sync import engine

        def impatient(settings: Any) -> DynamoDBTable:
            table = open_remote(settings)
            table._client_config["retries"] = {"mode": "standard", "max_attempts": 1}
            return table

        monkeypatch.setattr(engine, "open_remote", impatient)
        assert main(["sync"]) == 1
        printed = capsys.readouterr()
        proxy.clear()
        assert main(["sync", "--json"]) == 0
        printed_ok = capsys.readouterr()
        text = " ".join(
            [
                json.dumps([r.to_json() for r in reports]),
                printed.out,
                printed.err,
                printed_ok.out,
                caplog.text,
                *(str(r.getMessage()) for r in caplog.records),
            ]
        )
        assert MARKER not in text
        assert "error" in printed.out and "retried on the next sync" in printed.out
        remote.close()
    finally:
        repos.close()
        proxy.close()
        DynamoDBTable(
            table, endpoint_url=dynamodb_local.endpoint, session=dynamodb_local.session()
        ).delete_table(missing_ok=True)
