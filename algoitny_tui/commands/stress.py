"""`algoitny stress PROBLEM SOLUTION --generator GEN [--brute BRUTE] [--count N] [--seed S] [--json]`.

Runs judge/stress.py here (no queue): the generator, the brute force (else the problem's reference solution, else
its checker) and the solution in the judge's sandbox, cases in parallel, until the first difference. Exit 1 when
one was found, 0 when none in N cases, 2 on bad input (a missing file, an unknown language, a program that does not
compile or a generator that fails, a problem that cannot be stress tested).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from algoitny_tui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    at_least_one,
    print_json,
)
from algoitny_tui.verdict_style import VERDICT_STYLE

DEFAULT_COUNT = 1000
HEADER_SUFFIXES = (".h", ".hpp", ".hh")
MAX_HEADERS = 20
MAX_HEADER_BYTES = 4 * 2**20
SHOWN_CHARS = 2000


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "stress", help="look for an input where a solution and a brute force differ"
    )
    parser.add_argument(
        "problem", metavar="PROBLEM_ID", help="a stored id like baekjoon#1000, or a problem directory"
    )
    parser.add_argument("solution", metavar="SOLUTION", help="source file of your solution")
    parser.add_argument(
        "--generator",
        "-g",
        metavar="GEN",
        required=True,
        help="source file of a generator: `gen SEED [ARGS...]` prints one input",
    )
    parser.add_argument(
        "--brute",
        "-b",
        metavar="BRUTE",
        help="source file of a slow, surely right solution (default: the problem's reference "
        "solution, else its checker)",
    )
    parser.add_argument(
        "--count",
        "-n",
        type=at_least_one,
        default=DEFAULT_COUNT,
        help=f"cases at most (default {DEFAULT_COUNT})",
    )
    parser.add_argument(
        "--seed", "-s", type=int, default=1, help="seed of the first case (default 1; case k: S+k-1)"
    )
    parser.add_argument(
        "--gen-args",
        default="",
        metavar="ARGS",
        help="more arguments for the generator, after the seed (shell words: '--n 10 --max 100')",
    )
    parser.add_argument("--language", "-l", help="language of SOLUTION (default: from the file extension)")
    parser.add_argument(
        "--jobs", "-j", type=at_least_one, help="cases run at once (default: number of cores)"
    )
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from algoitny_tui.judge import SandboxUnavailable, UnknownLanguage
    from algoitny_tui.judge.stress import StressError

    try:
        return _run(args)
    except (StressError, UnknownLanguage) as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
    except SandboxUnavailable as exc:
        raise CommandError(f"cannot run programs: {exc}", EXIT_BAD_INPUT) from exc


def _source(path_text: str, what: str, language: str | None, languages: dict[str, Any]) -> Any:
    from algoitny_tui.judge import detect_language, get_language
    from algoitny_tui.judge.stress import Source

    path = Path(path_text)
    if not path.is_file():
        raise CommandError(f"{what} {path}: no such file", EXIT_BAD_INPUT)
    try:
        code = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise CommandError(f"{what} {path}: {exc.strerror}", EXIT_BAD_INPUT) from exc
    name = get_language(language, languages).name if language else detect_language(path, languages)
    return Source(code, name, _headers_beside(path))


def _headers_beside(path: Path) -> tuple[tuple[str, str], ...]:
    """C and C++ headers in the program's folder (testlib.h beside a testlib generator), compiled with it."""
    if path.suffix.lower() not in (".c", ".cc", ".cpp", ".cxx", ".c++"):
        return ()
    headers = sorted(p for p in path.parent.iterdir() if p.suffix.lower() in HEADER_SUFFIXES and p.is_file())
    if len(headers) > MAX_HEADERS or sum(p.stat().st_size for p in headers) > MAX_HEADER_BYTES:
        raise CommandError(
            f"{path.parent}: more than {MAX_HEADERS} headers or {MAX_HEADER_BYTES // 2**20} MB of them "
            "beside the program (they are compiled with it): keep it in a folder of its own",
            EXIT_BAD_INPUT,
        )
    return tuple((p.name, p.read_text(encoding="utf-8", errors="surrogateescape")) for p in headers)


