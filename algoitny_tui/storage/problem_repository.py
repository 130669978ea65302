"""ProblemRepository: problems and their test cases, one partition per problem, over any Table.

A problem's partition `PROB#<platform>#<number>` holds its `META` item and one `TC#<order>` item per test (plus
chunk items of tests too large for one item), so `get_problem_with_testcases` is one query.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from algoitny_tui.codec import (
    TYPE_LEGACY,
    TYPE_PACK,
    TYPE_PROBLEM,
    TYPE_TEST_CASE,
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
from algoitny_tui.domain import TEST_SOURCE_USER, Problem, TestCase, check_platform, check_problem_number
from algoitny_tui.file_io import FileIO
from algoitny_tui.storage.chunks import chunk_keys, is_chunked, join_items, split_item
from algoitny_tui.storage.ids import now_seconds
from algoitny_tui.storage.table import ConditionFailed, Item, Table, Update, item_exists, read_fields


class ProblemNotFound(LookupError):
    def __init__(self, problem_id: str) -> None:
        super().__init__(f"problem {problem_id} not found")
        self.problem_id = problem_id


class TestNotFound(LookupError):
    __test__ = False  # not a pytest test class

    def __init__(self, problem_id: str, name: str, names: Sequence[str]) -> None:
        shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
        super().__init__(f"problem {problem_id} has no test named {name!r} (its tests: {shown or 'none'})")


class NotUserTest(ValueError):
    """Only the user's own tests change: an imported one would come back as it was at the next import."""

    def __init__(self, problem_id: str, name: str) -> None:
        super().__init__(
            f"test {name!r} of {problem_id} came with the problem, so it is not changed or deleted "
            "(importing the problem again would undo it): duplicate it to get a copy of your own"
        )


USER_TEST_PREFIX = "user/"
"""User tests are named `user/1`, `user/2`, ...: never the name of an imported test, which a re-import keeps."""

_UNCHANGED: Any = object()


@dataclass
class StoredProblem:
    problem: Problem
    kept_user_tests: list[TestCase] = field(default_factory=list)
    """The user's own tests the stored problem had, kept after the new tests (a re-import says so)."""


def _user_tests(items: Sequence[Item]) -> list[TestCase]:
    """The user's tests among a problem partition's items (as read: chunks included), in order; only those are
    decoded, so a re-import of a problem with many large tests and none of the user's decodes nothing."""
    meta = next((i for i in items if i["SK"] == "META" and i.get("tp") == TYPE_PROBLEM), None)
    if meta is None or not any(
        i.get("tp") == TYPE_TEST_CASE and i.get("dat", {}).get("src") == TEST_SOURCE_USER for i in items
    ):
        return []
    count = int(meta.get("dat", {}).get("tcc", 0) or 0)
    cases = [
        item_to_test_case(i)
        for i in join_items(items)
        if i.get("tp") == TYPE_TEST_CASE and i.get("dat", {}).get("src") == TEST_SOURCE_USER
    ]
    return sorted((c for c in cases if c.order < count), key=lambda c: c.order)


def next_user_test_name(cases: Sequence[TestCase]) -> str:
    taken = {c.test_case_id for c in cases}
    numbers = [
        int(n[len(USER_TEST_PREFIX) :])
        for n in taken
        if n.startswith(USER_TEST_PREFIX) and n[len(USER_TEST_PREFIX) :].isdigit()
    ]
    number = max(numbers, default=0) + 1
    while f"{USER_TEST_PREFIX}{number}" in taken:
        number += 1
    return f"{USER_TEST_PREFIX}{number}"


