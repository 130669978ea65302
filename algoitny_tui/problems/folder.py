"""Plain test folders: ``NAME.in`` with ``NAME.out`` or ``NAME.ans``, at the top or one folder down; without any,
the layouts other judges use (other_layouts.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ..domain import CheckerKind, CheckerSpec, Limits, Problem, TestCase
from .errors import ProblemFormatError
from .files import read_text, slugify
from .other_layouts import find_other_pairs
from .testdata import find_inputs, number_tests, read_pairs, read_tests

_SAMPLE = re.compile(r"^(sample|samples|example|examples|ex)(\b|[-_\d])", re.IGNORECASE)


def load_test_folder(
    root: Path, *, platform: str | None = None, number: str | None = None
) -> tuple[Problem, list[TestCase]]:
    """The tests of a folder, as a problem named after the folder.

    Most such folders come from Codeforces-like judges (or the user's own hand), where output is compared case
    sensitively, so the checker is the default token check with ``case_sensitive=True``.
    """

    def is_sample(path: Path) -> bool:
        return any(_SAMPLE.match(part) for part in path.relative_to(root).parts)

    inputs = find_inputs(root, max_depth=1)
    if inputs:
        tests = read_pairs(
            inputs,
            root=root,
            ids_from=root,
            id_prefix="",
            answer_suffixes=(".out", ".ans"),
            is_sample=is_sample,
        )
    else:
        tests = read_tests(
            [
                (name, input_path, answer, is_sample(input_path))
                for name, input_path, answer in find_other_pairs(root)
            ],
            root=root,
        )
    if not tests:
        raise ProblemFormatError(
            f"{root}: no tests found (expected NAME.in with NAME.out or NAME.ans; in/ and out/ folders of the same "
            "names; input1.txt with output1.txt; or Polygon's 01 with 01.a)",
            root,
        )
    # Samples first, as in a Kattis package, so the app shows them at the top; the sort is stable otherwise.
    tests.sort(key=lambda t: not t.is_sample)
    limits = Limits()
    timelimit_file = root / ".timelimit"
    if timelimit_file.is_file():
        text = read_text(timelimit_file, root).strip()
        try:
            limits.time_limit_ms = max(1, round(float(text) * 1000))
        except ValueError:
            raise ProblemFormatError(f".timelimit: expected seconds, got {text!r}", timelimit_file) from None
    problem = Problem(
        platform=platform or "local",
        problem_number=number or slugify(root.name),
        title=root.name,
        limits=limits,
        checker=CheckerSpec(kind=CheckerKind.DEFAULT, case_sensitive=True),
        test_case_count=len(tests),
    )
    return problem, number_tests(tests)
