"""Packages and folders from strangers: links out of the package, YAML bombs, wrong field types, sizes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.problems.limits import MAX_PACKAGE_BYTES, MAX_TEST_FILE_BYTES
from algoitny_tui.storage.factory import open_repositories
from tests.hostile_input.conftest import algoitny, assert_refused, stored_problems

SECRET = "TOP SECRET: not part of any package\n"


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET)
    return secret


def kattis(root: Path, yaml: str = "name: Linked\n") -> Path:
    (root / "data" / "sample").mkdir(parents=True)
    (root / "data" / "secret").mkdir(parents=True)
    (root / "problem.yaml").write_text(yaml)
    (root / "data" / "sample" / "1.in").write_text("1\n")
    (root / "data" / "sample" / "1.ans").write_text("1\n")
    return root


@pytest.mark.parametrize("linked", ["01.in", "01.ans"])
def test_a_test_linking_out_of_a_kattis_package_is_refused_by_name(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], linked: str
) -> None:
    pkg = kattis(tmp_path / "linked")
    secret = outside_file(tmp_path)
    for name in ("01.in", "01.ans"):
        target = pkg / "data" / "secret" / name
        if name == linked:
            target.symlink_to(secret)
        else:
            target.write_text("1\n")
    result = algoitny("import", str(pkg))
    assert_refused(result, f"data/secret/{linked}", "links outside", str(secret), "nothing imported")
    assert stored_problems() == one_stored_problem


def test_links_outside_a_plain_test_folder_and_a_polygon_package_are_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    secret = outside_file(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.in").symlink_to(secret)
    (folder / "a.out").write_text("1\n")
    assert_refused(algoitny("import", str(folder)), "a.in", "links outside")

    polygon = tmp_path / "polygon"
    polygon.mkdir()
    (polygon / "problem.xml").write_text(
        '<problem short-name="p"><judging><testset name="tests"><test-count>1</test-count>'
        "<input-path-pattern>../outside/%02d</input-path-pattern>"
        "<answer-path-pattern>../outside/%02d.a</answer-path-pattern></testset></judging></problem>"
    )
    (secret.parent / "01").write_text(SECRET)
    (secret.parent / "01.a").write_text(SECRET)
    assert_refused(algoitny("import", str(polygon)), "../outside/01: links outside")
    assert stored_problems() == one_stored_problem


def test_a_validator_source_linking_out_of_the_package_is_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    pkg = kattis(tmp_path / "checked", "name: Checked\nvalidation: custom\n")
    (pkg / "output_validators").mkdir()
    (pkg / "output_validators" / "check.py").symlink_to(outside_file(tmp_path))
    assert_refused(algoitny("import", str(pkg)), "output_validators/check.py", "links outside")
    assert stored_problems() == one_stored_problem


def test_links_inside_the_package_keep_working(tmp_path: Path) -> None:
    # 2023-07 packages share tests between groups by linking them.
    pkg = kattis(tmp_path / "groups")
    group1, group2 = pkg / "data" / "secret" / "group1", pkg / "data" / "secret" / "group2"
    group1.mkdir()
    group2.mkdir()
    (group1 / "1.in").write_text("5 6\n")
    (group1 / "1.ans").write_text("11\n")
    (group2 / "1.in").symlink_to("../group1/1.in")
    (group2 / "1.ans").symlink_to("../group1/1.ans")
    result = algoitny("import", str(pkg), "--json")
    assert result.returncode == 0, result.stderr
    repos = open_repositories(load_settings())
    found = repos.problems.get_problem_with_testcases("local", "groups")
    repos.close()
    assert found is not None
    assert [(t.test_case_id, t.input, t.expected_output) for t in found[1]] == [
        ("sample/1", "1\n", "1\n"),
        ("secret/group1/1", "5 6\n", "11\n"),
        ("secret/group2/1", "5 6\n", "11\n"),
    ]


def yaml_bomb(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    lines.append(f"name: *a{levels}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [4, 9])
def test_a_yaml_alias_bomb_is_refused_under_a_memory_limit(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], levels: int
) -> None:
    pkg = kattis(tmp_path / "bomb", yaml_bomb(levels))
    # The child may use at most 1 GB: expanding the nine-level bomb would need tens of GB.
    result = algoitny("import", str(pkg), memory_limit=1024**3)
    assert_refused(result, "problem.yaml: line 2", "alias *a0 refused", "nothing imported")
    assert stored_problems() == one_stored_problem


def test_deeply_nested_yaml_is_refused(tmp_path: Path, one_stored_problem: list[dict[str, Any]]) -> None:
    pkg = kattis(tmp_path / "deep", "name: " + "[" * 5000 + "]" * 5000 + "\n")
    assert_refused(algoitny("import", str(pkg)), "problem.yaml", "nested more than 64 levels")
    assert stored_problems() == one_stored_problem


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        ("name: [a, b]\n", "problem.yaml: name: expected text, or a map of language to text, got a list"),
        (
            "name: {en: {x: 1}}\n",
            "problem.yaml: name: expected text, or a map of language to text, got a map",
        ),
        (
            "name: X\nkeywords: {a: 1}\n",
            "problem.yaml: keywords: expected text or a list of texts, got a map",
        ),
        (
            "name: X\nlimits: {time_limit: [1, 2]}\n",
            "problem.yaml: limits.time_limit: expected a number, got a list",
        ),
        ("name: X\nlimits: 3\n", "problem.yaml: limits: expected a map (time_limit, memory, ...), got int"),
        (
            "name: X\nsource: [[1]]\n",
            "problem.yaml: source: expected text, a map (name, url) or a list of them",
        ),
    ],
)
def test_a_field_of_the_wrong_type_is_named(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]], yaml: str, expected: str
) -> None:
    pkg = kattis(tmp_path / "typed", yaml)
    assert_refused(algoitny("import", str(pkg)), expected)
    assert stored_problems() == one_stored_problem


def sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no disk space (the importer must refuse it before reading)."""
    with path.open("wb") as file:
        file.truncate(size)


