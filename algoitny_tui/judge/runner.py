"""judge(): compile once, run every test in parallel in the sandbox, check, report as each test finishes."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from algoitny_tui.domain import CheckerKind, Problem, TestCase, Verdict
from algoitny_tui.judge.checkers import CheckResult, check_text, run_output_checker
from algoitny_tui.judge.compile_cache import (
    COMPILE_TIMEOUT_MS,
    Artifact,
    CompileReport,
    default_cache_dir,
    prepare,
    tool_dirs,
    tool_env,
)
from algoitny_tui.judge.languages import LanguageSpec, ToolchainMissing, detect_language, get_language
from algoitny_tui.judge.report import OUTPUT_KEEP, JudgeReport, TestReport, overall_verdict
from algoitny_tui.judge.run_files import run_io
from algoitny_tui.judge.sandbox import (
    STACK_CAP_MB,
    RunLimits,
    RunResult,
    Sandbox,
    SandboxInfo,
    SandboxUnavailable,
    build_helper,
)
from algoitny_tui.judge.scoring import ScoredTest, score_submission
from algoitny_tui.judge.verdicts import classify
from algoitny_tui.judge.zygote import Zygote, ZygoteUnavailable, zygote_wanted

if TYPE_CHECKING:
    from algoitny_tui.judge.warm_start import WarmStart

DEFAULT_VALIDATION_PASSES = 2


def solution_limits(problem: Problem, spec: LanguageSpec) -> RunLimits:
    lim = problem.limits
    mem_kb = lim.memory_limit_mb * 1024
    rlimit = spec.memory_model == "rlimit"
    return RunLimits(
        cpu_ms=lim.time_limit_ms,
        # CPU time decides TLE; the wall limit only catches programs that sleep or block.
        wall_ms=2 * lim.time_limit_ms + 1000,
        address_space_kb=mem_kb + spec.address_space_extra_mb * 1024 if rlimit else None,
        # deep recursion is normal in contest code: the stack may use the whole memory limit
        stack_kb=min(mem_kb, STACK_CAP_MB * 1024) if rlimit and spec.address_space_extra_mb == 0 else None,
        max_processes=spec.max_processes,
        file_size_kb=max(lim.output_limit_kb, 1024),
        output_limit=lim.output_limit_kb * 1024,
    )


def judge(
    problem: Problem,
    tests: Sequence[TestCase],
    source: str,
    language: str | None = None,
    *,
    source_name: str | None = None,
    jobs: int | None = None,
    fail_fast: bool = False,
    on_result: Callable[[TestReport], None] | None = None,
    languages: Mapping[str, LanguageSpec] | None = None,
    cache_dir: Path | None = None,
    problem_dir: Path | None = None,
    stop_when: Callable[[TestReport], bool] | None = None,
    warm: WarmStart | None = None,
) -> JudgeReport:
    """Judge `source` on `tests`. Raises UnknownLanguage (a ValueError) for a language it does not know, and
    SandboxUnavailable (SandboxRefused) when programs cannot be run safely here: the judge's own failure, not the
    submission's. Every other failure is a verdict (CE for compile errors and missing toolchains, JE for judge
    errors such as a broken checker). `stop_when`: tests not started yet are skipped once a finished test's report
    makes it true (`fail_fast` is the same for any test that failed). `warm`: a zygote started early for this
    solution (warm_start.py), used when it fits the problem; the caller still closes `warm`."""
    if language is None:
        if source_name is None:
            raise ValueError("give `language` or a `source_name` whose extension tells it")
        language = detect_language(source_name, languages)
    spec = get_language(language, languages)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    ordered = [t for _, t in sorted(enumerate(tests), key=lambda it: (it[1].order, it[0]))]
    taken = warm.take(spec, source, cache) if warm is not None else None  # None: it does not fit, now closed
    sandbox, early = taken if taken is not None else (Sandbox(build_helper(cache)), None)
    try:
        # The sandbox's probe (info()) runs while the zygote starts: two process starts at once. A compile does
        # not start before the probe has passed (Sandbox.start waits for it).
        try:
            artifact, creport = prepare(
                spec,
                source,
                cache_dir=cache,
                sandbox=sandbox,
                compile_timeout_ms=problem.limits.compile_time_ms or COMPILE_TIMEOUT_MS,
            )
        except ToolchainMissing as e:
            # CE, not JE: the problem and the judge are fine, this submission's language cannot be built here.
            return JudgeReport(Verdict.CE, [], CompileReport(ok=False, message=str(e)), sandbox.info())
        if artifact is None:
            return JudgeReport(Verdict.CE, [], creport, sandbox.info())
        checker: Artifact | None = None
        if problem.checker.kind in (CheckerKind.KATTIS, CheckerKind.TESTLIB, CheckerKind.INTERACTIVE):
            checker, error = _prepare_checker(problem, cache, sandbox)
            if checker is None:
                return _all(ordered, Verdict.JE, error, creport, on_result, sandbox.info())
        zygote = None
        if problem.checker.kind != CheckerKind.INTERACTIVE and ordered and zygote_wanted(spec, sandbox):
            limits = solution_limits(problem, spec)
            if early is not None and early.serves(artifact, limits):
                zygote, early = early, None
                assert warm is not None
                warm.zygote_used = True
            else:
                try:  # started on the caller's thread: it dies with the thread that started it (PDEATHSIG)
                    zygote = Zygote(sandbox, artifact, limits, wait=False)
                except ZygoteUnavailable:
                    zygote = None  # each run is exec'd, as without a zygote
        if early is not None:  # started for limits or a problem it does not fit
            early.close()
            early = None
        try:
            info = sandbox.info()
            if zygote is not None:
                try:
                    zygote.wait_ready()
                except ZygoteUnavailable:
                    zygote = None  # closed by wait_ready
            report = _run_all(
                problem,
                ordered,
                spec,
                artifact,
                checker,
                sandbox,
                creport,
                zygote,
                jobs=jobs or os.cpu_count() or 1,
                fail_fast=fail_fast,
                on_result=on_result,
                stop_when=stop_when,
            )
            report.sandbox = info
            if problem.scoring is not None and problem.scoring.groups:
                _score(problem, report)
            return report
        finally:
            if zygote is not None:
                zygote.close()
    finally:
        if early is not None:  # an early return (CE, a checker's JE) before the zygotes were sorted out
            early.close()
        sandbox.close()


def _score(problem: Problem, report: JudgeReport) -> None:
    """Attach the submission's score; a score the format calls a judge error makes the verdict JE."""
    assert problem.scoring is not None
    score = score_submission(
        problem.scoring, [ScoredTest(t.name, t.verdict, t.score, t.score_multiplier) for t in report.tests]
    )
    report.score = score
    if score.error:
        report.verdict = Verdict.JE
        for t in report.tests:
            if t.verdict == Verdict.AC:
                t.verdict, t.message = Verdict.JE, f"judge error in scoring: {score.error}"
                break


