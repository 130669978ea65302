"""Stress testing: a generator makes inputs, a reference answers them, the solution must agree, until it does not.

Case k (1, 2, ..., count) runs the generator as `gen SEED ARGS...` with SEED = first seed + k - 1 (the common
`gen SEED` convention: testlib's registerGen reads argv as it is), then the reference on that input, then the
solution; the problem's checker rules decide whether they agree. The reference is the brute force when one is
given, else the problem's reference solution, else (no answer at all) the problem's own checker program judges the
solution's output on the input alone.

Every program runs in the judge's sandbox, compiled once through the judge's compile cache; interpreted languages
with a zygote (Python) fork from a warm interpreter, and when no program has one (compiled languages), each core
keeps one sandbox up and runs its cases in it (batch.py), each program still a run of its own. Cases run in
parallel, one per core. The result is the
counterexample with the smallest case number, whatever order the cases finished in: the same seed gives the same
counterexample on any machine.
"""

from __future__ import annotations

import difflib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from algoitny_tui.domain import CheckerKind, Limits, Problem, TestCase, Verdict
from algoitny_tui.judge.batch import SEED, Batch, BatchProgram, BatchUnavailable, batch_wanted, open_batch
from algoitny_tui.judge.compile_cache import Artifact, default_cache_dir, prepare, tool_dirs
from algoitny_tui.judge.forkserver import forkserver_wanted, hook_object, hookable, with_hook
from algoitny_tui.judge.languages import LanguageSpec, ToolchainMissing, get_language
from algoitny_tui.judge.runner import _check, _prepare_checker, _run_program, solution_limits
from algoitny_tui.judge.sandbox import RunLimits, RunResult, Sandbox, build_helper
from algoitny_tui.judge.verdicts import classify
from algoitny_tui.judge.zygote import Zygote, ZygoteUnavailable, zygote_wanted

STANDARD_IO: dict[str, Any] = {"input_file": None, "output_file": None, "input_on_stdin": False}

PROGRESS_EVERY_S = 0.2
BATCH_AHEAD = 2
"""Cases queued in each batch at once: the helper starts the next case while its thread checks the last one."""
SHOWN_STDERR = 500
BRUTE = "brute force"
REFERENCE = "reference solution"
CHECKER = "checker"


class StressError(Exception):
    """A program of the stress test cannot do its part (it does not compile, the generator or the brute force
    failed, the problem cannot be stress tested): the message says which program and why."""


@dataclass(frozen=True)
class Source:
    code: str
    language: str
    headers: tuple[tuple[str, str], ...] = ()
    """(file name, text) of headers compiled beside the source: testlib.h next to a testlib generator."""


@dataclass
class StressProgress:
    cases: int
    """Cases finished so far."""
    elapsed_s: float

    @property
    def per_second(self) -> float:
        return self.cases / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def line(self, count: int) -> str:
        return f"{self.cases}/{count} cases, {self.per_second:.0f}/s, {self.elapsed_s:.1f} s"


@dataclass
class Counterexample:
    case: int
    seed: int
    args: list[str]
    """The generator's whole argument list: `gen *args` makes this input again."""
    input: bytes
    expected: bytes | None
    """The reference's answer (None when the problem's checker judged without one)."""
    got: bytes
    verdict: Verdict
    message: str

    def text(self, which: str) -> str:
        data = getattr(self, which)
        return "" if data is None else data.decode("utf-8", "replace")

    def diff(self, context: int = 3) -> str:
        """Unified diff, expected -> got; empty when there is no expected answer."""
        if self.expected is None:
            return ""
        return "".join(
            difflib.unified_diff(
                self.text("expected").splitlines(keepends=True),
                self.text("got").splitlines(keepends=True),
                "expected",
                "got",
                n=context,
            )
        )


