"""A damaged store, a closed pipe and a bug: one line, the right exit code, the store file left as it was."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from algoitny_tui.locations import Locations
from tests.hostile_input.conftest import algoitny, assert_refused


def contest_file(tmp_path: Path, count: int) -> Path:
    items = [
        {
            "name": f"P{i}",
            "url": f"https://codeforces.com/contest/{1000 + i}/problem/A",
            "tests": [{"input": f"{i}\n" + "x" * 2000 + "\n", "output": f"{i}\n"}],
        }
        for i in range(count)
    ]
    path = tmp_path / "contest.json"
    path.write_text(json.dumps(items))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_store(tmp_path: Path) -> Path:
    """A real store of 2,000 problems, then 1 MB of random bytes written into its middle."""
    result = algoitny("import", str(contest_file(tmp_path, 2000)))
    assert result.returncode == 0, result.stderr
    store = Locations.from_env().store_file
    assert not store.with_name(store.name + "-wal").exists()  # everything is in the file itself
    size = store.stat().st_size
    assert size > 3 * 512 * 1024  # the garbage lands among the problems, not past them
    with store.open("r+b") as file:
        file.seek(size // 2 - 512 * 1024)
        file.write(random.Random(12).randbytes(1024 * 1024))
    return store


def test_every_command_on_a_damaged_store_says_which_file_and_leaves_it_as_it_is(tmp_path: Path) -> None:
    store = damaged_store(tmp_path)
    before = digest(store)
    message = (
        f"store file {store} is damaged (database disk image is malformed); it was left as it is: move it "
        "aside (algoitny starts a new store) or put back a copy"
    )
    assert_refused(algoitny("problems", "list", "--json"), message)
    assert_refused(algoitny("problems", "show", "codeforces#1999A"), message)
    package = tmp_path / "pkg"
    (package / "data" / "sample").mkdir(parents=True)
    (package / "data" / "sample" / "1.in").write_text("1\n")
    (package / "data" / "sample" / "1.ans").write_text("1\n")
    assert_refused(algoitny("import", str(package)), message)  # a write
    assert digest(store) == before


def test_a_closed_pipe_ends_the_output_quietly(tmp_path: Path) -> None:
    assert algoitny("import", str(contest_file(tmp_path, 300))).returncode == 0
    # `algoitny problems list --json | head -c 100`: the reader leaves long before the output ends.
    proc = subprocess.Popen(
        [sys.executable, "-m", "algoitny_tui", "problems", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(100)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first.startswith(b"codeforces#1000A") and stderr == ""


def test_a_closed_pipe_of_a_json_listing_ends_quietly(tmp_path: Path) -> None:
    assert algoitny("import", str(contest_file(tmp_path, 300))).returncode == 0
    result = subprocess.run(
        f"{sys.executable} -m algoitny_tui problems list --json | head -c 10; "
        'echo " status=${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )
    assert result.stdout == '{"problems status=0\n' and result.stderr == ""


def test_a_bug_is_one_line_naming_the_log_file_and_exit_3() -> None:
    # A mock: no command has a known bug to trigger, so the child replaces `problems list` with one that fails
    # the way a bug does (an exception nothing expects), and runs the real entry point.
    code = (
        "import sys; import algoitny_tui.commands.problems as p\n"
        "def broken(args): return {}['no such key']\n"
        "p.run = broken\n"
        "from algoitny_tui.cli import main; sys.exit(main(['problems', 'list']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), timeout=60
    )
    log = Locations.from_env().data_dir / "algoitny.log"
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr == (
        f"algoitny: internal error (KeyError: 'no such key'); this is a bug in algoitny, the "
        f"details are in {log}\n"
    )
    assert "Traceback" in log.read_text() and "in broken" in log.read_text()


async def test_the_app_on_a_damaged_store_shows_the_same_message_and_leaves_the_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from algoitny_tui.app import make_app
    from algoitny_tui.config import load_settings
    from tests.app.conftest import wait_for

    store = damaged_store(tmp_path)
    before = digest(store)
    app = make_app(load_settings(), start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(
            pilot,
            lambda: any(f"store file {store} is damaged" in str(n.message) for n in app._notifications),
            "the store's message",
        )
    assert digest(store) == before
    assert "Traceback" not in capfd.readouterr().err