def _all(
    tests: list[TestCase],
    verdict: Verdict,
    message: str,
    creport: CompileReport,
    on_result: Callable[[TestReport], None] | None,
    sandbox: SandboxInfo | None,
) -> JudgeReport:
    reports = [TestReport(t.test_case_id, verdict, message=message) for t in tests]
    for r in reports:
        if on_result:
            on_result(r)
    return JudgeReport(verdict, reports, creport, sandbox)


def _prepare_checker(problem: Problem, cache: Path, sandbox: Sandbox) -> tuple[Artifact | None, str]:
    cs = problem.checker
    entry = cs.program_entry or (next(iter(cs.program_files)) if len(cs.program_files) == 1 else None)
    if entry is None or entry not in cs.program_files:
        return None, f"the problem's {cs.kind} checker has no program (program_entry {entry!r})"
    try:
        lang = (
            get_language(cs.program_language) if cs.program_language else get_language(detect_language(entry))
        )
        others = {k: v for k, v in cs.program_files.items() if k != entry}
        art, rep = prepare(
            lang,
            cs.program_files[entry],
            cache_dir=cache,
            sandbox=sandbox,
            source_name=Path(entry).name if lang.name != "java" else None,
            extra_files=others,
        )
    except (ToolchainMissing, ValueError) as e:
        return None, f"checker {entry}: {e}"
    if art is None:
        return None, f"checker {entry} failed to compile: {rep.message[:2000]}"
    return art, ""


