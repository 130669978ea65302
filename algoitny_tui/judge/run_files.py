"""A run's input and output as its problem says: standard input and output, or named files in the run's directory.

The input goes into a sealed memfd (the program gets the open fd: no writer thread, EOF at the end as from a file,
and nothing can write to it), and, for file I/O problems, into the named file in the run directory. The named output
file is read after the run without following links (O_NOFOLLOW, through the directory's own fd) and only when it
is a regular file: a program that makes `output.txt` a link to a file outside its directory gets no answer read
from there. It is read up to the output limit and no further.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from algoitny_tui.file_io import FileIO
from algoitny_tui.judge.sandbox import RunLimits, RunResult

_READ_CHUNK = 1 << 16
_SEALS = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE


@dataclass
class RunIO:
    """The fds a run gets, and how its answer is collected afterwards."""

    workdir: Path
    io: FileIO
    stdin: int
    stdout: int | None
    """None: stdout is captured by the sandbox (the answer); an fd (/dev/null) when the answer goes to a file."""

    input_bytes: int = 0
    """Size of the input file placed in the run directory (0: none)."""

    def limits(self, limits: RunLimits) -> RunLimits:
        """The run's limits, its directory's allowance grown by the input file placed there: the program's own
        writes are what the limit is for."""
        if not self.input_bytes or limits.disk_kb is None:
            return limits
        return replace(limits, disk_kb=limits.disk_kb + -(-self.input_bytes // 1024))

    def rewind(self) -> None:
        """Start the input over (a run retried after the zygote lost it)."""
        os.lseek(self.stdin, 0, os.SEEK_SET)

    def collect(self, res: RunResult, output_limit: int) -> str:
        """Put the program's answer in `res.stdout` (the named output file's content for file I/O problems);
        a message when there is no answer to check (no output file, a link, not a regular file), else ""."""
        name = self.io.output_file
        if name is None:
            return ""
        res.stdout, res.stdout_size = b"", 0
        data, size, problem = read_output_file(self.workdir, name, output_limit)
        if problem:
            return problem
        res.stdout, res.stdout_size = data[:output_limit], size
        if size > output_limit and res.reason == "none":
            res.reason = "ole"
        return ""


@contextmanager
def run_io(workdir: Path, uid: int | None, io: FileIO, input_data: bytes) -> Iterator[RunIO]:
    """The input placed for one run in `workdir` (empty, owned by `uid`), and the fds to give the program."""
    with ExitStack() as stack:
        if io.input_file is not None:
            place_input_file(workdir, uid, io.input_file, input_data)
        if io.input_file is None or io.input_on_stdin:
            stdin = sealed_input(input_data)
        else:  # standard input is empty
            stdin = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        stack.callback(os.close, stdin)
        stdout = None
        if io.output_file is not None:  # what it prints is not its answer: nothing to keep
            stdout = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
            stack.callback(os.close, stdout)
        yield RunIO(workdir, io, stdin, stdout, len(input_data) if io.input_file is not None else 0)


def sealed_input(data: bytes) -> int:
    """An fd holding `data`, read as a file (a size, seekable, EOF at the end) and sealed: nobody, the program
    included, can change it. A memfd: no file in the run's directory to create, remove and leave to the disk."""
    fd = os.memfd_create("input", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    try:
        _write_all(fd, data)
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, _SEALS)
        os.lseek(fd, 0, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd


def place_input_file(workdir: Path, uid: int | None, name: str, data: bytes) -> None:
    """Write the input as `workdir/name` (a fresh directory: the name cannot exist yet), owned by the run's uid so
    the program may also rewrite or remove it."""
    dir_fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        fd = os.open(
            name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=dir_fd
        )
    finally:
        os.close(dir_fd)
    try:
        _write_all(fd, data)
        if uid is not None:
            os.fchown(fd, uid, uid)
    finally:
        os.close(fd)


def read_output_file(workdir: Path, name: str, limit: int) -> tuple[bytes, int, str]:
    """(the first `limit` + 1 bytes at most, the file's size, "") of `workdir/name`, or (b"", 0, why it is not
    read) when it is missing, a link or not a regular file. Never follows a link, never blocks on a FIFO."""
    try:
        dir_fd = os.open(workdir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        return b"", 0, f"the run's directory cannot be read ({exc.strerror})"
    try:
        fd = os.open(
            name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY, dir_fd=dir_fd
        )
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return b"", 0, f"no {name}: the program must write its answer to the file {name}"
        if exc.errno == errno.ELOOP:
            return b"", 0, f"{name} is a symbolic link, not the program's own file: not read"
        return b"", 0, f"{name} cannot be read ({exc.strerror})"
    finally:
        os.close(dir_fd)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return b"", 0, f"{name} is not a regular file: not read"
        chunks: list[bytes] = []
        kept = 0
        while kept <= limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit + 1 - kept))
            if not chunk:
                break
            chunks.append(chunk)
            kept += len(chunk)
        return b"".join(chunks), max(info.st_size, kept), ""
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