class ProblemRepository:
    def __init__(self, table: Table) -> None:
        self.table = table

    # --- reads -------------------------------------------------------------------------------------------------

    def get_problem(self, platform: str, problem_id: str) -> Problem | None:
        """The problem without its tests; `problem_id` is its number on the platform, as the seed names it."""
        item = self.table.get(*problem_key(platform, problem_id))
        return item_to_problem(item) if item else None

    def get_problem_with_testcases(
        self, platform: str, problem_id: str
    ) -> tuple[Problem, list[TestCase]] | None:
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
        for platform, number, title, tags, difficulty, tests in read_fields(
            self.table, "PROBS", "", fields, index="gsi1"
        ):
            platform, number = str(platform or ""), str(number or "")
            entries.append(
                {
                    "id": f"{platform}#{number}",
                    "platform": platform,
                    "number": number,
                    "title": title or "",
                    "tags": list(tags or []),
                    "difficulty": difficulty,
                    "tests": int(tests or 0),
                }
            )
        return entries

    def search_problems(
        self, text: str = "", *, platform: str | None = None, tag: str | None = None
    ) -> list[Problem]:
        """Problems whose title, number or tags contain `text` (case-insensitive), optionally by platform and tag."""
        needle = text.casefold()
        found = []
        for problem in self.iter_problems():
            if platform and problem.platform != platform:
                continue
            if tag and tag not in problem.tags:
                continue
            haystack = " ".join(
                [problem.title, problem.problem_number, problem.problem_id, *problem.tags]
            ).casefold()
            if needle in haystack:
                found.append(problem)
        return found

    # --- writes ------------------------------------------------------------------------------------------------

    def put_problem(self, problem: Problem, test_cases: Sequence[TestCase] | None = None) -> Problem:
        """Create or replace a problem; with `test_cases`, replace its tests too (the user's own are kept)."""
        return self.store_problem(problem, test_cases).problem

    def store_problem(self, problem: Problem, test_cases: Sequence[TestCase] | None = None) -> StoredProblem:
        """`put_problem`, saying which of the user's own tests were kept: they follow the new tests, and one whose
        name an imported test now has is renamed."""
        if test_cases is None:
            return StoredProblem(self._put(problem, None))
        # One read of the partition serves both: the user's tests to keep, and the old items to replace.
        old_items = list(self.table.query_all(problem_pk(problem.platform, problem.problem_number)))
        kept: list[TestCase] = []
        # A caller that passes user tests manages them itself; new tests from an import hold none.
        if not any(c.source == TEST_SOURCE_USER for c in test_cases):
            users = _user_tests(old_items)
            merged = list(test_cases)
            for case in users:
                if any(c.test_case_id == case.test_case_id for c in merged):
                    case = replace(case, test_case_id=next_user_test_name([*merged, *users]))
                merged.append(case)
                kept.append(case)
            test_cases = merged
        return StoredProblem(self._put(problem, test_cases, old_items), kept)

    def _put(
        self, problem: Problem, test_cases: Sequence[TestCase] | None, old_items: Sequence[Item] | None = None
    ) -> Problem:
        """Create or replace a problem; with `test_cases`, replace its tests too, exactly by these.

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
        stored = replace(problem, **updates)
        stored.unknown_fields = dict(problem.unknown_fields)
        if test_cases is not None:
            if old_items is None:
                old_items = list(self.table.query_all(problem_pk(problem.platform, problem.problem_number)))
            old = {(i["PK"], i["SK"]) for i in old_items if i.get("tp") != TYPE_PROBLEM}
            new_items: list[Item] = []
            for order, case in enumerate(test_cases):
                ordered = replace(case, order=order)
                new_items.extend(
                    split_item(test_case_to_item(problem.platform, problem.problem_number, ordered, now))
                )
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
        added = [replace(case, order=start + i) for i, case in enumerate(cases)]
        items: list[Item] = []
        for case in added:
            items.extend(split_item(test_case_to_item(platform, problem_number, case, now)))
        self.table.batch_write(items)
        return added

    def set_expected_output(
        self, platform: str, problem_number: str, order: int, expected_output: str
    ) -> None:
        """Fill in (or replace) the answer of one test (generate_outputs_task)."""
        current = join_items(self.table.query_all(problem_pk(platform, problem_number), test_case_sk(order)))
        main = next((i for i in current if i["SK"] == test_case_sk(order)), None)
        if main is None:
            raise ProblemNotFound(f"{platform}#{problem_number} test {order}")
        case = replace(item_to_test_case(main), expected_output=expected_output)
        self._rewrite_test(platform, problem_number, case, int(main.get("crt", 0)))

    def _rewrite_test(
        self, platform: str, problem_number: str, case: TestCase, created: int | None = None
    ) -> None:
        """Write one test over its stored item (same order), with its chunks, dropping chunks it no longer needs."""
        pk = problem_pk(platform, problem_number)
        sk = test_case_sk(case.order)
        stored = self.table.get(pk, sk) or {}
        crt = created if created is not None else int(stored.get("crt", 0) or now_seconds())
        new_items = split_item(test_case_to_item(platform, problem_number, case, crt))
        new_items[0]["upd"] = now_seconds()
        stale = set(chunk_keys(stored)) - {(i["PK"], i["SK"]) for i in new_items}
        self.table.batch_write(new_items[1:])
        self.table.put(new_items[0])
        if stale:
            self.table.batch_write(deletes=sorted(stale))

    # --- the user's own tests ----------------------------------------------------------------------------------

    def add_user_test(
        self,
        platform: str,
        problem_number: str,
        input: str,
        expected_output: str | None,
        sample: bool = False,
    ) -> TestCase:
        """A new test of the user's (`user/N`), after the problem's other tests; `expected_output` None: no answer
        yet (generate_outputs_task fills it in)."""
        found = self.get_problem_with_testcases(platform, problem_number)
        if found is None:
            raise ProblemNotFound(f"{platform}#{problem_number}")
        case = TestCase(
            test_case_id=next_user_test_name(found[1]),
            input=input,
            expected_output=expected_output,
            is_sample=sample,
            source=TEST_SOURCE_USER,
        )
        return self.add_test_cases(platform, problem_number, [case])[0]

    def update_user_test(
        self,
        platform: str,
        problem_number: str,
        name: str,
        *,
        input: str = _UNCHANGED,
        expected_output: str | None = _UNCHANGED,
        sample: bool | None = None,
    ) -> TestCase:
        """Change one of the user's tests: what is not given stays as it is (`expected_output=None`: no answer)."""
        _, _, case = self._user_test(platform, problem_number, name)
        updates: dict[str, Any] = {}
        if input is not _UNCHANGED:
            updates["input"] = input
        if expected_output is not _UNCHANGED:
            updates["expected_output"] = expected_output
        if sample is not None:
            updates["is_sample"] = sample
        changed = replace(case, **updates)
        self._rewrite_test(platform, problem_number, changed)
        return changed

    def delete_user_test(self, platform: str, problem_number: str, name: str) -> None:
        """Delete one of the user's tests; the tests after it move up one place."""
        problem, cases, _ = self._user_test(platform, problem_number, name)
        self._put(problem, [c for c in cases if c.test_case_id != name])

    def _user_test(
        self, platform: str, problem_number: str, name: str
    ) -> tuple[Problem, list[TestCase], TestCase]:
        found = self.get_problem_with_testcases(platform, problem_number)
        if found is None:
            raise ProblemNotFound(f"{platform}#{problem_number}")
        problem, cases = found
        case = next((c for c in cases if c.test_case_id == name), None)
        if case is None:
            raise TestNotFound(f"{platform}#{problem_number}", name, [c.test_case_id for c in cases])
        if case.source != TEST_SOURCE_USER:
            raise NotUserTest(f"{platform}#{problem_number}", name)
        return problem, cases, case

    def increment_execution_count(self, platform: str, problem_number: str, by: int = 1) -> int:
        """Atomically add to the problem's execution count; returns the new count."""
        pk, sk = problem_key(platform, problem_number)
        try:
            item = self.table.update(pk, sk, Update(add={"dat.exc": by}), conditions=[item_exists()])
        except ConditionFailed:
            raise ProblemNotFound(f"{platform}#{problem_number}") from None
        return int(item["dat"]["exc"])

    def set_file_io(self, platform: str, problem_number: str, io: FileIO) -> Problem:
        """Set where the problem's program reads its input and writes its answer (a targeted update: nothing
        else of the problem changes); the problem as stored afterwards. ProblemNotFound when it is not stored."""
        pk, sk = problem_key(platform, problem_number)
        values = {
            "dat.ifl": io.input_file,
            "dat.ofl": io.output_file,
            "dat.isd": io.input_on_stdin and io.input_file is not None,
            "upd": now_seconds(),
        }
        try:
            item = self.table.update(pk, sk, Update(set=values), conditions=[item_exists()])
        except ConditionFailed:
            raise ProblemNotFound(f"{platform}#{problem_number}") from None
        if is_chunked(item):
            item = join_items(self.table.query_all(pk, sk))[0]
        return item_to_problem(item)

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
        self.table.put(
            {
                "PK": pk,
                "SK": sk,
                "tp": TYPE_LEGACY,
                "dat": {"pid": f"{platform}#{problem_number}", "plt": platform, "pno": problem_number},
                "crt": now,
                "upd": now,
            }
        )

    def resolve_legacy_id(self, legacy_id: int) -> tuple[str, str] | None:
        """The (platform, number) of the original backend's numeric problem id."""
        item = self.table.get(*legacy_key(legacy_id))
        if item is None:
            return None
        return str(item["dat"]["plt"]), str(item["dat"]["pno"])
