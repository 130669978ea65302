"""File I/O problems: the program reads its input from a named file and/or writes its answer to one, in its
working directory (old Codeforces and olympiad problems: `input.txt` / `output.txt`, `freopen`).

One rule for the names lives here: every place a name enters (importers, the CLI, the app, the stored item) checks
it with `check_io_file_name`, as the judge creates and opens that name inside the run's directory.
"""

from __future__ import annotations

from dataclasses import dataclass

NAME_MAX_BYTES = 255
"""Linux's limit on one file name."""


def check_io_file_name(name: object, what: str = "file name") -> str:
    """`name` when it is a plain file name (no `/`, `\\`, NUL or control character, not `.` or `..`, at most 255
    bytes); ValueError saying what is wrong otherwise. `what` names the value in the message (`input file`)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"{what} is empty: give a plain file name such as input.txt")
    if name in (".", ".."):
        raise ValueError(f"{what} {name!r} is not allowed: it names a directory, not a file")
    bad = next((c for c in name if c in "/\\\0" or ord(c) < 32 or ord(c) == 127), None)
    if bad is not None:
        raise ValueError(
            f"{what} {name!r} is not allowed: a plain file name has no {bad!r} "
            "(no directories, no NUL or control characters)"
        )
    if name != name.strip():
        raise ValueError(f"{what} {name!r} is not allowed: it starts or ends with a space")
    if len(name.encode("utf-8", "surrogateescape")) > NAME_MAX_BYTES:
        raise ValueError(f"{what} is longer than {NAME_MAX_BYTES} bytes")
    return name


def optional_io_file_name(name: str | None, what: str = "file name") -> str | None:
    """None for standard input/output (None or an empty name), else the checked name."""
    return None if name is None or name == "" else check_io_file_name(name, what)


@dataclass(frozen=True)
class FileIO:
    """Where a program reads its input and writes its answer. The default: standard input and output."""

    input_file: str | None = None
    output_file: str | None = None
    input_on_stdin: bool = False
    """With `input_file`: the input is on standard input too; otherwise standard input is empty."""

    def __post_init__(self) -> None:
        for name, what in ((self.input_file, "input file"), (self.output_file, "output file")):
            if name is not None:
                check_io_file_name(name, what)

    @property
    def uses_files(self) -> bool:
        return self.input_file is not None or self.output_file is not None

    def describe(self) -> str:
        """In words: `reads input.txt, writes output.txt`."""
        source = (
            "standard input"
            if self.input_file is None
            else self.input_file + (" (and standard input)" if self.input_on_stdin else "")
        )
        return f"reads {source}, writes {'standard output' if self.output_file is None else self.output_file}"


STANDARD_IO = FileIO()
