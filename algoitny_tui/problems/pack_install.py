"""The built-in pack in the store: loaded on first start, idempotent on every later start, and updated in place,
problem by problem, when a newer app version ships changed tests. Histories are separate items: never touched."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from algoitny_tui.storage.factory import Repositories

if TYPE_CHECKING:
    from algoitny_tui.config import Settings

log = logging.getLogger(__name__)

PACK_NAME = "algoitny"


def install_pack_if_wanted(
    settings: Settings, repos: Repositories, *, on_problem: Callable[[str], None] | None = None
) -> None:
    """What every command does on opening the store: the built-in pack, unless `builtin_pack = false`."""
    if settings.builtin_pack:
        ensure_pack_installed(repos, on_problem=on_problem)


def ensure_pack_installed(repos: Repositories, *, on_problem: Callable[[str], None] | None = None) -> int:
    """Store every pack problem that is missing or changed; returns how many were written.

    Steady state costs one read: the marker item holds the version of the whole pack last installed.
    """
    from algoitny_tui.problems.builtin import (
        PLATFORM,
        content_hash,
        iter_pack_dirs,
        load_pack_problem,
        pack_version,
    )

    version = pack_version()
    if repos.problems.installed_pack_version(PACK_NAME) == version:
        return 0
    written = 0
    for path in iter_pack_dirs():
        problem_version = content_hash(path)
        number = path.name.split("-", 1)[0]
        stored = repos.problems.get_problem(PLATFORM, number)
        if stored is not None and stored.pack_version == problem_version:
            continue
        problem, tests = load_pack_problem(path)
        problem = replace(problem, pack_version=problem_version)
        repos.problems.put_problem(problem, tests)
        written += 1
        if on_problem:
            on_problem(problem.problem_id)
    repos.problems.mark_pack_installed(PACK_NAME, version)
    if written:
        log.info("built-in pack %s: %d problems written", version, written)
    return written
