"""The queue carries data, not code: what is written to it, what a consumer accepts from it, and who may use it.

The queues here are the app's real ones (a SQLite file; Redis in test_hostile_queue.py). Signed messages are made
by hand with hmac and json, as an outsider would, not with the code under test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.config import QueueSecretMissing, load_settings
from algoitny_tui.locations import SettingsError
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.tasks import Tasks, tasks_for
from tests.worker.conftest import A_PLUS_B

SECRET = "the group's shared secret, 32 ch"
TASKS = "algoitny_tui.worker.tasks."


class _TouchOnUnpickle:
    """Unpickling this creates a file: what an attacker's pickle would do, harmlessly."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> Any:
        return (Path.touch, (self.path,))


def touching_pickle(path: Path) -> bytes:
    return pickle.dumps(_TouchOnUnpickle(path))


def signed(body: dict[str, Any], secret: str) -> bytes:
    raw = json.dumps(body).encode()
    return b"hmac-sha256:" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest().encode() + b":" + raw


def task_message(
    name: str, args: list[Any] | None = None, kwargs: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"task": {"id": "forged-1", "name": name, "args": args or [], "kwargs": kwargs or {}}}


def sqlite_tasks(monkeypatch: pytest.MonkeyPatch, secret: str | None = None) -> Tasks:
    if secret:
        monkeypatch.setenv("ALGOITNY_QUEUE_SECRET", secret)
    return tasks_for(load_settings())


