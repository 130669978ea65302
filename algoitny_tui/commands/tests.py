"""`algoitny tests ACTION PROBLEM_ID ...`: a problem's tests: list, add, edit and delete your own, run a solution on
them, and fill in missing answers from a solution (generate_outputs_task).

--json prints: list {"tests": [TEST, ...]}; add and edit {"test": TEST}; delete {"deleted": NAME};
generate-answers {"job_id", "status", "generated", "generated_tests": [NAME, ...], "failed": [{"test", "verdict",
"message"}]}; run: the object of `algoitny judge --json`. TEST is {"name", "sample", "source": "user" | "import",
"answer": bool}.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from algoitny_tui.commands.common import EXIT_NOT_ACCEPTED, EXIT_OK, CommandError, print_json
from algoitny_tui.domain import TestCase

MAX_TEST_BYTES = 64 * 1024 * 1024
"""Largest input or answer file read into a test (it is stored whole, in chunk items when large)."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tests", help="a problem's tests: list, add, edit, delete, run, generate answers"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help)
        sub.add_argument("problem_id", metavar="PROBLEM_ID", help="platform#number, e.g. baekjoon#1000")
        sub.add_argument("--json", action="store_true", help="print JSON")
        return sub

    action("list", "the problem's tests: name, sample, source (user or import), answer")
    add = action("add", "add a test of your own (user/N)")
    add.add_argument("--input", required=True, type=Path, metavar="FILE", help="the test's input")
    add.add_argument(
        "--answer", type=Path, metavar="FILE", help="its expected answer (default: no answer yet)"
    )
    add.add_argument("--sample", action="store_true", help="mark it as a sample")
    edit = action("edit", "change one of your tests")
    edit.add_argument("name", metavar="NAME", help="the test's name, e.g. user/1")
    edit.add_argument("--input", type=Path, metavar="FILE", help="a new input")
    answer = edit.add_mutually_exclusive_group()
    answer.add_argument("--answer", type=Path, metavar="FILE", help="a new expected answer")
    answer.add_argument("--no-answer", action="store_true", help="forget the answer (to generate it again)")
    edit.add_argument(
        "--sample", action=argparse.BooleanOptionalAction, default=None, help="mark as a sample, or not"
    )
    delete = action("delete", "delete one of your tests")
    delete.add_argument("name", metavar="NAME")
    run_one = action(
        "run", "judge a solution locally on the problem's tests, or on one (no history is written)"
    )
    run_one.add_argument("solution", metavar="SOLUTION", help="source file of the solution")
    run_one.add_argument("--test", metavar="NAME", help="only this test")
    run_one.add_argument("--language", "-l", help="language (default: from the file extension)")
    run_one.add_argument("--jobs", "-j", type=int, help="tests run at once (default: number of cores)")
    run_one.add_argument("--fail-fast", action="store_true", help="stop at the first test that fails")
    generate = action(
        "generate-answers",
        "answers for the tests without one, from the reference solution (or --solution), run by the worker",
    )
    generate.add_argument("--solution", type=Path, metavar="FILE", help="answer with this solution instead")
    generate.add_argument("--language", help="the solution's language (default: from the file extension)")
    generate.add_argument(
        "--timeout", type=float, default=600, help="give up waiting after this many seconds"
    )
    parser.set_defaults(run=run)


def test_json(case: TestCase) -> dict[str, Any]:
    return {
        "name": case.test_case_id,
        "sample": case.is_sample,
        "source": case.source,
        "answer": case.expected_output is not None,
    }


