"""Polygon (Codeforces) problem packages: ``problem.xml`` with the tests, limits and the testlib checker.

Read from ``problem.xml``: the name, the ``tests`` testset (time limit in ms, memory limit in bytes, the input and
answer path patterns, which tests are samples), the files the program reads and writes (``<judging input-file
output-file>``: empty for standard input and output), and the checker (``assets/checker/source``) with the package's
``files/`` (testlib.h and other headers) beside it. Tests must be in the package (a "full" package, or one whose
tests were generated); the English statement's legend, input and output sections are read when present.
Interactive problems are refused by name: a testlib interactor speaks another protocol than Kattis' interactors.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain import CheckerKind, CheckerSpec, Limits, Problem, TestCase
from ..file_io import FileIO, optional_io_file_name
from .errors import ProblemFormatError
from .files import display_path, read_text, slugify
from .testdata import TestFiles, number_tests, read_tests

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# Polygon's standard checkers that the built-in check matches, so nothing needs compiling: word and integer
# sequences (case-sensitive tokens), doubles within 1e-N (absolute or relative, as testlib's doubleCompare), YES/NO
# in any case. Others (lcmp's lines, fcmp's exact lines, custom ones) run the package's own source.
_BUILTIN_EQUIVALENTS: dict[str, dict[str, Any]] = {
    "std::wcmp.cpp": {},
    "std::ncmp.cpp": {},
    "std::hcmp.cpp": {},
    "std::yesno.cpp": {"case_sensitive": False},
    "std::nyesno.cpp": {"case_sensitive": False},
    **{
        f"std::rcmp{n}.cpp": {"float_absolute_tolerance": 10.0**-n, "float_relative_tolerance": 10.0**-n}
        for n in (4, 6, 9)
    },
}


def load_polygon_package(
    root: Path, *, platform: str | None = None, number: str | None = None
) -> tuple[Problem, list[TestCase]]:
    import xml.etree.ElementTree as ET  # here: only Polygon packages need an XML parser

    xml_path = root / "problem.xml"
    try:
        doc = ET.fromstring(read_text(xml_path, root))
    except ET.ParseError as exc:
        raise ProblemFormatError(f"problem.xml: not valid XML: {exc}", xml_path) from None
    if doc.find("assets/interactor") is not None:
        raise ProblemFormatError(
            "problem.xml: Polygon interactive problems (testlib interactors) are not supported", xml_path
        )
    testset = doc.find("judging/testset[@name='tests']")
    if testset is None:
        testset = doc.find("judging/testset")
    if testset is None:
        raise ProblemFormatError("problem.xml: no <judging><testset> with the tests", xml_path)
    tests = _tests(root, testset, xml_path)
    title = _name(doc) or doc.get("short-name") or root.name
    legend, input_format, output_format = _statement(root)
    io = _file_io(doc, xml_path)
    problem = Problem(
        platform=platform or "local",
        problem_number=number or slugify(doc.get("short-name") or root.name),
        title=title,
        statement=legend,
        input_format=input_format,
        output_format=output_format,
        limits=_limits(testset, xml_path),
        checker=_checker(root, doc, xml_path),
        test_case_count=len(tests),
        input_file=io.input_file,
        output_file=io.output_file,
    )
    return problem, tests


def _file_io(doc: ET.Element, xml_path: Path) -> FileIO:
    """`<judging input-file="input.txt" output-file="output.txt">`; empty or absent: standard input/output."""
    judging = doc.find("judging")
    names: list[str | None] = []
    for attribute in ("input-file", "output-file"):
        value = (judging.get(attribute) if judging is not None else None) or None
        try:
            names.append(optional_io_file_name(value, f"<judging {attribute}>"))
        except ValueError as exc:
            raise ProblemFormatError(f"problem.xml: {exc}", xml_path) from None
    return FileIO(names[0], names[1])


def _name(doc: ET.Element) -> str:
    names = doc.findall("names/name")
    english = next((n for n in names if n.get("language") == "english"), None)
    chosen = english if english is not None else (names[0] if names else None)
    return (chosen.get("value") or "") if chosen is not None else ""


def _int(element: ET.Element, tag: str, xml_path: Path) -> int | None:
    found = element.find(tag)
    if found is None or not (found.text or "").strip():
        return None
    try:
        return int((found.text or "").strip())
    except ValueError:
        raise ProblemFormatError(
            f"problem.xml: <{tag}> is not a whole number: {found.text!r}", xml_path
        ) from None


def _limits(testset: ET.Element, xml_path: Path) -> Limits:
    limits = Limits()
    time_ms = _int(testset, "time-limit", xml_path)
    memory_bytes = _int(testset, "memory-limit", xml_path)
    if time_ms is not None:
        limits.time_limit_ms = max(1, time_ms)
    if memory_bytes is not None:
        limits.memory_limit_mb = max(1, memory_bytes // (1024 * 1024))
    return limits


def _tests(root: Path, testset: ET.Element, xml_path: Path) -> list[TestCase]:
    count = _int(testset, "test-count", xml_path) or 0
    input_pattern = (testset.findtext("input-path-pattern") or "tests/%02d").strip()
    answer_pattern = (testset.findtext("answer-path-pattern") or "tests/%02d.a").strip()
    samples = [t.get("sample") == "true" for t in testset.findall("tests/test")]
    pairs: list[TestFiles] = []
    for index in range(1, count + 1):
        input_path = root / _test_path(input_pattern, index, "input-path-pattern", xml_path)
        answer_path = root / _test_path(answer_pattern, index, "answer-path-pattern", xml_path)
        for path in (input_path, answer_path):
            if not path.is_file():
                raise ProblemFormatError(
                    f"{display_path(path, root)}: missing (test {index} of {count}; a package without its "
                    "tests needs them generated first, e.g. with Polygon's doall script)",
                    path,
                )
        pairs.append((f"{index:02d}", input_path, answer_path, index <= len(samples) and samples[index - 1]))
    tests = number_tests(read_tests(pairs, root=root))
    if not tests:
        raise ProblemFormatError("problem.xml: the testset has no tests (<test-count>)", xml_path)
    return tests


def _test_path(pattern: str, index: int, tag: str, xml_path: Path) -> str:
    try:
        return pattern % index
    except (TypeError, ValueError):
        raise ProblemFormatError(
            f"problem.xml: <{tag}> is not a pattern with one number (%02d): {pattern!r}", xml_path
        ) from None


def _checker(root: Path, doc: ET.Element, xml_path: Path) -> CheckerSpec:
    checker = doc.find("assets/checker")
    if checker is None:
        return CheckerSpec()
    builtin = _BUILTIN_EQUIVALENTS.get(checker.get("name") or "")
    if builtin is not None:
        return CheckerSpec(**builtin)
    source = checker.find("source")
    entry = source.get("path") if source is not None else None
    if not entry or not (root / entry).is_file():
        raise ProblemFormatError(
            f"problem.xml: the checker's source {entry!r} is not in the package", xml_path
        )
    files = {Path(entry).name: read_text(root / entry, root)}
    # Headers the checker includes (testlib.h above all) are among the package's resources, next to it.
    for header in sorted((root / entry).parent.glob("*.h")):
        files.setdefault(header.name, read_text(header, root))
    # The language follows the file's extension (check.cpp, check.py, ...), as for a Kattis validator.
    return CheckerSpec(kind=CheckerKind.TESTLIB, program_entry=Path(entry).name, program_files=files)


def _statement(root: Path) -> tuple[str, str, str]:
    folder = root / "statement-sections" / "english"
    if not folder.is_dir():
        return "", "", ""

    def section(name: str) -> str:
        path = folder / f"{name}.tex"
        return read_text(path, root).strip() if path.is_file() else ""

    return section("legend"), section("input"), section("output")
