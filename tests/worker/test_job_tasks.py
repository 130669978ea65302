"""The job tasks beyond judging (outputs, generators, saved pages, stress tests), in Huey's immediate mode on a real
store, the real judge and interpreters, and the real google-genai client against a local fake Gemini."""

from __future__ import annotations

import base64
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from algoitny_tui.config import load_settings
from algoitny_tui.domain import JobStatus, Limits, Problem, TestCase
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.client import enqueue_job
from algoitny_tui.worker.context import WorkerContext, set_context
from algoitny_tui.worker.tasks import Tasks
from tests.gemini_server import KEY, FakeGemini

FIXTURES = Path(__file__).resolve().parent.parent / "problems" / "fixtures"

REFERENCE = (
    "a, b = map(int, input().split())\n"
    "if a == 7:\n"
    "    print('7' * 100000)\n"  # longer than the judge's 64 KB report cap: stored whole
    "else:\n"
    "    print(a // b)\n"
)
GENERATOR = (
    "import random, sys\nrandom.seed(int(sys.argv[1]))\nprint(random.randint(1, 50), random.randint(1, 50))\n"
)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def put_division(repos: Repositories, inputs: list[str], *, reference: str | None = REFERENCE) -> None:
    problem = Problem(
        platform="algoitny",
        problem_number="div",
        title="Division",
        statement="Print a // b.",
        input_format="Two integers a and b (1 <= a, b <= 50).",
        reference_solution=b64(reference) if reference else None,
        reference_language="python3",
        limits=Limits(time_limit_ms=1000),
    )
    tests = [TestCase(test_case_id="sample/1", input="6 3\n", expected_output="2\n", is_sample=True)]
    tests += [TestCase(test_case_id=f"in/{n}", input=text) for n, text in enumerate(inputs, 1)]
    repos.problems.put_problem(problem, tests)


def run_job(tasks: Tasks, repos: Repositories, kind: str, **params: object) -> Job:
    job = enqueue_job(load_settings(), repos, kind, dict(params), tasks=tasks)
    done = repos.jobs.get_job(job.id)
    assert done is not None
    return done


def steps(repos: Repositories, job: Job) -> list[str]:
    return [p.step for p in repos.jobs.list_progress(job.id)]


@pytest.fixture
def with_gemini(gemini: FakeGemini, immediate: Tasks, repos: Repositories) -> Iterator[FakeGemini]:
    """Immediate tasks whose settings see the fake Gemini's key and endpoint."""
    set_context(WorkerContext(settings=load_settings(), repos=repos, worker_id="test-worker"))
    yield gemini


# --- generate_outputs_task ----------------------------------------------------------------------------------------


def test_generate_outputs_fills_missing_answers_and_leaves_a_failing_input_without_one(
    immediate: Tasks, repos: Repositories
) -> None:
    put_division(repos, ["9 2\n", "7 1\n", "1 0\n"])
    job = run_job(immediate, repos, "generate_outputs_task", platform="algoitny", problem_identifier="div")
    assert job.status == JobStatus.COMPLETED, job.error
    assert job.result is not None and job.result["status"] == "partial" and job.result["generated"] == 2
    [failed] = job.result["failed"]
    assert failed["test"] == "in/3" and failed["verdict"] == "RE" and "ZeroDivisionError" in failed["message"]
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None
    answers = {t.test_case_id: t.expected_output for t in found[1]}
    assert answers == {"sample/1": "2\n", "in/1": "4\n", "in/2": "7" * 100000 + "\n", "in/3": None}
    lines = repos.jobs.list_progress(job.id)
    assert [p.step for p in lines] == ["outputs", "output", "output", "failed"]
    assert (
        "in/3: the reference solution failed: RE" in lines[-1].message
        and "left without output" in lines[-1].message
    )


def test_generate_outputs_again_only_runs_what_is_missing(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, ["9 2\n"])
    run_job(immediate, repos, "generate_outputs_task", platform="algoitny", problem_identifier="div")
    again = run_job(immediate, repos, "generate_outputs_task", platform="algoitny", problem_identifier="div")
    assert again.status == JobStatus.COMPLETED and again.result and again.result["generated"] == 0


