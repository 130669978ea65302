"""Plain folders of NAME.in + NAME.out / NAME.ans (what users collect by hand or from other judges)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from algoitny_tui.domain import CheckerKind
from algoitny_tui.problems import ProblemFormatError, load_any, load_problem_dir

MakeTree = Callable[[str, dict[str, str | bytes]], Path]


def test_flat_folder_of_in_out_pairs(make_tree: MakeTree) -> None:
    root = make_tree(
        "my-practice",
        {
            "1.in": "1 2\n",
            "1.out": "3\n",
            "10.in": "5 5\n",
            "10.ans": "10\n",
            "2.in": "2 2\r\n",
            "2.out": "4\r\n",
            "notes.txt": "not a test\n",
            "stray.out": "no input for this one\n",
        },
    )
    problem, tests = load_problem_dir(root)
    assert problem.problem_id == "local#my-practice"
    assert problem.title == "my-practice"
    assert problem.checker.kind == CheckerKind.DEFAULT
    assert problem.checker.case_sensitive is True  # Codeforces-like default outside Kattis
    assert problem.limits.time_limit_ms == 2000
    assert [t.test_case_id for t in tests] == ["1", "2", "10"]
    assert [t.expected_output for t in tests] == ["3\n", "4\r\n", "10\n"]
    assert [t.order for t in tests] == [0, 1, 2]
    assert problem.test_case_count == 3


def test_nested_one_level_with_samples_first(make_tree: MakeTree) -> None:
    root = make_tree(
        "nested",
        {
            "tests/a.in": "a\n",
            "tests/a.out": "A\n",
            "samples/s1.in": "s\n",
            "samples/s1.out": "S\n",
            "too/deep/x.in": "ignored\n",
            ".timelimit": "3\n",
        },
    )
    problem, tests = load_problem_dir(root, platform="codeforces", number="1850A")
    assert problem.problem_id == "codeforces#1850A"
    assert problem.limits.time_limit_ms == 3000
    assert [(t.test_case_id, t.is_sample) for t in tests] == [("samples/s1", True), ("tests/a", False)]


def test_input_without_output_is_named(make_tree: MakeTree) -> None:
    root = make_tree("half", {"1.in": "1\n", "1.out": "1\n", "2.in": "2\n"})
    with pytest.raises(ProblemFormatError) as info:
        load_problem_dir(root)
    assert str(info.value) == "2.in: no answer file (2.out or 2.ans)"


def test_folder_without_tests(make_tree: MakeTree) -> None:
    root = make_tree("nothing", {"readme.md": "hi\n"})
    with pytest.raises(ProblemFormatError, match="no tests found"):
        load_any(root)


def test_non_utf8_answer_is_named(make_tree: MakeTree) -> None:
    root = make_tree("enc", {"1.in": "1\n", "1.out": b"\xff\xfe1\x00\n\x00"})
    with pytest.raises(ProblemFormatError, match=r"^1\.out: not UTF-8 text"):
        load_problem_dir(root)


# --- other judges' layouts, for folders without NAME.in -------------------------------------------------------------


def test_atcoder_in_and_out_folders(make_tree: MakeTree) -> None:
    root = make_tree(
        "abc300_a",
        {
            "in/sample_01.txt": "1 2\n",
            "out/sample_01.txt": "3\n",
            "in/02_large.txt": "5 6\n",
            "out/02_large.txt": "11\n",
        },
    )
    _, tests = load_problem_dir(root)
    assert [(t.test_case_id, t.input, t.expected_output, t.is_sample) for t in tests] == [
        ("sample_01", "1 2\n", "3\n", True),
        ("02_large", "5 6\n", "11\n", False),
    ]


def test_numbered_input_and_output_files(make_tree: MakeTree) -> None:
    root = make_tree(
        "downloaded",
        {
            "input1.txt": "1 2\n",
            "output1.txt": "3\n",
            "input10.txt": "5 5\n",
            "output10.txt": "10\n",
            "input2.txt": "2 2\n",
            "output2.txt": "4\n",
            "statement.pdf": b"%PDF",
        },
    )
    _, tests = load_problem_dir(root)
    assert [(t.test_case_id, t.expected_output) for t in tests] == [
        ("input1", "3\n"),
        ("input2", "4\n"),
        ("input10", "10\n"),
    ]


def test_polygon_tests_folder(make_tree: MakeTree) -> None:
    root = make_tree(
        "polygon-package",
        {
            "tests/01": "1 2\n",
            "tests/01.a": "3\n",
            "tests/02": "2 2\n",
            "tests/02.a": "4\n",
            "check.cpp": "int main() {}\n",
        },
    )
    _, tests = load_problem_dir(root)
    assert [(t.test_case_id, t.expected_output) for t in tests] == [("01", "3\n"), ("02", "4\n")]


def test_an_input_without_its_answer_is_named(make_tree: MakeTree) -> None:
    root = make_tree("half", {"input1.txt": "1 2\n", "output1.txt": "3\n", "input2.txt": "2 2\n"})
    with pytest.raises(
        ProblemFormatError, match=r"input2\.txt: no answer file \(output2\.txt or out2\.txt\)"
    ):
        load_problem_dir(root)
