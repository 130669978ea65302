"""Helpers of the hostile-input suite: the real `algoitny` command in a child process (optionally under a memory
limit, so a test can never eat the machine), and what the store holds before and after."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHILD_MEMORY_LIMIT = 2 * 1024**3
"""Address space of an `algoitny` child in these tests: a real import needs a few hundred MB."""


def _limit_memory(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def algoitny(
    *args: str,
    memory_limit: int | None = CHILD_MEMORY_LIMIT,
    timeout: float = 120,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`algoitny ARGS...` as a user runs it, with this test's ALGOITNY_HOME."""
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(extra_env or {})},
        timeout=timeout,
        preexec_fn=_limit_memory(memory_limit) if memory_limit else None,
    )


def stored_problems() -> list[dict[str, Any]]:
    """`algoitny problems list --json`: what a user sees stored."""
    result = algoitny("problems", "list", "--json")
    assert result.returncode == 0, result.stderr
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


def assert_refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 2, one line on stderr holding every fragment, no traceback, nothing on stdout."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("algoitny: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def one_stored_problem(tmp_path: Path) -> list[dict[str, Any]]:
    """A good package already imported: every refused import below must leave it exactly as it was."""
    good = tmp_path / "good"
    (good / "data" / "sample").mkdir(parents=True)
    (good / "problem.yaml").write_text("name: Good\n")
    (good / "data" / "sample" / "1.in").write_text("1 2\n")
    (good / "data" / "sample" / "1.ans").write_text("3\n")
    result = algoitny("import", str(good))
    assert result.returncode == 0, result.stderr
    before = stored_problems()
    assert [p["id"] for p in before] == ["local#good"]
    return before
