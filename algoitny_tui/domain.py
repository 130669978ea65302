"""The problem, its tests and the judge's value types: stdlib enums and dataclasses, no third-party import.

`algoitny judge` and the importers build and read these without loading pydantic (a third of a small judging's
cost). The stored models (models.py) use them as field types: pydantic validates and dumps stdlib dataclasses
itself, so a stored item is checked field by field when it is read (codec.py), and written as before. Each type
keeps the short keys of a stored item this version does not know in `unknown_fields`, like every stored model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum, StrEnum
from typing import Any

from algoitny_tui.file_io import FileIO, check_io_file_name

STRICT = {"extra": "forbid"}
"""pydantic's config for these dataclasses (read by it, as `ConfigDict`): a stored item's unknown long name is an
error, as for every stored model."""


def split_problem_id(problem_id: str) -> tuple[str, str]:
    """`baekjoon#1000` -> ("baekjoon", "1000"); raises ValueError naming the bad id."""
    platform, sep, number = problem_id.partition("#")
    if not sep or not platform or not number:
        raise ValueError(f"problem id {problem_id!r} is not of the form platform#number (e.g. baekjoon#1000)")
    check_platform(platform)
    check_problem_number(number)
    return platform, number


# Ids become keys, file names of exported data and parts of messages: only characters safe in all of those.
# A platform may be a host name (codeforces, open.kattis.com); a number is a judge's id or a slug of a title.
PLATFORM_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]|\.(?!\.)){0,62}")


def id_letters(text: str) -> str:
    """The regex class body of the letters an id may have: ASCII letters and digits, and Hangul syllables (a Korean
    title's slug). For ASCII `text` the Hangul range is left out, which matches the same: a class with that range
    costs ~3 ms to compile (11,172 characters), a sixtieth of `algoitny judge` on a small problem."""
    return "0-9A-Za-z" if text.isascii() else "0-9A-Za-z가-힣"


def check_platform(platform: str) -> str:
    """The platform, or ValueError naming it when it is not letters, digits, `-`, `_` and single dots."""
    if not PLATFORM_PATTERN.fullmatch(platform) or platform.endswith("."):
        raise ValueError(
            f"platform {platform!r} is not allowed: use letters, digits, '-', '_' and '.' "
            "(up to 63, starting with a letter or digit)"
        )
    return platform


def check_problem_number(number: str) -> str:
    """The problem number, or ValueError naming it when it is not letters, digits, `-` and `_`."""
    letters = id_letters(number)
    if not re.fullmatch(f"[{letters}][{letters}_-]{{0,127}}", number):
        raise ValueError(
            f"problem number {number!r} is not allowed: use letters, digits, '-' and '_' "
            "(up to 128, starting with a letter or digit)"
        )
    return number


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


class CheckerKind(StrEnum):
    """How a program's output is checked."""

    DEFAULT = "default"  # Kattis default validator: tokens, with flags
    EXACT = "exact"  # byte for byte
    KATTIS = "kattis"  # custom output validator: `validator input answer feedback_dir < output`, 42/43
    TESTLIB = "testlib"  # `checker input output answer`, exit 0 accepted
    INTERACTIVE = "interactive"  # Kattis interactive validator talking to the solution over pipes


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


class InvalidField(ValueError):
    """A value a field cannot hold, found by a check across the object (`__post_init__`): names the field, so the
    codec's message points at it in the stored item."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


def _unknown() -> Any:
    """`unknown_fields`: short keys found in a stored item that this version does not know; written back as they
    were. Never shown (repr) nor dumped as a field of its own (`to_json`)."""
    return field(default_factory=dict, repr=False)


@dataclass(kw_only=True)
class CheckerSpec:
    """The output check of a problem. Custom programs travel with the problem, so stored problems judge too."""

    __pydantic_config__ = STRICT

    kind: CheckerKind = CheckerKind.DEFAULT
    case_sensitive: bool = True
    space_change_sensitive: bool = False
    float_absolute_tolerance: float | None = None
    float_relative_tolerance: float | None = None
    program_language: str | None = None
    """Language of the custom checker program (None: decided by the file extension of `program_entry`)."""
    program_entry: str | None = None
    """File name, inside `program_files`, of the checker's main source."""
    program_files: dict[str, str] = field(default_factory=dict)
    """Source files of the custom checker program, by relative path."""
    arguments: list[str] = field(default_factory=list)
    """Extra arguments passed to the validator (Kattis `validator_flags`)."""
    multi_pass: bool = False
    """Kattis multi-pass: the validator may ask for another run of the program with its `nextpass.in`."""
    unknown_fields: dict[str, Any] = _unknown()


@dataclass(kw_only=True)
class Limits:
    """Resource limits of one problem. The optional ones are None when the problem's source says nothing and the
    judge's own defaults apply (Kattis packages fill them with the format's typical system defaults)."""

    __pydantic_config__ = STRICT

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
    unknown_fields: dict[str, Any] = _unknown()


@dataclass(kw_only=True)
class TestGroup:
    """How one test group of a scoring problem is scored (Kattis `test_group.yaml` / legacy `testdata.yaml`)."""

    __test__ = False
    __pydantic_config__ = STRICT

    name: str
    """`secret`, or a group's path under `data/` such as `secret/group1`."""
    max_score: float | None = None
    """None: unbounded (each accepted test's score comes from the validator's score.txt)."""
    aggregation: str = "pass-fail"
    """`pass-fail`, `sum` or `min` (legacy graders: also `avg` and `max`)."""
    require_pass: list[str] = field(default_factory=list)
    """Groups (or `sample`) every test of which must be accepted for this group to score."""
    accept_score: float | None = None
    """Legacy packages: the score of an accepted test without score.txt (None: the test's maximum score)."""
    unknown_fields: dict[str, Any] = _unknown()


@dataclass(kw_only=True)
class Scoring:
    """A scoring problem's groups: `secret` first, then its test groups in test order."""

    __pydantic_config__ = STRICT

    groups: list[TestGroup] = field(default_factory=list)
    custom_score: bool = False
    """The validator may write score.txt / score_multiplier.txt."""
    unknown_fields: dict[str, Any] = _unknown()


TEST_SOURCE_IMPORT = "import"
TEST_SOURCE_USER = "user"


@dataclass(kw_only=True)
class TestCase:
    """One test of a problem: an input and, usually, its expected answer."""

    __test__ = False  # not a pytest test class
    __pydantic_config__ = STRICT

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
    unknown_fields: dict[str, Any] = _unknown()


@dataclass(kw_only=True)
class Problem:
    """A problem, without its test data (test cases are items of their own)."""

    __pydantic_config__ = STRICT

    platform: str
    problem_number: str
    title: str = ""
    statement: str = ""
    """Statement in Markdown (English, or the only language given)."""
    statement_ko: str = ""
    """Statement in Markdown, Korean."""
    input_format: str = ""
    output_format: str = ""
    limits: Limits = field(default_factory=Limits)
    checker: CheckerSpec = field(default_factory=CheckerSpec)
    scoring: Scoring | None = None
    """Set for scoring problems: a submission gets a score, not only a verdict."""
    tags: list[str] = field(default_factory=list)
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
    unknown_fields: dict[str, Any] = _unknown()

    def __post_init__(self) -> None:
        # the judge creates and opens these names inside the run's directory: never a path (pydantic runs this too,
        # when a stored problem is read)
        for name in ("input_file", "output_file"):
            value = getattr(self, name)
            if value is not None:
                try:
                    check_io_file_name(value)
                except ValueError as exc:
                    raise InvalidField(name, str(exc)) from None

    @property
    def problem_id(self) -> str:
        """The composite key, `platform#number`, as the seed writes `pid`."""
        return f"{self.platform}#{self.problem_number}"

    @property
    def io(self) -> FileIO:
        """Where the program reads its input and writes its answer."""
        return FileIO(self.input_file, self.output_file, self.input_on_stdin and self.input_file is not None)


def to_json(value: Any) -> Any:
    """One of these values (or a list or map of them) as JSON data, without `unknown_fields`: what `--json`
    prints."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in fields(value) if f.name != "unknown_fields"}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value
