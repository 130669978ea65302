"""What every command shares: settings and store opened with clear errors, JSON output, exit codes."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from algoitny_tui.locations import SettingsError

if TYPE_CHECKING:
    from algoitny_tui.config import Settings

EXIT_OK = 0
EXIT_NOT_ACCEPTED = 1
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A user-facing error: printed as `algoitny: <message>` and exits with `code`."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def at_least_one(text: str) -> int:
    """An argparse type for counts (--jobs, --limit, --count): a whole number, 1 or more; argparse names the option
    in its error and exits with 2."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def settings_or_exit() -> Settings:
    # Imported here: pydantic-settings costs ~50 ms, which commands that need no setting should not pay.
    from algoitny_tui.config import load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        raise CommandError(str(exc)) from exc


def language_help(default: str) -> str:
    """`--language` help naming every language a run accepts: the table's, then the user's `[languages.NAME]`.

    Read from the settings file alone (not the whole settings: a parser is built on every start); a file that does
    not read lists the built-ins, and the command then says what is wrong with it."""
    from algoitny_tui.languages import BUILTIN
    from algoitny_tui.locations import Locations, read_settings_file

    try:
        configured = read_settings_file(Locations.from_env().settings_file).get("languages")
    except SettingsError:
        configured = None
    users = configured if isinstance(configured, dict) else {}
    names = [*BUILTIN, *(str(name) for name in users if name not in BUILTIN)]
    return f"one of {', '.join(names)} (default: {default})"


def print_queued(job_id: str, status: str, *, as_json: bool) -> None:
    """What a command queueing a job without --wait prints."""
    if as_json:
        print_json({"job_id": job_id, "status": status})
    else:
        print(f"queued as job {job_id}")


def print_json(value: Any) -> None:
    json.dump(
        value, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"), default=_json_default
    )
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        import base64

        return {"$binary": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot print {type(value).__name__} as JSON")
