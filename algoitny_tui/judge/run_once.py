"""Run one program on one input and keep its whole output: for making answers (reference solutions), test inputs
(generators) and stress tests, where judge()'s per-test reports (output capped at 64 KB, checked against an answer)
are the wrong shape.

Same compile cache, sandbox and verdict rules as judge(); `ProgramRunner` keeps one sandbox and the prepared
programs for many runs (a stress test runs three programs hundreds of times).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from algoitny_tui.domain import Limits, Problem, Verdict
from algoitny_tui.file_io import STANDARD_IO, FileIO
from algoitny_tui.judge.compile_cache import (
    Artifact,
    CompileReport,
    default_cache_dir,
    prepare,
    tool_dirs,
    tool_env,
)
from algoitny_tui.judge.languages import LanguageSpec, ToolchainMissing, get_language
from algoitny_tui.judge.run_files import run_io
from algoitny_tui.judge.runner import solution_limits
from algoitny_tui.judge.sandbox import Sandbox, build_helper
from algoitny_tui.judge.verdicts import classify


@dataclass
class ProgramRun:
    """How one run ended. `verdict` is AC when the program exited 0 within the limits (nothing is checked)."""

    verdict: Verdict
    stdout: bytes = b""
    """The whole output, up to the output limit."""
    stderr: str = ""
    time_ms: int = 0
    memory_kb: int = 0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.AC


@dataclass
class Program:
    """A compiled (or, for interpreted languages, stored) program, ready to run many times."""

    artifact: Artifact | None
    compile: CompileReport


class ProgramRunner:
    """One sandbox for many runs. Use as a context manager; thread safe like the sandbox."""

    def __init__(
        self, *, cache_dir: Path | None = None, languages: Mapping[str, LanguageSpec] | None = None
    ) -> None:
        self.cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.languages = languages
        self.sandbox = Sandbox(build_helper(self.cache))
        try:
            self.sandbox_info = self.sandbox.info()  # SandboxUnavailable (SandboxRefused): nothing runs here
        except BaseException:
            self.sandbox.close()
            raise

    def prepare(self, source: str, language: str) -> Program:
        """Compile (or find in the cache). UnknownLanguage for a language nobody defined; a missing toolchain
        or a compile error is a Program without artifact and with the message."""
        spec = get_language(language, self.languages)
        try:
            artifact, report = prepare(spec, source, cache_dir=self.cache, sandbox=self.sandbox)
        except ToolchainMissing as e:
            return Program(None, CompileReport(ok=False, message=str(e)))
        return Program(artifact, report)

    def run(
        self,
        program: Program,
        input_data: bytes,
        limits: Limits,
        args: Sequence[str] = (),
        io: FileIO = STANDARD_IO,
    ) -> ProgramRun:
        """Run on `input_data` (stdin, or the input file `io` names), with `args` after the program's own argv (a
        generator's seed). A file I/O program's `stdout` is its output file; no output file is a WA."""
        if program.artifact is None:
            return ProgramRun(Verdict.CE, message=program.compile.message)
        artifact = program.artifact
        run_limits = solution_limits(
            Problem(platform="", problem_number="", limits=limits), artifact.language
        )
        with self.sandbox.workdir() as (wd, uid), run_io(wd, uid, io, input_data) as rio:
            res = self.sandbox.run(
                [*artifact.argv(limits.memory_limit_mb), *args],
                workdir=wd,
                uid=uid,
                limits=rio.limits(run_limits),
                stdin=rio.stdin,
                stdout=rio.stdout,
                env=tool_env(wd),
                tools=tool_dirs(artifact.tools),
                readable=[str(artifact.dir)],
            )
            no_answer = rio.collect(res, run_limits.output_limit)
        verdict, message = classify(
            res,
            time_limit_ms=limits.time_limit_ms,
            memory_limit_mb=limits.memory_limit_mb,
            output_limit=run_limits.output_limit,
            wall_limit_ms=run_limits.wall_ms,
        )
        if verdict is None and no_answer:
            verdict, message = Verdict.WA, no_answer
        return ProgramRun(
            verdict or Verdict.AC, res.stdout, res.stderr_text, res.cpu_ms, res.memory_kb, message
        )

    def close(self) -> None:
        self.sandbox.close()

    def __enter__(self) -> ProgramRunner:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def run_program(
    source: str,
    language: str,
    input_data: bytes | str,
    limits: Limits | None = None,
    *,
    args: Sequence[str] = (),
    cache_dir: Path | None = None,
    languages: Mapping[str, LanguageSpec] | None = None,
    io: FileIO = STANDARD_IO,
) -> ProgramRun:
    """Compile (cached) and run `source` once on `input_data`; the whole stdout, up to the output limit."""
    data = input_data.encode("utf-8", "surrogateescape") if isinstance(input_data, str) else input_data
    with ProgramRunner(cache_dir=cache_dir, languages=languages) as runner:
        return runner.run(runner.prepare(source, language), data, limits or Limits(), args, io)
