"""A warm interpreter per judge() call that forks each test's process: a Python start costs ~6 ms, a fork well
under 1 ms.

The zygote (zygote_boot.py, under the solution's own interpreter) lives in one mount namespace (the sandbox's new
root: system directories, the toolchain and the artifact read-only, the sandbox's run directories writable) and one empty network namespace, both set up once by the helper's -Z mode. Per test it
calls sandbox.c's algoitny_spawn(), which gives the run new mount, PID, IPC and UTS namespaces, an init as pid 1
enforcing the CPU and wall limits, the rlimits and the run's own uid, exactly as an exec'd run gets them; only the
interpreter start is skipped. Semantic differences from a fresh interpreter are listed in bench/README.md
(## bench/judge) and tested in tests/judge/test_zygote.py.

Off with ALGOITNY_JUDGE_ZYGOTE=0, for languages without `zygote`, and when the judge is not root.
"""

from __future__ import annotations

import _socket  # not socket: that one builds its enums at import (~3 ms of every judge start)
import array
import os
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from algoitny_tui.judge.compile_cache import Artifact, tool_dirs, tool_env
from algoitny_tui.judge.languages import LanguageSpec, resolve_tool
from algoitny_tui.judge.sandbox import (
    STACK_CAP_MB,
    RunLimits,
    RunResult,
    Sandbox,
    _Running,
    collect,
    fs_args,
    helper_library,
    run_args,
)

ZYGOTE_ENV = "ALGOITNY_JUDGE_ZYGOTE"
BOOT = Path(__file__).with_name("zygote_boot.py")
THREAD_STACK_KB = 8 * 1024
"""The default stack the sandbox library gives a zygote's threads when the stack limit allows it (sandbox.c,
default_thread_stack)."""
READY_TIMEOUT_S = 10


def boot_stack_kb(stack_kb: int | None) -> int | None:
    """The stack limit a zygote boots with, for runs limited to `stack_kb`. Each run sets its own limit; the boot's
    decides only the gap the kernel leaves below the stack and the threads' default stack (8 MB, or the limit when
    lower: sandbox.c). So every limit from 8 MB up boots with the judge's cap, and a zygote started before the
    problem is read (warm_start.py) serves any of them."""
    if stack_kb is None or stack_kb < THREAD_STACK_KB:
        return stack_kb
    return max(stack_kb, STACK_CAP_MB * 1024)


class ZygoteUnavailable(Exception):
    """The zygote could not start; the judge then execs each run."""


def zygote_wanted(spec: LanguageSpec, sandbox: Sandbox) -> bool:
    return spec.zygote and sandbox.as_root and not sandbox.unsafe and os.environ.get(ZYGOTE_ENV, "1") != "0"


