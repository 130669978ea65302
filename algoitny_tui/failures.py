"""What a user sees when a command or the app fails: one line, never a traceback.

- a damaged or busy store or queue file (a SQLite database error): the file and what to do, exit 2 (EXIT_BAD_INPUT);
- anything else is a bug: the traceback goes to the log file, the line names it, exit 3 (EXIT_BUG).
"""

from __future__ import annotations

import datetime
import tempfile
import traceback
from pathlib import Path

EXIT_BAD_INPUT = 2
EXIT_BUG = 3
LOG_FILE_NAME = "algoitny.log"


def log_file() -> Path:
    """The app's log file (in the data folder), where tracebacks of bugs go."""
    from algoitny_tui.locations import Locations

    return Locations.from_env().data_dir / LOG_FILE_NAME


def describe_failure(error: BaseException) -> tuple[str, int]:
    """(one line for the user, exit code) for an exception nothing else handled."""
    from algoitny_tui.storage.table import StoreError

    if isinstance(error, StoreError):
        return str(error), EXIT_BAD_INPUT
    from algoitny_tui.storage.sqlite_table import is_database_failure

    if is_database_failure(error):
        from algoitny_tui.locations import Locations

        data = Locations.from_env().data_dir
        return (
            f"a database file in {data} failed ({error}); it was left as it is: move the damaged file aside "
            "(store.db or queue.db; algoitny starts a new one) or put back a copy"
        ), EXIT_BAD_INPUT
    where = record_bug(error)
    return (
        f"internal error ({type(error).__name__}: {str(error)[:200]}); this is a bug in algoitny, "
        f"the details are in {where}"
    ), EXIT_BUG


def record_bug(error: BaseException) -> Path:
    """Append the traceback to the log file (or a temporary file when that cannot be written); returns where."""
    text = f"--- {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}\n" + "".join(
        traceback.format_exception(error)
    )
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(text)
        return path
    except Exception:  # noqa: BLE001 - reporting a bug must not raise another
        with tempfile.NamedTemporaryFile("w", prefix="algoitny-", suffix=".log", delete=False) as spare:
            spare.write(text)
        return Path(spare.name)


def send_logs_to_file() -> None:
    """Log records (warnings and up) go to the log file: in the app, the terminal is the screen's, and Python's
    fallback would print them over it."""
    import logging

    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
