"""The README documents every short name of the codec and every setting, so the docs cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from algoitny_tui.codec import FIELD_TABLES
from algoitny_tui.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_codec_mapping_is_in_the_readme() -> None:
    missing = [f"{short} = {long}" for table in FIELD_TABLES.values() for long, short in table.items()
               if f"`{short}` | {long}" not in README and f"`{short}` {long}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    missing = [name for name in Settings.model_fields if f"`{name}`" not in README and name != "languages"]
    assert missing == []
    assert "[languages.NAME]" in README


def test_the_readme_names_the_test_command_that_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "scripts/test" in README and "scripts/test" in ci
