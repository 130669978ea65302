"""Problems sent by the competitive-companion browser extension (its JSON, saved to a file or already parsed).

Shape: ``{name, group, url, interactive, memoryLimit (MB), timeLimit (ms), tests: [{input, output}], testType,
input: {type}, output: {type}, languages, batch: {id, size}}``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..models import CheckerKind, CheckerSpec, Limits, Problem, TestCase
from .errors import ProblemFormatError
from .files import read_text, slugify


def read_companion_file(path: Path) -> list[dict[str, Any]]:
    """The objects in a saved JSON file: one object, or a list of them (a whole contest)."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemFormatError(f"{path}: not valid JSON: {exc.msg} (line {exc.lineno})", path) from exc
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            where = f"[{index}]" if isinstance(data, list) else "top level"
            raise ProblemFormatError(f"{path}: {where}: expected an object with name, url and tests", path)
    if not items:
        raise ProblemFormatError(f"{path}: empty list, no problems", path)
    return items


def load_competitive_companion(path_or_obj: Path | dict[str, Any]) -> tuple[Problem, list[TestCase]]:
    """One problem from a competitive-companion object, or from a file holding exactly one."""
    if isinstance(path_or_obj, dict):
        return problem_from_companion(path_or_obj, source=None)
    path = Path(path_or_obj)
    items = read_companion_file(path)
    if len(items) != 1:
        raise ProblemFormatError(
            f"{path}: holds {len(items)} problems; import it with load_any to get them all", path
        )
    return problem_from_companion(items[0], source=path)


def problem_from_companion(
    obj: dict[str, Any], *, source: Path | None, index: int | None = None
) -> tuple[Problem, list[TestCase]]:
    """Problem and sample tests of one object; errors name the file (and list index) and the field."""
    where = f"{source if source is not None else 'competitive-companion data'}"
    if index is not None:
        where += f": [{index}]"

    def fail(field: str, what: str) -> ProblemFormatError:
        return ProblemFormatError(f"{where}: {field}: {what}", source)

    raw_tests = obj.get("tests")
    if not isinstance(raw_tests, list):
        raise fail("tests", "missing" if raw_tests is None else "expected a list of {input, output}")
    tests: list[TestCase] = []
    for i, raw in enumerate(raw_tests):
        if not isinstance(raw, dict) or not isinstance(raw.get("input"), str):
            raise fail(f"tests[{i}].input", "missing or not a string")
        output = raw.get("output")
        if output is not None and not isinstance(output, str):
            raise fail(f"tests[{i}].output", "not a string")
        tests.append(
            TestCase(
                test_case_id=f"sample/{i + 1}",
                input=raw["input"],
                expected_output=output,
                is_sample=True,
                order=i,
            )
        )

    name = obj.get("name")
    if name is not None and not isinstance(name, str):
        raise fail("name", "not a string")
    url = obj.get("url") if isinstance(obj.get("url"), str) else ""
    platform, number = platform_and_number(url or "", name or "")
    limits = Limits()
    if obj.get("timeLimit") is not None:
        limits.time_limit_ms = _positive_int(obj["timeLimit"], fail, "timeLimit")
    if obj.get("memoryLimit") is not None:
        limits.memory_limit_mb = _positive_int(obj["memoryLimit"], fail, "memoryLimit")
    problem = Problem(
        platform=platform,
        problem_number=number,
        title=name or number,
        limits=limits,
        # Codeforces, Baekjoon and AtCoder compare case sensitively; the extension cannot tell us about checkers.
        checker=CheckerSpec(kind=CheckerKind.DEFAULT, case_sensitive=True),
        tags=["interactive"] if obj.get("interactive") else [],
        source_url=url or "",
        test_case_count=len(tests),
    )
    return problem, tests


def _positive_int(value: Any, fail: Any, field: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise fail(field, f"expected a number, got {value!r}") from None
    if number <= 0:
        raise fail(field, f"must be positive, got {value!r}")
    return max(1, round(number))


_CODEFORCES_PATHS = (
    re.compile(r"/(?:contest|gym)/(\d+)/problem/([A-Za-z0-9]+)"),
    re.compile(r"/problemset/problem/(\d+)/([A-Za-z0-9]+)"),
    re.compile(r"/problemset/gymProblem/(\d+)/([A-Za-z0-9]+)"),
)


def platform_and_number(url: str, name: str) -> tuple[str, str]:
    """(platform, problem number) from a problem's URL, e.g. codeforces 1850A, baekjoon 1000, atcoder abc300_a.

    Unknown sites keep their host as the platform; without a URL the platform is ``cc`` (competitive companion).
    The number falls back to a slug of the problem's name.
    """
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    path = parsed.path
    if host.startswith("www."):
        host = host[4:]
    if host.endswith("codeforces.com") or host.endswith("codeforces.ml"):
        for pattern in _CODEFORCES_PATHS:
            match = pattern.search(path)
            if match:
                return "codeforces", f"{match.group(1)}{match.group(2).upper()}"
        return "codeforces", slugify(name)
    if host.endswith("acmicpc.net"):
        match = re.search(r"/problem/(\d+)", path)
        return "baekjoon", match.group(1) if match else slugify(name)
    if host.endswith("atcoder.jp"):
        match = re.search(r"/tasks/([A-Za-z0-9_-]+)", path)
        return "atcoder", match.group(1).lower() if match else slugify(name)
    if not host:
        return "cc", slugify(name)
    last = next((part for part in reversed(path.split("/")) if part), "")
    return host, slugify(last) if last else slugify(name)
