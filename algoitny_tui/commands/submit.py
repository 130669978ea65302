"""`algoitny submit PROBLEM_ID SOLUTION [--language L] [--wait] [--json]`: queue a submission for the worker."""

from __future__ import annotations

import argparse
from pathlib import Path

from algoitny_tui.commands.common import EXIT_NOT_ACCEPTED, EXIT_OK, CommandError, language_help, print_json
from algoitny_tui.commands.history import history_json
from algoitny_tui.commands.queued import queue_and_wait
from algoitny_tui.models import Job, SearchHistory
from algoitny_tui.storage.factory import Repositories


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("submit", help="queue a submission; --wait prints the stored history")
    parser.add_argument("problem_id", metavar="PROBLEM_ID", help="platform#number, e.g. baekjoon#1000")
    parser.add_argument("solution", metavar="SOLUTION", type=Path)
    parser.add_argument("--language", help=language_help("from the file extension"))
    parser.add_argument("--wait", action="store_true", help="wait for the verdict and print the history")
    parser.add_argument("--timeout", type=float, default=600, help="--wait gives up after this many seconds")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None


def language_of(path: Path, language: str | None) -> str:
    if language:
        return language
    from algoitny_tui.judge import detect_language

    try:
        return detect_language(path.name, None)
    except ValueError as exc:
        raise CommandError(f"{path}: {exc}; pass --language") from None


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.domain import split_problem_id
    from algoitny_tui.worker.client import submit

    try:
        split_problem_id(args.problem_id)  # before anything else is said or started
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    code = read_source(args.solution)
    language = language_of(args.solution, args.language)

    def history_of(repos: Repositories, done: Job) -> SearchHistory:
        history_id = (done.result or {}).get("history_id")
        history = repos.latest_history(int(history_id)) if history_id else None
        if history is None:
            error = done.error or (done.result or {}).get("error")
            raise CommandError(f"job {done.id} {done.status.value}: {error}", code=EXIT_NOT_ACCEPTED)
        return history

    history = queue_and_wait(
        args, lambda settings, repos: submit(settings, repos, args.problem_id, code, language), history_of
    )
    if history is None:
        return EXIT_OK
    if args.json:
        print_json(history_json(history))
    else:
        print(
            f"{history.verdict}: {history.passed_count}/{history.total_count} tests passed (history {history.id})"
        )
        for result in history.test_results:
            if not result.passed:
                print(f"  {result.test_case_id}: {result.verdict} {result.message}")
    return EXIT_OK if history.accepted else EXIT_NOT_ACCEPTED
