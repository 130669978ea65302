"""`algoitny stress`: exit codes (1 found, 0 none, 2 bad input), the --json contract, the plain report, clear
one-line errors. The problems are the built-in pack's, stored as the app stores them; generators and brute forces are
written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoitny_tui.cli import main
from algoitny_tui.config import load_settings
from algoitny_tui.problems.builtin import iter_pack_dirs, load_pack_problem
from algoitny_tui.storage.factory import open_repositories
from tests.judge.test_stress import DIVISIBLE_BRUTE, DIVISIBLE_GEN

WRONG = "off_by_one.py"


@pytest.fixture
def divisible(tmp_path: Path) -> Path:
    """Stores algoitny#0005 (with its reference solution, as the pack installs it); returns its folder."""
    folder = next(d for d in iter_pack_dirs() if d.name.startswith("0005-"))
    repos = open_repositories(load_settings())
    try:
        repos.problems.put_problem(*load_pack_problem(folder))
    finally:
        repos.close()
    return folder


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def stress(*args: str) -> int:
    return main(["stress", *args])


def test_a_difference_exits_1_with_the_json_contract(
    divisible: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = write(tmp_path, "gen.py", DIVISIBLE_GEN)
    brute = write(tmp_path, "brute.py", DIVISIBLE_BRUTE)
    wrong = divisible / "submissions" / "wrong_answer" / WRONG
    code = stress("algoitny#0005", str(wrong), "--generator", str(gen), "--brute", str(brute), "--json")
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["found"] is True and data["verdict"] == "WA" and data["reference"] == "brute force"
    assert isinstance(data["cases"], int) and data["seed"] == data["cases"] >= 1
    assert data["args"] == [str(data["seed"])] and data["problem_id"] == "algoitny#0005"
    # the report is the real thing: the input's answers by a loop differ from what the wrong solution printed
    q, *rest = map(int, data["input"].split())
    answers = [
        sum(1 for x in range(rest[3 * i], rest[3 * i + 1] + 1) if x % rest[3 * i + 2] == 0) for i in range(q)
    ]
    assert data["expected"].split() == [str(a) for a in answers]
    assert data["got"].split() != data["expected"].split()


def test_the_reference_solution_answers_without_a_brute_and_the_seed_reproduces(
    divisible: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = write(tmp_path, "gen.py", DIVISIBLE_GEN)
    wrong = divisible / "submissions" / "wrong_answer" / WRONG
    assert stress("algoitny#0005", str(wrong), "--generator", str(gen), "--json") == 1
    first = json.loads(capsys.readouterr().out)
    assert first["reference"] == "reference solution"
    # starting at the counterexample's seed finds it again as case 1
    assert stress("algoitny#0005", str(wrong), "-g", str(gen), "--seed", str(first["seed"]), "--json") == 1
    again = json.loads(capsys.readouterr().out)
    assert (again["cases"], again["seed"], again["input"]) == (1, first["seed"], first["input"])


def test_no_difference_exits_0(divisible: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gen = write(tmp_path, "gen.py", DIVISIBLE_GEN)
    right = divisible / "submissions" / "accepted" / "sol.py"
    assert stress("algoitny#0005", str(right), "--generator", str(gen), "--count", "25", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["found"], data["cases"], data["seed"], data["verdict"]) == (False, 25, None, None)
    assert stress("algoitny#0005", str(right), "--generator", str(gen), "--count", "5") == 0
    out = capsys.readouterr().out
    assert "no difference in 5 cases (seeds 1..5, answers from the reference solution)" in out


def test_the_plain_report_shows_input_outputs_diff_and_how_to_make_the_input_again(
    divisible: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = write(tmp_path, "gen.py", DIVISIBLE_GEN)
    wrong = divisible / "submissions" / "wrong_answer" / WRONG
    assert stress("algoitny#0005", str(wrong), "-g", str(gen), "--gen-args", "--small 'two words'") == 1
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("WA on case ") and ", seed " in first
    seed = int(first.split(", seed ")[1].split()[0])
    assert f"input again: {gen} {seed} --small 'two words'" in out
    for part in ("--- input", "--- expected (reference solution)", "--- got", "--- diff"):
        assert part in out


@pytest.mark.parametrize(("option", "value"), [("--count", "0"), ("--jobs", "-1"), ("--count", "many")])
def test_a_count_below_one_is_refused_before_anything_runs(
    divisible: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    wrong = divisible / "submissions" / "wrong_answer" / WRONG
    with pytest.raises(SystemExit) as exited:  # argparse's own refusal: usage line, then the option and why
        stress("algoitny#0005", str(wrong), "--generator", "gen.py", option, value)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"argument {option}" in captured.err
    assert ("must be at least 1" if value != "many" else "not a whole number: 'many'") in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--generator", "missing.py"], "generator missing.py: no such file"),
        (["--generator", "gen.xyz"], "gen.xyz"),
        (["--generator", "gen.py", "--gen-args", "'unclosed"], "--gen-args: No closing quotation"),
        (["--generator", "bad.cpp"], "the generator (cpp) does not compile"),
        (["--generator", "gen.py", "--brute", "brute.txt"], "brute.txt"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    divisible: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "gen.py", DIVISIBLE_GEN)
    write(tmp_path, "gen.xyz", DIVISIBLE_GEN)
    write(tmp_path, "bad.cpp", "int main( {")
    write(tmp_path, "brute.txt", DIVISIBLE_BRUTE)
    wrong = divisible / "submissions" / "wrong_answer" / WRONG
    assert stress("algoitny#0005", str(wrong), *args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("algoitny: ") and message in captured.err
    assert "Traceback" not in captured.err  # a compile error brings the compiler's own lines, nothing else


def test_an_unknown_problem_or_one_without_an_answer_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gen = write(tmp_path, "gen.py", "print(1)\n")
    sol = write(tmp_path, "sol.py", "print(input())\n")
    assert stress("nowhere#1", str(sol), "--generator", str(gen)) == 2
    assert "no stored problem 'nowhere#1'" in capsys.readouterr().err
    folder = tmp_path / "echo"  # a test folder: no reference solution, the default checker
    folder.mkdir()
    write(folder, "1.in", "1\n")
    write(folder, "1.out", "1\n")
    assert stress(str(folder), str(sol), "--generator", str(gen)) == 2
    assert "give a brute force (--brute)" in capsys.readouterr().err
    assert (
        stress(str(folder), str(sol), "--generator", str(gen), "--brute", str(sol), "-n", "3", "--json") == 0
    )
    assert json.loads(capsys.readouterr().out)["cases"] == 3


MINI_TESTLIB = """// the part of testlib a generator uses: registerGen seeds from the whole argv, rnd.next, an option's value
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
struct Random {
    std::mt19937 g;
    int next(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); }
} rnd;
inline void registerGen(int argc, char* argv[], int) {
    std::string all;
    for (int i = 1; i < argc; i++) { all += argv[i]; all += ' '; }
    rnd.g.seed(std::hash<std::string>{}(all));
}
inline int optInt(int argc, char* argv[], const char* name, int fallback) {
    for (int i = 1; i + 1 < argc; i++) if (!std::strcmp(argv[i], name)) return std::atoi(argv[i + 1]);
    return fallback;
}
"""
TESTLIB_GEN = """#include "mini_testlib.h"
int main(int argc, char* argv[]) {
    registerGen(argc, argv, 1);
    int n = optInt(argc, argv, "--n", 3);
    std::printf("%d\\n", n);
    for (int i = 0; i < n; i++) std::printf("%d ", rnd.next(1, 9));
    std::puts("");
}
"""


def test_a_testlib_style_generator_in_cpp_with_its_header_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = tmp_path / "sum"
    problem.mkdir()
    write(problem, "1.in", "2\n1 2\n")
    write(problem, "1.ans", "3\n")
    gen_dir = tmp_path / "gen"
    gen_dir.mkdir()
    write(gen_dir, "mini_testlib.h", MINI_TESTLIB)
    gen = write(gen_dir, "gen.cpp", TESTLIB_GEN)
    brute = write(tmp_path, "brute.py", "input()\nprint(sum(map(int, input().split())))\n")
    wrong = write(
        tmp_path, "wrong.py", "input()\nprint(sum(x for x in map(int, input().split()) if x != 7))\n"
    )
    code = stress(
        str(problem),
        str(wrong),
        "--generator",
        str(gen),
        "--brute",
        str(brute),
        "--gen-args",
        "--n 5",
        "--json",
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["found"] is True
    assert data["args"] == [str(data["seed"]), "--n", "5"] and data["generator_args"] == ["--n", "5"]
    count, numbers = data["input"].splitlines()
    assert count == "5" and len(numbers.split()) == 5 and "7" in numbers.split()
