"""File I/O problems from competitive companion's JSON and Polygon's problem.xml: the names are kept, checked, and
the stored problem judges with real compilers (`algoitny import` then `algoitny judge ID`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from algoitny_tui.cli import main
from algoitny_tui.codec import DecodeError, item_to_problem, problem_to_item
from algoitny_tui.domain import Problem
from algoitny_tui.problems import ProblemFormatError, load_competitive_companion, load_problem_dir
from tests.problems.test_competitive_companion import companion
from tests.problems.test_polygon_packages import NCMP, MakeTree, problem_xml

GYM_URL = "https://codeforces.com/gym/100001/problem/A"
FILE_IO = {
    "input": {"type": "file", "fileName": "input.txt"},
    "output": {"type": "file", "fileName": "output.txt"},
}
CPP_FREOPEN = (
    '#include <cstdio>\nint main(){ freopen("input.txt","r",stdin); freopen("output.txt","w",stdout);\n'
    '  long long a,b; scanf("%lld %lld",&a,&b); printf("%lld\\n",a+b); }\n'
)
PY_STDIO = "a, b = map(int, input().split())\nprint(a + b)\n"


def sums(**extra: Any) -> dict[str, Any]:
    return companion(
        "A. Sum",
        GYM_URL,
        [{"input": "1 2\n", "output": "3\n"}, {"input": "5 6\n", "output": "11\n"}],
        **extra,
    )


def test_companion_file_names_are_kept() -> None:
    problem, _ = load_competitive_companion(sums(**FILE_IO))
    assert (problem.input_file, problem.output_file, problem.input_on_stdin) == (
        "input.txt",
        "output.txt",
        False,
    )
    assert problem.io.describe() == "reads input.txt, writes output.txt"


def test_companion_stdin_regex_and_older_senders_are_standard_io() -> None:
    for extra in (
        {},
        {"input": {"type": "stdin"}, "output": {"type": "stdout"}},
        {"input": {"type": "regex", "pattern": "A-(small|large).*[.]in"}, "output": {"type": "stdout"}},
    ):
        obj = sums(**extra)
        if not extra:
            obj.pop("input"), obj.pop("output")
        problem, _ = load_competitive_companion(obj)
        assert (problem.input_file, problem.output_file) == (None, None), extra


def test_companion_one_file_side_only() -> None:
    problem, _ = load_competitive_companion(
        sums(input={"type": "stdin"}, output={"type": "file", "fileName": "sum.out"})
    )
    assert (problem.input_file, problem.output_file) == (None, "sum.out")


@pytest.mark.parametrize(
    ("spec", "field", "words"),
    [
        ({"type": "file", "fileName": "../input.txt"}, "input.fileName", "'/'"),
        ({"type": "file", "fileName": "/etc/passwd"}, "input.fileName", "'/'"),
        ({"type": "file", "fileName": ".."}, "input.fileName", "directory"),
        ({"type": "file", "fileName": "in\x00put"}, "input.fileName", "NUL"),
        ({"type": "file"}, "input.fileName", "empty"),
        ({"type": "socket"}, "input.type", "not one of"),
        ("stdin", "input", "expected an object"),
    ],
)
def test_companion_bad_input_spec_is_refused_by_field(spec: Any, field: str, words: str) -> None:
    with pytest.raises(ProblemFormatError) as err:
        load_competitive_companion(sums(input=spec))
    assert f": {field}: " in str(err.value) and words in str(err.value)


def test_import_companion_json_then_judge_the_stored_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "gym.json"
    data.write_text(json.dumps(sums(**FILE_IO)))
    assert main(["import", str(data), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"][0]["id"] == "codeforces#100001A"
    assert main(["problems", "show", "codeforces#100001A", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["input_file"], shown["output_file"]) == ("input.txt", "output.txt")
    (tmp_path / "files.cpp").write_text(CPP_FREOPEN)
    (tmp_path / "stdio.py").write_text(PY_STDIO)
    assert main(["judge", "codeforces#100001A", str(tmp_path / "files.cpp"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "AC"
    assert main(["judge", "codeforces#100001A", str(tmp_path / "stdio.py"), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    # standard input is empty for a file-input problem: the stdin program meets EOF
    assert report["verdict"] == "RE" and "EOFError" in report["tests"][0]["message"]


def polygon_package(make_tree: MakeTree, judging: str) -> Path:
    xml = problem_xml(NCMP).replace('input-file="" output-file=""', judging)
    return make_tree(
        "a-plus-b",
        {
            "problem.xml": xml,
            "tests/01": "1 2\n",
            "tests/01.a": "3\n",
            "tests/02": "2 2\n",
            "tests/02.a": "4\n",
            "files/check.cpp": "",
        },
    )


def test_polygon_input_file_and_output_file_judge(make_tree: MakeTree, tmp_path: Path) -> None:
    root = polygon_package(make_tree, 'input-file="input.txt" output-file="output.txt"')
    problem, _ = load_problem_dir(root)
    assert (problem.input_file, problem.output_file) == ("input.txt", "output.txt")
    solution = tmp_path / "sol.py"
    solution.write_text(
        "a, b = map(int, open('input.txt').read().split())\nopen('output.txt', 'w').write(f'{a + b}\\n')\n"
    )
    assert main(["judge", str(root), str(solution)]) == 0
    (tmp_path / "stdio.py").write_text(PY_STDIO)
    assert main(["judge", str(root), str(tmp_path / "stdio.py")]) == 1


def test_polygon_empty_names_are_standard_io(make_tree: MakeTree) -> None:
    problem, _ = load_problem_dir(polygon_package(make_tree, 'input-file="" output-file=""'))
    assert (problem.input_file, problem.output_file) == (None, None)


def test_polygon_path_as_a_file_name_is_refused(make_tree: MakeTree) -> None:
    root = polygon_package(make_tree, 'input-file="../../etc/passwd" output-file="output.txt"')
    with pytest.raises(ProblemFormatError) as err:
        load_problem_dir(root)
    assert "problem.xml" in str(err.value) and "input-file" in str(err.value)


def test_old_items_read_as_standard_io_and_bad_stored_names_are_named() -> None:
    item = problem_to_item(Problem(platform="cc", problem_number="x", input_file="input.txt"))
    assert item["dat"]["ifl"] == "input.txt" and item["dat"]["ofl"] is None
    assert item_to_problem(item).io.input_file == "input.txt"
    for short in ("ifl", "ofl", "isd"):
        del item["dat"][short]  # an item written before these fields existed
    old = item_to_problem(item)
    assert (old.input_file, old.output_file, old.input_on_stdin) == (None, None, False)
    item["dat"]["ofl"] = "../../x"
    with pytest.raises(DecodeError) as err:
        item_to_problem(item)
    assert "dat.ofl" in str(err.value)
