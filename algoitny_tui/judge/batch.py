"""Many stress cases in one sandbox: the helper's batch mode (-B; read batch_main in sandbox.c).

One helper per worker thread builds the sandbox once (namespaces, new root, the same isolation as a single run) and
stays up; for each seed written to it, its init runs the case's programs one after another, each a run of its own
(its limits; every process it left killed and reaped, the run directory emptied before the next starts), and
reports each on the result pipe with its stdout and stderr. Compiled programs skip the helper's exec and the
sandbox's set-up for every run but the first, which is what makes stress tests on them fast.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from algoitny_tui.judge.compile_cache import tool_env
from algoitny_tui.judge.sandbox import RunLimits, RunResult, Sandbox, _Running, read_result_line

BATCH_ENV = "ALGOITNY_STRESS_BATCH"
"""0: every program of a stress test runs in a sandbox of its own, as before batches (to compare)."""
SEED = "0"
"""Placeholder in a program's argv where each case's seed goes (its index is sent to the helper)."""


def batch_wanted() -> bool:
    return os.environ.get(BATCH_ENV, "1") != "0"


class BatchUnavailable(Exception):
    """The batch helper did not start or stopped answering (the message says how): run the case the plain way."""


@dataclass(frozen=True)
class BatchProgram:
    name: str
    argv: Sequence[str]
    limits: RunLimits
    seed_at: int | None = None
    """Index in argv that takes the case's seed."""
    tools: Sequence[str] = ()
    readable: Sequence[str] = ()
    forkserver: bool = False
    """Linked with the fork server hook (forkserver.py): exec'd once per batch, forked before main per case."""

    def spec(self) -> list[str]:
        """The program as the helper reads it after `--` (see sandbox.c's -B)."""
        lim = self.limits
        numbers = [
            lim.cpu_ms,
            lim.wall_ms,
            lim.address_space_kb,
            lim.stack_kb,
            lim.max_processes,
            lim.file_size_kb,
            lim.disk_kb,
            lim.output_limit,
            -1 if self.seed_at is None else self.seed_at,
            1 if self.forkserver else 0,
            len(self.argv),
        ]
        return [self.name, *(str(n or 0) if n != -1 else "-1" for n in numbers), *self.argv]


NO_LIMITS = RunLimits(cpu_ms=None, wall_ms=0, max_processes=None, file_size_kb=None, disk_kb=None)
"""The helper's own run limits in batch mode: none; each program carries its own."""


class Batch:
    """One batch helper: `run_case(seed)` runs the programs on one case; or `send(seed)` queues a case and
    `receive()` reads the results of the oldest one queued (the helper starts the next case while the caller checks
    the last). Closing it with cases queued and not received ends the helper at once (abandon). Not thread safe:
    one per worker."""

    def __init__(self, sandbox: Sandbox, programs: Sequence[BatchProgram]) -> None:
        self.names = [p.name for p in programs]
        self.queued = 0
        """Cases sent whose results were not received yet."""
        self._stack = ExitStack()
        try:
            workdir, uid = self._stack.enter_context(sandbox.workdir())
            cases_r, cases_w = os.pipe()
            self._cases = os.fdopen(cases_w, "wb", buffering=0)
            self._stack.callback(self._cases.close)
            devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
            self._stack.callback(os.close, devnull)
            try:
                self._run: _Running = sandbox.start(
                    [arg for p in programs for arg in p.spec()],
                    workdir=workdir,
                    uid=uid,
                    limits=NO_LIMITS,
                    stdin=cases_r,
                    stdout=devnull,
                    env=tool_env(workdir),
                    tools=sorted({t for p in programs for t in p.tools}),
                    readable=sorted({r for p in programs for r in p.readable}),
                    batch=True,
                )
            finally:
                os.close(cases_r)
            self._stack.callback(self._stop)
            self._results = io.BufferedReader(io.FileIO(self._run.result_r, "rb", closefd=False))
        except OSError as e:
            self._stack.close()
            raise BatchUnavailable(f"the batch helper does not start: {e}") from e
        except BaseException:
            self._stack.close()
            raise

    def run_case(self, seed: int) -> dict[str, RunResult]:
        """Each program's result by name, in order, up to the first that failed (the helper skips the rest)."""
        self.send(seed)
        return self.receive()

    def send(self, seed: int) -> None:
        """Queue a case: the helper runs it after the ones queued before."""
        self.queued += 1
        try:
            self._cases.write(f"{seed}\n".encode())
        except OSError as e:
            raise BatchUnavailable(f"the batch helper is gone ({e.strerror})") from e

    def receive(self) -> dict[str, RunResult]:
        """The results of the oldest case queued, as run_case returns them."""
        if self.queued < 1:
            raise RuntimeError("no case was sent to the batch")
        self.queued -= 1
        results: dict[str, RunResult] = {}
        for name in self.names:
            line = self._results.readline()
            if line == b"done\n":
                return results
            fields = line.decode("ascii", "replace").split()
            if len(fields) < 4 or fields[0] != "R":
                res = RunResult()
                read_result_line(res, fields)
                raise BatchUnavailable(f"the batch helper stopped ({res.reason})")
            out_len, err_size, err_len = (int(f) for f in fields[1:4])
            res = RunResult(stdout_size=out_len, stderr_size=err_size)
            read_result_line(res, fields[4:])
            res.stdout = self._read(out_len)
            res.stderr = self._read(err_len)
            results[name] = res
        if self._results.readline() != b"done\n":
            raise BatchUnavailable("the batch helper's report is out of step")
        return results

    def interrupt(self) -> None:
        """From another thread: end the case running now (its init kills and reaps it, reports it as killed) and
        the batch after it; the owner's receive() then returns that report or raises BatchUnavailable."""
        self._run.kill()

    def _read(self, size: int) -> bytes:
        data = self._results.read(size) if size else b""
        if len(data) != size:
            raise BatchUnavailable("the batch helper stopped in the middle of a report")
        return data

    def _stop(self) -> None:
        """EOF on the seeds ends the helper (init kills and reaps everything of the last case first). With cases
        queued that nobody will read (the stress test stopped), it ends now: the results pipe is closed, so a
        report of the helper fails at once, and SIGTERM ends the program running (init kills and reaps it)."""
        if self.queued:
            self._results.close()
            os.close(self._run.result_r)
            self._run.kill()
        self._cases.close()
        proc = self._run.proc
        assert proc is not None
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._run.kill(hard=True)
            proc.wait()
        for f in (proc.stderr, proc.stdout):
            if f is not None:
                f.close()
        if not self.queued:
            self._results.close()
            os.close(self._run.result_r)

    def close(self) -> None:
        self._stack.close()


@contextmanager
def open_batch(sandbox: Sandbox, programs: Sequence[BatchProgram]) -> Iterator[Batch]:
    batch = Batch(sandbox, programs)
    try:
        yield batch
    finally:
        batch.close()
