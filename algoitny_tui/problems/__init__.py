"""Problem importers: Kattis problem packages, plain test folders, competitive-companion JSON, saved pages.

Every importer returns ``(Problem, [TestCase, ...])`` with tests in run order, and raises ProblemFormatError
naming the file at fault. Nothing here compiles or runs code: the judge does that.

Names load with the module that defines them, on first use: every command that opens the store checks the
built-in pack's version (problems/builtin), and need not load the importers for that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from algoitny_tui.lazy_names import lazy_names

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


__getattr__ = lazy_names(__name__, _MODULE_OF, globals())


__all__ = [
    "ProblemFormatError",
    "list_submissions",
    "load_any",
    "load_competitive_companion",
    "load_problem_dir",
    "load_saved_page",
]
