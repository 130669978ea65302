"""From how a run ended to a verdict: TLE, MLE, OLE, RE, JE (or None: it ran fine, check its output)."""

from __future__ import annotations

import signal

from algoitny_tui.domain import Verdict
from algoitny_tui.judge.sandbox import DISK_LIMIT_KB, RunResult

# What runtimes print when an allocation fails under RLIMIT_AS (or their own heap limit).
MLE_SIGNATURES = (
    b"MemoryError",
    b"std::bad_alloc",
    b"java.lang.OutOfMemoryError",
    b"heap out of memory",
    b"Allocation failed - JavaScript heap",
    b"memory allocation of",  # Rust: "memory allocation of N bytes failed"
    b"runtime: out of memory",  # Go
    b"Cannot allocate memory",
    b"out of memory",
)


def signal_name(num: int) -> str:
    try:
        return signal.Signals(num).name
    except ValueError:
        return f"signal {num}"


def _last_line(stderr: bytes) -> str:
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].strip()[:300] if lines else ""


def classify(
    res: RunResult, *, time_limit_ms: int, memory_limit_mb: int, output_limit: int, wall_limit_ms: int
) -> tuple[Verdict | None, str]:
    """Verdict of a finished run, before its output is checked. None: it exited 0 within limits."""
    mem_kb = memory_limit_mb * 1024
    if res.reason == "ole":
        return Verdict.OLE, f"output exceeded {output_limit} bytes"
    if res.reason == "disk":
        return (
            Verdict.OLE,
            f"wrote more than {DISK_LIMIT_KB // 1024} MB (or too many files) into its directory",
        )
    if res.reason == "cpu" or res.cpu_ms > time_limit_ms:
        return Verdict.TLE, f"CPU time over {time_limit_ms} ms"
    if res.reason == "wall":
        return (
            Verdict.TLE,
            f"wall time over {wall_limit_ms} ms (CPU {res.cpu_ms} ms: sleeping or waiting for input?)",
        )
    if res.reason.startswith(("exec:", "setup:")) or res.reason in ("lost", "killed"):
        return Verdict.JE, f"the sandbox could not run the program ({res.reason})"
    failed = res.status != 0
    memory_hit = res.memory_kb > mem_kb
    if failed and not memory_hit:
        # the allocation that failed was the one crossing the limit, so peak RSS stays a bit below it
        memory_hit = res.memory_kb >= mem_kb * 0.9 or any(s in res.stderr for s in MLE_SIGNATURES)
    if memory_hit:
        return Verdict.MLE, f"memory limit {memory_limit_mb} MB exceeded (peak {res.memory_kb // 1024} MB)"
    if res.signal is not None:
        name = signal_name(res.signal)
        if res.signal == signal.SIGXCPU:
            return Verdict.TLE, f"CPU time over {time_limit_ms} ms"
        if res.signal == signal.SIGXFSZ:
            return Verdict.OLE, "file size limit exceeded"
        last = _last_line(res.stderr)
        return Verdict.RE, f"killed by {name}" + (f": {last}" if last else "")
    if res.exit_code not in (0, None):
        last = _last_line(res.stderr)
        return Verdict.RE, f"exit code {res.exit_code}" + (f": {last}" if last else "")
    return None, ""
