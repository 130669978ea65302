"""Small file helpers shared by the importers: strict text reading, natural order, slugs, YAML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import ProblemFormatError

_DIGITS = re.compile(r"(\d+)")


def display_path(path: Path, root: Path | None) -> str:
    """The path as the user should see it in a message: relative to the problem's root when inside it."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def read_text(path: Path, root: Path | None = None) -> str:
    """The file's text, decoded as UTF-8 and otherwise untouched.

    Bytes are decoded by hand rather than with ``Path.read_text`` so CRLF line ends are kept as they are: the judge
    must see the test data exactly as the author wrote it.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProblemFormatError(f"{display_path(path, root)}: cannot read ({exc.strerror})", path) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProblemFormatError(
            f"{display_path(path, root)}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path,
        ) from exc


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``2`` before ``10`` (``test2`` before ``test10``)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower()) for part in _DIGITS.split(name) if part
    )


def path_key(relative: Path) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """Natural sort key of a relative path, part by part, so groups sort like file names do."""
    return tuple(natural_key(part) for part in relative.parts)


def slugify(text: str, fallback: str = "problem") -> str:
    """A key-safe form of a name (no ``#``, no spaces): used as a problem number when nothing better exists."""
    slug = re.sub(r"[^0-9A-Za-z가-힣_-]+", "-", text.strip()).strip("-").lower()
    return slug or fallback


def read_yaml(path: Path, root: Path | None = None) -> Any:
    """Parsed YAML, or ProblemFormatError naming the file and the line of the syntax error."""
    import yaml  # only Kattis packages have YAML; a folder of tests should not pay for the parser

    text = read_text(path, root)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            f"{display_path(path, root)}: line {mark.line + 1}"
            if mark is not None
            else display_path(path, root)
        )
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ProblemFormatError(f"{where}: invalid YAML: {problem}", path) from exc
