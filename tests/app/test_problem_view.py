"""What the statement pane says about samples: plain ones as input and output, interactive ones as the judge's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from algoitny_tui.problems import load_problem_dir
from algoitny_tui.widgets.problem_view import problem_markdown

PACK = Path(__file__).resolve().parents[2] / "algoitny_tui" / "problems" / "builtin" / "pack"


def test_a_plain_sample_shows_its_input_and_output(tmp_path: Path) -> None:
    (tmp_path / "1.in").write_text("1 2\n")
    (tmp_path / "1.out").write_text("3\n")
    problem, tests = load_problem_dir(tmp_path)
    tests = [replace(t, is_sample=True) for t in tests]
    text = problem_markdown(problem, tests)
    assert "## Sample 1\n\nInput\n\n```text\n1 2\n```\n\nOutput\n\n```text\n3\n```" in text


def test_an_interactive_sample_is_not_shown_as_the_programs_input() -> None:
    problem, tests = load_problem_dir(next(PACK.glob("*-guess-the-number")))
    text = problem_markdown(problem, tests)
    assert "## Sample 1 (interactive)" in text and "Your program does not read this" in text
    assert "\nInput\n" not in text.split("## Sample 1", 1)[1]
