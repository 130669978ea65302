"""Every read and write of stored items goes through storage/: outside it (and the codec, which owns the short
names) no module opens SQLite or reaches into an item's short fields. Checked on the source, so a new shortcut
fails here, not in review."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from algoitny_tui.codec import FIELD_TABLES

PACKAGE = Path(__file__).resolve().parent.parent / "algoitny_tui"
OWNERS = ("storage/", "codec.py")

SHORT_NAMES = {short for table in FIELD_TABLES.values() for short in table.values()} - {
    long for table in FIELD_TABLES.values() for long in table
}
"""Short names that are not also a long name (`seq` is both, and means the same in either form)."""

ORDINARY_KEYS = {
    "msg": "compiler diagnostics and queue messages",
    "url": "problem metadata of importers",
    "max": "a score's maximum in verdict maps",
    "col": "a compiler diagnostic's column",
    "src": "an HTML element's attribute in saved pages",
}
"""Short names that are also ordinary keys of JSON this project reads or writes that is not a stored item. They
are still caught when read from an item, which always goes through `dat` (checked on its own)."""


def modules_outside_storage() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not rel.startswith(OWNERS):
            yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def key_of(node: ast.AST) -> str | None:
    """The constant key of `x["key"]` or `x.get("key")` (`pop`, `setdefault` too)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        value = node.slice.value
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("get", "pop", "setdefault")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        value = node.args[0].value
    else:
        return None
    return value if isinstance(value, str) else None


def test_only_storage_imports_sqlite3() -> None:
    found = []
    for rel, tree in modules_outside_storage():
        for node in ast.walk(tree):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{rel}:{node.lineno}" for name in names if name.split(".")[0] == "sqlite3"]
    assert found == []


def test_no_module_outside_storage_names_a_stored_field() -> None:
    found = []
    for rel, tree in modules_outside_storage():
        for node in ast.walk(tree):
            key = key_of(node)
            if key == "dat" or (key in SHORT_NAMES and key not in ORDINARY_KEYS):
                found.append(f"{rel}:{getattr(node, 'lineno', '?')} {key!r}")
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith("dat.")
            ):
                found.append(f"{rel}:{node.lineno} {node.value!r}")  # a dotted path into an item's fields
    assert found == []


def test_the_check_sees_what_it_looks_for() -> None:
    """The scan itself: an item's field read either way, and a sqlite3 import, are found."""
    tree = ast.parse("import sqlite3\nx = item['dat']['pid']\ny = d.get('vrd')\nz = {'msg': 1}.get('msg')\n")
    keys = [key_of(node) for node in ast.walk(tree)]
    assert {"dat", "pid", "vrd"} <= set(keys) and {"pid", "vrd"} <= SHORT_NAMES
    assert "msg" in keys and "msg" in ORDINARY_KEYS
    assert any(isinstance(n, ast.Import) and n.names[0].name == "sqlite3" for n in ast.walk(tree))
