"""Helpers for the importer tests: build problem folders on disk from a {path: content} mapping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Tree = dict[str, str | bytes]


def write_tree(root: Path, files: Tree) -> Path:
    """Write each file (str as UTF-8 bytes, unchanged; bytes as they are) and return ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[str, Tree], Path]:
    def make(name: str, files: Tree) -> Path:
        return write_tree(tmp_path / name, files)

    return make
