"""The README documents every short name of the codec and every setting, so the docs cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from algoitny_tui.codec import COMPRESSED_FIELDS, FIELD_TABLES
from algoitny_tui.config import Settings
from algoitny_tui.models import EXECUTION_STATUS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()

# The README section that documents each mapping table (nested maps are documented in their parent's row).
SECTIONS = {
    "SearchHistory": "SearchHistory",
    "TestResult": "Test results",
    "Mismatch": "Test results",
    "Limits": "Problem",
    "CheckerSpec": "Problem",
    "Problem": "Problem",
    "TestCase": "TestCase",
    "Job": "Job and JobProgress",
    "JobProgress": "Job and JobProgress",
    "UserStats": "UserStats",
    "Scoring": "Problem",
    "TestGroup": "Problem",
}


def section(title: str) -> str:
    start = README.index(f"### {title} (")
    end = README.find("\n### ", start + 1)
    return README[start : end if end != -1 else len(README)]


def test_every_codec_mapping_is_in_its_readme_table() -> None:
    assert set(SECTIONS) == {cls.__name__ for cls in FIELD_TABLES}
    missing = []
    for cls, table in FIELD_TABLES.items():
        text = section(SECTIONS[cls.__name__])
        missing += [
            f"{cls.__name__}: {short} = {long}"
            for long, short in table.items()
            if f"`{short}` | {long} |" not in text and f"`{short}` {long}" not in text
        ]
    assert missing == []


def test_the_readme_documents_every_execution_status_and_the_compression_marker() -> None:
    test_results = section("Test results")
    missing = [
        f"{verdict} -> {status}"
        for verdict, status in EXECUTION_STATUS.items()
        if f"`{status}`" not in test_results or str(verdict) not in test_results
    ]
    assert missing == []
    assert f"| `{COMPRESSED_FIELDS}` | compressed fields |" in README


def test_every_setting_is_in_the_readme() -> None:
    missing = [name for name in Settings.model_fields if f"`{name}`" not in README and name != "languages"]
    assert missing == []
    assert "[languages.NAME]" in README


def test_the_readme_names_the_test_command_that_ci_runs() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "scripts/test" in README and "scripts/test" in ci


def test_every_item_type_is_in_the_readme_type_table() -> None:
    """Every `tp` the code writes has its row (type, `tp`, PK, SK) in the README's table of item types."""
    import algoitny_tui.codec as codec

    start = README.index("| type | `tp` | `PK` | `SK` |")
    table = README[start : README.index("\n\n", start)]
    types = {name: value for name, value in vars(codec).items() if name.startswith("TYPE_")}
    assert "TYPE_PACK" in types and len(types) >= 8
    missing = [f"{name} = {value!r}" for name, value in types.items() if f"| `{value}` |" not in table]
    assert missing == []


def test_the_task_table_names_every_task_and_only_commands_and_keys_that_exist() -> None:
    """Each worker task has a row saying where it is queued from; a command named there is a real subcommand, and a
    key named for the app is in the README's key table (a row that says "not yet" names what is still to come)."""
    import re

    from algoitny_tui.cli import COMMANDS
    from algoitny_tui.worker.tasks import TASK_TABLE

    start = README.index("### Background tasks: where each is reached from")
    table = README[start : README.index("\n## ", start)]
    rows = {m[1]: m[2] for m in re.finditer(r"^\| `(\w+_task)` \| (.*) \|$", table, re.M)}
    assert set(rows) == {spec.name for spec in TASK_TABLE}
    keys = README[README.index("| where | key | what it does |") :]
    for task, cells in rows.items():
        _, app, command_line = cells.split(" | ")
        if not app.startswith("not yet"):
            for key in re.findall(r"`((?:ctrl|alt|f)\+?\w+)`", app):
                assert f"`{key}`" in keys, f"{task}: key {key} is not in the key table"
        if not command_line.startswith("not yet"):
            for command in re.findall(r"`algoitny (\w+)", command_line):
                assert command in COMMANDS, f"{task}: no command `algoitny {command}`"
