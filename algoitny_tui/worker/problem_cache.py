"""The problem index cache: a small JSON file the app reads at start-up instead of reading every problem item.

The one writer of that file: the worker's warm_problem_cache_task and the app's problem list both call it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoitny_tui.atomic_write import write_atomic

if TYPE_CHECKING:  # the app's first frame reads the file without loading the storage layer
    from algoitny_tui.storage.factory import Repositories

CACHE_FILE = "problem-index.json"


def index_path(cache_dir: Path) -> Path:
    return cache_dir / CACHE_FILE


def refresh_problem_index(repos: Repositories, cache_dir: Path) -> list[dict[str, Any]]:
    """The index entries of every stored problem, written to the cache file; returned for a caller that shows them."""
    entries = repos.problems.index_entries()
    # readers see the old or the new index, never half of one
    write_atomic(index_path(cache_dir), json.dumps({"problems": entries}, ensure_ascii=False))
    return entries


def write_problem_index(repos: Repositories, cache_dir: Path) -> int:
    """Rewrite the cache file from the store; how many problems it lists."""
    return len(refresh_problem_index(repos, cache_dir))


def read_problem_index(cache_dir: Path) -> list[dict[str, Any]] | None:
    """The cached index entries, or None without a readable cache file."""
    try:
        data = json.loads(index_path(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rows = data.get("problems") if isinstance(data, dict) else None
    return rows if isinstance(rows, list) else None


def invalidate_problem_index(cache_dir: Path) -> bool:
    try:
        index_path(cache_dir).unlink()
        return True
    except FileNotFoundError:
        return False
