"""The problem index cache: a small JSON file the app reads at start-up instead of decoding every problem item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.storage.factory import Repositories

CACHE_FILE = "problem-index.json"


def index_path(cache_dir: Path) -> Path:
    return cache_dir / CACHE_FILE


def problem_index(repos: Repositories) -> list[dict[str, Any]]:
    return [
        {"id": p.problem_id, "platform": p.platform, "number": p.problem_number, "title": p.title, "tags": p.tags,
         "difficulty": p.difficulty, "tests": p.test_case_count}
        for p in repos.problems.iter_problems()
    ]


def write_problem_index(repos: Repositories, cache_dir: Path) -> int:
    rows = problem_index(repos)
    # readers see the old or the new index, never half of one
    write_atomic(index_path(cache_dir), json.dumps({"problems": rows}, ensure_ascii=False))
    return len(rows)


def read_problem_index(cache_dir: Path) -> list[dict[str, Any]] | None:
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
