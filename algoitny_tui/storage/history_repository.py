"""SearchHistoryRepository: the seed's operations on submission histories, over any Table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from algoitny_tui.codec import DecodeError, expand_texts, history_key, history_to_item, item_to_history
from algoitny_tui.models import SearchHistory, TestResult, is_accepted
from algoitny_tui.storage.chunks import is_chunked, join_items, split_item
from algoitny_tui.storage.compression import compress_to_fit
from algoitny_tui.storage.history_summaries import (
    HistoryFilter,
    HistoryPage,
    HistoryRow,
    history_id_of,
    summaries,
    summary_page,
)
from algoitny_tui.storage.ids import MicrosecondIds, history_ids, now_seconds
from algoitny_tui.storage.item_size import ITEM_BUDGET, item_size
from algoitny_tui.storage.table import (
    ConditionFailed,
    Item,
    Table,
    Update,
    item_absent,
    item_exists,
    read_fields,
)

MAX_ID_ATTEMPTS = 1000
OUTPUT_CAP_CHARS = 64 * 1024
"""Program output kept per test in a history; the full output is the judge's, the history keeps what a user reads."""
TRUNCATION_NOTE = "output cut to {kept} of {total} characters to fit the store"


def fit_outputs(history: SearchHistory, budget: int = ITEM_BUDGET) -> SearchHistory:
    """Cut the test outputs (never the code) until the item fits, compressed if it must be; each cut output says so."""
    cap = OUTPUT_CAP_CHARS
    while True:
        results = [_cut(r, cap) for r in history.test_results]
        fitted = history.model_copy(update={"test_results": results})
        fitted.unknown_fields = history.unknown_fields
        main = history_to_item(fitted)
        main["dat"].pop("cod", None)  # the code may go to chunks; the rest must fit in the main item
        if item_size(compress_to_fit(main, budget)) <= budget or cap <= 64:
            return fitted
        cap //= 4


def _cut(result: TestResult, cap: int) -> TestResult:
    if len(result.output) <= cap:
        return result
    note = TRUNCATION_NOTE.format(kept=cap, total=len(result.output))
    message = f"{result.message} ({note})" if result.message else note
    return result.model_copy(
        update={"output": result.output[:cap], "output_truncated": True, "message": message}
    )


class HistoryNotFound(LookupError):
    def __init__(self, history_id: int) -> None:
        super().__init__(f"history {history_id} not found")
        self.history_id = history_id


