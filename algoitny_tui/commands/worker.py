"""`algoitny worker [--workers N]`: a queue consumer, in the foreground."""

from __future__ import annotations

import argparse
import logging

from algoitny_tui.commands.common import EXIT_OK, settings_or_exit


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("worker", help="run a queue consumer in the foreground")
    parser.add_argument(
        "--workers", type=int, default=None, help="tasks run at once (default: worker_threads)"
    )
    parser.add_argument("--verbose", action="store_true", help="log every task")
    parser.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)  # stop when this process is gone
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.locations import Locations
    from algoitny_tui.worker_socket import fingerprint

    # Before the settings are read: a file changed in between gives a fingerprint older than the settings, which
    # no command matches (it submits on its own path), never the other way round.
    print_ = fingerprint(Locations.from_env())
    settings = settings_or_exit()
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from algoitny_tui.worker.consumer import run_consumer

    run_consumer(
        settings,
        workers=args.workers or settings.worker_threads,
        parent_pid=args.parent_pid,
        fingerprint=print_,
    )
    return EXIT_OK
