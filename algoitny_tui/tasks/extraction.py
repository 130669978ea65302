"""A problem from a saved problem page: the library under `extract_problem_info_task`.

Baekjoon, Codeforces and AtCoder layouts are parsed (problems/pages); for a layout the parser does not know,
Gemini (when a key is set) reads the page's text and answers with the problem as JSON. Safe to run again: the
problem is written with the same values, and tests the page does not hold (secret tests, generated inputs) and
the stored reference solution are kept.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from algoitny_tui.config import Settings
from algoitny_tui.domain import Limits, Problem, TestCase
from algoitny_tui.problems.limits import MAX_PAGE_BYTES
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.progress import Progress

PAGE_TEXT_CAP = 60_000

EXTRACT_SYSTEM = (
    "You extract competitive programming problems from the text of saved web pages. Answer with one JSON object "
    "and nothing else."
)
_TEXT = {"type": "STRING"}
EXTRACT_SCHEMA = {
    "type": "OBJECT",
    "properties": {
        "platform": {"type": "STRING", "description": 'site name in lower case, or "web"'},
        "problem_number": {"type": "STRING", "description": "the problem's id on its site, or empty"},
        "title": _TEXT,
        "time_limit_ms": {"type": "INTEGER", "nullable": True},
        "memory_limit_mb": {"type": "INTEGER", "nullable": True},
        "statement": {"type": "STRING", "description": "Markdown"},
        "input_format": {"type": "STRING", "description": "Markdown"},
        "output_format": {"type": "STRING", "description": "Markdown"},
        "samples": {
            "type": "ARRAY",
            "items": {
                "type": "OBJECT",
                "properties": {"input": _TEXT, "output": _TEXT},
                "required": ["input"],
            },
        },
    },
    "required": ["title", "samples"],
}
"""The response schema: the problem's fields, as `problem_from_json` reads them."""


def extraction_prompt(text: str) -> str:
    return (
        "Extract the problem on this page. Copy sample inputs and outputs exactly, line breaks included. "
        f"Use null for a limit the page does not give.\n\nPage text:\n{text[:PAGE_TEXT_CAP]}"
    )


def page_text(html: str) -> str:
    from algoitny_tui.problems.pages.markup import parse_html

    soup = parse_html(html)
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def problem_from_json(answer: str, platform: str | None, source: Path) -> tuple[Problem, list[TestCase]]:
    """Gemini's JSON answer as a problem; PermanentTaskError when it is not a problem."""
    from algoitny_tui.problems.files import slugify

    try:
        data = json.loads(answer)
    except ValueError:
        raise PermanentTaskError(f"{source}: Gemini's answer is not JSON: {answer[:200]!r}") from None
    if not isinstance(data, dict) or not str(data.get("title") or "").strip():
        raise PermanentTaskError(f"{source}: Gemini found no problem on the page")
    title = str(data["title"]).strip()
    samples = [s for s in data.get("samples") or [] if isinstance(s, dict) and s.get("input") is not None]
    tests = [
        TestCase(
            test_case_id=f"sample/{n}",
            input=_line_end(s["input"]),
            expected_output=_line_end(s["output"]) if s.get("output") is not None else None,
            is_sample=True,
        )
        for n, s in enumerate(samples, 1)
    ]
    limits = Limits()
    if isinstance(data.get("time_limit_ms"), int | float) and data["time_limit_ms"] > 0:
        limits.time_limit_ms = int(data["time_limit_ms"])
    if isinstance(data.get("memory_limit_mb"), int | float) and data["memory_limit_mb"] > 0:
        limits.memory_limit_mb = int(data["memory_limit_mb"])
    problem = Problem(
        platform=slugify(platform or str(data.get("platform") or "") or "web", "web"),
        problem_number=slugify(str(data.get("problem_number") or "") or title),
        title=title,
        statement=str(data.get("statement") or ""),
        input_format=str(data.get("input_format") or ""),
        output_format=str(data.get("output_format") or ""),
        limits=limits,
        test_case_count=len(tests),
    )
    return problem, tests


