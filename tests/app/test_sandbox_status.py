"""The status bar says which sandbox the local judge runs programs in, or why it cannot judge on this machine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from tests.app.conftest import wait_for
from tests.processes import ConsumerProcess


async def test_the_status_bar_names_the_sandbox(settings: Settings, worker_process: ConsumerProcess) -> None:
    app = make_app(
        settings, install_pack=False
    )  # a worker is alive: the app starts none, but checks the judge
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "sandbox: " in app.status_text, "the sandbox in the status bar")
        assert any(f"sandbox: {mode}" in app.status_text for mode in ("namespaces", "landlock")), (
            app.status_text
        )


def _path_without_a_c_compiler(tmp_path: Path) -> str:
    """A PATH holding every program of the current PATH but cc, gcc and clang."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            if name in ("cc", "gcc", "clang") or (bin_dir / name).exists():
                continue
            (bin_dir / name).symlink_to(os.path.join(directory, name))
    return str(bin_dir)


async def test_no_c_compiler_is_said_once_in_the_status_bar(
    settings: Settings, worker_process: ConsumerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a fresh compile cache: the helper must be built, and there is nothing to build it with
    monkeypatch.setenv("PATH", _path_without_a_c_compiler(tmp_path))
    settings.locations.compile_cache_dir.mkdir(parents=True, exist_ok=True)
    for built in settings.locations.compile_cache_dir.glob("sandbox-*"):
        built.rename(tmp_path / built.name)
    app = make_app(settings, install_pack=False)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: "sandbox: " in app.status_text, "the sandbox in the status bar")
        assert "sandbox: cannot judge here: no C compiler" in app.status_text, app.status_text
