"""A problem as a user reads it: title, limits, tags, the statement (Markdown) and the samples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from algoitny_tui.domain import Problem, TestCase

MAX_SAMPLE_CHARS = 4000


def problem_markdown(problem: Problem, tests: Sequence[TestCase]) -> str:
    """The problem as Markdown, its statement's LaTeX math rendered as Unicode text."""
    from algoitny_tui.problems.math_text import render_math

    lim = problem.limits
    level = f" · level {problem.difficulty}" if problem.difficulty is not None else ""
    parts = [
        f"# {problem.title or problem.problem_id}",
        f"`{problem.problem_id}` · time {lim.time_limit_ms / 1000:g} s · memory {lim.memory_limit_mb} MB{level}"
        f" · {problem.test_case_count or len(tests)} tests",
    ]
    if problem.tags:
        parts.append("tags: " + ", ".join(f"`{t}`" for t in problem.tags))
    if problem.io.uses_files:
        parts.append(f"**File I/O**: {problem.io.describe()}")
    parts.append(
        render_math(problem.statement.strip() or problem.statement_ko.strip()) or "_No statement stored._"
    )
    if problem.input_format.strip():
        parts.append("## Input\n\n" + render_math(problem.input_format.strip()))
    if problem.output_format.strip():
        parts.append("## Output\n\n" + render_math(problem.output_format.strip()))
    samples = [t for t in tests if t.is_sample]
    interactive = problem.checker.kind == "interactive"  # a StrEnum: the models stay unimported here
    for n, sample in enumerate(samples, start=1):
        # `text` fences: without a language, the Markdown widget asks Pygments to guess one (0.2-0.5 s).
        if interactive:
            # The data is the judge program's (a secret, say), not what the solution reads or prints.
            parts.append(
                f"## Sample {n} (interactive)\n\nYour program does not read this: the judge program "
                f"starts from it and talks to yours. Judge's data\n\n```text\n{_cut(sample.input)}\n```"
                f"\n\nJudge's answer file\n\n```text\n{_cut(sample.expected_output or '')}\n```"
            )
            continue
        parts.append(
            f"## Sample {n}\n\nInput\n\n```text\n{_cut(sample.input)}\n```\n\nOutput\n\n"
            f"```text\n{_cut(sample.expected_output or '')}\n```"
        )
    if problem.source_url:
        parts.append(f"source: {problem.source_url}")
    return "\n\n".join(parts) + "\n"


def _cut(text: str) -> str:
    text = text.rstrip("\n")
    return text if len(text) <= MAX_SAMPLE_CHARS else text[:MAX_SAMPLE_CHARS] + "\n…"


class ProblemView(VerticalScroll):
    """The Markdown widget (and its parser) is made on the first `show`: the first screen paints without it."""

    DEFAULT_CSS = """
    ProblemView { height: 1fr; }
    ProblemView > Markdown { margin: 0 1; }
    ProblemView > #problem-placeholder { margin: 0 1; color: $text-muted; text-style: italic; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Pick a problem.", id="problem-placeholder")

    _pending: tuple[Problem | None, Sequence[TestCase]] | None = None

    def on_mount(self) -> None:
        if self._pending is not None:  # asked to show a problem before it was mounted
            self.show(*self._pending)

    def show(self, problem: Problem | None, tests: Sequence[TestCase] = ()) -> None:
        from textual.widgets import Markdown

        if not self.is_mounted:  # a preview that arrives first is shown once the view is mounted
            self._pending = (problem, tests)
            return
        self._pending = None
        if not self.is_attached:  # removed meanwhile (the screen closed, the app is ending): nothing to show
            return

        text = problem_markdown(problem, tests) if problem is not None else "_Pick a problem._"
        found = self.query(Markdown)
        if found:
            found.first(Markdown).update(text)
        else:
            self.query("#problem-placeholder").remove()
            self.mount(Markdown(text))
        self.scroll_home(animate=False)