def _line_end(text: Any) -> str:
    value = str(text)
    return value if value.endswith("\n") else value + "\n"


def merge_with_stored(
    repos: Repositories, problem: Problem, samples: list[TestCase]
) -> tuple[Problem, list[TestCase]]:
    """What the page does not hold stays as stored: other tests, reference solution, legacy id, tags."""
    found = repos.problems.get_problem_with_testcases(problem.platform, problem.problem_number)
    if found is None:
        return problem, samples
    stored, tests = found
    return (
        replace(
            problem,
            reference_solution=stored.reference_solution,
            reference_language=stored.reference_language,
            legacy_id=stored.legacy_id,
            difficulty=problem.difficulty or stored.difficulty,
            tags=problem.tags or stored.tags,
        ),
        samples + [t for t in tests if not t.is_sample],
    )


def extract_problem_info(
    repos: Repositories, settings: Settings, path: str, platform: str | None, progress: Progress
) -> dict[str, Any]:
    from algoitny_tui.domain import check_platform
    from algoitny_tui.problems import ProblemFormatError, load_saved_page
    from algoitny_tui.problems.pages import UnknownPageLayout

    if platform:
        try:
            check_platform(platform)
        except ValueError as exc:
            raise PermanentTaskError(str(exc)) from None
    source = Path(path).expanduser()
    progress("read", f"reading {source}", 5.0, None)
    if not source.is_file():
        raise PermanentTaskError(f"{source}: no such file")
    if source.stat().st_size > MAX_PAGE_BYTES:
        raise PermanentTaskError(
            f"{source}: {source.stat().st_size // 2**20} MB is too large for a problem page"
        )
    progress("parse", "parsing the page", 20.0, None)
    try:
        problem, tests = load_saved_page(source)
        how = "page layout"
    except UnknownPageLayout as exc:
        problem, tests = _with_gemini(settings, source, platform, progress, exc)
        how = "gemini"
    except ProblemFormatError as exc:
        raise PermanentTaskError(str(exc)) from None
    if platform and how == "page layout":
        problem = replace(problem, platform=platform)
    progress(
        "parse",
        f"{problem.problem_id}: {problem.title!r}, {len(tests)} samples "
        f"({'read by Gemini' if how == 'gemini' else 'parsed'})",
        60.0,
        None,
    )
    problem, tests = merge_with_stored(repos, problem, tests)
    repos.problems.put_problem(problem, tests)
    progress("store", f"stored {problem.problem_id} with {len(tests)} tests", 100.0, None)
    return {
        "status": "success",
        "problem_id": problem.problem_id,
        "title": problem.title,
        "tests": len(tests),
        "samples": sum(t.is_sample for t in tests),
        "extracted_by": how,
    }


def no_key_message(error: Exception) -> str:
    """Why an unknown layout cannot be read without a key (the error names the layouts that are known)."""
    from algoitny_tui.gemini import KEY_SETTING

    return f"{error}; no Gemini key is set to read other layouts ({KEY_SETTING})"


def _with_gemini(
    settings: Settings, source: Path, platform: str | None, progress: Progress, error: Exception
) -> tuple[Problem, list[TestCase]]:
    from algoitny_tui.gemini import LONG_TIMEOUT_S, client_for

    if not settings.gemini_key():
        raise PermanentTaskError(no_key_message(error))
    from algoitny_tui.problems.files import read_text

    text = page_text(read_text(source))
    if not text.strip():
        raise PermanentTaskError(f"{source}: the page has no text")
    progress("gemini", f"layout not recognised: asking Gemini to read {len(text)} characters", 30.0, None)
    answer = client_for(settings, LONG_TIMEOUT_S).generate(
        extraction_prompt(text), system=EXTRACT_SYSTEM, schema=EXTRACT_SCHEMA
    )
    return problem_from_json(answer.text, platform, source)
