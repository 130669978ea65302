"""Every example submission of every pack problem gets the verdict of its folder, as Kattis packages prove it:
accepted -> AC, wrong_answer -> WA, time_limit_exceeded -> TLE; and `algoitny verify` on each pack problem says
every submission agrees with its folder.

Each problem is materialized once (generated tests written out as files) and judged with the real command,
`algoitny judge <dir> <submission> --json --fail-fast --jobs 1`. Judging runs two submissions at a time in the background,
in test order, so each test waits for its own result only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from algoitny_tui.problems import list_submissions
from algoitny_tui.problems.builtin import iter_pack_dirs, materialize

pytestmark = pytest.mark.slow

EXPECTED = {"accepted": "AC", "wrong_answer": "WA", "time_limit_exceeded": "TLE"}
PARALLEL_JUDGES = 2
JUDGE_TIMEOUT_S = 600


def _cases() -> list[tuple[Path, str, Path]]:
    cases = []
    for problem in iter_pack_dirs():
        for folder, submissions in list_submissions(problem).items():
            cases += [(problem, folder, submission) for submission in submissions]
    return cases


CASES = _cases()


def _case_id(case: tuple[Path, str, Path]) -> str:
    problem, folder, submission = case
    return f"{problem.name}/{folder}/{submission.name}"


class Judges:
    """Materializes problems on demand and judges submissions in a small thread pool."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.env = {**os.environ, "ALGOITNY_HOME": str(workdir / "home")}
        self.pool = ThreadPoolExecutor(max_workers=PARALLEL_JUDGES)
        self.futures: dict[str, Future[dict]] = {}
        self.copies: dict[Path, Path] = {}
        self.lock = threading.Lock()
        self.problem_locks: dict[Path, threading.Lock] = {}

    def copy_of(self, problem: Path) -> Path:
        with self.lock:
            lock = self.problem_locks.setdefault(problem, threading.Lock())
        with lock:
            if problem not in self.copies:
                self.copies[problem] = materialize(problem, self.workdir / "problems")
            return self.copies[problem]

    def run(self, case: tuple[Path, str, Path]) -> dict:
        problem, _, submission = case
        copy = self.copy_of(problem)
        command = [
            sys.executable,
            "-m",
            "algoitny_tui",
            "judge",
            str(copy),
            str(submission),
            "--json",
            "--fail-fast",
            "--jobs",
            "1",  # two judges at a time already keep both cores busy
        ]
        done = subprocess.run(
            command, capture_output=True, text=True, env=self.env, timeout=JUDGE_TIMEOUT_S, check=False
        )
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            raise AssertionError(
                f"judge printed no JSON (exit {done.returncode}): {done.stderr[-2000:]}"
            ) from None
        assert isinstance(report, dict)
        return report

    def verify(self, problem: Path) -> dict:
        """`algoitny verify <pack problem> --json`, on the pack's own folder (its generated tests included)."""
        command = [sys.executable, "-m", "algoitny_tui", "verify", str(problem), "--json", "--jobs", "1"]
        done = subprocess.run(
            command, capture_output=True, text=True, env=self.env, timeout=JUDGE_TIMEOUT_S, check=False
        )
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            raise AssertionError(
                f"verify printed no JSON (exit {done.returncode}): {done.stderr[-2000:]}"
            ) from None
        assert isinstance(report, dict)
        report["exit_code"] = done.returncode
        return report

    def submit_verify(self, problem: Path) -> None:
        key = f"verify:{problem.name}"
        if key not in self.futures:
            self.futures[key] = self.pool.submit(self.verify, problem)

    def verified(self, problem: Path) -> dict:
        self.submit_verify(problem)
        return self.futures[f"verify:{problem.name}"].result()

    def submit(self, case: tuple[Path, str, Path]) -> None:
        key = _case_id(case)
        if key not in self.futures:
            self.futures[key] = self.pool.submit(self.run, case)

    def result(self, case: tuple[Path, str, Path]) -> dict:
        self.submit(case)
        return self.futures[_case_id(case)].result()


@pytest.fixture(scope="module")
def judges(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Judges]:
    judges = Judges(tmp_path_factory.mktemp("pack-judging"))
    # Queue the selected cases in test order, so the pool works ahead of the test that is waiting.
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and getattr(item, "originalname", "") == "test_submission_verdict":
            judges.submit(callspec.params["case"])
        if callspec is not None and getattr(item, "originalname", "") == "test_verify_agrees":
            judges.submit_verify(callspec.params["problem"])
    yield judges
    judges.pool.shutdown(wait=False, cancel_futures=True)


@pytest.mark.timeout(JUDGE_TIMEOUT_S + 60)
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_submission_verdict(case: tuple[Path, str, Path], judges: Judges) -> None:
    _, folder, submission = case
    if folder not in EXPECTED:
        pytest.skip(f"no verdict is required of submissions/{folder}")
    report = judges.result(case)
    failing = [t for t in report.get("tests", []) if t.get("verdict") not in ("AC", "SK")]
    detail = failing[0] if failing else report.get("compile")
    assert report["verdict"] == EXPECTED[folder], f"{submission.name}: {report['verdict']} ({detail})"


@pytest.mark.timeout(JUDGE_TIMEOUT_S + 60)
@pytest.mark.parametrize("problem", iter_pack_dirs(), ids=[p.name for p in iter_pack_dirs()])
def test_verify_agrees(problem: Path, judges: Judges) -> None:
    report = judges.verified(problem)
    judged = [s for s in report["submissions"] if s["ok"] is not None]
    disagree = [f"{s['submission']}: {s['reason']}" for s in judged if not s["ok"]]
    assert disagree == [] and report["ok"] is True and report["exit_code"] == 0
    # every submission of the problem was judged, in the folder its verdict says
    assert {s["submission"] for s in judged} == {
        f"{folder}/{p.name}" for folder, paths in list_submissions(problem).items() for p in paths
    }
    assert all(s["verdict"] == EXPECTED[s["submission"].split("/")[0]].replace("RE", "RTE") for s in judged)
