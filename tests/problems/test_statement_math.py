"""Statement math shown as Unicode text: every statement of the built-in pack and of the saved-page fixtures
renders with no `$` and no LaTeX command left; what cannot render stays as its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from algoitny_tui.problems import ProblemFormatError, load_problem_dir, load_saved_page
from algoitny_tui.problems.builtin import iter_pack_dirs
from algoitny_tui.problems.math_text import math_to_text, render_math
from algoitny_tui.widgets.problem_view import problem_markdown

FIXTURES = Path(__file__).parent / "fixtures"
LEFTOVER = re.compile(r"\$|\\[A-Za-z]+")


def _outside_code(markdown: str) -> str:
    return re.sub(r"```.*?```|`[^`\n]*`", "", markdown, flags=re.DOTALL)


def _statement_texts(problem: object) -> list[str]:
    return [
        getattr(problem, name)
        for name in ("statement", "statement_ko", "input_format", "output_format")
        if getattr(problem, name)
    ]


@pytest.mark.parametrize("folder", iter_pack_dirs(), ids=lambda p: p.name)
def test_every_pack_statement_renders_without_leftover_latex(folder: Path) -> None:
    problem, tests = load_problem_dir(folder)
    texts = _statement_texts(problem)
    assert texts, f"{folder.name} has no statement"
    for text in texts:
        rendered = _outside_code(render_math(text))
        leftover = LEFTOVER.findall(rendered)
        assert not leftover, f"{folder.name}: {leftover} left in:\n{rendered}"
    shown = _outside_code(problem_markdown(problem, tests))
    assert not LEFTOVER.findall(shown)


def test_the_pack_has_math_to_render() -> None:
    """The test above means something only if the pack's statements do use LaTeX."""
    with_math = [d for d in iter_pack_dirs() if "$" in load_problem_dir(d)[0].statement]
    assert len(with_math) >= 20


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.name)
def test_every_saved_page_statement_renders_without_leftover_latex(page: Path) -> None:
    try:
        problem, _ = load_saved_page(page)
    except ProblemFormatError:
        pytest.skip(f"{page.name} is not a page the app reads (its own test says so)")
    for text in _statement_texts(problem):
        rendered = _outside_code(render_math(text))
        assert not LEFTOVER.findall(rendered), rendered


def test_the_baekjoon_page_math_reads_as_text() -> None:
    problem, _ = load_saved_page(FIXTURES / "baekjoon_1546.html")
    rendered = render_math(problem.statement)
    assert "점수/M × 100" in rendered
    assert "이 값을 M이라고 한다." in rendered


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"2 \cdot 10^{18}", "2 · 10¹⁸"),
        (r"1 \le T \le 10\,000", "1 ≤ T ≤ 10 000"),
        (r"1 \le T \le 10,000", "1 ≤ T ≤ 10,000"),
        (r"A + B", "A + B"),
        (r"a_l + a_{l+1} + \dots + a_r", "aₗ + aₗ₊₁ + … + aᵣ"),
        (r"\frac{n(n+1)}{2}", "n(n+1)/2"),
        (r"\dfrac{a}{b}", "a/b"),
        (r"\sum_i \lfloor L_i / x \rfloor", "∑ᵢ ⌊ Lᵢ / x ⌋"),
        (r"a^{p-1} \equiv 1 \pmod p", "aᵖ⁻¹ ≡ 1 (mod p)"),
        (r"u \ne v", "u ≠ v"),
        (r"\binom{n}{k}", "C(n, k)"),
        (r"\texttt{YES}", "YES"),
        (r"\text{score}/M \times 100", "score/M × 100"),
        (r"a_{N-K+1}", "a_(N-K+1)"),
        (r"\lceil \log_2 N \rceil", "⌈log₂ N ⌉"),
    ],
)
def test_formulas_competitive_programmers_write(source: str, text: str) -> None:
    assert math_to_text(source) == text


@pytest.mark.parametrize("source", [r"\frac{1", r"\mysterymacro{x} + 1", r"\begin{weird} x \end{weird}"])
def test_what_cannot_render_stays_as_its_source(source: str) -> None:
    assert math_to_text(source) is None
    assert render_math(f"see ${source}$ here") == f"see ${source}$ here"


def test_code_and_escaped_dollars_are_left_alone() -> None:
    markdown = "Print `$x$` as is; it costs \\$5, and $x^2$ is a square.\n\n```text\n$a$\n```\n"
    assert (
        render_math(markdown)
        == "Print `$x$` as is; it costs \\$5, and x² is a square.\n\n```text\n$a$\n```\n"
    )


def test_display_math_gets_its_own_paragraph_and_markdown_characters_are_escaped() -> None:
    assert render_math("Compute $$a * b$$ now") == "Compute \n\na \\* b\n\n now"
    assert render_math("$|S|$") == "\\|S\\|"
