"""Drafts: the editor's code per problem and language, in files under data_dir/drafts/, written atomically.

A write goes to a temporary file that is fsynced and renamed over the draft, so a killed app (even SIGKILL) leaves
either the previous draft or the new one, never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from algoitny_tui.widgets.languages import language

LAST_LANGUAGE_FILE = "language"


class Drafts:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _dir(self, problem_id: str) -> Path:
        return self.root / quote(problem_id, safe="")

    def path(self, problem_id: str, language_name: str) -> Path:
        return self._dir(problem_id) / f"{quote(language_name, safe='')}{language(language_name).extension}"

    def load(self, problem_id: str, language_name: str) -> str | None:
        try:
            return self.path(problem_id, language_name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def save(self, problem_id: str, language_name: str, text: str) -> int:
        """Write the draft; the mtime of what was written (read before the rename: a write from another window
        right after is then still seen as a change)."""
        mtime = _write_atomic(self.path(problem_id, language_name), text)
        _write_atomic(self._dir(problem_id) / LAST_LANGUAGE_FILE, language_name)
        return mtime

    def mtime_ns(self, problem_id: str, language_name: str) -> int | None:
        """When the draft file last changed (None: no file), to notice edits made outside the app."""
        try:
            return self.path(problem_id, language_name).stat().st_mtime_ns
        except OSError:
            return None

    def last_language(self, problem_id: str) -> str | None:
        try:
            return (self._dir(problem_id) / LAST_LANGUAGE_FILE).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None


def _write_atomic(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
        mtime = os.fstat(fh.fileno()).st_mtime_ns
    os.replace(tmp, path)
    return mtime