def test_a_pickle_on_the_queue_is_never_unpickled(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    control, target = tmp_path / "control", tmp_path / "pwned"
    pickle.loads(touching_pickle(control))
    assert control.exists()  # the payload is live: unpickling it does create its file
    huey = sqlite_tasks(monkeypatch).huey
    huey.storage.enqueue(touching_pickle(target), 0)
    with caplog.at_level(logging.WARNING):
        assert huey.dequeue() is None
    assert not target.exists()
    dropped = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert len(dropped) == 1 and "not a queue message" in dropped[0] and "\n" not in dropped[0]
    assert huey.pending_count() == 0


def test_messages_are_json_and_a_retry_keeps_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = sqlite_tasks(monkeypatch)
    tasks.generate_hints_task(7, more=True, job_id="j-7")
    raw = tasks.huey.storage.dequeue()
    message = json.loads(raw)["task"]  # plain JSON, readable by anyone: no pickle opcode in it
    assert message["name"] == TASKS + "generate_hints_task"
    assert message["args"] == [7] and message["kwargs"] == {"more": True, "job_id": "j-7"}
    tasks.huey.storage.enqueue(raw, 0)
    task = tasks.huey.dequeue()
    assert task.args == (7,) and task.kwargs == {"more": True, "job_id": "j-7"} and task.retries == 5
    # A retry waits in the schedule with its time (a datetime), and comes back with that same time.
    task.eta = dt.datetime(2031, 5, 6, 7, 8, 9, 123456)
    tasks.huey.add_schedule(task)
    assert tasks.huey.read_schedule(dt.datetime(2031, 5, 6, 7, 8, 9)) == []
    (due,) = tasks.huey.read_schedule(dt.datetime(2031, 5, 6, 7, 8, 10))
    assert due.eta == task.eta and due.id == task.id and due.args == (7,)


def test_any_source_text_travels_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = sqlite_tasks(monkeypatch, SECRET)
    # A lone surrogate (a source file that is not UTF-8, read with surrogateescape), non-ASCII, control characters.
    code = "print('\udcff 한국어 \x00\x1b[31m')\r\n# " + "x" * 200_000
    tasks.run_tests_task("baekjoon", "1000", code, "python3", tests=[{"input": "1 2\n"}], job_id="j")
    task = tasks.huey.dequeue()
    assert task.args[2] == code and task.kwargs == {"tests": [{"input": "1 2\n"}], "job_id": "j"}


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (task_message(TASKS + "no_such_task"), "unknown task"),
        (task_message("os.system", ["touch /tmp/x"]), "unknown task"),
        (task_message(TASKS + "generate_hints_task", ["12"]), "bad argument 'history_id'"),
        (task_message(TASKS + "generate_hints_task", [12], {"more": 1}), "bad argument 'more'"),
        (task_message(TASKS + "generate_hints_task", [], {"more": True}), "missing a required argument"),
        (
            task_message(TASKS + "generate_hints_task", [12], {"task": "x"}),
            "unexpected keyword argument 'task'",
        ),
        (task_message(TASKS + "delete_job_task", ["a", "b"]), "too many positional arguments"),
        ({"task": {"id": "1", "name": TASKS + "delete_job_task", "args": ["a"], "extra": 1}}, "task.extra"),
        ({"task": {"id": "1", "name": TASKS + "delete_job_task", "args": ["a"], "eta": 5}}, "task.eta"),
        ({"value": 1}, "not a task"),
    ],
)
def test_a_signed_message_with_bad_content_is_dropped(
    monkeypatch: pytest.MonkeyPatch, message: dict[str, Any], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    huey = sqlite_tasks(monkeypatch, SECRET).huey
    huey.storage.enqueue(signed(message, SECRET), 0)
    with caplog.at_level(logging.WARNING):
        assert huey.dequeue() is None
    (line,) = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert reason in line and "\n" not in line


def test_a_well_formed_message_with_the_secret_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    huey = sqlite_tasks(
        monkeypatch, SECRET
    ).huey  # the control for the test above: the forgery is right but for
    huey.storage.enqueue(signed(task_message(TASKS + "generate_hints_task", [12], {"more": True}), SECRET), 0)
    task = huey.dequeue()
    assert task is not None and task.args == (12,) and task.kwargs == {"more": True}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            lambda: signed(
                task_message(TASKS + "delete_job_task", ["a"]), "another group's secret, 32 chars"
            ),
            "wrong signature",
        ),
        (
            lambda: signed(task_message(TASKS + "delete_job_task", ["a"]), SECRET).replace(b'"a"', b'"b"'),
            "wrong signature",
        ),
        (lambda: json.dumps(task_message(TASKS + "delete_job_task", ["a"])).encode(), "not signed"),
        (lambda: b"hmac-sha256:" + b"0" * 64, "wrong signature"),
        (lambda: os.urandom(300), "not signed"),
    ],
)
def test_a_message_without_the_right_signature_is_dropped(
    monkeypatch: pytest.MonkeyPatch, data: Any, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    huey = sqlite_tasks(monkeypatch, SECRET).huey
    raw = data()
    if reason == "not signed":
        assert not raw.startswith(b"hmac-sha256:")
    huey.storage.enqueue(raw, 0)
    with caplog.at_level(logging.WARNING):
        assert huey.dequeue() is None
    (line,) = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert reason in line


def test_the_sender_refuses_what_is_not_json_or_not_the_tasks_types(monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = sqlite_tasks(monkeypatch)
    with pytest.raises(ValueError, match="only JSON values travel on the queue"):
        tasks.extract_problem_info_task(path=Path("/some/page.html"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bad argument 'history_id'"):
        tasks.generate_hints_task("12")
    assert tasks.huey.pending_count() == 0


def test_a_redis_queue_needs_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALGOITNY_QUEUE", "redis")
    with pytest.raises(QueueSecretMissing, match="ALGOITNY_QUEUE_SECRET"):
        tasks_for(load_settings())
    monkeypatch.setenv("ALGOITNY_QUEUE_SECRET", "too short")
    with pytest.raises(SettingsError, match="ALGOITNY_QUEUE_SECRET.*at least 16 characters"):
        load_settings()


def algoitny(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args], capture_output=True, text=True, timeout=60
    )


def test_without_the_secret_no_command_sends_or_takes_work(
    monkeypatch: pytest.MonkeyPatch, repos: Repositories, tmp_path: Path
) -> None:
    # Nothing listens on this port: a command that tried the queue would fail on the connection instead.
    monkeypatch.setenv("ALGOITNY_QUEUE", "redis")
    monkeypatch.setenv("ALGOITNY_REDIS_URL", "redis://127.0.0.1:9/0")
    solution = tmp_path / "sol.py"
    solution.write_text(A_PLUS_B)
    for command in (
        ["submit", "baekjoon#1000", str(solution)],
        ["submit", "baekjoon#1000", str(solution), "--wait"],
        ["hints", "1"],
        ["worker"],
        ["workers"],
    ):
        result = algoitny(*command)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stdout == "" and result.stderr.count("\n") == 1, (command, result.stderr)
        assert "queue_secret" in result.stderr and "ALGOITNY_QUEUE_SECRET" in result.stderr
    assert repos.jobs.list_jobs(None, limit=10) == []  # no job was stored for work that could not be sent


def test_workers_says_whether_messages_are_signed(monkeypatch: pytest.MonkeyPatch) -> None:
    unsigned = algoitny("workers", "--json")
    assert unsigned.returncode == 0, unsigned.stderr
    assert json.loads(unsigned.stdout)["signed"] is False
    monkeypatch.setenv("ALGOITNY_QUEUE_SECRET", SECRET)
    result = algoitny("workers")
    assert result.returncode == 0, result.stderr
    assert "signed with HMAC-SHA256" in result.stdout and SECRET not in result.stdout
