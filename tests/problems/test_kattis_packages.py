"""Kattis problem packages: legacy and 2023-07, good and broken, checked the way a user would look at them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from algoitny_tui.domain import CheckerKind
from algoitny_tui.problems import ProblemFormatError, list_submissions, load_any, load_problem_dir

MakeTree = Callable[[str, dict[str, str | bytes]], Path]

LEGACY_YAML = """\
name: Sum of Floats
source: NCPC 2015
source_url: https://ncpc.idi.ntnu.no/ncpc2015/
license: cc by-sa
rights_owner: NCPC jury
keywords: floats arithmetic
validation: default
validator_flags: float_tolerance 1e-6 space_change_sensitive
limits:
  memory: 1024
  output: 8
"""


def legacy_package() -> dict[str, str | bytes]:
    return {
        "problem.yaml": LEGACY_YAML,
        ".timelimit": "1.5\n",
        "problem_statement/problem.en.tex": (
            "\\problemname{Sum of Floats}\n"
            "Add \\textbf{two} numbers $a$ and $b$. % a comment for the jury\n"
            "\\section*{Input}\nTwo reals $a$ and $b$.\n"
            "\\section*{Output}\nTheir sum.\n"
        ),
        "data/sample/1.in": "1.5 2.25\n",
        "data/sample/1.ans": "3.75\n",
        "data/sample/2.in": "0 0\n",
        "data/sample/2.ans": "0\n",
        "data/sample/2.interaction": "ignored transcript\n",
        "data/secret/group2/10.in": "10\n",
        "data/secret/group2/10.ans": "10\n",
        "data/secret/group2/2.in": "2\n",
        "data/secret/group2/2.ans": "2\n",
        "data/secret/group10/1.in": "g10\n",
        "data/secret/group10/1.ans": "g10\n",
        "data/secret/group1/deep/03.in": "crlf\r\nline\r\n",
        "data/secret/group1/deep/03.ans": "ok\r\n",
        "data/secret/group1/01.in": "first\n",
        "data/secret/group1/01.ans": "first\n",
        "data/invalid_inputs/bad.in": "not a test\n",
        "submissions/accepted/sol.py": "print(sum(map(float, input().split())))\n",
        "submissions/accepted/sol.cpp": "int main(){}\n",
        "submissions/wrong_answer/wa.py": "print(0)\n",
        "output_validators/unused/validator.cpp": "int main(){}\n",
    }


def test_legacy_package_with_nested_groups_timelimit_and_float_flags(make_tree: MakeTree) -> None:
    root = make_tree("sumfloats", legacy_package())

    problem, tests = load_problem_dir(root)

    assert problem.problem_id == "local#sumfloats"
    assert problem.title == "Sum of Floats"
    assert problem.limits.time_limit_ms == 1500
    assert problem.limits.memory_limit_mb == 1024
    assert problem.limits.output_limit_kb == 8 * 1024
    assert problem.source_url == "https://ncpc.idi.ntnu.no/ncpc2015/"
    assert problem.tags == ["floats", "arithmetic"]
    # validation: default -> the default checker with the flags, validator folder ignored
    assert problem.checker.kind == CheckerKind.DEFAULT
    assert problem.checker.case_sensitive is False  # Kattis default
    assert problem.checker.space_change_sensitive is True
    assert problem.checker.float_absolute_tolerance == pytest.approx(1e-6)
    assert problem.checker.float_relative_tolerance == pytest.approx(1e-6)
    assert problem.checker.program_files == {}
    # samples first, then secret groups in natural order at every depth; invalid_* data is not a test
    assert [t.test_case_id for t in tests] == [
        "sample/1",
        "sample/2",
        "secret/group1/01",
        "secret/group1/deep/03",
        "secret/group2/2",
        "secret/group2/10",
        "secret/group10/1",
    ]
    assert [t.order for t in tests] == list(range(7))
    assert [t.is_sample for t in tests] == [True, True, False, False, False, False, False]
    assert problem.test_case_count == 7
    assert tests[0].input == "1.5 2.25\n" and tests[0].expected_output == "3.75\n"
    deep = tests[3]
    assert deep.input == "crlf\r\nline\r\n"  # CRLF kept as written
    assert deep.expected_output == "ok\r\n"
    # LaTeX statement: title macro and comment gone, sections split out
    assert "**two**" in problem.statement
    assert "jury" not in problem.statement
    assert "problemname" not in problem.statement
    assert problem.input_format == "Two reals $a$ and $b$."
    assert problem.output_format == "Their sum."
    assert problem.statement_ko == ""


def test_platform_and_number_overrides(make_tree: MakeTree) -> None:
    root = make_tree("sumfloats", legacy_package())
    problem, _ = load_problem_dir(root, platform="kattis", number="sumfloats2")
    assert problem.problem_id == "kattis#sumfloats2"


def test_legacy_without_timelimit_uses_default_and_name_map(make_tree: MakeTree) -> None:
    root = make_tree(
        "hello",
        {
            "problem.yaml": "name:\n  ko: 안녕\n  en: Hello World\n",
            "data/secret/1.in": "",
            "data/secret/1.ans": "Hello World!\n",
        },
    )
    problem, tests = load_problem_dir(root)
    assert problem.title == "Hello World"
    assert problem.limits.time_limit_ms == 2000
    assert problem.limits.memory_limit_mb == 2048  # no limits.memory: the format's typical system default
    assert problem.checker.kind == CheckerKind.DEFAULT
    assert problem.checker.case_sensitive is False
    assert [t.test_case_id for t in tests] == ["secret/1"]
    assert tests[0].input == ""


def test_2023_package_with_custom_output_validator_folder(make_tree: MakeTree) -> None:
    root = make_tree(
        "closest",
        {
            "problem.yaml": (
                "problem_format_version: 2023-07-draft\n"
                "name:\n  en: Closest Pair\n  ko: 가장 가까운 쌍\n"
                "type: pass-fail\n"
                "uuid: 5ca6ba5b-3b65-4b55-9b5e-3f2b3d0e2d11\n"
                "credits:\n  authors: Jane Doe\n"
                "source:\n  name: Practice Contest\n  url: https://example.org/contest\n"
                "keywords: [geometry, divide and conquer]\n"
                "limits:\n  time_limit: 0.75\n  memory: 512\n"
            ),
            "statement/problem.en.md": (
                "# Closest Pair\n\nFind the two closest points.\n\n## Input\n\nPoints, one per line.\n\n"
                "## Output\n\nAny closest pair.\n\n## Notes\n\nTies are broken arbitrarily.\n"
            ),
            "statement/problem.ko.md": "# 가장 가까운 쌍\n\n가장 가까운 두 점을 찾으시오.\n\n## 입력\n\n점들.\n",
            "data/testdata.yaml": "output_validator_args: float_tolerance 1e-4\n",
            "data/sample/1.in": "2\n0 0\n1 1\n",
            "data/sample/1.ans": "0 1\n",
            "data/secret/1.in": "2\n0 0\n3 4\n",
            "data/secret/1.ans": "0 1\n",
            "output_validators/pair_checker/pair_checker.cpp": '#include "geom.h"\nint main(int argc, char** argv) {}\n',
            "output_validators/pair_checker/geom.h": "struct P { double x, y; };\n",
            "output_validators/pair_checker/helper.cpp": "int helper() { return 0; }\n",
            "output_validators/pair_checker/build/pair_checker": b"\x7fELF\x02\x01\x01\x00\xff\xfe",
        },
    )

    problem, tests = load_problem_dir(root)

    assert problem.title == "Closest Pair"
    assert problem.limits.time_limit_ms == 750
    assert problem.limits.memory_limit_mb == 512
    assert problem.source_url == "https://example.org/contest"
    assert problem.tags == ["geometry", "divide and conquer"]
    checker = problem.checker
    assert checker.kind == CheckerKind.KATTIS
    assert checker.program_entry == "pair_checker.cpp"
    assert set(checker.program_files) == {
        "pair_checker.cpp",
        "geom.h",
        "helper.cpp",
    }  # the binary is left out
    assert checker.program_files["geom.h"] == "struct P { double x, y; };\n"
    assert checker.arguments == ["float_tolerance", "1e-4"]
    assert problem.statement == "Find the two closest points.\n\n## Notes\n\nTies are broken arbitrarily."
    assert problem.input_format == "Points, one per line."
    assert problem.output_format == "Any closest pair."
    assert problem.statement_ko == "가장 가까운 두 점을 찾으시오."
    assert [t.test_case_id for t in tests] == ["sample/1", "secret/1"]


def test_2023_interactive_package_with_single_file_validator(make_tree: MakeTree) -> None:
    root = make_tree(
        "guess",
        {
            "problem.yaml": "problem_format_version: 2023-07-draft\nname: Guess the Number\ntype: interactive\n",
            "data/sample/1.in": "42\n",
            "data/sample/1.ans": "",  # interactive answers may be empty
            "data/sample/1.interaction": "<100\n>? 50\n<lower\n>? 42\n<correct\n",
            "data/secret/1.in": "7\n",
            "data/secret/1.ans": "",
            "output_validator/interactor.py": "import sys\nif __name__ == '__main__':\n    sys.exit(42)\n",
        },
    )

    problem, tests = load_problem_dir(root)

    assert problem.checker.kind == CheckerKind.INTERACTIVE
    assert problem.checker.program_entry == "interactor.py"
    assert problem.checker.program_files["interactor.py"].startswith("import sys")
    assert "interactive" in problem.tags
    assert [(t.test_case_id, t.expected_output) for t in tests] == [("sample/1", ""), ("secret/1", "")]
    # The transcript is shown with the statement, as Kattis shows it: `<` is read by the program, `>` written.
    assert (
        "## Sample interaction 1" in problem.statement
        and "judge: 100\n  you: ? 50\njudge: lower\n  you: ? 42\njudge: correct" in problem.statement
    )


def test_legacy_custom_interactive_with_single_file_in_output_validators(make_tree: MakeTree) -> None:
    root = make_tree(
        "legacyint",
        {
            "problem.yaml": "validation: custom interactive\nvalidator_flags: strict\n",
            "data/secret/1.in": "1\n",
            "data/secret/1.ans": "1\n",
            "output_validators/interact.cpp": "int main() { return 42; }\n",
        },
    )
    problem, _ = load_problem_dir(root)
    assert problem.checker.kind == CheckerKind.INTERACTIVE
    assert problem.checker.program_entry == "interact.cpp"
    assert problem.checker.arguments == ["strict"]
    assert problem.title == "legacyint"


def test_validator_entry_is_the_file_with_main_when_names_do_not_help(make_tree: MakeTree) -> None:
    root = make_tree(
        "withmain",
        {
            "problem.yaml": "validation: custom\n",
            "data/secret/1.in": "1\n",
            "data/secret/1.ans": "1\n",
            "output_validators/checker_v2/util.cpp": "int util() { return 1; }\n",
            "output_validators/checker_v2/run.cpp": "int main(int argc, char **argv) { return 42; }\n",
        },
    )
    problem, _ = load_problem_dir(root)
    assert problem.checker.kind == CheckerKind.KATTIS
    assert problem.checker.program_entry == "run.cpp"


def test_list_submissions_by_verdict(make_tree: MakeTree) -> None:
    root = make_tree("sumfloats", legacy_package())
    submissions = list_submissions(root)
    assert {verdict: [p.name for p in files] for verdict, files in submissions.items()} == {
        "accepted": ["sol.cpp", "sol.py"],
        "wrong_answer": ["wa.py"],
    }
    assert list_submissions(root / "data") == {}


def test_load_any_on_a_package_directory(make_tree: MakeTree) -> None:
    root = make_tree("sumfloats", legacy_package())
    [(problem, tests)] = load_any(root)
    assert problem.title == "Sum of Floats" and len(tests) == 7


# --- broken packages: each error names the file to fix ---------------------------------------------------------


def test_missing_answer_file_is_named(make_tree: MakeTree) -> None:
    files = legacy_package()
    del files["data/secret/group2/10.ans"]
    root = make_tree("broken", files)
    with pytest.raises(ProblemFormatError) as info:
        load_problem_dir(root)
    assert str(info.value) == "data/secret/group2/10.in: no answer file (10.ans)"
    assert info.value.path == root.resolve() / "data/secret/group2/10.in"


def test_bad_yaml_names_problem_yaml_and_line(make_tree: MakeTree) -> None:
    root = make_tree(
        "badyaml",
        {
            "problem.yaml": "name: Broken\nlimits:\n  memory: 256\n   output: [8\n",
            "data/secret/1.in": "1\n",
            "data/secret/1.ans": "1\n",
        },
    )
    with pytest.raises(ProblemFormatError) as info:
        load_problem_dir(root)
    message = str(info.value)
    assert message.startswith("problem.yaml: line 4: invalid YAML")
    assert info.value.path == root.resolve() / "problem.yaml"


def test_yaml_that_is_not_a_mapping(make_tree: MakeTree) -> None:
    root = make_tree(
        "listyaml", {"problem.yaml": "- a\n- b\n", "data/secret/1.in": "", "data/secret/1.ans": ""}
    )
    with pytest.raises(ProblemFormatError, match=r"^problem\.yaml: expected a mapping"):
        load_problem_dir(root)


def test_custom_validation_without_validator(make_tree: MakeTree) -> None:
    root = make_tree(
        "novalidator",
        {"problem.yaml": "validation: custom\n", "data/secret/1.in": "1\n", "data/secret/1.ans": "1\n"},
    )
    with pytest.raises(ProblemFormatError) as info:
        load_problem_dir(root)
    assert str(info.value).startswith(
        "problem.yaml: custom validation needs a validator in output_validators/"
    )


def test_interactive_without_validator(make_tree: MakeTree) -> None:
    root = make_tree(
        "nointeractor",
        {
            "problem.yaml": "problem_format_version: 2023-07-draft\nname: X\ntype: interactive\n",
            "data/secret/1.in": "1\n",
            "data/secret/1.ans": "",
        },
    )
    with pytest.raises(ProblemFormatError, match=r"^problem\.yaml: interactive validation needs a validator"):
        load_problem_dir(root)


def test_non_utf8_test_data_is_named(make_tree: MakeTree) -> None:
    files = legacy_package()
    files["data/secret/group1/01.in"] = "caf\u00e9\n".encode("latin-1")
    root = make_tree("latin1", files)
    with pytest.raises(ProblemFormatError) as info:
        load_problem_dir(root)
    assert str(info.value) == "data/secret/group1/01.in: not UTF-8 text (byte 0xe9 at offset 3)"


def test_bad_float_tolerance_flag(make_tree: MakeTree) -> None:
    root = make_tree(
        "badflag",
        {
            "problem.yaml": "validator_flags: float_tolerance\n",
            "data/secret/1.in": "",
            "data/secret/1.ans": "",
        },
    )
    with pytest.raises(
        ProblemFormatError, match=r"^problem\.yaml: validator_flags: float_tolerance needs a number"
    ):
        load_problem_dir(root)


def test_bad_timelimit_file(make_tree: MakeTree) -> None:
    root = make_tree("badtl", {".timelimit": "fast\n", "data/secret/1.in": "", "data/secret/1.ans": ""})
    with pytest.raises(ProblemFormatError, match=r"^\.timelimit: expected a number, got 'fast'"):
        load_problem_dir(root)


def test_package_without_tests(make_tree: MakeTree) -> None:
    root = make_tree("empty", {"problem.yaml": "name: Empty\n", "data/sample/README": "nothing\n"})
    with pytest.raises(ProblemFormatError, match=r"^data/: no tests"):
        load_problem_dir(root)


def test_interactive_multi_pass_is_refused_openly(make_tree: MakeTree) -> None:
    root = make_tree(
        "multipass",
        {
            "problem.yaml": "problem_format_version: 2023-07-draft\nname: M\ntype: [multi-pass, interactive]\n",
            "data/secret/1.in": "",
            "data/secret/1.ans": "",
            "output_validator/v.py": "print()\n",
        },
    )
    with pytest.raises(ProblemFormatError, match="interactive multi-pass problems are not supported"):
        load_problem_dir(root)


def test_multi_pass_is_read(make_tree: MakeTree) -> None:
    root = make_tree(
        "multipass",
        {
            "problem.yaml": "problem_format_version: 2023-07-draft\nname: M\ntype: multi-pass\n",
            "data/secret/1.in": "",
            "data/secret/1.ans": "",
            "output_validator/v.py": "print()\n",
        },
    )
    problem, _ = load_problem_dir(root)
    assert problem.checker.multi_pass and problem.checker.kind == CheckerKind.KATTIS
    assert problem.limits.validation_passes == 2


def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ProblemFormatError, match="not a directory"):
        load_problem_dir(tmp_path / "missing")


def test_title_from_latex_statement_when_yaml_has_no_name(make_tree: MakeTree) -> None:
    root = make_tree(
        "texonly",
        {
            "problem.yaml": "source: Somewhere\n",
            "problem_statement/problem.tex": "\\problemname{Tex Title}\nBody with \\emph{style}~here.\n",
            "data/secret/1.in": "1\n",
            "data/secret/1.ans": "1\n",
        },
    )
    problem, _ = load_problem_dir(root)
    assert problem.title == "Tex Title"
    assert problem.statement == "Body with *style* here."


def test_load_any_on_problem_yaml_loads_its_package(make_tree: MakeTree) -> None:
    root = make_tree("sumfloats", legacy_package())
    [(problem, _)] = load_any(root / "problem.yaml")
    assert problem.problem_id == "local#sumfloats"
