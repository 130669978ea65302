"""ProblemRepository: problems and their test cases, one partition per problem, over any Table.

A problem's partition `PROB#<platform>#<number>` holds its `META` item and one `TC#<order>` item per test (plus
chunk items of tests too large for one item), so `get_problem_with_testcases` is one query.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from algoitny_tui.codec import (
    TYPE_LEGACY,
    TYPE_PACK,
    TYPE_PROBLEM,
    TYPE_TEST_CASE,
    check_platform,
    check_problem_number,
    item_to_problem,
    item_to_test_case,
    legacy_key,
    pack_key,
    problem_key,
    problem_pk,
    problem_to_item,
    test_case_sk,
    test_case_to_item,
)
from algoitny_tui.models import Problem, TestCase
from algoitny_tui.storage.chunks import chunk_keys, join_items, split_item
from algoitny_tui.storage.ids import now_seconds
from algoitny_tui.storage.table import ConditionFailed, Item, Table, Update, item_exists, read_fields


class ProblemNotFound(LookupError):
    def __init__(self, problem_id: str) -> None:
        super().__init__(f"problem {problem_id} not found")
        self.problem_id = problem_id


class ProblemRepository:
    def __init__(self, table: Table) -> None:
        self.table = table

    # --- reads -------------------------------------------------------------------------------------------------

    def get_problem(self, platform: str, problem_id: str) -> Problem | None:
        """The problem without its tests; `problem_id` is its number on the platform, as the seed names it."""
        item = self.table.get(*problem_key(platform, problem_id))
        return item_to_problem(item) if item else None

    def get_problem_with_testcases(self, platform: str, problem_id: str) -> tuple[Problem, list[TestCase]] | None:
        """The problem and all its test cases, in order, from one query of its partition.

        `problem_id` is the problem's number on its platform (`1000`): the seed calls it so,
        `get_problem_with_testcases(platform=..., problem_id=...)`.
        """
        items = join_items(self.table.query_all(problem_pk(platform, problem_id)))
        meta = next((i for i in items if i["SK"] == "META"), None)
        if meta is None:
            return None
        problem = item_to_problem(meta)
        cases = [item_to_test_case(i) for i in items if i.get("tp") == TYPE_TEST_CASE]
        # Tests past the count are left over from an interrupted replace: the META item is the truth.
        cases = sorted((c for c in cases if c.order < problem.test_case_count), key=lambda c: c.order)
        return problem, cases

    def list_problems(
        self, *, limit: int | None = None, cursor: Mapping[str, Any] | None = None
    ) -> tuple[list[Problem], dict[str, Any] | None]:
        page = self.table.query("PROBS", index="gsi1", limit=limit, start_after=cursor)
        return [item_to_problem(i) for i in page.items], page.cursor

    def iter_problems(self) -> Iterator[Problem]:
        for item in self.table.query_all("PROBS", index="gsi1"):
            yield item_to_problem(item)

    def index_entries(self) -> list[dict[str, Any]]:
        """Every problem, in the problem list's order, as the problem index cache holds it (`id platform number
        title tags difficulty tests`): a few fields of each item, no model decoded (10,000 problems at start-up)."""
        fields = ("dat.plt", "dat.pno", "dat.ttl", "dat.tgs", "dat.dif", "dat.tcc")
        entries = []
        for platform, number, title, tags, difficulty, tests in read_fields(self.table, "PROBS", "", fields,
                                                                           index="gsi1"):
            platform, number = str(platform or ""), str(number or "")
            entries.append({"id": f"{platform}#{number}", "platform": platform, "number": number,
                            "title": title or "", "tags": list(tags or []), "difficulty": difficulty,
                            "tests": int(tests or 0)})
        return entries

    def search_problems(self, text: str = "", *, platform: str | None = None, tag: str | None = None) -> list[Problem]:
        """Problems whose title, number or tags contain `text` (case-insensitive), optionally by platform and tag."""
        needle = text.casefold()
        found = []
        for problem in self.iter_problems():
            if platform and problem.platform != platform:
                continue
            if tag and tag not in problem.tags:
                continue
            haystack = " ".join([problem.title, problem.problem_number, problem.problem_id, *problem.tags]).casefold()
            if needle in haystack:
                found.append(problem)
        return found

    # --- writes ------------------------------------------------------------------------------------------------

    def put_problem(self, problem: Problem, test_cases: Sequence[TestCase] | None = None) -> Problem:
        """Create or replace a problem; with `test_cases`, replace its tests too.

        Tests are written before the META item that counts them, so a reader never sees a half-written set: an
        interrupted replace leaves the old META (and old count) in place.
        Raises ValueError for an unsafe platform or number: every importer checks them first, this is the last guard.
        """
        check_platform(problem.platform)
        check_problem_number(problem.problem_number)
        now = now_seconds()
        existing = self.table.get(*problem_key(problem.platform, problem.problem_number))
        created = int(existing.get("crt", 0)) if existing else 0
        updates: dict[str, Any] = {"created_at": problem.created_at or created or now, "updated_at": now}
        if existing is not None and problem.execution_count == 0:
            # The execution count belongs to the store: a re-import does not reset it.
            updates["execution_count"] = int(existing.get("dat", {}).get("exc", 0) or 0)
        if test_cases is not None:
            updates["test_case_count"] = len(test_cases)
        stored = problem.model_copy(update=updates)
        stored.unknown_fields = dict(problem.unknown_fields)
        if test_cases is not None:
            old = {(i["PK"], i["SK"]) for i in self.table.query_all(problem_pk(problem.platform, problem.problem_number))
                   if i.get("tp") != TYPE_PROBLEM}
            new_items: list[Item] = []
            for order, case in enumerate(test_cases):
                ordered = case.model_copy(update={"order": order})
                new_items.extend(split_item(test_case_to_item(problem.platform, problem.problem_number, ordered, now)))
            self.table.batch_write(new_items)
            meta_items = split_item(problem_to_item(stored))
            self.table.batch_write(meta_items[1:])
            self.table.put(meta_items[0])
            stale = old - {(i["PK"], i["SK"]) for i in new_items + meta_items}
            if stale:
                self.table.batch_write(deletes=sorted(stale))
        else:
            main, *chunks = split_item(problem_to_item(stored))
            if chunks:
                self.table.batch_write(chunks)
            self.table.put(main)
        if stored.legacy_id is not None:
            self.put_legacy_mapping(stored.legacy_id, stored.platform, stored.problem_number)
        return stored

    def add_test_cases(self, platform: str, problem_number: str, cases: Sequence[TestCase]) -> list[TestCase]:
        """Append test cases; their order numbers are claimed atomically, so concurrent adds do not collide."""
        if not cases:
            return []
        pk, sk = problem_key(platform, problem_number)
        try:
            meta = self.table.update(pk, sk, Update(add={"dat.tcc": len(cases)}), conditions=[item_exists()])
        except ConditionFailed:
            raise ProblemNotFound(f"{platform}#{problem_number}") from None
        end = int(meta["dat"]["tcc"])
        start = end - len(cases)
        now = now_seconds()
        added = [case.model_copy(update={"order": start + i}) for i, case in enumerate(cases)]
        items: list[Item] = []
        for case in added:
            items.extend(split_item(test_case_to_item(platform, problem_number, case, now)))
        self.table.batch_write(items)
        return added

    def set_expected_output(self, platform: str, problem_number: str, order: int, expected_output: str) -> None:
        """Fill in (or replace) the answer of one test (generate_outputs_task)."""
        pk = problem_pk(platform, problem_number)
        sk = test_case_sk(order)
        current = join_items(self.table.query_all(pk, sk))
        main = next((i for i in current if i["SK"] == sk), None)
        if main is None:
            raise ProblemNotFound(f"{platform}#{problem_number} test {order}")
        case = item_to_test_case(main).model_copy(update={"expected_output": expected_output})
        new_items = split_item(test_case_to_item(platform, problem_number, case, int(main.get("crt", 0))))
        new_items[0]["upd"] = now_seconds()
        stale = set(chunk_keys(self.table.get(pk, sk) or {})) - {(i["PK"], i["SK"]) for i in new_items}
        self.table.batch_write(new_items[1:])
        self.table.put(new_items[0])
        if stale:
            self.table.batch_write(deletes=sorted(stale))

    def increment_execution_count(self, platform: str, problem_number: str, by: int = 1) -> int:
        """Atomically add to the problem's execution count; returns the new count."""
        pk, sk = problem_key(platform, problem_number)
        try:
            item = self.table.update(pk, sk, Update(add={"dat.exc": by}), conditions=[item_exists()])
        except ConditionFailed:
            raise ProblemNotFound(f"{platform}#{problem_number}") from None
        return int(item["dat"]["exc"])

    def delete_problem(self, platform: str, problem_number: str) -> None:
        keys = [(i["PK"], i["SK"]) for i in self.table.query_all(problem_pk(platform, problem_number))]
        self.table.batch_write(deletes=keys)

    # --- built-in packs ------------------------------------------------------------------------------------------

    def installed_pack_version(self, pack: str) -> str | None:
        """The version of `pack` last installed whole in this store (None: never)."""
        item = self.table.get(*pack_key(pack))
        version = (item or {}).get("dat", {}).get("ver")
        return str(version) if version is not None else None

    def mark_pack_installed(self, pack: str, version: str) -> None:
        pk, sk = pack_key(pack)
        now = now_seconds()
        self.table.put({"PK": pk, "SK": sk, "tp": TYPE_PACK, "dat": {"ver": version}, "crt": now, "upd": now})

    # --- legacy numeric ids ----------------------------------------------------------------------------------

    def put_legacy_mapping(self, legacy_id: int, platform: str, problem_number: str) -> None:
        pk, sk = legacy_key(legacy_id)
        now = now_seconds()
        self.table.put({"PK": pk, "SK": sk, "tp": TYPE_LEGACY,
                        "dat": {"pid": f"{platform}#{problem_number}", "plt": platform, "pno": problem_number},
                        "crt": now, "upd": now})

    def resolve_legacy_id(self, legacy_id: int) -> tuple[str, str] | None:
        """The (platform, number) of the original backend's numeric problem id."""
        item = self.table.get(*legacy_key(legacy_id))
        if item is None:
            return None
        return str(item["dat"]["plt"]), str(item["dat"]["pno"])