def _run(args: argparse.Namespace) -> int:
    from algoitny_tui.commands.judge import _judge_settings, _load_dir, _load_stored
    from algoitny_tui.judge.languages import languages_from_settings
    from algoitny_tui.judge.stress import stress

    try:
        generator_args = shlex.split(args.gen_args)
    except ValueError as exc:
        raise CommandError(f"--gen-args: {exc}", EXIT_BAD_INPUT) from exc
    configs, default_jobs = _judge_settings()
    languages = languages_from_settings(configs)
    solution = _source(args.solution, "solution", args.language, languages)
    generator = _source(args.generator, "generator", None, languages)
    brute = _source(args.brute, "brute force", None, languages) if args.brute else None
    problem_path = Path(args.problem)
    problem, _ = _load_dir(problem_path) if problem_path.is_dir() else _load_stored(args.problem)

    options: dict[str, Any] = {
        "count": args.count,
        "first_seed": args.seed,
        "generator_args": generator_args,
        "jobs": args.jobs or default_jobs,
        "languages": languages,
    }
    if sys.stdout.isatty() and not args.json:
        outcome = _stress_live(problem, solution, generator, brute, options)
    else:
        outcome = stress(problem, solution, generator, brute, **options)
    if args.json:
        print_json({"problem_id": problem.problem_id, **outcome.to_json()})
    else:
        _print_outcome(outcome, args.generator, args.count)
    return EXIT_NOT_ACCEPTED if outcome.found else EXIT_OK


def _stress_live(problem: Any, solution: Any, generator: Any, brute: Any, options: dict[str, Any]) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from algoitny_tui.judge.stress import StressProgress, stress

    with Progress(
        TextColumn("[bold]stress[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("cases"),
        TextColumn("{task.fields[speed]}"),
        TimeElapsedColumn(),
        console=Console(),
        transient=True,
    ) as progress:
        task = progress.add_task("cases", total=options["count"], speed="")

        def on_progress(p: StressProgress) -> None:
            progress.update(task, completed=p.cases, speed=f"{p.per_second:.0f} cases/s")

        return stress(problem, solution, generator, brute, on_progress=on_progress, **options)


def _cut(text: str) -> str:
    return (
        text
        if len(text) <= SHOWN_CHARS
        else text[:SHOWN_CHARS] + f"\n... ({len(text) - SHOWN_CHARS} more characters)"
    )


def _print_outcome(outcome: Any, generator_path: str, count: int) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    speed = f"{outcome.cases / outcome.elapsed_s:.0f} cases/s" if outcome.elapsed_s > 0 else ""
    ce = outcome.counterexample
    if ce is None:
        console.print(
            f"[green]no difference[/] in {outcome.cases} cases (seeds {outcome.first_seed}.."
            f"{outcome.first_seed + outcome.cases - 1}, answers from the {outcome.reference}), "
            f"{outcome.elapsed_s:.1f} s, {speed}"
        )
        return
    v = str(ce.verdict)
    console.print(
        f"[{VERDICT_STYLE.get(v, 'bold')}]{v}[/] on case {ce.case}, seed {ce.seed} "
        f"({outcome.elapsed_s:.1f} s, {speed}): {escape(ce.message)}"
    )
    console.print(f"input again: {shlex.join([generator_path, *ce.args])}", markup=False)
    for title, text in (
        ("input", ce.text("input")),
        (f"expected ({outcome.reference})", ce.text("expected") if ce.expected is not None else None),
        ("got", ce.text("got")),
    ):
        if text is None:
            continue
        console.print(f"[bold]--- {title}[/]")
        console.print(_cut(text).rstrip("\n"), markup=False)
    diff = ce.diff()
    if diff:
        console.print("[bold]--- diff[/]")
        console.print(_cut(diff).rstrip("\n"), markup=False)
