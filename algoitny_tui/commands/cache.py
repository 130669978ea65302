"""`algoitny cache warm [problems|stats] [--wait] [--json]`, `algoitny cache invalidate problems|stats [--wait]
[--json]`: the worker's cache tasks (warm_problem_cache_task, warm_user_stats_cache_task, invalidate_cache_task).

`warm` without a cache queues both. With --wait a worker is started for the command when none is alive, and the
command returns when the task's effect is seen (worker/cache_requests.py). --json prints
{"queued": [TASK, ...]} without --wait, {"done": [OUTCOME, ...]} with it: OUTCOME is {"cache": "problems",
"problems": N}, {"cache": "stats", "user": U, "stats": {...}} or {"cache": C, "invalidated": true}.
"""

from __future__ import annotations

import argparse

from algoitny_tui.commands.common import (
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    print_json,
    settings_or_exit,
)
from algoitny_tui.commands.store_access import repositories


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from algoitny_tui.worker.cache_requests import CACHES

    parser = subparsers.add_parser(
        "cache",
        help="rebuild (warm) or drop (invalidate) the problem index and statistics caches, in a worker",
    )
    parser.add_argument("action", choices=("warm", "invalidate"))
    parser.add_argument("cache", nargs="?", choices=CACHES, help="warm: both when left out")
    parser.add_argument("--wait", action="store_true", help="run a worker if none is alive and wait for it")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.commands.queued import worker_for
    from algoitny_tui.worker.cache_requests import (
        CACHES,
        describe,
        queue_invalidate,
        queue_warm,
        wait_until_done,
    )

    if args.action == "invalidate" and args.cache is None:
        raise CommandError("cache invalidate needs the cache to drop: problems or stats")
    caches = [args.cache] if args.cache else list(CACHES)
    queue = queue_warm if args.action == "warm" else queue_invalidate
    settings = settings_or_exit()
    with repositories() as repos, worker_for(settings, args.wait):
        queued = [queue(settings, repos, cache) for cache in caches]
        if not args.wait:
            if args.json:
                print_json({"queued": [q.task for q in queued]})
            else:
                for q in queued:
                    print(f"queued {q.task}")
            return EXIT_OK
        try:
            done = [wait_until_done(q, args.timeout) for q in queued]
        except TimeoutError as exc:
            raise CommandError(str(exc), code=EXIT_NOT_ACCEPTED) from None
    if args.json:
        print_json({"done": done})
    else:
        for outcome in done:
            print(describe(outcome))
    return EXIT_OK
