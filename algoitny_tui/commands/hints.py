"""`algoitny hints HISTORY_ID [--more] [--wait] [--json]`: queue generate_hints_task for a submission.
`algoitny hints --check [--json]`: one small request to Gemini with the configured key and model."""

from __future__ import annotations

import argparse
from typing import Any

from algoitny_tui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    print_json,
    settings_or_exit,
)
from algoitny_tui.commands.queued import queue_and_wait
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "hints", help="queue hints for a submission; --wait prints them; --check tests the Gemini key"
    )
    parser.add_argument("history_id", metavar="HISTORY_ID", type=int, nargs="?")
    parser.add_argument("--more", action="store_true", help="the next hint level, even when hints are stored")
    parser.add_argument("--wait", action="store_true", help="wait for the hints and print them")
    parser.add_argument(
        "--check",
        action="store_true",
        help="send one small request to Gemini with the configured key and model, and say which "
        "model answered",
    )
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.check:
        if args.history_id is not None:
            raise CommandError("--check takes no HISTORY_ID")
        return check(args)
    if args.history_id is None:
        raise CommandError("give a HISTORY_ID (see `algoitny history`), or --check")
    from algoitny_tui.worker.client import request_hints

    def hints_of(repos: Repositories, done: Job) -> dict[str, Any]:
        result = done.result or {}
        if "hints" not in result:
            raise CommandError(
                f"no hints: {done.error or result.get('error') or done.status.value}", code=EXIT_NOT_ACCEPTED
            )
        return result

    result = queue_and_wait(
        args,
        lambda settings, repos: request_hints(settings, repos, args.history_id, more=args.more),
        hints_of,
    )
    if result is None:
        return EXIT_OK
    if args.json:
        print_json(
            {
                "history_id": args.history_id,
                "hints": result["hints"],
                "engine": result.get("engine"),
                "note": result.get("note", ""),
            }
        )
    else:
        for level, hint in enumerate(result["hints"], 1):
            print(f"{level}. {hint}")
        if result.get("note"):
            print(f"({result['note']})")
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    """Exit 0 when Gemini answered; 2 when a setting is wrong (it is named); 1 when Gemini could not be reached."""
    from algoitny_tui.gemini import GeminiError, check_key

    settings = settings_or_exit()
    try:
        answer = check_key(settings)
    except GeminiError as exc:
        raise CommandError(
            f"Gemini check failed: {exc}", code=EXIT_NOT_ACCEPTED if exc.transient else EXIT_BAD_INPUT
        ) from None
    if args.json:
        print_json(
            {
                "ok": True,
                "model": answer.model,
                "gemini_model": settings.gemini_model,
                "endpoint": settings.gemini_endpoint,
            }
        )
    else:
        print(f"Gemini answered: model {answer.model} (gemini_model = {settings.gemini_model})")
    return EXIT_OK
