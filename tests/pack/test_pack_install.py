"""The pack in the store: first start loads it, later starts write nothing, a changed problem is updated in place
and the user's histories and execution counts stay as they were."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.models import SearchHistory
from algoitny_tui.problems import builtin
from algoitny_tui.problems.pack_install import ensure_pack_installed
from algoitny_tui.storage.factory import Repositories, open_repositories


@pytest.fixture
def small_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the first two pack problems, so the test can ship a "new version" of one of them."""
    pack = tmp_path / "pack"
    pack.mkdir()
    for source in builtin.iter_pack_dirs()[:2]:
        shutil.copytree(source, pack / source.name)
    monkeypatch.setattr(builtin, "PACK_DIR", pack)
    builtin.pack_version.cache_clear()
    yield pack
    builtin.pack_version.cache_clear()


@pytest.fixture
def repos() -> Iterator[Repositories]:
    repos = open_repositories(load_settings())
    yield repos
    repos.close()


def test_first_start_loads_later_starts_write_nothing(small_pack: Path, repos: Repositories) -> None:
    assert ensure_pack_installed(repos) == 2
    listed = [p.problem_id for p in repos.problems.iter_problems()]
    assert listed == [f"algoitny#{d.name[:4]}" for d in sorted(small_pack.iterdir())]
    found = repos.problems.get_problem_with_testcases("algoitny", sorted(small_pack.iterdir())[0].name[:4])
    assert found is not None and found[0].reference_solution and found[1]
    assert ensure_pack_installed(repos) == 0


def test_a_changed_problem_is_updated_in_place_without_touching_history(
    small_pack: Path, repos: Repositories
) -> None:
    ensure_pack_installed(repos)
    first, second = sorted(small_pack.iterdir())
    number = first.name[:4]
    repos.problems.increment_execution_count("algoitny", number)
    history = repos.histories.create_history(
        SearchHistory(
            id=0,
            user_identifier="me",
            problem_id=f"algoitny#{number}",
            platform="algoitny",
            problem_number=number,
            code="x",
        )
    )
    before = repos.problems.get_problem_with_testcases("algoitny", number)
    other_before = repos.problems.get_problem("algoitny", second.name[:4])
    assert before is not None
    # A newer app version ships one more hand-written test for the first problem.
    (first / "data" / "secret" / "99-new.in").write_text(before[1][0].input)
    (first / "data" / "secret" / "99-new.ans").write_text(before[1][0].expected_output or "")
    builtin.pack_version.cache_clear()
    assert ensure_pack_installed(repos) == 1  # only the changed problem is written
    after = repos.problems.get_problem_with_testcases("algoitny", number)
    assert after is not None
    assert len(after[1]) == len(before[1]) + 1 and "secret/99-new" in {t.test_case_id for t in after[1]}
    assert after[0].execution_count == 1
    assert repos.problems.get_problem("algoitny", second.name[:4]) == other_before
    assert repos.histories.load_history(history.id) == history


def test_a_store_with_the_pack_installed_is_checked_without_loading_the_importers(
    repos: Repositories,
) -> None:
    """Every command that opens the store checks the pack's version: once it is installed, that check loads none
    of the problem importers (Kattis, Polygon, pages: ~20 ms of `algoitny submit`'s start)."""
    import subprocess
    import sys

    from algoitny_tui.problems.pack_install import PACK_NAME

    repos.problems.mark_pack_installed(PACK_NAME, builtin.pack_version())
    code = (
        "import sys\n"
        "from algoitny_tui.config import load_settings\n"
        "from algoitny_tui.problems.pack_install import ensure_pack_installed\n"
        "from algoitny_tui.storage.factory import open_repositories\n"
        "written = ensure_pack_installed(open_repositories(load_settings()))\n"
        "print(written, sorted(m for m in sys.modules if m.startswith('algoitny_tui.problems.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    written, loaded = out.stdout.strip().split(" ", 1)
    assert written == "0"  # the installed version was found: nothing to write
    assert "algoitny_tui.problems.loader" not in loaded and "algoitny_tui.problems.kattis" not in loaded, (
        loaded
    )


@pytest.mark.slow
def test_a_command_on_a_terminal_shows_the_first_install_and_in_a_pipe_stays_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new store makes the first command generate every pack problem's tests (~20 s): on a terminal it says so,
    problem by problem, and ends its line; the listing on stdout is whole either way. Through a pipe (scripts, the
    other tests) stderr stays empty."""
    import json
    import os
    import pty
    import subprocess
    import sys

    monkeypatch.delenv("ALGOITNY_BUILTIN_PACK")  # the default: the pack is installed
    total = len(builtin.iter_pack_dirs())
    master, terminal = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "algoitny_tui", "problems", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=terminal,
        text=True,
    ) as proc:
        os.close(terminal)
        shown = b""
        while chunk := _read_or_empty(master):
            shown += chunk
        listing = proc.stdout.read() if proc.stdout else ""
        assert proc.wait(timeout=300) == 0, shown
    os.close(master)
    lines = shown.decode().replace("\r\x1b[K", "\n").splitlines()
    assert f"installing the built-in problems (once): 1/{total} algoitny#0001" in lines
    assert lines[-1] == f"installing the built-in problems (once): {total}/{total} algoitny#{total:04d}"
    assert shown.endswith(b"\r\n")  # the terminal's newline ends the progress line
    assert len(json.loads(listing)["problems"]) == total
    again = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "problems", "list", "--json"], capture_output=True, text=True
    )
    assert (
        again.returncode == 0 and again.stderr == ""
    )  # installed: nothing to say, and not a terminal anyway


def _read_or_empty(fd: int) -> bytes:
    """A read of the pty's master side; b"" once the last writer closed it (Linux says EIO)."""
    import os

    try:
        return os.read(fd, 4096)
    except OSError:
        return b""
