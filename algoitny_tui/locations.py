"""Where the app keeps its files, and the settings file read as plain TOML.

Light on purpose (no pydantic): `algoitny judge` asks here whether anything it uses was configured before it pays
for loading every setting.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENV_PREFIX = "ALGOITNY_"
APP_NAME = "algoitny"
SETTINGS_FILE_NAME = "settings.toml"


class SettingsError(ValueError):
    """The settings file (or an environment variable) holds a value that cannot be used."""


@dataclass(frozen=True)
class Locations:
    """Where the app keeps its files."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @classmethod
    def from_env(cls) -> Locations:
        home = os.environ.get("ALGOITNY_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(config_dir=root, data_dir=root / "data", cache_dir=root / "cache")
        import platformdirs  # only without ALGOITNY_HOME

        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME)),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE_NAME

    @property
    def prefs_file(self) -> Path:
        """The choices made in the app (theme, panes, editor), kept across restarts (see prefs.py)."""
        return self.config_dir / "prefs.json"

    @property
    def store_file(self) -> Path:
        return self.data_dir / "store.db"

    @property
    def queue_file(self) -> Path:
        return self.data_dir / "queue.db"

    @property
    def compile_cache_dir(self) -> Path:
        return self.cache_dir / "compile"


def read_settings_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib  # here: most runs have no settings file, and the parser is a few ms of every start

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"settings file {path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise SettingsError(f"settings file {path}: cannot be read: {exc.strerror}") from exc


def settings_given(names: Iterable[str], locations: Locations | None = None) -> bool:
    """Whether any of these settings is set in the settings file or as ALGOITNY_<NAME> (any case, as the settings
    read it). A settings file that cannot be read raises SettingsError naming it."""
    wanted = {name.lower() for name in names}
    from_file = read_settings_file((locations or Locations.from_env()).settings_file)
    if wanted & {str(key).lower() for key in from_file}:
        return True
    return any(
        key.upper().startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in wanted for key in os.environ
    )