def test_generate_outputs_without_a_reference_fails_the_job_clearly(
    immediate: Tasks, repos: Repositories
) -> None:
    put_division(repos, ["9 2\n"], reference=None)
    job = run_job(immediate, repos, "generate_outputs_task", platform="algoitny", problem_identifier="div")
    assert job.status == JobStatus.FAILED
    assert job.error == "problem algoitny#div has no reference solution to make outputs with"


def test_a_reference_failing_everywhere_fails_the_job(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, ["1 0\n", "2 0\n"])
    job = run_job(immediate, repos, "generate_outputs_task", platform="algoitny", problem_identifier="div")
    assert job.status == JobStatus.FAILED and "failed on all 2 inputs" in (job.error or "")


# --- generate_script_task -----------------------------------------------------------------------------------------


def test_generate_script_with_the_users_generator(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, [])
    job = run_job(
        immediate,
        repos,
        "generate_script_task",
        platform="algoitny",
        problem_identifier="div",
        count=4,
        generator_code=GENERATOR,
        generator_language="python3",
    )
    assert job.status == JobStatus.COMPLETED, job.error
    assert job.result and job.result["inputs"] == 4 and job.result["outputs"]["generated"] == 4
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None
    generated = [t for t in found[1] if t.test_case_id.startswith("gen-")]
    assert len(generated) == 4 and found[0].test_case_count == 5
    for seed, test in enumerate(generated, 1):
        rng = random.Random(seed)  # the generator's argv[1] is its seed
        a, b = rng.randint(1, 50), rng.randint(1, 50)
        assert test.input == f"{a} {b}\n" and test.expected_output == f"{a // b}\n"
    assert steps(repos, job).count("input") == 4 and steps(repos, job).count("output") == 4


def test_generate_script_without_generator_or_key_runs_the_template_for_the_input_shape(
    immediate: Tasks, repos: Repositories
) -> None:
    put_division(repos, [])
    job = run_job(
        immediate, repos, "generate_script_task", platform="algoitny", problem_identifier="div", count=3
    )
    assert job.status == JobStatus.COMPLETED, job.error
    assert job.result and job.result["generator"]["source"] == "template"
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None
    generated = [t for t in found[1] if t.test_case_id.startswith("gen-")]
    assert len(generated) == job.result["inputs"] >= 2
    for test in generated:  # the template reads the statement's shape: two numbers in the stated bounds
        a, b = (int(x) for x in test.input.split())
        assert 1 <= a <= 50 and 1 <= b <= 50
        assert test.expected_output == f"{a // b}\n"


def test_generate_script_with_a_generator_from_gemini(
    with_gemini: FakeGemini, immediate: Tasks, repos: Repositories
) -> None:
    put_division(repos, [])
    with_gemini.script((200, json.dumps({"code": GENERATOR})))
    job = run_job(
        immediate, repos, "generate_script_task", platform="algoitny", problem_identifier="div", count=3
    )
    assert job.status == JobStatus.COMPLETED, job.error
    assert job.result and job.result["inputs"] == 3 and job.result["generator"]["source"] == "gemini"
    assert job.result["generator"]["code"] == GENERATOR
    [request] = with_gemini.requests
    # the default model, Google's alias for the current Flash model
    assert request.path == "/v1beta/models/gemini-flash-latest:generateContent" and request.api_key == KEY
    assert request.config["responseSchema"]["properties"]["code"] == {"type": "STRING"}
    assert "Print a // b." in request.prompt and "Two integers a and b (1 <= a, b <= 50)." in request.prompt
    assert "sys.argv[1]" in request.prompt and "6 3" in request.prompt
    assert KEY not in json.dumps(job.model_dump())


