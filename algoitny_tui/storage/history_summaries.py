"""History summaries: the few fields of a history that lists, filters, the solved/tried status and the stats read.

They come from the stored items without decoding whole models (code, test results): with 100,000 histories,
decoding every item took about 8 s. `SearchHistoryRepository` offers them; the field names live here, in storage.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from algoitny_tui.models import is_accepted, overall_verdict
from algoitny_tui.storage.table import INDEXES, Table, get_path, read_fields

SUMMARY_PATHS = ("PK", "crt", "dat.pid", "dat.ptt", "dat.lng", "dat.vrd", "dat.res", "dat.psc", "dat.toc")
PAGE = 500


@dataclass(frozen=True)
class HistoryRow:
    id: int
    problem_id: str
    title: str
    language: str
    verdict: str
    """The overall verdict (`models.overall_verdict`: older histories have only Passed/Failed)."""
    passed: int
    total: int
    created_at: int

    @property
    def accepted(self) -> bool:
        return is_accepted(self.verdict)

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.created_at)) if self.created_at else ""

    @classmethod
    def from_fields(cls, values: Sequence[Any]) -> HistoryRow:
        """A row from the values at SUMMARY_PATHS, in that order."""
        pk, created, pid, title, language, verdict, summary, passed, total = values
        return cls(
            id=history_id_of(pk),
            problem_id=str(pid or ""),
            title=str(title or ""),
            language=str(language or ""),
            verdict=overall_verdict(str(verdict or ""), str(summary or "")),
            passed=int(passed or 0),
            total=int(total or 0),
            created_at=int(created or 0),
        )

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> HistoryRow:
        return cls.from_fields([get_path(item, path) for path in SUMMARY_PATHS])


def history_id_of(pk: Any) -> int:
    return int(str(pk or "HIST#0")[5:] or 0)


@dataclass(frozen=True)
class HistoryFilter:
    problem: str = ""
    verdict: str | None = None
    language: str | None = None

    def matches(self, row: HistoryRow) -> bool:
        if self.verdict and row.verdict != self.verdict:
            return False
        if self.language and row.language != self.language:
            return False
        if self.problem:
            needle = self.problem.casefold()
            return needle in row.problem_id.casefold() or needle in row.title.casefold()
        return True


@dataclass(frozen=True)
class HistoryPage:
    rows: list[HistoryRow]
    cursor: Mapping[str, Any] | None
    """Where the next page starts; None when every history has been read."""


def summaries(table: Table, user: str) -> list[HistoryRow]:
    """Every history of a user, newest first (one pass of the table's field reader)."""
    return [
        HistoryRow.from_fields(values)
        for values in read_fields(
            table, f"USER#{user}", "HIST#", SUMMARY_PATHS, index="gsi1", descending=True
        )
    ]


def _cursor_of(item: Mapping[str, Any]) -> dict[str, Any]:
    """Where a gsi1 query resumes after `item` (the table keys and the index keys, as a store's cursor has them)."""
    pcol, scol = INDEXES["gsi1"]
    return {"PK": item["PK"], "SK": item["SK"], pcol: item.get(pcol), scol: item.get(scol)}


def summary_page(
    table: Table,
    user: str,
    flt: HistoryFilter,
    cursor: Mapping[str, Any] | None = None,
    *,
    limit: int = 100,
    max_scan: int = 2000,
) -> HistoryPage:
    """Up to `limit` matching histories, newest first, from `cursor` on: a page of the store's newest-first list
    (a query with a cursor: the first page costs the same with 100 or 100,000 histories). A filter that matches
    few reads at most `max_scan` items per call and returns what it found with the cursor to go on from."""
    rows: list[HistoryRow] = []
    scanned = 0
    at = cursor
    unfiltered = flt == HistoryFilter()
    while True:
        size = max(1, min(limit - len(rows) if unfiltered else PAGE, max_scan - scanned))
        page = table.query(f"USER#{user}", "HIST#", index="gsi1", descending=True, limit=size, start_after=at)
        for n, item in enumerate(page.items, start=1):
            scanned += 1
            row = HistoryRow.from_item(item)
            if flt.matches(row):
                rows.append(row)
            if len(rows) == limit or scanned >= max_scan:
                more = page.cursor is not None or n < len(page.items)
                return HistoryPage(rows, _cursor_of(item) if more else None)
        if page.cursor is None:
            return HistoryPage(rows, None)
        at = page.cursor
