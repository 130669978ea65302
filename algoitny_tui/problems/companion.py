"""Problems sent by the competitive-companion browser extension (its JSON, saved to a file or already parsed).

Shape: ``{name, group, url, interactive, memoryLimit (MB), timeLimit (ms), tests: [{input, output}], testType,
input: {type, fileName | pattern}, output: {type, fileName}, languages, batch: {id, size}}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..domain import CheckerKind, CheckerSpec, Limits, Problem, TestCase, check_platform, check_problem_number
from ..file_io import FileIO, check_io_file_name
from .errors import ProblemFormatError
from .files import read_text, slugify
from .limits import MAX_JSON_BYTES, MAX_JSON_DEPTH


def read_companion_file(path: Path) -> list[dict[str, Any]]:
    """The objects in a saved JSON file: one object, or a list of them (a whole contest)."""
    data = parse_json(read_text(path, limit=MAX_JSON_BYTES), str(path), path)
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            where = f"[{index}]" if isinstance(data, list) else "top level"
            raise ProblemFormatError(f"{path}: {where}: expected an object with name, url and tests", path)
    if not items:
        raise ProblemFormatError(f"{path}: empty list, no problems", path)
    return items


def parse_json(text: str, where: str, path: Path | None = None) -> Any:
    """Parsed JSON nested at most MAX_JSON_DEPTH levels, or ProblemFormatError saying what is wrong and where.

    The size is the caller's to bound (a file's or a request's limit); the depth is checked here, as the parser
    recurses once per level and anything using the result might too.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemFormatError(f"{where}: not valid JSON: {exc.msg} (line {exc.lineno})", path) from None
    except RecursionError:
        raise ProblemFormatError(
            f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep", path
        ) from None
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:  # iterative: the depth of the value is what is being checked
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > MAX_JSON_DEPTH:
                    raise ProblemFormatError(
                        f"{where}: JSON nested more than {MAX_JSON_DEPTH} levels deep", path
                    )
                pending.append((child, depth + 1))
    return data


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
    try:
        platform, number = platform_and_number(url or "", name or "")
        check_platform(platform)
        check_problem_number(number)
    except ValueError as exc:
        raise fail("url", str(exc)) from None
    limits = Limits()
    if obj.get("timeLimit") is not None:
        limits.time_limit_ms = _positive_int(obj["timeLimit"], fail, "timeLimit")
    if obj.get("memoryLimit") is not None:
        limits.memory_limit_mb = _positive_int(obj["memoryLimit"], fail, "memoryLimit")
    io = companion_io(obj, fail)
    problem = Problem(
        platform=platform,
        problem_number=number,
        title=name or number,
        limits=limits,
        input_file=io.input_file,
        output_file=io.output_file,
        # Codeforces, Baekjoon and AtCoder compare case sensitively; the extension cannot tell us about checkers.
        checker=CheckerSpec(kind=CheckerKind.DEFAULT, case_sensitive=True),
        tags=["interactive"] if obj.get("interactive") else [],
        source_url=url or "",
        test_case_count=len(tests),
    )
    return problem, tests


def companion_io(obj: dict[str, Any], fail: Callable[[str, str], ProblemFormatError]) -> FileIO:
    """Where the program reads and writes, from the object's `input` / `output` (absent: standard I/O).

    `input`: `{"type": "stdin"}`, `{"type": "file", "fileName": "input.txt"}`, or `{"type": "regex", "pattern":
    ...}`: the old Code Jam style, where the input is whichever downloaded file matches the pattern. No fixed name
    exists for the program to open there (users feed the file on standard input), so the judge gives the input
    on standard input. `output`: `{"type": "stdout"}` or `{"type": "file", "fileName": "output.txt"}`.
    """
    names: dict[str, str | None] = {}
    for field, standard in (("input", "stdin"), ("output", "stdout")):
        spec = obj.get(field)
        if spec is None:
            names[field] = None
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("type"), str):
            raise fail(field, f'expected an object such as {{"type": "{standard}"}}')
        kind = spec["type"]
        allowed = (standard, "file", "regex") if field == "input" else (standard, "file")
        if kind not in allowed:
            raise fail(f"{field}.type", f"{kind!r} is not one of {', '.join(allowed)}")
        if kind != "file":
            names[field] = None
            continue
        try:
            names[field] = check_io_file_name(spec.get("fileName"), "fileName")
        except ValueError as exc:
            raise fail(f"{field}.fileName", str(exc)) from None
    return FileIO(names["input"], names["output"])


