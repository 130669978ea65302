"""`algoitny import PATH... [--json]`: store problems from packages, folders, competitive-companion JSON, pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from algoitny_tui.commands.common import EXIT_OK, CommandError, print_json
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.models import Problem, TestCase


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="store problems: Kattis packages, .in/.out folders, competitive-companion JSON, saved pages"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument("--platform", help="store under this platform name (default: from the source)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def load_all(paths: list[Path], platform: str | None = None) -> list[tuple[Problem, list[TestCase]]]:
    """Every problem of every path, read completely before anything is stored (nothing is half-imported)."""
    from algoitny_tui.codec import check_platform
    from algoitny_tui.problems import ProblemFormatError, load_any

    if platform is not None:
        try:
            check_platform(platform)
        except ValueError as exc:
            raise CommandError(f"--platform: {exc}") from None
    loaded: list[tuple[Problem, list[TestCase]]] = []
    for path in paths:
        if not path.exists():
            raise CommandError(f"{path}: no such file or directory")
        try:
            found = load_any(path)
        except ProblemFormatError as exc:
            raise CommandError(f"nothing imported: {path}: {exc}") from exc
        for problem, tests in found:
            _refuse_broken_checker(path, problem)
            if platform:
                problem = problem.model_copy(update={"platform": platform})
            loaded.append((problem, tests))
    return loaded


def _refuse_broken_checker(path: Path, problem: Problem) -> None:
    """A custom validator that does not build would make every submission JE: refuse the package instead."""
    from algoitny_tui.judge import checker_error

    error = checker_error(problem)
    if error:
        raise CommandError(f"nothing imported: {path}: {error}")


def run(args: argparse.Namespace) -> int:
    loaded = load_all(args.paths, args.platform)
    with repositories(writing=True) as repos:
        stored = [repos.problems.store_problem(problem, tests) for problem, tests in loaded]
    rows = [{"id": s.problem.problem_id, "title": s.problem.title, "tests": s.problem.test_case_count,
             "kept_user_tests": len(s.kept_user_tests)} for s in stored]
    if args.json:
        print_json({"problems": rows})
    else:
        for row in rows:
            kept = row["kept_user_tests"]
            print(f"imported {row['id']}: {row['title']} ({row['tests']} tests"
                  f"{f', {kept} of them your own, kept' if kept else ''})")
    return EXIT_OK
