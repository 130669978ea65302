"""Small file helpers shared by the importers: strict text reading, natural order, slugs, YAML."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from ..domain import id_letters
from .errors import ProblemFormatError
from .limits import MAX_META_BYTES, MAX_YAML_DEPTH, human_size

_DIGITS = re.compile(r"(\d+)")


def display_path(path: Path, root: Path | None) -> str:
    """The path as the user should see it in a message: relative to the problem's root when inside it."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def inside_root(path: Path, root: Path, *, real_root: Path | None = None) -> Path:
    """``path`` with its links resolved, or ProblemFormatError when that is outside ``root``.

    Links inside a package keep working (2023-07 packages link tests between groups); one that leads out of it
    (``01.in -> /etc/passwd``) would import a file the package's author never had, so it is refused by name.
    ``real_root``: ``root`` already resolved, by a caller that checks many files (resolving costs a system call
    per part of the path).
    """
    real_root = real_root if real_root is not None else root.resolve()
    if _no_link_below(path, real_root):
        return path
    real = path.resolve()
    if not real.is_relative_to(real_root):
        raise ProblemFormatError(
            f"{display_path(path, root)}: links outside the problem's folder (to {real}); refusing to read it",
            path,
        )
    return real


def _no_link_below(path: Path, real_root: Path) -> bool:
    """Whether ``path`` is written under the resolved ``real_root`` with no link and no ``..`` on the way: then it
    is its own real path, found with one lstat per part below the root instead of a full resolve. (On strings:
    pathlib's relative_to costs more than the lstat.)"""
    base = str(real_root).rstrip("/")
    written = str(path)
    if not written.startswith(base + "/"):
        return False
    parts = written[len(base) + 1 :].split("/")
    if ".." in parts or "" in parts:
        return False
    for part in parts:
        base = f"{base}/{part}"
        if os.path.islink(base):
            return False
    return True


def read_bytes(
    path: Path, root: Path | None = None, *, limit: int = MAX_META_BYTES, real_root: Path | None = None
) -> bytes:
    """The file's bytes: a regular file inside ``root`` (when given; ``real_root``: see inside_root) of at most
    ``limit`` bytes."""
    real = inside_root(path, root, real_root=real_root) if root is not None else path
    try:
        # O_NONBLOCK: a FIFO put where a file should be must not hang the import (it is refused just below).
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ProblemFormatError(f"{display_path(path, root)}: cannot read ({exc.strerror})", path) from exc
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ProblemFormatError(f"{display_path(path, root)}: not a regular file", path)
        if info.st_size > limit:
            raise too_big(display_path(path, root), info.st_size, limit, path)
        # Asking for one byte more than the size shows a file that grows while read (read() reserves what it is
        # asked for, so never ask for the limit itself).
        data = file.read(info.st_size + 1)
    if len(data) > info.st_size:
        raise ProblemFormatError(f"{display_path(path, root)}: changed while being read", path)
    return data


def too_big(shown: str, size: int, limit: int, path: Path | None) -> ProblemFormatError:
    return ProblemFormatError(
        f"{shown}: {human_size(size)}, more than the {human_size(limit)} an importer reads from one file",
        path,
    )


def read_text(
    path: Path, root: Path | None = None, *, limit: int = MAX_META_BYTES, real_root: Path | None = None
) -> str:
    """The file's text, decoded as UTF-8 and otherwise untouched (see ``read_bytes`` for what is refused).

    Bytes are decoded by hand rather than with ``Path.read_text`` so CRLF line ends are kept as they are: the judge
    must see the test data exactly as the author wrote it.
    """
    data = read_bytes(path, root, limit=limit, real_root=real_root)
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
    slug = re.sub(f"[^{id_letters(text)}_-]+", "-", text.strip()).strip("-_").lower()
    # Ids are at most 128 characters (domain.check_problem_number); a long title keeps its first words.
    return slug[:96].rstrip("-_") or fallback


def read_yaml(path: Path, root: Path | None = None) -> Any:
    """Parsed YAML, or ProblemFormatError naming the file and the line of the error.

    Aliases (``*name``) are refused: nine nested ones expand to gigabytes (a "billion laughs"), and no problem
    package needs them. Nesting is capped too, as the parser recurses once per level.
    """
    import yaml  # only Kattis packages have YAML; a folder of tests should not pay for the parser

    text = read_text(path, root)
    where = display_path(path, root)
    try:
        return yaml.load(text, Loader=_strict_loader())  # noqa: S506 - a SafeLoader subclass
    except _YamlRefused as exc:
        raise ProblemFormatError(f"{where}: line {exc.line}: {exc}", path) from None
    except RecursionError:
        raise ProblemFormatError(f"{where}: nested too deeply", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        shown = f"{where}: line {mark.line + 1}" if mark is not None else where
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ProblemFormatError(f"{shown}: invalid YAML: {problem}", path) from exc


class _YamlRefused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _strict_loader() -> Any:
    import yaml

    # The pure-Python loader: the C one composes nodes in C, out of reach of the checks below. problem.yaml is small.
    class StrictLoader(yaml.SafeLoader):
        """SafeLoader that refuses aliases and collections nested deeper than MAX_YAML_DEPTH."""

        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            if isinstance(event, yaml.AliasEvent):
                raise _YamlRefused(f"alias *{event.anchor} refused (YAML aliases are not accepted)", line)
            nests = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
            if nests:
                self.depth += 1
                if self.depth > MAX_YAML_DEPTH:
                    raise _YamlRefused(f"nested more than {MAX_YAML_DEPTH} levels deep", line)
            try:
                return super().compose_node(parent, index)
            finally:
                if nests:
                    self.depth -= 1

    return StrictLoader