@dataclass
class StressOutcome:
    cases: int
    """Cases up to and including the counterexample, or every case run when there is none."""
    first_seed: int
    generator_args: list[str]
    reference: str
    """What answered: BRUTE, REFERENCE or CHECKER."""
    elapsed_s: float
    counterexample: Counterexample | None = None
    stopped: bool = False
    """Stopped before `count` cases without a counterexample."""

    @property
    def found(self) -> bool:
        return self.counterexample is not None

    def to_json(self) -> dict[str, Any]:
        ce = self.counterexample
        out: dict[str, Any] = {
            "found": ce is not None,
            "cases": self.cases,
            "seed": ce.seed if ce else None,
            "first_seed": self.first_seed,
            "generator_args": self.generator_args,
            "args": ce.args if ce else None,
            "reference": self.reference,
            "input": ce.text("input") if ce else None,
            "expected": ce.text("expected") if ce and ce.expected is not None else None,
            "got": ce.text("got") if ce else None,
            "verdict": str(ce.verdict) if ce else None,
            "message": ce.message if ce else None,
            "stopped": self.stopped,
            "elapsed_s": round(self.elapsed_s, 3),
            "per_second": round(self.cases / self.elapsed_s, 1) if self.elapsed_s > 0 else None,
        }
        return out


HELPER_CPU_FLOOR_MS = 10_000


def helper_run_limits(problem: Problem) -> Limits:
    """Limits for generators and brute-force solutions: the problem's memory, a generous CPU time."""
    lim = problem.limits
    return replace(lim, time_limit_ms=max(HELPER_CPU_FLOOR_MS, 5 * lim.time_limit_ms))


def helper_limits(problem: Problem) -> Problem:
    """The problem as generators and brute forces run it: its memory, a generous CPU time."""
    return replace(problem, limits=helper_run_limits(problem))


def reference_of(problem: Problem, brute: Source | None) -> tuple[Source | None, str]:
    """What answers the inputs: the brute force, else the problem's reference solution, else its checker program.
    StressError when none can."""
    if brute is not None:
        return brute, BRUTE
    from algoitny_tui.codec import decode_solution

    code = decode_solution(problem.reference_solution)
    if code:
        return Source(code, problem.reference_language or "python3"), REFERENCE
    if problem.checker.kind in (CheckerKind.KATTIS, CheckerKind.TESTLIB):
        return None, CHECKER
    raise StressError(
        f"problem {problem.problem_id} has no reference solution and its checker needs the answer: "
        "give a brute force (--brute)"
    )


@dataclass
class _Role:
    name: str
    artifact: Artifact
    problem: Problem
    """The problem as this program runs it (generators and brute forces: helper limits)."""
    limits: RunLimits
    zygote: Zygote | None
    forkserver: bool = False
    """Linked with the fork server hook (forkserver.py): a batch execs it once and forks it for each case."""

    def run(
        self, sandbox: Sandbox, input_data: bytes, args: Sequence[str] = ()
    ) -> tuple[RunResult, Verdict | None, str]:
        res, no_answer = _run_program(
            self.problem, self.artifact, sandbox, self.limits, self.zygote, input_data, args
        )
        verdict, message = self.verdict(res)
        if verdict is None and no_answer:  # a file I/O problem's output file missing: as the judge, WA
            verdict, message = Verdict.WA, no_answer
        return res, verdict, message

    def verdict(self, res: RunResult) -> tuple[Verdict | None, str]:
        lim = self.problem.limits
        return classify(
            res,
            time_limit_ms=lim.time_limit_ms,
            memory_limit_mb=lim.memory_limit_mb,
            output_limit=self.limits.output_limit,
            wall_limit_ms=self.limits.wall_ms,
        )

    def batch_program(self, key: str, generator_args: Sequence[str] | None = None) -> BatchProgram | None:
        """This program as a batch runs it under `key`; a generator (generator_args not None) gets each case's seed
        first, then its arguments. None when it must run alone: a warm zygote starts it faster, or it reads or
        writes named files."""
        if self.zygote is not None or self.problem.input_file or self.problem.output_file:
            return None
        argv = self.artifact.argv(self.problem.limits.memory_limit_mb)
        return BatchProgram(
            key,
            argv if generator_args is None else [*argv, SEED, *generator_args],
            self.limits,
            seed_at=None if generator_args is None else len(argv),
            tools=tool_dirs(self.artifact.tools),
            readable=[str(self.artifact.dir)],
            forkserver=self.forkserver,
        )


