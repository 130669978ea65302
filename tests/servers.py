"""Real servers for the tests: DynamoDB Local (AWS's own engine, on a JVM) and redis-server, on loopback.

Loaded as a pytest plugin (`pytest_plugins = ["tests.servers"]` in tests/conftest.py). Each server starts once per
session on a free port, logs to a temp file (shown when start-up fails) and is stopped at the end of the session;
an atexit hook kills the process group as a backstop (Ctrl-C, a crashed session). A missing server binary FAILS the
test with the command that installs it: CI must never skip these silently.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import boto3

    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

REPO = Path(__file__).resolve().parent.parent
DYNAMODB_LOCAL_ENV = "ALGOITNY_DYNAMODB_LOCAL_DIR"
DEFAULT_DYNAMODB_LOCAL_DIR = REPO / ".cache" / "dynamodb-local" / "package" / "emulator"
INSTALL_SCRIPT = "scripts/install-dynamodb-local.sh"
STARTUP_TIMEOUT = 60.0  # a cold JVM on a loaded 2-core box
PORT_ATTEMPTS = 3  # a free port may be taken by someone else before the server binds it

FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Let SIGTERM (a CI timeout, `kill`) end the session like Ctrl-C, so fixture teardown stops the servers.

    The servers run in their own process groups, so nothing else would stop them when pytest is terminated.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL
    ):
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerStartError(RuntimeError):
    pass


class ManagedServer:
    """A server process in its own process group, started on `self.port`, restartable on the same port."""

    name = "server"

    def __init__(self) -> None:
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        fd, log = tempfile.mkstemp(prefix=f"algoitny-{self.name}-", suffix=".log")
        os.close(fd)
        self.log_path = Path(log)
        atexit.register(self._kill)

    # subclasses say how to run and how to tell it is up
    def command(self) -> list[str]:
        raise NotImplementedError

    def cwd(self) -> Path | None:
        return None

    def answers(self) -> bool:
        raise NotImplementedError

    def start(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Start on `self.port` (0: pick free ports, retrying when one is taken before the server binds it)."""
        if self.proc is not None and self.proc.poll() is None:
            return
        if self.port:
            self._start_on(self.port, timeout)
            return
        last: ServerStartError | None = None
        for _ in range(PORT_ATTEMPTS):
            port = free_port()
            try:
                self._start_on(port, timeout)
            except ServerStartError as exc:
                last = exc
                continue
            return
        assert last is not None
        raise last

    def _start_on(self, port: int, timeout: float) -> None:
        self.port = port
        if self.answers():
            raise ServerStartError(f"{self.name}: port {port} is already served by another process")
        with self.log_path.open("ab") as log:
            log.write(f"\n--- starting {' '.join(self.command())} ---\n".encode())
            log.flush()
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.cwd(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: Ctrl-C in the terminal does not orphan it half-dead
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.proc = None
                raise ServerStartError(self._failure(f"exited during start-up on port {port}"))
            # Answering while our process is still alive: the answer is ours, not another server's.
            if self.answers() and self.proc.poll() is None:
                return
            time.sleep(0.1)
        self._kill()
        raise ServerStartError(self._failure(f"did not answer on port {port} within {timeout:.0f} s"))

    def _failure(self, what: str) -> str:
        try:
            log = self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            log = "(no log)"
        return f"{self.name} {what}. Log {self.log_path}:\n{log}"

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM to its group, SIGKILL after `timeout`); `start()` brings it back on the same port."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def _kill(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(Exception):
                proc.wait(5)
        self.proc = None


# ---------------------------------------------------------------------------------------------------------------
# DynamoDB Local


def dynamodb_local_dir() -> Path:
    return Path(os.environ.get(DYNAMODB_LOCAL_ENV) or DEFAULT_DYNAMODB_LOCAL_DIR)


