"""`algoitny workers [--json]`: the queue, whether its messages are signed, and the health of each worker on it.

--json prints {"queue": "...", "signed": true, "messages": "...", "workers": [{"worker_id" (host:pid), "pid",
"workers" (threads), "queue", "signed", "ts" (last heartbeat, epoch seconds), "heartbeat_age_s", "state" (alive,
silent, gone), "jobs": [{"id", "kind"}]}]}. A worker that died is listed as gone once the recovery interval has passed
(its jobs may then be re-queued), and forgotten after 10 minutes.
"""

from __future__ import annotations

import argparse

from algoitny_tui.commands.common import EXIT_OK, print_json, settings_or_exit


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "workers", help="the queue, whether its messages are signed, each worker's health"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.worker.liveness import ALIVE, describe_worker, worker_beacons
    from algoitny_tui.worker.queue import messages_description, queue_description
    from algoitny_tui.worker.tasks import tasks_for

    settings = settings_or_exit()
    huey = tasks_for(settings).huey  # on Redis without queue_secret: exit 2 saying how to set it
    workers = worker_beacons(huey)
    if args.json:
        print_json(
            {
                "queue": queue_description(settings),
                "signed": huey.serializer.signed,
                "messages": messages_description(settings),
                "workers": workers,
            }
        )
        return EXIT_OK
    print(f"queue: {queue_description(settings)}")
    print(f"messages: {messages_description(settings)}")
    print(f"workers alive: {sum(w['state'] == ALIVE for w in workers)}")
    for worker in workers:
        print(f"  {describe_worker(worker)}")
    return EXIT_OK
