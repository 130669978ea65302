"""The short-field codec: the seed's names and envelope, identity round trips, unknown keys kept, clear errors."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from algoitny_tui import codec, domain
from algoitny_tui.domain import (
    CheckerKind,
    CheckerSpec,
    JobStatus,
    Limits,
    Problem,
    Scoring,
    TestCase,
    TestGroup,
)
from algoitny_tui.mismatch import Mismatch
from algoitny_tui.models import Job, JobProgress, SearchHistory, TestResult, UserStats

# Text as DynamoDB can hold it (valid Unicode: no lone surrogates), short and long.
text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1000, max_size=3000),
    st.builds(lambda s, n: s * n, st.text(string.printable, min_size=1, max_size=5), st.integers(300, 2000)),
)
small_int = st.integers(min_value=-(2**53), max_value=2**53)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)

test_results = st.builds(
    TestResult,
    test_case_id=st.text(max_size=10),
    output=text,
    passed=st.booleans(),
    error=st.none() | text,
    status=st.sampled_from(["", "success", "timeout", "runtime_error"]),
    verdict=st.sampled_from(["", "AC", "WA", "TLE", "RE"]),
    time_ms=st.none() | st.integers(0, 10**6),
    memory_kb=st.none() | st.integers(0, 10**7),
    message=text,
    mismatch=st.none()
    | st.builds(
        Mismatch,
        kind=st.sampled_from(["token", "case", "missing", "extra", "whitespace", "whitespace_only", "text"]),
        line=st.integers(1, 10**6),
        column=st.integers(1, 10**6),
        got=st.none() | st.text(max_size=100),
        wanted=st.none() | st.text(max_size=100),
        got_tokens=st.none() | st.integers(0, 10**6),
        wanted_tokens=st.none() | st.integers(0, 10**6),
    ),
    output_truncated=st.booleans(),
)

histories = st.builds(
    SearchHistory,
    id=st.integers(10**15, 10**16 - 1),
    user_id=st.none() | small_int,
    user_identifier=st.text(max_size=20),
    problem_id=st.text(max_size=20),
    platform=st.text(max_size=10),
    problem_number=st.text(max_size=10),
    problem_title=text,
    language=st.text(max_size=10),
    code=text,
    result_summary=st.sampled_from(["Passed", "Failed"]),
    passed_count=st.integers(0, 1000),
    failed_count=st.integers(0, 1000),
    total_count=st.integers(0, 1000),
    is_code_public=st.booleans(),
    test_results=st.lists(test_results, max_size=5),
    hints=st.none() | st.lists(text, max_size=3),
    verdict=st.sampled_from(["", "AC", "WA", "CE"]),
    compile_message=text,
    job_id=st.none() | st.text(max_size=32),
    created_at=st.integers(0, 2**31),
    updated_at=st.integers(0, 2**31),
)

problems = st.builds(
    Problem,
    platform=st.text(min_size=1, max_size=10),
    problem_number=st.text(min_size=1, max_size=10),
    title=text,
    statement=text,
    statement_ko=text,
    limits=st.builds(Limits, time_limit_ms=st.integers(1, 10**5), memory_limit_mb=st.integers(1, 4096)),
    checker=st.builds(
        CheckerSpec,
        kind=st.sampled_from(list(CheckerKind)),
        case_sensitive=st.booleans(),
        float_absolute_tolerance=st.none() | finite,
        program_files=st.dictionaries(st.text(max_size=8), text, max_size=2),
        arguments=st.lists(st.text(max_size=8), max_size=3),
    ),
    tags=st.lists(st.text(max_size=10), max_size=4),
    difficulty=st.none() | st.integers(1, 10),
    reference_solution=st.none() | text,
    legacy_id=st.none() | small_int,
    test_case_count=st.integers(0, 10**4),
    execution_count=st.integers(0, 10**9),
    created_at=st.integers(0, 2**31),
    updated_at=st.integers(0, 2**31),
)

jobs = st.builds(
    Job,
    id=st.text(string.hexdigits, min_size=1, max_size=32),
    kind=st.text(max_size=20),
    status=st.sampled_from(list(JobStatus)),
    params=st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
    error=st.none() | text,
    attempts=st.integers(0, 10),
    progress_percent=st.none() | finite,
    heartbeat_at=st.integers(0, 2**31),
    created_at=st.integers(0, 2**31),
    updated_at=st.integers(0, 2**31),
)


@settings(max_examples=150, deadline=None)
@given(histories)
def test_history_round_trip_is_identity(history: SearchHistory) -> None:
    item = codec.history_to_item(history)
    assert codec.item_to_history(item) == history


@settings(max_examples=100, deadline=None)
@given(problems)
def test_problem_round_trip_is_identity(problem: Problem) -> None:
    assert codec.item_to_problem(codec.problem_to_item(problem)) == problem


@settings(max_examples=100, deadline=None)
@given(jobs)
def test_job_round_trip_is_identity(job: Job) -> None:
    assert codec.item_to_job(codec.job_to_item(job)) == job


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        TestCase,
        test_case_id=st.text(max_size=10),
        input=text,
        expected_output=st.none() | text,
        is_sample=st.booleans(),
        order=st.integers(0, 10**5),
    )
)
def test_test_case_round_trip_is_identity(case: TestCase) -> None:
    item = codec.test_case_to_item("p", "1", case, 5)
    assert codec.item_to_test_case(item) == case


def test_progress_and_stats_round_trip() -> None:
    progress = JobProgress(job_id="abc", seq=3, step="judge", message="3/10", percent=30.0, created_at=9)
    assert codec.item_to_job_progress(codec.job_progress_to_item(progress)) == progress
    stats = UserStats(
        user_identifier="me",
        solved=3,
        attempts=7,
        acceptance_rate=0.5,
        by_language={"python3": {"attempts": 4}},
        streak_days=2,
        computed_at=11,
    )
    assert codec.item_to_user_stats(codec.user_stats_to_item(stats)) == stats


def test_history_item_has_the_seed_shape() -> None:
    history = SearchHistory(
        id=1234567890123456,
        user_id=1,
        user_identifier="user@example.com",
        problem_id="baekjoon#1000",
        platform="baekjoon",
        problem_number="1000",
        problem_title="A+B",
        language="python",
        code="print(sum(map(int, input().split())))",
        result_summary="Passed",
        passed_count=2,
        failed_count=0,
        total_count=2,
        is_code_public=True,
        created_at=1696789012,
        updated_at=1696789012,
        test_results=[TestResult(test_case_id="1", output="3\n", passed=True, error=None, status="success")],
    )
    item = codec.history_to_item(history)
    assert (item["PK"], item["SK"], item["tp"], item["crt"], item["upd"]) == (
        "HIST#1234567890123456",
        "META",
        "hist",
        1696789012,
        1696789012,
    )
    dat = item["dat"]
    seed_keys = {
        "uid",
        "uidt",
        "pid",
        "plt",
        "pno",
        "ptt",
        "lng",
        "cod",
        "res",
        "psc",
        "fsc",
        "toc",
        "pub",
        "trs",
        "hnt",
    }
    assert seed_keys <= set(dat)
    assert dat["uidt"] == "user@example.com" and dat["pid"] == "baekjoon#1000" and dat["res"] == "Passed"
    assert dat["cod"] == "print(sum(map(int, input().split())))"
    assert {"tid", "out", "pas", "err", "sts"} <= set(dat["trs"][0])
    assert dat["trs"][0]["out"] == "3\n" and dat["trs"][0]["pas"] is True
    # no long name leaks into the stored item
    assert not {"user_identifier", "test_results", "code"} & set(dat)


def test_unknown_short_keys_survive_a_round_trip() -> None:
    item = codec.history_to_item(SearchHistory(id=1696789012000001, code="x"))
    item["dat"]["zzz"] = {"from": "a newer version"}
    item["dat"]["trs"] = [{"tid": "1", "pas": True, "nw1": [1, 2]}]
    history = codec.item_to_history(item)
    again = codec.history_to_item(history)
    assert again["dat"]["zzz"] == {"from": "a newer version"}
    assert again["dat"]["trs"][0]["nw1"] == [1, 2]


def test_large_text_stays_a_string_as_the_seed_stores_it() -> None:
    code = "x = 1  # 한글\n" * 8000
    output = "1 2 3\n" * 10000
    history = SearchHistory(
        id=1696789012000002,
        code=code,
        test_results=[TestResult(test_case_id="1", output=output, error="e" * 5000)],
    )
    item = codec.history_to_item(history)
    assert item["dat"]["cod"] == code and item["dat"]["trs"][0]["out"] == output
    assert item["dat"]["trs"][0]["err"] == "e" * 5000 and codec.COMPRESSED_FIELDS not in item["dat"]
    assert codec.item_to_history(item) == history


def test_sts_is_the_seeds_execution_status_and_the_verdict_has_its_own_field() -> None:
    expected = {
        "AC": "success",
        "WA": "success",
        "TLE": "timeout",
        "MLE": "memory_limit",
        "OLE": "output_limit",
        "RE": "runtime_error",
        "CE": "compile_error",
        "JE": "judge_error",
        "SK": "skipped",
    }
    results = [TestResult(test_case_id=v, verdict=v, passed=v == "AC") for v in expected]
    item = codec.history_to_item(SearchHistory(id=1696789012000004, test_results=results))
    assert {r["tid"]: r["sts"] for r in item["dat"]["trs"]} == expected
    assert [r["vrd"] for r in item["dat"]["trs"]] == list(expected)
    back = codec.item_to_history(item).test_results
    assert [(r.verdict, r.status) for r in back] == list(expected.items())


def test_an_old_item_with_the_verdict_in_sts_decodes_to_the_same_results() -> None:
    item = codec.history_to_item(SearchHistory(id=1696789012000005))
    item["dat"]["trs"] = [
        {"tid": "1", "pas": False, "sts": "TLE", "out": ""},
        {"tid": "2", "pas": False, "sts": "WA", "out": "4\n"},
        {"tid": "3", "pas": True, "sts": "success", "out": "3\n"},
    ]  # the seed's own form
    results = codec.item_to_history(item).test_results
    assert [(r.verdict, r.status) for r in results] == [
        ("TLE", "timeout"),
        ("WA", "success"),
        ("", "success"),
    ]
    again = codec.history_to_item(codec.item_to_history(item))["dat"]["trs"]
    assert [(r["sts"], r["vrd"]) for r in again] == [("timeout", "TLE"), ("success", "WA"), ("success", "")]


def test_an_item_that_does_not_decode_names_the_item_and_the_field() -> None:
    item = codec.history_to_item(SearchHistory(id=1696789012000003))
    item["dat"]["psc"] = "many"
    with pytest.raises(codec.DecodeError) as err:
        codec.item_to_history(item)
    assert "HIST#1696789012000003/META" in str(err.value) and "dat.psc" in str(err.value)

    item["dat"]["psc"] = 1
    item["dat"]["trs"] = [{"tid": "1", "pas": "maybe"}]
    with pytest.raises(codec.DecodeError) as err:
        codec.item_to_history(item)
    assert "dat.trs.0.pas" in str(err.value)

    with pytest.raises(codec.DecodeError, match="tp"):
        codec.item_to_problem(item)


def test_a_problem_item_keeps_its_shape_and_its_nested_values_are_still_validated() -> None:
    """Problem, Limits, CheckerSpec and the scoring groups are stdlib dataclasses (domain.py): the item is written
    as when they were pydantic models (every field, None included), a newer version's nested keys survive, and a
    bad stored value is refused naming its place."""
    problem = Problem(
        platform="kattis",
        problem_number="points",
        limits=Limits(time_limit_ms=1500),
        checker=CheckerSpec(kind=CheckerKind.KATTIS, program_entry="v.py", program_files={"v.py": "x"}),
        scoring=Scoring(groups=[TestGroup(name="secret", max_score=100.0)], custom_score=True),
    )
    item = codec.problem_to_item(problem)
    assert item["dat"]["lim"] == {
        "tlm": 1500, "mlm": 256, "olm": 65536, "ctm": None, "cmm": None, "vtm": None, "vmm": None, "vol": None,
        "vps": None,
    }  # fmt: skip
    assert item["dat"]["chk"]["knd"] == "kattis" and item["dat"]["chk"]["fab"] is None
    assert item["dat"]["scg"] == {
        "grp": [{"nam": "secret", "max": 100.0, "agg": "pass-fail", "req": [], "acs": None}],
        "cus": True,
    }
    decoded = codec.item_to_problem(item)
    assert decoded == problem and type(decoded.limits.time_limit_ms) is int
    assert decoded.checker.kind is CheckerKind.KATTIS  # the stored string is the enum again

    item["dat"]["lim"]["new"] = 7
    item["dat"]["scg"]["grp"][0]["nw2"] = "x"
    again = codec.problem_to_item(codec.item_to_problem(item))
    assert again["dat"]["lim"]["new"] == 7 and again["dat"]["scg"]["grp"][0]["nw2"] == "x"

    for path, value in (
        (("lim", "tlm"), "fast"),
        (("chk", "knd"), "psychic"),
        (("scg", "grp"), [{"max": 1}]),
    ):
        bad = codec.problem_to_item(problem)
        bad["dat"][path[0]][path[1]] = value
        with pytest.raises(codec.DecodeError) as err:
            codec.item_to_problem(bad)
        assert f"dat.{path[0]}.{path[1]}" in str(err.value), err.value


def test_problem_id_parsing_names_the_bad_id() -> None:
    assert domain.split_problem_id("baekjoon#1000") == ("baekjoon", "1000")
    with pytest.raises(ValueError, match="'1000'"):
        domain.split_problem_id("1000")


def test_damaged_compressed_text_names_the_item_and_the_field() -> None:
    item = codec.history_to_item(
        SearchHistory(id=1696789012000006, test_results=[TestResult(test_case_id="1")])
    )
    item["dat"]["trs"][0]["out"] = b"not zlib at all"
    with pytest.raises(codec.DecodeError) as err:
        codec.item_to_history(item)
    assert "HIST#1696789012000006/META" in str(err.value) and "dat.trs.0.out" in str(err.value)
    item["dat"]["trs"][0]["out"] = codec.compress_text("3\n")
    item["dat"][codec.COMPRESSED_FIELDS] = ["trs.0.out"]
    assert codec.item_to_history(item).test_results[0].output == "3\n"
    assert (
        "zfl" not in codec.history_to_item(codec.item_to_history(item))["dat"]
    )  # not kept as an unknown key


def test_a_mismatch_is_stored_under_short_names_and_results_without_one_still_read() -> None:
    mismatch = Mismatch(kind="missing", line=2, column=1, wanted="7", got_tokens=1, wanted_tokens=3)
    history = SearchHistory(
        id=1696789012000006,
        test_results=[
            TestResult(test_case_id="1", verdict="WA", message=mismatch.describe(), mismatch=mismatch)
        ],
    )
    item = codec.history_to_item(history)
    assert item["dat"]["trs"][0]["mis"] == {
        "knd": "missing",
        "lin": 2,
        "col": 1,
        "wnt": "7",
        "gtk": 1,
        "wtk": 3,
    }
    assert codec.item_to_history(item).test_results[0].mismatch == mismatch
    del item["dat"]["trs"][0]["mis"]  # as written before mismatches were kept
    old = codec.item_to_history(item).test_results[0]
    assert (
        old.mismatch is None
        and old.message == "line 2, column 1: expected '7' but the output ended (got 1 of 3 tokens)"
    )
    item["dat"]["trs"][0]["mis"] = {"knd": "token", "lin": "two", "col": 1}
    with pytest.raises(codec.DecodeError, match=r"dat\.trs\.0\.mis\.line"):
        codec.item_to_history(item)
