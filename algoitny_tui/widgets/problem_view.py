"""A problem as a user reads it: title, limits, tags, the statement (Markdown) and the samples."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from algoitny_tui.models import Problem, TestCase

MAX_SAMPLE_CHARS = 4000


def problem_markdown(problem: Problem, tests: Sequence[TestCase]) -> str:
    lim = problem.limits
    level = f" · level {problem.difficulty}" if problem.difficulty is not None else ""
    parts = [
        f"# {problem.title or problem.problem_id}",
        f"`{problem.problem_id}` · time {lim.time_limit_ms / 1000:g} s · memory {lim.memory_limit_mb} MB{level}"
        f" · {problem.test_case_count or len(tests)} tests",
    ]
    if problem.tags:
        parts.append("tags: " + ", ".join(f"`{t}`" for t in problem.tags))
    parts.append(problem.statement.strip() or problem.statement_ko.strip() or "_No statement stored._")
    if problem.input_format.strip():
        parts.append("## Input\n\n" + problem.input_format.strip())
    if problem.output_format.strip():
        parts.append("## Output\n\n" + problem.output_format.strip())
    samples = [t for t in tests if t.is_sample]
    for n, sample in enumerate(samples, start=1):
        parts.append(f"## Sample {n}\n\nInput\n\n```\n{_cut(sample.input)}\n```\n\nOutput\n\n"
                     f"```\n{_cut(sample.expected_output or '')}\n```")
    if problem.source_url:
        parts.append(f"source: {problem.source_url}")
    return "\n\n".join(parts) + "\n"


def _cut(text: str) -> str:
    text = text.rstrip("\n")
    return text if len(text) <= MAX_SAMPLE_CHARS else text[:MAX_SAMPLE_CHARS] + "\n…"


class ProblemView(VerticalScroll):
    DEFAULT_CSS = """
    ProblemView { height: 1fr; }
    ProblemView > Markdown { margin: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Markdown("_Pick a problem._")

    def show(self, problem: Problem | None, tests: Sequence[TestCase] = ()) -> None:
        text = problem_markdown(problem, tests) if problem is not None else "_Pick a problem._"
        self.query_one(Markdown).update(text)
        self.scroll_home(animate=False)
