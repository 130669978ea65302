"""The one error every importer raises."""

from __future__ import annotations

from pathlib import Path


class ProblemFormatError(ValueError):
    """A problem source that cannot be imported.

    The message names the file (relative to the problem's folder when that is shorter) and what is wrong with it,
    e.g. ``data/secret/3.in: no answer file (3.ans)``, because the user has to go and fix that file.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
