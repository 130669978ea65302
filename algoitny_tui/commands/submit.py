"""`algoitny submit PROBLEM_ID SOLUTION [--language L] [--wait] [--json]`: queue a submission for the worker."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from algoitny_tui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    language_help,
    print_json,
    print_queued,
)
from algoitny_tui.worker_socket import Report, Request, new_job_id, submit_via_worker, via_worker_enabled

# Light on purpose: with a worker running, `submit --wait` hands the submission to it (worker_socket.py) and never
# loads the settings model, the codec or the store; they are imported below only on the command's own path.


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

    try:
        split_problem_id(args.problem_id)  # before anything else is said or started
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    request = Request(
        problem_id=args.problem_id,
        code=read_source(args.solution),
        language=language_of(args.solution, args.language),
        as_json=args.json,
        timeout_s=args.timeout,
        job_id=new_job_id(),
        wait=args.wait,
    )
    answer = submit_via_worker(request) if via_worker_enabled() else None
    if answer is not None and answer.error is not None:
        raise CommandError(answer.error, code=EXIT_NOT_ACCEPTED if answer.not_accepted else EXIT_BAD_INPUT)
    if answer is not None and answer.report is not None:
        return show(answer.report)
    if answer is not None and answer.queued is not None:
        print_queued(request.job_id, answer.queued, as_json=request.as_json)
        return EXIT_OK
    # No worker took it, or it went away: this command's own path, with the same job id (a job the worker stored
    # is found, never queued twice).
    return submit_here(args, request)


def submit_here(args: argparse.Namespace, request: Request) -> int:
    """Queue (and with --wait, wait) from this process: settings, store and queue loaded here."""
    from algoitny_tui.commands.queued import queue_and_wait
    from algoitny_tui.worker.submit_flow import queue_submission, report_for

    report = queue_and_wait(
        args,
        lambda settings, repos: queue_submission(
            settings, repos, request.problem_id, request.code, request.language, job_id=request.job_id
        ),
        lambda repos, done: report_for(repos, done, as_json=request.as_json),
    )
    return EXIT_OK if report is None else show(report)


def show(report: Report) -> int:
    """Print what a finished submission reports, on either path; the exit code says whether it was accepted."""
    if report.json is not None:
        print_json(report.json)
    else:
        sys.stdout.write(report.text)
    return EXIT_OK if report.accepted else EXIT_NOT_ACCEPTED
