"""`algoitny jobs`: list, show (with the progress history), cancel (a running task stops), delete."""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import pytest

from algoitny_tui.commands import jobs as jobs_command
from algoitny_tui.commands.common import CommandError
from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import enqueue_job, wait_for_job
from tests.worker.test_job_tasks import BRUTE, GENERATOR, put_division


def jobs(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """Run `algoitny jobs ARGV --json` in this process; its JSON output."""
    parser = argparse.ArgumentParser(prog="algoitny")
    jobs_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["jobs", *argv, "--json"])
    capsys.readouterr()
    assert args.run(args) == 0
    return json.loads(capsys.readouterr().out)


def test_list_show_cancel_delete(repos: Repositories, capsys: pytest.CaptureFixture[str]) -> None:
    done = repos.jobs.create_job(
        "generate_outputs_task", {"platform": "algoitny", "problem_identifier": "div"}
    )
    repos.jobs.try_claim(done.id, "w:1")
    repos.jobs.add_progress(done.id, "outputs", "running the reference", 0.0)
    repos.jobs.add_progress(done.id, "output", "in/1: 2 bytes", 100.0, {"test": "in/1"})
    repos.jobs.set_status(done.id, JobStatus.COMPLETED, result={"generated": 1})
    pending = repos.jobs.create_job("stress_test_task", {"max_rounds": 5})

    listed = jobs(capsys, "list")["jobs"]
    assert {j["id"]: j["status"] for j in listed} == {done.id: "completed", pending.id: "pending"}
    assert jobs(capsys, "list", "--status", "pending")["jobs"][0]["id"] == pending.id

    shown = jobs(capsys, "show", done.id)
    assert shown["kind"] == "generate_outputs_task" and shown["result"] == {"generated": 1}
    assert [(p["seq"], p["step"], p["percent"]) for p in shown["progress"]] == [
        (0, "outputs", 0.0),
        (1, "output", 100.0),
    ]
    assert shown["progress"][1]["detail"] == {"test": "in/1"}

    cancelled = jobs(capsys, "cancel", pending.id)
    assert cancelled["status"] == "cancelled" and cancelled["error"] == "cancelled by the user"
    with pytest.raises(CommandError, match="is completed: only pending or running jobs can be cancelled"):
        jobs(capsys, "cancel", done.id)

    assert jobs(capsys, "delete", done.id) == {"deleted": done.id}
    assert repos.jobs.get_job(done.id) is None and repos.jobs.list_progress(done.id) == []
    with pytest.raises(CommandError, match="not found"):
        jobs(capsys, "show", done.id)


def test_a_running_job_cannot_be_deleted(repos: Repositories, capsys: pytest.CaptureFixture[str]) -> None:
    job = repos.jobs.create_job("stress_test_task", {})
    repos.jobs.try_claim(job.id, "w:1")
    with pytest.raises(CommandError, match="is running: cancel it first"):
        jobs(capsys, "delete", job.id)


def test_cancel_stops_a_running_stress_test_in_a_real_worker(
    repos: Repositories, start_consumer: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    put_division(repos, [])
    settings = load_settings()
    start_consumer(wait_alive=settings, workers=1)
    job = enqueue_job(
        settings,
        repos,
        "stress_test_task",
        {
            "platform": "algoitny",
            "problem_identifier": "div",
            "code": BRUTE,
            "language": "python3",
            "generator_code": GENERATOR,
            "generator_language": "python3",
            "brute_code": BRUTE,
            "brute_language": "python3",
            "max_rounds": 100_000,
        },
    )
    deadline = time.monotonic() + 120
    while not any(p.detail.get("cases") for p in repos.jobs.list_progress(job.id)):  # some cases done
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert jobs(capsys, "cancel", job.id)["status"] == "cancelled"
    deadline = time.monotonic() + 30
    while not any(p.step == "cancelled" for p in repos.jobs.list_progress(job.id)):
        assert time.monotonic() < deadline, "the task did not notice the cancellation"
        time.sleep(0.05)
    final = wait_for_job(repos, job.id, timeout_s=5)
    assert final.status == JobStatus.CANCELLED
    line = next(p for p in repos.jobs.list_progress(job.id) if p.step == "cancelled")
    assert line.message.startswith("stopped after ") and line.message.endswith(" cases")