def _failure(role: str, seed: int, res: RunResult, verdict: Verdict, message: str) -> str:
    what = "on seed" if role == "generator" else "on the input of seed"
    stderr = res.stderr_text.strip()[-SHOWN_STDERR:]
    return (
        f"the {role} failed {what} {seed}: {verdict}{' ' + message if message else ''}"
        f"{'; stderr: ' + stderr if stderr else ''}"
    )


@dataclass
class _Shared:
    """What the case threads share, under `lock`."""

    count: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_case: int = 1
    finished: int = 0
    found: Counterexample | None = None
    error: tuple[int, str] | None = None
    last_report: float = 0.0

    def first_unwanted(self) -> int:
        """The first case not wanted (the caller holds the lock): past a counterexample (or a failing helper),
        nothing smaller can come."""
        ends = [
            self.count + 1,
            self.found.case if self.found else None,
            self.error[0] if self.error else None,
        ]
        return min(e for e in ends if e is not None)

    def claim(self, stop: threading.Event) -> int | None:
        with self.lock:
            if stop.is_set() or self.next_case >= self.first_unwanted():
                return None
            case = self.next_case
            self.next_case += 1
            return case

    def wanted(self, case: int, stop: threading.Event) -> bool:
        """Whether a claimed case still matters (not stopped, no smaller case ended the test)."""
        with self.lock:
            return not stop.is_set() and case < self.first_unwanted()


class _Run:
    def __init__(
        self,
        problem: Problem,
        roles: Mapping[str, _Role],
        checker: Artifact | None,
        sandbox: Sandbox,
        first_seed: int,
        generator_args: Sequence[str],
    ) -> None:
        self.problem, self.roles, self.checker, self.sandbox = problem, roles, checker, sandbox
        self.first_seed, self.generator_args = first_seed, list(generator_args)

    def batch_programs(self) -> list[BatchProgram] | None:
        """The case's programs as one batch runs them (generator, reference, solution), or None when one of them
        must run alone (see _Role.batch_program)."""
        if not batch_wanted():
            return None
        programs = [
            self.roles[key].batch_program(key, self.generator_args if key == "generator" else None)
            for key in ("generator", "reference", "solution")
            if key in self.roles
        ]
        return None if any(p is None for p in programs) else [p for p in programs if p is not None]

    def seed(self, case: int) -> int:
        return self.first_seed + case - 1

    def case(self, case: int, ran: Mapping[str, RunResult] | None = None) -> Counterexample | str | None:
        """None: they agree; a Counterexample; or a string saying which helper program failed. `ran`: the case's
        results from a batch (Batch.receive); without them the programs run here, each in a sandbox of its own."""
        seed = self.seed(case)
        args = [str(seed), *self.generator_args]

        def run(
            key: str, input_data: bytes, args: Sequence[str] = ()
        ) -> tuple[RunResult, Verdict | None, str]:
            role = self.roles[key]
            if ran is None:
                return role.run(self.sandbox, input_data, args)
            res = ran.get(key)
            if res is None:  # a batch skips the programs after a failing one, where this case stopped already
                raise RuntimeError(f"the batch did not run the {role.name}")
            return (res, *role.verdict(res))

        gen, verdict, message = run("generator", b"", args)
        if verdict is not None:
            return _failure("generator", seed, gen, verdict, message)
        expected: bytes | None = None
        reference = self.roles.get("reference")
        if reference is not None:
            ref, verdict, message = run("reference", gen.stdout)
            if verdict is not None:
                return _failure(reference.name, seed, ref, verdict, message)
            expected = ref.stdout
        mine, verdict, message = run("solution", gen.stdout)
        if verdict is None:
            test = TestCase(
                test_case_id=f"stress/{seed}",
                input=gen.stdout.decode("utf-8", "surrogateescape"),
                expected_output=None if expected is None else expected.decode("utf-8", "surrogateescape"),
            )
            check = _check(self.problem, test, self.checker, self.sandbox, expected, mine.stdout, {})
            verdict, message = check.verdict, check.message
        if verdict == Verdict.AC:
            return None
        return Counterexample(case, seed, args, gen.stdout, expected, mine.stdout, verdict, message)