def test_a_test_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    pkg = kattis(tmp_path / "huge")
    sparse(pkg / "data" / "secret" / "1.in", MAX_TEST_FILE_BYTES + 1)
    (pkg / "data" / "secret" / "1.ans").write_text("0\n")
    # 1 GB of memory for the child: reading the file would not fit, so passing proves it was not read.
    result = algoitny("import", str(pkg), memory_limit=1024**3)
    assert_refused(
        result, "data/secret/1.in", "1024 MB", "more than the 1024 MB an importer reads from one file"
    )
    assert stored_problems() == one_stored_problem


def test_a_package_over_the_limit_is_refused_before_any_test_is_read(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    pkg = kattis(tmp_path / "many")
    count = MAX_PACKAGE_BYTES // MAX_TEST_FILE_BYTES + 1
    for i in range(count):
        sparse(pkg / "data" / "secret" / f"{i}.in", MAX_TEST_FILE_BYTES)
        (pkg / "data" / "secret" / f"{i}.ans").write_text("0\n")
    result = algoitny("import", str(pkg), memory_limit=1024**3)
    assert_refused(result, "the tests hold", "more than the 4096 MB an importer reads for one problem")
    assert stored_problems() == one_stored_problem


@pytest.mark.slow
def test_a_package_with_a_100_mb_test_still_imports(tmp_path: Path) -> None:
    pkg = kattis(tmp_path / "big")
    line = "1000000000 " * 9 + "1000000000\n"  # 110 bytes, the shape of real big inputs
    big = line * (100 * 1024 * 1024 // len(line) + 1)
    (pkg / "data" / "secret" / "big.in").write_text(big)
    (pkg / "data" / "secret" / "big.ans").write_text("10000000000\n")
    assert os.path.getsize(pkg / "data" / "secret" / "big.in") > 100 * 1024 * 1024
    result = algoitny("import", str(pkg), "--json", timeout=600, memory_limit=None)
    assert result.returncode == 0, result.stderr
    assert stored_problems() == [
        {"id": "local#big", "title": "Linked", "tests": 2, "tags": [], "difficulty": None}
    ]
    repos = open_repositories(load_settings())
    found = repos.problems.get_problem_with_testcases("local", "big")
    repos.close()
    assert found is not None and found[1][1].input == big


def test_a_linked_test_folder_inside_works_and_one_outside_is_refused(
    tmp_path: Path, one_stored_problem: list[dict[str, Any]]
) -> None:
    pkg = kattis(tmp_path / "folders")
    group1 = pkg / "data" / "secret" / "group1"
    group1.mkdir()
    (group1 / "1.in").write_text("7\n")
    (group1 / "1.ans").write_text("7\n")
    (pkg / "data" / "secret" / "group2").symlink_to("group1")
    (group1 / "again").symlink_to("..")  # a loop: walked once, not forever
    result = algoitny("import", str(pkg), "--json")
    assert result.returncode == 0, result.stderr
    repos = open_repositories(load_settings())
    found = repos.problems.get_problem_with_testcases("local", "folders")
    repos.close()
    assert found is not None
    assert [t.test_case_id for t in found[1]] == ["sample/1", "secret/group1/1", "secret/group2/1"]

    outside = outside_file(tmp_path).parent
    (outside / "9.in").write_text(SECRET)
    (outside / "9.ans").write_text(SECRET)
    other = kattis(tmp_path / "escape")
    (other / "data" / "secret" / "stolen").symlink_to(outside)
    assert_refused(algoitny("import", str(other)), "data/secret/stolen: links outside", str(outside))
    assert [p["id"] for p in stored_problems()] == ["local#folders", "local#good"]