def _positive_int(value: Any, fail: Any, field: str) -> int:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise fail(field, f"expected a number, got {value!r}") from None
    if number <= 0:
        raise fail(field, f"must be positive, got {value!r}")
    return max(1, round(number))


_CODEFORCES_PATHS = (
    re.compile(r"/(?:contest|gym)/(\d+)/problem/([A-Za-z0-9]+)/?$"),
    re.compile(r"/problemset/problem/(\d+)/([A-Za-z0-9]+)/?$"),
    re.compile(r"/problemset/gymProblem/(\d+)/([A-Za-z0-9]+)/?$"),
)
_BAEKJOON_PATH = re.compile(r"/problem/(\d+)/?$")
_ATCODER_PATH = re.compile(r"/contests/[A-Za-z0-9_-]+/tasks/([A-Za-z0-9_-]+)/?$")
_KATTIS_PATH = re.compile(r"/(?:contests/[A-Za-z0-9_-]+/)?problems/([A-Za-z0-9_-]+)/?$")
# Host names as DNS writes them: labels of letters, digits and inner hyphens, joined by single dots.
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
COMPANION_PLATFORM = "cc"
"""Platform of problems sent without a URL."""
RESERVED_PLATFORMS = frozenset({"algoitny", "local", COMPANION_PLATFORM})
"""Platforms of the built-in pack and of imported packages (and of URL-less problems): a host of that name (a URL
like ``http://algoitny/0001``) gets its own platform instead (see own_platform)."""


def _on_site(host: str, site: str) -> bool:
    return host == site or host.endswith("." + site)


def platform_and_number(url: str, name: str) -> tuple[str, str]:
    """(platform, problem number) from a problem's URL, e.g. codeforces 1850A, baekjoon 1000, atcoder abc300_a.

    Codeforces, Baekjoon, AtCoder and Kattis problems get the judge's own id; other sites their host as the platform
    and the URL's path (and query) as the number, so two pages of one site never share an id. Without a URL the
    platform is ``cc`` (competitive companion) and the number a slug of the problem's name. Raises ValueError for a
    URL whose host is not a host name.
    """
    parsed = urlparse(url)
    if not url:
        return COMPANION_PLATFORM, slugify(name)
    host = (parsed.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if parsed.scheme not in ("http", "https") or not _HOST.fullmatch(host) or len(host) > 63:
        raise ValueError(f"url {url!r}: not an http(s) address with a host name")
    path = parsed.path
    judges = (
        ("codeforces.com", "codeforces", _CODEFORCES_PATHS),
        ("codeforces.ml", "codeforces", _CODEFORCES_PATHS),
        ("acmicpc.net", "baekjoon", (_BAEKJOON_PATH,)),
        ("atcoder.jp", "atcoder", (_ATCODER_PATH,)),
    )
    for site, platform, patterns in judges:
        if _on_site(host, site):
            for pattern in patterns:
                match = pattern.search(path)
                if match:
                    number = "".join(match.groups())
                    return platform, number.upper() if platform == "codeforces" else number.lower()
    if _on_site(host, "kattis.com"):
        match = _KATTIS_PATH.search(path)
        if match:
            return host, match.group(1).lower()
    platform = own_platform(host) if host in RESERVED_PLATFORMS else host
    where = path + (f"-{parsed.query}" if parsed.query else "")
    return platform, slugify(where, fallback=slugify(name))


def own_platform(platform: str) -> str:
    """The platform a browser problem gets when its id would be another source's: ``cc-<platform>``."""
    return f"{COMPANION_PLATFORM}-{platform}"[:63]
