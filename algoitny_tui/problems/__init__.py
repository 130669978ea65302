"""Problem importers: Kattis problem packages, plain test folders, competitive-companion JSON, saved pages.

Every importer returns ``(Problem, [TestCase, ...])`` with tests in run order, and raises ProblemFormatError
naming the file at fault. Nothing here compiles or runs code: the judge does that.

Names load with the module that defines them, on first use: every command that opens the store checks the
built-in pack's version (problems/builtin), and need not load the importers for that.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .companion import load_competitive_companion
    from .errors import ProblemFormatError
    from .kattis import list_submissions
    from .loader import load_any, load_problem_dir, load_saved_page

_MODULE_OF = {
    "load_competitive_companion": "companion",
    "ProblemFormatError": "errors",
    "list_submissions": "kattis",
    "load_any": "loader",
    "load_problem_dir": "loader",
    "load_saved_page": "loader",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ProblemFormatError",
    "list_submissions",
    "load_any",
    "load_competitive_companion",
    "load_problem_dir",
    "load_saved_page",
]
