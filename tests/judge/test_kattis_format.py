"""The judge follows the Kattis problem package format where a package leaves things to it: the format's default
limits, multi-pass validation, scoring problems. Packages are written by the tests and loaded by the real importer;
programs run in the real sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoitny_tui.cli import main
from algoitny_tui.domain import Scoring, TestGroup, Verdict
from algoitny_tui.judge.scoring import ScoredTest, score_submission
from algoitny_tui.problems import ProblemFormatError, load_problem_dir
from tests.judge.conftest import JudgeFn
from tests.judge.kattis_packages import (
    DOUBLE,
    FIRST_PASS_ONLY,
    HALF_ON_GROUP2,
    PERFECT,
    TWO_PASS_VALIDATOR,
    WRONG_ON_GROUP1,
    scoring_package,
    two_pass_package,
    write_package,
)

# --- defaults ------------------------------------------------------------------------------------------------

ANSWER_THEN_WHITESPACE = "import sys\nsys.stdout.write('3\\n' + ' ' * (10 * 1024 * 1024) + '\\n')\n"


def _plain_package(root: Path, limits: str = "") -> Path:
    return write_package(
        root,
        {"problem.yaml": "name: Three\n" + limits, "data/secret/1.in": "1 2\n", "data/secret/1.ans": "3\n"},
    )


def test_kattis_defaults_apply_to_kattis_packages_only(tmp_path: Path) -> None:
    kattis, _ = load_problem_dir(_plain_package(tmp_path / "kattis"))
    assert (kattis.limits.memory_limit_mb, kattis.limits.output_limit_kb) == (2048, 8 * 1024)
    assert (kattis.limits.compile_time_ms, kattis.limits.compile_memory_mb) == (60_000, 2048)
    assert (
        kattis.limits.validation_time_ms,
        kattis.limits.validation_memory_mb,
        kattis.limits.validation_output_kb,
        kattis.limits.validation_passes,
    ) == (60_000, 2048, 8 * 1024, 2)
    stated, _ = load_problem_dir(
        _plain_package(
            tmp_path / "stated",
            "limits:\n  memory: 512\n  output: 1\n  validation_time: 5\n  validation_passes: 3\n",
        )
    )
    assert (stated.limits.memory_limit_mb, stated.limits.output_limit_kb) == (512, 1024)
    assert (stated.limits.validation_time_ms, stated.limits.validation_passes) == (5000, 3)
    folder = write_package(tmp_path / "folder", {"1.in": "1 2\n", "1.out": "3\n"})
    plain, _ = load_problem_dir(folder)
    assert (plain.limits.memory_limit_mb, plain.limits.output_limit_kb) == (256, 64 * 1024)
    assert plain.limits.compile_time_ms is None and plain.limits.validation_passes is None


def test_bad_validation_passes_is_refused_naming_the_key(tmp_path: Path) -> None:
    root = _plain_package(tmp_path / "p", "limits:\n  validation_passes: 1\n")
    with pytest.raises(ProblemFormatError, match="validation_passes"):
        load_problem_dir(root)


def test_answer_then_10_mb_of_whitespace_is_ole_under_the_format_default(
    tmp_path: Path, run: JudgeFn
) -> None:
    problem, tests = load_problem_dir(_plain_package(tmp_path / "kattis"))
    report = run(problem, tests, ANSWER_THEN_WHITESPACE, "python3")
    assert report.verdict == Verdict.OLE, report.tests[0].message
    # the same program on a plain test folder (64 MiB, this app's own default) is accepted: the output is right
    folder, folder_tests = load_problem_dir(
        write_package(tmp_path / "folder", {"1.in": "1 2\n", "1.out": "3\n"})
    )
    assert run(folder, folder_tests, ANSWER_THEN_WHITESPACE, "python3").verdict == Verdict.AC


ALLOCATE_1500_MB = "b = b'x' * (1500 * 1024 * 1024)\nprint(3 if b[-1:] == b'x' else 0)\n"


@pytest.mark.slow
def test_1500_mb_fits_the_format_default_memory_limit(tmp_path: Path, run: JudgeFn) -> None:
    # a 30 s time limit: memory is what is tested here. Filling 1.5 GB takes ~1.3 s of CPU on a quiet machine, but a
    # CI run measured over 10 s once (the kernel reclaiming and compacting memory for the page faults counts as the
    # program's system time)
    root = _plain_package(tmp_path / "kattis")
    (root / ".timelimit").write_text("30\n")
    problem, tests = load_problem_dir(root)
    report = run(problem, tests, ALLOCATE_1500_MB, "python3")
    assert report.verdict == Verdict.AC, report.tests[0].message
    assert report.tests[0].memory_kb > 1400 * 1024  # it really held the memory
    small, small_tests = load_problem_dir(_plain_package(tmp_path / "small", "limits:\n  memory: 1024\n"))
    assert run(small, small_tests, ALLOCATE_1500_MB, "python3").verdict == Verdict.MLE


# --- multi-pass -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy-validation", "2023-07-type"])
def test_two_pass_problem(tmp_path: Path, run: JudgeFn, legacy: bool) -> None:
    problem, tests = load_problem_dir(two_pass_package(tmp_path / "p", legacy=legacy))
    assert problem.checker.multi_pass
    good = run(problem, tests, DOUBLE, "python3")
    assert good.verdict == Verdict.AC, [t.message for t in good.tests]
    assert [t.passes for t in good.tests] == [2, 2]
    bad = run(problem, tests, FIRST_PASS_ONLY, "python3")
    # right on pass 1 (5 -> 10): only the second pass, on 7, shows it wrong
    assert [t.verdict for t in bad.tests] == [Verdict.WA, Verdict.WA]
    assert bad.tests[0].passes == 2 and "pass 2: expected 14, got 10" in bad.tests[0].message


def test_more_passes_than_allowed_is_a_judge_error(tmp_path: Path, run: JudgeFn) -> None:
    always_again = TWO_PASS_VALIDATOR.replace(
        "n = int(open(state).read())",
        "n = int(open(state).read())\n"
        "open(os.path.join(feedback, 'nextpass.in'), 'w').write('1\\n')\n"
        "sys.exit(42)",
    )
    problem, tests = load_problem_dir(
        two_pass_package(tmp_path / "p", legacy=False, validator=always_again, passes=3)
    )
    report = run(problem, tests, DOUBLE, "python3")
    assert report.verdict == Verdict.JE
    assert "allows 3" in report.tests[0].message and report.tests[0].passes == 3


def test_nextpass_with_a_rejection_is_a_judge_error(tmp_path: Path, run: JudgeFn) -> None:
    rejects_with_nextpass = TWO_PASS_VALIDATOR.replace(
        "    sys.exit(42)\nn = int", "    sys.exit(43)\nn = int"
    )
    problem, tests = load_problem_dir(
        two_pass_package(tmp_path / "p", legacy=True, validator=rejects_with_nextpass)
    )
    report = run(problem, tests, DOUBLE, "python3")
    assert report.verdict == Verdict.JE and "nextpass.in" in report.tests[0].message


# --- scoring -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value", "groups", "verdict"),
    [
        (PERFECT, 100, [40, 60], "AC"),
        (HALF_ON_GROUP2, 70, [40, 30], "AC"),
        (WRONG_ON_GROUP1, 60, [0, 60], "WA"),
    ],
    ids=["perfect", "half-on-group2", "wrong-on-group1"],
)
def test_scoring_problem_through_the_command(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    value: int,
    groups: list[int],
    verdict: str,
) -> None:
    root = scoring_package(tmp_path / "points")
    solution = tmp_path / "sol.py"
    solution.write_text(source)
    code = main(["judge", str(root), str(solution), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == verdict and code == (0 if verdict == "AC" else 1)
    assert out["score"]["value"] == value and out["score"]["max"] == 100
    assert [(g["name"], g["score"], g["max"]) for g in out["score"]["groups"]] == [
        ("secret/group1", groups[0], 40),
        ("secret/group2", groups[1], 60),
    ]
    main(["judge", str(root), str(solution)])
    assert f"score {value}/100" in capsys.readouterr().out


def test_require_pass_zeroes_a_group(tmp_path: Path, run: JudgeFn) -> None:
    problem, tests = load_problem_dir(scoring_package(tmp_path / "p", require_pass=True))
    report = run(problem, tests, WRONG_ON_GROUP1, "python3")
    assert report.score is not None and report.score.value == 0
    assert run(problem, tests, PERFECT, "python3").score.value == 100  # type: ignore[union-attr]


def test_score_rules_min_multiplier_and_judge_errors() -> None:
    scoring = Scoring(
        groups=[
            TestGroup(name="secret", max_score=100, aggregation="sum"),
            TestGroup(name="secret/a", max_score=50, aggregation="min"),
            TestGroup(name="secret/b", max_score=50, aggregation="sum"),
        ],
        custom_score=True,
    )
    tests = [
        ScoredTest("secret/a/1", Verdict.AC, score_multiplier=0.5),
        ScoredTest("secret/a/2", Verdict.AC),
        ScoredTest("secret/b/1", Verdict.AC, score=10.0),
        ScoredTest("secret/b/2", Verdict.TLE),
    ]
    score = score_submission(scoring, tests)
    assert (score.value, [g.score for g in score.groups]) == (35, [25, 10])
    over = [*tests[:2], ScoredTest("secret/b/1", Verdict.AC, score=26.0), tests[3]]  # a test of b is worth 25
    assert "over the test's maximum" in score_submission(scoring, over).error


def test_a_score_reaches_history_through_the_codec(tmp_path: Path, run: JudgeFn) -> None:
    from algoitny_tui.codec import history_to_item, item_to_history, item_to_problem, problem_to_item
    from algoitny_tui.tasks.submissions import Submission, build_history

    problem, tests = load_problem_dir(scoring_package(tmp_path / "p"))
    stored = item_to_problem(problem_to_item(problem))  # a stored problem judges as its package said
    assert stored.scoring == problem.scoring and stored.limits == problem.limits
    report = run(stored, tests, HALF_ON_GROUP2, "python3")
    history = build_history(
        Submission(code=HALF_ON_GROUP2, language="python3"), stored, tests, report, "me", "j1"
    )
    item = history_to_item(history)
    assert item["dat"]["scr"]["value"] == 70 and item["dat"]["scr"]["max"] == 100
    back = item_to_history(item)
    assert back.score == {
        "value": 70,
        "max": 100,
        "groups": [
            {"name": "secret/group1", "score": 40, "max": 40, "verdict": "AC"},
            {"name": "secret/group2", "score": 30, "max": 60, "verdict": "AC"},
        ],
    }
