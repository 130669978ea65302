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


def settings_or_exit() -> Settings:
    # Imported here: pydantic-settings costs ~50 ms, which commands that need no setting should not pay.
    from algoitny_tui.config import load_settings

    try:
        return load_settings()
    except SettingsError as exc:
        raise CommandError(str(exc)) from exc


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=None, separators=(",", ":"), default=_json_default)
    sys.stdout.write("\n")


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        import base64

        return {"$binary": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(f"cannot print {type(value).__name__} as JSON")