# --- extract_problem_info_task ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "problem_id", "title", "samples"),
    [
        ("baekjoon_1546.html", "baekjoon#1546", "평균", 2),
        ("codeforces_1850A.html", "codeforces#1850A", "A. To My Critics", 1),
        ("atcoder_abc300_a.html", "atcoder#abc300_a", "A - N-choice question", 2),
    ],
)
def test_extract_problem_info_from_saved_pages(
    immediate: Tasks,
    repos: Repositories,
    tmp_path: Path,
    page: str,
    problem_id: str,
    title: str,
    samples: int,
) -> None:
    path = tmp_path / page
    shutil.copy(FIXTURES / page, path)
    job = run_job(immediate, repos, "extract_problem_info_task", path=str(path))
    assert job.status == JobStatus.COMPLETED, job.error
    assert (
        job.result and job.result["problem_id"] == problem_id and job.result["extracted_by"] == "page layout"
    )
    platform, number = problem_id.split("#")
    found = repos.problems.get_problem_with_testcases(platform, number)
    assert found is not None and found[0].title == title and len(found[1]) == samples
    assert all(t.is_sample and t.expected_output for t in found[1])
    assert steps(repos, job) == ["read", "parse", "parse", "store"]


def test_extracting_again_keeps_the_tests_and_reference_the_page_does_not_hold(
    immediate: Tasks, repos: Repositories, tmp_path: Path
) -> None:
    path = tmp_path / "cf.html"
    shutil.copy(FIXTURES / "codeforces_1850A.html", path)
    run_job(immediate, repos, "extract_problem_info_task", path=str(path))
    problem = repos.problems.get_problem("codeforces", "1850A")
    assert problem is not None
    repos.problems.put_problem(replace(problem, reference_solution=b64("print(1)")))
    repos.problems.add_test_cases(
        "codeforces", "1850A", [TestCase(test_case_id="secret/1", input="1\n1 1 1\n")]
    )
    run_job(immediate, repos, "extract_problem_info_task", path=str(path))
    found = repos.problems.get_problem_with_testcases("codeforces", "1850A")
    assert found is not None and [t.test_case_id for t in found[1]] == ["sample/1", "secret/1"]
    assert found[0].reference_solution == b64("print(1)")


def test_an_unknown_layout_without_gemini_fails_clearly(immediate: Tasks, repos: Repositories) -> None:
    job = run_job(immediate, repos, "extract_problem_info_task", path=str(FIXTURES / "unknown_layout.html"))
    assert job.status == JobStatus.FAILED
    assert "page layout not recognised" in (job.error or "") and "no Gemini key" in (job.error or "")
    missing = run_job(immediate, repos, "extract_problem_info_task", path="/nonexistent/page.html")
    assert missing.status == JobStatus.FAILED and missing.error == "/nonexistent/page.html: no such file"


def test_an_unknown_layout_is_read_by_gemini(
    with_gemini: FakeGemini, immediate: Tasks, repos: Repositories
) -> None:
    with_gemini.script(
        (
            200,
            json.dumps(
                {
                    "platform": "blog",
                    "problem_number": "",
                    "title": "A+B",
                    "time_limit_ms": 1000,
                    "memory_limit_mb": None,
                    "statement": "Read two numbers.",
                    "input_format": "",
                    "output_format": "",
                    "samples": [{"input": "1 2", "output": "3"}],
                }
            ),
        )
    )
    job = run_job(immediate, repos, "extract_problem_info_task", path=str(FIXTURES / "unknown_layout.html"))
    assert job.status == JobStatus.COMPLETED, job.error
    assert job.result and job.result["problem_id"] == "blog#a-b" and job.result["extracted_by"] == "gemini"
    found = repos.problems.get_problem_with_testcases("blog", "a-b")
    assert found is not None
    problem, tests = found
    assert (problem.title, problem.limits.time_limit_ms, problem.limits.memory_limit_mb) == ("A+B", 1000, 256)
    assert [(t.input, t.expected_output) for t in tests] == [("1 2\n", "3\n")]
    [request] = with_gemini.requests
    assert "Read two numbers." in request.prompt and "My blog: solving A+B" in request.prompt
    assert request.config["responseMimeType"] == "application/json"
    assert "samples" in request.config["responseSchema"]["properties"]
    assert steps(repos, job) == ["read", "parse", "gemini", "parse", "store"]


