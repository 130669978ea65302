"""The built-in problem pack: Kattis packages shipped inside the app, so a new user can practise offline at once.

Each problem lives in ``pack/NNNN-slug/`` (problem.yaml with an ``algoitny: {number, difficulty}`` block,
``.timelimit``, Markdown statements in English and Korean, ``data/``, ``submissions/``). Large tests are not stored:
``generators/gen.py`` makes them deterministically (``generate() -> [(name, input, answer), ...]``), and the loader
appends them after the stored tests as ``secret/<name>``.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import shutil
from functools import cache
from pathlib import Path

from ...domain import Problem, TestCase
from ..errors import ProblemFormatError
from ..files import read_yaml

PACK_DIR: Path = Path(__file__).resolve().parent / "pack"
PLATFORM = "algoitny"

_SKIP = {"__pycache__", ".pytest_cache", ".mypy_cache"}


def _pack_files(root: Path) -> list[tuple[str, str]]:
    """(relative path, path) of every file under ``root`` (caches and bytecode left out), by relative path."""
    files: list[tuple[str, str]] = []
    prefix = len(str(root)) + 1
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in _SKIP]
        relative = folder[prefix:].replace(os.sep, "/")
        files.extend(
            (f"{relative}/{name}" if relative else name, os.path.join(folder, name))
            for name in names
            if not name.endswith(".pyc")
        )
    return sorted(files)


def content_hash(root: Path) -> str:
    """Hash of the files under ``root``: their relative paths and bytes (caches and bytecode left out)."""
    digest = hashlib.sha256()
    for relative, path in _pack_files(root):
        digest.update(relative.encode())
        digest.update(b"\0")
        with open(path, "rb") as file:
            digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()[:16]


@cache
def pack_version() -> str:
    """A fingerprint of the pack as installed, computed once per process: each file's path, size and modification
    time. Only `stat`: hashing the pack's 5 MB cost ~50 ms on every command that opens the store. A changed
    fingerprint (an upgrade, or a file touched) makes `ensure_pack_installed` compare each problem's content hash,
    so a file touched but unchanged rewrites nothing."""
    digest = hashlib.sha256()
    for relative, path in _pack_files(PACK_DIR):
        stat = os.stat(path)
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def iter_pack_dirs() -> list[Path]:
    """The problem folders of the pack, in number order (their names start with the number)."""
    if not PACK_DIR.is_dir():
        return []
    return sorted(p for p in PACK_DIR.iterdir() if (p / "problem.yaml").is_file())


def _meta_block(path: Path) -> tuple[str, int]:
    meta = read_yaml(path / "problem.yaml", path) or {}
    block = meta.get("algoitny") if isinstance(meta, dict) else None
    if not isinstance(block, dict) or "number" not in block or "difficulty" not in block:
        raise ProblemFormatError("problem.yaml: algoitny: expected {number: ..., difficulty: ...}", path)
    number = str(block["number"]).zfill(4)
    difficulty = int(block["difficulty"])
    if not 1 <= difficulty <= 10:
        raise ProblemFormatError(f"problem.yaml: algoitny.difficulty: {difficulty} is not in 1..10", path)
    return number, difficulty


def generated_tests(path: Path) -> list[tuple[str, str, str]]:
    """``(name, input, answer)`` of the package's generator (``generators/gen.py``), or [] without one."""
    gen = path / "generators" / "gen.py"
    if not gen.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"algoitny_pack_gen_{path.name.replace('-', '_')}", gen)
    if spec is None or spec.loader is None:
        raise ProblemFormatError("generators/gen.py: cannot be imported", gen)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.generate()
    return [(str(name), str(data), str(answer)) for name, data, answer in result]


def reference_source(path: Path) -> str | None:
    """The first (sorted) accepted Python submission, as text."""
    accepted = sorted((path / "submissions" / "accepted").glob("*.py"))
    return accepted[0].read_text(encoding="utf-8") if accepted else None


def load_pack_problem(path: Path) -> tuple[Problem, list[TestCase]]:
    """One pack problem as ``algoitny#NNNN``: stored tests, then generated ones, with its reference solution."""
    from ..loader import (
        load_problem_dir,
    )  # here: checking the pack's version (every store opening) needs no loader

    number, difficulty = _meta_block(path)
    problem, tests = load_problem_dir(path, platform=PLATFORM, number=number)
    known = {t.test_case_id for t in tests}
    for name, data, answer in generated_tests(path):
        test_id = f"secret/{name}"
        if test_id in known:
            raise ProblemFormatError(f"generators/gen.py: test {name!r} is also stored in data/secret", path)
        known.add(test_id)
        tests.append(TestCase(test_case_id=test_id, input=data, expected_output=answer, order=len(tests)))
    problem.difficulty = difficulty
    problem.test_case_count = len(tests)
    source = reference_source(path)
    if source is not None:
        problem.reference_solution = base64.b64encode(source.encode("utf-8")).decode("ascii")
        problem.reference_language = "python3"
    problem.pack_version = pack_version()
    return problem, tests


def load_pack() -> list[tuple[Problem, list[TestCase]]]:
    """Every problem of the pack, in number order."""
    return [load_pack_problem(path) for path in iter_pack_dirs()]


def materialize(path: Path, dest: Path) -> Path:
    """A plain copy of the package at ``dest / path.name`` with the generated tests written to ``data/secret``.

    The copy judges in place (``algoitny judge <copy> <solution>``) with every test, generated ones included.
    """
    target = dest / path.name
    shutil.copytree(path, target, ignore=shutil.ignore_patterns(*_SKIP, "*.pyc"), dirs_exist_ok=False)
    secret = target / "data" / "secret"
    secret.mkdir(parents=True, exist_ok=True)
    for name, data, answer in generated_tests(path):
        if (secret / f"{name}.in").exists():
            raise ProblemFormatError(f"generators/gen.py: test {name!r} is also stored in data/secret", path)
        (secret / f"{name}.in").write_bytes(data.encode("utf-8"))
        (secret / f"{name}.ans").write_bytes(answer.encode("utf-8"))
    return target
