"""Start a Python solution's zygote and the sandbox's probe while the caller still loads the problem.

`algoitny judge` loads the runner, the checkers and the problem (~20 ms) before judge() would start the zygote,
which then takes ~20 ms to boot: started here first, the two overlap. Only what needs neither the problem nor a
compile starts early: the artifact must already be in the compile cache, and the zygote boots with the stack
every limit from 8 MB up shares (zygote.boot_stack_kb). judge(warm=...) adopts what fits the problem and closes
the rest; a caller that never reaches judge() closes it.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from pathlib import Path

from algoitny_tui.judge.compile_cache import cached_artifact, default_cache_dir
from algoitny_tui.judge.languages import LanguageSpec, ToolchainMissing
from algoitny_tui.judge.sandbox import STACK_CAP_MB, RunLimits, Sandbox, SandboxUnavailable, build_helper
from algoitny_tui.judge.zygote import Zygote, ZygoteUnavailable, zygote_wanted

_PLACEHOLDER_WALL_MS = 1000
"""The zygote's own default limits are never used by judge(), which passes each run's: only its boot stack (the
largest, which serves every limit from 8 MB up) matters."""


class WarmStart:
    """A sandbox with its probe under way and a booting zygote, for one solution (or nothing, when nothing could
    start early). A context manager: leaving it closes whatever judge() did not take."""

    def __init__(
        self,
        spec: LanguageSpec,
        source: str,
        cache_dir: Path,
        sandbox: Sandbox | None = None,
        zygote: Zygote | None = None,
    ) -> None:
        self.spec, self.source, self.cache_dir = spec, source, cache_dir
        self._sandbox, self._zygote = sandbox, zygote
        self.zygote_used = False
        """Set by judge() when the early zygote ran the tests."""

    def take(self, spec: LanguageSpec, source: str, cache_dir: Path) -> tuple[Sandbox, Zygote] | None:
        """The sandbox and zygote, now the caller's to close, when they were started for this solution and
        cache; otherwise None, and whatever was started is closed."""
        sandbox, zygote = self._sandbox, self._zygote
        if (
            sandbox is None
            or zygote is None
            or (spec, source, cache_dir) != (self.spec, self.source, self.cache_dir)
        ):
            self.close()
            return None
        self._sandbox = self._zygote = None
        return sandbox, zygote

    def close(self) -> None:
        """Idempotent: ends the zygote and removes the sandbox's directory, if still held here."""
        zygote, sandbox = self._zygote, self._sandbox
        self._zygote = self._sandbox = None
        if zygote is not None:
            zygote.close()
        if sandbox is not None:
            sandbox.close()

    def __enter__(self) -> WarmStart:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def warm_start(spec: LanguageSpec, source: str, cache_dir: Path | None = None) -> WarmStart:
    """Start the zygote for `source` now, and the sandbox's probe beside it. Nothing starts (an empty WarmStart)
    when judge() would not use a zygote here or the artifact is not cached yet: judge() then starts everything
    itself, as without this."""
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    nothing = WarmStart(spec, source, cache)
    if not spec.zygote:
        return nothing
    try:
        artifact = cached_artifact(spec, source, cache_dir=cache)
    except (ToolchainMissing, OSError, ValueError):
        return nothing
    if artifact is None:
        return nothing
    try:
        sandbox = Sandbox(build_helper(cache))
    except (SandboxUnavailable, OSError):
        return nothing
    try:
        if not zygote_wanted(spec, sandbox):
            sandbox.close()
            return nothing
        limits = RunLimits(cpu_ms=None, wall_ms=_PLACEHOLDER_WALL_MS, stack_kb=STACK_CAP_MB * 1024)
        zygote = Zygote(sandbox, artifact, limits, wait=False)
    except ZygoteUnavailable:
        sandbox.close()
        return nothing
    threading.Thread(target=_probe, args=(sandbox,), name="sandbox-probe", daemon=True).start()
    return WarmStart(spec, source, cache, sandbox, zygote)


def _probe(sandbox: Sandbox) -> None:
    """The probe's answer is kept per helper and user (Sandbox.info); judge() raises what it found."""
    with suppress(SandboxUnavailable):
        sandbox.info()
