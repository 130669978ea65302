"""Competitive-companion files, saved pages and ids from strangers: a clear error, exit 2, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile_input.conftest import algoitny, assert_refused, stored_problems

FIXTURES = Path(__file__).resolve().parents[1] / "problems" / "fixtures"


def companion(url: str) -> dict[str, Any]:
    return {
        "name": "A. Sneaky",
        "url": url,
        "timeLimit": 1000,
        "memoryLimit": 256,
        "tests": [{"input": "1\n", "output": "2\n"}],
    }


def test_deeply_nested_json_is_refused(tmp_path: Path, one_stored_problem: list[dict[str, Any]]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert_refused(algoitny("import", str(deep)), "deep.json", "JSON nested more than 64 levels deep")
    # 80 levels: the parser copes, the importer still refuses it (a problem is three levels deep).
    shallow_but_too_deep = tmp_path / "nested.json"
    shallow_but_too_deep.write_text(
        json.dumps({**companion(""), "x": 0}).replace("0}", "[" * 80 + "0" + "]" * 80 + "}")
    )
    assert_refused(
        algoitny("import", str(shallow_but_too_deep)), "nested.json", "nested more than 64 levels deep"
    )
    assert stored_problems() == one_stored_problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://../../x", "url 'http://../../x': not an http(s) address with a host name"),
        ("file:///etc/passwd", "url 'file:///etc/passwd': not an http(s) address with a host name"),
        ("https://exa mple.com/a", "not an http(s) address with a host name"),
    ],
)
def test_a_companion_url_that_is_not_a_web_address_is_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], url: str, expected: str
) -> None:
    source = tmp_path / "odd.json"
    source.write_text(json.dumps(companion(url)))
    assert_refused(algoitny("import", str(source)), "odd.json: url:", expected)
    assert stored_problems() == one_stored_problem


@pytest.mark.parametrize("platform", ["../../x", "..", "a#b", "", "x y", "-x"])
def test_an_unsafe_platform_flag_is_refused_naming_it(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], platform: str
) -> None:
    source = tmp_path / "ok.json"
    source.write_text(json.dumps(companion("https://codeforces.com/contest/1/problem/A")))
    result = algoitny("import", str(source), f"--platform={platform}")
    assert_refused(result, f"--platform: platform {platform!r} is not allowed")
    assert stored_problems() == one_stored_problem


@pytest.mark.parametrize("problem_id", ["../x#1", "a#../../b", "a#b/c"])
def test_an_unsafe_id_given_to_a_command_is_refused_naming_it(problem_id: str) -> None:
    result = algoitny("problems", "show", problem_id)
    assert_refused(result, "is not allowed")
    assert ("../x" in result.stderr) or ("../../b" in result.stderr) or ("b/c" in result.stderr)


def test_a_page_over_the_size_limit_is_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    page = tmp_path / "huge.html"
    real = (FIXTURES / "codeforces_1850A.html").read_text()
    page.write_text(real.replace("</body>", "<p>" + "x" * (20 * 1024 * 1024) + "</p></body>"))
    assert_refused(
        algoitny("import", str(page)), "huge.html", "more than the 4 MB an importer reads from one file"
    )
    assert stored_problems() == one_stored_problem


@pytest.mark.parametrize(
    ("filler", "expected"),
    [
        pytest.param("<span>a</span>" * 60_000, "more than 50000 HTML elements", id="many"),
        pytest.param(
            "<div>" * 2000 + "x" + "</div>" * 2000, "HTML elements nested more than 256 deep", id="deep"
        ),
        pytest.param("<b>" * 1000 + "unclosed", "HTML elements nested more than 256 deep", id="unclosed"),
    ],
)
def test_a_page_with_too_many_or_too_deep_elements_is_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], filler: str, expected: str
) -> None:
    page = tmp_path / "odd.html"
    real = (FIXTURES / "codeforces_1850A.html").read_text()
    page.write_text(real.replace("</body>", filler + "</body>"))
    assert_refused(algoitny("import", str(page)), "odd.html", expected)
    assert stored_problems() == one_stored_problem


def test_a_real_page_with_a_large_statement_still_imports(tmp_path: Path) -> None:
    page = tmp_path / "long.html"
    real = (FIXTURES / "codeforces_1850A.html").read_text()
    paragraph = "<p>" + "Alice and Bob play a long game with $$$n$$$ stones. " * 20 + "</p>\n"
    # 3 MB of text in 3,000 paragraphs: long, but a problem page.
    page.write_text(
        real.replace(
            '<div class="input-specification">', paragraph * 3000 + '<div class="input-specification">', 1
        )
    )
    result = algoitny("import", str(page), "--json")
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in stored_problems()] == ["codeforces#1850A"]


def test_an_unsafe_id_given_to_submit_and_judge_is_refused_naming_it(tmp_path: Path) -> None:
    solution = tmp_path / "sol.py"
    solution.write_text("print(1)\n")
    assert_refused(algoitny("submit", "a#../../b", str(solution)), "problem number '../../b' is not allowed")
    assert_refused(algoitny("judge", "../x#1", str(solution)), "platform '../x' is not allowed")
