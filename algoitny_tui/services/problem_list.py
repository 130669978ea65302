"""Read-side helpers the screens call from thread workers: problem rows, solved/tried status, history rows and
stats. They read raw stored items (short names) where decoding whole models would be slow with 100,000 histories.

On the SQLite store, the two reads that touch every item (solved/tried status of 100,000 histories, the list of
10,000 problems) run as one SQL statement on a read-only connection of their own: SQLite extracts the few fields
needed from each item's JSON in C, with the GIL released, instead of Python decoding every item (about 80 us per
history item, 8 s for 100,000: the app's UI thread starved meanwhile). Any store that is not that SQLite file, or a
statement that fails, takes the generic path through the Table protocol.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoitny_tui.services.problem_filter import SOLVED, TRIED, ProblemRow, rows_from_index

if TYPE_CHECKING:
    from algoitny_tui.storage.factory import Repositories

PAGE = 500
STATUS_CACHE = "app-status-{user}.json"
PROBLEM_INDEX_FILE = "problem-index.json"
"""worker/problem_cache.py's CACHE_FILE (a test checks they agree): read here without importing the worker and
the storage layer, which the first frame does not need."""


# --- problems ---------------------------------------------------------------------------------------------------

def cached_problem_rows(cache_dir: Path) -> list[ProblemRow] | None:
    """The problem list from the index cache (a fast first paint), or None without one."""
    try:
        data = json.loads((cache_dir / PROBLEM_INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entries = data.get("problems") if isinstance(data, dict) else None
    return rows_from_index(entries) if isinstance(entries, list) else None


def stored_problem_rows(repos: Repositories, cache_dir: Path) -> list[ProblemRow]:
    """The problem list from the store (raw items: no model decoding), and the index cache rewritten from it."""
    entries = stored_problem_index(repos)
    write_index_cache(cache_dir, entries)
    return rows_from_index(entries)


def stored_problem_index(repos: Repositories) -> list[dict[str, Any]]:
    """Index entries (the cache file's shape) of every stored problem, in the store's order."""
    fast = _sqlite_problem_index(repos)
    if fast is not None:
        return fast
    entries = []
    for item in repos.table.query_all("PROBS", index="gsi1"):
        dat = item.get("dat", {})
        entries.append(_index_entry(dat.get("plt"), dat.get("pno"), dat.get("ttl"), dat.get("tgs"), dat.get("dif"),
                                    dat.get("tcc")))
    return entries


def _index_entry(platform: Any, number: Any, title: Any, tags: Any, difficulty: Any, tests: Any) -> dict[str, Any]:
    platform, number = str(platform or ""), str(number or "")
    return {"id": f"{platform}#{number}", "platform": platform, "number": number, "title": title or "",
            "tags": list(tags or []), "difficulty": difficulty, "tests": int(tests or 0)}


def write_index_cache(cache_dir: Path, entries: list[dict[str, Any]]) -> None:
    from algoitny_tui.worker.problem_cache import index_path

    path = index_path(cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.app.tmp")
    tmp.write_text(json.dumps({"problems": entries}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)  # the same file and shape the worker's warm_problem_cache_task writes


# --- the SQLite fast path -------------------------------------------------------------------------------------

def _sqlite_path(repos: Repositories) -> Path | None:
    from algoitny_tui.storage.sqlite_table import SQLiteTable

    table = repos.table
    return table.path if isinstance(table, SQLiteTable) and table.path.exists() else None


def _sqlite_rows(repos: Repositories, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]] | None:
    """Rows of one read-only statement on the SQLite store's file; None when the store is not SQLite or the
    statement fails (another schema): the caller takes the generic path."""
    path = _sqlite_path(repos)
    if path is None:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _gsi1() -> tuple[str, str]:
    from algoitny_tui.storage.table import INDEXES

    return INDEXES["gsi1"]


def _sqlite_problem_index(repos: Repositories) -> list[dict[str, Any]] | None:
    pcol, scol = _gsi1()
    fields = ", ".join(f"json_extract(body, '$.dat.{f}')" for f in ("plt", "pno", "ttl", "tgs", "dif", "tcc"))
    rows = _sqlite_rows(repos, f"SELECT {fields} FROM items WHERE {pcol} = 'PROBS' AND {scol} IS NOT NULL "
                               f"ORDER BY {scol}, pk, sk")
    if rows is None:
        return None
    return [_index_entry(p, n, t, json.loads(g) if g else [], d, c) for p, n, t, g, d, c in rows]


def _sqlite_status(repos: Repositories, user: str, after_id: int) -> tuple[dict[str, bool], int] | None:
    """problem id -> solved, over the user's histories newer than `after_id`; and the newest id seen."""
    pcol, scol = _gsi1()
    rows = _sqlite_rows(
        repos,
        f"SELECT json_extract(body, '$.dat.pid') AS pid, "
        f"max(coalesce(json_extract(body, '$.dat.vrd') = 'AC', 0) OR coalesce(json_extract(body, '$.dat.res') "
        f"= 'Passed', 0)), max(CAST(substr(pk, 6) AS INTEGER)) "
        f"FROM items WHERE {pcol} = ? AND {scol} >= 'HIST#' AND {scol} < 'HIST$' "
        f"AND CAST(substr(pk, 6) AS INTEGER) > ? GROUP BY pid",
        (f"USER#{user}", after_id))
    if rows is None:
        return None
    newest = max((int(r[2] or 0) for r in rows), default=after_id)
    return {str(pid): bool(solved) for pid, solved, _ in rows if pid}, max(newest, after_id)


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
    fast = _sqlite_status(repos, user, newest)
    if fast is not None:
        solved_by_problem, top = fast
        for pid, solved in solved_by_problem.items():
            if solved:
                status[pid] = SOLVED
            else:
                status.setdefault(pid, TRIED)
    else:
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


def _history_row(item: Mapping[str, Any]) -> HistoryRow:
    dat = item.get("dat", {})
    return HistoryRow(id=history_id_of(item), problem_id=str(dat.get("pid", "")), title=str(dat.get("ptt", "")),
                      language=str(dat.get("lng", "")), verdict=_verdict(dat), passed=int(dat.get("psc", 0) or 0),
                      total=int(dat.get("toc", 0) or 0), created_at=int(item.get("crt", 0) or 0))


def _cursor_of(item: Mapping[str, Any]) -> dict[str, Any]:
    """Where a gsi1 query resumes after `item` (the table keys and the index keys, as a store's cursor has them)."""
    pcol, scol = _gsi1()
    return {"PK": item["PK"], "SK": item["SK"], pcol: item.get(pcol), scol: item.get(scol)}


@dataclass(frozen=True)
class HistoryPage:
    rows: list[HistoryRow]
    cursor: Mapping[str, Any] | None
    """Where the next page starts; None when every history has been read."""


def history_page(repos: Repositories, user: str, flt: HistoryFilter, cursor: Mapping[str, Any] | None = None, *,
                 limit: int = 100, max_scan: int = 2000) -> HistoryPage:
    """Up to `limit` matching histories, newest first, from `cursor` on: a page of the store's newest-first list
    (a query with a cursor: the first page costs the same with 100 or 100,000 histories). A filter that matches
    few reads at most `max_scan` items per call and returns what it found with the cursor to go on from."""
    rows: list[HistoryRow] = []
    scanned = 0
    at = cursor
    unfiltered = flt == HistoryFilter()
    while True:
        size = max(1, min(limit - len(rows) if unfiltered else PAGE, max_scan - scanned))
        page = repos.table.query(f"USER#{user}", "HIST#", index="gsi1", descending=True, limit=size, start_after=at)
        for n, item in enumerate(page.items, start=1):
            scanned += 1
            if flt.matches(item.get("dat", {})):
                rows.append(_history_row(item))
            if len(rows) == limit or scanned >= max_scan:
                more = page.cursor is not None or n < len(page.items)
                return HistoryPage(rows, _cursor_of(item) if more else None)
        if page.cursor is None:
            return HistoryPage(rows, None)
        at = page.cursor


def history_rows(repos: Repositories, user: str, flt: HistoryFilter, limit: int = 500) -> tuple[list[HistoryRow], bool]:
    """Up to `limit` matching histories, newest first; True when there are more."""
    rows: list[HistoryRow] = []
    cursor: Mapping[str, Any] | None = None
    while len(rows) < limit:
        page = history_page(repos, user, flt, cursor, limit=limit - len(rows), max_scan=10 ** 9)
        rows += page.rows
        cursor = page.cursor
        if cursor is None:
            return rows, False
    return rows, True


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
    accepted_days: set[dt.date] = field(default_factory=set)
    """Local days with at least one accepted submission (the streaks count these)."""
    last_tried: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Problem id -> (time of its latest submission, title)."""
    solved_ids: set[str] = field(default_factory=set)

    def back_to_it(self, count: int = 5) -> list[tuple[str, str, int]]:
        """Problems tried and not solved, the most recently tried first: (id, title, time of the last try)."""
        unsolved = [(pid, title, at) for pid, (at, title) in self.last_tried.items() if pid not in self.solved_ids]
        return sorted(unsolved, key=lambda row: -row[2])[:count]

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
            if verdict == "AC":
                stats.accepted_days.add(dt.date.fromtimestamp(created))
        if pid and created >= stats.last_tried.get(pid, (-1, ""))[0]:
            stats.last_tried[pid] = (created, str(dat.get("ptt", "") or pid))
    stats.solved_ids = solved
    stats.solved = len(solved)
    stats.tried = len(tried - solved)
    return stats
