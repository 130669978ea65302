"""Storing a problem the browser sent: it may update the problem the browser sent before from the same page, and
never replaces one from another source (the built-in pack, a package, a folder of tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..domain import Problem, TestCase
from ..storage.factory import Repositories
from .companion import RESERVED_PLATFORMS, own_platform
from .errors import ProblemFormatError


def _same_source(stored: Problem, problem: Problem) -> bool:
    """The stored problem came from the same page: a browser (or saved-page) problem with the same URL."""
    return (
        stored.pack_version is None
        and stored.platform not in RESERVED_PLATFORMS
        and bool(problem.source_url)
        and stored.source_url == problem.source_url
    )


def store_browser_problem(repos: Repositories, problem: Problem, tests: Sequence[TestCase]) -> Problem:
    """Store the problem under its own id, or under ``cc-<platform>`` when that id is taken by another source."""
    for platform in (problem.platform, own_platform(problem.platform)):
        candidate = replace(problem, platform=platform)
        stored = repos.problems.get_problem(platform, problem.problem_number)
        if stored is None or _same_source(stored, candidate):
            return repos.problems.put_problem(candidate, list(tests))
    raise ProblemFormatError(
        f"{problem.problem_id} and {own_platform(problem.platform)}#{problem.problem_number} "
        "are both stored from other sources; nothing replaced"
    )
