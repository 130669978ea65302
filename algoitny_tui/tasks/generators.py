"""Test inputs from a generator program: the library under `generate_script_task`.

The generator contract (the user's own, or the one Gemini writes): a program that reads its seed from argv[1]
(1, 2, ..., N here; the round number in a stress test), reads nothing from stdin, and prints one test input.
It runs in the judge's sandbox with the problem's memory limit and a CPU limit of max(10 s, 5 x the problem's).

Not safe to run twice (a rerun would add another N tests): recovery fails it with a reason instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoitny_tui.config import Settings
from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.outputs import fill_expected_outputs, load_problem
from algoitny_tui.tasks.progress import Progress

STATEMENT_CAP = 12_000

GENERATOR_SYSTEM = (
    "You write random test-input generators for competitive programming problems. Answer with a JSON object "
    "whose `code` is one complete program in the language the request names."
)
PROMPT_LANGUAGE = {
    "python3": "Python 3",
    "pypy3": "Python 3",
    "cpp": "C++17",
    "cpp20": "C++20",
    "c": "C (C11)",
    "java": "Java (class Main)",
    "kotlin": "Kotlin",
    "javascript": "JavaScript (Node.js)",
    "rust": "Rust",
    "go": "Go",
}
"""How the prompt names each built-in language (a language the user defined is named as they spelled it)."""
GENERATOR_SCHEMA = {"type": "OBJECT", "properties": {"code": {"type": "STRING"}}, "required": ["code"]}


@dataclass
class Generator:
    code: str
    language: str
    source: str
    """"user", "gemini" or "template"."""


def generator_prompt(problem: Problem, samples: list[TestCase], language: str = "python3") -> str:
    parts = [
        f"Problem: {problem.title or problem.problem_id}",
        f"Limits: {problem.limits.time_limit_ms} ms, {problem.limits.memory_limit_mb} MB",
        "Statement:\n" + (problem.statement or problem.statement_ko)[:STATEMENT_CAP],
    ]
    if problem.input_format:
        parts.append("Input format:\n" + problem.input_format[:STATEMENT_CAP])
    for n, sample in enumerate(samples[:3], 1):
        parts.append(f"Sample input {n}:\n{sample.input[:2000]}")
    name = PROMPT_LANGUAGE.get(language, language)
    seeding = "calls random.seed(seed)" if name == "Python 3" else "seeds its random generator with it"
    parts.append(
        f"Write a {name} program that prints exactly one valid test input for this problem to stdout, in the "
        f"input format above, respecting every constraint. It takes an integer seed as its first command-line "
        f"argument (sys.argv[1] in Python, argv[1] in C++), {seeding} and reads nothing from stdin. Small seeds "
        "should give small inputs (easy to debug), larger seeds larger ones, with edge cases (minimum and maximum "
        "values) now and then."
    )
    return "\n\n".join(parts)


def resolve_generator(
    settings: Settings,
    problem: Problem,
    tests: list[TestCase],
    code: str | None,
    language: str | None,
    progress: Progress,
) -> Generator:
    """The user's generator when given; else one from Gemini when a key is set; else the template for the input's
    shape (generator_drafts.draft_generator, the draft "write a generator" offers without a key)."""
    if code:
        return Generator(code, language or "python3", "user")
    from algoitny_tui.gemini import LONG_TIMEOUT_S, client_for

    if not settings.gemini_key():
        from algoitny_tui.tasks.generator_drafts import draft_generator

        draft = draft_generator(problem, language or "python3", settings, tests=tests)
        progress("generator", f"a template generator: {draft.note}", None, None)
        return Generator(draft.source, draft.language, "template")
    progress("generator", "asking Gemini for a generator", None, None)
    samples = [t for t in tests if t.is_sample] or tests[:1]
    answer = client_for(settings, LONG_TIMEOUT_S).generate(
        generator_prompt(problem, samples), system=GENERATOR_SYSTEM, schema=GENERATOR_SCHEMA
    )
    return Generator(generator_code(answer.text), "python3", "gemini")


def generator_code(answer: str) -> str:
    """The program in Gemini's JSON answer; PermanentTaskError when the answer is not the requested JSON."""
    import json

    try:
        code = json.loads(answer).get("code")
    except (ValueError, AttributeError):
        code = None
    if not isinstance(code, str) or not code.strip():
        raise PermanentTaskError(
            f"Gemini's answer is not the requested JSON with a program: {answer[:200]!r}"
        )
    return code.strip() + "\n"


