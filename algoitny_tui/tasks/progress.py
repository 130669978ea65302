"""How a task reports its progress: the callback every task library takes, and the line each judged test adds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Progress = Callable[[str, str, float | None, dict[str, Any] | None], None]
"""(step, message, percent or None, detail or None): one line of the job's progress history."""


def per_test_progress(progress: Progress, total: int) -> Callable[[Any], None]:
    """The judge's `on_result` for a job: one "test" line per finished test, with its share of `total` done."""
    done = 0

    def on_result(test: Any) -> None:
        nonlocal done
        done += 1
        progress(
            "test",
            f"{test.name}: {test.verdict} {test.time_ms} ms {test.memory_kb} KB",
            100.0 * done / max(1, total),
            {
                "test": test.name,
                "verdict": str(test.verdict),
                "time_ms": test.time_ms,
                "memory_kb": test.memory_kb,
            },
        )

    return on_result
