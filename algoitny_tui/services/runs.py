"""Queueing runs from the editor, and reading their progress back: plain functions for thread workers.

A full submission is `worker.client.submit` (its result is a stored history). Samples-only and custom-input runs
are `worker.client.run_trial` (`run_tests_task`): judged the same way, their results land in the job
(`job.result["tests"]`), and no history is written. The app never runs user code itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from algoitny_tui.models import Job, JobProgress, SearchHistory
from algoitny_tui.storage.factory import Repositories


@dataclass
class ActiveRun:
    job_id: str
    kind: str
    """submit | samples | custom | hint; the Tests tab's: tests | answers"""
    title: str
    seen: int = 0
    history_id: int | None = None
    """For a hint: the submission it is for."""
    tests: list[tuple[str, str, str | None]] = field(default_factory=list)
    draft_key: str = ""
    """Which code (language and text) the run judges: the Tests tab shows a verdict only for the code it was for."""


def new_lines(lines: list[JobProgress], seen: int) -> tuple[list[JobProgress], int]:
    """The progress lines from `seen` on, and the count seen after them. Polls overlap (each reads from the count it
    started with), so a report may repeat lines an earlier one has shown."""
    fresh = [line for line in lines if line.seq >= seen]
    return fresh, (fresh[-1].seq + 1 if fresh else seen)


@dataclass
class RunUpdate:
    job: Job
    lines: list[JobProgress]
    history: SearchHistory | None
    """A submission's (or a hint's) history once the job has finished; None for samples and custom runs."""


def read_run(repos: Repositories, run: ActiveRun) -> RunUpdate | None:
    """What is new about a run since `run.seen` progress lines; the history once a submission or hint has ended."""
    job = repos.jobs.get_job(run.job_id)
    if job is None:
        return None
    lines = repos.jobs.list_progress(run.job_id, first_seq=run.seen) if job.progress_count > run.seen else []
    history = None
    if job.status.finished and run.kind in ("submit", "hint"):
        history_id = run.history_id if run.kind == "hint" else (job.result or {}).get("history_id")
        if history_id is not None:
            history = repos.latest_history(int(history_id))
    return RunUpdate(job, lines, history)
