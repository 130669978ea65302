"""`algoitny verify`: every example submission of a package judged and compared with what its authors expect,
on packages written by the tests (the built-in pack has its own test in tests/pack)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from algoitny_tui.cli import main
from algoitny_tui.domain import Verdict
from algoitny_tui.problems.expectations import expected_results_tag, matches_path
from tests.judge.kattis_packages import (
    FIRST_PASS_ONLY,
    PERFECT,
    legacy_scoring_package,
    scoring_package,
    two_pass_package,
    write_package,
)


def _verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["verify", *args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def _by_name(out: dict) -> dict[str, dict]:
    return {s["submission"]: s for s in out["submissions"]}


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "2023-07"])
def test_two_pass_package_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str], legacy: bool) -> None:
    root = two_pass_package(tmp_path / "p", legacy=legacy)
    code, out = _verify(capsys, str(root))
    subs = _by_name(out)
    assert code == 0 and out["ok"] is True, out
    assert out["format"] == ("legacy" if legacy else "2023-07")
    assert subs["accepted/double.py"]["verdict"] == "AC"
    assert subs["wrong_answer/first_pass_only.py"]["verdict"] == "WA"
    assert subs["mixed/either.py"]["expected"] == "AC or WA" and subs["mixed/either.py"]["ok"] is True


def test_scoring_package_checks_scores_and_group_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = scoring_package(tmp_path / "points")
    code, out = _verify(capsys, str(root))
    subs = _by_name(out)
    assert code == 0, out
    assert subs["partially_accepted/half.py"]["score"]["value"] == 70
    assert subs["wrong_answer/wrong_group1.py"]["score"]["value"] == 60
    assert "score 50..60" in subs["wrong_answer/wrong_group1.py"]["expected"]
    # the same submission with a score rule it misses disagrees, naming the rule
    yaml = root / "submissions" / "submissions.yaml"
    yaml.write_text(yaml.read_text().replace("score: 70", "score: 80"))
    code, out = _verify(capsys, str(root))
    half = _by_name(out)["partially_accepted/half.py"]
    assert code == 1 and half["ok"] is False and "score 70 is not score 80" in half["reason"]


def test_a_submission_in_the_wrong_folder_disagrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = two_pass_package(tmp_path / "p", legacy=False)
    write_package(
        root,
        {
            "submissions/accepted/not_really.py": FIRST_PASS_ONLY,
            "submissions/time_limit_exceeded/fast.py": "print(2 * int(input()))\n",
        },
    )
    code, out = _verify(capsys, str(root))
    subs = _by_name(out)
    assert code == 1 and out["ok"] is False
    assert subs["accepted/not_really.py"]["ok"] is False
    assert "WA is not permitted" in subs["accepted/not_really.py"]["reason"]
    assert subs["time_limit_exceeded/fast.py"]["ok"] is False
    assert "no test got TLE" in subs["time_limit_exceeded/fast.py"]["reason"]
    assert subs["accepted/double.py"]["ok"] is True
    main(["verify", str(root)])
    text = capsys.readouterr().out
    assert "ERROR accepted/not_really.py" in text and "3/5 submissions agree" in text


def test_verify_text_lists_each_submission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = two_pass_package(tmp_path / "p", legacy=True)
    assert main(["verify", str(root)]) == 0
    text = capsys.readouterr().out
    assert "OK    accepted/double.py: expected AC, got AC" in text
    assert "3/3 submissions agree" in text


def test_bad_input_exits_2_with_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "missing")]) == 2
    assert "not a directory" in capsys.readouterr().err
    bare = write_package(
        tmp_path / "bare",
        {"problem.yaml": "name: x\n", "data/secret/1.in": "1\n", "data/secret/1.ans": "1\n"},
    )
    assert main(["verify", str(bare)]) == 2
    assert "no example submissions" in capsys.readouterr().err
    broken = two_pass_package(tmp_path / "broken", legacy=False)
    (broken / "submissions" / "submissions.yaml").write_text("accepted:\n  permitted: [OK]\n")
    assert main(["verify", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "submissions.yaml: accepted.permitted" in err and "'OK'" in err


def test_expected_results_tag_and_globs() -> None:
    assert expected_results_tag("// @EXPECTED_RESULTS@: TIMELIMIT, RUN-ERROR\n") == ["TLE", "RTE"]
    assert expected_results_tag("print(1)\n") is None
    assert matches_path("accepted", "accepted/a.py") and matches_path("*/a.{py,cpp}", "wrong_answer/a.cpp")
    assert not matches_path("accepted/*", "accepted/dir/a.py") or matches_path(
        "accepted", "accepted/dir/a.py"
    )
    assert not matches_path("secret/*-easy", "secret/03-hard")
    assert matches_path("secret/*-easy", "secret/03-easy/1")


def test_perfect_is_fully_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a legacy partially_accepted submission that gets the full score disagrees (problemtools: "fully accepted");
    # legacy groups score 1 per accepted test unless the validator says otherwise, the maximum from `range`
    root = legacy_scoring_package(tmp_path / "points")
    (root / "submissions" / "partially_accepted" / "half.py").write_text(PERFECT)
    code, out = _verify(capsys, str(root))
    half = _by_name(out)["partially_accepted/half.py"]
    assert half["verdict"] == str(Verdict.AC) and half["ok"] is False and "fully accepted" in half["reason"]
    assert half["score"]["value"] == 62 and half["score"]["max"] == 62
