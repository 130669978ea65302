"""`algoitny import`: packages, folders and competitive-companion JSON stored; a broken one stores nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from algoitny_tui.config import load_settings
from algoitny_tui.storage.factory import open_repositories


def algoitny(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def kattis_package(root: Path) -> Path:
    pkg = root / "hello"
    (pkg / "data" / "sample").mkdir(parents=True)
    (pkg / "data" / "secret" / "g1").mkdir(parents=True)
    (pkg / "problem.yaml").write_text("name: Hello\nvalidator_flags: float_tolerance 1e-6\n")
    (pkg / ".timelimit").write_text("3\n")
    (pkg / "data" / "sample" / "1.in").write_text("1\n")
    (pkg / "data" / "sample" / "1.ans").write_text("1.0\n")
    for i in (1, 2, 10):
        (pkg / "data" / "secret" / "g1" / f"{i}.in").write_text(f"{i}\n")
        (pkg / "data" / "secret" / "g1" / f"{i}.ans").write_text(f"{i}.0\n")
    return pkg


def test_import_package_folder_and_companion_json(tmp_path: Path) -> None:
    pkg = kattis_package(tmp_path)
    folder = tmp_path / "sums"
    folder.mkdir()
    (folder / "a.in").write_text("1 2\n")
    (folder / "a.out").write_text("3\n")
    companion = tmp_path / "cf.json"
    companion.write_text(
        json.dumps(
            {
                "name": "A. Watermelon",
                "group": "Codeforces Beta Round 4",
                "url": "https://codeforces.com/problemset/problem/4/A",
                "interactive": False,
                "memoryLimit": 64,
                "timeLimit": 1000,
                "tests": [{"input": "8\n", "output": "YES\n"}],
                "testType": "single",
                "input": {"type": "stdin"},
                "output": {"type": "stdout"},
                "languages": {},
                "batch": {"id": "x", "size": 1},
            }
        )
    )
    result = algoitny("import", str(pkg), str(folder), str(companion), "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["problems"]
    assert [(r["title"], r["tests"]) for r in rows] == [("Hello", 4), ("sums", 1), ("A. Watermelon", 1)]
    repos = open_repositories(load_settings())
    found = repos.problems.get_problem_with_testcases(*rows[0]["id"].split("#"))
    assert found is not None
    problem, tests = found
    assert problem.limits.time_limit_ms == 3000 and problem.checker.float_absolute_tolerance == 1e-6
    assert [t.test_case_id for t in tests] == ["sample/1", "secret/g1/1", "secret/g1/2", "secret/g1/10"]
    watermelon = repos.problems.get_problem("codeforces", "4A")
    assert watermelon is not None and watermelon.limits.memory_limit_mb == 64
    repos.close()


def test_a_broken_package_names_the_file_and_nothing_is_half_imported(tmp_path: Path) -> None:
    good = kattis_package(tmp_path)
    broken = tmp_path / "broken"
    (broken / "data" / "secret").mkdir(parents=True)
    (broken / "problem.yaml").write_text("name: Broken\n")
    (broken / "data" / "secret" / "7.in").write_text("7\n")
    result = algoitny("import", str(good), str(broken))
    assert result.returncode == 2
    assert "7.in" in result.stderr and "7.ans" in result.stderr and "nothing imported" in result.stderr
    assert json.loads(algoitny("problems", "list", "--json").stdout) == {"problems": []}


def test_import_of_a_missing_path_says_so(tmp_path: Path) -> None:
    result = algoitny("import", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no such file or directory" in result.stderr


def test_a_validator_that_does_not_compile_names_its_file_and_nothing_is_imported(tmp_path: Path) -> None:
    good = kattis_package(tmp_path)
    broken = tmp_path / "custom"
    (broken / "data" / "secret").mkdir(parents=True)
    (broken / "output_validators" / "check").mkdir(parents=True)
    (broken / "problem.yaml").write_text("name: Custom\nvalidation: custom\n")
    (broken / "data" / "secret" / "1.in").write_text("1\n")
    (broken / "data" / "secret" / "1.ans").write_text("1\n")
    (broken / "output_validators" / "check" / "validate.cpp").write_text(
        "#include <cstdio>\nint main() { return 42 }\n"
    )
    result = algoitny("import", str(good), str(broken))
    assert result.returncode == 2, result.stdout
    assert (
        "validate.cpp" in result.stderr and "compile" in result.stderr and "nothing imported" in result.stderr
    )
    assert json.loads(algoitny("problems", "list", "--json").stdout) == {"problems": []}

    (broken / "output_validators" / "check" / "validate.cpp").write_text(
        "#include <cstdio>\nint main() { return 42; }\n"
    )
    fixed = algoitny("import", str(good), str(broken), "--json")
    assert fixed.returncode == 0, fixed.stderr
    assert [p["title"] for p in json.loads(fixed.stdout)["problems"]] == ["Hello", "Custom"]
