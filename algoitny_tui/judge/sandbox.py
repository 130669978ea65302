"""Run one untrusted program with limits, through the small C helper in sandbox.c (read its header comment).

The helper is one exec per run (about 2 ms on top of the program's own start; Python runs skip it through a
zygote, see zygote.py; stress tests of compiled programs run many cases in one helper, see batch.py). Every run gets the strongest isolation the kernel allows, as an ordinary user and as root:

| mode         | when                                             | the file system                      |
|--------------|--------------------------------------------------|--------------------------------------|
| `namespaces` | root, or unprivileged user namespaces that may   | a new root holding only the system   |
|              | mount (Debian, Fedora, Arch)                      | directories, toolchains and the run  |
|              |                                                  | directory (+ Landlock when present)  |
| `landlock`   | namespaces refused, or mounting in them refused  | Landlock rules giving the same view  |
|              | (Ubuntu 24.04+, many containers)                  |                                      |
| `none`       | only when the user sets judge_sandbox = "none"    | everything the user can reach        |

In every mode but `none`: no capabilities, no_new_privs, a non-zero uid, a seccomp filter (mount, ptrace,
namespaces, keyrings, bpf, perf, modules, kexec, io_uring, sockets), CPU time of every process of the run (orphans
included), a size limit on the run directory, and every process killed at the end. Where neither mounts nor
Landlock can guard the files, judging is refused with SandboxRefused: never run unprotected by surprise.
"""

from __future__ import annotations

import hashlib
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from algoitny_tui.judge.cache_prune import touch

HELPER_SOURCE = Path(__file__).with_name("sandbox.c")
STDERR_CAP = 64 * 1024
DISK_LIMIT_KB = 256 * 1024
"""What a run may keep in its own directory; more ends it (OLE)."""
STACK_CAP_MB = 1024
"""The most stack a run gets (deep recursion is normal in contest code: up to the memory limit, at most this)."""
_UID_BASE = 1_900_000_000  # far above any real account; one uid per concurrent run
LIBRARY_NAME = "libalgoitny-sandbox.so"
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")
"""What every run may read: the system's programs and libraries. Nothing else of the file system is visible."""
SANDBOX_SETTING_ENV = "ALGOITNY_JUDGE_SANDBOX"
OPT_IN_HINT = (
    "to judge without a sandbox anyway (a program can then read and change everything you can), set "
    'judge_sandbox = "none" in settings.toml or ALGOITNY_JUDGE_SANDBOX=none'
)


class SandboxUnavailable(Exception):
    """The judge cannot run programs here (no C compiler to build its helper, a cache it cannot write, a helper
    that does not start). The message names the cause."""


class SandboxRefused(SandboxUnavailable):
    """No safe sandbox can be built on this machine, and the user has not opted in to running without one."""


@dataclass(frozen=True)
class SandboxInfo:
    """Which sandbox runs programs here: its mode and the layers that held (as the helper reported them)."""

    mode: str
    isolation: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"mode": self.mode, "isolation": list(self.isolation)}


@dataclass
class RunLimits:
    cpu_ms: int | None
    wall_ms: int
    address_space_kb: int | None = None
    stack_kb: int | None = None
    max_processes: int | None = 64
    file_size_kb: int | None = 64 * 1024
    output_limit: int = 64 * 1024 * 1024
    """stdout bytes allowed; one more byte kills the run (OLE)."""
    stderr_cap: int = STDERR_CAP
    disk_kb: int | None = DISK_LIMIT_KB
    """What the run may keep in its directory."""


@dataclass
class RunResult:
    status: int = 0
    """Raw wait status of the program."""
    cpu_ms: int = 0
    """CPU time of every process of the run."""
    memory_kb: int = 0
    wall_ms: int = 0
    reason: str = "none"
    """none | cpu | wall | disk | ole | killed | exec:<errno> | setup:<what> | lost (helper gave no result)."""
    stdout: bytes = b""
    stdout_size: int = 0
    stderr: bytes = b""
    stderr_size: int = 0
    mode: str = ""
    isolation: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int | None:
        return os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else None

    @property
    def signal(self) -> int | None:
        return os.WTERMSIG(self.status) if os.WIFSIGNALED(self.status) else None

    @property
    def stderr_text(self) -> str:
        text = self.stderr.decode("utf-8", "replace")
        if self.stderr_size > len(self.stderr):
            text += f"\n... ({self.stderr_size - len(self.stderr)} more bytes of stderr cut)"
        return text


