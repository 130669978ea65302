"""Settings: file + environment (env wins), ALGOITNY_HOME, errors naming file and field, key file mode 0600."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from algoitny_tui.config import Locations, SettingsError, load_settings, write_settings


def test_defaults_and_every_file_under_algoitny_home(algoitny_home: Path) -> None:
    settings = load_settings()
    assert settings.store == "sqlite" and settings.queue == "sqlite" and settings.gemini_key() is None
    loc = settings.locations
    for path in (loc.settings_file, loc.store_file, loc.queue_file, loc.compile_cache_dir):
        assert algoitny_home in path.parents


def test_file_values_and_env_wins(algoitny_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (algoitny_home / "settings.toml").write_text(
        'store = "dynamodb"\ndynamodb_table = "from-file"\nqueue = "redis"\n'
        '[languages.ruby]\nextensions = [".rb"]\nrun = ["ruby", "{src}"]\n'
    )
    monkeypatch.setenv("ALGOITNY_DYNAMODB_TABLE", "from-env")
    monkeypatch.setenv("ALGOITNY_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")
    monkeypatch.setenv("GEMINI_API_KEY", "key-from-env")
    settings = load_settings()
    assert settings.store == "dynamodb" and settings.queue == "redis"
    assert settings.dynamodb_table == "from-env" and settings.dynamodb_endpoint == "http://127.0.0.1:8000"
    assert settings.gemini_key() == "key-from-env"
    assert "key-from-env" not in repr(settings)
    assert settings.languages["ruby"].run == ["ruby", "{src}"]


def test_a_bad_value_names_the_file_and_the_field(algoitny_home: Path) -> None:
    path = algoitny_home / "settings.toml"
    path.write_text('store = "mongodb"\n')
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert str(path) in str(err.value) and "'store'" in str(err.value) and "sqlite" in str(err.value)


def test_a_file_that_is_not_toml_names_the_file_and_line(algoitny_home: Path) -> None:
    path = algoitny_home / "settings.toml"
    path.write_text('store = "sqlite"\nqueue = \n')
    with pytest.raises(SettingsError, match="line 2") as err:
        load_settings()
    assert str(path) in str(err.value)


def test_an_unknown_field_is_reported(algoitny_home: Path) -> None:
    (algoitny_home / "settings.toml").write_text('stroe = "sqlite"\n')
    with pytest.raises(SettingsError, match="'stroe'"):
        load_settings()


def test_a_bad_environment_variable_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALGOITNY_QUEUE", "rabbitmq")
    with pytest.raises(SettingsError, match="ALGOITNY_QUEUE"):
        load_settings()


def test_a_settings_file_with_a_key_is_readable_by_its_owner_only(algoitny_home: Path) -> None:
    path = write_settings({"gemini_api_key": "secret-key", "gemini_model": "gemini-2.0-flash"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    settings = load_settings()
    assert settings.gemini_key() == "secret-key" and settings.gemini_model == "gemini-2.0-flash"
    write_settings({"store": "sqlite"})  # a later write keeps the key and the mode
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and load_settings().gemini_key() == "secret-key"


def test_writing_settings_edits_the_file_and_keeps_the_users_comments(algoitny_home: Path) -> None:
    path = algoitny_home / "settings.toml"
    path.write_text('# mine\nuser = "kim"  # who I am\n\n# fast enough\nworker_threads = 3\n')
    write_settings({"user": "lee", "worker_threads": 3, "gemini_api_key": "secret-key"})
    assert path.read_text() == (
        '# mine\nuser = "lee"  # who I am\n\n# fast enough\nworker_threads = 3\n'
        'gemini_api_key = "secret-key"\n'
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and load_settings().user == "lee"
    assert not list(algoitny_home.glob(".settings.toml.*"))  # no temporary file left


def test_write_refuses_what_would_not_load(algoitny_home: Path) -> None:
    write_settings({"store": "sqlite"})
    with pytest.raises(Exception, match="store"):
        write_settings({"store": "oracle"})
    assert load_settings().store == "sqlite"


def test_the_command_line_reports_a_bad_settings_file(algoitny_home: Path) -> None:
    (algoitny_home / "settings.toml").write_text("queue = 'kafka'\n")
    proc = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "problems", "list"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "settings.toml" in proc.stderr and "'queue'" in proc.stderr and "Traceback" not in proc.stderr


def test_locations_without_home_use_the_user_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALGOITNY_HOME")
    loc = Locations.from_env()
    assert "algoitny" in str(loc.config_dir) and "algoitny" in str(loc.data_dir)


def test_a_redis_queue_is_not_saved_without_the_queue_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    from algoitny_tui.config import QueueSecretMissing

    write_settings({"user": "kim"})
    with pytest.raises(QueueSecretMissing, match="ALGOITNY_QUEUE_SECRET"):
        write_settings({"queue": "redis"})
    assert load_settings().queue == "sqlite"  # the file is as it was
    write_settings({"queue": "redis", "queue_secret": "a secret of 16+ characters"})
    saved = load_settings()
    assert saved.queue == "redis" and saved.queue_signing_secret() == "a secret of 16+ characters"
    assert "16+" not in repr(saved)  # a SecretStr: never printed


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('store = "mongodb"\n', "'store'"),
        ('stroe = "sqlite"\n', "'stroe'"),
        ("judge_jobs = 'x'\n", "'judge_jobs'"),
    ],
)
def test_without_a_setting_variable_the_file_is_checked_as_strictly(
    content: str, named: str, algoitny_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No variable gives a setting: the file is validated by the plain model (no pydantic-settings), and a bad value
    is still named with the file and the field."""
    from algoitny_tui.config import Settings, settings_class

    monkeypatch.delenv("ALGOITNY_BUILTIN_PACK")  # the suite's only setting variable (tests/conftest.py)
    assert settings_class() is Settings
    path = algoitny_home / "settings.toml"
    path.write_text(content)
    with pytest.raises(SettingsError) as err:
        load_settings()
    assert f"settings file {path}" in str(err.value) and named in str(err.value)


@pytest.mark.parametrize("variable", ["ALGOITNY_USER", "algoitny_user", "GEMINI_API_KEY", "gemini_api_key"])
def test_any_variable_that_gives_a_setting_is_read(variable: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment is read whenever a variable names a setting, in any case, the Gemini key's own name too."""
    monkeypatch.delenv("ALGOITNY_BUILTIN_PACK")
    monkeypatch.setenv("ALGOITNY_JUDGE_PCH", "0")  # a variable of the judge's, not a setting
    assert load_settings().user != "from-variable" and load_settings().gemini_key() is None
    monkeypatch.setenv(variable, "from-variable")
    settings = load_settings()
    read = settings.gemini_key() if "gemini" in variable.lower() else settings.user
    assert read == "from-variable"
