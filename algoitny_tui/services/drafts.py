"""Drafts: the editor's code per problem and language, in files under data_dir/drafts/, written atomically.

A write goes to a temporary file that is fsynced and renamed over the draft, so a killed app (even SIGKILL) leaves
either the previous draft or the new one, never half of one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.languages import Language, language

LAST_LANGUAGE_FILE = "language"


class Drafts:
    def __init__(self, root: Path, languages: Mapping[str, Language] | None = None) -> None:
        self.root = root
        self.languages = languages
        """The language table with the user's languages (their files get their own extension)."""

    def _dir(self, problem_id: str) -> Path:
        return self.root / quote(problem_id, safe="")

    def path(self, problem_id: str, language_name: str) -> Path:
        return (
            self._dir(problem_id)
            / f"{quote(language_name, safe='')}{language(language_name, self.languages).file_extension}"
        )

    def load(self, problem_id: str, language_name: str) -> str | None:
        try:
            return self.path(problem_id, language_name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def save(self, problem_id: str, language_name: str, text: str) -> int:
        """Write the draft; the mtime of what was written (read before the rename: a write from another window
        right after is then still seen as a change)."""
        mtime = write_atomic(self.path(problem_id, language_name), text)
        write_atomic(self._dir(problem_id) / LAST_LANGUAGE_FILE, language_name)
        return mtime

    def mtime_ns(self, problem_id: str, language_name: str) -> int | None:
        """When the draft file last changed (None: no file), to notice edits made outside the app."""
        try:
            return self.path(problem_id, language_name).stat().st_mtime_ns
        except OSError:
            return None

    def load_named(self, problem_id: str, name: str) -> str | None:
        """Another file kept with the problem's drafts (the Stress tab's setup)."""
        try:
            return (self._dir(problem_id) / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def save_named(self, problem_id: str, name: str, text: str) -> None:
        write_atomic(self._dir(problem_id) / name, text)

    def last_language(self, problem_id: str) -> str | None:
        try:
            return (self._dir(problem_id) / LAST_LANGUAGE_FILE).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None
