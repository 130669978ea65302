"""Judging a submission for the queue: the library under `execute_code_task`.

Exactly once, even when a worker dies mid-task and the job runs again: the history id is chosen once and written
into the job before the history is created, and a rerun finds that history (by id, with this job's id in it) instead
of making a second one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.models import Job, SearchHistory, TestResult
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.storage.ids import history_ids
from algoitny_tui.storage.table import ConditionFailed
from algoitny_tui.tasks.errors import PermanentTaskError
from algoitny_tui.tasks.progress import Progress, per_test_progress

log = logging.getLogger(__name__)


@dataclass
class Submission:
    code: str
    language: str
    platform: str | None = None
    problem_identifier: str | None = None
    user_id: int | None = None
    user_identifier: str | None = None
    is_code_public: bool = False
    problem_id: int | str | None = None

    def params(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "code"} | {"code_length": len(self.code)}


def resolve_problem(repos: Repositories, submission: Submission) -> tuple[Problem, list[TestCase]]:
    """The problem and all its tests in one query; the legacy numeric `problem_id` goes through its index."""
    platform, number = submission.platform, submission.problem_identifier
    if not (platform and number) and submission.problem_id is not None:
        raw = str(submission.problem_id)
        if "#" in raw:
            platform, _, number = raw.partition("#")
        elif raw.isdigit():
            resolved = repos.problems.resolve_legacy_id(int(raw))
            if resolved is None:
                raise PermanentTaskError(f"legacy problem id {raw} is not known")
            platform, number = resolved
    if not (platform and number):
        raise PermanentTaskError("no problem given: pass platform and problem_identifier (or problem_id)")
    found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise PermanentTaskError(f"problem {platform}#{number} is not stored")
    return found


def results_from_report(report: Any) -> list[TestResult]:
    """The judge's per-test reports as the seed's test results (plus time, memory and message)."""
    results = []
    for test in report.tests:
        verdict = str(test.verdict)
        results.append(
            TestResult(
                test_case_id=test.name,
                output=test.output.decode("utf-8", "replace"),
                passed=verdict == "AC",
                error=test.stderr or None,
                verdict=verdict,
                time_ms=test.time_ms,
                memory_kb=test.memory_kb,
                message=test.message,
                mismatch=test.mismatch,
                output_truncated=test.output_truncated,
            )
        )
    return results


def build_history(
    submission: Submission,
    problem: Problem,
    tests: list[TestCase],
    report: Any,
    user_identifier: str,
    job_id: str,
) -> SearchHistory:
    results = results_from_report(report)
    passed = sum(r.passed for r in results)
    total = len(tests)
    verdict = str(report.verdict)
    return SearchHistory(
        id=0,
        user_id=submission.user_id,
        user_identifier=user_identifier,
        problem_id=problem.problem_id,
        platform=problem.platform,
        problem_number=problem.problem_number,
        problem_title=problem.title,
        language=submission.language,
        code=submission.code,
        result_summary="Passed" if verdict == "AC" else "Failed",
        passed_count=passed,
        failed_count=total - passed,
        total_count=total,
        is_code_public=submission.is_code_public,
        test_results=results,
        verdict=verdict,
        compile_message=report.compile.message,
        score=report.score.to_json() if getattr(report, "score", None) is not None else None,
        job_id=job_id,
    )


def store_history_once(repos: Repositories, job: Job, history: SearchHistory) -> SearchHistory:
    """Create the history of this job exactly once, whatever ran before."""
    planned = (job.result or {}).get("history_id")
    while True:
        if planned is None:
            planned = history_ids.next()
            if not repos.jobs.plan_history_id(job.id, planned):
                current = repos.jobs.get_job(job.id)
                planned = (current.result or {}).get("history_id") if current else None
                continue
        existing = repos.histories.load_history(planned)
        if existing is not None:
            if existing.job_id == job.id:
                return existing  # a previous run of this job stored it
            # Another writer took this id (same microsecond elsewhere): plan a new one.
            new_id = history_ids.after(planned)
            repos.jobs.plan_history_id(
                job.id, new_id, replacing=planned
            )  # False: another run re-planned first
            current = repos.jobs.get_job(job.id)
            planned = (current.result or {}).get("history_id") if current else None
            continue
        try:
            return repos.histories.create_history_with_id(history.model_copy(update={"id": planned}))
        except ConditionFailed:
            continue  # someone stored under this id meanwhile: look again


def execute_submission(
    repos: Repositories,
    job: Job,
    submission: Submission,
    progress: Progress,
    *,
    user_identifier: str,
    judge_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Judge a submission for its (claimed) job, store its history once, count the execution; returns the task's
    result (the job tracking around it completes the job with it)."""
    problem, tests = resolve_problem(repos, submission)
    progress("judge", f"judging {len(tests)} tests", 0.0, None)
    from algoitny_tui.judge import SandboxUnavailable, judge  # loads only in the worker, never in the app

    try:
        report = judge(
            problem,
            tests,
            submission.code,
            submission.language,
            on_result=per_test_progress(progress, len(tests)),
            **(judge_options or {}),
        )
    except SandboxUnavailable as exc:  # this machine cannot run programs safely: the job says why
        raise PermanentTaskError(f"cannot judge on this worker: {exc}") from exc
    history = store_history_once(
        repos, job, build_history(submission, problem, tests, report, user_identifier, job.id)
    )
    # A worker killed between these two lines counts the execution twice on its rerun: a count, not data.
    repos.problems.increment_execution_count(problem.platform, problem.problem_number)
    result = {
        "status": "success",
        "history_id": history.id,
        "verdict": history.verdict,
        "result_summary": history.result_summary,
        "passed_count": history.passed_count,
        "failed_count": history.failed_count,
        "total_count": history.total_count,
    }
    if report.sandbox is not None:  # which sandbox ran the tests, kept with the job
        result["sandbox"] = report.sandbox.to_json()
    return result
