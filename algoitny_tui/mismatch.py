"""Where a wrong answer first differs from the expected one, as the judge's built-in checks find it.

The judge's checker writes it (judge/checkers.py), the store keeps it with the test result (`mis`), and the hint
engine reads it (hints/evidence.py): the one contract between them. `describe` is the one place its sentence is
written, for the results a user reads. Custom checkers (Kattis validators, testlib) have their own message and no
Mismatch. Light on purpose: no third-party import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MismatchKind = Literal["token", "case", "missing", "extra", "whitespace", "whitespace_only", "text"]
"""token: a token differs; case: only in letter case (the problem is case-sensitive); missing: the output ended
before the expected tokens did; extra: output after the expected tokens; whitespace: the spacing differs where the
problem checks it; whitespace_only / text: an exact (byte for byte) check found only the spacing, or text, differing.
"""

SHOWN_CHARS = 40
"""A token is shown up to this many characters in the sentence."""
KEPT_CHARS = 100
"""`got` and `wanted` are kept up to this many characters (a token can be megabytes)."""


@dataclass(frozen=True, kw_only=True)
class Mismatch:
    kind: MismatchKind
    line: int
    """Line of the output where it differs (1-based)."""
    column: int
    """Column of the output where it differs (1-based, in bytes)."""
    got: str | None = None
    """What the output has there: a token, or for whitespace and exact checks the text from there on."""
    wanted: str | None = None
    """What the expected output has there."""
    got_tokens: int | None = None
    """missing: how many tokens the output had."""
    wanted_tokens: int | None = None
    """missing and extra: how many tokens were expected."""

    def describe(self) -> str:
        """The sentence a user reads in the results: `line 2, column 5: expected '10', got '9'`."""
        where = f"line {self.line}, column {self.column}"
        got, wanted = _show(self.got), _show(self.wanted)
        if self.kind == "missing":
            return (
                f"{where}: expected {wanted} but the output ended "
                f"(got {self.got_tokens} of {self.wanted_tokens} tokens)"
            )
        if self.kind == "extra":
            return f"{where}: extra output {got} after the {self.wanted_tokens} expected tokens"
        if self.kind == "whitespace":
            return f"{where}: whitespace differs (expected {wanted}, got {got})"
        if self.kind == "whitespace_only":
            return f"{where}: whitespace differs only (exact check: expected {wanted}, got {got})"
        note = " (case differs only)" if self.kind == "case" else ""
        return f"{where}: expected {wanted}, got {got}{note}"


def kept(text: bytes) -> str:
    """A token or piece of output as Mismatch keeps it: text, at most KEPT_CHARS characters."""
    return text[: KEPT_CHARS * 4].decode("utf-8", "replace")[:KEPT_CHARS]


def _show(text: str | None) -> str:
    text = text or ""
    return repr(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "...")
