"""`algoitny verify PACKAGE [--jobs N] [--json]`: judge every example submission of a Kattis package and compare
each with what its authors expect (submissions/ folders, submissions.yaml, @EXPECTED_RESULTS@ tags), as
problemtools' `verifyproblem -p submissions` does. Exit 0 when every judged submission agrees, 1 when one does
not, 2 on bad input (not a package, a broken package, no submissions).
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoitny_tui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    at_least_one,
    print_json,
)
from algoitny_tui.domain import Problem, TestCase

if TYPE_CHECKING:
    from algoitny_tui.problems.expectations import Expectation


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify", help="judge a package's example submissions against their expected verdicts"
    )
    parser.add_argument("package", metavar="PACKAGE", help="Kattis problem package directory")
    parser.add_argument(
        "--jobs", "-j", type=at_least_one, help="tests run at once (default: number of cores)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(run=run)


@dataclass
class Verified:
    submission: str
    language: str = ""
    expected: str = ""
    verdict: str = ""
    ok: bool | None = None
    """None: not judged (skipped)."""
    reason: str = ""
    time_ms: int = 0
    tests: dict[str, int] = field(default_factory=dict)
    score: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "submission": self.submission,
            "language": self.language,
            "expected": self.expected,
            "verdict": self.verdict,
            "ok": self.ok,
            "reason": self.reason,
            "time_ms": self.time_ms,
            "tests": self.tests,
        }
        if self.score is not None:
            out["score"] = self.score
        return out


def _load(root: Path) -> tuple[Problem, list[TestCase]]:
    from algoitny_tui.problems import ProblemFormatError, load_problem_dir
    from algoitny_tui.problems.builtin import PACK_DIR, load_pack_problem
    from algoitny_tui.problems.loader import is_kattis_package

    if not root.is_dir():
        raise CommandError(f"{root}: not a directory", EXIT_BAD_INPUT)
    if not is_kattis_package(root):
        raise CommandError(f"{root}: not a Kattis problem package (no problem.yaml or data/)", EXIT_BAD_INPUT)
    try:
        if root.resolve().parent == PACK_DIR:  # a built-in problem: its generated tests too
            return load_pack_problem(root.resolve())
        return load_problem_dir(root)
    except ProblemFormatError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.judge import SandboxUnavailable

    try:
        return _run(args)
    except SandboxUnavailable as exc:
        raise CommandError(f"cannot judge: {exc}", EXIT_BAD_INPUT) from exc


def _run(args: argparse.Namespace) -> int:
    from algoitny_tui.commands.judge import _judge_settings
    from algoitny_tui.judge.languages import languages_from_settings
    from algoitny_tui.problems import ProblemFormatError, list_submissions
    from algoitny_tui.problems.expectations import read_submissions_yaml
    from algoitny_tui.problems.kattis import is_2023_package

    root = Path(args.package)
    problem, tests = _load(root)
    submissions = list_submissions(root)
    if not any(submissions.values()):
        raise CommandError(f"{root / 'submissions'}: no example submissions to verify", EXIT_BAD_INPUT)
    modern = is_2023_package(root)
    try:
        entries = read_submissions_yaml(root) if modern else {}
    except ProblemFormatError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
    configs, default_jobs = _judge_settings()
    languages = languages_from_settings(configs)
    planned: list[tuple[Path, Verified | Expectation]] = []
    try:  # every expectation is read before anything is judged: a broken submissions.yaml fails at once
        for folder in submissions.values():
            planned += [
                (path, _expectation(root, path, modern=modern, entries=entries, languages=languages))
                for path in folder
            ]
    except ProblemFormatError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
    results = [
        planned_result
        if isinstance(planned_result, Verified)
        else _verify_one(
            problem, tests, root, path, planned_result, languages=languages, jobs=args.jobs or default_jobs
        )
        for path, planned_result in planned
    ]
    ok = all(r.ok is not False for r in results)
    if args.json:
        print_json(
            {
                "problem": str(root),
                "format": "2023-07" if modern else "legacy",
                "ok": ok,
                "time_limit_ms": problem.limits.time_limit_ms,
                "submissions": [r.to_json() for r in results],
            }
        )
    else:
        _print(root, problem, modern, results)
    return EXIT_OK if ok else EXIT_NOT_ACCEPTED


def _expectation(
    root: Path, path: Path, *, modern: bool, entries: dict[str, Any], languages: dict[str, Any]
) -> Verified | Expectation:
    """What the authors expect of the submission at `path`, or its report when it cannot be judged here."""
    from algoitny_tui.judge import UnknownLanguage, detect_language
    from algoitny_tui.problems.expectations import expectation_for

    name = path.relative_to(root / "submissions").as_posix()
    if path.is_dir():
        return Verified(name, reason="skipped: a submission of several files is not judged here")
    try:
        detect_language(path, languages)
    except UnknownLanguage:
        return Verified(name, reason="skipped: not a source file of a known language")
    source = path.read_text(encoding="utf-8", errors="surrogateescape")
    return expectation_for(root, path, modern=modern, source=source, yaml_entries=entries)


def _verify_one(
    problem: Problem,
    tests: list[TestCase],
    root: Path,
    path: Path,
    expectation: Expectation,
    *,
    languages: dict[str, Any],
    jobs: int | None,
) -> Verified:
    from algoitny_tui.judge import TestReport, detect_language, judge
    from algoitny_tui.problems.expectations import TestOutcome, check, format_verdict, matches_test

    name = path.relative_to(root / "submissions").as_posix()
    language = detect_language(path, languages)
    source = path.read_text(encoding="utf-8", errors="surrogateescape")
    decided_by_first_failure = expectation.verdicts is not None and problem.scoring is None

    def rule_broken(report: TestReport) -> bool:
        # a test outside a rule's permitted verdicts decides the outcome: the tests still waiting need not run
        verdict = format_verdict(report.verdict)
        return any(
            rule.permitted is not None
            and verdict not in rule.permitted
            and (rule.tests is None or matches_test(rule.tests, report.name))
            for rule in expectation.rules
        )

    report = judge(
        problem,
        tests,
        source,
        language,
        source_name=path.name,
        jobs=jobs,
        fail_fast=decided_by_first_failure,
        languages=languages,
        stop_when=None if decided_by_first_failure or problem.scoring is not None else rule_broken,
    )
    ran = [t for t in report.tests if str(t.verdict) != "SK"]
    verdict = format_verdict(report.verdict)
    score = report.score.to_json() if report.score is not None else None
    groups = {g.name: g.score for g in report.score.groups} if report.score is not None else None
    reason = check(
        expectation,
        verdict,
        [TestOutcome(t.name, format_verdict(t.verdict)) for t in ran],
        score=report.score.value if report.score else None,
        max_score=report.score.max if report.score else None,
        group_scores=groups,
    )
    if verdict == "JE":
        first = next((t for t in ran if str(t.verdict) == "JE"), None)
        reason = f"judge error: {first.message if first else report.compile.message}"
    if verdict == "CE" and reason:
        reason += f": {report.compile.message[:300]}"
    slowest = max((t.time_ms for t in ran), default=0)
    return Verified(
        name,
        language,
        expectation.describe(),
        verdict,
        reason is None,
        reason or "",
        slowest,
        dict(Counter(format_verdict(t.verdict) for t in ran)),
        score,
    )


def _print(root: Path, problem: Problem, modern: bool, results: list[Verified]) -> None:
    print(
        f"verifying {root} ({'2023-07' if modern else 'legacy'} format, time limit "
        f"{problem.limits.time_limit_ms} ms, {problem.test_case_count} tests)"
    )
    for r in results:
        if r.ok is None:
            print(f"   SKIP  {r.submission}: {r.reason}")
            continue
        counts = ", ".join(f"{v} {n}" for v, n in sorted(r.tests.items()))
        score = f", score {r.score['value']}/{r.score['max']}" if r.score else ""
        status = "OK   " if r.ok else "ERROR"
        line = f"   {status} {r.submission}: expected {r.expected}, got {r.verdict}{score} ({counts}; CPU {r.time_ms} ms)"
        print(line + ("" if r.ok else f"\n         {r.reason}"))
    agree = sum(1 for r in results if r.ok)
    judged = sum(1 for r in results if r.ok is not None)
    print(
        f"{agree}/{judged} submissions agree with their expected verdicts"
        + (f", {len(results) - judged} skipped" if judged < len(results) else "")
    )