def _run_all(
    problem: Problem,
    tests: list[TestCase],
    spec: LanguageSpec,
    artifact: Artifact,
    checker: Artifact | None,
    sandbox: Sandbox,
    creport: CompileReport,
    zygote: Zygote | None,
    *,
    jobs: int,
    fail_fast: bool,
    on_result: Callable[[TestReport], None] | None,
    stop_when: Callable[[TestReport], bool] | None = None,
) -> JudgeReport:
    limits = solution_limits(problem, spec)
    results: list[TestReport | None] = [None] * len(tests)
    stop = threading.Event()
    done: queue.Queue[tuple[int, TestReport]] = queue.Queue()

    def work(i: int) -> None:
        test = tests[i]
        if stop.is_set():
            report = TestReport(test.test_case_id, Verdict.SKIPPED, message="skipped: an earlier test failed")
        else:
            try:
                report = _run_one(problem, test, artifact, checker, sandbox, limits, zygote)
            except Exception as e:  # a judge bug must not lose the other tests
                report = TestReport(test.test_case_id, Verdict.JE, message=f"judge error: {e!r}")
            if (fail_fast and report.verdict != Verdict.AC) or (stop_when is not None and stop_when(report)):
                stop.set()
        done.put((i, report))

    # Plain threads taking the next test in order (concurrent.futures would load logging: ~10 ms of every start).
    pending = iter(range(len(tests)))
    taking = threading.Lock()

    def worker() -> None:
        while True:
            with taking:
                i = next(pending, None)
            if i is None:
                return
            work(i)

    threads = [
        threading.Thread(target=worker, name=f"judge-{n}", daemon=True)
        for n in range(min(max(1, jobs), len(tests)))
    ]
    for thread in threads:
        thread.start()
    try:
        # Reports reach on_result on the caller's thread, as each test finishes.
        for _ in range(len(tests)):
            i, report = done.get()
            results[i] = report
            if on_result:
                on_result(report)
    finally:
        stop.set()  # normally a no-op (every test is done); on an interrupt the tests not started are skipped
        for thread in threads:
            thread.join()
    reports = [r for r in results if r is not None]
    return JudgeReport(overall_verdict(reports), reports, creport)


def _run_one(
    problem: Problem,
    test: TestCase,
    artifact: Artifact,
    checker: Artifact | None,
    sandbox: Sandbox,
    limits: RunLimits,
    zygote: Zygote | None = None,
) -> TestReport:
    lim = problem.limits
    input_data = test.input.encode("utf-8", "surrogateescape")
    expected = (
        test.expected_output.encode("utf-8", "surrogateescape") if test.expected_output is not None else None
    )
    if problem.checker.kind == CheckerKind.INTERACTIVE:
        from algoitny_tui.judge.interactive import run_interactive  # only interactive problems need it

        assert checker is not None
        out = run_interactive(
            sandbox,
            artifact,
            checker,
            problem.checker,
            input_data=input_data,
            answer=expected or b"",
            limits=limits,
            memory_limit_mb=lim.memory_limit_mb,
            time_limit_ms=lim.time_limit_ms,
        )
        return TestReport(
            test.test_case_id,
            out.verdict,
            out.solution.cpu_ms,
            out.solution.memory_kb,
            out.message,
            b"",
            out.solution.stderr_text,
            False,
        )

    passes = (lim.validation_passes or DEFAULT_VALIDATION_PASSES) if problem.checker.multi_pass else 1
    feedback: dict[str, bytes] = {}
    cpu_ms = memory_kb = 0
    for number in range(1, passes + 1):
        res, no_answer = _run_program(problem, artifact, sandbox, limits, zygote, input_data)
        cpu_ms, memory_kb = max(cpu_ms, res.cpu_ms), max(memory_kb, res.memory_kb)  # limits are per pass
        run_verdict, message = classify(
            res,
            time_limit_ms=lim.time_limit_ms,
            memory_limit_mb=lim.memory_limit_mb,
            output_limit=limits.output_limit,
            wall_limit_ms=limits.wall_ms,
        )
        check = CheckResult(Verdict.AC)
        if run_verdict is None and no_answer:  # as judges do: no output file is a wrong answer
            verdict, message = Verdict.WA, no_answer
        elif run_verdict is None:
            check = _check(problem, test, checker, sandbox, expected, res.stdout, feedback)
            verdict, message = check.verdict, check.message
        else:
            verdict = run_verdict
        if passes > 1 and number > 1:
            message = f"pass {number}: {message}" if message else f"pass {number}"
        if check.next_input is None or verdict != Verdict.AC:
            break
        if number == passes:
            verdict, message = (
                Verdict.JE,
                (
                    f"the validator asked for pass {number + 1}, but the problem allows "
                    f"{passes} (limits.validation_passes)"
                ),
            )
            break
        input_data, feedback = check.next_input, check.feedback  # the next pass: a fresh run on nextpass.in
    return TestReport(
        test.test_case_id,
        verdict,
        cpu_ms,
        memory_kb,
        message,
        res.stdout[:OUTPUT_KEEP],
        res.stderr_text,
        res.stdout_size > OUTPUT_KEEP,
        check.score,
        check.score_multiplier,
        number,
        mismatch=check.mismatch if verdict == Verdict.WA else None,
    )


