"""`algoitny hints HISTORY_ID [--more] [--wait] [--json]`: queue generate_hints_task for a submission."""

from __future__ import annotations

import argparse
from typing import Any

from algoitny_tui.commands.common import EXIT_NOT_ACCEPTED, EXIT_OK, CommandError, print_json
from algoitny_tui.commands.queued import queue_and_wait
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("hints", help="queue hints for a submission; --wait prints them")
    parser.add_argument("history_id", metavar="HISTORY_ID", type=int)
    parser.add_argument("--more", action="store_true", help="the next hint level, even when hints are stored")
    parser.add_argument("--wait", action="store_true", help="wait for the hints and print them")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.worker.client import request_hints

    def hints_of(repos: Repositories, done: Job) -> dict[str, Any]:
        result = done.result or {}
        if "hints" not in result:
            raise CommandError(f"no hints: {done.error or result.get('error') or done.status.value}",
                               code=EXIT_NOT_ACCEPTED)
        return result

    result = queue_and_wait(
        args, lambda settings, repos: request_hints(settings, repos, args.history_id, more=args.more), hints_of)
    if result is None:
        return EXIT_OK
    if args.json:
        print_json({"history_id": args.history_id, "hints": result["hints"], "engine": result.get("engine"),
                    "note": result.get("note", "")})
    else:
        for level, hint in enumerate(result["hints"], 1):
            print(f"{level}. {hint}")
        if result.get("note"):
            print(f"({result['note']})")
    return EXIT_OK
