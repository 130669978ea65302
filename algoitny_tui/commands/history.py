"""`algoitny history [list | show ID [--raw]] [--json]`: the stored submissions."""

from __future__ import annotations

import argparse
import datetime as dt

from algoitny_tui.commands.common import EXIT_OK, CommandError, at_least_one, print_json, settings_or_exit
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.verdict_style import describe_score


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("history", help="list your submissions, or show one")
    parser.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    parser.add_argument("history_id", nargs="?", type=int, metavar="ID")
    parser.add_argument(
        "--json", action="store_true", help="print JSON (long field names; with --raw, as stored)"
    )
    parser.add_argument(
        "--raw", action="store_true", help="show: the item as stored (PK, SK, tp, dat, crt, upd)"
    )
    parser.add_argument(
        "--limit", type=at_least_one, default=50, help="list: at most this many (newest first)"
    )
    parser.add_argument("--user", help="list: another user identifier than the configured one")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "show":
        if args.history_id is None:
            raise CommandError("history show needs a history id (see `algoitny history list`)")
        return _show(args)
    user = args.user or settings_or_exit().user
    with repositories() as repos:
        histories, _ = repos.histories.list_user_histories(user, limit=args.limit)
    if args.json:
        print_json({"histories": [h.as_json() for h in histories]})
        return EXIT_OK
    if not histories:
        print(f"no submissions yet for {user}")
    for h in histories:
        when = dt.datetime.fromtimestamp(h.created_at).strftime("%Y-%m-%d %H:%M")
        print(
            f"{h.id}  {when}  {h.problem_id:<16} {h.language:<10} {h.verdict or h.result_summary:<6} "
            f"{h.passed_count}/{h.total_count}"
        )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    with repositories() as repos:
        if args.raw:
            item = repos.histories.get_history_item(args.history_id)
            if item is None:
                raise CommandError(f"history {args.history_id} not found")
            print_json(item)
            return EXIT_OK
        history = repos.histories.load_history(args.history_id)
    if history is None:
        raise CommandError(f"history {args.history_id} not found")
    if args.json:
        print_json(history.as_json())
        return EXIT_OK
    print(f"history {history.id}: {history.problem_id} {history.problem_title}")
    print(
        f"{history.language}, {history.verdict or history.result_summary}, "
        f"{history.passed_count}/{history.total_count} passed"
        + (f", {describe_score(history.score)}" if history.score is not None else "")
    )
    for result in history.test_results:
        time = f"{result.time_ms} ms" if result.time_ms is not None else ""
        print(f"  {result.test_case_id:<20} {result.verdict:<4} {time:>8}  {result.message}")
    if history.hints:
        print("hints:")
        for level, hint in enumerate(history.hints, 1):
            print(f"  {level}. {hint}")
        if history.hint_note:
            print(f"  ({history.hint_note})")
    print("\n" + history.code)
    return EXIT_OK