def _run_program(
    problem: Problem,
    artifact: Artifact,
    sandbox: Sandbox,
    limits: RunLimits,
    zygote: Zygote | None,
    input_data: bytes,
    args: Sequence[str] = (),
) -> tuple[RunResult, str]:
    """One run on `input_data` (a zygote's when there is one; `args` after its own argv), read and written as
    the problem says; (its result, with the answer in `stdout`, and why there is no answer to check: "" when
    there is one)."""
    lim = problem.limits
    with sandbox.workdir() as (wd, uid), run_io(wd, uid, problem.io, input_data) as rio:
        res = None
        run_limits = rio.limits(limits)
        if zygote is not None:
            try:
                res = zygote.run(
                    workdir=wd, uid=uid, stdin=rio.stdin, stdout=rio.stdout, limits=run_limits, args=args
                )
            except OSError:  # the zygote is gone (it never should be): run this test the plain way
                res = None
            if res is None or res.reason == "lost":
                res = None
                rio.rewind()
        if res is None:
            res = sandbox.run(
                [*artifact.argv(lim.memory_limit_mb), *args],
                workdir=wd,
                uid=uid,
                limits=run_limits,
                stdin=rio.stdin,
                stdout=rio.stdout,
                env=tool_env(wd),
                tools=tool_dirs(artifact.tools),
                readable=[str(artifact.dir)],
            )
        return res, rio.collect(res, limits.output_limit)


def _check(
    problem: Problem,
    test: TestCase,
    checker: Artifact | None,
    sandbox: Sandbox,
    expected: bytes | None,
    output: bytes,
    feedback: dict[str, bytes],
) -> CheckResult:
    """The output check of one run. The validator sees the test's own input file in every pass (the format:
    input_file is not adjusted for multi-pass problems)."""
    if expected is None and checker is None:
        return CheckResult(Verdict.AC, "no expected output: not checked")
    if checker is not None:
        check = run_output_checker(
            problem.checker,
            checker,
            sandbox,
            input_data=test.input.encode("utf-8", "surrogateescape"),
            answer=expected or b"",
            output=output,
            time_limit_ms=problem.limits.time_limit_ms,
            limits=problem.limits,
            feedback_files=feedback,
        )
        custom_score = problem.scoring is not None and problem.scoring.custom_score
        if not custom_score and (check.score is not None or check.score_multiplier is not None):
            return CheckResult(Verdict.JE, "the validator wrote a score, but the problem is not scored by it")
        return check
    return check_text(output, expected or b"", problem.checker)


def checker_error(problem: Problem, *, cache_dir: Path | None = None) -> str | None:
    """Why the problem's custom checker cannot be built (it does not compile, its toolchain is missing, it has no
    program), naming its file; None when it builds or the problem has no custom checker. Importers call this so
    a broken package is refused before anything is stored."""
    if problem.checker.kind not in (CheckerKind.KATTIS, CheckerKind.TESTLIB, CheckerKind.INTERACTIVE):
        return None
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        sandbox = Sandbox(build_helper(cache))
        sandbox.info()
    except SandboxUnavailable as e:
        return str(e)
    try:
        checker, error = _prepare_checker(problem, cache, sandbox)
        return None if checker is not None else error
    finally:
        sandbox.close()
