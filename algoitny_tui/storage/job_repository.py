"""JobRepository: background jobs with a status and a progress history, over any Table.

A job's partition `JOB#<id>` holds its `META` item and one `PROG#<seq>` item per progress line. The job's index
entry (gsi1: `JOBS#<status>` / `<heartbeat>#<id>`) moves with its status, so finding running jobs whose heartbeat
stopped is one index query.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from algoitny_tui.codec import (
    TYPE_JOB_PROGRESS,
    item_to_job,
    item_to_job_progress,
    job_key,
    job_progress_sk,
    job_progress_to_item,
    job_to_item,
)
from algoitny_tui.domain import JobStatus
from algoitny_tui.models import Job, JobProgress
from algoitny_tui.storage.ids import now_seconds
from algoitny_tui.storage.table import Cond, ConditionFailed, Table, Update, item_absent, item_exists


class ProgressLine(NamedTuple):
    """One line of a job's progress, before it is stored (its seq and time are given when it is)."""

    step: str
    message: str = ""
    percent: float | None = None
    detail: dict[str, Any] | None = None


class JobNotFound(LookupError):
    def __init__(self, job_id: str) -> None:
        super().__init__(f"job {job_id} not found")
        self.job_id = job_id


class JobStateConflict(RuntimeError):
    """A status change found the job in another status than expected (someone else moved it first)."""


def _index_sk(heartbeat: int, job_id: str) -> str:
    return f"{heartbeat:012d}#{job_id}"


