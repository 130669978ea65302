"""Stored values have the seed's types, on SQLite and on DynamoDB Local: text stays a string, compression only where an
item would not fit (and then listed in `dat.zfl`), items of the previous codec still read back the same, and the
seed's repository calls work as the seed spells them."""

from __future__ import annotations

import random
import zlib
from typing import Any

from algoitny_tui.codec import COMPRESSED_FIELDS, COMPRESSIBLE
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.item_size import DYNAMODB_ITEM_LIMIT, item_size
from tests.storage.old_codec import old_items


def numbers(rng: random.Random, size: int) -> str:
    """Program output as judges see it: numbers and words, Korean included (compresses about 2-3x)."""
    parts: list[str] = []
    length = 0
    while length < size:
        part = f"{rng.randint(0, 10**9)} 값{rng.randint(0, 99)}\n"
        parts.append(part)
        length += len(part)
    return "".join(parts)


def at_path(dat: dict[str, Any], path: str) -> Any:
    node: Any = dat
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def test_the_seeds_calls_as_the_seed_spells_them(repos: Repositories) -> None:
    problem = Problem(platform="baekjoon", problem_number="1000", title="A+B")
    repos.problems.put_problem(problem, [TestCase(test_case_id="1", input="1 2\n", expected_output="3\n")])
    found = repos.problems.get_problem_with_testcases(platform="baekjoon", problem_id="1000")
    assert found is not None and found[0].title == "A+B" and [c.input for c in found[1]] == ["1 2\n"]
    assert repos.problems.get_problem_with_testcases(platform="baekjoon", problem_id="1001") is None
    assert repos.problems.get_problem(platform="baekjoon", problem_id="1000") == found[0]

    code = "print(sum(map(int, input().split())))\n" * 200  # 7.6 KB: once compressed, now a string
    created = repos.histories.create_history(
        SearchHistory(
            id=0,
            user_identifier="me",
            problem_id="baekjoon#1000",
            platform="baekjoon",
            problem_number="1000",
            code=code,
            failed_count=1,
            test_results=[TestResult(test_case_id="1", output="4\n" * 1000, verdict="WA")],
        )
    )
    history = repos.histories.get_history(created.id)
    assert history is not None and history["PK"] == f"HIST#{created.id}" and history["tp"] == "hist"
    history_data = history.get("dat", {})  # the seed's generate_hints_task, word for word
    assert history_data.get("cod", "") == code and history_data.get("fsc", 0) == 1
    result = history_data.get("trs", [])[0]
    assert (
        not result.get("pas", True)
        and result.get("out", "") == "4\n" * 1000
        and result.get("sts", "") == "success"
    )

    repos.histories.update_hints(history_id=created.id, hints=["Read the statement again."])
    history = repos.histories.get_history(created.id)
    assert history is not None and history["dat"]["hnt"] == ["Read the statement again."]
    assert repos.histories.get_history(1234567890123456) is None


def test_only_an_item_that_would_not_fit_is_compressed_and_it_lists_what(repos: Repositories) -> None:
    rng = random.Random(15)
    code = numbers(rng, 60_000)
    outputs = [numbers(rng, 60_000) for _ in range(6)]  # 460 KB in all (UTF-8): over the limit as plain text
    results = [TestResult(test_case_id=str(i), output=o, verdict="WA") for i, o in enumerate(outputs)]
    created = repos.histories.create_history(
        SearchHistory(id=0, user_identifier="me", code=code, test_results=results)
    )
    raw = repos.table.get(f"HIST#{created.id}", "META")
    assert raw is not None and item_size(raw) < DYNAMODB_ITEM_LIMIT
    listed = raw["dat"][COMPRESSED_FIELDS]
    assert 0 < len(listed) < 7  # as few as needed, not every text
    texts = {"cod": code, **{f"trs.{i}.out": o for i, o in enumerate(outputs)}}
    for path, text in texts.items():
        value = at_path(raw["dat"], path)
        if path in listed:  # the documented rule restores it
            assert isinstance(value, bytes) and zlib.decompress(value).decode("utf-8") == text
        else:
            assert value == text
    loaded = repos.histories.load_history(created.id)
    assert loaded is not None and loaded.code == code and [r.output for r in loaded.test_results] == outputs
    seed_item = repos.histories.get_history(created.id)
    assert (
        seed_item is not None
        and COMPRESSED_FIELDS not in seed_item["dat"]
        and seed_item["dat"]["cod"] == code
    )


def test_a_realistic_item_is_never_compressed(repos: Repositories) -> None:
    rng = random.Random(16)
    code = numbers(rng, 60_000)
    results = [
        TestResult(test_case_id=str(i), output=numbers(rng, 1_000 if i else 60_000), verdict="AC")
        for i in range(20)
    ]
    created = repos.histories.create_history(SearchHistory(id=0, code=code, test_results=results))
    raw = repos.table.get(f"HIST#{created.id}", "META")
    assert raw is not None and COMPRESSED_FIELDS not in raw["dat"] and raw["dat"]["cod"] == code
    assert [r["out"] for r in raw["dat"]["trs"]] == [r.output for r in results]


def test_items_of_the_previous_codec_read_back_unchanged(repos: Repositories) -> None:
    items, expected = old_items()
    assert isinstance(items[0]["dat"]["cod"], bytes)  # the fixture is the old form indeed
    repos.table.batch_write(items)
    old = expected["history"]
    history = repos.histories.load_history(old["id"])
    assert history is not None and history.code == old["code"]
    # the old `status` held the verdict; the results are the same, the seed's status now beside it
    assert [
        (r.test_case_id, r.output, r.error, r.verdict, r.passed, r.message) for r in history.test_results
    ] == [
        (r["test_case_id"], r["output"], r["error"], r["status"], r["passed"], r["message"])
        for r in old["test_results"]
    ]
    assert [r.status for r in history.test_results] == ["success", "success", "timeout", "runtime_error"]
    assert history.hints == old["hints"] and history.verdict == old["verdict"]
    found = repos.problems.get_problem_with_testcases(platform="baekjoon", problem_id="1000")
    assert found is not None and found[0].statement == expected["problem"]["statement"]
    assert found[1][0].input == expected["test_case"]["input"]
    assert found[1][0].expected_output == expected["test_case"]["expected_output"]
    seed_item = repos.histories.get_history(old["id"])
    assert seed_item is not None and seed_item["dat"]["cod"] == old["code"]

    # A targeted update (hints) leaves the stored form alone: nothing is rewritten just to change it.
    repos.histories.update_hints(history_id=old["id"], hints=["one", "two"])
    after = repos.table.get(f"HIST#{old['id']}", "META")
    assert after is not None
    assert {k: v for k, v in after["dat"].items() if k != "hnt"} == {
        k: v for k, v in items[0]["dat"].items() if k != "hnt"
    }
    assert isinstance(after["dat"]["cod"], bytes)


def test_compressible_fields_are_the_documented_ones() -> None:
    assert {"cod", "out", "err", "inp", "exp", "sol", "stm", "stk"} == COMPRESSIBLE
