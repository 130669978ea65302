"""generate_hints_task on a real store: hints stored with the targeted update, asked again -> the same, more -> next.
With Gemini (the real client against the fake server): a hint never fails because Gemini did."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.models import SearchHistory
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import request_hints, submit, wait_for_job
from algoitny_tui.worker.context import WorkerContext, set_context
from algoitny_tui.worker.tasks import Tasks, tasks_for
from tests.gemini_server import KEY, FakeGemini, Reply

OFF_BY_ONE = "a, b = map(int, input().split())\nprint(a + b - 1)\n"


def test_hints_are_stored_and_come_in_levels(immediate: Tasks, repos: Repositories) -> None:
    immediate.execute_code_task(OFF_BY_ONE, "python3", "baekjoon", "1000", user_identifier="hinted")
    history = repos.histories.iter_user_histories("hinted")[0]
    assert history.verdict == "WA" and history.hints is None

    immediate.generate_hints_task(history.id)
    first = repos.histories.load_history(history.id)
    assert first is not None and first.hints is not None and len(first.hints) == 1
    # targeted: the rest of the history is as it was
    assert (
        first.model_copy(update={"hints": None, "hint_engines": None, "updated_at": history.updated_at})
        == history
    )
    assert (
        first.hint_engines == ["offline"] and first.hint_note == ""
    )  # no key: offline is what is configured

    immediate.generate_hints_task(history.id)  # asking again returns what is stored
    again = repos.histories.load_history(history.id)
    assert again is not None and again.hints == first.hints

    immediate.generate_hints_task(history.id, more=True)
    deeper = repos.histories.load_history(history.id)
    assert deeper is not None and deeper.hints is not None and len(deeper.hints) == 2
    assert deeper.hints[0] == first.hints[0] and deeper.hints[1] != deeper.hints[0]
    # the evidence reached the engine: the off-by-one values are in the hints
    assert any(word in " ".join(deeper.hints).lower() for word in ("one", "off by", "1"))


def test_hints_cli_wait_json(repos: Repositories, immediate: Tasks) -> None:
    immediate.execute_code_task(OFF_BY_ONE, "python3", "baekjoon", "1000", user_identifier="cli")
    history = repos.histories.iter_user_histories("cli")[0]
    result = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "hints", str(history.id), "--wait", "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (
        printed["history_id"] == history.id and len(printed["hints"]) == 1 and printed["engine"] == "offline"
    )
    stored = repos.histories.load_history(history.id)
    assert stored is not None and stored.hints == printed["hints"]


def test_hints_for_an_unknown_history_say_so(repos: Repositories) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "hints", "12345", "--wait"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert result.returncode == 2 and "history 12345 not found" in result.stderr


def failed_history(repos: Repositories, tasks: Tasks, user: str) -> SearchHistory:
    tasks.execute_code_task(OFF_BY_ONE, "python3", "baekjoon", "1000", user_identifier=user)
    return repos.histories.iter_user_histories(user)[0]


def test_an_unknown_model_stores_an_offline_hint_with_the_reason(
    gemini: FakeGemini, immediate: Tasks, repos: Repositories
) -> None:
    settings = load_settings()  # after the fixture: the fake's key and endpoint, the default model
    set_context(WorkerContext(settings=settings, repos=repos, worker_id="test-worker"))
    history = failed_history(repos, immediate, "unknown-model")
    gemini.script((404, "models/gemini-flash-latest is not found for API version v1beta"))
    job = request_hints(settings, repos, history.id, tasks=immediate)
    done = repos.jobs.get_job(job.id)
    assert done is not None and done.status == JobStatus.COMPLETED, done and done.error
    note = "Gemini: model not found (gemini_model = gemini-flash-latest); offline hint shown"
    assert done.result is not None and done.result["engine"] == "offline" and done.result["note"] == note
    stored = repos.histories.load_history(history.id)
    assert stored is not None and stored.hints and len(stored.hints) == 1
    assert stored.hint_engines == ["offline"] and stored.hint_note == note
    assert len(gemini.requests) == 1  # permanent: no retry
    # the CLI shows the same line with the stored hint
    result = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "hints", str(history.id), "--wait"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"1. {stored.hints[0]}", f"({note})"]
    shown = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "history", "show", str(history.id)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert f"hints:\n  1. {stored.hints[0]}\n  ({note})\n" in shown.stdout
    assert KEY not in json.dumps(done.model_dump()) + result.stdout + result.stderr


def _consumer_hint(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any, user: str, *replies: Reply | tuple[int, str]
) -> tuple[SearchHistory, Any]:
    """A failed submission judged by a real consumer, then hints asked with two retries and no delay."""
    settings = load_settings()
    start_consumer(wait_alive=settings, workers=1)
    judged = wait_for_job(
        repos,
        submit(settings, repos, "baekjoon#1000", OFF_BY_ONE, "python3", user_identifier=user).id,
        timeout_s=60,
    )
    assert judged.status == JobStatus.COMPLETED, judged.error
    history = repos.histories.iter_user_histories(user)[0]
    gemini.script(*replies)
    tasks = tasks_for(settings)
    job = repos.jobs.create_job("generate_hints_task", {"history_id": history.id, "more": False})
    task = tasks.generate_hints_task.s(history.id, job_id=job.id)
    task.retries, task.retry_delay = 2, 0  # three attempts, without the real backoff's wait
    tasks.huey.enqueue(task)
    return history, wait_for_job(repos, job.id, timeout_s=60)


def test_500_three_times_gives_an_offline_hint_on_the_last_attempt(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any
) -> None:
    history, done = _consumer_hint(gemini, repos, start_consumer, "overloaded", (500, "Internal error"))
    assert done.status == JobStatus.COMPLETED and done.attempts == 3, done.error
    assert len(gemini.requests) == 3
    stored = repos.histories.load_history(history.id)
    assert stored is not None and stored.hint_engines == ["offline"]
    assert stored.hint_note == "Gemini: server error (HTTP 500); offline hint shown"


def test_429_then_success_stores_gemini_s_hint(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any
) -> None:
    history, done = _consumer_hint(
        gemini,
        repos,
        start_consumer,
        "limited",
        (429, "Resource has been exhausted"),
        Reply(text='["Your answer is one less than the sum."]'),
    )
    assert done.status == JobStatus.COMPLETED and done.attempts == 2, done.error
    stored = repos.histories.load_history(history.id)
    assert stored is not None and stored.hints == ["Your answer is one less than the sum."]
    assert stored.hint_engines == ["gemini"] and stored.hint_note == ""
