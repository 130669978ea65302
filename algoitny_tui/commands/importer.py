"""`algoitny import PATH... [--json]`: store problems from packages, folders, competitive-companion JSON, pages.

A saved page of a layout the local parsers do not know is read by Gemini when a key is set: the command queues
`extract_problem_info_task`, runs a worker when none is alive, prints the job's progress history and then the
problem. Without a key it stops before storing anything, naming the layouts that are known (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from algoitny_tui.commands.common import (
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    print_json,
    settings_or_exit,
)
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.domain import JobStatus, Problem, TestCase
from algoitny_tui.models import JobProgress
from algoitny_tui.storage.factory import Repositories


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import",
        help="store problems: Kattis packages, .in/.out folders, competitive-companion JSON, saved pages",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument("--platform", help="store under this platform name (default: from the source)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--timeout", type=float, default=600, help="seconds to wait for Gemini to read a page"
    )
    parser.set_defaults(run=run)


def load_all(
    paths: list[Path], platform: str | None = None, unknown_pages: list[Path] | None = None
) -> list[tuple[Problem, list[TestCase]]]:
    """Every problem of every path, read completely before anything is stored (nothing is half-imported).

    With `unknown_pages`, pages of a layout no parser knows are listed there (for Gemini) instead of refused."""
    from algoitny_tui.domain import check_platform
    from algoitny_tui.problems import ProblemFormatError, load_any
    from algoitny_tui.problems.pages import UnknownPageLayout

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
        except UnknownPageLayout as exc:
            if unknown_pages is None:
                from algoitny_tui.tasks.extraction import no_key_message

                raise CommandError(f"nothing imported: {no_key_message(exc)}") from exc
            unknown_pages.append(path)
            continue
        except ProblemFormatError as exc:
            raise CommandError(f"nothing imported: {path}: {exc}") from exc
        for problem, tests in found:
            _refuse_broken_checker(path, problem)
            if platform:
                problem = replace(problem, platform=platform)
            loaded.append((problem, tests))
    return loaded


def _refuse_broken_checker(path: Path, problem: Problem) -> None:
    """A custom validator that does not build would make every submission JE: refuse the package instead."""
    from algoitny_tui.judge import checker_error

    error = checker_error(problem)
    if error:
        raise CommandError(f"nothing imported: {path}: {error}")


def run(args: argparse.Namespace) -> int:
    settings = settings_or_exit()
    unknown: list[Path] | None = [] if settings.gemini_key() else None
    loaded = load_all(args.paths, args.platform, unknown)
    with repositories(writing=True) as repos:
        stored = [repos.problems.store_problem(problem, tests) for problem, tests in loaded]
        rows: list[dict[str, Any]] = [
            {
                "id": s.problem.problem_id,
                "title": s.problem.title,
                "tests": s.problem.test_case_count,
                "kept_user_tests": len(s.kept_user_tests),
            }
            for s in stored
        ]
        if not args.json:
            for row in rows:
                kept = row["kept_user_tests"]
                print(
                    f"imported {row['id']}: {row['title']} ({row['tests']} tests"
                    f"{f', {kept} of them your own, kept' if kept else ''})"
                )
        failed = False
        for page in unknown or []:
            row = read_with_gemini(args, repos, page)
            failed |= "error" in row
            rows.append(row)
    if args.json:
        print_json({"problems": rows})
    return EXIT_NOT_ACCEPTED if failed else EXIT_OK


def read_with_gemini(args: argparse.Namespace, repos: Repositories, page: Path) -> dict[str, Any]:
    """Queue extract_problem_info_task for a page and wait for it, printing its progress history as it grows."""
    from algoitny_tui.commands.queued import worker_for
    from algoitny_tui.worker.client import enqueue_job, pull_what_workers_wrote, wait_for_job

    settings = settings_or_exit()
    params = {"path": str(page.resolve()), "platform": args.platform}
    shown = sys.stderr if args.json else sys.stdout
    print(f"{page}: a page layout the local parsers do not know: Gemini reads it", file=shown)
    with worker_for(settings, wait=True):
        job = enqueue_job(settings, repos, "extract_problem_info_task", params)
        try:
            done = wait_for_job(
                repos, job.id, timeout_s=args.timeout, on_progress=lambda line: _show_progress(line, shown)
            )
        except TimeoutError as exc:
            raise CommandError(f"{page}: {exc}", code=EXIT_NOT_ACCEPTED) from None
        pull_what_workers_wrote(settings, repos)
    result = done.result or {}
    if done.status is not JobStatus.COMPLETED or result.get("status") == "error":
        error = done.error or result.get("error") or done.status.value
        print(f"algoitny: {page}: not imported (job {done.id}): {error}", file=sys.stderr)
        return {"path": str(page), "job_id": done.id, "error": error}
    row = {
        "id": result.get("problem_id"),
        "title": result.get("title"),
        "tests": result.get("tests"),
        "extracted_by": result.get("extracted_by"),
        "job_id": done.id,
    }
    if not args.json:
        print(f"imported {row['id']}: {row['title']} ({row['tests']} tests, read by Gemini)")
    return row


def _show_progress(line: JobProgress, out: Any) -> None:
    percent = f"{line.percent:3.0f}% " if line.percent is not None else "     "
    print(f"  {percent}{line.step}: {line.message}", file=out, flush=True)
