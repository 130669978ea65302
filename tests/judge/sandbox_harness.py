"""Running `algoitny judge ... --json` the way users do, for the sandbox tests.

Two accounts: root (the repo's .venv python) and an ordinary user, `algoitny-test` (made by scripts/setup-test-user,
with its own venv of the app's dependencies under /var/cache, since the repo's .venv python lives under /root,
which other users cannot enter). Either way the judge starts from a clean environment (PATH, HOME, ALGOITNY_HOME,
TMPDIR, PYTHONPATH) and runs a copy of algoitny_tui taken once per test session, so the code under test is what
runs. The ordinary user is entered with `setpriv` (an exec, no process left in between whose environment or
command line would also hold the secrets the attacks look for).

Optionally under simkernel (simkernel.c): a seccomp wrapper that makes the kernel refuse user/mount namespaces,
mounting or Landlock for the judge and everything it starts.

Secrets all start with SECRET_PREFIX: attack programs print only strings of that shape, so a program that reads
the environment or memory of a process outside the test can never print anything but the test's own secrets.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

TEST_USER = "algoitny-test"
TEST_VENV_PYTHON = Path("/var/cache/algoitny-test/venv/bin/python")
PACKAGE = Path(__file__).resolve().parents[2] / "algoitny_tui"
SIMKERNEL_SOURCE = Path(__file__).with_name("simkernel.c")
SECRET_PREFIX = "algoitnysecret"
DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"
MODES = ("namespaces", "landlock", "none")
HELPER_NAME = "algoitny-sandbox"


# An honest solution in C and in Python, and its tests.
AB_TESTS = [("1 2\n", "3\n"), ("10 20\n", "30\n"), ("-5 5\n", "0\n")]
AB = {
    "sol.c": '#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)==2)printf("%ld\\n",a+b);}\n',
    "sol.py": "a, b = map(int, input().split())\nprint(a + b)\n",
}


def new_secret(kind: str) -> str:
    return f"{SECRET_PREFIX}{kind}{uuid.uuid4().hex}"


def reverse(text: str) -> str:
    """What attack programs print for a secret they found: the reversed string, so the expected answer differs
    from the secret and the judge's own "expected ..." messages never hold the secret itself."""
    return text[::-1]


@dataclass(frozen=True)
class Kernel:
    """A simulated kernel: the simkernel flags that make the real one refuse features."""

    name: str
    flags: tuple[str, ...] = ()

    @property
    def namespaces(self) -> bool:
        return "--no-userns" not in self.flags

    @property
    def landlock(self) -> bool:
        return "--no-landlock" not in self.flags

    @property
    def may_refuse(self) -> bool:
        """Whether the judge may refuse to run (exit 2) here: only where no Landlock is offered; a kernel with
        Landlock always allows a safe mode."""
        return not self.landlock


KERNELS = {
    k.name: k
    for k in (
        Kernel("full"),
        Kernel("no-userns", ("--no-userns",)),
        Kernel("no-mount", ("--no-mount",)),
        Kernel("no-landlock", ("--no-landlock",)),
        Kernel("no-userns-no-landlock", ("--no-userns", "--no-landlock")),
    )
}


@dataclass
class Judged:
    """One `algoitny judge` process: its exit code and output."""

    argv: list[str]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return f"exit {self.returncode}\nstdout: {self.stdout[:3000]}\nstderr: {self.stderr[-3000:]}"

    @property
    def json(self) -> dict[str, Any]:
        assert self.returncode in (0, 1), f"the judge did not finish normally:\n{self.describe()}"
        try:
            data = json.loads(self.stdout)
        except ValueError:
            raise AssertionError(f"--json output is not one JSON object:\n{self.describe()}") from None
        assert isinstance(data, dict), self.describe()
        return data

    @property
    def verdicts(self) -> list[str]:
        return [t["verdict"] for t in self.json["tests"]]

    @property
    def refused(self) -> bool:
        """Exit 2 with one line that names the opt-in setting: the judge refused to run without a sandbox."""
        lines = self.stderr.strip().splitlines()
        return (
            self.returncode == 2
            and len(lines) == 1
            and "Traceback" not in self.stderr
            and ("judge_sandbox" in lines[0] or "ALGOITNY_JUDGE_SANDBOX" in lines[0])
        )

    def shows(self, secret: str) -> bool:
        return secret in self.stdout or secret in self.stderr


