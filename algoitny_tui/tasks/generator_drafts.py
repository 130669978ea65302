"""A generator written for the user: "write a generator" in the app, `algoitny generator` on the command line.

With a Gemini key, Gemini drafts one from the statement (the prompt of generators.py), in the user's language; the
draft is compiled and run once with seed 1 in the judge's sandbox before it is offered. Without a key, or when
Gemini fails or its draft does not compile or run, a template for the input's shape (input_shape.py,
generator_templates.py) is offered instead, and the note says why. Either way the draft follows the generator
contract of generators.py, so the stress runner and `generate_script_task` take it as it is.

Call `draft_generator` off the UI thread: it may wait for Gemini (up to a minute) and for a compiler.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from algoitny_tui.config import Settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.problems.generator_templates import template_language, template_source
from algoitny_tui.problems.input_shape import InputShape, check_input, classify

log = logging.getLogger(__name__)

SMOKE_SEED = "1"


@dataclass(frozen=True)
class GeneratorDraft:
    source: str
    language: str
    """The language `source` is written in (a template falls back to Python 3 for languages without one)."""
    origin: Literal["gemini", "template"]
    note: str
    """One line for the user: what was drafted, and why a template when Gemini was not used."""
    shape: str = ""
    """The input shape the classifier read (`graph (first line: N M)`)."""
    sample_input: str | None = None
    """What the draft printed for seed 1, when it was run."""

    def as_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "origin": self.origin,
            "note": self.note,
            "shape": self.shape,
            "source": self.source,
            "sample_input": self.sample_input,
        }


class SmokeRunFailed(Exception):
    """The draft did not compile, failed, or printed nothing for seed 1."""


def draft_generator(
    problem: Problem,
    language: str,
    settings: Settings,
    *,
    tests: list[TestCase] | None = None,
    runner: Any = None,
) -> GeneratorDraft:
    """A generator for `problem` in `language`: Gemini's when a key is set and its draft passes a smoke run in the
    sandbox, else a template for the input's shape. `runner` (a judge.ProgramRunner) is reused when given."""
    shape = classify(problem)
    if not settings.gemini_key():
        return template_draft(
            problem,
            language,
            shape,
            f"no Gemini key (gemini_api_key): a template for the input shape {shape.describe()}",
        )
    from algoitny_tui.gemini import GeminiError
    from algoitny_tui.tasks.errors import PermanentTaskError

    try:
        source = gemini_source(problem, language, settings, tests or [])
        sample = smoke_run(problem, source, language, settings, runner)
    except GeminiError as exc:
        return template_draft(
            problem,
            language,
            shape,
            f"Gemini: {exc.reason}; a template for the input shape {shape.describe()}",
        )
    except (PermanentTaskError, SmokeRunFailed) as exc:
        return template_draft(
            problem,
            language,
            shape,
            f"Gemini's generator {exc}; a template for the input shape {shape.describe()} instead",
        )
    warning = check_input(shape, sample)
    note = "written by Gemini, compiled and run once (seed 1)"
    if warning:  # the classifier may be the one that is wrong: said, not refused
        note += f"; its output does not look like the shape {shape.describe()} read from the statement ({warning})"
    return GeneratorDraft(source, language, "gemini", note, shape.describe(), sample)


def template_draft(problem: Problem, language: str, shape: InputShape, why: str) -> GeneratorDraft:
    written_in = template_language(language)
    note = why
    if written_in != language:
        note += f"; no template in {language}: written in {written_in} (a generator may be in any language)"
    return GeneratorDraft(
        template_source(shape, written_in, problem.title), written_in, "template", note, shape.describe()
    )


def gemini_source(problem: Problem, language: str, settings: Settings, tests: list[TestCase]) -> str:
    from algoitny_tui.gemini import LONG_TIMEOUT_S, client_for
    from algoitny_tui.tasks.generators import (
        GENERATOR_SCHEMA,
        GENERATOR_SYSTEM,
        generator_code,
        generator_prompt,
    )

    samples = [t for t in tests if t.is_sample] or tests[:1]
    answer = client_for(settings, LONG_TIMEOUT_S).generate(
        generator_prompt(problem, samples, language), system=GENERATOR_SYSTEM, schema=GENERATOR_SCHEMA
    )
    return generator_code(answer.text)


def smoke_run(problem: Problem, source: str, language: str, settings: Settings, runner: Any = None) -> str:
    """Compile `source` and run it with seed 1 in the sandbox: its output, or SmokeRunFailed saying why."""
    if runner is None:
        from algoitny_tui.judge import ProgramRunner, SandboxUnavailable
        from algoitny_tui.judge.options import judge_options

        options = judge_options(settings)
        try:
            with ProgramRunner(cache_dir=options["cache_dir"], languages=options.get("languages")) as own:
                return smoke_run(problem, source, language, settings, own)
        except SandboxUnavailable as exc:
            raise SmokeRunFailed(f"could not be run here ({exc})") from None
    from algoitny_tui.judge.languages import UnknownLanguage
    from algoitny_tui.judge.stress import helper_run_limits

    try:
        program = runner.prepare(source, language)
    except UnknownLanguage as exc:
        raise SmokeRunFailed(f"is in an unknown language ({exc})") from None
    if program.artifact is None:
        raise SmokeRunFailed(f"does not compile: {program.compile.message[:300]}")
    run = runner.run(program, b"", helper_run_limits(problem), [SMOKE_SEED])
    if not run.ok:
        raise SmokeRunFailed(f"failed on seed {SMOKE_SEED}: {run.verdict} {run.message}".strip())
    text = run.stdout.decode("utf-8", "replace")
    if not text.strip():
        raise SmokeRunFailed(f"printed nothing for seed {SMOKE_SEED}")
    return text


def write_draft(draft: GeneratorDraft, path: Path) -> None:
    """Write the draft to a new file; FileExistsError rather than overwrite the user's file."""
    with path.open("x", encoding="utf-8") as out:
        out.write(draft.source)
