"""What the judge hands back: per test, compile, and overall."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from algoitny_tui.domain import Verdict
from algoitny_tui.judge.compile_cache import CompileReport
from algoitny_tui.judge.sandbox import SandboxInfo
from algoitny_tui.judge.scoring import Score
from algoitny_tui.mismatch import Mismatch

OUTPUT_KEEP = 64 * 1024
"""Bytes of a test's output kept in its report (the judge keeps memory flat over many tests)."""


@dataclass
class TestReport:
    __test__ = False  # not a pytest test class

    name: str
    verdict: Verdict
    time_ms: int = 0
    memory_kb: int = 0
    message: str = ""
    output: bytes = b""
    """The program's stdout, capped at OUTPUT_KEEP bytes."""
    stderr: str = ""
    """The program's stderr, capped (64 KB)."""
    output_truncated: bool = False
    score: float | None = None
    """Scoring problems: the validator's score.txt for this test."""
    score_multiplier: float | None = None
    """Scoring problems: the validator's score_multiplier.txt for this test."""
    passes: int = 1
    """Multi-pass problems: how many times the program ran on this test."""
    mismatch: Mismatch | None = None
    """A wrong answer a built-in check found: where it differs (`message` says it in words)."""

    def to_json(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "verdict": str(self.verdict),
            "time_ms": self.time_ms,
            "memory_kb": self.memory_kb,
            "message": self.message,
        }
        if self.mismatch is not None:
            out["mismatch"] = asdict(self.mismatch)
        return out


@dataclass
class JudgeReport:
    verdict: Verdict
    tests: list[TestReport] = field(default_factory=list)
    compile: CompileReport = field(default_factory=lambda: CompileReport(ok=True))
    sandbox: SandboxInfo | None = None
    """Which sandbox ran the programs."""
    score: Score | None = None
    """Scoring problems: the submission's score, by group."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": str(self.verdict),
            "tests": [t.to_json() for t in self.tests],
            "compile": self.compile.to_json(),
        }
        if self.score is not None:
            out["score"] = self.score.to_json()
        if self.sandbox is not None:
            out["sandbox"] = self.sandbox.to_json()
        return out


def overall_verdict(tests: list[TestReport]) -> Verdict:
    """The verdict of the first test (in test order) that did not pass; AC when all did."""
    for t in tests:
        if t.verdict not in (Verdict.AC, Verdict.SKIPPED):
            return t.verdict
    return Verdict.AC
