"""Benchmarks measure the app as a user installs it: with its bytecode cached.

`pip install` compiles every module to .pyc; an editable checkout under PYTHONDONTWRITEBYTECODE (set on some
machines, this one included) compiles every module of the app on every start, 30-60 ms that no user pays, while a
baseline installed from PyPI (oj) has its bytecode. The cache goes to a directory of the bench's own, never into
the checkout.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path


def bytecode_cached_env(env: Mapping[str, str], name: str) -> dict[str, str]:
    """`env` with bytecode written and read under a temporary directory named after the bench."""
    cached = {**env, "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / f"algoitny-{name}-pycache")}
    cached.pop("PYTHONDONTWRITEBYTECODE", None)
    return cached