def generate_inputs(
    runner: Any, generator: Generator, problem: Problem, count: int, progress: Progress
) -> tuple[list[str], list[dict[str, str]]]:
    """Run the generator with seeds 1..count; distinct non-empty outputs become inputs."""
    program = runner.prepare(generator.code, generator.language)
    if program.artifact is None:
        raise PermanentTaskError(
            f"the generator ({generator.language}) does not compile: {program.compile.message[:1000]}"
        )
    inputs: list[str] = []
    failed: list[dict[str, str]] = []
    seen: set[str] = set()
    from algoitny_tui.judge.stress import helper_run_limits

    limits = helper_run_limits(problem)
    for seed in range(1, count + 1):
        run = runner.run(program, b"", limits, [str(seed)])
        text = run.stdout.decode("utf-8", "replace")
        if not run.ok:
            why = f"{run.verdict} {run.message}".strip()
        elif not text.strip():
            why = "printed nothing"
        elif text in seen:
            why = "same input as an earlier seed"
        else:
            why = ""
        if why:
            failed.append({"seed": str(seed), "message": f"generator {why}"})
            progress(
                "generator", f"seed {seed}: generator {why}; skipped", 50.0 * seed / count, {"seed": seed}
            )
            continue
        seen.add(text)
        inputs.append(text)
        progress(
            "input",
            f"seed {seed}: {len(run.stdout)} bytes in {run.time_ms} ms",
            50.0 * seed / count,
            {"seed": seed},
        )
    return inputs, failed


def generate_script(
    repos: Repositories,
    settings: Settings,
    platform: str,
    number: str,
    *,
    count: int,
    generator_code: str | None,
    generator_language: str | None,
    job_id: str,
    progress: Progress,
    cache_dir: Path | None = None,
    languages: Any = None,
) -> dict[str, Any]:
    if count < 1:
        raise PermanentTaskError(f"count must be at least 1 (got {count})")
    problem, tests = load_problem(repos, platform, number)
    generator = resolve_generator(settings, problem, tests, generator_code, generator_language, progress)
    from algoitny_tui.judge import ProgramRunner  # the judge loads only in the worker

    with ProgramRunner(cache_dir=cache_dir, languages=languages) as runner:
        inputs, failed = generate_inputs(runner, generator, problem, count, progress)
    if not inputs:
        raise PermanentTaskError(
            f"the generator made no input in {count} runs (seed {failed[0]['seed']}: {failed[0]['message']})"
        )
    cases = [TestCase(test_case_id=f"gen-{job_id[:8]}-{n}", input=text) for n, text in enumerate(inputs, 1)]
    added = repos.problems.add_test_cases(problem.platform, problem.problem_number, cases)
    progress("store", f"stored {len(added)} new inputs", 50.0, {"tests": [c.test_case_id for c in added]})
    result: dict[str, Any] = {
        "problem_id": problem.problem_id,
        "inputs": len(added),
        "test_case_ids": [c.test_case_id for c in added],
        "generator_failures": failed,
        "generator": {
            "source": generator.source,
            "language": generator.language,
            # Gemini's program is kept, so the user can read it and reuse it as their own.
            "code": generator.code if generator.source == "gemini" else None,
        },
    }
    if not problem.reference_solution:
        progress("outputs", "no reference solution: the new inputs have no expected output yet", 100.0, None)
        return {"status": "partial", **result, "note": "no reference solution: inputs stored without outputs"}

    def second_half(step: str, message: str, percent: float | None, detail: dict[str, Any] | None) -> None:
        progress(step, message, None if percent is None else 50.0 + percent / 2, detail)

    report = fill_expected_outputs(
        repos, problem, added, second_half, cache_dir=cache_dir, languages=languages
    )
    status = "success" if not (report.failed or failed) else "partial"
    return {"status": status, **result, "outputs": report.as_result()}
