"""The judge library: compile once, run tests in a sandbox, check outputs, report verdicts.

No UI, queue or store in here: callers (the worker, `algoitny judge`) pass a Problem and its TestCases.

Names load with the module that defines them, on first use: `algoitny submit` asks only which language a file
is in, and need not load the runner, the sandbox and the checkers for that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from algoitny_tui.lazy_names import lazy_names

if TYPE_CHECKING:
    from algoitny_tui.judge.compile_cache import CompileReport
    from algoitny_tui.judge.languages import (
        BUILTIN_LANGUAGES,
        LanguageSpec,
        ToolchainMissing,
        UnknownLanguage,
        detect_language,
        get_language,
    )
    from algoitny_tui.judge.report import JudgeReport, TestReport
    from algoitny_tui.judge.run_once import ProgramRun, ProgramRunner, run_program
    from algoitny_tui.judge.runner import checker_error, judge
    from algoitny_tui.judge.sandbox import SandboxInfo, SandboxRefused, SandboxUnavailable

_MODULE_OF = {
    "BUILTIN_LANGUAGES": "languages",
    "LanguageSpec": "languages",
    "ToolchainMissing": "languages",
    "UnknownLanguage": "languages",
    "detect_language": "languages",
    "get_language": "languages",
    "CompileReport": "compile_cache",
    "JudgeReport": "report",
    "TestReport": "report",
    "ProgramRun": "run_once",
    "ProgramRunner": "run_once",
    "run_program": "run_once",
    "checker_error": "runner",
    "judge": "runner",
    "SandboxInfo": "sandbox",
    "SandboxRefused": "sandbox",
    "SandboxUnavailable": "sandbox",
}


__getattr__ = lazy_names(__name__, _MODULE_OF, globals())


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
