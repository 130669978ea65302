"""`algoitny generator PROBLEM_ID [--language L] [--out FILE] [--add-tests N [--from GEN]] [--json]`.

A random-input generator for a stored problem (tasks/generator_drafts.py: Gemini's draft, smoke-run in the sandbox,
or a template for the input's shape), printed or written to a new file; with `--add-tests N`, the generator (GEN, or
the draft) runs N times in a worker (`generate_script_task`) and its inputs become the problem's tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from algoitny_tui.commands.common import EXIT_OK, CommandError, print_json, settings_or_exit
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.domain import JobStatus, split_problem_id
from algoitny_tui.models import Job
from algoitny_tui.storage.factory import Repositories

MAX_TESTS = 1000


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "generator",
        help="a random-input generator for a problem (Gemini's, or a template for its input shape)",
    )
    parser.add_argument("problem_id", metavar="PROBLEM_ID", help="platform#number, e.g. builtin#0021")
    parser.add_argument(
        "--language", help="the generator's language (default: python3; with --from, from GEN's extension)"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write it to this new file (never overwritten)"
    )
    parser.add_argument(
        "--add-tests",
        type=int,
        metavar="N",
        help="run it N times in a worker and store the inputs as tests (answers from the reference solution)",
    )
    parser.add_argument(
        "--from",
        dest="generator_file",
        type=Path,
        metavar="GEN",
        help="with --add-tests: run this generator instead of drafting one",
    )
    parser.add_argument("--wait", action="store_true", help="with --add-tests: wait for the job and print it")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def _language(name: str) -> str:
    from algoitny_tui.judge.languages import UnknownLanguage, get_language, languages_from_settings

    settings = settings_or_exit()
    try:
        return get_language(
            name, languages_from_settings(settings.languages) if settings.languages else None
        ).name
    except UnknownLanguage as exc:
        raise CommandError(f"--language: {exc}") from None


def run(args: argparse.Namespace) -> int:
    try:
        platform, number = split_problem_id(args.problem_id)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if args.add_tests is not None and not 1 <= args.add_tests <= MAX_TESTS:
        raise CommandError(f"--add-tests: give a number from 1 to {MAX_TESTS} (got {args.add_tests})")
    if args.generator_file is not None and args.add_tests is None:
        raise CommandError("--from GEN goes with --add-tests N")
    if args.out is not None and args.out.exists():
        raise CommandError(f"--out: {args.out} exists; it is not overwritten (choose a new file)")
    language = _language(args.language or "python3")
    with repositories() as repos:
        found = repos.problems.get_problem_with_testcases(platform, number)
        if found is None:
            raise CommandError(f"problem {args.problem_id} is not stored (see `algoitny problems list`)")
        problem, tests = found
        if args.generator_file is not None:
            code = _read_generator(args.generator_file)
            return _add_tests(args, repos, platform, number, (code, _generator_language(args)), None)
        from algoitny_tui.tasks.generator_drafts import draft_generator, write_draft

        draft = draft_generator(problem, language, settings_or_exit(), tests=tests)
        if args.out is not None:
            try:
                write_draft(draft, args.out)
            except FileExistsError:
                raise CommandError(
                    f"--out: {args.out} exists; it is not overwritten (choose a new file)"
                ) from None
            except OSError as exc:
                raise CommandError(f"--out: cannot write {args.out}: {exc.strerror}") from None
        if args.add_tests is not None:
            return _add_tests(args, repos, platform, number, (draft.source, draft.language), draft.as_json())
    if args.json:
        print_json(
            {"problem_id": problem.problem_id, **draft.as_json(), "path": str(args.out) if args.out else None}
        )
    elif args.out is not None:
        print(f"wrote {args.out}: a {draft.language} generator ({draft.origin}): {draft.note}")
    else:
        print(f"# {draft.origin} generator in {draft.language}: {draft.note}", file=sys.stderr)
        sys.stdout.write(draft.source)
    return EXIT_OK


def _generator_language(args: argparse.Namespace) -> str:
    """--language when given, else GEN's extension."""
    from algoitny_tui.judge.languages import UnknownLanguage, detect_language

    if args.language:
        return _language(args.language)
    try:
        return detect_language(args.generator_file)
    except UnknownLanguage as exc:
        raise CommandError(f"--from: {exc}: give --language") from None


def _read_generator(path: Path) -> str:
    from algoitny_tui.worker.client import MAX_CODE_BYTES

    if not path.is_file():
        raise CommandError(f"--from: {path}: no such file")
    if path.stat().st_size > MAX_CODE_BYTES:
        raise CommandError(f"--from: {path} is larger than {MAX_CODE_BYTES // 1024} KB")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"--from: {path} is not UTF-8 text") from None


def _add_tests(
    args: argparse.Namespace,
    repos: Repositories,
    platform: str,
    number: str,
    generator: tuple[str, str],
    draft: dict[str, Any] | None,
) -> int:
    """Queue generate_script_task with the generator; with --wait, run a worker if none is alive and wait."""
    from algoitny_tui.commands.queued import worker_for
    from algoitny_tui.worker.client import enqueue_job, pull_what_workers_wrote, wait_for_job

    settings = settings_or_exit()
    params = {
        "platform": platform,
        "problem_identifier": number,
        "count": args.add_tests,
        "generator_code": generator[0],
        "generator_language": generator[1],
    }
    with worker_for(settings, args.wait):
        job = enqueue_job(settings, repos, "generate_script_task", params)
        if not args.wait:
            if args.json:
                print_json({"job_id": job.id, "status": job.status.value, "generator": draft})
            else:
                print(f"queued as job {job.id} (`algoitny jobs show {job.id}` follows it)")
            return EXIT_OK
        try:
            done = wait_for_job(
                repos, job.id, timeout_s=args.timeout, on_progress=None if args.json else _print_progress
            )
        except TimeoutError as exc:
            raise CommandError(str(exc), code=1) from None
        pull_what_workers_wrote(settings, repos)
    return _finish(args, done, draft)


def _print_progress(line: Any) -> None:
    print(f"  {line.step}: {line.message}", file=sys.stderr)


def _finish(args: argparse.Namespace, job: Job, draft: dict[str, Any] | None) -> int:
    result = job.result or {}
    if args.json:
        print_json(
            {
                "job_id": job.id,
                "status": job.status.value,
                "result": result,
                "error": job.error,
                "generator": draft,
            }
        )
    if job.status is not JobStatus.COMPLETED or result.get("status") == "error":
        if not args.json:
            print(
                f"algoitny: job {job.id} {job.status.value}: {job.error or result.get('error')}",
                file=sys.stderr,
            )
        return 1
    if not args.json:
        print(
            f"added {result.get('inputs', 0)} generated tests to {args.problem_id} (job {job.id})"
            + (f"; {result['note']}" if result.get("note") else "")
        )
    return EXIT_OK
