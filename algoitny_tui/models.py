"""Stored models with long field names (the problem and its tests are stdlib dataclasses in domain.py).

The codec (`codec.py`) maps each of these to a stored item with the seed's short names and back. Every model keeps
short keys that this version does not know in `unknown_fields`, so a round trip through an older app never drops
what a newer one wrote.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from algoitny_tui.domain import JobStatus, Verdict
from algoitny_tui.mismatch import Mismatch


class Model(BaseModel):
    """Base for stored models: strict about field names, keeps unknown short keys on the side."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)

    unknown_fields: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)
    """Short keys found in a stored item that this version does not know; written back unchanged."""


EXECUTION_STATUS: dict[str, str] = {
    Verdict.AC: "success",
    Verdict.WA: "success",
    Verdict.TLE: "timeout",
    Verdict.MLE: "memory_limit",
    Verdict.OLE: "output_limit",
    Verdict.RE: "runtime_error",
    Verdict.CE: "compile_error",
    Verdict.JE: "judge_error",
    Verdict.SKIPPED: "skipped",
}
"""A test's execution status (the seed's `sts`) by its verdict: `success` whenever the program ran to completion
within its limits, whatever the checker then said."""


def execution_status(verdict: str) -> str:
    """The seed's execution status of a test with this verdict ("" for an unknown or empty verdict)."""
    return EXECUTION_STATUS.get(verdict, "")


def status_and_verdict(status: str, verdict: str) -> tuple[str, str]:
    """A test's (status, verdict) as stored -> as meant, the status filled in from the verdict.

    Items written before the verdict had its own field (`vrd`) kept the verdict in `sts`: the two vocabularies do
    not overlap, so such a status is read as the verdict it is.
    """
    if not verdict and status in EXECUTION_STATUS:
        status, verdict = "", status
    return status or execution_status(verdict), verdict


def overall_verdict(verdict: str, result_summary: str) -> str:
    """A submission's overall verdict. Histories from before the verdict had its own field (`vrd`) have only the
    seed's result summary, 'Passed' (accepted) or 'Failed' (read as WA)."""
    if verdict:
        return verdict
    return Verdict.AC if result_summary == "Passed" else Verdict.WA if result_summary else ""


def is_accepted(verdict: str, result_summary: str = "") -> bool:
    """The one rule for "accepted": every place that counts, colours or exits on it asks here (or a model's
    `accepted`, which does)."""
    return overall_verdict(verdict, result_summary) == Verdict.AC


class TestResult(Model):
    """The outcome of one test in a submission. Seed names: tid out pas err sts."""

    __test__ = False

    test_case_id: str
    output: str = ""
    passed: bool = False
    error: str | None = None
    status: str = ""
    """The seed's execution status (`success`, `timeout`, ...: see EXECUTION_STATUS); filled in from the verdict."""
    verdict: str = ""
    """The verdict of this test (AC, WA, TLE, ...)."""
    time_ms: int | None = None
    memory_kb: int | None = None
    message: str = ""
    """What differed, in words: first differing token with line and column, or "whitespace differs only"."""
    mismatch: Mismatch | None = None
    """Where a built-in check found the output wrong, for the hint engine (`message` says it in words); None for
    custom checkers and for results stored before it was kept."""
    output_truncated: bool = False
    """True when `output` was cut to fit the store; the message says so to the user."""

    @model_validator(mode="after")
    def _status_from_verdict(self) -> TestResult:
        self.status, self.verdict = status_and_verdict(self.status, self.verdict)
        return self


class SearchHistory(Model):
    """One submission and its results: the seed's SearchHistory."""

    id: int
    """Integer microsecond timestamp (16 digits), unique across workers."""
    user_id: int | None = None
    user_identifier: str = ""
    problem_id: str = ""
    platform: str = ""
    problem_number: str = ""
    problem_title: str = ""
    language: str = ""
    code: str = ""
    result_summary: str = ""
    """'Passed' or 'Failed'."""
    passed_count: int = 0
    failed_count: int = 0
    total_count: int = 0
    is_code_public: bool = False
    test_results: list[TestResult] = Field(default_factory=list)
    hints: list[str] | None = None
    hint_engines: list[str] | None = None
    """Which engine wrote each hint ("gemini" or "offline"), by level; None for hints stored before it was kept."""
    hint_note: str = ""
    """Why the last hint is not from the engine configured, in one line (empty when it is)."""
    verdict: str = ""
    """Overall verdict (AC, WA, ..., CE)."""
    compile_message: str = ""
    score: dict[str, Any] | None = None
    """Scoring problems: `{"value": 60, "max": 100, "groups": [{"name", "score", "max", "verdict"}]}`."""
    job_id: str | None = None
    """The job that produced this history, when it came through the queue."""
    created_at: int = 0
    updated_at: int = 0

    @property
    def overall_verdict(self) -> str:
        return overall_verdict(self.verdict, self.result_summary)

    @property
    def accepted(self) -> bool:
        return is_accepted(self.verdict, self.result_summary)

    def as_json(self) -> dict[str, Any]:
        """With long names, its id included: the contract of the commands' --json."""
        return self.model_dump(mode="json")


class JobProgress(Model):
    """One line of a job's progress history."""

    job_id: str
    seq: int
    """Position in the job's history (0, 1, 2, ...)."""
    step: str = ""
    message: str = ""
    percent: float | None = None
    detail: dict[str, Any] = Field(default_factory=dict)
    """Structured data of the line, e.g. one test's verdict, time and memory."""
    created_at: int = 0


class Job(Model):
    """A background job (judging, extraction, test generation, ...) with its status."""

    id: str
    kind: str
    """The task's name, e.g. `execute_code_task`."""
    status: JobStatus = JobStatus.PENDING
    params: dict[str, Any] = Field(default_factory=dict)
    result: dict[str, Any] | None = None
    error: str | None = None
    worker_id: str | None = None
    attempts: int = 0
    progress_percent: float | None = None
    user_identifier: str = ""
    created_at: int = 0
    updated_at: int = 0
    progress_count: int = 0
    """Lines in the job's progress history (the next line's seq)."""
    heartbeat_at: int = 0
    """Last time (seconds) the worker running this job said it is alive."""


class UserStats(Model):
    """Per-user statistics (worker/stats.py computes them; the Stats screen shows them)."""

    user_identifier: str
    solved: int = 0
    tried: int = 0
    """Problems tried and never accepted."""
    attempts: int = 0
    acceptance_rate: float = 0.0
    by_language: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Language -> `attempts`, `accepted`."""
    by_tag: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Tag -> `attempts`, `accepted`, `solved` (problems)."""
    verdicts_by_tag: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Tag -> verdict -> submissions."""
    per_day: dict[str, int] = Field(default_factory=dict)
    """Local day (`YYYY-MM-DD`) -> submissions."""
    streak_days: int = 0
    """Days in a row with an accepted submission, up to the day computed (or the day before)."""
    longest_streak: int = 0
    back_to_it: list[dict[str, Any]] = Field(default_factory=list)
    """Problems tried and not solved, the most recently tried first: `problem_id`, `title`, `at` (seconds)."""
    computed_at: int = 0
