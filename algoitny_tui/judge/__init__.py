"""The judge library: compile once, run tests in a sandbox, check outputs, report verdicts.

No UI, queue or store in here: callers (the worker, `algoitny judge`) pass a Problem and its TestCases.
"""

from algoitny_tui.judge.languages import (
    BUILTIN_LANGUAGES,
    LanguageSpec,
    ToolchainMissing,
    UnknownLanguage,
    detect_language,
    get_language,
)
from algoitny_tui.judge.report import CompileReport, JudgeReport, TestReport
from algoitny_tui.judge.run_once import ProgramRun, ProgramRunner, run_program
from algoitny_tui.judge.runner import checker_error, judge
from algoitny_tui.judge.sandbox import SandboxInfo, SandboxRefused, SandboxUnavailable

__all__ = [
    "BUILTIN_LANGUAGES",
    "CompileReport",
    "JudgeReport",
    "LanguageSpec",
    "ProgramRun",
    "ProgramRunner",
    "SandboxInfo",
    "SandboxRefused",
    "SandboxUnavailable",
    "TestReport",
    "ToolchainMissing",
    "UnknownLanguage",
    "checker_error",
    "detect_language",
    "get_language",
    "judge",
    "run_program",
]
