"""Background jobs with their progress history; cancel (pending or running) and delete; the workers on the queue
(host:pid, threads, current jobs, last heartbeat; gone once silent past the recovery interval) above them.

With a worker alive, deleting a finished job goes through it (`delete_job_task`); without one the store is changed
directly. `w` / `x` queue the cache tasks (rebuild / drop the problem index and the statistics): the worker runs
them, and the screen says when they are done (worker/cache_requests.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.status_bar import StatusBar

REFRESH_S = 1.0
STATUS_STYLE = {
    "pending": "yellow",
    "running": "bold cyan",
    "completed": "green",
    "failed": "red",
    "cancelled": "dim",
}
MAX_JOBS = 300
CACHE_WAIT_S = 120


class JobsScreen(AppScreen):
    BINDINGS = [
        Binding("c", "cancel", "Cancel job"),
        Binding("d", "delete", "Delete job"),
        Binding("w", "warm_caches", "Warm caches"),
        Binding("x", "drop_caches", "Drop caches"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    @dataclass
    class Jobs(Message):
        jobs: list[Job]

    @dataclass
    class Workers(Message):
        lines: list[str]

    @dataclass
    class Progress(Message):
        job_id: str
        lines: list[JobProgress]

    def compose(self) -> ComposeResult:
        with Vertical(id="jobs-body"):
            yield Static("", id="jobs-workers")
            table: DataTable[Any] = DataTable(id="jobs-table", cursor_type="row", zebra_stripes=True)
            for column in ("job", "kind", "status", "progress", "updated", "error"):
                table.add_column(column, key=column)
            yield table
            yield Static("", id="job-progress")
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#jobs-table", DataTable).focus()
        self.action_reload()
        self.set_interval(REFRESH_S, self._tick)

    def _tick(self) -> None:
        if self.app.screen is self:  # only while shown
            self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="jobs")
    def load(self) -> None:
        self.post_message(self.Jobs(self.algoitny.repos.jobs.list_jobs(limit=MAX_JOBS)))
        self.post_message(self.Workers(self._worker_lines()))

    def _worker_lines(self) -> list[str]:
        from algoitny_tui.worker.liveness import describe_worker, worker_beacons
        from algoitny_tui.worker.queue import queue_description
        from algoitny_tui.worker.tasks import tasks_for

        settings = self.algoitny.settings
        try:
            workers = worker_beacons(tasks_for(settings).huey)
        except Exception as exc:  # noqa: BLE001 - the queue may be unreachable: say so instead of the list
            return [f"workers on {queue_description(settings)}: cannot be read ({exc})"]
        return [
            f"workers on {queue_description(settings)}: {len(workers) or 'none'}",
            *(f"  {describe_worker(w)}" for w in workers),
        ]

    def on_jobs_screen_workers(self, message: Workers) -> None:
        self.query_one("#jobs-workers", Static).update("\n".join(message.lines))

    def on_jobs_screen_jobs(self, message: Jobs) -> None:
        table = self.query_one("#jobs-table", DataTable)
        current = self.current_job_id()
        table.clear()
        for job in message.jobs:
            pct = f"{job.progress_percent:.0f}%" if job.progress_percent is not None else ""
            when = time.strftime("%H:%M:%S", time.localtime(job.updated_at)) if job.updated_at else ""
            table.add_row(
                job.id[:12],
                job.kind,
                Text(job.status.value, style=STATUS_STYLE.get(job.status.value, "")),
                pct,
                when,
                (job.error or "")[:50],
                key=job.id,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        if not message.jobs:
            self.query_one("#job-progress", Static).update("No background jobs.")

    def current_job_id(self) -> str | None:
        table = self.query_one("#jobs-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.load_progress(str(event.row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="progress")
    def load_progress(self, job_id: str) -> None:
        self.post_message(self.Progress(job_id, self.algoitny.repos.jobs.list_progress(job_id)))

    def on_jobs_screen_progress(self, message: Progress) -> None:
        text = Text(f"job {message.job_id}\n", style="bold")
        for line in message.lines[-200:]:
            when = time.strftime("%H:%M:%S", time.localtime(line.created_at)) if line.created_at else ""
            pct = f"{line.percent:5.1f}% " if line.percent is not None else "       "
            text.append(f"{when} {pct}{line.step:<8} {line.message}\n")
        if not message.lines:
            text.append("no progress yet", style="dim")
        self.query_one("#job-progress", Static).update(text)

    def action_cancel(self) -> None:
        job_id = self.current_job_id()
        if job_id:
            self.cancel(job_id)

    def action_delete(self) -> None:
        job_id = self.current_job_id()
        if job_id:
            self.delete(job_id)

    @work(thread=True, exit_on_error=False, group="cancel")
    def cancel(self, job_id: str) -> None:
        from algoitny_tui.storage.job_repository import JobStateConflict

        try:
            self.algoitny.repos.jobs.set_status(
                job_id, JobStatus.CANCELLED, expected=[JobStatus.PENDING, JobStatus.RUNNING]
            )
        except JobStateConflict as exc:
            self.app.call_from_thread(self.notify, f"not cancelled: {exc}", severity="warning")
        else:
            self.app.call_from_thread(self.notify, f"job {job_id[:12]} cancelled")
        self.app.call_from_thread(self.load)

    @work(thread=True, exit_on_error=False, group="delete")
    def delete(self, job_id: str) -> None:
        from algoitny_tui.worker.cache_requests import queue_delete_job, wait_until_done
        from algoitny_tui.worker.launcher import worker_alive

        app = self.algoitny
        job = app.repos.jobs.get_job(job_id)
        if job is not None and job.status.finished and worker_alive(app.settings):
            try:
                wait_until_done(queue_delete_job(app.settings, app.repos, job_id), CACHE_WAIT_S)
            except TimeoutError as exc:
                self.app.call_from_thread(self.notify, f"not deleted yet: {exc}", severity="warning")
                return
            self.app.call_from_thread(self.notify, f"job {job_id[:12]} deleted by the worker")
        else:
            app.repos.jobs.delete_job(job_id)
            self.app.call_from_thread(self.notify, f"job {job_id[:12]} deleted")
        self.app.call_from_thread(self.load)

    def action_warm_caches(self) -> None:
        self.run_cache_tasks("warm")

    def action_drop_caches(self) -> None:
        self.run_cache_tasks("invalidate")

    @work(thread=True, exclusive=True, exit_on_error=False, group="caches")
    def run_cache_tasks(self, action: str) -> None:
        from algoitny_tui.worker.cache_requests import (
            CACHES,
            describe,
            queue_invalidate,
            queue_warm,
            wait_until_done,
        )
        from algoitny_tui.worker.launcher import worker_alive

        app = self.algoitny
        queue = queue_warm if action == "warm" else queue_invalidate
        queued = [queue(app.settings, app.repos, cache) for cache in CACHES]
        if not worker_alive(app.settings):
            self.app.call_from_thread(
                self.notify,
                "caches: queued; no worker is running, they run when one starts",
                severity="warning",
            )
            return
        self.app.call_from_thread(self.notify, f"caches: {', '.join(q.task for q in queued)} queued")
        try:
            done = [wait_until_done(q, CACHE_WAIT_S) for q in queued]
        except TimeoutError as exc:
            self.app.call_from_thread(self.notify, f"caches: {exc}", severity="warning")
            return
        self.app.call_from_thread(self.notify, "caches: " + "; ".join(describe(o) for o in done))
