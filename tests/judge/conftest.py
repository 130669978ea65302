"""Shared fixtures: one compile cache per test session (Java/Rust compile once), helpers to build problems."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from algoitny_tui.domain import CheckerSpec, Limits, Problem, TestCase
from algoitny_tui.judge import JudgeReport, judge
from algoitny_tui.judge.sandbox import _UID_BASE

JudgeFn = Callable[..., JudgeReport]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("judge-cache")


def make_problem(
    time_ms: int = 2000, memory_mb: int = 256, output_kb: int = 64 * 1024, checker: CheckerSpec | None = None
) -> Problem:
    return Problem(
        platform="test",
        problem_number="1",
        limits=Limits(time_limit_ms=time_ms, memory_limit_mb=memory_mb, output_limit_kb=output_kb),
        checker=checker or CheckerSpec(),
    )


def make_tests(pairs: Sequence[tuple[str, str | None]]) -> list[TestCase]:
    return [
        TestCase(test_case_id=f"t{i + 1}", input=i_, expected_output=o, order=i)
        for i, (i_, o) in enumerate(pairs)
    ]


AB_TESTS = make_tests([("1 2\n", "3\n"), ("10 20\n", "30\n"), ("-5 5\n", "0\n")])


@pytest.fixture
def run(cache_dir: Path) -> JudgeFn:
    """judge() with the session cache."""

    def _run(
        problem: Problem, tests: Sequence[TestCase], source: str, language: str, **kw: object
    ) -> JudgeReport:
        return judge(problem, tests, source, language, cache_dir=cache_dir, **kw)  # type: ignore[arg-type]

    return _run


def sandbox_processes() -> list[str]:
    """Processes that run as one of the judge's sandbox uids (there must be none after a judge() call)."""
    found = []
    mine = _UID_BASE + (os.getpid() % 100_000) * 1000  # the uids this process's judge hands out
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("Uid:") and mine <= int(line.split()[1]) < mine + 1000:
                found.append(f"{pid}: {Path(f'/proc/{pid}/cmdline').read_bytes()!r}")
    return found


def processes_with(marker: str) -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmd:
                found.append(f"{pid}: {cmd!r}")
    return found


def have(tool: str) -> bool:
    return shutil.which(tool) is not None
