"""`algoitny history` and `algoitny problems` on the store, run as a user runs them (a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.models import SearchHistory, TestResult
from algoitny_tui.storage.factory import Repositories, open_repositories


def algoitny(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def seed(repos: Repositories) -> SearchHistory:
    repos.problems.put_problem(
        Problem(
            platform="baekjoon",
            problem_number="1000",
            title="A+B",
            tags=["math"],
            reference_solution="cHJpbnQoc3VtKG1hcChpbnQsIGlucHV0KCkuc3BsaXQoKSkpKQ==",
            reference_language="python3",
        ),
        [
            TestCase(test_case_id="1", input="1 2\n", expected_output="3\n", is_sample=True),
            TestCase(test_case_id="2", input="5 5\n", expected_output="10\n"),
        ],
    )
    return repos.histories.create_history(
        SearchHistory(
            id=0,
            user_identifier=load_settings().user,
            problem_id="baekjoon#1000",
            platform="baekjoon",
            problem_number="1000",
            problem_title="A+B",
            language="python3",
            code="print(3)",
            result_summary="Failed",
            passed_count=1,
            failed_count=1,
            total_count=2,
            verdict="WA",
            test_results=[
                TestResult(test_case_id="1", output="3\n", passed=True, verdict="AC"),
                TestResult(test_case_id="2", output="3\n", passed=False, verdict="WA"),
            ],
        )
    )


@pytest.fixture
def stored() -> SearchHistory:
    repos = open_repositories(load_settings())
    try:
        return seed(repos)
    finally:
        repos.close()


def test_history_list_show_and_raw(stored: SearchHistory) -> None:
    listed = algoitny("history", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    histories = json.loads(listed.stdout)["histories"]
    assert [h["id"] for h in histories] == [stored.id]

    shown = json.loads(algoitny("history", "show", str(stored.id), "--json").stdout)
    assert shown["id"] == stored.id and shown["user_identifier"] == stored.user_identifier
    assert shown["test_results"][1]["passed"] is False and shown["result_summary"] == "Failed"

    raw = json.loads(algoitny("history", "show", str(stored.id), "--raw").stdout)
    assert set(raw) >= {"PK", "SK", "tp", "dat", "crt", "upd"}
    assert raw["PK"] == f"HIST#{stored.id}" and raw["tp"] == "hist"
    assert raw["dat"]["fsc"] == 1 and raw["dat"]["trs"][1]["pas"] is False

    text = algoitny("history", "show", str(stored.id))
    assert "baekjoon#1000" in text.stdout and "print(3)" in text.stdout


def test_history_show_of_an_unknown_id_says_so(stored: SearchHistory) -> None:
    missing = algoitny("history", "show", "42")
    assert missing.returncode == 2 and "history 42 not found" in missing.stderr


def test_problems_list_and_show(stored: SearchHistory) -> None:
    listed = json.loads(algoitny("problems", "list", "--json").stdout)
    assert listed == {
        "problems": [
            {"id": "baekjoon#1000", "title": "A+B", "tests": 2, "tags": ["math"], "difficulty": None}
        ]
    }
    shown: dict[str, Any] = json.loads(algoitny("problems", "show", "baekjoon#1000", "--json").stdout)
    assert shown["title"] == "A+B" and shown["tests"] == 2
    assert shown["samples"] == [{"name": "1", "input": "1 2\n", "output": "3\n"}]
    assert "reference_solution" not in shown  # never shown unless asked for
    asked = json.loads(algoitny("problems", "show", "baekjoon#1000", "--json", "--solution").stdout)
    assert asked["reference_solution"] == "print(sum(map(int, input().split())))"
    missing = algoitny("problems", "show", "baekjoon#9")
    assert missing.returncode == 2 and "baekjoon#9 is not stored" in missing.stderr


def test_commands_work_on_dynamodb_too(dynamodb_local: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "ALGOITNY_STORE": "dynamodb",
        "ALGOITNY_DYNAMODB_ENDPOINT": dynamodb_local.endpoint,
        "ALGOITNY_DYNAMODB_TABLE": "cli-test",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    repos = open_repositories(load_settings())
    repos.table.create_if_missing()
    history = seed(repos)
    repos.close()
    raw = json.loads(algoitny("history", "show", str(history.id), "--raw").stdout)
    assert raw["dat"]["pid"] == "baekjoon#1000" and raw["crt"] == history.created_at
    assert json.loads(algoitny("problems", "list", "--json").stdout)["problems"][0]["tests"] == 2


def test_history_show_prints_a_scoring_submissions_score() -> None:
    repos = open_repositories(load_settings())
    try:
        scored = repos.histories.create_history(
            SearchHistory(
                id=0,
                user_identifier=load_settings().user,
                problem_id="kattis#points",
                platform="kattis",
                problem_number="points",
                problem_title="Points",
                language="python3",
                code="print(1)",
                result_summary="Failed",
                verdict="WA",
                score={
                    "value": 60,
                    "max": 100,
                    "groups": [
                        {"name": "secret/group1", "score": 0, "max": 40, "verdict": "WA"},
                        {"name": "secret/group2", "score": 60, "max": 60, "verdict": "AC"},
                    ],
                },
            )
        )
    finally:
        repos.close()
    text = algoitny("history", "show", str(scored.id))
    assert "score 60/100 (secret/group1 0/40, secret/group2 60/60)" in text.stdout, text.stderr
    raw = json.loads(algoitny("history", "show", str(scored.id), "--raw").stdout)
    assert raw["dat"]["scr"]["value"] == 60  # stored under its short name


@pytest.mark.parametrize(
    "args",
    [
        ("history", "--limit", "0"),
        ("jobs", "list", "--limit", "-3"),
        ("judge", "nowhere", "sol.py", "--jobs", "0"),
        ("verify", "nowhere", "--jobs", "0"),
    ],
)
def test_a_count_below_one_is_refused_with_the_option_named(args: tuple[str, ...]) -> None:
    proc = algoitny(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    option = args[-2]
    assert f"argument {option}" in proc.stderr and "must be at least 1" in proc.stderr
    assert "Traceback" not in proc.stderr
