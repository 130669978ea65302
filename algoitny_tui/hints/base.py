"""The request a hint engine reads, and what it answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from algoitny_tui.domain import Problem

MAX_LEVEL = 3
"""Level 1 names the kind of mistake, level 2 shows the evidence, level 3 says what to change."""


@dataclass
class HintRequest:
    """Everything known about one failed submission. Test results use the long names of the seed."""

    problem: Problem | None
    language: str
    code: str
    verdict: str
    """Overall verdict: AC WA TLE MLE RE OLE CE JE."""
    failed_tests: list[dict[str, Any]]
    """{"test_case_id", "output", "passed", "error", "status" (the seed's execution status), "verdict"} plus, when
    known, "message", "time_ms", "memory_kb", "input", "expected_output"."""
    compile_message: str = ""
    reference_solution: str | None = None
    """Decoded source of an accepted solution: evidence only, never shown."""
    previous_hints: Sequence[str] = ()
    """Hints already given: the next ones go one level deeper."""

    @property
    def next_level(self) -> int:
        return len(self.previous_hints) + 1


@dataclass
class HintResult:
    hints: list[str]
    """The new hints, one per level asked."""
    engine: str
    """"offline" or "gemini"."""
    note: str = ""
    """Empty, or one line on why the hints come from another engine than the one configured:
    "Gemini: model not found (gemini_model = x); offline hint shown"."""


class HintEngine(Protocol):
    def hints(self, request: HintRequest, levels: int) -> list[str]: ...
