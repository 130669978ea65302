"""`algoitny judge PROBLEM SOLUTION [--language L] [--jobs N] [--fail-fast] [--json]`.

PROBLEM is a problem directory (a Kattis or Polygon package, a folder of NAME.in + NAME.out/.ans, or another
judge's test layout: see problems/other_layouts.py) or a stored problem id such as `baekjoon#1000`. Exit 0 when
accepted, 1 when not, 2 on bad input (missing file, unknown language, broken problem).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from algoitny_tui.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_NOT_ACCEPTED,
    EXIT_OK,
    CommandError,
    at_least_one,
    language_help,
    print_json,
    settings_or_exit,
)
from algoitny_tui.domain import Problem, TestCase, Verdict
from algoitny_tui.file_io import check_io_file_name
from algoitny_tui.locations import SettingsError, settings_given
from algoitny_tui.verdict_style import VERDICT_STYLE

if TYPE_CHECKING:
    from algoitny_tui.judge.report import JudgeReport, TestReport


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("judge", help="judge a solution on a problem's tests")
    parser.add_argument(
        "problem", metavar="PROBLEM", help="problem directory, or a stored id like baekjoon#1000"
    )
    parser.add_argument("solution", metavar="SOLUTION", help="source file of the solution")
    parser.add_argument("--language", "-l", help=language_help("from the file extension"))
    parser.add_argument(
        "--jobs", "-j", type=at_least_one, help="tests run at once (default: number of cores)"
    )
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first test that fails")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    parser.add_argument(
        "--input-file",
        metavar="NAME",
        help="the program reads this file instead of standard input (overrides the problem's)",
    )
    parser.add_argument(
        "--output-file",
        metavar="NAME",
        help="the program writes this file instead of standard output (overrides the problem's)",
    )
    parser.set_defaults(run=run, exit_at_once=True)  # judge() leaves no thread, file or process behind


def _load_dir(path: Path) -> tuple[Problem, list[TestCase]]:
    from algoitny_tui.problems import ProblemFormatError, load_problem_dir

    try:
        return load_problem_dir(path)
    except ProblemFormatError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc


def _load_stored(problem_id: str) -> tuple[Problem, list[TestCase]]:
    """A stored problem and its tests, by `platform#number`. (Lead: storage entry point; imported lazily.)"""
    from algoitny_tui.commands.store_access import repositories
    from algoitny_tui.domain import split_problem_id

    try:
        platform, number = split_problem_id(problem_id)
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
    with repositories() as repos:
        found = repos.problems.get_problem_with_testcases(platform, number)
    if found is None:
        raise CommandError(
            f"no stored problem {problem_id!r} (and no directory of that name)", EXIT_BAD_INPUT
        )
    return found


# The only settings the judge reads.
JUDGE_SETTINGS = ("languages", "judge_jobs", "judge_sandbox")


def _judge_settings() -> tuple[dict[str, Any], int | None]:
    """The user's languages and default jobs. When neither is set anywhere, the defaults are taken without loading
    (and validating) every setting: that costs a sixth of judging a small problem."""
    try:
        if not settings_given(JUDGE_SETTINGS):
            return {}, None
    except SettingsError as exc:
        raise CommandError(str(exc)) from exc
    settings = settings_or_exit()
    return dict(settings.languages), settings.judge_jobs


def run(args: argparse.Namespace, *, stored_only: bool = False, only_test: str | None = None) -> int:
    """`judge`; also `tests run`: a stored problem only (`stored_only`), and one of its tests (`only_test`)."""
    from algoitny_tui.judge import SandboxUnavailable

    try:
        return _run(args, stored_only, only_test)
    except SandboxUnavailable as exc:  # the judge cannot run programs here: one line, no verdict
        raise CommandError(f"cannot judge: {exc}", EXIT_BAD_INPUT) from exc


def _run(args: argparse.Namespace, stored_only: bool, only_test: str | None) -> int:
    # Only the language table before the zygote starts: the runner, checkers and problem load while it boots
    from algoitny_tui.judge.languages import (
        UnknownLanguage,
        detect_language,
        get_language,
        languages_from_settings,
    )
    from algoitny_tui.judge.warm_start import warm_start

    solution = Path(args.solution)
    if not solution.is_file():
        raise CommandError(f"{solution}: no such file", EXIT_BAD_INPUT)
    try:
        source = solution.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise CommandError(f"{solution}: {exc.strerror}", EXIT_BAD_INPUT) from exc

    configs, default_jobs = _judge_settings()
    languages = languages_from_settings(configs)
    try:
        language = (
            get_language(args.language, languages).name
            if args.language
            else detect_language(solution, languages)
        )
    except UnknownLanguage as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc

    with warm_start(get_language(language, languages), source) as warm:
        from algoitny_tui.judge import judge

        problem, tests = _problem_and_tests(args, stored_only, only_test)
        jobs = args.jobs or default_jobs
        live = sys.stdout.isatty() and not args.json

        def judged(on_result: Callable[[TestReport], None]) -> JudgeReport:
            return judge(
                problem,
                tests,
                source,
                language,
                source_name=solution.name,
                jobs=jobs,
                fail_fast=args.fail_fast,
                on_result=on_result,
                languages=languages,
                warm=warm,
            )

        def plain(r: TestReport) -> None:
            if not args.json:
                print(f"{r.name}\t{r.verdict}\t{r.time_ms} ms\t{r.memory_kb} KB\t{r.message}", flush=True)

        report = _judge_live(judged, len(tests)) if live else judged(plain)
    if args.json:
        print_json(report.to_json())
    elif live:
        _print_table(report)
    else:
        _print_summary(report)
    return EXIT_OK if report.verdict == Verdict.AC else EXIT_NOT_ACCEPTED


def _problem_and_tests(
    args: argparse.Namespace, stored_only: bool, only_test: str | None
) -> tuple[Problem, list[TestCase]]:
    """The problem (with this run's --input-file / --output-file) and its tests, or the one `only_test` names."""
    try:
        names: dict[str, Any] = {
            field: check_io_file_name(value, f"--{field.replace('_', '-')}")
            for field, value in (("input_file", args.input_file), ("output_file", args.output_file))
            if value is not None
        }
    except ValueError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from exc
    problem_path = Path(args.problem)
    if problem_path.is_dir() and not stored_only:
        problem, tests = _load_dir(problem_path)
    else:
        problem, tests = _load_stored(args.problem)
    if names:  # for this run only: a stored problem keeps its own (algoitny problems set-io changes it)
        problem = replace(problem, **names)
    if only_test is not None:
        tests = [t for t in tests if t.test_case_id == only_test]
        if not tests:
            raise CommandError(
                f"problem {args.problem} has no test named {only_test!r} (see `algoitny tests list`)",
                EXIT_BAD_INPUT,
            )
    return problem, tests


def _judge_live(judged: Callable[[Callable[[TestReport], None]], JudgeReport], total: int) -> JudgeReport:
    """`judged` under a live progress bar with the verdicts counted so far (a terminal, not --json)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    counts: Counter[str] = Counter()
    console = Console()
    with Progress(
        TextColumn("[bold]judging[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[counts]}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("tests", total=total, counts="")

        def on_result(r: TestReport) -> None:
            counts[str(r.verdict)] += 1
            summary = "  ".join(f"[{VERDICT_STYLE.get(v, '')}]{v}[/] {n}" for v, n in sorted(counts.items()))
            progress.update(task, advance=1, counts=summary)

        return judged(on_result)


def _print_table(report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not report.compile.ok:
        console.print("[bold blue]CE[/] compilation failed:")
        console.print(report.compile.message, markup=False, highlight=False)
        return
    table = Table(title=None)
    table.add_column("test")
    table.add_column("verdict")
    table.add_column("time", justify="right")
    table.add_column("memory", justify="right")
    table.add_column("message", overflow="fold")
    for t in report.tests:
        v = str(t.verdict)
        table.add_row(
            t.name,
            f"[{VERDICT_STYLE.get(v, '')}]{v}[/]",
            f"{t.time_ms} ms",
            f"{t.memory_kb} KB",
            t.message.replace("[", "\\["),
        )
    console.print(table)
    v = str(report.verdict)
    passed = sum(1 for t in report.tests if t.verdict == Verdict.AC)
    console.print(
        f"[{VERDICT_STYLE.get(v, '')}]{v}[/]  {passed}/{len(report.tests)} tests passed{_score_text(report)}",
        highlight=False,
    )


def _print_summary(report: Any) -> None:
    if not report.compile.ok:
        print("CE\tcompilation failed")
        print(report.compile.message)
        return
    passed = sum(1 for t in report.tests if t.verdict == Verdict.AC)
    print(f"{report.verdict}\t{passed}/{len(report.tests)} tests passed{_score_text(report)}")


def _score_text(report: Any) -> str:
    """`, score 70/100 (secret/group1 40/40, secret/group2 30/60)` for scoring problems, else nothing."""
    from algoitny_tui.verdict_style import describe_score

    if report.score is None:
        return ""
    if report.score.error:
        return f", no score: {report.score.error}"
    return ", " + describe_score(report.score.to_json())
