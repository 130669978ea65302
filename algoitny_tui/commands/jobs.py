"""`algoitny jobs [list | show ID | cancel ID | delete ID [--queued]] [--json]`: background jobs and their progress.

--json prints: list {"jobs": [JOB, ...]}; show JOB plus "progress": [LINE, ...]; cancel JOB; delete
{"deleted": ID} (with --queued, `"queued": true`: the worker's delete_job_task removed it). JOB is the stored job with long names (id, kind, status, params, result, error, attempts,
progress_percent, ...); LINE is {"seq", "step", "message", "percent", "detail", "created_at"}.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from algoitny_tui.commands.common import EXIT_OK, CommandError, at_least_one, print_json
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job

ACTIONS = ("list", "show", "cancel", "delete")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "jobs", help="list background jobs, show one's progress, cancel or delete one"
    )
    parser.add_argument("action", nargs="?", choices=ACTIONS, default="list")
    parser.add_argument("job_id", nargs="?", metavar="ID")
    parser.add_argument(
        "--status", choices=[s.value for s in JobStatus], help="list: only jobs in this status"
    )
    parser.add_argument(
        "--limit", type=at_least_one, default=50, help="list: at most this many (most recent first)"
    )
    parser.add_argument(
        "--queued",
        action="store_true",
        help="delete: through the worker (delete_job_task), starting one if none is alive, and wait for it",
    )
    parser.add_argument("--timeout", type=float, default=60, help="delete --queued: how long to wait")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def job_json(job: Job) -> dict[str, Any]:
    return job.model_dump(mode="json")


def run(args: argparse.Namespace) -> int:
    if args.action != "list" and not args.job_id:
        raise CommandError(f"jobs {args.action} needs a job id (see `algoitny jobs list`)")
    if args.action == "list":
        return _list(args)
    with repositories() as repos:
        job = repos.jobs.get_job(args.job_id)
        if job is None:
            raise CommandError(f"job {args.job_id} not found")
        if args.action == "show":
            progress = repos.jobs.list_progress(job.id)
            if args.json:
                print_json(
                    {
                        **job_json(job),
                        "progress": [p.model_dump(mode="json", exclude={"job_id"}) for p in progress],
                    }
                )
                return EXIT_OK
            _print_job(job)
            for line in progress:
                percent = f"{line.percent:5.1f}%" if line.percent is not None else "      "
                print(f"  {line.seq:>4} {_when(line.created_at)} {percent} {line.step:<10} {line.message}")
            return EXIT_OK
        if args.action == "cancel":
            return _cancel(repos, job, args.json)
        if args.queued:
            return _delete_queued(repos, job, args)
        return _delete(repos, job, args.json)


def _list(args: argparse.Namespace) -> int:
    with repositories() as repos:
        jobs = repos.jobs.list_jobs(JobStatus(args.status) if args.status else None, limit=args.limit)
    if args.json:
        print_json({"jobs": [job_json(j) for j in jobs]})
        return EXIT_OK
    if not jobs:
        print("no jobs")
    for job in jobs:
        percent = f"{job.progress_percent:5.1f}%" if job.progress_percent is not None else "     -"
        error = f"  {job.error[:60]}" if job.error and job.status == JobStatus.FAILED else ""
        print(f"{job.id}  {_when(job.updated_at)}  {job.kind:<26} {job.status.value:<9} {percent}{error}")
    return EXIT_OK


def _cancel(repos: Any, job: Job, as_json: bool) -> int:
    from algoitny_tui.storage.job_repository import JobStateConflict

    try:
        # A running task sees it at its next JobRunner.cancelled() check and stops; a pending one is never claimed.
        job = repos.jobs.set_status(
            job.id,
            JobStatus.CANCELLED,
            expected=[JobStatus.PENDING, JobStatus.RUNNING],
            error="cancelled by the user",
        )
    except JobStateConflict:
        current = repos.jobs.get_job(job.id)
        status = current.status.value if current else "gone"
        raise CommandError(
            f"job {job.id} is {status}: only pending or running jobs can be cancelled"
        ) from None
    if as_json:
        print_json(job_json(job))
    else:
        print(f"cancelled job {job.id} ({job.kind})")
    return EXIT_OK


def _delete(repos: Any, job: Job, as_json: bool) -> int:
    if job.status == JobStatus.RUNNING:
        raise CommandError(f"job {job.id} is running: cancel it first (`algoitny jobs cancel {job.id}`)")
    repos.jobs.delete_job(job.id)
    if as_json:
        print_json({"deleted": job.id})
    else:
        print(f"deleted job {job.id}")
    return EXIT_OK


def _delete_queued(repos: Any, job: Job, args: argparse.Namespace) -> int:
    """delete_job_task in a worker (one is started for the command when none is alive); returns when it is gone."""
    from algoitny_tui.commands.common import settings_or_exit
    from algoitny_tui.commands.queued import worker_for
    from algoitny_tui.worker.cache_requests import queue_delete_job, wait_until_done

    if job.status == JobStatus.RUNNING:
        raise CommandError(f"job {job.id} is running: cancel it first (`algoitny jobs cancel {job.id}`)")
    settings = settings_or_exit()
    with worker_for(settings, wait=True):
        try:
            wait_until_done(queue_delete_job(settings, repos, job.id), args.timeout)
        except TimeoutError as exc:
            raise CommandError(str(exc), code=1) from None
    if args.json:
        print_json({"deleted": job.id, "queued": True})
    else:
        print(f"deleted job {job.id} (by the worker)")
    return EXIT_OK


def _print_job(job: Job) -> None:
    print(
        f"job {job.id}: {job.kind}, {job.status.value}"
        + (f", {job.progress_percent:.0f}%" if job.progress_percent is not None else "")
        + f", {job.attempts} attempt{'s' if job.attempts != 1 else ''}"
    )
    if job.worker_id:
        print(f"worker: {job.worker_id}")
    if job.error:
        print(f"error: {job.error}")
    if job.result:
        shown = {k: v for k, v in job.result.items() if not isinstance(v, str) or len(v) < 200}
        print(f"result: {shown}")


def _when(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S") if seconds else "-"
