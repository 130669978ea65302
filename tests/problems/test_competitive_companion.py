"""competitive-companion JSON: what the browser extension sends for one problem or a whole contest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.domain import CheckerKind
from algoitny_tui.problems import ProblemFormatError, load_any, load_competitive_companion


def companion(name: str, url: str, tests: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "name": name,
        "group": "Codeforces - Codeforces Round 888 (Div. 3)",
        "url": url,
        "interactive": False,
        "memoryLimit": 256,
        "timeLimit": 1000,
        "tests": tests,
        "testType": "single",
        "input": {"type": "stdin"},
        "output": {"type": "stdout"},
        "languages": {"java": {"mainClass": "Main", "taskClass": "Task"}},
        "batch": {"id": "123e4567-e89b-12d3-a456-426614174000", "size": 1},
    }
    obj.update(extra)
    return obj


CF = companion(
    "A. Escalator Conversations",
    "https://codeforces.com/contest/1850/problem/A",
    [{"input": "3\n1 2 3\n", "output": "YES\n"}, {"input": "1\n5\n", "output": "NO\n"}],
)


def test_codeforces_problem_from_dict() -> None:
    problem, tests = load_competitive_companion(CF)
    assert problem.problem_id == "codeforces#1850A"
    assert problem.title == "A. Escalator Conversations"
    assert problem.limits.time_limit_ms == 1000
    assert problem.limits.memory_limit_mb == 256
    assert problem.checker.kind == CheckerKind.DEFAULT and problem.checker.case_sensitive is True
    assert problem.source_url == "https://codeforces.com/contest/1850/problem/A"
    assert [(t.test_case_id, t.input, t.expected_output, t.is_sample, t.order) for t in tests] == [
        ("sample/1", "3\n1 2 3\n", "YES\n", True, 0),
        ("sample/2", "1\n5\n", "NO\n", True, 1),
    ]
    assert problem.test_case_count == 2


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://codeforces.com/problemset/problem/4/a", "codeforces#4A"),
        ("https://codeforces.com/gym/102001/problem/B", "codeforces#102001B"),
        ("https://www.acmicpc.net/problem/1000", "baekjoon#1000"),
        ("https://atcoder.jp/contests/abc300/tasks/abc300_a", "atcoder#abc300_a"),
        ("https://open.kattis.com/problems/hello", "open.kattis.com#hello"),
        ("", "cc#a-escalator-conversations"),
    ],
)
def test_platform_and_number_from_url(url: str, expected: str) -> None:
    problem, _ = load_competitive_companion({**CF, "url": url})
    assert problem.problem_id == expected


def test_file_with_one_object_and_file_with_a_contest(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps(CF), encoding="utf-8")
    problem, tests = load_competitive_companion(single)
    assert problem.problem_id == "codeforces#1850A" and len(tests) == 2

    contest = tmp_path / "contest.json"
    boj = companion(
        "A+B",
        "https://www.acmicpc.net/problem/1000",
        [{"input": "1 2\n", "output": "3\n"}],
        memoryLimit=128,
        timeLimit=2000,
        group="Baekjoon Online Judge",
    )
    contest.write_text(json.dumps([CF, boj], ensure_ascii=False), encoding="utf-8")
    loaded = load_any(contest)
    assert [(p.problem_id, p.limits.memory_limit_mb, len(t)) for p, t in loaded] == [
        ("codeforces#1850A", 256, 2),
        ("baekjoon#1000", 128, 1),
    ]
    with pytest.raises(ProblemFormatError, match="holds 2 problems"):
        load_competitive_companion(contest)


def test_interactive_flag_becomes_a_tag() -> None:
    problem, _ = load_competitive_companion({**CF, "interactive": True})
    assert "interactive" in problem.tags


def test_bad_json_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "name": "x",\n  "tests": [\n}', encoding="utf-8")
    with pytest.raises(ProblemFormatError) as info:
        load_any(path)
    assert str(info.value).startswith(f"{path}: not valid JSON")
    assert "(line 4)" in str(info.value)
    assert info.value.path == path


def test_missing_tests_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "notests.json"
    obj = dict(CF)
    del obj["tests"]
    path.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(ProblemFormatError) as info:
        load_competitive_companion(path)
    assert str(info.value) == f"{path}: tests: missing"


def test_bad_test_entry_in_a_contest_names_index_and_field(tmp_path: Path) -> None:
    path = tmp_path / "contest.json"
    path.write_text(json.dumps([CF, {**CF, "tests": [{"output": "1\n"}]}]), encoding="utf-8")
    with pytest.raises(ProblemFormatError) as info:
        load_any(path)
    assert str(info.value) == f"{path}: [1]: tests[0].input: missing or not a string"


def test_bad_limit_names_the_field() -> None:
    with pytest.raises(ProblemFormatError, match=r"timeLimit: expected a number"):
        load_competitive_companion({**CF, "timeLimit": "fast"})


def test_a_cph_prob_file_imports_with_its_tests(tmp_path: Path) -> None:
    """cph (the VS Code extension) saves a problem as .cph/.NAME.prob: competitive companion's fields, plus its own."""
    prob = tmp_path / ".cph" / ".A_Watermelon.cpp_a1b2.prob"
    prob.parent.mkdir()
    prob.write_text(
        json.dumps(
            {
                "name": "A. Watermelon",
                "group": "Codeforces - Codeforces Beta Round 4 (Div. 2 Only)",
                "url": "https://codeforces.com/problemset/problem/4/A",
                "interactive": False,
                "memoryLimit": 64,
                "timeLimit": 1000,
                "tests": [{"id": 1695042, "input": "8\n", "output": "YES\n"}],
                "testType": "single",
                "input": {"type": "stdin"},
                "output": {"type": "stdout"},
                "languages": {"java": {"mainClass": "Main", "taskClass": "AWatermelon"}},
                "srcPath": "/home/me/cf/A_Watermelon.cpp",
                "local": False,
            }
        )
    )
    [(problem, tests)] = load_any(prob)
    assert problem.problem_id == "codeforces#4A" and problem.limits.memory_limit_mb == 64
    assert [(t.input, t.expected_output) for t in tests] == [("8\n", "YES\n")]
