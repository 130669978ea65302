"""`algoitny judge`: exit codes, --json contract, plain lines when not on a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoitny_tui.cli import main

AB = "a,b=map(int,input().split())\nprint(a+b)\n"


@pytest.fixture
def problem_dir(tmp_path: Path) -> Path:
    d = tmp_path / "aplusb"
    d.mkdir()
    for i, (inp, out) in enumerate([("1 2\n", "3\n"), ("5 5\n", "10\n")], 1):
        (d / f"{i}.in").write_text(inp)
        (d / f"{i}.out").write_text(out)
    return d


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_json_accepted(problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.py", AB)), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["verdict"] == "AC"
    assert [t["verdict"] for t in data["tests"]] == ["AC", "AC"]
    assert data["compile"]["ok"] is True


def test_wrong_answer_exits_1_with_plain_lines(
    problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.py", "print(3)\n"))])
    out = capsys.readouterr().out
    assert code == 1
    assert "WA" in out and "expected '10', got '3'" in out


def test_compile_error_json(problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.cpp", "int main( {")), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["verdict"] == "CE" and data["tests"] == [] and not data["compile"]["ok"]


def test_language_option_and_fail_fast(
    problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sol = write(tmp_path, "sol.txt", "print(0)\n")
    code = main(
        ["judge", str(problem_dir), str(sol), "--language", "python3", "--fail-fast", "-j", "1", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and [t["verdict"] for t in data["tests"]] == ["WA", "SK"]


@pytest.mark.parametrize(
    "case", ["missing solution", "unknown language", "unknown extension", "missing problem"]
)
def test_bad_input_exits_2(
    case: str, problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sol = str(write(tmp_path, "sol.py", AB))
    args = {
        "missing solution": ["judge", str(problem_dir), str(tmp_path / "nope.py")],
        "unknown language": ["judge", str(problem_dir), sol, "--language", "brainfudge"],
        "unknown extension": ["judge", str(problem_dir), str(write(tmp_path, "sol.xyz", "x"))],
        "missing problem": ["judge", "nosuch#404", sol],
    }[case]
    assert main(args) == 2
    assert capsys.readouterr().err.startswith("algoitny: ")


# --- the settings the judge reads (languages, judge_jobs), from the file or the environment -----------------------

AWK_AB = "{ print $1 + $2 }\n"


def test_a_language_from_the_settings_file(
    problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from algoitny_tui.config import load_settings

    settings_file = load_settings().locations.settings_file
    settings_file.write_text('[languages.awk]\nextensions = [".awk"]\nrun = ["awk", "-f", "{src}"]\n')
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.awk", AWK_AB)), "--json"])
    assert code == 0, capsys.readouterr()
    assert json.loads(capsys.readouterr().out)["verdict"] == "AC"


def test_a_language_from_the_environment(
    problem_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "algoitny_languages", json.dumps({"awk": {"extensions": [".awk"], "run": ["awk", "-f", "{src}"]}})
    )
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.awk", AWK_AB)), "--json"])
    assert code == 0, capsys.readouterr()


def test_a_bad_judge_setting_is_named(
    problem_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ALGOITNY_JUDGE_JOBS", "many")
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.py", AB)), "--json"])
    err = capsys.readouterr().err
    assert code == 2 and "ALGOITNY_JUDGE_JOBS" in err and "judge_jobs" in err


def test_an_unreadable_settings_file_is_named(
    problem_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from algoitny_tui.locations import Locations

    settings_file = Locations.from_env().settings_file
    settings_file.write_text("store = \n")
    code = main(["judge", str(problem_dir), str(write(tmp_path, "sol.py", AB)), "--json"])
    err = capsys.readouterr().err
    assert code == 2 and str(settings_file) in err and "not valid TOML" in err


def test_judging_with_no_judge_setting_skips_loading_the_others(problem_dir: Path, tmp_path: Path) -> None:
    """The settings the judge does not read (here a Gemini key) do not cost it the settings library (~50 ms)."""
    import subprocess
    import sys

    from algoitny_tui.locations import Locations

    Locations.from_env().settings_file.write_text('gemini_api_key = "AIza-not-read-by-the-judge"\n')
    code = (
        "import sys; from algoitny_tui.cli import main; rc = main(sys.argv[1:]); "
        "print('LOADED' if 'pydantic_settings' in sys.modules else 'LIGHT', rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "judge", str(problem_dir), str(write(tmp_path, "sol.py", AB)), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip().splitlines()[-1] == "LIGHT 0", out.stderr


LOADED_PYDANTIC = (
    "import sys; from algoitny_tui.cli import main; rc = main(sys.argv[1:]); "
    "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core', 'pydantic_settings')),"
    " rc)"
)
"""Runs the command in a fresh interpreter, then prints the pydantic modules it loaded and its exit code."""


@pytest.mark.parametrize("package", ["folder", "kattis scoring"])
def test_judging_a_problem_directory_loads_no_pydantic(
    package: str, problem_dir: Path, tmp_path: Path
) -> None:
    """The problem, its tests and the judge's values are plain dataclasses: judging a folder of tests or a Kattis
    package (limits, a validator, scored groups) never pays for pydantic (~100 ms of a ~250 ms start)."""
    import subprocess
    import sys

    from tests.judge.kattis_packages import PERFECT, scoring_package

    if package == "folder":
        directory, solution = problem_dir, write(tmp_path, "sol.py", AB)
        expected = ["AC", "AC"]
    else:
        directory, solution = scoring_package(tmp_path / "points"), write(tmp_path, "perfect.py", PERFECT)
        expected = ["AC"] * 5
    out = subprocess.run(
        [sys.executable, "-c", LOADED_PYDANTIC, "judge", str(directory), str(solution), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    *report, loaded = out.stdout.strip().splitlines()
    assert [t["verdict"] for t in json.loads("\n".join(report))["tests"]] == expected, out.stderr
    assert loaded == "[] 0", out.stderr


# What judging a folder of tests must not load: each was on that path once, at a few ms of every start (logging
# through concurrent.futures and the Kattis reader, socket's enums, the other package readers and their parsers).
NOT_FOR_A_FOLDER = (
    "logging",
    "concurrent.futures",
    "socket",
    "secrets",
    "yaml",
    "xml.etree.ElementTree",
    "algoitny_tui.problems.kattis",
    "algoitny_tui.problems.polygon",
    "algoitny_tui.problems.companion",
)


def test_judging_a_folder_of_tests_loads_no_reader_of_other_kinds(problem_dir: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from algoitny_tui.cli import main; rc = main(sys.argv[1:]); "
        f"print(sorted(m for m in {NOT_FOR_A_FOLDER!r} if m in sys.modules), rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "judge", str(problem_dir), str(write(tmp_path, "sol.py", AB)), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    *report, loaded = out.stdout.strip().splitlines()
    assert json.loads("\n".join(report))["verdict"] == "AC", out.stderr
    assert loaded == "[] 0", out.stderr


def test_the_program_ends_with_its_whole_output_and_exit_code(tmp_path: Path) -> None:
    """`algoitny judge` as a program ends without the interpreter's teardown: what it printed is all there (a
    report longer than the output buffer, and the plain lines), with the exit code of the verdict."""
    import subprocess
    import sys

    many = tmp_path / "many"
    many.mkdir()
    for i in range(1, 121):
        (many / f"{i}.in").write_text(f"{i} {i}\n")
        (many / f"{i}.out").write_text(f"{2 * i}\n")
    wrong = write(tmp_path, "wrong.py", "a,b=map(int,input().split())\nprint(a+b+(a==120))\n")
    runs = {
        "json": ["--json"],
        "plain": [],
    }
    for name, extra in runs.items():
        out = subprocess.run(
            [sys.executable, "-m", "algoitny_tui", "judge", str(many), str(wrong), "--jobs", "2", *extra],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 1, (name, out.stderr)
        if name == "json":
            assert len(out.stdout) > 8192  # more than one buffer: a lost flush would cut it
            tests = json.loads(out.stdout)["tests"]
            assert [t["verdict"] for t in tests] == ["AC"] * 119 + ["WA"]
        else:
            lines = out.stdout.splitlines()
            assert len(lines) == 121 and lines[-1].startswith("WA\t119/120"), out.stdout[-500:]


def test_language_help_names_cpp20_and_the_settings_languages(capsys: pytest.CaptureFixture[str]) -> None:
    from algoitny_tui.locations import Locations

    settings_file = Locations.from_env().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text('[languages.zig]\nextensions = [".zig"]\nrun = ["zig", "run", "{src}"]\n')
    for command in ("judge", "submit"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        help_text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
        assert "cpp20" in help_text and "python3" in help_text and "zig" in help_text, help_text


def test_language_help_lists_the_built_ins_when_the_settings_file_is_broken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from algoitny_tui.locations import Locations

    settings_file = Locations.from_env().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text("[languages.zig\n")
    with pytest.raises(SystemExit):
        main(["judge", "--help"])
    assert "cpp20" in " ".join(capsys.readouterr().out.split())