@dataclass
class Account:
    """Who runs the judge: root, or the ordinary user (uid/gid of that user; None: this process's own user)."""

    name: str
    python: Path
    run_as: str | None = None
    uid: int = field(default_factory=os.getuid)
    gid: int = field(default_factory=os.getgid)

    def own(self, path: Path, up_to: Path | None = None) -> None:
        """Hand a file or a whole tree to this account (the test writes as root), and the directories between it
        and up_to (made along with it)."""
        if self.uid == os.getuid() and self.gid == os.getgid():
            return
        for p in [path, *(path.rglob("*") if path.is_dir() and not path.is_symlink() else [])]:
            os.chown(p, self.uid, self.gid, follow_symlinks=False)
        if up_to is not None:
            for parent in path.parents:
                if parent == up_to or up_to not in parent.parents:
                    break
                os.chown(parent, self.uid, self.gid)


@dataclass
class JudgeEnv:
    """A user's world for the judge: HOME with ~/.aws/credentials, ALGOITNY_HOME with settings.toml (a Gemini key)
    and the compile cache, TMPDIR, and the problems and solutions the tests write. Everything is readable by
    every user (umask 022, as a user's files usually are): only the sandbox may keep a program from it."""

    lab: Lab
    account: Account
    kernel: Kernel
    root: Path
    gemini_key: str = field(default_factory=lambda: new_secret("gemini"))
    aws_secret: str = field(default_factory=lambda: new_secret("aws"))
    env_gemini_key: str = field(default_factory=lambda: new_secret("envgemini"))
    env_aws_secret: str = field(default_factory=lambda: new_secret("envaws"))

    def __post_init__(self) -> None:
        self.root.mkdir(mode=0o755)
        self.home.mkdir(mode=0o755)
        (self.home / ".aws").mkdir(mode=0o755)
        (self.home / ".aws" / "credentials").write_text(
            f"[default]\naws_access_key_id = AKIAALGOITNYTEST\naws_secret_access_key = {self.aws_secret}\n"
        )
        self.algoitny_home.mkdir(mode=0o755)
        (self.algoitny_home / "settings.toml").write_text(f'gemini_api_key = "{self.gemini_key}"\n')
        self.tmpdir.mkdir(mode=0o755)
        self.account.own(self.root)

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def algoitny_home(self) -> Path:
        return self.root / "algoitny"

    @property
    def tmpdir(self) -> Path:
        return self.root / "tmp"

    @property
    def cache(self) -> Path:
        return self.algoitny_home / "cache"

    @property
    def secrets(self) -> list[str]:
        return [self.gemini_key, self.aws_secret, self.env_gemini_key, self.env_aws_secret]

    def write(self, relative: str, text: str) -> Path:
        path = self.root / "work" / relative
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
        path.write_text(text)
        self.account.own(path, up_to=self.root)
        return path

    def problem(self, name: str, tests: Sequence[tuple[str, str]], time_limit_s: float | None = None) -> Path:
        """A folder package: 1.in/1.ans, 2.in/2.ans ..., and .timelimit."""
        d = self.root / "work" / f"{name}-{uuid.uuid4().hex[:8]}"
        d.mkdir(parents=True, mode=0o755)
        for i, (given, answer) in enumerate(tests, 1):
            (d / f"{i}.in").write_text(given)
            (d / f"{i}.ans").write_text(answer)
        if time_limit_s is not None:
            (d / ".timelimit").write_text(f"{time_limit_s}\n")
        self.account.own(d, up_to=self.root)
        return d

    def solution(self, name: str, source: str) -> Path:
        return self.write(f"solutions/{uuid.uuid4().hex[:8]}/{name}", source)

    def environment(
        self, path: str = DEFAULT_PATH, secret_env: bool = False, extra: dict[str, str] | None = None
    ) -> dict[str, str]:
        env = {
            "PATH": path,
            "HOME": str(self.home),
            "ALGOITNY_HOME": str(self.algoitny_home),
            "TMPDIR": str(self.tmpdir),
            "PYTHONPATH": str(self.lab.pythonpath),
            "LANG": "C.UTF-8",
        }
        if secret_env:
            env |= {
                "GEMINI_API_KEY": self.env_gemini_key,
                "AWS_SECRET_ACCESS_KEY": self.env_aws_secret,
                "AWS_ACCESS_KEY_ID": "AKIAALGOITNYTEST",
            }
        return env | (extra or {})

    def judge(
        self,
        problem: Path,
        solution: Path,
        *args: str,
        secret_env: bool = False,
        path: str = DEFAULT_PATH,
        extra_env: dict[str, str] | None = None,
        kernel: Kernel | None = None,
        timeout: float = 100,
    ) -> Judged:
        """`algoitny judge PROBLEM SOLUTION --json ARGS` as this account, in this (or the given) kernel."""
        return self.algoitny(
            ["judge", str(problem), str(solution), "--json", *args],
            secret_env=secret_env,
            path=path,
            extra_env=extra_env,
            kernel=kernel,
            timeout=timeout,
        )

    def algoitny(
        self,
        command: Sequence[str],
        *,
        secret_env: bool = False,
        path: str = DEFAULT_PATH,
        extra_env: dict[str, str] | None = None,
        kernel: Kernel | None = None,
        timeout: float = 100,
    ) -> Judged:
        """`algoitny COMMAND...` as this account, in this (or the given) kernel."""
        argv = self.python_argv(["-m", "algoitny_tui", *command], kernel)
        out = subprocess.run(
            argv,
            env=self.environment(path, secret_env, extra_env),
            cwd=self.root,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
        return Judged(argv, out.returncode, out.stdout, out.stderr)

    def python_argv(self, python_args: Sequence[str], kernel: Kernel | None = None) -> list[str]:
        """The account's Python with `python_args`, as this account, in this (or the given) kernel."""
        kernel = kernel or self.kernel
        argv: list[str] = []
        if self.account.run_as is not None:
            argv += [
                "setpriv",
                f"--reuid={self.account.run_as}",
                f"--regid={self.account.run_as}",
                "--init-groups",
                "--",
            ]
        if kernel.flags:
            argv += [str(self.lab.simkernel), *kernel.flags, "--"]
        return [*argv, str(self.account.python), *python_args]

    def copy_cache_from(self, other: JudgeEnv) -> None:
        """Start with another environment's compile cache (its helper and compiled programs, owners kept), so a
        fresh environment does not build them again."""
        if other.cache.exists():
            subprocess.run(["cp", "-a", str(other.cache), str(self.algoitny_home)], check=True)

    def file_hashes(self, top: Path) -> dict[Path, str]:
        """sha256 of every regular file under top."""
        found = {}
        for p in top.rglob("*"):
            with contextlib.suppress(OSError):
                if p.is_file() and not p.is_symlink():
                    found[p] = hashlib.sha256(p.read_bytes()).hexdigest()
        return found

    def helpers(self) -> list[Path]:
        """The cached sandbox helper binaries (found by walking the cache: where they sit is the judge's choice)."""
        return [p for p in self.cache.rglob(HELPER_NAME)] if self.cache.exists() else []


class Lab:
    """One per test session: a world-readable directory under /tmp (the ordinary user cannot enter pytest's own
    temporary directories), the copy of algoitny_tui, simkernel, and the environments of each account/kernel."""

    def __init__(self) -> None:
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="algoitny-sandbox-tests-", dir="/tmp"))
        self.base.chmod(0o755)
        self.pythonpath = self.base / "pythonpath"
        shutil.copytree(
            PACKAGE, self.pythonpath / "algoitny_tui", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        _world_readable(self.pythonpath)
        self.simkernel = self.base / "bin" / "simkernel"
        self.simkernel.parent.mkdir(mode=0o755)
        subprocess.run(
            ["gcc", "-O2", "-o", str(self.simkernel), str(SIMKERNEL_SOURCE)],
            check=True,
            capture_output=True,
            text=True,
        )
        self.simkernel.chmod(0o755)
        self._envs: dict[tuple[str, str], JudgeEnv] = {}
        self._path_without_cc: str | None = None

    def account(self, name: str) -> Account:
        """ "root" or "ordinary". Skips when pytest is not root and root is asked for; the ordinary user is then this
        process's own user. Fails when pytest is root but scripts/setup-test-user has not run."""
        if name == "root":
            if not self.as_root:
                pytest.skip("running the judge as root needs the tests to run as root")
            return Account("root", Path(sys.executable))
        if not self.as_root:
            return Account("ordinary", Path(sys.executable))
        try:
            user = pwd.getpwnam(TEST_USER)
        except KeyError:
            pytest.fail(f"no user {TEST_USER}: run scripts/setup-test-user (scripts/test does)")
        if not os.access(TEST_VENV_PYTHON, os.X_OK):
            pytest.fail(f"{TEST_VENV_PYTHON} missing: run scripts/setup-test-user (scripts/test does)")
        return Account("ordinary", TEST_VENV_PYTHON, run_as=TEST_USER, uid=user.pw_uid, gid=user.pw_gid)

    def env(self, account: str, kernel: str, fresh: bool = False) -> JudgeEnv:
        """The environment of this account in this kernel: shared by the tests (one compile cache, as a user has)
        unless fresh (for tests that change or break it). Kernels do not share one: a judge may record there
        what its kernel offers."""
        key = (account, kernel)
        if fresh or key not in self._envs:
            root = self.base / f"{account}-{kernel}-{uuid.uuid4().hex[:6]}"
            made = JudgeEnv(self, self.account(account), KERNELS[kernel], root)
            if fresh:
                return made
            self._envs[key] = made
        return self._envs[key]

    def path_without_cc(self) -> str:
        """A PATH of symlinks to everything in /usr/bin and /usr/local/bin but the C compilers."""
        if self._path_without_cc is None:
            d = self.base / "bin-without-cc"
            d.mkdir(mode=0o755)
            compiler = re.compile(r"(^|-)(cc|c89|c99|gcc|clang|tcc)(-[\d.]+)?$")
            for top in (Path("/usr/local/bin"), Path("/usr/bin")):
                for p in sorted(top.iterdir()) if top.is_dir() else []:
                    if not compiler.search(p.name) and not (d / p.name).exists():
                        (d / p.name).symlink_to(p)
            self._path_without_cc = str(d)
        return self._path_without_cc

    def close(self) -> None:
        _remove(self.base)


@pytest.fixture(scope="session", name="lab")
def lab_fixture() -> Iterator[Lab]:
    made = Lab()
    try:
        yield made
    finally:
        made.close()


def _world_readable(top: Path) -> None:
    for p in [top, *top.rglob("*")]:
        p.chmod(
            p.stat().st_mode
            | stat.S_IROTH
            | stat.S_IRGRP
            | (stat.S_IXOTH | stat.S_IXGRP if p.is_dir() else 0)
        )


def _remove(top: Path) -> None:
    def fix(_func: object, p: str, _exc: object) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(p), 0o755)
            os.chmod(p, 0o755)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(p)

    shutil.rmtree(top, onerror=fix)