def stress(
    problem: Problem,
    solution: Source,
    generator: Source,
    brute: Source | None = None,
    *,
    count: int,
    first_seed: int = 1,
    generator_args: Sequence[str] = (),
    jobs: int | None = None,
    cache_dir: Path | None = None,
    languages: Mapping[str, LanguageSpec] | None = None,
    on_progress: Callable[[StressProgress], None] | None = None,
    stop: threading.Event | None = None,
) -> StressOutcome:
    """Run up to `count` cases; see the module's docstring. Raises StressError (a program that cannot do its part,
    a problem that cannot be stress tested), UnknownLanguage, SandboxUnavailable."""
    if count < 1:
        raise StressError(f"the number of cases must be at least 1 (got {count})")
    shape = (
        "interactive"
        if problem.checker.kind == CheckerKind.INTERACTIVE
        else ("multi-pass" if problem.checker.multi_pass else None)
    )
    if shape:
        raise StressError(
            f"problem {problem.problem_id} is {shape}: a stress test compares the output of one run, "
            "which such a problem does not have"
        )
    answer, kind = reference_of(problem, brute)
    stop = stop or threading.Event()
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    sandbox = Sandbox(build_helper(cache))
    started = time.monotonic()
    try:
        sandbox.info()
        with ExitStack() as zygotes:
            helper = helper_limits(problem)
            roles = {
                "generator": _prepare_role(  # a generator writes its case to stdout, whatever the problem reads
                    "generator",
                    generator,
                    replace(helper, **STANDARD_IO),
                    sandbox,
                    cache,
                    languages,
                    zygotes,
                ),
                "solution": _prepare_role("solution", solution, problem, sandbox, cache, languages, zygotes),
            }
            if answer is not None:
                roles["reference"] = _prepare_role(kind, answer, helper, sandbox, cache, languages, zygotes)
            checker = None
            if problem.checker.kind in (CheckerKind.KATTIS, CheckerKind.TESTLIB):
                checker, error = _prepare_checker(problem, cache, sandbox)
                if checker is None:
                    raise StressError(error)
            run = _Run(problem, roles, checker, sandbox, first_seed, generator_args)
            shared = _Shared(count)
            started = time.monotonic()
            _run_parallel(run, shared, stop, jobs or os.cpu_count() or 1, started, on_progress)
    finally:
        sandbox.close()
    elapsed = time.monotonic() - started
    if shared.error is not None and (shared.found is None or shared.error[0] < shared.found.case):
        raise StressError(shared.error[1])
    if on_progress is not None:
        on_progress(StressProgress(shared.finished, elapsed))
    found = shared.found
    return StressOutcome(
        cases=found.case if found else shared.finished,
        first_seed=first_seed,
        generator_args=list(generator_args),
        reference=kind,
        elapsed_s=elapsed,
        counterexample=found,
        stopped=found is None and shared.finished < count,
    )


def _prepare_role(
    name: str,
    source: Source,
    problem: Problem,
    sandbox: Sandbox,
    cache: Path,
    languages: Mapping[str, LanguageSpec] | None,
    zygotes: ExitStack,
) -> _Role:
    spec = get_language(source.language, languages)
    compile_timeout_ms = problem.limits.compile_time_ms or 30_000
    try:
        artifact = _hooked(spec, source, problem, sandbox, cache, compile_timeout_ms)
        forkserver = artifact is not None
        if artifact is None:
            artifact, report = prepare(
                spec,
                source.code,
                cache_dir=cache,
                sandbox=sandbox,
                compile_timeout_ms=compile_timeout_ms,
                extra_files=dict(source.headers),
            )
    except ToolchainMissing as e:
        raise StressError(f"the {name} ({spec.name}) cannot be built here: {e}") from e
    if artifact is None:
        raise StressError(f"the {name} ({spec.name}) does not compile: {report.message[:2000]}")
    limits = solution_limits(problem, spec)
    zygote = None
    if zygote_wanted(spec, sandbox):
        try:  # on the caller's thread, which outlives the case threads (the zygote dies with its thread)
            zygote = zygotes.enter_context(_closing(Zygote(sandbox, artifact, limits)))
        except ZygoteUnavailable:
            zygote = None
    return _Role(name, artifact, problem, limits, zygote, forkserver)


