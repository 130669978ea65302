"""The one atomic write: whole files only, a new file's mode as asked, nothing left behind when it fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from algoitny_tui.atomic_write import write_atomic


def test_a_file_is_replaced_whole_with_the_mode_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "settings.toml"
    mtime = write_atomic(path, "a = 1\n", mode=0o600)
    assert path.read_text() == "a = 1\n" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert mtime == path.stat().st_mtime_ns
    write_atomic(path, "한글 = 2\n".encode())
    assert path.read_text(encoding="utf-8") == "한글 = 2\n"
    assert os.listdir(path.parent) == ["settings.toml"]


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "index.json"
    target.mkdir()  # a directory where the file should go: the rename fails
    (target / "kept").write_text("mine")
    with pytest.raises(OSError):
        write_atomic(target, "{}")
    assert (target / "kept").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json"]
