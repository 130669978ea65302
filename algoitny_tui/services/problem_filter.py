"""Problem rows and the in-memory filter of the problem list (title, number, tag; platform, difficulty, tag,
status). Plain functions, so they are tested without the UI and stay fast with 10,000 problems."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

SOLVED = "solved"
TRIED = "tried"
NEW = "new"


@dataclass(frozen=True)
class ProblemRow:
    id: str
    platform: str
    number: str
    title: str
    tags: tuple[str, ...] = ()
    difficulty: int | None = None
    tests: int = 0
    haystack: str = field(default="", compare=False, repr=False)

    @classmethod
    def from_index(cls, entry: Mapping[str, Any]) -> ProblemRow:
        tags = tuple(str(t) for t in entry.get("tags") or ())
        pid = str(entry.get("id") or f"{entry.get('platform')}#{entry.get('number')}")
        title = str(entry.get("title") or "")
        number = str(entry.get("number") or "")
        return cls(
            id=pid,
            platform=str(entry.get("platform") or ""),
            number=number,
            title=title,
            tags=tags,
            difficulty=entry.get("difficulty"),
            tests=int(entry.get("tests") or 0),
            haystack=" ".join([pid, title, number, *tags]).casefold(),
        )


def rows_from_index(entries: Iterable[Mapping[str, Any]]) -> list[ProblemRow]:
    return [ProblemRow.from_index(e) for e in entries]


@dataclass(frozen=True)
class ProblemFilter:
    text: str = ""
    platform: str | None = None
    difficulty: int | None = None
    tag: str | None = None
    status: str | None = None

    def matches(self, row: ProblemRow, status: Mapping[str, str]) -> bool:
        if self.platform and row.platform != self.platform:
            return False
        if self.difficulty is not None and row.difficulty != self.difficulty:
            return False
        if self.tag and self.tag not in row.tags:
            return False
        if self.status and status.get(row.id, NEW) != self.status:
            return False
        # Every word must appear somewhere: "dp 10" finds problem 1010 tagged dp.
        return all(word in row.haystack for word in self.text.casefold().split())


def apply_filter(rows: list[ProblemRow], flt: ProblemFilter, status: Mapping[str, str]) -> list[ProblemRow]:
    if flt == ProblemFilter():
        return rows
    return [r for r in rows if flt.matches(r, status)]


def facets(rows: Iterable[ProblemRow]) -> tuple[list[str], list[int], list[str]]:
    """Platforms, difficulties and tags present, sorted: the choices of the filter selects."""
    platforms: set[str] = set()
    difficulties: set[int] = set()
    tags: set[str] = set()
    for r in rows:
        platforms.add(r.platform)
        if r.difficulty is not None:
            difficulties.add(r.difficulty)
        tags.update(r.tags)
    return sorted(platforms), sorted(difficulties), sorted(tags)
