"""`algoitny app` (and plain `algoitny`): the Textual app, with a worker of its own when none is running."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "app",
        help="the terminal app (the default command)",
        description="Pick a problem, write code, submit, see every test, get hints.",
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start a worker (use one started elsewhere: `algoitny worker`)",
    )
    parser.add_argument("--no-pack", action="store_true", help="do not load the built-in problems at start")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.app import make_app
    from algoitny_tui.commands.common import CommandError
    from algoitny_tui.locations import Locations, SettingsError, read_settings_file

    # A settings file that is not TOML stops the app here. The values are checked right after the first frame
    # (validating them costs a quarter of the start); a bad one then ends the app with the same message and code.
    try:
        read_settings_file(Locations.from_env().settings_file)
    except SettingsError as exc:
        raise CommandError(str(exc), 2) from exc
    from algoitny_tui.failures import send_logs_to_file

    send_logs_to_file()
    app = make_app(
        None,
        start_worker=not getattr(args, "no_worker", False),
        install_pack=not getattr(args, "no_pack", False),
    )
    app.run()
    if app.failure_message:
        print(app.failure_message, file=sys.stderr)
    return int(app.return_code or 0)