class SearchHistoryRepository:
    def __init__(self, table: Table, ids: MicrosecondIds = history_ids) -> None:
        self.table = table
        self.ids = ids

    def create_history(self, history: SearchHistory) -> SearchHistory:
        """Store a new history under a fresh, unique id (the given id is only a first candidate)."""
        candidate = history.id or self.ids.next()
        for _ in range(MAX_ID_ATTEMPTS):
            try:
                # The conditional put claims the id; another writer with the same microsecond moves on.
                return self.create_history_with_id(history.model_copy(update={"id": candidate}))
            except ConditionFailed:
                candidate = self.ids.after(candidate)
        raise RuntimeError(f"no free history id after {MAX_ID_ATTEMPTS} attempts")

    def create_history_with_id(self, history: SearchHistory) -> SearchHistory:
        """Store a history under exactly its id; ConditionFailed when that id is taken."""
        now = now_seconds()
        stored = fit_outputs(history).model_copy(
            update={"created_at": history.created_at or now, "updated_at": now}
        )
        main, *chunks = split_item(history_to_item(stored))
        self.table.put(main, conditions=[item_absent()])
        if chunks:
            self.table.batch_write(chunks)
        return stored

    def get_history_item(self, history_id: int) -> Item | None:
        """The stored item as it is stored (short names, compressed fields as bytes), chunks joined."""
        pk, sk = history_key(history_id)
        item = self.table.get(pk, sk)
        if item is not None and is_chunked(item):
            item = join_items(self.table.query_all(pk))[0]
        return item

    def get_history(self, history_id: int) -> Item | None:
        """The seed's call: the item (`PK`, `SK`, `tp`, `dat`, `crt`, `upd`) with every text in `dat` a string, as
        the seed's tasks read it (`history['dat']['cod']`); None when there is no such history."""
        item = self.get_history_item(history_id)
        if item is None:
            return None
        try:
            return {**item, "dat": expand_texts(item.get("dat") or {})}
        except ValueError as exc:
            raise DecodeError(item, str(exc)) from None

    def load_history(self, history_id: int) -> SearchHistory | None:
        """The history as a model (what the app uses); None when there is no such history."""
        item = self.get_history_item(history_id)
        return item_to_history(item) if item else None

    def update_hints(
        self, history_id: int, hints: list[str], engines: list[str] | None = None, note: str = ""
    ) -> SearchHistory:
        """Set the hints (with the engine of each and the note on the last), and nothing else, of an existing
        history (a targeted update). The seed calls it as `update_hints(history_id=..., hints=...)`."""
        pk, sk = history_key(history_id)
        values: dict[str, Any] = {"dat.hnt": list(hints), "upd": now_seconds()}
        if engines is not None:
            values.update({"dat.hne": list(engines), "dat.hnn": note})
        try:
            item = self.table.update(pk, sk, Update(set=values), conditions=[item_exists()])
        except ConditionFailed:
            raise HistoryNotFound(history_id) from None
        if is_chunked(item):
            item = join_items(self.table.query_all(pk))[0]
        return item_to_history(item)

    def list_user_histories(
        self, user_identifier: str, *, limit: int = 50, cursor: Mapping[str, Any] | None = None
    ) -> tuple[list[SearchHistory], dict[str, Any] | None]:
        """A user's histories, newest first, a page at a time."""
        page = self.table.query(
            f"USER#{user_identifier}", "HIST#", index="gsi1", descending=True, limit=limit, start_after=cursor
        )
        histories = []
        for item in page.items:
            if is_chunked(item):
                item = join_items(self.table.query_all(item["PK"]))[0]
            histories.append(item_to_history(item))
        return histories, page.cursor

    def iter_user_histories(self, user_identifier: str, *, page_size: int = 500) -> list[SearchHistory]:
        """Every history of a user, newest first."""
        result: list[SearchHistory] = []
        cursor: dict[str, Any] | None = None
        while True:
            page, cursor = self.list_user_histories(user_identifier, limit=page_size, cursor=cursor)
            result.extend(page)
            if cursor is None:
                return result

    # --- summaries: a few fields of many histories, no models decoded ---------------------------------------------

    def summaries(self, user_identifier: str) -> list[HistoryRow]:
        """Every history of a user as a summary row, newest first."""
        return summaries(self.table, user_identifier)

    def summary_page(
        self,
        user_identifier: str,
        flt: HistoryFilter,
        cursor: Mapping[str, Any] | None = None,
        *,
        limit: int = 100,
        max_scan: int = 2000,
    ) -> HistoryPage:
        """One page of a user's matching histories, newest first (see `history_summaries.summary_page`)."""
        return summary_page(self.table, user_identifier, flt, cursor, limit=limit, max_scan=max_scan)

    def latest_for_problem(self, user_identifier: str, problem_id: str) -> SearchHistory | None:
        """The user's newest history of this problem (None when there is none), read newest first a page at a time:
        the app opens a problem on its last submission."""
        flt = HistoryFilter(problem=problem_id)
        cursor: Mapping[str, Any] | None = None
        while True:
            page = self.summary_page(user_identifier, flt, cursor, limit=20)
            # the filter matches ids that contain this one (`#10` in `#100`): the exact id decides
            row = next((r for r in page.rows if r.problem_id == problem_id), None)
            if row is not None:
                return self.load_history(row.id)
            if page.cursor is None:
                return None
            cursor = page.cursor

    def solved_status(self, user_identifier: str, newer_than: int = 0) -> tuple[dict[str, bool], int]:
        """Problem id -> whether accepted, over the user's histories with an id above `newer_than`; and the newest
        history id seen (at least `newer_than`)."""
        solved: dict[str, bool] = {}
        newest = newer_than
        fields = ("PK", "dat.pid", "dat.vrd", "dat.res")  # fewer than a summary: this runs at every start
        for pk, pid, verdict, summary in read_fields(
            self.table, f"USER#{user_identifier}", "HIST#", fields, index="gsi1"
        ):
            history_id = history_id_of(pk)
            if history_id <= newer_than or not pid:
                continue
            newest = max(newest, history_id)
            solved[str(pid)] = solved.get(str(pid), False) or is_accepted(
                str(verdict or ""), str(summary or "")
            )
        return solved, newest

    def newest_created_at(self, user_identifier: str) -> int:
        """When the user's newest history was stored (0 with none): one item read."""
        page = self.table.query(f"USER#{user_identifier}", "HIST#", index="gsi1", descending=True, limit=1)
        return int(page.items[0].get("crt", 0) or 0) if page.items else 0
