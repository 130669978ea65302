"""Polygon (Codeforces) packages: problem.xml, tests/NN + NN.a, the checker and its headers; judged for real."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from algoitny_tui.cli import main
from algoitny_tui.domain import CheckerKind
from algoitny_tui.problems import ProblemFormatError, load_problem_dir

MakeTree = Callable[[str, dict[str, str | bytes]], Path]


def problem_xml(checker: str, *, tests: int = 2, interactor: bool = False) -> str:
    return f"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<problem revision="7" short-name="a-plus-b" url="https://polygon.codeforces.com/p/someone/a-plus-b">
  <names><name language="russian" value="A+B (ru)"/><name language="english" value="A plus B"/></names>
  <judging cpu-name="Intel" cpu-speed="3600" input-file="" output-file="">
    <testset name="tests">
      <time-limit>1500</time-limit>
      <memory-limit>268435456</memory-limit>
      <test-count>{tests}</test-count>
      <input-path-pattern>tests/%02d</input-path-pattern>
      <answer-path-pattern>tests/%02d.a</answer-path-pattern>
      <tests><test method="manual" sample="true"/><test method="generated" cmd="gen 1"/></tests>
    </testset>
  </judging>
  <files><resources><file path="files/olymp.sty"/><file path="files/testlib.h" type="h.g++"/></resources></files>
  <assets>
    {checker}
    {'<interactor><source path="files/interactor.cpp" type="cpp.g++17"/></interactor>' if interactor else ""}
  </assets>
</problem>
"""


NCMP = (
    '<checker name="std::ncmp.cpp" type="testlib"><source path="files/check.cpp" type="cpp.g++17"/></checker>'
)
CUSTOM = '<checker type="testlib"><source path="files/check.cpp" type="cpp.g++17"/></checker>'
# A checker in testlib's interface (`check input output answer`, exit 0 accepted, 1 wrong) through its own header:
# the package's files/*.h travel with it, as testlib.h does in a real package.
HEADER = (
    "#include <fstream>\n#include <string>\ninline bool same_word(std::string a, std::string b) {\n"
    "  for (auto& c : a) c = tolower(c);\n  for (auto& c : b) c = tolower(c);\n  return a == b;\n}\n"
)
CHECKER = (
    '#include "casefold.h"\nint main(int argc, char** argv) {\n  std::ifstream out(argv[2]), ans(argv[3]);\n'
    "  std::string a, b;\n  while (ans >> b) { if (!(out >> a) || !same_word(a, b)) return 1; }\n"
    "  return (out >> a) ? 1 : 0;\n}\n"
)


def package(make_tree: MakeTree, checker: str, **files: str) -> Path:
    tree = {
        "problem.xml": problem_xml(checker),
        "tests/01": "1 2\n",
        "tests/01.a": "THREE\n",
        "tests/02": "2 2\n",
        "tests/02.a": "four\n",
        "files/check.cpp": CHECKER,
        "files/casefold.h": HEADER,
        "statement-sections/english/legend.tex": "Add two numbers and spell the sum.",
        "statement-sections/english/input.tex": "Two integers.",
        **files,
    }
    return make_tree("a-plus-b", tree)


def test_limits_tests_samples_name_and_statement(make_tree: MakeTree) -> None:
    problem, tests = load_problem_dir(package(make_tree, NCMP))
    assert (problem.title, problem.problem_number) == ("A plus B", "a-plus-b")
    assert (problem.limits.time_limit_ms, problem.limits.memory_limit_mb) == (1500, 256)
    assert [(t.test_case_id, t.input, t.expected_output, t.is_sample) for t in tests] == [
        ("01", "1 2\n", "THREE\n", True),
        ("02", "2 2\n", "four\n", False),
    ]
    assert (
        problem.statement == "Add two numbers and spell the sum." and problem.input_format == "Two integers."
    )
    assert problem.checker.kind == CheckerKind.DEFAULT and problem.checker.case_sensitive  # std::ncmp: tokens


def test_a_custom_checker_is_compiled_with_the_packages_headers_and_judges(
    make_tree: MakeTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = package(make_tree, CUSTOM)
    problem, _ = load_problem_dir(root)
    assert problem.checker.kind == CheckerKind.TESTLIB and set(problem.checker.program_files) == {
        "check.cpp",
        "casefold.h",
    }
    spell = tmp_path / "spell.py"
    spell.write_text("a, b = map(int, input().split())\nprint({3: 'three', 4: 'Four'}[a + b])\n")
    assert main(["judge", str(root), str(spell), "--json"]) == 0  # the checker ignores case
    assert json.loads(capsys.readouterr().out)["verdict"] == "AC"
    digits = tmp_path / "digits.py"
    digits.write_text("a, b = map(int, input().split())\nprint(a + b)\n")
    assert main(["judge", str(root), str(digits), "--json"]) == 1
    assert [t["verdict"] for t in json.loads(capsys.readouterr().out)["tests"]] == ["WA", "WA"]


def test_a_missing_test_is_named(make_tree: MakeTree) -> None:
    root = package(make_tree, NCMP)
    (root / "tests" / "02.a").unlink()
    with pytest.raises(ProblemFormatError, match=r"^tests/02\.a: missing \(test 2 of 2"):
        load_problem_dir(root)


def test_interactive_and_broken_packages_are_refused_by_name(make_tree: MakeTree) -> None:
    interactive = make_tree("inter", {"problem.xml": problem_xml(NCMP, interactor=True)})
    with pytest.raises(ProblemFormatError, match="interactive problems .* are not supported"):
        load_problem_dir(interactive)
    broken = make_tree("broken", {"problem.xml": "<problem><judging>"})
    with pytest.raises(ProblemFormatError, match=r"^problem\.xml: not valid XML"):
        load_problem_dir(broken)
