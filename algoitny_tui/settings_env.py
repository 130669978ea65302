"""The settings read from the environment too (ALGOITNY_<NAME>, GEMINI_API_KEY), by pydantic-settings.

Imported by config.settings_class only when a variable gives a setting: pydantic-settings (with the asyncio it
imports) is the largest part of a command's start otherwise.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from algoitny_tui.config import Settings
from algoitny_tui.locations import ENV_PREFIX


class EnvironmentSettings(BaseSettings, Settings):
    """`Settings`, with ALGOITNY_<NAME> variables over the values passed (the settings file's)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", populate_by_name=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # init (the values read from the file, passed by load_settings) < env: env wins.
        return (env_settings, init_settings)
