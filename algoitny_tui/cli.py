"""The `algoitny` command: the app by default, and the scriptable commands of the README's contract."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from algoitny_tui import __version__
from algoitny_tui.commands.common import CommandError
from algoitny_tui.locations import SettingsError

# Subcommand -> module under algoitny_tui.commands with add_parser(subparsers) and run(args) -> int.
# Modules are imported only when their command runs, so `algoitny --help` and the app start stay light.
COMMANDS: dict[str, str] = {
    "app": "app",
    "worker": "worker",
    "judge": "judge",
    "verify": "verify",
    "stress": "stress",
    "import": "importer",
    "problems": "problems",
    "submit": "submit",
    "hints": "hints",
    "history": "history",
    "tests": "tests",
    "jobs": "jobs",
    "workers": "workers",
    "sync": "sync",
    "generator": "generator",
    "cache": "cache",
}


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"algoitny_tui.commands.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="algoitny", description="Practice algorithm problems in the terminal, offline first."
    )
    parser.add_argument("--version", action="version", version=f"algoitny {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            try:
                _command_module(name).add_parser(subparsers)
            except ModuleNotFoundError as exc:
                if not exc.name or not exc.name.startswith("algoitny_tui.commands"):
                    raise
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The app uses no pydantic plugin, and looking for them reads the metadata of every installed package: 10-25 ms
    # of every start in a full virtual environment. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    # Build only the parser of the command asked for: importing every command would slow each start.
    only = first if first in COMMANDS else None
    if only is None and not any(a in ("-h", "--help", "--version") for a in args_list):
        only = "app"
        args_list = ["app", *args_list]
    parser = build_parser(only)
    args = parser.parse_args(args_list)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # here, so a closed pipe is met inside the handlers below and not at exit
        if argv is None and getattr(args, "exit_at_once", False):
            _exit_at_once(code)
        return code
    except CommandError as exc:
        print(f"algoitny: {exc}", file=sys.stderr)
        return exc.code
    except (
        SettingsError
    ) as exc:  # found past the start, e.g. a Redis queue without queue_secret when it is opened
        print(f"algoitny: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        if not _stdout_closed():
            return _fail(sys.exc_info()[1])
        # The reader is gone (`algoitny problems list --json | head -1`): stop quietly, as `git log | head` does.
        _discard_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place every other failure becomes one line
        return _fail(exc)


def _exit_at_once(code: int) -> None:
    """End the process now, as the program (not a caller of main()) that ran a command which leaves nothing to
    tear down (`exit_at_once` in its parser's defaults: no open store, every child reaped). The interpreter's own
    teardown frees every object of every module one by one: 15-20 ms, a twentieth of judging a small problem, for
    nothing anyone sees. Returns (for the normal exit, which waits for it) while another thread still runs."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    sys.stderr.flush()
    os._exit(code)


def _fail(exc: BaseException | None) -> int:
    from algoitny_tui.failures import EXIT_BUG, describe_failure

    if exc is None:
        return EXIT_BUG
    message, code = describe_failure(exc)
    print(f"algoitny: {message}", file=sys.stderr)
    return code


def _stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (the BrokenPipeError is ours, not a child's)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (OSError, ValueError):
        return False


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit; pointing it at /dev/null keeps that flush from raising again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
