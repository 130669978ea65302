"""Shared fixtures. Every test runs with ALGOITNY_HOME in its own temporary directory, so no test reads or writes
the developer's own settings, store, queue or caches; AWS and Gemini variables of the developer are removed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["tests.servers"]

_FOREIGN_VARIABLES = ("GEMINI_API_KEY", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
                      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")


@pytest.fixture(autouse=True)
def algoitny_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ALGOITNY_HOME", str(home))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "no-aws-credentials"))
    import os

    for name in list(os.environ):
        if name in _FOREIGN_VARIABLES or (name.startswith("ALGOITNY_") and name != "ALGOITNY_HOME"
                                          and name != "ALGOITNY_DYNAMODB_LOCAL_DIR"):
            monkeypatch.delenv(name, raising=False)
    # The built-in pack is loaded only by the tests about it (loading it takes seconds).
    monkeypatch.setenv("ALGOITNY_BUILTIN_PACK", "false")
    yield home
