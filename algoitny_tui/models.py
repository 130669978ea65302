"""Domain models with long field names.

The codec (`codec.py`) maps each of these to a stored item with the seed's short names and back. Every model keeps
short keys that this version does not know in `unknown_fields`, so a round trip through an older app never drops
what a newer one wrote.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from algoitny_tui.file_io import FileIO, check_io_file_name
from algoitny_tui.mismatch import Mismatch


class Model(BaseModel):
    """Base for stored models: strict about field names, keeps unknown short keys on the side."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, defer_build=True)

    unknown_fields: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)
    """Short keys found in a stored item that this version does not know; written back unchanged."""


class Verdict(StrEnum):
    """Per-test and overall verdicts, as the judge reports them."""

    AC = "AC"  # accepted
    WA = "WA"  # wrong answer
    TLE = "TLE"  # time limit exceeded
    MLE = "MLE"  # memory limit exceeded
    RE = "RE"  # runtime error
    OLE = "OLE"  # output limit exceeded
    CE = "CE"  # compile error
    JE = "JE"  # judge error: the judge itself (or the problem's validator) failed
    SKIPPED = "SK"  # not run, because an earlier test failed with --fail-fast


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


class CheckerKind(StrEnum):
    """How a program's output is checked."""

    DEFAULT = "default"  # Kattis default validator: tokens, with flags
    EXACT = "exact"  # byte for byte
    KATTIS = "kattis"  # custom output validator: `validator input answer feedback_dir < output`, 42/43
    TESTLIB = "testlib"  # `checker input output answer`, exit 0 accepted
    INTERACTIVE = "interactive"  # Kattis interactive validator talking to the solution over pipes


class CheckerSpec(Model):
    """The output check of a problem. Custom programs travel with the problem, so stored problems judge too."""

    kind: CheckerKind = CheckerKind.DEFAULT
    case_sensitive: bool = True
    space_change_sensitive: bool = False
    float_absolute_tolerance: float | None = None
    float_relative_tolerance: float | None = None
    program_language: str | None = None
    """Language of the custom checker program (None: decided by the file extension of `program_entry`)."""
    program_entry: str | None = None
    """File name, inside `program_files`, of the checker's main source."""
    program_files: dict[str, str] = Field(default_factory=dict)
    """Source files of the custom checker program, by relative path."""
    arguments: list[str] = Field(default_factory=list)
    """Extra arguments passed to the validator (Kattis `validator_flags`)."""
    multi_pass: bool = False
    """Kattis multi-pass: the validator may ask for another run of the program with its `nextpass.in`."""


class Limits(Model):
    """Resource limits of one problem. The optional ones are None when the problem's source says nothing and the
    judge's own defaults apply (Kattis packages fill them with the format's typical system defaults)."""

    time_limit_ms: int = 2000
    memory_limit_mb: int = 256
    output_limit_kb: int = 64 * 1024
    compile_time_ms: int | None = None
    compile_memory_mb: int | None = None
    validation_time_ms: int | None = None
    validation_memory_mb: int | None = None
    validation_output_kb: int | None = None
    validation_passes: int | None = None
    """Most runs of a multi-pass problem's program on one test (None: 2, the format's default)."""


class TestGroup(Model):
    """How one test group of a scoring problem is scored (Kattis `test_group.yaml` / legacy `testdata.yaml`)."""

    __test__ = False

    name: str
    """`secret`, or a group's path under `data/` such as `secret/group1`."""
    max_score: float | None = None
    """None: unbounded (each accepted test's score comes from the validator's score.txt)."""
    aggregation: str = "pass-fail"
    """`pass-fail`, `sum` or `min` (legacy graders: also `avg` and `max`)."""
    require_pass: list[str] = Field(default_factory=list)
    """Groups (or `sample`) every test of which must be accepted for this group to score."""
    accept_score: float | None = None
    """Legacy packages: the score of an accepted test without score.txt (None: the test's maximum score)."""


class Scoring(Model):
    """A scoring problem's groups: `secret` first, then its test groups in test order."""

    groups: list[TestGroup] = Field(default_factory=list)
    custom_score: bool = False
    """The validator may write score.txt / score_multiplier.txt."""


TEST_SOURCE_IMPORT = "import"
TEST_SOURCE_USER = "user"


class TestCase(Model):
    """One test of a problem: an input and, usually, its expected answer."""

    __test__ = False  # not a pytest test class

    test_case_id: str
    """Stable name of the test, e.g. `sample/1` or `secret/group1/03`."""
    input: str = ""
    expected_output: str | None = None
    """None when the answer is still to be generated (generate_outputs_task)."""
    is_sample: bool = False
    order: int = 0
    """Position of the test in its problem: tests run and show in this order."""
    source: str = TEST_SOURCE_IMPORT
    """Where the test came from: `import` (a package, page or the pack) or `user` (added by the user: kept when the
    problem is imported again)."""


class Problem(Model):
    """A problem, without its test data (test cases are items of their own)."""

    platform: str
    problem_number: str
    title: str = ""
    statement: str = ""
    """Statement in Markdown (English, or the only language given)."""
    statement_ko: str = ""
    """Statement in Markdown, Korean."""
    input_format: str = ""
    output_format: str = ""
    limits: Limits = Field(default_factory=Limits)
    checker: CheckerSpec = Field(default_factory=CheckerSpec)
    scoring: Scoring | None = None
    """Set for scoring problems: a submission gets a score, not only a verdict."""
    tags: list[str] = Field(default_factory=list)
    difficulty: int | None = None
    """1 (first steps) to 10 (hard contest level)."""
    source_url: str = ""
    reference_solution: str | None = None
    """Accepted solution, base64-encoded as the seed stores solution codes. Never shown unless asked for."""
    reference_language: str | None = None
    legacy_id: int | None = None
    """The original backend's numeric problem id, when the problem has one."""
    test_case_count: int = 0
    execution_count: int = 0
    pack_version: str | None = None
    """Version of the built-in pack that wrote this problem (None for imported problems)."""
    input_file: str | None = None
    """File I/O problems: the file, in the program's working directory, it reads its input from (`input.txt`);
    None: standard input."""
    output_file: str | None = None
    """File I/O problems: the file the program writes its answer to (`output.txt`); None: standard output."""
    input_on_stdin: bool = False
    """With `input_file`: the input is on standard input too ("input.txt or standard input"); otherwise standard
    input is empty."""
    created_at: int = 0
    updated_at: int = 0

    @field_validator("input_file", "output_file")
    @classmethod
    def _plain_file_name(cls, name: str | None) -> str | None:
        # the judge creates and opens this name inside the run's directory: never a path
        return None if name is None else check_io_file_name(name)

    @property
    def problem_id(self) -> str:
        """The composite key, `platform#number`, as the seed writes `pid`."""
        return f"{self.platform}#{self.problem_number}"

    @property
    def io(self) -> FileIO:
        """Where the program reads its input and writes its answer."""
        return FileIO(self.input_file, self.output_file, self.input_on_stdin and self.input_file is not None)


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


class JobStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        """No worker will move a job in this state again."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)


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
