"""`algoitny problems [list | show ID | set-io ID] [--json]`: the stored problems, and where a problem's program
reads and writes (file I/O problems)."""

from __future__ import annotations

import argparse
import base64
from typing import Any

from algoitny_tui.commands.common import EXIT_OK, CommandError, print_json
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.domain import Problem, split_problem_id, to_json
from algoitny_tui.file_io import FileIO, check_io_file_name


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("problems", help="list stored problems, show one, or set its file I/O")
    parser.add_argument("action", nargs="?", choices=["list", "show", "set-io"], default="list")
    parser.add_argument("problem_id", nargs="?", metavar="ID", help="platform#number, e.g. baekjoon#1000")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--tag", help="list: only problems with this tag")
    parser.add_argument(
        "--search", default="", help="list: only problems whose title, number or tags contain this"
    )
    parser.add_argument("--solution", action="store_true", help="show: include the reference solution")
    io = parser.add_argument_group(
        "set-io", "where the problem's program reads and writes (unchanged when not given)"
    )
    source = io.add_mutually_exclusive_group()
    source.add_argument(
        "--input-file", metavar="NAME", help="set-io: the program reads this file (e.g. input.txt)"
    )
    source.add_argument("--stdin", action="store_true", help="set-io: the program reads standard input")
    target = io.add_mutually_exclusive_group()
    target.add_argument(
        "--output-file", metavar="NAME", help="set-io: the program writes this file (e.g. output.txt)"
    )
    target.add_argument("--stdout", action="store_true", help="set-io: the program writes standard output")
    io.add_argument(
        "--input-on-stdin",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="set-io: with --input-file, give the input on standard input too",
    )
    parser.set_defaults(run=run)


def summary(problem: Problem) -> dict[str, Any]:
    return {
        "id": problem.problem_id,
        "title": problem.title,
        "tests": problem.test_case_count,
        "tags": problem.tags,
        "difficulty": problem.difficulty,
    }


def run(args: argparse.Namespace) -> int:
    if args.action == "show":
        return _show(args)
    if args.action == "set-io":
        return _set_io(args)
    with repositories() as repos:
        problems = repos.problems.search_problems(args.search, tag=args.tag)
    if args.json:
        print_json({"problems": [summary(p) for p in problems]})
        return EXIT_OK
    if not problems:
        print("no problems stored yet: `algoitny import PATH` adds some")
    width = max((len(p.problem_id) for p in problems), default=0)
    for p in problems:
        tags = ", ".join(p.tags)
        print(f"{p.problem_id:<{width}}  {p.title}  ({p.test_case_count} tests{'; ' + tags if tags else ''})")
    return EXIT_OK


def _problem_key(problem_id: str | None, action: str) -> tuple[str, str]:
    if not problem_id:
        raise CommandError(
            f"problems {action} needs a problem id, e.g. algoitny problems {action} baekjoon#1000"
        )
    try:
        return split_problem_id(problem_id)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc


def _set_io(args: argparse.Namespace) -> int:
    """Change only what was asked; with no option, print the problem's current file I/O."""
    platform, number = _problem_key(args.problem_id, "set-io")
    try:
        input_file = None if args.input_file is None else check_io_file_name(args.input_file, "--input-file")
        output_file = (
            None if args.output_file is None else check_io_file_name(args.output_file, "--output-file")
        )
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    with repositories() as repos:
        problem = repos.problems.get_problem(platform, number)
        if problem is None:
            raise CommandError(f"problem {args.problem_id} is not stored (see `algoitny problems list`)")
        current = problem.io
        changed = FileIO(
            None if args.stdin else input_file or current.input_file,
            None if args.stdout else output_file or current.output_file,
            current.input_on_stdin if args.input_on_stdin is None else args.input_on_stdin,
        )
        if changed.input_on_stdin and changed.input_file is None:
            raise CommandError(
                "--input-on-stdin needs an input file (--input-file NAME): with standard input "
                "the input is on standard input anyway"
            )
        if changed != current:
            problem = repos.problems.set_file_io(platform, number, changed)
    if args.json:
        print_json(
            {
                "id": problem.problem_id,
                "input_file": problem.input_file,
                "output_file": problem.output_file,
                "input_on_stdin": problem.input_on_stdin,
            }
        )
    else:
        print(f"{problem.problem_id}: {problem.io.describe()}")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    platform, number = _problem_key(args.problem_id, "show")
    with repositories() as repos:
        found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise CommandError(f"problem {args.problem_id} is not stored (see `algoitny problems list`)")
    problem, tests = found
    data = to_json(problem)
    solution = data.pop("reference_solution")
    if args.solution and solution:
        data["reference_solution"] = base64.b64decode(solution).decode("utf-8", "replace")
    data["id"] = problem.problem_id
    data["samples"] = [
        {"name": t.test_case_id, "input": t.input, "output": t.expected_output} for t in tests if t.is_sample
    ]
    data["tests"] = len(tests)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{problem.problem_id}  {problem.title}")
    limits = problem.limits
    print(
        f"time limit {limits.time_limit_ms} ms, memory limit {limits.memory_limit_mb} MB, {len(tests)} tests"
    )
    if problem.tags:
        print("tags: " + ", ".join(problem.tags))
    if problem.io.uses_files:
        print(f"file I/O: the program {problem.io.describe()}")
    print()
    print(problem.statement or problem.statement_ko or "(no statement)")
    for sample in data["samples"]:
        print(f"\n--- sample {sample['name']} input\n{sample['input']}--- output\n{sample['output'] or ''}")
    if args.solution and "reference_solution" in data:
        print(f"\n--- reference solution ({problem.reference_language})\n{data['reference_solution']}")
    return EXIT_OK
