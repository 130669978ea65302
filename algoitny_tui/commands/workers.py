"""`algoitny workers [--json]`: the queue, whether its messages are signed, and the workers alive on it.

--json prints {"queue": "...", "signed": true, "messages": "...", "workers": [{"worker_id", "pid", "workers",
"queue", "signed", "ts"}]}.
"""

from __future__ import annotations

import argparse

from algoitny_tui.commands.common import EXIT_OK, print_json, settings_or_exit


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("workers", help="the queue, whether its messages are signed, the live workers")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.worker.liveness import alive_workers
    from algoitny_tui.worker.queue import messages_description, queue_description
    from algoitny_tui.worker.tasks import tasks_for

    settings = settings_or_exit()
    huey = tasks_for(settings).huey  # on Redis without queue_secret: exit 2 saying how to set it
    workers = sorted(alive_workers(huey), key=lambda w: str(w.get("worker_id")))
    if args.json:
        print_json({"queue": queue_description(settings), "signed": huey.serializer.signed,
                    "messages": messages_description(settings), "workers": workers})
        return EXIT_OK
    print(f"queue: {queue_description(settings)}")
    print(f"messages: {messages_description(settings)}")
    print(f"workers alive: {len(workers)}")
    for worker in workers:
        signed = "signed" if worker.get("signed") else "unsigned"
        print(f"  {worker.get('worker_id')}  {worker.get('workers')} threads  {signed}")
    return EXIT_OK