class JobRepository:
    def __init__(self, table: Table) -> None:
        self.table = table

    def create_job(
        self,
        kind: str,
        params: dict[str, Any] | None = None,
        *,
        job_id: str | None = None,
        user_identifier: str = "",
    ) -> Job:
        now = now_seconds()
        job = Job(
            id=job_id or uuid.uuid4().hex,
            kind=kind,
            params=params or {},
            user_identifier=user_identifier,
            created_at=now,
            updated_at=now,
            heartbeat_at=now,
        )
        self.table.put(job_to_item(job), conditions=[item_absent()])
        return job

    def get_job(self, job_id: str) -> Job | None:
        item = self.table.get(*job_key(job_id))
        return item_to_job(item) if item else None

    def set_status(
        self,
        job_id: str,
        status: JobStatus,
        *,
        expected: Sequence[JobStatus] | None = None,
        error: str | None = None,
        result: dict[str, Any] | None = None,
        worker_id: str | None = None,
        count_attempt: bool = False,
    ) -> Job:
        """Move a job to `status`, atomically; with `expected`, only from one of those statuses."""
        now = now_seconds()
        sets: dict[str, Any] = {
            "dat.sts": status.value,
            "upd": now,
            "dat.hbt": now,
            "g1pk": f"JOBS#{status.value}",
            "g1sk": _index_sk(now, job_id),
        }
        if error is not None:
            sets["dat.err"] = error
        if result is not None:
            sets["dat.rsl"] = result
        if worker_id is not None:
            sets["dat.wid"] = worker_id
        if status == JobStatus.COMPLETED:
            sets["dat.pct"] = 100.0
        conditions = [item_exists()]
        pk, sk = job_key(job_id)
        if expected:
            # One allowed status as an eq condition; several: refuse the others with ne conditions.
            if len(expected) == 1:
                conditions.append(Cond("dat.sts", "eq", expected[0].value))
            else:
                conditions += [Cond("dat.sts", "ne", s.value) for s in JobStatus if s not in expected]
        try:
            item = self.table.update(
                pk, sk, Update(set=sets, add={"dat.att": 1} if count_attempt else {}), conditions=conditions
            )
        except ConditionFailed:
            current = self.get_job(job_id)
            if current is None:
                raise JobNotFound(job_id) from None
            raise JobStateConflict(
                f"job {job_id} is {current.status.value}, not {'/'.join(s.value for s in expected or [])}"
            ) from None
        return item_to_job(item)

    def plan_history_id(self, job_id: str, history_id: int, *, replacing: int | None = None) -> bool:
        """Record in the job's result the id its history will be stored under, atomically: only when no id is
        planned yet, or (with `replacing`) when the planned one is still `replacing`. False when another run of
        the job planned first; the caller reads the job again."""
        condition = (
            Cond("dat.rsl.history_id", "not_exists")
            if replacing is None
            else Cond("dat.rsl.history_id", "eq", replacing)
        )
        try:
            self.table.update(
                *job_key(job_id), Update(set={"dat.rsl": {"history_id": history_id}}), conditions=[condition]
            )
        except ConditionFailed:
            return False
        return True

    def heartbeat(self, job_id: str, percent: float | None = None) -> None:
        """Say the job's worker is alive (and how far it got)."""
        now = now_seconds()
        sets: dict[str, Any] = {"dat.hbt": now, "upd": now, "g1sk": _index_sk(now, job_id)}
        if percent is not None:
            sets["dat.pct"] = percent
        # A job cancelled or finished meanwhile has nothing to keep alive.
        with contextlib.suppress(ConditionFailed):
            self.table.update(
                *job_key(job_id),
                Update(set=sets),
                conditions=[item_exists(), Cond("dat.sts", "eq", JobStatus.RUNNING.value)],
            )

    def add_progress(
        self,
        job_id: str,
        step: str,
        message: str = "",
        percent: float | None = None,
        detail: dict[str, Any] | None = None,
    ) -> JobProgress:
        """Append a line to the job's progress history (its seq is claimed atomically)."""
        return self.add_progress_lines(job_id, [ProgressLine(step, message, percent, detail)])[0]

    def add_progress_lines(self, job_id: str, lines: Sequence[ProgressLine]) -> list[JobProgress]:
        """Append lines to the job's progress history in two writes however many they are: their seqs claimed at
        once (one atomic add), then the lines in one batch. A reader may see the count before the lines."""
        now = now_seconds()
        sets: dict[str, Any] = {"upd": now, "dat.hbt": now}
        percents = [line.percent for line in lines if line.percent is not None]
        if percents:
            sets["dat.pct"] = percents[-1]
        try:
            item = self.table.update(
                *job_key(job_id), Update(set=sets, add={"dat.pgc": len(lines)}), conditions=[item_exists()]
            )
        except ConditionFailed:
            raise JobNotFound(job_id) from None
        first = int(item["dat"]["pgc"]) - len(lines)
        progress = [
            JobProgress(
                job_id=job_id,
                seq=first + i,
                step=line.step,
                message=line.message,
                percent=line.percent,
                detail=line.detail or {},
                created_at=now,
            )
            for i, line in enumerate(lines)
        ]
        self.table.batch_write(puts=[job_progress_to_item(line) for line in progress])
        return progress

    def list_progress(self, job_id: str, *, first_seq: int = 0) -> list[JobProgress]:
        """The job's progress lines from `first_seq` on: a poller reads only the lines it has not seen, so following
        a job of n lines costs n reads, not n squared."""
        pk, _ = job_key(job_id)
        after = job_progress_sk(first_seq - 1) if first_seq > 0 else None
        return [
            item_to_job_progress(i)
            for i in self.table.query_all(pk, "PROG#", sk_after=after)
            if i.get("tp") == TYPE_JOB_PROGRESS
        ]

    def list_jobs(self, status: JobStatus | None = None, *, limit: int | None = None) -> list[Job]:
        """Jobs newest first (by last activity), of one status or of all."""
        statuses = [status] if status else list(JobStatus)
        jobs: list[Job] = []
        for s in statuses:
            page = self.table.query(f"JOBS#{s.value}", index="gsi1", descending=True, limit=limit)
            jobs.extend(item_to_job(i) for i in page.items)
        jobs.sort(key=lambda j: (j.heartbeat_at, j.id), reverse=True)
        return jobs[:limit] if limit else jobs

    def list_stuck_jobs(self, older_than_s: int, *, now: int | None = None) -> list[Job]:
        """Running jobs whose last heartbeat is older than `older_than_s` seconds."""
        cutoff = (now if now is not None else now_seconds()) - older_than_s
        stuck = []
        for item in self.table.query_all(f"JOBS#{JobStatus.RUNNING.value}", index="gsi1"):
            job = item_to_job(item)
            if job.heartbeat_at >= cutoff:
                break  # the index is ordered by heartbeat: the rest are alive
            stuck.append(job)
        return stuck

    def delete_job(self, job_id: str) -> bool:
        pk, _ = job_key(job_id)
        keys = [(i["PK"], i["SK"]) for i in self.table.query_all(pk)]
        if keys:
            self.table.batch_write(deletes=keys)
        return bool(keys)

    def try_claim(self, job_id: str, worker_id: str) -> Job | None:
        """Pending -> running for this worker; None when another worker has it or it was cancelled."""
        try:
            return self.set_status(
                job_id,
                JobStatus.RUNNING,
                expected=[JobStatus.PENDING],
                worker_id=worker_id,
                count_attempt=True,
            )
        except JobStateConflict:
            return None
        except ConditionFailed:  # pragma: no cover - set_status translates it
            return None
