"""Saved problem pages from Baekjoon, Codeforces and AtCoder (fixtures shaped like the sites' real markup)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from algoitny_tui.domain import CheckerKind
from algoitny_tui.problems import ProblemFormatError, load_any, load_saved_page
from algoitny_tui.problems.pages import UnknownPageLayout

FIXTURES = Path(__file__).parent / "fixtures"


def test_baekjoon_page_in_korean() -> None:
    problem, tests = load_saved_page(FIXTURES / "baekjoon_1546.html")

    assert problem.problem_id == "baekjoon#1546"
    assert problem.title == "평균"  # the special-judge label is not part of the title
    assert problem.limits.time_limit_ms == 2000
    assert problem.limits.memory_limit_mb == 128
    assert problem.source_url == "https://www.acmicpc.net/problem/1546"
    assert problem.tags == ["수학", "사칙연산"]
    assert problem.checker.kind == CheckerKind.DEFAULT and problem.checker.case_sensitive is True
    # "절대오차 또는 상대오차가 10^-2 이하이면 정답" -> the default check with that tolerance, not exact tokens
    assert problem.checker.float_absolute_tolerance == pytest.approx(1e-2)
    assert problem.checker.float_relative_tolerance == pytest.approx(1e-2)
    # Korean statement, Markdown-ish: paragraphs, math source instead of rendered spans, lists, emphasis
    assert problem.statement_ko == problem.statement
    assert problem.statement.startswith("세준이는 기말고사를 망쳤다.")
    assert "이 값을 $M$이라고 한다." in problem.statement
    assert "$\\text{점수}/M \\times 100$" in problem.statement
    assert "`50/70*100`" in problem.statement
    assert "- 과목은 **최대** 1000개" in problem.statement
    assert "- 점수는 *음이 아닌* 정수" in problem.statement
    assert "## 제한\n\n- 0 < 점수 ≤ 100" in problem.statement
    assert "MathJax" not in problem.statement
    assert problem.input_format == (
        "첫째 줄에 시험 본 과목의 개수 N이 주어진다. 이 값은 1000보다 작거나 같다.\n둘째 줄에 세준이의 현재 성적이 주어진다."
    )
    assert "10^-2 이하이면 정답이다." in problem.output_format
    assert [(t.test_case_id, t.input, t.expected_output, t.is_sample) for t in tests] == [
        ("sample/1", "3\n40 80 60\n", "75.0\n", True),
        ("sample/2", "3\n10 20 30\n", "66.666667\n", True),  # CR and trailing spaces of the page dropped
    ]
    assert problem.test_case_count == 2


def test_baekjoon_number_from_title_when_no_url(tmp_path: Path) -> None:
    html = (FIXTURES / "baekjoon_1546.html").read_text(encoding="utf-8")
    html = html.replace('<link rel="canonical" href="https://www.acmicpc.net/problem/1546" />', "")
    html = html.replace('<meta property="og:url" content="https://www.acmicpc.net/problem/1546">', "")
    html = html.replace('<li class="active"><a href="/problem/1546">1546번</a></li>', "")
    page = tmp_path / "saved.html"
    page.write_text(html, encoding="utf-8")
    problem, _ = load_saved_page(page)
    assert problem.problem_number == "1546"


def test_baekjoon_english_limits_and_missing_sample_output(tmp_path: Path) -> None:
    page = tmp_path / "1000.html"
    page.write_text(
        "<html><body><span id='problem_title'>A+B</span>"
        "<table id='problem-info'><thead><tr><th>Time Limit</th><th>Memory Limit</th></tr></thead>"
        "<tbody><tr><td>0.5 seconds (no extra time)</td><td>1 GB</td></tr></tbody></table>"
        "<div id='problem_description'><p>Print A+B.</p></div>"
        "<pre id='sample-input-1'>1 2</pre></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ProblemFormatError) as info:
        load_saved_page(page)
    assert str(info.value) == f"{page}: sample 1 has no output"

    page.write_text(
        page.read_text(encoding="utf-8").replace("</body>", "<pre id='sample-output-1'>3</pre></body>")
    )
    problem, tests = load_saved_page(page)
    assert problem.problem_id == "baekjoon#1000"  # from the file name
    assert problem.limits.time_limit_ms == 500
    assert problem.limits.memory_limit_mb == 1024
    assert problem.statement == "Print A+B." and problem.statement_ko == ""
    assert [(t.input, t.expected_output) for t in tests] == [("1 2\n", "3\n")]


def test_codeforces_page() -> None:
    problem, tests = load_saved_page(FIXTURES / "codeforces_1850A.html")

    assert problem.problem_id == "codeforces#1850A"
    assert problem.title == "A. To My Critics"
    assert problem.limits.time_limit_ms == 1000
    assert problem.limits.memory_limit_mb == 256
    assert problem.source_url == "https://codeforces.com/contest/1850/problem/A"
    assert problem.tags == ["implementation", "sortings"]
    assert problem.statement.startswith("Suneet has three digits $a$, $b$, and $c$.")
    assert "## Note\n\nFor the first test case, by choosing the digits $8$ and $2$" in problem.statement
    assert "Input" not in problem.statement
    assert problem.input_format.startswith(
        "The first line contains a single integer $t$ ($1 \\leq t \\leq 1000$)"
    )
    assert problem.checker.float_absolute_tolerance is None  # no error tolerance stated
    assert "section-title" not in problem.output_format and not problem.output_format.startswith("Output")
    assert len(tests) == 1
    assert tests[0].input == "5\n8 1 2\n4 4 5\n9 9 9\n0 0 0\n8 5 3\n"
    assert tests[0].expected_output == "YES\nNO\nYES\nNO\nYES\n"


def test_codeforces_gym_page_with_br_lines_and_no_url(tmp_path: Path) -> None:
    problem, tests = load_saved_page(FIXTURES / "codeforces_gym_br.html")
    assert problem.problem_id == "codeforces#104114C"  # contest from the page's link, index from the title
    assert problem.limits.time_limit_ms == 2500
    assert problem.limits.memory_limit_mb == 512
    assert [(t.test_case_id, t.input, t.expected_output) for t in tests] == [
        ("sample/1", "2\nab\ncd\n", "ab\ncd\n"),
        ("sample/2", "0\n", ""),
    ]


def test_atcoder_page_prefers_english() -> None:
    problem, tests = load_saved_page(FIXTURES / "atcoder_abc300_a.html")

    assert problem.problem_id == "atcoder#abc300_a"
    assert problem.title == "A - N-choice question"
    assert problem.limits.time_limit_ms == 2000
    assert problem.limits.memory_limit_mb == 1024
    assert problem.statement.startswith("Given integers $A$ and $B$")
    assert "The $i$-th choice is $C_i$" in problem.statement
    assert "## Constraints\n\n- $1 \\leq N \\leq 300$" in problem.statement
    assert "整数" not in problem.statement
    assert problem.input_format.startswith("The input is given from Standard Input in the following format:")
    assert "N A B" in problem.input_format
    assert problem.output_format == "Print the answer as an integer."
    assert [(t.test_case_id, t.input, t.expected_output) for t in tests] == [
        ("sample/1", "3 125 175\n200 300 400\n", "2\n"),
        ("sample/2", "1 1 1\n2\n", "1\n"),
    ]


def test_atcoder_japanese_only_page(tmp_path: Path) -> None:
    page = tmp_path / "arc999_b.html"
    shutil.copy(FIXTURES / "atcoder_ja_only.html", page)
    problem, tests = load_saved_page(page)
    assert problem.problem_id == "atcoder#arc999_b"  # from the file name
    assert problem.title == "B - 茶色"
    assert problem.limits.time_limit_ms == 3000
    assert problem.limits.memory_limit_mb == 256
    assert problem.statement == "文字列 $S$ を出力してください。"
    assert problem.output_format == "答えを出力せよ。"
    assert [(t.input, t.expected_output) for t in tests] == [("atcoder\n", "atcoder\n")]


def test_unknown_layout_is_refused_with_the_file_and_the_known_layouts_named() -> None:
    path = FIXTURES / "unknown_layout.html"
    with pytest.raises(UnknownPageLayout) as info:
        load_saved_page(path)
    assert str(info.value) == (
        f"page layout not recognised: {path} (the known layouts: Baekjoon, Codeforces and "
        "AtCoder problem pages)"
    )
    assert info.value.path == path


def test_load_any_dispatches_html_and_refuses_other_files(tmp_path: Path) -> None:
    [(problem, tests)] = load_any(FIXTURES / "codeforces_1850A.html")
    assert problem.problem_id == "codeforces#1850A" and len(tests) == 1
    other = tmp_path / "statement.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(ProblemFormatError, match="unknown kind of file"):
        load_any(other)
    with pytest.raises(ProblemFormatError, match="no such file or directory"):
        load_any(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("text", "tolerance"),
    [
        (
            "Your answer is considered correct if its absolute or relative error does not exceed $10^{-6}$.",
            1e-6,
        ),
        (
            "Your output is considered correct if the absolute or relative error from the true value is at most "
            "$10^{-9}$.",
            1e-9,
        ),
        ("정답과의 절대/상대 오차는 10<sup>-4</sup>까지 허용한다.", None),  # raw html is not what we scan
        ("정답과의 절대/상대 오차는 10^-4까지 허용한다.", 1e-4),
        ("Print YES or NO.", None),
    ],
    ids=["codeforces", "atcoder", "raw-html", "baekjoon", "none"],
)
def test_float_tolerance_stated_in_the_output_section(text: str, tolerance: float | None) -> None:
    from algoitny_tui.problems.pages.common import float_tolerance

    found = float_tolerance(text)
    assert found == (pytest.approx(tolerance) if tolerance is not None else None)
