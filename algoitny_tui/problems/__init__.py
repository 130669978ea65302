"""Problem importers: Kattis problem packages, plain test folders, competitive-companion JSON, saved pages.

Every importer returns ``(Problem, [TestCase, ...])`` with tests in run order, and raises ProblemFormatError
naming the file at fault. Nothing here compiles or runs code: the judge does that.
"""

from .companion import load_competitive_companion
from .errors import ProblemFormatError
from .kattis import list_submissions
from .loader import load_any, load_problem_dir, load_saved_page

__all__ = [
    "ProblemFormatError",
    "list_submissions",
    "load_any",
    "load_competitive_companion",
    "load_problem_dir",
    "load_saved_page",
]