class DynamoDBLocal(ManagedServer):
    """DynamoDB Local, in memory. `-sharedDb`: one database whatever the credentials and region of a client (the
    CLI in a subprocess sees the same tables as the tests)."""

    name = "dynamodb-local"

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        self._probe: Any = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        """Environment for a subprocess (the `algoitny` CLI, a worker) that should use this server."""
        return {
            **FAKE_AWS_ENV,
            "ALGOITNY_DYNAMODB_ENDPOINT": self.endpoint,
            "ALGOITNY_DYNAMODB_REGION": "us-east-1",
        }

    def session(self) -> boto3.Session:
        """A boto3 session with fake credentials: never the developer's real AWS config."""
        import boto3

        return boto3.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")

    def table(self, name: str | None = None, **kwargs: Any) -> DynamoDBTable:
        from algoitny_tui.storage.dynamodb_table import DynamoDBTable

        return DynamoDBTable(
            name or f"t-{uuid.uuid4().hex[:12]}",
            endpoint_url=self.endpoint,
            session=self.session(),
            **kwargs,
        )

    def command(self) -> list[str]:
        java = shutil.which("java") or "java"
        return [
            java,
            "-Djava.library.path=DynamoDBLocal_lib",
            "-jar",
            "DynamoDBLocal.jar",
            "-inMemory",
            "-sharedDb",
            "-disableTelemetry",  # no network here; and tests must not phone home
            "-port",
            str(self.port),
        ]

    def cwd(self) -> Path:
        return self.directory

    def _probe_client(self) -> Any:
        from botocore.config import Config

        if self._probe is None or self._probe.meta.endpoint_url != self.endpoint:
            self._probe = self.session().client(
                "dynamodb",
                endpoint_url=self.endpoint,
                config=Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=5),
            )
        return self._probe

    def answers(self) -> bool:
        try:
            self._probe_client().list_tables(Limit=1)
        except Exception:
            return False
        return True


def _check_dynamodb_local(directory: Path) -> None:
    if not (directory / "DynamoDBLocal.jar").is_file():
        pytest.fail(
            f"DynamoDB Local is not installed: no DynamoDBLocal.jar in {directory}. "
            f"Run `{INSTALL_SCRIPT}` (or set {DYNAMODB_LOCAL_ENV} to the folder holding DynamoDBLocal.jar).",
            pytrace=False,
        )
    if shutil.which("java") is None:
        pytest.fail(
            "DynamoDB Local needs Java 17+ on PATH (`apt-get install openjdk-17-jre-headless`).",
            pytrace=False,
        )


@contextlib.contextmanager
def running(server: ManagedServer, **start: Any) -> Iterator[None]:
    """The server started (a failure fails the test, with its log) and stopped again whatever happens."""
    try:
        server.start(**start)
    except ServerStartError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dynamodb_local() -> Iterator[DynamoDBLocal]:
    """A DynamoDB Local server for the whole session: `.endpoint`, `.session()`, `.table()`, `.stop()`/`.start()`."""
    directory = dynamodb_local_dir()
    _check_dynamodb_local(directory)
    server = DynamoDBLocal(directory)
    with pytest.MonkeyPatch.context() as mp, sigterm_as_interrupt():
        # Nothing in the tests may reach the instance metadata service looking for credentials.
        mp.setenv("AWS_EC2_METADATA_DISABLED", "true")
        with running(server):
            yield server


@pytest.fixture
def dynamodb_table(dynamodb_local: DynamoDBLocal) -> Iterator[DynamoDBTable]:
    """A fresh table (unique name, indexes created) on the session's DynamoDB Local; dropped after the test."""
    table = dynamodb_local.table()
    table.create_if_missing()
    try:
        yield table
    finally:
        with contextlib.suppress(Exception):  # the test may have stopped the server or dropped the table
            table.delete_table()
        table.close()


# ---------------------------------------------------------------------------------------------------------------
# Redis


class RedisServer(ManagedServer):
    name = "redis-server"

    def __init__(self, binary: str) -> None:
        super().__init__()
        self.binary = binary

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        return [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ]

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A redis-server for the whole session, without persistence: `.url`, `.stop()`/`.start()`."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not on PATH: install it (`apt-get install redis-server`).", pytrace=False
        )
    server = RedisServer(binary)
    with sigterm_as_interrupt(), running(server, timeout=30):
        yield server


def wait_until(check: Callable[[], bool], timeout: float = 10.0, interval: float = 0.05) -> bool:
    """Poll `check` until it is true or `timeout` passes (for fault tests that restart a server)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return check()
