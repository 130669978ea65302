"""`algoitny problems [list | show ID] [--json]`: the stored problems."""

from __future__ import annotations

import argparse
import base64
from typing import Any

from algoitny_tui.codec import split_problem_id
from algoitny_tui.commands.common import EXIT_OK, CommandError, print_json
from algoitny_tui.commands.store_access import repositories
from algoitny_tui.models import Problem


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("problems", help="list stored problems, or show one")
    parser.add_argument("action", nargs="?", choices=["list", "show"], default="list")
    parser.add_argument("problem_id", nargs="?", metavar="ID", help="platform#number, e.g. baekjoon#1000")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--tag", help="list: only problems with this tag")
    parser.add_argument("--search", default="", help="list: only problems whose title, number or tags contain this")
    parser.add_argument("--solution", action="store_true", help="show: include the reference solution")
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
        if not args.problem_id:
            raise CommandError("problems show needs a problem id, e.g. algoitny problems show baekjoon#1000")
        return _show(args)
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


def _show(args: argparse.Namespace) -> int:
    try:
        platform, number = split_problem_id(args.problem_id)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    with repositories() as repos:
        found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise CommandError(f"problem {args.problem_id} is not stored (see `algoitny problems list`)")
    problem, tests = found
    data = problem.model_dump(mode="json")
    solution = data.pop("reference_solution")
    if args.solution and solution:
        data["reference_solution"] = base64.b64decode(solution).decode("utf-8", "replace")
    data["id"] = problem.problem_id
    data["samples"] = [{"name": t.test_case_id, "input": t.input, "output": t.expected_output}
                       for t in tests if t.is_sample]
    data["tests"] = len(tests)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{problem.problem_id}  {problem.title}")
    limits = problem.limits
    print(f"time limit {limits.time_limit_ms} ms, memory limit {limits.memory_limit_mb} MB, {len(tests)} tests")
    if problem.tags:
        print("tags: " + ", ".join(problem.tags))
    print()
    print(problem.statement or problem.statement_ko or "(no statement)")
    for sample in data["samples"]:
        print(f"\n--- sample {sample['name']} input\n{sample['input']}--- output\n{sample['output'] or ''}")
    if args.solution and "reference_solution" in data:
        print(f"\n--- reference solution ({problem.reference_language})\n{data['reference_solution']}")
    return EXIT_OK
