"""Keep the compile cache bounded: what a user no longer runs is removed, least recently used first.

A statically linked C or C++ program is 1-2 MB and a precompiled `<bits/stdc++.h>` ~100 MB, so a cache that only
grows fills a disk over months of practice. An entry's mtime is its last use: `touch()` on every hit (compile_cache,
pch, the sandbox helper). At most once a day, when something new was stored, `prune_if_due` removes the entries unused for 30 days,
then the least recently used until the cache is under its budget. Never removed: an entry used in the last hour (a
judge may be about to run it; the sandbox helper is touched by every judge) and any name the cache does not make.
An entry is renamed away before it is deleted, so no reader ever finds half of one.
"""

from __future__ import annotations

import os
import re
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

PRUNE_EVERY_S = 24 * 3600
UNUSED_FOR_S = 30 * 24 * 3600
IN_USE_S = 3600
BUDGET_BYTES = 2 << 30
STAMP = ".pruned"
"""Its mtime: when the cache was last pruned."""
PRECOMPILED = "pch"
"""Precompiled headers: one entry per directory below it (pch.py)."""

# What the cache makes (compile_cache, sandbox, pch): anything else in the directory is left alone.
_ENTRY = re.compile(r"[0-9a-f]{40}|ce-[0-9a-f]{40}\.json|sandbox-[0-9a-f]{16}")
_PRECOMPILED_ENTRY = re.compile(r"[0-9a-f]{20}")
# Temporary directories of a compile, a helper build or a static-link probe: left behind only by a killed process.
_LEFTOVER = re.compile(r"(tmp|sandbox-tmp|static-probe)-.+")


@dataclass(frozen=True)
class _Entry:
    path: Path
    last_used: float
    size: int
    leftover: bool


def touch(path: Path) -> None:
    """Mark a cache entry as used now (a read-only or vanished entry is simply not marked)."""
    with suppress(OSError):
        os.utime(path)


def prune_if_due(cache_dir: Path, *, budget: int = BUDGET_BYTES) -> list[Path]:
    """Prune `cache_dir` unless that was done in the last day; what was removed."""
    stamp = cache_dir / STAMP
    now = time.time()
    try:
        if now - stamp.stat().st_mtime < PRUNE_EVERY_S:
            return []
    except FileNotFoundError:
        pass
    try:
        stamp.touch()  # first: a second judge finishing now does not prune the same cache again
    except OSError:
        return []  # a cache this user cannot write is not this user's to prune
    return prune(cache_dir, budget=budget, now=now)


def prune(cache_dir: Path, *, budget: int = BUDGET_BYTES, now: float) -> list[Path]:
    """Remove leftovers and entries unused for UNUSED_FOR_S, then the least recently used while the cache is over
    `budget` bytes; never an entry used within IN_USE_S of `now`."""
    entries = sorted(_entries(cache_dir), key=lambda e: e.last_used)
    total = sum(e.size for e in entries)
    removed: list[Path] = []
    for entry in entries:
        idle = now - entry.last_used
        stale = idle > (PRUNE_EVERY_S if entry.leftover else UNUSED_FOR_S)
        if (stale or (total > budget and idle > IN_USE_S)) and remove_entry(cache_dir, entry.path):
            total -= entry.size
            removed.append(entry.path)
    return removed


def _entries(cache_dir: Path) -> list[_Entry]:
    found: list[_Entry] = []
    top = _listed(cache_dir)
    candidates = [(p, False) for p in top if _ENTRY.fullmatch(p.name)]
    candidates += [(p, True) for p in top if _LEFTOVER.fullmatch(p.name)]
    candidates += [
        (p, False) for p in _listed(cache_dir / PRECOMPILED) if _PRECOMPILED_ENTRY.fullmatch(p.name)
    ]
    for path, leftover in candidates:
        try:
            last_used = path.lstat().st_mtime
        except OSError:
            continue  # removed meanwhile
        found.append(_Entry(path, last_used, _size(path), leftover))
    return found


def _listed(directory: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(directory)]
    except OSError:
        return []


def _size(path: Path) -> int:
    """Bytes on disk under `path` (links not followed)."""
    total = 0
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            with suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
    with suppress(OSError):
        total += os.lstat(path).st_blocks * 512
    return total


def remove_entry(cache_dir: Path, path: Path) -> bool:
    """Rename `path` out of every reader's way, then delete it; False when it was gone already."""
    from algoitny_tui.judge.sandbox import remove_tree  # here: the sandbox module uses touch()

    doomed = cache_dir / f"tmp-prune-{os.urandom(6).hex()}"
    try:
        path.rename(doomed)
    except OSError:
        return False
    if doomed.is_dir() and not doomed.is_symlink():
        remove_tree(doomed)
    else:
        doomed.unlink(missing_ok=True)
    return True
