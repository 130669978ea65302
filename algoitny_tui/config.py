"""Settings: one TOML file in the user config dir, overridden by ALGOITNY_* environment variables (env wins).

`ALGOITNY_HOME=DIR` puts every file of the app under DIR: DIR/settings.toml, DIR/data (store, queue), DIR/cache.

`Settings` is a plain pydantic model; the environment is read by pydantic-settings (settings_env.py), imported only
when a variable names a setting: it costs ~70-150 ms (asyncio among it) of every command, `algoitny submit` included.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from algoitny_tui.atomic_write import write_atomic

# Re-exported: where the files are and how the file is read live in a module light enough for every command.
from algoitny_tui.locations import (
    APP_NAME,
    ENV_PREFIX,
    SETTINGS_FILE_NAME,
    Locations,
    SettingsError,
    read_settings_file,
)

__all__ = [
    "APP_NAME",
    "SETTINGS_FILE_NAME",
    "LanguageConfig",
    "Locations",
    "QueueSecretMissing",
    "Settings",
    "SettingsError",
    "load_settings",
    "read_settings_file",
    "write_settings",
]


MIN_QUEUE_SECRET_CHARS = 16
MISSING_QUEUE_SECRET = (
    'queue = "redis" needs queue_secret, the secret every machine of the group shares: set ALGOITNY_QUEUE_SECRET '
    "(or queue_secret in settings.toml) to the same value on every machine, e.g. one made with "
    "`python3 -c 'import secrets; print(secrets.token_hex(32))'`"
)


class QueueSecretMissing(SettingsError):
    pass


class LanguageConfig(BaseModel):
    """A language the user adds or changes. Commands are argument lists with {src}, {exe}, {dir} placeholders."""

    model_config = ConfigDict(extra="forbid")

    extensions: list[str] = Field(default_factory=list)
    """File extensions that select this language, with the dot (e.g. [".py"]). A new language with a built-in
    one's extension edits like it (highlighting, template)."""
    display_name: str | None = None
    """Name the editor's language selector shows (default: the language's name)."""
    source_name: str | None = None
    """File name the source is written to before compiling (e.g. "Main.java"); default "main" + first extension."""
    compile: list[str] | None = None
    """Compile command, or none for interpreted languages."""
    run: list[str]
    """Run command."""
    memory_from_rlimit: bool = True
    """False for runtimes that manage their own heap (Java): the memory limit is passed to them instead."""


def _default_user() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "local"


class Settings(BaseModel):
    """Every setting of the app. Each can be written in settings.toml or given as ALGOITNY_<NAME> (read by
    `load_settings`; this model alone reads no environment)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    store: Literal["sqlite", "dynamodb"] = "sqlite"
    """Where histories and problems live: the embedded SQLite file, or DynamoDB directly."""
    dynamodb_table: str = "algoitny"
    """DynamoDB table name (created by `algoitny sync` when missing)."""
    dynamodb_region: str = "us-east-1"
    """AWS region of the DynamoDB table."""
    dynamodb_endpoint: str | None = None
    """Endpoint override, e.g. http://127.0.0.1:8000 for DynamoDB Local."""
    sync: Literal["on", "off"] = "off"
    """With a SQLite store: push and pull to DynamoDB in the background."""
    sync_interval_s: int = 300
    """Seconds between background syncs when sync is on."""
    queue: Literal["sqlite", "redis"] = "sqlite"
    """The task queue: a SQLite file in the data dir, or Redis for workers on several machines."""
    redis_url: str = "redis://127.0.0.1:6379/0"
    """Redis URL when queue = "redis"."""
    queue_secret: SecretStr | None = None
    """The secret every machine on the queue shares: messages are signed with it (HMAC-SHA256) and a message
    without its signature is dropped. Required with queue = "redis"; at least 16 characters."""
    gemini_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("gemini_api_key", "GEMINI_API_KEY", "ALGOITNY_GEMINI_API_KEY"),
    )
    """Gemini API key (GEMINI_API_KEY). Without one, hints come from the offline engine."""
    gemini_model: str = "gemini-flash-latest"
    """Gemini model name. The default is Google's alias for the current Flash model, so it keeps existing when
    Google retires a version (gemini-1.5-flash answered 404 once it was retired)."""
    gemini_endpoint: str | None = None
    """Gemini API endpoint override (a proxy, or a local test server)."""
    user: str = Field(default_factory=_default_user)
    """The user identifier written in every history as `uidt`."""
    companion: bool = False
    """Accept problems sent by the competitive-companion browser extension while the app runs."""
    companion_port: int = 27121
    """Port on 127.0.0.1 the app listens on for competitive-companion (27121, as cph and CompetiTest use)."""
    builtin_pack: bool = True
    """Load the built-in problems into the store on first use (and update them when the app ships new tests)."""
    judge_jobs: int | None = None
    """Tests judged at once; default: the number of cores."""
    judge_sandbox: Literal["auto", "none"] = "auto"
    """`auto`: the strongest sandbox this kernel allows, and no judging where none is safe; `none`: run programs
    with limits only, where no sandbox can be built (read judge/sandbox.py first: a program can then read and
    write whatever you can)."""
    worker_threads: int = 2
    """Worker threads of a consumer started by the app."""
    languages: dict[str, LanguageConfig] = Field(default_factory=dict)
    """Languages to add, or built-in ones to change, by name."""
    editor: str | None = None
    """The editor ctrl+e opens a draft in (a command; the file name is added): default $VISUAL, then $EDITOR,
    then vi."""

    @field_validator("queue_secret")
    @classmethod
    def _long_enough(cls, secret: SecretStr | None) -> SecretStr | None:
        if secret is not None and len(secret.get_secret_value()) < MIN_QUEUE_SECRET_CHARS:
            raise ValueError(
                f"the queue secret must have at least {MIN_QUEUE_SECRET_CHARS} characters "
                "(e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))'`)"
            )
        return secret

    @cached_property
    def locations(self) -> Locations:
        return Locations.from_env()

    def queue_signing_secret(self) -> str | None:
        """The secret queue messages are signed with. On Redis, which other machines can write to, there must be
        one: without it this machine neither sends nor takes work (QueueSecretMissing says how to set it)."""
        secret = self.queue_secret.get_secret_value() if self.queue_secret else None
        if self.queue == "redis" and not secret:
            raise QueueSecretMissing(MISSING_QUEUE_SECRET)
        return secret

    def gemini_key(self) -> str | None:
        return self.gemini_api_key.get_secret_value() if self.gemini_api_key else None


