"""App test helpers: a store with small problems, histories with fixed times, the app's screen as text, and waits
on conditions the worker process fulfils."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from algoitny_tui.config import Settings, load_settings
from algoitny_tui.domain import Limits, Problem, TestCase
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.factory import Repositories, open_repositories
from tests.processes import ConsumerProcess

A_PLUS_B = "print(sum(map(int, input().split())))\n"
STATEMENT = "Read two integers $A$ and $B$ and print $A+B$.\n"
FIXED_TIME = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def a_plus_b(tests: int = 4) -> tuple[Problem, list[TestCase]]:
    problem = Problem(
        platform="baekjoon",
        problem_number="1000",
        title="A+B",
        tags=["math", "implementation"],
        difficulty=1,
        statement=STATEMENT,
        limits=Limits(time_limit_ms=2000),
    )
    cases = [
        TestCase(
            test_case_id=f"{'sample' if i == 0 else 'secret'}/{i + 1}",
            input=f"{i} {i + 1}\n",
            expected_output=f"{2 * i + 1}\n",
            is_sample=i == 0,
        )
        for i in range(tests)
    ]
    return problem, cases


def echo_problem() -> tuple[Problem, list[TestCase]]:
    problem = Problem(
        platform="codeforces",
        problem_number="4A",
        title="Watermelon",
        tags=["brute force"],
        difficulty=2,
        statement="Can the melon be split into two even parts?",
    )
    return problem, [TestCase(test_case_id="sample/1", input="8\n", expected_output="YES\n", is_sample=True)]


def history(
    hid: int,
    verdict: str,
    language: str = "python3",
    code: str = A_PLUS_B,
    *,
    problem: tuple[str, str, str] = ("baekjoon", "1000", "A+B"),
    user: str = "tester",
    created_at: int = FIXED_TIME,
    hints: list[str] | None = None,
) -> SearchHistory:
    platform, number, title = problem
    passed = verdict == "AC"
    results = [
        TestResult(
            test_case_id="sample/1",
            output="1\n" if passed else "0\n",
            passed=passed,
            verdict=verdict,
            time_ms=3,
            memory_kb=8800,
            message="" if passed else "line 1, column 1: expected '1', got '0'",
        )
    ]
    return SearchHistory(
        id=hid,
        user_identifier=user,
        problem_id=f"{platform}#{number}",
        platform=platform,
        problem_number=number,
        problem_title=title,
        language=language,
        code=code,
        result_summary="Passed" if passed else "Failed",
        passed_count=int(passed),
        failed_count=int(not passed),
        total_count=1,
        test_results=results,
        verdict=verdict,
        hints=hints,
        created_at=created_at,
    )


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ALGOITNY_USER", "tester")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return load_settings()


@pytest.fixture
def repos(settings: Settings) -> Iterator[Repositories]:
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())
    yield repos
    repos.close()


def screen_text(app: Any) -> str:
    """What the terminal shows of the current screen, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(
    pilot: Pilot[Any], predicate: Callable[[], bool], what: str, timeout: float = 45.0
) -> None:
    """Wait for something the worker process does (the app polls the store on a timer)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(0.05)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a user: one key per character."""
    names = {
        " ": "space",
        "\n": "enter",
        "(": "left_parenthesis",
        ")": "right_parenthesis",
        ",": "comma",
        ".": "full_stop",
        "+": "plus",
        "#": "number_sign",
        "'": "apostrophe",
        '"': "quotation_mark",
        ":": "colon",
        "/": "slash",
        "_": "underscore",
        "-": "minus",
        "=": "equals_sign",
        "*": "asterisk",
    }
    await pilot.press(*[names.get(ch, ch) for ch in text])


@pytest.fixture
def worker_process(settings: Settings, tmp_path: Path) -> Iterator[ConsumerProcess]:
    """A real `algoitny worker` of the test's own (for tests where the app must not own the worker)."""
    worker = ConsumerProcess(dict(os.environ), tmp_path / "worker.log")
    worker.wait_alive(settings)
    yield worker
    worker.stop()