def test_gemini_answering_no_problem_fails_the_job(
    with_gemini: FakeGemini, immediate: Tasks, repos: Repositories
) -> None:
    with_gemini.script((200, "not json at all"))
    job = run_job(immediate, repos, "extract_problem_info_task", path=str(FIXTURES / "unknown_layout.html"))
    assert job.status == JobStatus.FAILED and "Gemini's answer is not JSON" in (job.error or "")


def test_an_unknown_model_fails_generators_and_extraction_naming_the_setting(
    with_gemini: FakeGemini, immediate: Tasks, repos: Repositories
) -> None:
    with_gemini.script((404, "models/gemini-flash-latest is not found for API version v1beta"))
    put_division(repos, [])
    generator = run_job(
        immediate, repos, "generate_script_task", platform="algoitny", problem_identifier="div", count=3
    )
    page = run_job(immediate, repos, "extract_problem_info_task", path=str(FIXTURES / "unknown_layout.html"))
    for job in (generator, page):
        assert job.status == JobStatus.FAILED and job.attempts == 1  # permanent: not retried
        assert job.error is not None and job.error.startswith(
            "Gemini does not know the model 'gemini-flash-latest'"
        )
        assert "set gemini_model to a current model" in job.error and "Traceback" not in job.error
    assert len(with_gemini.requests) == 2


# --- stress_test_task ---------------------------------------------------------------------------------------------

BRUTE = "a, b = map(int, input().split())\nprint(a // b)\n"
WRONG = "a, b = map(int, input().split())\nprint(a // b if a < 40 else a // b + 1)\n"


def stress(tasks: Tasks, repos: Repositories, code: str, rounds: int = 200) -> Job:
    return run_job(
        tasks,
        repos,
        "stress_test_task",
        platform="algoitny",
        problem_identifier="div",
        code=code,
        language="python3",
        generator_code=GENERATOR,
        generator_language="python3",
        brute_code=BRUTE,
        brute_language="python3",
        max_rounds=rounds,
    )


def first_differing_seed() -> int:
    for seed in range(1, 500):
        rng = random.Random(seed)
        if rng.randint(1, 50) >= 40:
            return seed
    raise AssertionError("no seed makes a >= 40")


def test_stress_test_stores_the_first_input_where_they_differ(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, [])
    job = stress(immediate, repos, WRONG)
    assert job.status == JobStatus.COMPLETED, job.error
    result = job.result or {}
    seed = first_differing_seed()
    rng = random.Random(seed)
    a, b = rng.randint(1, 50), rng.randint(1, 50)
    assert (result["found"], result["round"], result["verdict"]) == (True, seed, "WA")
    assert (result["input"], result["expected"], result["got"]) == (
        f"{a} {b}\n",
        f"{a // b}\n",
        f"{a // b + 1}\n",
    )
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None
    stored = next(t for t in found[1] if t.test_case_id == result["test_case_id"])
    assert (stored.input, stored.expected_output) == (f"{a} {b}\n", f"{a // b}\n")


def test_stress_test_without_a_difference(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, [])
    job = stress(immediate, repos, BRUTE, rounds=12)
    assert job.status == JobStatus.COMPLETED and job.result
    assert (job.result["found"], job.result["rounds"], job.result["cases"]) == (False, 12, 12)
    lines = [p for p in repos.jobs.list_progress(job.id) if p.step == "stress"]
    assert lines[0].detail == {} and lines[-1].detail["cases"] == 12