def unsandboxed_opt_in() -> bool:
    """Whether the user set judge_sandbox = "none" (environment first, then the settings file; config.py
    validates the value for the app, this light read serves `algoitny judge`)."""
    value = os.environ.get(SANDBOX_SETTING_ENV)
    if value is None:
        from algoitny_tui.locations import Locations, SettingsError, read_settings_file

        try:
            value = str(read_settings_file(Locations.from_env().settings_file).get("judge_sandbox", "auto"))
        except SettingsError:
            value = "auto"  # a broken settings file is reported by whoever reads the settings
    return value.strip().lower() == "none"


def build_helper(cache_dir: Path) -> Path:
    """Compile sandbox.c once into the cache (atomic rename, so concurrent judges are safe): the helper, and
    beside it the library a zygote loads (helper_library(); missing if it could not be built)."""
    if not sys.platform.startswith("linux"):
        raise SandboxRefused(
            f"the judge's sandbox needs Linux (namespaces or Landlock), not {sys.platform}; "
            "running without a sandbox is not supported there yet"
        )
    source = HELPER_SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:16]
    target = cache_dir / f"sandbox-{digest}" / "algoitny-sandbox"
    try:
        if target.exists():
            touch(target.parent)  # in use: the compile cache's pruning keeps it
            return target
    except OSError as e:
        raise SandboxUnavailable(f"cannot read the compile cache {cache_dir}: {e.strerror}") from e
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if cc is None:
        raise SandboxUnavailable(
            "no C compiler (cc, gcc or clang) on PATH: the judge builds its sandbox helper "
            "with one once (e.g. sudo apt-get install gcc)"
        )
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="sandbox-tmp-", dir=cache_dir))
    except OSError as e:
        raise SandboxUnavailable(
            f"cannot write the compile cache {cache_dir}: {e.strerror} "
            "(set ALGOITNY_HOME to a directory you can write)"
        ) from e
    try:
        out = subprocess.run(
            [cc, "-O2", "-o", str(tmp / "algoitny-sandbox"), str(HELPER_SOURCE)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if out.returncode != 0:
            raise SandboxUnavailable(f"building the sandbox helper with {cc} failed: {out.stderr[-2000:]}")
        # best effort: without the library, runs are exec'd one by one (no zygote)
        subprocess.run(
            [
                cc,
                "-O2",
                "-shared",
                "-fPIC",
                "-DALGOITNY_LIB",
                "-o",
                str(tmp / LIBRARY_NAME),
                str(HELPER_SOURCE),
            ],
            capture_output=True,
            timeout=120,
        )
        for built in tmp.iterdir():
            built.chmod(0o555)  # nobody rewrites the helper in place, not even by mistake
        tmp.chmod(0o755)
        try:
            tmp.rename(target.parent)
        except OSError:
            if not target.exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def helper_library(helper: Path) -> Path | None:
    lib = Path(helper).with_name(LIBRARY_NAME)
    return lib if lib.exists() else None


def remove_tree(path: Path) -> None:
    """rmtree that also copes with directories the program made unreadable (chmod 000)."""

    def fix(func: object, p: str, _exc: object) -> None:
        try:
            os.chmod(os.path.dirname(p), 0o700)
            os.chmod(p, 0o700)
        except OSError:
            pass
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p, ignore_errors=True)
        else:
            with suppress(OSError):
                os.unlink(p)

    shutil.rmtree(path, onerror=fix)


def tool_tree(path: str) -> str:
    """What a run must see of one tool: its installation (`/opt/x/bin/tool` -> `/opt/x`, so its libraries come
    along), or the path itself where that would be a home directory or the root."""
    p = Path(path)
    if p.is_dir():
        return path
    tree = p.parent.parent if p.parent.name == "bin" else p.parent
    if Path(os.path.expanduser("~")).is_relative_to(tree):  # the root, /home, the home itself: never whole
        return path
    return str(tree)


def visible_paths(tools: Iterable[str] = (), readable: Iterable[str] = ()) -> list[str]:
    """Everything a run may read: the system directories, the trees of its tools and the exact `readable` paths
    (artifacts), parents first (the helper skips a path already inside an earlier one)."""
    paths = {p for p in SYSTEM_PATHS if os.path.lexists(p)}
    paths.update(tool_tree(t) for t in tools)
    paths.update(str(r) for r in readable)
    return sorted(paths, key=lambda p: (p.count("/"), p))


def fs_args(tools: Iterable[str] = (), readable: Iterable[str] = ()) -> list[str]:
    args: list[str] = []
    for p in visible_paths(tools, readable):
        args += ["-R", p]
    return args


@dataclass
class _Running:
    proc: subprocess.Popen[bytes] | None
    """The helper; None for a zygote's run, which is read through the fds below and killed by closing kill_w."""
    result_r: int
    limits: RunLimits
    started: float
    capture_stdout: bool
    out_r: int | None = None
    err_r: int | None = None
    kill_w: int | None = None
    stdout: bytearray = field(default_factory=bytearray)
    stdout_size: int = 0
    stderr: bytearray = field(default_factory=bytearray)
    stderr_size: int = 0
    result: bytearray = field(default_factory=bytearray)
    ole: bool = False
    killed: bool = False

    def kill(self, hard: bool = False) -> None:
        """End the run. An exec'd run: SIGTERM to the helper, whose init kills and reaps every process of the run
        and reports (hard: SIGKILL, for a helper that does not answer). A zygote's run: its init ends the run
        when the kill pipe closes."""
        if hard or not self.killed:
            self.killed = True
            if self.proc is not None:
                with suppress(OSError):
                    self.proc.send_signal(signal.SIGKILL if hard else signal.SIGTERM)
            self.close_kill()

    def close_kill(self) -> None:
        if self.kill_w is not None:
            os.close(self.kill_w)
            self.kill_w = None

    def pipes(self) -> tuple[int | None, int | None]:
        """(stdout, stderr) read ends."""
        if self.proc is None:
            return self.out_r, self.err_r
        out = self.proc.stdout.fileno() if self.capture_stdout and self.proc.stdout is not None else None
        return out, self.proc.stderr.fileno() if self.proc.stderr is not None else None


_probed: dict[tuple[str, int, bool], SandboxInfo | SandboxUnavailable] = {}
_probe_lock = threading.Lock()
_probing = threading.local()
"""`active` on the thread running a probe: its own run is the one start() does not wait for."""


class Sandbox:
    """Runs programs in the helper. One per judge() call; thread safe."""

    def __init__(self, helper: Path, root: Path | None = None, *, unsafe: bool | None = None) -> None:
        self.helper = str(helper)
        self.as_root = os.geteuid() == 0
        self.unsafe = unsandboxed_opt_in() if unsafe is None else unsafe
        """The user opted in to runs without isolation (judge_sandbox = "none")."""
        self.root = Path(tempfile.mkdtemp(prefix="algoitny-judge-", dir=root))
        self.root.chmod(0o711)  # the run's uid must pass through to its own directory
        self._lock = threading.Lock()
        self._netns_lock = threading.Lock()
        self._free_slots: list[int] = []
        self._next_slot = 0
        self._counter = 0
        self._uid_base = _UID_BASE + (os.getpid() % 100_000) * 1000
        self._netns_fd: int | None = None
        self._netns_tried = False  # made on first use: a judge whose runs all go through a zygote needs none

    def _empty_netns(self) -> int | None:
        """One empty network namespace for all runs of this judge, kept alive by an open fd: joining it is
        cheaper than creating one per run. Its loopback is down, so runs in it reach nothing, not even each
        other. None (a namespace per run) if it cannot be made."""
        holder_dir = self.root / "netns"
        holder_dir.mkdir()
        try:
            holder = subprocess.Popen(
                [self.helper, "-d", str(holder_dir), *fs_args(), "--", "cat"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={},
            )
        except OSError:
            return None
        fd = None
        try:
            mine = os.readlink("/proc/self/ns/net")
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:  # the helper unshares right after its exec
                try:
                    if os.readlink(f"/proc/{holder.pid}/ns/net") != mine:
                        fd = os.open(f"/proc/{holder.pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC)
                        break
                except OSError:
                    break
                time.sleep(0.0002)
        finally:
            assert holder.stdin is not None
            holder.stdin.close()  # cat ends, init ends, the helper ends: nothing is left running
            holder.wait()
        return fd

    @property
    def netns_fd(self) -> int | None:
        """The shared empty network namespace (root only), made on first use; None: each run makes its own."""
        with self._netns_lock:
            if not self._netns_tried and self.as_root:
                self._netns_tried = True
                self._netns_fd = self._empty_netns()
            return self._netns_fd

    def info(self) -> SandboxInfo:
        """The sandbox runs get here, found by running `true` once per helper and user (and cached). Raises
        SandboxRefused when no safe mode exists and the user has not opted in, SandboxUnavailable when the helper
        does not work at all."""
        key = (self.helper, os.geteuid(), self.unsafe)
        with _probe_lock:
            if key not in _probed:
                _probed[key] = self._probe()
        found = _probed[key]
        if isinstance(found, SandboxUnavailable):
            raise found
        return found

    def _probe(self) -> SandboxInfo | SandboxUnavailable:
        true = shutil.which("true", path="/usr/bin:/bin") or "/bin/true"
        _probing.active = True
        try:
            with self.workdir() as (wd, uid), open(os.devnull, "rb") as devnull:
                res = self.run(
                    [true],
                    workdir=wd,
                    uid=uid,
                    limits=RunLimits(cpu_ms=5000, wall_ms=10000),
                    stdin=devnull.fileno(),
                )
        finally:
            _probing.active = False
        if res.reason.startswith("setup:unsafe:"):
            missing = {
                "namespaces+landlock": "user namespaces are refused and Landlock is not available",
                "mount+landlock": "mounting is refused inside namespaces and Landlock is not available",
                "seccomp": "seccomp is not available",
            }.get(res.reason.removeprefix("setup:unsafe:"), res.reason)
            return SandboxRefused(
                f"no safe sandbox on this machine: {missing} (Landlock needs Linux 5.13+ with `landlock` in the "
                f"kernel's lsm= list); {OPT_IN_HINT}"
            )
        if res.reason != "none" or res.status != 0:
            detail = res.stderr_text.strip()[-300:]
            return SandboxUnavailable(
                f"the judge's sandbox does not start here ({res.reason}, status "
                f"{res.status}){': ' + detail if detail else ''}"
            )
        return SandboxInfo(res.mode, res.isolation)

    def close(self) -> None:
        with self._netns_lock:
            self._netns_tried = True
            if self._netns_fd is not None:
                os.close(self._netns_fd)
                self._netns_fd = None
        remove_tree(self.root)

    @contextmanager
    def uid_lease(self) -> Iterator[int | None]:
        """A uid no other run of this judge is using right now (None when not root: no uid change)."""
        with self._lock:
            slot = self._free_slots.pop() if self._free_slots else self._next_slot
            if slot == self._next_slot:
                self._next_slot += 1
        try:
            yield self._uid_base + slot if self.as_root else None
        finally:
            with self._lock:
                self._free_slots.append(slot)

    @contextmanager
    def workdir(self) -> Iterator[tuple[Path, int | None]]:
        """A fresh, empty directory owned by a freshly leased uid; removed afterwards."""
        with self.uid_lease() as uid:
            with self._lock:
                self._counter += 1
                path = self.root / f"run-{self._counter}"
            path.mkdir(mode=0o700)
            try:
                if uid is not None:
                    os.chown(path, uid, uid)
                yield path, uid
            finally:
                try:
                    os.rmdir(path)  # most runs leave nothing behind: one call instead of a tree walk
                except OSError:
                    remove_tree(path)

    def start(
        self,
        argv: Sequence[str],
        *,
        workdir: Path,
        uid: int | None,
        limits: RunLimits,
        stdin: int,
        stdout: int | None = None,
        env: Mapping[str, str] | None = None,
        tools: Iterable[str] = (),
        readable: Iterable[str] = (),
        keep_network: bool = False,
        batch: bool = False,
    ) -> _Running:
        """Start `argv`. `tools`: toolchain paths whose whole install tree must be visible; `readable`: exact
        paths (artifacts) the run reads. stdout None: captured (and counted) here. batch: the helper's batch mode
        (argv describes the programs of a case; see batch.py). Nothing starts before the probe (info()) found a
        sandbox that may run it: that raises SandboxUnavailable here, so callers may start work (a compile) before
        asking for info()."""
        probing = getattr(_probing, "active", False)
        if not probing:
            self.info()
        args = [self.helper, *run_args(workdir, uid, limits), *fs_args(tools, readable)]
        if self.unsafe:
            args.append("-U")
        if batch:
            args.append("-B")
        # The probe's run makes its own network namespace (the same isolation): the shared one costs a process of
        # its own (~5 ms), which a judge whose runs all go through a zygote never needs.
        netns = None if keep_network or self.unsafe or probing else self.netns_fd
        if keep_network:
            args.append("-N")
        elif netns is not None:
            args += ["-n", str(netns)]
        result_r, result_w = os.pipe()
        args += ["-r", str(result_w), "--", *argv]
        try:
            proc = subprocess.Popen(
                args,
                stdin=stdin,
                stdout=subprocess.PIPE if stdout is None else stdout,
                stderr=subprocess.PIPE,
                env=dict(env or {}),
                pass_fds=(result_w,) if netns is None else (result_w, netns),
                close_fds=True,
            )
        except BaseException:
            os.close(result_r)
            raise
        finally:
            os.close(result_w)
        return _Running(proc, result_r, limits, time.monotonic(), stdout is None)

    def run(self, argv: Sequence[str], **kwargs: object) -> RunResult:
        return collect([self.start(argv, **kwargs)])[0]  # type: ignore[arg-type]


def run_args(workdir: Path, uid: int | None, limits: RunLimits) -> list[str]:
    """The helper's options for one run: directory, limits, uid."""
    args = ["-d", str(workdir), "-w", str(limits.wall_ms)]
    if limits.cpu_ms:
        args += ["-t", str(limits.cpu_ms)]
    if limits.address_space_kb:
        args += ["-m", str(limits.address_space_kb)]
    if limits.stack_kb:
        args += ["-s", str(limits.stack_kb)]
    if limits.max_processes:
        args += ["-p", str(limits.max_processes)]
    if limits.file_size_kb:
        args += ["-f", str(limits.file_size_kb)]
    if limits.disk_kb:
        args += ["-D", str(limits.disk_kb)]
    if uid is not None:
        args += ["-u", str(uid), "-g", str(uid)]
    return args


def collect(
    runs: Sequence[_Running], on_end: Callable[[int, RunResult], None] | None = None
) -> list[RunResult]:
    """Read every pipe of `runs` until they close (one selector for all: interactive runs need both at
    once), enforcing the output limit, then reap the helpers. `on_end(i, result)` is called as soon as run i is
    entirely over (its result pipe closed: every process of it, the helper included, is gone), in the order
    the runs end; interactive judging decides by that order."""
    sel = selectors.DefaultSelector()
    for i, r in enumerate(runs):
        out, err = r.pipes()
        if out is not None:
            sel.register(out, selectors.EVENT_READ, (i, r, "out"))
        if err is not None:
            sel.register(err, selectors.EVENT_READ, (i, r, "err"))
        sel.register(r.result_r, selectors.EVENT_READ, (i, r, "res"))
    # Backstop: the helper enforces the wall limit itself (not counting time spent waiting for a CPU, which a busy
    # machine stretches); this only guards against a stuck helper.
    deadline = max(r.started + 4 * r.limits.wall_ms / 1000 + 10 for r in runs)
    try:
        while sel.get_map():
            timeout = deadline - time.monotonic()
            if timeout <= 0:
                for r in runs:
                    r.kill(hard=r.killed)  # a helper that ignored the first request is killed outright
                deadline = time.monotonic() + 5
                timeout = 5
            for key, _ in sel.select(timeout):
                i, r, kind = key.data
                fd = key.fd
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    sel.unregister(fd)
                    if kind == "res" and on_end is not None:
                        on_end(i, _result(r))
                    continue
                if kind == "out":
                    r.stdout_size += len(chunk)
                    room = r.limits.output_limit - len(r.stdout)
                    if room > 0:
                        r.stdout += chunk[:room]
                    if r.stdout_size > r.limits.output_limit:
                        r.ole = True
                        r.kill()
                elif kind == "err":
                    r.stderr_size += len(chunk)
                    room = r.limits.stderr_cap - len(r.stderr)
                    if room > 0:
                        r.stderr += chunk[:room]
                else:
                    r.result += chunk
    finally:
        sel.close()
    results = []
    for r in runs:
        if r.proc is not None:
            try:
                r.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                r.kill(hard=True)
                r.proc.wait()
            for f in (r.proc.stdout, r.proc.stderr):
                if f is not None:
                    f.close()
        for pipe in (r.out_r, r.err_r):
            if pipe is not None:
                os.close(pipe)
        r.close_kill()  # the run is over (init closed the result pipe after reaping its namespace)
        os.close(r.result_r)
        results.append(_result(r))
    return results


def _result(r: _Running) -> RunResult:
    res = RunResult(
        stdout=bytes(r.stdout),
        stdout_size=r.stdout_size,
        stderr=bytes(r.stderr),
        stderr_size=r.stderr_size,
        wall_ms=int((time.monotonic() - r.started) * 1000),
    )
    read_result_line(res, r.result.decode("ascii", "replace").split())
    if r.ole:
        res.reason = "ole"
    return res


def read_result_line(res: RunResult, fields: Sequence[str]) -> None:
    """Fill `res` from the helper's result line (split; see sandbox.c); "lost" when there is none."""
    if len(fields) >= 6:
        res.mode = fields[0]
        res.status = int(fields[1])
        res.cpu_ms = int(fields[2]) // 1000
        res.memory_kb = int(fields[3])
        res.wall_ms = int(fields[4]) // 1000
        res.reason = fields[5]
        if len(fields) >= 7 and fields[6] != "-":
            res.isolation = tuple(fields[6].split(","))
    else:
        res.reason = "lost"
        res.status = signal.SIGKILL  # as if killed: the helper died before reporting
