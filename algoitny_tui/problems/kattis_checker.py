"""The output check of a Kattis package: default-validator flags, or a custom / interactive validator program."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..domain import CheckerKind, CheckerSpec
from .errors import ProblemFormatError
from .files import display_path, inside_root, natural_key, read_bytes
from .limits import MAX_META_BYTES

log = logging.getLogger(__name__)

# Extensions the judge can compile or run; headers and data files travel along but are never the entry point.
SOURCE_SUFFIXES = {".py", ".c", ".cc", ".cpp", ".cxx", ".c++", ".java", ".js", ".rs", ".go", ".kt"}
_SKIP_DIRS = {"__pycache__", "build", "target", ".git"}
_MAIN_PATTERNS = (
    re.compile(r"\bint\s+main\s*\("),  # C, C++
    re.compile(r"static\s+void\s+main\s*\("),  # Java
    re.compile(r"__name__\s*==\s*['\"]__main__['\"]"),  # Python
    re.compile(r"\bfn\s+main\s*\("),  # Rust
    re.compile(r"\bfunc\s+main\s*\("),  # Go
    re.compile(r"\bfun\s+main\s*\("),  # Kotlin
)
_CONVENTIONAL_STEMS = ("validator", "validate", "output_validator", "checker", "check", "interactor", "main")


def parse_flags(flags: list[str], *, where: str, path: Path | None) -> CheckerSpec:
    """CheckerSpec of the Kattis default validator with these flags (Kattis compares case-insensitively by default)."""
    spec = CheckerSpec(kind=CheckerKind.DEFAULT, case_sensitive=False)
    i = 0
    while i < len(flags):
        flag = flags[i]
        if flag in ("case_sensitive", "space_change_sensitive"):
            setattr(spec, flag, True)
            i += 1
            continue
        if flag in ("float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"):
            try:
                value = float(flags[i + 1])
            except (IndexError, ValueError):
                raise ProblemFormatError(f"{where}: {flag} needs a number", path) from None
            if flag != "float_relative_tolerance":
                spec.float_absolute_tolerance = value
            if flag != "float_absolute_tolerance":
                spec.float_relative_tolerance = value
            i += 2
            continue
        # Unknown flags are kept out of the spec but not fatal: newer validators grow flags we need not know.
        log.info("%s: ignoring unknown validator flag %r", where, flag)
        i += 1
    return spec


def find_validator_dir(root: Path) -> Path | None:
    """The folder (or single file) holding the package's output validator, if any.

    Legacy packages use ``output_validators/<name>/`` or ``output_validators/<file>``; 2023-07 and later also allow
    ``output_validator/`` holding the program directly.
    """
    for folder_name in ("output_validator", "output_validators"):
        folder = root / folder_name
        if not folder.is_dir():
            continue
        entries = sorted(
            (p for p in folder.iterdir() if not p.name.startswith(".") and p.name not in _SKIP_DIRS),
            key=lambda p: natural_key(p.name),
        )
        subdirs = [p for p in entries if p.is_dir()]
        sources = [p for p in entries if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES]
        if folder_name == "output_validator" and sources:
            return folder  # the program itself
        if subdirs and not sources:
            if len(subdirs) > 1:
                log.warning("%s: several validators, using %s", folder, subdirs[0].name)
            return subdirs[0]
        if len(sources) == 1 and not subdirs:
            return sources[0]
        if sources:
            return folder  # several files side by side: one program with helpers
    return None


def read_program(location: Path, root: Path) -> tuple[dict[str, str], str]:
    """(files by relative path, entry file name) of the validator at ``location`` (a folder or a single file)."""
    if location.is_file():
        text = _read_source(location, root)
        assert text is not None  # required=True raises instead
        return {location.name: text}, location.name
    files: dict[str, str] = {}
    for path in sorted(location.rglob("*")):
        relative = path.relative_to(location)
        if not path.is_file() or any(p.startswith(".") or p in _SKIP_DIRS for p in relative.parts):
            continue
        text = _read_source(path, root, required=False)
        if text is not None:
            files[relative.as_posix()] = text
    entry = _pick_entry(files, location.name)
    if entry is None:
        raise ProblemFormatError(f"{display_path(location, root)}: no validator source file found", location)
    return files, entry


def _read_source(path: Path, root: Path, required: bool = True) -> str | None:
    if not required and inside_root(path, root).stat().st_size > MAX_META_BYTES:
        log.info("%s: skipping a file too big to be a source", display_path(path, root))
        return None
    data = read_bytes(path, root)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # A compiled binary or object file left next to the sources: the judge builds its own, so skip it.
        if required:
            raise ProblemFormatError(
                f"{display_path(path, root)}: validator source is not UTF-8 text", path
            ) from None
        log.info("%s: skipping non-text file", display_path(path, root))
        return None


def _pick_entry(files: dict[str, str], folder_name: str) -> str | None:
    """The main source: the only one, the one named like its folder, a conventional name, or the one with main."""
    sources = [name for name in files if Path(name).suffix.lower() in SOURCE_SUFFIXES]
    if len(sources) <= 1:
        return sources[0] if sources else None
    top = [name for name in sources if "/" not in name] or sources
    for name in top:
        if Path(name).stem == folder_name:
            return name
    with_main = [name for name in top if any(p.search(files[name]) for p in _MAIN_PATTERNS)]
    if len(with_main) == 1:
        return with_main[0]
    for stem in _CONVENTIONAL_STEMS:
        for name in with_main or top:
            if Path(name).stem.lower() == stem:
                return name
    return (with_main or top)[0]


def build_checker(
    root: Path,
    *,
    custom: bool,
    interactive: bool,
    flags: list[str],
    flags_where: str,
    flags_path: Path | None,
) -> CheckerSpec:
    """The problem's CheckerSpec: default validator with flags, or the package's validator program."""
    if not custom and not interactive:
        return parse_flags(flags, where=flags_where, path=flags_path)
    location = find_validator_dir(root)
    if location is None:
        what = "interactive" if interactive else "custom"
        raise ProblemFormatError(
            f"problem.yaml: {what} validation needs a validator in output_validators/, but there is none",
            root / "problem.yaml",
        )
    files, entry = read_program(location, root)
    return CheckerSpec(
        kind=CheckerKind.INTERACTIVE if interactive else CheckerKind.KATTIS,
        case_sensitive=True,
        program_entry=entry,
        program_files=files,
        arguments=list(flags),
    )