# --- what the attacks reach for ------------------------------------------------------------------------------------


@dataclass
class SecretServer:
    """A listener that sends `secret` to whoever connects, counting connections."""

    address: str
    secret: str
    connections: int = 0


@contextlib.contextmanager
def serve_secret(family: socket.AddressFamily, secret: str) -> Iterator[SecretServer]:
    """TCP on 127.0.0.1 (a free port) or an abstract unix socket, sending the secret on every connection."""
    listener = socket.socket(family, socket.SOCK_STREAM)
    if family == socket.AF_UNIX:
        name = f"algoitny-test-{uuid.uuid4().hex}"
        listener.bind("\0" + name)
        address = name
    else:
        listener.bind(("127.0.0.1", 0))
        address = str(listener.getsockname()[1])
    listener.listen(8)
    listener.settimeout(0.2)
    server = SecretServer(address, secret)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server.connections += 1
            with conn, contextlib.suppress(OSError):
                conn.sendall(secret.encode() + b"\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        stop.set()
        thread.join()
        listener.close()


def processes_named(comm: str) -> list[int]:
    """Live (not zombie) processes whose name (/proc/PID/comm) is comm."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != comm:
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def host_namespace(kind: str) -> str:
    """This process's namespace of a kind (e.g. "pid:[4026531836]"): attack programs compare theirs with it and
    leave the machine's own processes and mounts alone when they share it."""
    return os.readlink(f"/proc/self/ns/{kind}")