def read_text_file(path: Path, what: str) -> str:
    """A test's input or answer, as text; a clear error naming the file otherwise."""
    try:
        if path.is_dir():
            raise CommandError(f"{what} {path}: is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_TEST_BYTES:
            raise CommandError(
                f"{what} {path}: {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_TEST_BYTES // (1024 * 1024)} MB"
            )
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise CommandError(f"{what} {path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{what} {path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise CommandError(f"{what} {path}: {exc.strerror}") from None


def _problem_key(problem_id: str) -> tuple[str, str]:
    from algoitny_tui.domain import split_problem_id

    try:
        return split_problem_id(problem_id)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    platform, number = _problem_key(args.problem_id)  # before anything is read or started
    if args.action == "run":
        from algoitny_tui.commands import judge

        judge_args = argparse.Namespace(
            problem=args.problem_id,
            solution=args.solution,
            language=args.language,
            jobs=args.jobs,
            fail_fast=args.fail_fast,
            json=args.json,
            input_file=None,  # a stored problem judges with its own file I/O
            output_file=None,
        )
        return judge.run(judge_args, stored_only=True, only_test=args.test)
    if args.action == "generate-answers":
        return _generate_answers(args, platform, number)
    return _change(args, platform, number)


def _change(args: argparse.Namespace, platform: str, number: str) -> int:
    """list, add, edit, delete: the files are read first, so a bad one changes nothing."""
    from algoitny_tui.commands.store_access import repositories
    from algoitny_tui.storage.problem_repository import NotUserTest, ProblemNotFound, TestNotFound

    input_text = read_text_file(args.input, "input") if getattr(args, "input", None) else None
    answer = read_text_file(args.answer, "answer") if getattr(args, "answer", None) else None
    try:
        with repositories(writing=args.action != "list") as repos:
            problems = repos.problems
            if args.action == "list":
                found = problems.get_problem_with_testcases(platform, number)
                if found is None:
                    raise ProblemNotFound(args.problem_id)
                return _print_list(found[1], args.json)
            if args.action == "add":
                case = problems.add_user_test(platform, number, input_text or "", answer, sample=args.sample)
                return _print_test("added", case, args.json)
            if args.action == "edit":
                changes: dict[str, Any] = {"sample": args.sample}
                if input_text is not None:
                    changes["input"] = input_text
                if answer is not None or args.no_answer:
                    changes["expected_output"] = answer
                if input_text is None and answer is None and not args.no_answer and args.sample is None:
                    raise CommandError(
                        "tests edit: nothing to change: give --input, --answer, --no-answer, "
                        "--sample or --no-sample"
                    )
                case = problems.update_user_test(platform, number, args.name, **changes)
                return _print_test("changed", case, args.json)
            problems.delete_user_test(platform, number, args.name)
    except ProblemNotFound:
        raise CommandError(
            f"problem {args.problem_id} is not stored (see `algoitny problems list`)"
        ) from None
    except (TestNotFound, NotUserTest) as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print_json({"deleted": args.name})
    else:
        print(f"deleted {args.name} from {args.problem_id}")
    return EXIT_OK


def _print_list(cases: list[TestCase], as_json: bool) -> int:
    if as_json:
        print_json({"tests": [test_json(c) for c in cases]})
        return EXIT_OK
    if not cases:
        print("no tests yet: `algoitny tests add PROBLEM_ID --input FILE` adds one")
    width = max((len(c.test_case_id) for c in cases), default=4)
    for c in cases:
        answer = "" if c.expected_output is not None else "  no answer yet"
        print(f"{c.test_case_id:<{width}}  {'sample' if c.is_sample else '      '}  {c.source:<6}{answer}")
    return EXIT_OK


def _print_test(done: str, case: TestCase, as_json: bool) -> int:
    if as_json:
        print_json({"test": test_json(case)})
    else:
        answer = "with its answer" if case.expected_output is not None else "no answer yet"
        print(f"{done} {case.test_case_id} ({'sample, ' if case.is_sample else ''}{answer})")
    return EXIT_OK


def _generate_answers(args: argparse.Namespace, platform: str, number: str) -> int:
    from algoitny_tui.commands.queued import queue_and_wait
    from algoitny_tui.commands.store_access import repositories
    from algoitny_tui.commands.submit import language_of, read_source
    from algoitny_tui.config import Settings
    from algoitny_tui.domain import JobStatus
    from algoitny_tui.models import Job
    from algoitny_tui.storage.factory import Repositories
    from algoitny_tui.worker.client import MAX_CODE_BYTES, enqueue_job

    params: dict[str, Any] = {"platform": platform, "problem_identifier": number}
    if args.solution is not None:
        code = read_source(args.solution)
        size = len(code.encode("utf-8", "surrogatepass"))
        if size > MAX_CODE_BYTES:  # the job keeps the code, as a submission's does
            raise CommandError(
                f"{args.solution}: {size // 1024} KB; the limit for a solution is {MAX_CODE_BYTES // 1024} KB"
            )
        params |= {"solution_code": code, "solution_language": language_of(args.solution, args.language)}

    with repositories() as repos:  # checked before a worker is started for the job
        found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise CommandError(f"problem {args.problem_id} is not stored (see `algoitny problems list`)")
    problem, tests = found
    if args.solution is None and not problem.reference_solution:
        raise CommandError(f"problem {args.problem_id} has no reference solution: pass --solution FILE")
    if not any(t.expected_output is None for t in tests):
        if args.json:
            print_json(
                {"job_id": None, "status": "completed", "generated": 0, "generated_tests": [], "failed": []}
            )
        else:
            print(f"every test of {args.problem_id} has an answer: nothing to do")
        return EXIT_OK

    def start(settings: Settings, repos: Repositories) -> Job:
        return enqueue_job(settings, repos, "generate_outputs_task", params)

    def on_progress(line: Any) -> None:
        if not args.json:
            print(f"  {line.message}", file=sys.stderr, flush=True)

    def finish(repos: Repositories, done: Job) -> Job:
        return done

    wait_args = argparse.Namespace(wait=True, json=args.json, timeout=args.timeout)
    job = queue_and_wait(wait_args, start, finish, on_progress=on_progress)
    assert job is not None  # queue_and_wait returns None only without --wait
    result = job.result or {}
    if job.status != JobStatus.COMPLETED or result.get("status") == "error":
        raise CommandError(
            f"job {job.id} {job.status.value}: {job.error or result.get('error')}", code=EXIT_NOT_ACCEPTED
        )
    failed = list(result.get("failed") or [])
    if args.json:
        print_json(
            {
                "job_id": job.id,
                "status": job.status.value,
                "generated": int(result.get("generated") or 0),
                "generated_tests": list(result.get("generated_tests") or []),
                "failed": failed,
            }
        )
    else:
        print(f"{result.get('generated', 0)} answers generated (job {job.id})")
        for fail in failed:
            print(f"  {fail.get('test')}: {fail.get('message')}")
    return EXIT_NOT_ACCEPTED if failed else EXIT_OK
