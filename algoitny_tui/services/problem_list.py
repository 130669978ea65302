"""The problem list's data, for the screens' thread workers: its rows (from the index cache for a fast first paint,
then from the store, which rewrites the cache) and each problem's solved/tried status from the user's histories.

Everything stored is read through the repositories; the status is kept in a cache file so later calls read only
histories newer than the ones it has seen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.services.problem_filter import SOLVED, TRIED, ProblemRow, rows_from_index

if TYPE_CHECKING:
    from algoitny_tui.storage.factory import Repositories

STATUS_CACHE = "app-status-{user}.json"


def cached_problem_rows(cache_dir: Path) -> list[ProblemRow] | None:
    """The problem list from the index cache (a fast first paint), or None without one."""
    from algoitny_tui.worker.problem_cache import read_problem_index

    entries = read_problem_index(cache_dir)
    return rows_from_index(entries) if entries is not None else None


def stored_problem_rows(repos: Repositories, cache_dir: Path) -> list[ProblemRow]:
    """The problem list from the store, and the index cache rewritten from it."""
    from algoitny_tui.worker.problem_cache import refresh_problem_index

    return rows_from_index(refresh_problem_index(repos, cache_dir))


def status_map(repos: Repositories, user: str, cache_dir: Path) -> dict[str, str]:
    """problem id -> solved | tried, from the user's histories; a cache file makes later calls read only what is
    newer than what it has seen."""
    path = cache_dir / STATUS_CACHE.format(user="".join(c if c.isalnum() else "_" for c in user))
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        status: dict[str, str] = dict(cached["status"])
        newest = int(cached["newest"])
    except (OSError, ValueError, KeyError, TypeError):
        status, newest = {}, 0
    solved_by_problem, top = repos.histories.solved_status(user, newer_than=newest)
    for pid, solved in solved_by_problem.items():
        if solved:
            status[pid] = SOLVED
        else:
            status.setdefault(pid, TRIED)
    if top != newest:
        write_atomic(path, json.dumps({"newest": top, "status": status}))
    return status
