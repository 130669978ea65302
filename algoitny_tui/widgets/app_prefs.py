"""Preferences of the app only (the competitive-companion listener), in app.toml beside settings.toml.

They are not in `Settings` yet (its fields are owned by config.py and refuse unknown keys); moving them there is a
two-field change: `companion: bool = False`, `companion_port: int = 27121`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_COMPANION_PORT = 27121
FILE_NAME = "app.toml"


@dataclass(frozen=True)
class AppPrefs:
    companion: bool = False
    """Listen for problems sent by the competitive-companion browser extension."""
    companion_port: int = DEFAULT_COMPANION_PORT


def read_prefs(config_dir: Path) -> AppPrefs:
    env_port = os.environ.get("ALGOITNY_COMPANION_PORT")
    env_on = os.environ.get("ALGOITNY_COMPANION")
    try:
        data = tomllib.loads((config_dir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        data = {}
    companion = bool(data.get("companion", False))
    port = int(data.get("companion_port", DEFAULT_COMPANION_PORT) or DEFAULT_COMPANION_PORT)
    if env_on is not None:
        companion = env_on.lower() in ("1", "on", "true", "yes")
    if env_port and env_port.isdigit():
        port = int(env_port)
    return AppPrefs(companion=companion, companion_port=port)


def write_prefs(config_dir: Path, prefs: AppPrefs) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / FILE_NAME
    tmp = path.with_suffix(".tmp")
    tmp.write_text(f"companion = {'true' if prefs.companion else 'false'}\ncompanion_port = {prefs.companion_port}\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return path
