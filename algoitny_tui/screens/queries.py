"""Read-side helpers the screens call from thread workers: problem rows, solved/tried status, history rows and
stats. They read raw stored items (short names) where decoding whole models would be slow with 100,000 histories."""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.problem_filter import SOLVED, TRIED, ProblemRow, rows_from_index

PAGE = 500
STATUS_CACHE = "app-status-{user}.json"


# --- problems ---------------------------------------------------------------------------------------------------

def cached_problem_rows(cache_dir: Path) -> list[ProblemRow] | None:
    """The problem list from the index cache (a fast first paint), or None without one."""
    from algoitny_tui.worker.problem_cache import read_problem_index

    entries = read_problem_index(cache_dir)
    return rows_from_index(entries) if entries is not None else None


def stored_problem_rows(repos: Repositories, cache_dir: Path) -> list[ProblemRow]:
    """The problem list from the store (raw items: no model decoding), and the index cache rewritten from it."""
    from algoitny_tui.worker.problem_cache import index_path

    entries = []
    for item in repos.table.query_all("PROBS", index="gsi1"):
        dat = item.get("dat", {})
        platform, number = str(dat.get("plt", "")), str(dat.get("pno", ""))
        entries.append({"id": f"{platform}#{number}", "platform": platform, "number": number,
                        "title": dat.get("ttl", ""), "tags": list(dat.get("tgs") or []),
                        "difficulty": dat.get("dif"), "tests": int(dat.get("tcc", 0) or 0)})
    path = index_path(cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.app.tmp")
    tmp.write_text(json.dumps({"problems": entries}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # the same file and shape the worker's warm_problem_cache_task writes
    return rows_from_index(entries)


# --- histories, raw -------------------------------------------------------------------------------------------

def iter_history_items(repos: Repositories, user: str) -> Iterator[dict[str, Any]]:
    """A user's stored history items, newest first, as stored (no code decoded)."""
    cursor: Mapping[str, Any] | None = None
    while True:
        page = repos.table.query(f"USER#{user}", "HIST#", index="gsi1", descending=True, limit=PAGE,
                                 start_after=cursor)
        yield from page.items
        if page.cursor is None:
            return
        cursor = page.cursor


def history_id_of(item: Mapping[str, Any]) -> int:
    return int(str(item.get("PK", "HIST#0"))[5:] or 0)


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
    top = newest
    for item in iter_history_items(repos, user):
        hid = history_id_of(item)
        if hid <= newest:
            break
        top = max(top, hid)
        dat = item.get("dat", {})
        pid = dat.get("pid")
        if not pid:
            continue
        if dat.get("vrd") == "AC" or dat.get("res") == "Passed":
            status[pid] = SOLVED
        else:
            status.setdefault(pid, TRIED)
    if top != newest:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"newest": top, "status": status}), encoding="utf-8")
        os.replace(tmp, path)
    return status


@dataclass(frozen=True)
class HistoryRow:
    id: int
    problem_id: str
    title: str
    language: str
    verdict: str
    passed: int
    total: int
    created_at: int

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.created_at)) if self.created_at else ""


@dataclass(frozen=True)
class HistoryFilter:
    problem: str = ""
    verdict: str | None = None
    language: str | None = None

    def matches(self, dat: Mapping[str, Any]) -> bool:
        if self.verdict and _verdict(dat) != self.verdict:
            return False
        if self.language and dat.get("lng") != self.language:
            return False
        if self.problem:
            needle = self.problem.casefold()
            return needle in str(dat.get("pid", "")).casefold() or needle in str(dat.get("ptt", "")).casefold()
        return True


def _verdict(dat: Mapping[str, Any]) -> str:
    return str(dat.get("vrd") or ("AC" if dat.get("res") == "Passed" else "WA" if dat.get("res") else ""))


def history_rows(repos: Repositories, user: str, flt: HistoryFilter, limit: int = 500) -> tuple[list[HistoryRow], bool]:
    """Up to `limit` matching histories, newest first; True when there are more."""
    rows: list[HistoryRow] = []
    for item in iter_history_items(repos, user):
        dat = item.get("dat", {})
        if not flt.matches(dat):
            continue
        if len(rows) == limit:
            return rows, True
        rows.append(HistoryRow(id=history_id_of(item), problem_id=str(dat.get("pid", "")),
                               title=str(dat.get("ptt", "")), language=str(dat.get("lng", "")),
                               verdict=_verdict(dat), passed=int(dat.get("psc", 0) or 0),
                               total=int(dat.get("toc", 0) or 0), created_at=int(item.get("crt", 0) or 0)))
    return rows, False


# --- stats ------------------------------------------------------------------------------------------------------

@dataclass
class Stats:
    attempts: int = 0
    accepted: int = 0
    solved: int = 0
    tried: int = 0
    by_language: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_tag: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    per_day: Counter[str] = field(default_factory=Counter)

    @property
    def acceptance(self) -> float:
        return self.accepted / self.attempts if self.attempts else 0.0


def compute_stats(repos: Repositories, user: str, tags_by_problem: Mapping[str, tuple[str, ...]]) -> Stats:
    stats = Stats()
    solved: set[str] = set()
    tried: set[str] = set()
    for item in iter_history_items(repos, user):
        dat = item.get("dat", {})
        verdict = _verdict(dat) or "?"
        pid = str(dat.get("pid", ""))
        stats.attempts += 1
        if verdict == "AC":
            stats.accepted += 1
            solved.add(pid)
        else:
            tried.add(pid)
        stats.by_language[str(dat.get("lng", "?"))][verdict] += 1
        for tag in tags_by_problem.get(pid, ()):
            stats.by_tag[tag][verdict] += 1
        created = int(item.get("crt", 0) or 0)
        if created:
            stats.per_day[time.strftime("%Y-%m-%d", time.localtime(created))] += 1
    stats.solved = len(solved)
    stats.tried = len(tried - solved)
    return stats
