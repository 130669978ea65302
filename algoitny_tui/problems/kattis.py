"""Kattis problem packages, in the legacy format and in the 2023-07 draft.

https://www.kattis.com/problem-package-format/ : ``problem.yaml``, ``.timelimit``, ``statement/`` or
``problem_statement/``, ``data/sample`` and ``data/secret/**``, ``output_validators/``, ``submissions/<verdict>/``.
Both formats are read by one liberal reader: keys of either version are accepted wherever they appear.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..domain import Limits, Problem, TestCase
from .errors import ProblemFormatError
from .files import natural_key, read_text, read_yaml, slugify
from .kattis_checker import build_checker
from .kattis_meta import check_problem_yaml, check_testdata_yaml
from .kattis_scoring import read_scoring
from .statements import read_statements
from .testdata import find_inputs, number_tests, read_pairs

log = logging.getLogger(__name__)

# Kattis itself derives a legacy package's time limit from its submissions; without running them we fall back to this.
DEFAULT_TIME_LIMIT_MS = 2000
# The format's "typical system defaults" (spec: limits), for what a package does not state. Problems from other
# sources keep models.Limits' defaults.
FORMAT_MEMORY_MB = 2048
FORMAT_OUTPUT_MB = 8
FORMAT_COMPILATION_S = 60
FORMAT_COMPILATION_MEMORY_MB = 2048
FORMAT_VALIDATION_S = 60
FORMAT_VALIDATION_MEMORY_MB = 2048
FORMAT_VALIDATION_OUTPUT_MB = 8
FORMAT_VALIDATION_PASSES = 2
# Kattis answers are `.ans`; `.out` is accepted too, for packages put together by hand from other judges' data.
# (`.interaction` transcripts of interactive samples are not tests: they go into the statement, see below.)
_ANSWER_SUFFIXES = (".ans", ".out")


def load_kattis_package(
    root: Path, *, platform: str | None = None, number: str | None = None
) -> tuple[Problem, list[TestCase]]:
    """The problem and its tests (samples first, then secret tests in natural order)."""
    meta = _read_meta(root)
    problem_types = _problem_types(meta)
    legacy_validation = str(meta.get("validation") or "default").split()
    interactive = "interactive" in problem_types or "interactive" in legacy_validation
    multi_pass = "multi-pass" in problem_types or "multi-pass" in legacy_validation
    if multi_pass and interactive:
        # Judging it as one pass would accept wrong programs after the first pass: refuse openly.
        raise ProblemFormatError(
            "problem.yaml: interactive multi-pass problems are not supported", root / "problem.yaml"
        )
    if _is_2023(meta):
        # 2023-07: no `validation` key; a custom validator is there because the package has one.
        custom = interactive or any((root / d).is_dir() for d in ("output_validator", "output_validators"))
        custom = custom or "custom" in legacy_validation
    else:
        custom = "custom" in legacy_validation
    custom = custom or multi_pass
    flags, flags_where, flags_path = _validator_flags(root, meta)
    checker = build_checker(
        root,
        custom=custom,
        interactive=interactive,
        flags=flags,
        flags_where=flags_where,
        flags_path=flags_path,
    )
    checker.multi_pass = multi_pass
    scoring = None
    if "scoring" in problem_types:
        scoring = read_scoring(
            root,
            legacy=not _is_2023(meta),
            custom_score=custom and (_is_2023(meta) or "score" in legacy_validation),
        )

    statements = read_statements(root)
    english = statements.get("en") or next((s for lang, s in statements.items() if lang != "ko"), None)
    korean = statements.get("ko")
    main = english or korean
    title = _title(meta, root) or (main.title if main else "") or root.name
    tests = _read_tests(root)

    transcripts = _sample_interactions(root) if interactive else ""
    problem = Problem(
        platform=platform or "local",
        problem_number=number or slugify(root.name, fallback=slugify(title)),
        title=title,
        statement=(main.body if main else "") + transcripts,
        statement_ko=korean.body if korean else "",
        input_format=main.input_format if main else "",
        output_format=main.output_format if main else "",
        limits=_limits(root, meta),
        checker=checker,
        scoring=scoring,
        tags=_keywords(meta) + (["interactive"] if interactive else []),
        source_url=_source_url(meta),
        test_case_count=len(tests),
    )
    return problem, tests


def _sample_interactions(root: Path) -> str:
    """The package's sample transcripts (`data/sample/*.interaction`) as Markdown, as Kattis shows them beside the
    statement: in a transcript `<` starts a line the program reads and `>` one it writes."""
    folder = root / "data" / "sample"
    if not folder.is_dir():
        return ""
    files = sorted(folder.glob("*.interaction"), key=lambda p: natural_key(p.name))
    blocks = []
    for n, path in enumerate(files, start=1):
        lines = []
        for line in read_text(path, root).splitlines():
            if line.startswith("<"):
                lines.append(f"judge: {line[1:]}")
            elif line.startswith(">"):
                lines.append(f"  you: {line[1:]}")
            elif line.strip():
                lines.append(line)
        body = "\n".join(lines)
        blocks.append(
            f"## Sample interaction {n}\n\n`judge:` what your program reads, `you:` what it writes.\n\n"
            f"```text\n{body}\n```"
        )
    return "".join(f"\n\n{block}" for block in blocks)


def is_2023_package(root: Path) -> bool:
    """The package states a 2023-07 (or later) problem_format_version; else it is a legacy package."""
    return _is_2023(_read_meta(root))


def list_submissions(path: Path) -> dict[str, list[Path]]:
    """Example submissions by verdict folder (``accepted``, ``wrong_answer``, ...), files in natural order."""
    folder = path / "submissions"
    result: dict[str, list[Path]] = {}
    if not folder.is_dir():
        return result
    for verdict_dir in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        if not verdict_dir.is_dir() or verdict_dir.name.startswith("."):
            continue
        # A submission is a single file or a folder of files (a multi-file program): list both as entries.
        entries = [p for p in verdict_dir.iterdir() if not p.name.startswith(".")]
        result[verdict_dir.name] = sorted(entries, key=lambda p: natural_key(p.name))
    return result


def _read_meta(root: Path) -> dict[str, Any]:
    path = root / "problem.yaml"
    if not path.is_file():
        return {}
    meta = read_yaml(path, root)
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ProblemFormatError("problem.yaml: expected a mapping of keys (name:, limits:, ...)", path)
    check_problem_yaml(meta, path)
    return meta


def _is_2023(meta: dict[str, Any]) -> bool:
    version = str(meta.get("problem_format_version") or "legacy")
    return version != "legacy" and not version.startswith("legacy")


def _problem_types(meta: dict[str, Any]) -> set[str]:
    value = meta.get("type") or "pass-fail"
    words = value if isinstance(value, list) else str(value).split()
    return {str(w).lower() for w in words}


def _validator_flags(root: Path, meta: dict[str, Any]) -> tuple[list[str], str, Path | None]:
    """Flags for the output validator: legacy ``validator_flags`` in problem.yaml, else ``data/testdata.yaml``."""
    if meta.get("validator_flags") is not None:
        return _words(meta["validator_flags"]), "problem.yaml: validator_flags", root / "problem.yaml"
    testdata = root / "data" / "testdata.yaml"
    if testdata.is_file():
        data = read_yaml(testdata, root) or {}
        if isinstance(data, dict):
            check_testdata_yaml(data, testdata)
            for key in ("output_validator_args", "output_validator_flags"):
                if data.get(key) is not None:
                    return _words(data[key]), f"data/testdata.yaml: {key}", testdata
    return [], "problem.yaml", None


def _words(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split()


def _title(meta: dict[str, Any], root: Path) -> str:
    name = meta.get("name")
    if isinstance(name, dict):
        for language in ("en", "ko"):
            if name.get(language):
                return str(name[language]).strip()
        return next((str(v).strip() for v in name.values() if v), "")
    return str(name).strip() if name else ""


def _limits(root: Path, meta: dict[str, Any]) -> Limits:
    limits = Limits(
        memory_limit_mb=FORMAT_MEMORY_MB,
        output_limit_kb=FORMAT_OUTPUT_MB * 1024,
        compile_time_ms=FORMAT_COMPILATION_S * 1000,
        compile_memory_mb=FORMAT_COMPILATION_MEMORY_MB,
        validation_time_ms=FORMAT_VALIDATION_S * 1000,
        validation_memory_mb=FORMAT_VALIDATION_MEMORY_MB,
        validation_output_kb=FORMAT_VALIDATION_OUTPUT_MB * 1024,
        validation_passes=FORMAT_VALIDATION_PASSES,
    )
    yaml_limits = meta.get("limits") or {}
    if not isinstance(yaml_limits, dict):
        raise ProblemFormatError("problem.yaml: limits: expected a mapping", root / "problem.yaml")
    timelimit_file = root / ".timelimit"
    if timelimit_file.is_file():
        seconds = _number(read_text(timelimit_file, root).strip(), ".timelimit", timelimit_file)
        limits.time_limit_ms = max(1, round(seconds * 1000))
    elif yaml_limits.get("time_limit") is not None:
        seconds = _number(yaml_limits["time_limit"], "problem.yaml: limits.time_limit", root / "problem.yaml")
        limits.time_limit_ms = max(1, round(seconds * 1000))
    else:
        limits.time_limit_ms = DEFAULT_TIME_LIMIT_MS
        log.info(
            "%s: no .timelimit or limits.time_limit; using %d ms (not derived from submissions)",
            root.name,
            DEFAULT_TIME_LIMIT_MS,
        )
    if yaml_limits.get("memory") is not None:
        limits.memory_limit_mb = round(
            _number(yaml_limits["memory"], "problem.yaml: limits.memory", root / "problem.yaml")
        )
    if yaml_limits.get("output") is not None:
        mib = _number(yaml_limits["output"], "problem.yaml: limits.output", root / "problem.yaml")
        limits.output_limit_kb = round(mib * 1024)
    where = "problem.yaml: limits."
    for key, attr, scale in (
        ("compilation_time", "compile_time_ms", 1000),
        ("compilation_memory", "compile_memory_mb", 1),
        ("validation_time", "validation_time_ms", 1000),
        ("validation_memory", "validation_memory_mb", 1),
        ("validation_output", "validation_output_kb", 1024),
    ):
        if yaml_limits.get(key) is not None:
            setattr(
                limits, attr, round(_number(yaml_limits[key], where + key, root / "problem.yaml") * scale)
            )
    if yaml_limits.get("validation_passes") is not None:
        passes = _number(yaml_limits["validation_passes"], where + "validation_passes", root / "problem.yaml")
        if passes < 2 or passes != int(passes):
            raise ProblemFormatError(
                f"{where}validation_passes: must be a whole number >= 2, got "
                f"{yaml_limits['validation_passes']!r}",
                root / "problem.yaml",
            )
        limits.validation_passes = int(passes)
    return limits


def _number(value: Any, where: str, path: Path) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ProblemFormatError(f"{where}: expected a number, got {value!r}", path) from None
    if number <= 0:
        raise ProblemFormatError(f"{where}: must be positive, got {value!r}", path)
    return number


def _keywords(meta: dict[str, Any]) -> list[str]:
    value = meta.get("keywords")
    return _words(value) if value else []


def _source_url(meta: dict[str, Any]) -> str:
    if meta.get("source_url"):
        return str(meta["source_url"])
    source = meta.get("source")
    sources = source if isinstance(source, list) else [source]
    for item in sources:
        if isinstance(item, dict) and item.get("url"):
            return str(item["url"])
    return ""


def _read_tests(root: Path) -> list[TestCase]:
    data = root / "data"
    sample = data / "sample"
    # Both groups in one read, so the package's size limit counts every test.
    inputs = [
        path
        for group in (sample, data / "secret")
        if group.is_dir()
        for path in find_inputs(group, root=root)
    ]
    tests = read_pairs(
        inputs,
        root=root,
        ids_from=data,
        id_prefix="",
        answer_suffixes=_ANSWER_SUFFIXES,
        named_suffixes=(".ans",),
        is_sample=lambda path: path.is_relative_to(sample),
    )
    if not tests:
        raise ProblemFormatError("data/: no tests (expected data/sample/*.in or data/secret/*.in)", data)
    return number_tests(tests)