def environment_names() -> set[str]:
    """The environment variables that give a setting, lower-cased as pydantic-settings matches them (case is
    ignored): ALGOITNY_<NAME>, or a field's own alias choices (GEMINI_API_KEY)."""
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice).lower() for choice in alias.choices if isinstance(choice, str))
        else:
            names.add(f"{ENV_PREFIX}{name}".lower())
    return names


def settings_class() -> type[Settings]:
    """What validates the settings: `Settings` itself when no environment variable gives one (the common case:
    pydantic-settings stays unloaded), else its subclass that reads the environment too (env wins)."""
    if not environment_names() & {key.lower() for key in os.environ}:
        return Settings
    from algoitny_tui.settings_env import EnvironmentSettings

    return EnvironmentSettings


def load_settings(locations: Locations | None = None) -> Settings:
    """Settings from the file and the environment; a bad value raises SettingsError naming file and field."""
    locations = locations or Locations.from_env()
    path = locations.settings_file
    from_file = read_settings_file(path)
    try:
        settings = settings_class()(**from_file)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]) or "(file)"
            where = (
                f"environment variable ALGOITNY_{field.upper()}"
                if field.split(".")[0] not in from_file
                else (f"settings file {path}")
            )
            problems.append(f"{where}: field {field!r}: {error['msg']}")
        raise SettingsError("; ".join(problems)) from exc
    settings.__dict__["locations"] = locations
    return settings


def write_settings(values: dict[str, Any], locations: Locations | None = None) -> Path:
    """Write (merge) values into the settings file, readable by its owner only (it may hold an API key).

    The file is edited, not rewritten: tomlkit keeps the user's comments, blank lines and key order, and a value
    that did not change keeps its line as it was. A None value keeps what the file holds."""
    import tomlkit

    locations = locations or Locations.from_env()
    path = locations.settings_file
    updates = {key: _plain(value) for key, value in values.items() if value is not None}
    # Refuse to write what would not load, or a Redis queue this machine could not use (no secret to sign with).
    settings_class()(**{**read_settings_file(path), **updates}).queue_signing_secret()
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except OSError as exc:
        raise SettingsError(f"settings file {path}: cannot be read: {exc.strerror}") from exc
    for key, value in updates.items():
        if key not in document or document[key].unwrap() != value:
            document[key] = value
    write_atomic(path, tomlkit.dumps(document), mode=0o600)
    os.chmod(path, 0o600)  # a file the user made keeps no wider mode once it may hold a key
    return path


def _plain(value: Any) -> Any:
    """A value as TOML holds it: secrets as their text, models (a LanguageConfig) as tables."""
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
