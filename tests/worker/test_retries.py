"""Retries: transient failures (DynamoDB throttling, Gemini 429 and 5xx) are retried by Huey with backoff; anything
else, a verdict included, is not; a task that fails for good leaves a clear error on its job.

Huey's immediate mode does not retry (a retry with a delay goes to the schedule, which only a consumer reads), so
these tests run a real `algoitny worker` process against the fake Gemini on loopback.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.tasks.errors import is_transient
from algoitny_tui.worker.client import enqueue_job, submit, wait_for_job
from algoitny_tui.worker.tasks import tasks_for
from tests.gemini_server import KEY, FakeGemini

UNKNOWN_PAGE = str(Path(__file__).resolve().parent.parent / "problems" / "fixtures" / "unknown_layout.html")
PROBLEM_JSON = json.dumps(
    {
        "platform": "blog",
        "problem_number": "ab",
        "title": "A+B",
        "statement": "Add.",
        "samples": [{"input": "1 2\n", "output": "3\n"}],
    }
)


def test_gemini_429_twice_then_ok_completes_after_two_retries(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any
) -> None:
    gemini.script(
        (429, "Resource has been exhausted"), (429, "Resource has been exhausted"), (200, PROBLEM_JSON)
    )
    settings = load_settings()
    start_consumer(wait_alive=settings, workers=1)
    started = time.monotonic()
    job = enqueue_job(settings, repos, "extract_problem_info_task", {"path": UNKNOWN_PAGE})
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.status == JobStatus.COMPLETED, done.error
    assert done.attempts == 3 and len(gemini.requests) == 3
    assert time.monotonic() - started >= 3.0  # backoff: 1 s, then 2 s
    assert repos.problems.get_problem("blog", "ab") is not None
    assert KEY not in json.dumps(done.model_dump())


def test_a_permanent_failure_and_a_verdict_are_not_retried(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any
) -> None:
    gemini.script((400, "API key not valid. Please pass a valid API key."))
    settings = load_settings()
    start_consumer(wait_alive=settings, workers=2)
    job = enqueue_job(settings, repos, "extract_problem_info_task", {"path": UNKNOWN_PAGE})
    wrong = submit(settings, repos, "baekjoon#1000", "print(0)\n", "python3", user_identifier="wa")
    failed = wait_for_job(repos, job.id, timeout_s=60)
    judged = wait_for_job(repos, wrong.id, timeout_s=60)
    time.sleep(2.5)  # longer than the first retry delay: a retry would have come by now
    assert failed.status == JobStatus.FAILED
    assert failed.error == (
        "Gemini refused the key (HTTP 400: API key not valid. Please pass a valid API key.): "
        "check gemini_api_key (or GEMINI_API_KEY)"
    )
    assert len(gemini.requests) == 1
    again = repos.jobs.get_job(job.id)
    assert again is not None and again.attempts == 1 and again.status == JobStatus.FAILED
    assert judged.status == JobStatus.COMPLETED and judged.result and judged.result["verdict"] == "WA"
    judged_again = repos.jobs.get_job(wrong.id)
    assert judged_again is not None and judged_again.attempts == 1
    assert len(repos.histories.iter_user_histories("wa")) == 1


def test_a_transient_failure_on_the_last_attempt_fails_the_job_clearly(
    gemini: FakeGemini, repos: Repositories, start_consumer: Any
) -> None:
    gemini.script((503, "The model is overloaded."))
    settings = load_settings()
    start_consumer(wait_alive=settings, workers=1)
    tasks = tasks_for(settings)
    job = repos.jobs.create_job("extract_problem_info_task", {"path": UNKNOWN_PAGE})
    # The same task with one retry and no delay, so giving up takes a second, not the 31 s of the real backoff.
    task = tasks.extract_problem_info_task.s(UNKNOWN_PAGE, job_id=job.id)
    task.retries, task.retry_delay = 1, 0
    tasks.huey.enqueue(task)
    done = wait_for_job(repos, job.id, timeout_s=60)
    assert done.status == JobStatus.FAILED
    assert done.error == "gave up after 2 attempts: Gemini server error (HTTP 503: The model is overloaded.)"
    assert len(gemini.requests) == 2


def test_dynamodb_throttling_is_transient_and_a_validation_error_is_not() -> None:
    def client_error(code: str, status: int) -> ClientError:
        return ClientError(
            {"Error": {"Code": code, "Message": "..."}, "ResponseMetadata": {"HTTPStatusCode": status}},
            "PutItem",
        )

    assert is_transient(client_error("ProvisionedThroughputExceededException", 400))
    assert is_transient(client_error("ThrottlingException", 400))
    assert is_transient(client_error("InternalServerError", 500))
    assert not is_transient(client_error("ValidationException", 400))
    assert not is_transient(client_error("ConditionalCheckFailedException", 400))
