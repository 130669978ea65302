"""What `algoitny submit` does, in one place: run by the command itself, or for it by a worker that is already
running (worker_socket.py, submit_server.py). Either way the same job is stored and the same report printed."""

from __future__ import annotations

from algoitny_tui.config import Settings
from algoitny_tui.models import Job, SearchHistory
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.table import ConditionFailed
from algoitny_tui.worker.client import JobNotDone, submit
from algoitny_tui.worker.tasks import Tasks
from algoitny_tui.worker_socket import Report


def queue_submission(
    settings: Settings,
    repos: Repositories,
    problem_id: str,
    code: str,
    language: str,
    *,
    job_id: str | None = None,
    tasks: Tasks | None = None,
) -> Job:
    """The submission's job, queued; with the `job_id` the command chose, the job already stored under it when a
    worker took the request before the command fell back to its own path (never a second job)."""
    if job_id is not None and (stored := repos.jobs.get_job(job_id)) is not None:
        return stored
    try:
        return submit(settings, repos, problem_id, code, language, tasks=tasks, job_id=job_id)
    except ConditionFailed:
        stored = repos.jobs.get_job(job_id) if job_id is not None else None
        if stored is None:
            raise
        return stored  # a worker stored it in between


def report_for(repos: Repositories, done: Job, *, as_json: bool) -> Report:
    """What the command prints for a finished submission job (JobNotDone when it left no history)."""
    history_id = (done.result or {}).get("history_id")
    history = repos.latest_history(int(history_id)) if history_id else None
    if history is None:
        error = done.error or (done.result or {}).get("error")
        raise JobNotDone(f"job {done.id} {done.status.value}: {error}")
    if as_json:
        return Report(accepted=history.accepted, json=history.as_json())
    return Report(accepted=history.accepted, text=report_text(history))


def report_text(history: SearchHistory) -> str:
    lines = [
        f"{history.verdict}: {history.passed_count}/{history.total_count} tests passed (history {history.id})"
    ]
    lines += [
        f"  {result.test_case_id}: {result.verdict} {result.message}"
        for result in history.test_results
        if not result.passed
    ]
    return "".join(f"{line}\n" for line in lines)