def test_stress_test_without_a_brute_uses_the_reference_and_leaves_storing_to_the_user(
    immediate: Tasks, repos: Repositories
) -> None:
    put_division(repos, [])  # its reference solution prints a // b, and 7 sevens for a == 7
    job = run_job(
        immediate,
        repos,
        "stress_test_task",
        platform="algoitny",
        problem_identifier="div",
        code=BRUTE,
        language="python3",
        generator_code=GENERATOR,
        generator_language="python3",
        max_rounds=300,
        first_seed=5,
        generator_args=["x"],
        store=False,
    )
    result = job.result or {}
    assert job.status == JobStatus.COMPLETED, job.error
    assert (result["found"], result["reference"], result["verdict"]) == (True, "reference solution", "WA")
    seed = result["seed"]
    assert result["args"] == [str(seed), "x"] and result["cases"] == seed - 4
    assert random.Random(seed).randint(1, 50) == 7  # the first a == 7 from seed 5 on
    assert all(random.Random(s).randint(1, 50) != 7 for s in range(5, seed))
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None and [t.test_case_id for t in found[1]] == ["sample/1"]


def test_stress_test_a_crashing_solution_is_a_difference(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, [])
    job = stress(immediate, repos, "import sys\nsys.exit(3)\n", rounds=5)
    assert job.result and job.result["found"] and job.result["round"] == 1 and job.result["verdict"] == "RE"


def test_stress_test_stops_when_cancelled(immediate: Tasks, repos: Repositories, settings: object) -> None:
    from algoitny_tui.tasks.stress import StressPrograms, stress_test
    from algoitny_tui.worker.jobs import JobRunner

    put_division(repos, [])
    runner = JobRunner.start(repos, "stress_test_task", {}, job_id=None, worker_id="test")
    assert runner is not None
    reports = 0

    def progress(*args: object) -> None:
        nonlocal reports
        runner.progress(*args)  # type: ignore[arg-type]
        reports += 1
        if reports == 2:  # the start line, then the first report of cases done: the user cancels
            repos.jobs.set_status(runner.job.id, JobStatus.CANCELLED)

    with runner:
        result = stress_test(
            repos,
            "algoitny",
            "div",
            StressPrograms(BRUTE, "python3", GENERATOR, "python3", BRUTE, "python3"),
            max_rounds=100_000,
            job_id=runner.job.id,
            cancelled=runner.cancelled,
            progress=progress,
        )
        runner.complete(result)
    assert result["status"] == "cancelled" and result["found"] is False
    assert 0 < result["rounds"] < 100_000
    job = repos.jobs.get_job(runner.job.id)
    assert job is not None and job.status == JobStatus.CANCELLED


def test_stress_test_names_a_program_that_does_not_compile(immediate: Tasks, repos: Repositories) -> None:
    put_division(repos, [])
    job = run_job(
        immediate,
        repos,
        "stress_test_task",
        platform="algoitny",
        problem_identifier="div",
        code=BRUTE,
        language="python3",
        generator_code=GENERATOR,
        generator_language="python3",
        brute_code="int main() { return 0 }",
        brute_language="c",
        max_rounds=3,
    )
    assert job.status == JobStatus.FAILED and (job.error or "").startswith(
        "the brute force (c) does not compile"
    )


def test_recovery_reruns_generate_outputs_and_fails_a_stress_test(
    immediate: Tasks, repos: Repositories
) -> None:
    from algoitny_tui.worker.recovery import recover_orphaned_jobs

    put_division(repos, ["9 2\n"])
    outputs = repos.jobs.create_job(
        "generate_outputs_task", {"platform": "algoitny", "problem_identifier": "div"}
    )
    stress_job = repos.jobs.create_job(
        "stress_test_task", {"platform": "algoitny", "problem_identifier": "div"}
    )
    for job in (outputs, stress_job):
        repos.jobs.try_claim(job.id, "some-other-host:12345")
    outcome = recover_orphaned_jobs(repos, immediate.requeue, stale_after_s=-1)
    assert outcome == {"requeued": [outputs.id], "failed": [stress_job.id]}
    rerun = repos.jobs.get_job(outputs.id)
    assert rerun is not None and rerun.status == JobStatus.COMPLETED and rerun.attempts == 2
    found = repos.problems.get_problem_with_testcases("algoitny", "div")
    assert found is not None and found[1][1].expected_output == "4\n"
    failed = repos.jobs.get_job(stress_job.id)
    assert failed is not None and failed.status == JobStatus.FAILED
    assert "stress_test_task is not safe to run twice" in (failed.error or "")