def _hooked(
    spec: LanguageSpec,
    source: Source,
    problem: Problem,
    sandbox: Sandbox,
    cache: Path,
    compile_timeout_ms: int,
) -> Artifact | None:
    """The program linked with the fork server hook, when it can be (see forkserver.py); None: build it plainly
    (a compile error is then reported from the plain compile, as without the hook)."""
    if not (forkserver_wanted() and batch_wanted() and hookable(spec)):
        return None
    if problem.input_file or problem.output_file:  # such a program never runs in a batch
        return None
    hook = hook_object(spec, cache, sandbox)
    if hook is None:
        return None
    artifact, _ = prepare(
        with_hook(spec, hook),
        source.code,
        cache_dir=cache,
        sandbox=sandbox,
        compile_timeout_ms=compile_timeout_ms,
        extra_files=dict(source.headers),
        readable=[str(hook)],
    )
    return artifact


@contextmanager
def _closing(zygote: Zygote) -> Iterator[Zygote]:
    try:
        yield zygote
    finally:
        zygote.close()


@dataclass
class _Worker:
    """What one case thread has under way, for the others to see."""

    queued: deque[int] = field(default_factory=deque)
    """Cases sent to its batch (or claimed) and not finished, oldest first (ascending: claims only grow)."""
    batch: Batch | None = None

    def interrupt_from(self, limit: int) -> None:
        """End the batch's running case when every case it has queued is `limit` or past it (none is wanted)."""
        try:
            oldest = self.queued[0]
        except IndexError:
            return
        if self.batch is not None and oldest >= limit:
            self.batch.interrupt()


def _run_parallel(
    run: _Run,
    shared: _Shared,
    stop: threading.Event,
    jobs: int,
    started: float,
    on_progress: Callable[[StressProgress], None] | None,
) -> None:
    programs = run.batch_programs()
    workers: list[_Worker] = []

    def work(me: _Worker) -> None:
        with ExitStack() as stack:  # closing a batch with cases still queued ends them (Batch._stop)
            batch: Batch | None = None
            use_batch = programs is not None
            queued = me.queued
            while True:
                ran: dict[str, RunResult] | None = None
                if use_batch and programs is not None:
                    try:  # keep BATCH_AHEAD cases queued: the helper runs the next while this thread checks one
                        batch = me.batch = batch or stack.enter_context(open_batch(run.sandbox, programs))
                        while len(queued) < BATCH_AHEAD and (ahead := shared.claim(stop)) is not None:
                            queued.append(ahead)
                            batch.send(run.seed(ahead))
                        if queued and shared.wanted(queued[0], stop):
                            ran = batch.receive()
                    except BatchUnavailable:  # the queued cases and the next ones run the plain way
                        use_batch = False
                elif not queued and (claimed := shared.claim(stop)) is not None:
                    queued.append(claimed)
                if not queued or not shared.wanted(queued[0], stop):
                    return  # nothing left, or a smaller case ended the test: what is queued is not needed
                case = queued.popleft()
                try:
                    result = run.case(case, ran)
                except Exception as e:  # a judge bug: reported like a failing helper, never a silent pass
                    result = f"judge error on case {case}: {e!r}"
                _finish(case, result)

    def _finish(case: int, result: Counterexample | str | None) -> None:
        report = None
        with shared.lock:
            shared.finished += 1
            if isinstance(result, Counterexample) and (shared.found is None or case < shared.found.case):
                shared.found = result
            elif isinstance(result, str) and (shared.error is None or case < shared.error[0]):
                shared.error = (case, result)
            now = time.monotonic()
            if now - shared.last_report >= PROGRESS_EVERY_S:
                shared.last_report = now
                report = StressProgress(shared.finished, now - started)
            limit = shared.first_unwanted()
        if result is not None:  # the end moved: a batch running only cases past it need not finish them
            for worker in workers:
                worker.interrupt_from(limit)
        if report is not None and on_progress is not None:
            on_progress(report)

    workers.extend(_Worker() for _ in range(max(1, jobs)))
    threads = [
        threading.Thread(target=work, args=(worker,), name=f"stress-{n}", daemon=True)
        for n, worker in enumerate(workers)
    ]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:  # ctrl+c: no new case starts; the running ones end before the sandbox goes
        stop.set()
        for t in threads:
            t.join()
        raise