class Zygote:
    """One warm interpreter for one solution and one set of limits. Thread safe: each run is one message."""

    def __init__(self, sandbox: Sandbox, artifact: Artifact, limits: RunLimits, *, wait: bool = True) -> None:
        """Start the zygote and, unless `wait` is False, wait until it is ready (then call wait_ready() before
        the first run: the caller does other work, e.g. the sandbox's probe, meanwhile). Until its first run it
        compiles the source and runs none of it."""
        lib = helper_library(Path(sandbox.helper))
        if lib is None:
            raise ZygoteUnavailable("the sandbox library was not built")
        self.limits = limits
        self.artifact = artifact
        self.boot_stack_kb = boot_stack_kb(limits.stack_kb)
        self._lock = threading.Lock()
        self._sock, theirs = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_SEQPACKET)
        python = resolve_tool(artifact.language.run[0])
        argv = [python, "-S", "-I", "-c", BOOT.read_text(), str(artifact.src), str(lib), str(theirs.fileno())]
        root = sandbox.root
        args = [sandbox.helper, "-Z", "-d", str(root)]
        if self.boot_stack_kb:
            args += ["-s", str(self.boot_stack_kb)]
        # no -n: the zygote makes its own empty network namespace (one unshare), shared by all its runs
        # what every run may read: Landlock in each run applies the same view as the zygote's mounts
        self._visible = fs_args(tool_dirs(artifact.tools), [str(artifact.dir), str(lib.parent)])
        args += self._visible
        fds = [theirs.fileno()]
        self._errors = root / f"zygote-{id(self)}.err"
        try:
            with open(self._errors, "wb") as err:
                self._proc = subprocess.Popen(
                    [*args, "--", *argv],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    env=tool_env(root),
                    pass_fds=fds,
                    close_fds=True,
                )
        except OSError as e:
            self._sock.close()
            raise ZygoteUnavailable(f"could not start the zygote: {e}") from e
        finally:
            theirs.close()
        if wait:
            self.wait_ready()

    def serves(self, artifact: Artifact, limits: RunLimits) -> bool:
        """Whether this zygote runs `artifact` under `limits` exactly as one started for them would."""
        return artifact.src == self.artifact.src and boot_stack_kb(limits.stack_kb) == self.boot_stack_kb

    def wait_ready(self) -> None:
        """Wait for the zygote's "ready"; ZygoteUnavailable (and the zygote closed) when it did not start."""
        try:
            self._sock.settimeout(READY_TIMEOUT_S)
            ready = self._sock.recv(16)
            self._sock.settimeout(None)
        except OSError:
            ready = b""
        if ready != b"ready":
            detail = self._errors.read_bytes()[-2000:].decode("utf-8", "replace").strip()
            self.close()
            raise ZygoteUnavailable(f"the zygote did not start: {detail or 'no message'}")

    def start(
        self,
        *,
        workdir: Path,
        uid: int | None,
        stdin: int,
        stdout: int | None = None,
        limits: RunLimits | None = None,
        args: Sequence[str] = (),
    ) -> _Running:
        """One run: its pipes are made here and handed to the zygote with the run's options. `stdout`: an fd
        the run writes to instead (not captured here), e.g. /dev/null when the answer goes to a file. `limits`:
        this run's, when they differ from the zygote's (a larger directory allowance); the stack is the zygote's.
        `args` follow the source in the program's sys.argv (a generator's seed), as they do in an exec'd run."""
        limits = limits or self.limits
        made: list[int] = []
        try:
            for _ in range(4 if stdout is None else 3):
                made.extend(os.pipe())
            if stdout is None:
                out_r, out_w, err_r, err_w, res_r, res_w, kill_r, kill_w = made
            else:
                err_r, err_w, res_r, res_w, kill_r, kill_w = made
                out_r, out_w = None, stdout
            # the program's arguments, then how many there are, end the message (zygote_boot.py splits them off)
            words = [*run_args(workdir, uid, limits), *self._visible, *args, str(len(args))]
            msg = "\0".join(words).encode("utf-8", "surrogateescape")
            with self._lock:  # one sender at a time keeps the error path simple; a send takes microseconds
                fds = array.array("i", [stdin, out_w, err_w, res_w, kill_r])  # what socket.send_fds sends
                self._sock.sendmsg([msg], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, fds)])
        except BaseException:
            for fd in made:
                os.close(fd)
            raise
        for fd in (out_w, err_w, res_w, kill_r):
            if fd != stdout:
                os.close(fd)
        return _Running(
            None, res_r, limits, time.monotonic(), stdout is None, out_r=out_r, err_r=err_r, kill_w=kill_w
        )

    def run(
        self,
        *,
        workdir: Path,
        uid: int | None,
        stdin: int,
        stdout: int | None = None,
        limits: RunLimits | None = None,
        args: Sequence[str] = (),
    ) -> RunResult:
        return collect(
            [self.start(workdir=workdir, uid=uid, stdin=stdin, stdout=stdout, limits=limits, args=args)]
        )[0]

    def close(self) -> None:
        """Closing the socket ends the zygote; runs still going end with it (their inits die with it)."""
        self._sock.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._errors.unlink(missing_ok=True)
