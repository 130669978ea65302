"""Shared fixtures. Every test runs with ALGOITNY_HOME in its own temporary directory, so no test reads or writes
the developer's own settings, store, queue or caches; AWS and Gemini variables of the developer are removed."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.servers", "tests.gemini_server"]

_FOREIGN_VARIABLES = (
    "GEMINI_API_KEY",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
)


@pytest.fixture(autouse=True)
def algoitny_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ALGOITNY_HOME", str(home))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "no-aws-credentials"))
    for name in list(os.environ):
        if name in _FOREIGN_VARIABLES or (
            name.startswith("ALGOITNY_") and name != "ALGOITNY_HOME" and name != "ALGOITNY_DYNAMODB_LOCAL_DIR"
        ):
            monkeypatch.delenv(name, raising=False)
    # The built-in pack is loaded only by the tests about it (loading it takes seconds).
    monkeypatch.setenv("ALGOITNY_BUILTIN_PACK", "false")
    # Each test has its own cache: a precompiled <bits/stdc++.h> (100 MB, 3 s of background CPU) only in its tests.
    monkeypatch.setenv("ALGOITNY_JUDGE_PCH", "0")
    yield home


def _processes_of_this_run(base: Path) -> list[tuple[int, str]]:
    """Processes (other than this one) whose ALGOITNY_HOME lies under this run's temporary root: the workers,
    apps and judges the tests started."""
    found = []
    marker = f"ALGOITNY_HOME={base}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # Python's multiprocessing resource tracker belongs to this pytest process: it ends when pytest does.
        if "multiprocessing.resource_tracker" in cmdline:
            continue
        if any(var.startswith(marker) for var in environ.split(b"\0")):
            found.append((int(entry.name), cmdline.strip()))
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Every process a test started must be gone when the run ends: list (and kill) any that is not."""
    import signal
    import time

    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or getattr(session.config, "workerinput", None) is not None:
        return
    base = factory.getbasetemp()
    deadline = time.monotonic() + 5  # a worker told to stop may still be finishing its last task
    left = _processes_of_this_run(base)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = _processes_of_this_run(base)
    for pid, _ in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = "\n".join(f"  pid {pid}: {cmd[:150]}" for pid, cmd in left)
        if reporter is not None:
            reporter.write_line(
                f"processes started by tests were still running at the end (killed now):\n{lines}", red=True
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
