"""Imports only point down the README's layer table: every module of the package is placed, none reaches up.

The table is read from README.md (section "Architecture"), so the documented layers and the checked ones are the
same; a new package or top-level module needs its line there.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "algoitny_tui"
README = (ROOT / "README.md").read_text()
TABLE_HEADER = "| layer | packages and modules | what they hold |"


def readme_layers() -> dict[str, int]:
    """`name -> layer` from the README table (names relative to the package: `storage.factory`, `cli`)."""
    start = README.index(TABLE_HEADER)
    layers: dict[str, int] = {}
    for line in README[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        number, names = (cell.strip() for cell in line.strip("|").split("|")[:2])
        for name in re.findall(r"`([^`]+)`", names):
            assert name not in layers, f"{name} is in two rows of the README's layer table"
            layers[name] = int(number)
    return layers


def layer_of(module: str, layers: dict[str, int]) -> tuple[str, int] | None:
    """The table's entry for a dotted module name (`algoitny_tui.storage.factory`): its longest matching prefix."""
    parts = module.split(".")[1:]
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        if name in layers:
            return name, layers[name]
    return ("algoitny_tui", layers["algoitny_tui"]) if not parts and "algoitny_tui" in layers else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, source: str, is_package: bool, known: set[str]) -> list[tuple[int, str]]:
    """(line, imported module) for every import of the package's own modules that runs: at the top, in functions,
    in classes; not those under `if TYPE_CHECKING:`."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if _type_checking_only(node):
            for child in getattr(node, "orelse", []):
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, *([node.module] if node.module else [])])
            for alias in node.names:  # `from algoitny_tui.storage import factory` imports the module
                found.append(
                    (node.lineno, f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
                )
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return [
        (line, name) for line, name in found if name == "algoitny_tui" or name.startswith("algoitny_tui.")
    ]


@dataclass
class Violation:
    where: str
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.where} imports {self.imported}: {self.why}"


def violations(sources: dict[Path, str], layers: dict[str, int]) -> list[Violation]:
    modules = {module_name(path): path for path in sources}
    found: list[Violation] = []
    for module, path in sorted(modules.items()):
        where = str(path.relative_to(ROOT))
        mine = layer_of(module, layers)
        if mine is None:
            found.append(Violation(where, "-", f"{module} is in no row of the README's layer table"))
            continue
        for line, imported in imports_of(module, sources[path], path.name == "__init__.py", set(modules)):
            theirs = layer_of(imported, layers)
            if theirs is None:
                found.append(Violation(f"{where}:{line}", imported, "a module in no row of the layer table"))
            elif theirs[1] < mine[1]:
                found.append(
                    Violation(
                        f"{where}:{line}",
                        imported,
                        f"layer {mine[1]} ({mine[0]}) points up to layer {theirs[1]} ({theirs[0]})",
                    )
                )
    return found


def package_sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def test_imports_only_point_down_the_readme_layers() -> None:
    found = violations(package_sources(), readme_layers())
    assert not found, "imports against the README's layer table:\n" + "\n".join(map(str, found))


def test_every_package_of_the_app_has_a_row() -> None:
    layers = readme_layers()
    packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert {"sync", "widgets", "worker", "tasks", "storage", "screens"} <= set(packages)
    missing = [name for name in packages if name not in layers]
    assert not missing, f"packages missing from the README's layer table: {missing}"


FAKE = ROOT / "algoitny_tui"


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        # Upward, at the top of a module.
        ("models.py", "from algoitny_tui.app import AlgoitnyApp\n", "models.py:1 imports algoitny_tui.app"),
        # Upward, hidden inside a function.
        (
            "storage/sqlite_table.py",
            "def f():\n    from algoitny_tui.worker import tasks\n",
            "storage/sqlite_table.py:2 imports algoitny_tui.worker.tasks",
        ),
        # Upward through a relative import.
        (
            "tasks/stress.py",
            "from ..worker.client import submit\n",
            "tasks/stress.py:1 imports algoitny_tui.worker",
        ),
        # A module placed apart from its package is held to its own row: storage below storage.factory.
        (
            "storage/chunks.py",
            "from algoitny_tui.storage.factory import Repositories\n",
            "storage/chunks.py:1 imports algoitny_tui.storage.factory",
        ),
        # A package the table does not know.
        ("newthing/__init__.py", "x = 1\n", "algoitny_tui.newthing is in no row"),
    ],
)
def test_the_check_names_an_upward_import(path: str, source: str, expected: str) -> None:
    sources = {
        FAKE / path: source,
        FAKE / "worker/client.py": "",
        FAKE / "worker/tasks.py": "",
        FAKE / "storage/factory.py": "",
    }
    found = [str(v) for v in violations(sources, readme_layers())]
    assert any(expected in line for line in found), found


def test_the_check_lets_downward_and_type_only_imports_pass() -> None:
    source = (
        "from typing import TYPE_CHECKING\nfrom algoitny_tui.models import Job\n"
        "if TYPE_CHECKING:\n    from algoitny_tui.app import AlgoitnyApp\n"
        "def f():\n    from algoitny_tui.storage.factory import open_repositories\n"
    )
    sources = {FAKE / "worker/jobs.py": source, FAKE / "storage/factory.py": ""}
    assert violations(sources, readme_layers()) == []
