"""Interactive problems (Kattis): the validator and the solution talk over two pipes, crosswise.

`validator input answer feedback_dir` reads the solution's stdout on its stdin and writes to the solution's
stdin. The verdict follows problemtools (problemtools/judge/execute.py and support/interactive/interactive.cc),
which decides by which side finished first and how:

1. The validator crashed or exited with a code other than 42/43: JE, whoever finished first.
2. The validator finished first with 43: WA, whatever the solution does afterwards (it is stopped).
3. Otherwise the solution's own end: over its time limit (CPU, or still running at the wall limit): TLE; a crash
   (or exit code other than 0): RE (MLE when it ran out of memory, OLE when it filled its directory).
4. Otherwise the validator's verdict (42 AC, 43 WA). A validator still running when it had to be stopped gave no
   verdict, which problemtools counts as 43: WA after a solution that exited cleanly, TLE while it still ran.

What decides "first" must not be a race, so the judge holds its own copies of the pipe ends as the problemtools
runner does: a side sees EOF only once the other side's run is entirely over and the judge has noted which one
ended; the validator can always write (nobody closes its reader early: a solution that exits early makes the
validator say WA, not die of SIGPIPE), and after a validator's AC the solution can still write without SIGPIPE.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import suppress
from dataclasses import dataclass

from algoitny_tui.domain import CheckerSpec, Verdict
from algoitny_tui.judge.checkers import MESSAGE_CAP, CheckResult, checker_limits, kattis_verdict
from algoitny_tui.judge.compile_cache import Artifact, tool_dirs, tool_env
from algoitny_tui.judge.sandbox import RunLimits, RunResult, Sandbox, _Running, collect
from algoitny_tui.judge.verdicts import classify, signal_name

VALIDATOR, SOLUTION = 0, 1
PIPE_SIZE = 1 << 20
"""As problemtools' runner: 1 MiB pipes (the most an unprivileged user may ask for)."""
VALIDATOR_WALL_SLACK_MS = 1000
"""The validator's wall limit is the solution's plus this: when both wait for each other, the solution is the one
stopped at its wall limit (problemtools stops both at one limit; a validator still running then counts as 43)."""
LIMIT_REASONS = ("cpu", "wall")


@dataclass
class InteractiveOutcome:
    solution: RunResult
    verdict: Verdict
    message: str


@dataclass(frozen=True)
class InteractiveEnds:
    """How the two runs ended, and which one ended first."""

    validator: RunResult
    solution: RunResult
    validator_first: bool


def _stopped_by_limit(res: RunResult) -> bool:
    """The run did not end by itself: a limit (or the judge) stopped it while it was still running."""
    return res.reason in (*LIMIT_REASONS, "killed")


def interactive_verdict(
    ends: InteractiveEnds, judge_message: str, *, time_limit_ms: int, memory_limit_mb: int, wall_limit_ms: int
) -> tuple[Verdict, str]:
    """problemtools' decision (its judge/execute.py `_run_interactive`), from how both sides ended."""
    vres, sres = ends.validator, ends.solution
    gave_verdict = not _stopped_by_limit(vres)
    if not gave_verdict:
        check = CheckResult(
            Verdict.WA,
            f"the validator gave no verdict before it was stopped ({vres.reason}); "
            "counted as a wrong answer, as problemtools does",
        )
    elif vres.reason != "none":
        check = CheckResult(Verdict.JE, f"validator failed to finish ({vres.reason})")
    elif vres.signal is not None:
        check = CheckResult(
            Verdict.JE,
            f"validator killed by {signal_name(vres.signal)}: "
            f"{(judge_message or vres.stderr_text.strip())[:MESSAGE_CAP]}",
        )
    else:
        check = kattis_verdict(vres.exit_code, judge_message, vres.stderr_text.strip())
    if check.verdict == Verdict.JE or (check.verdict == Verdict.WA and ends.validator_first and gave_verdict):
        return check.verdict, check.message
    if sres.reason in LIMIT_REASONS or sres.reason == "killed":
        # still running when it had to be stopped (or when the validator had to be)
        return Verdict.TLE, _tle_message(sres, time_limit_ms, wall_limit_ms)
    # output_limit: its stdout goes to the validator, never counted as output
    verdict, message = classify(
        sres,
        time_limit_ms=time_limit_ms,
        memory_limit_mb=memory_limit_mb,
        output_limit=0,
        wall_limit_ms=wall_limit_ms,
    )
    if verdict is not None:
        return verdict, message
    return check.verdict, check.message


def _tle_message(sres: RunResult, time_limit_ms: int, wall_limit_ms: int) -> str:
    if sres.reason == "cpu" or sres.cpu_ms > time_limit_ms:
        return f"CPU time over {time_limit_ms} ms"
    if sres.reason == "wall":
        return f"wall time over {wall_limit_ms} ms (CPU {sres.cpu_ms} ms: waiting for the validator?)"
    return f"still running when the validator was stopped (CPU {sres.cpu_ms} ms)"


def _bigger_pipe() -> tuple[int, int]:
    r, w = os.pipe()
    with suppress(OSError):  # the default size only makes a huge unread burst wait sooner
        fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    return r, w


class _Pipes:
    """The judge's copies of the four pipe ends, closed one by one as problemtools' runner closes them."""

    def __init__(self) -> None:
        self.to_sol_r, self.to_sol_w = _bigger_pipe()
        self.to_val_r, self.to_val_w = _bigger_pipe()
        self._open = {self.to_sol_r, self.to_sol_w, self.to_val_r, self.to_val_w}

    def close(self, *fds: int) -> None:
        for fd in fds:
            if fd in self._open:
                self._open.discard(fd)
                os.close(fd)

    def close_all(self) -> None:
        self.close(*list(self._open))


def run_interactive(
    sandbox: Sandbox,
    solution: Artifact,
    validator: Artifact,
    spec: CheckerSpec,
    *,
    input_data: bytes,
    answer: bytes,
    limits: RunLimits,
    memory_limit_mb: int,
    time_limit_ms: int,
) -> InteractiveOutcome:
    with sandbox.workdir() as (vdir, vuid), sandbox.workdir() as (sdir, suid):
        (vdir / "input").write_bytes(input_data)
        (vdir / "answer").write_bytes(answer)
        feedback = vdir / "feedback"
        feedback.mkdir()
        if vuid is not None:
            for p in (vdir / "input", vdir / "answer", feedback):
                os.chown(p, vuid, vuid)
        vlimits = checker_limits(time_limit_ms)
        vlimits.wall_ms = limits.wall_ms + VALIDATOR_WALL_SLACK_MS
        pipes = _Pipes()
        runs: list[_Running] = []
        try:
            vargv = validator.argv(1024) + [
                str(vdir / "input"),
                str(vdir / "answer"),
                str(feedback) + "/",
                *spec.arguments,
            ]
            runs.append(
                sandbox.start(
                    vargv,
                    workdir=vdir,
                    uid=vuid,
                    limits=vlimits,
                    stdin=pipes.to_val_r,
                    stdout=pipes.to_sol_w,
                    env=tool_env(vdir),
                    tools=tool_dirs(validator.tools),
                    readable=[str(validator.dir)],
                )
            )
            runs.append(
                sandbox.start(
                    solution.argv(memory_limit_mb),
                    workdir=sdir,
                    uid=suid,
                    limits=limits,
                    stdin=pipes.to_sol_r,
                    stdout=pipes.to_val_w,
                    env=tool_env(sdir),
                    tools=tool_dirs(solution.tools),
                    readable=[str(solution.dir)],
                )
            )
            ends = _wait(runs, pipes)
        except BaseException:
            for r in runs:
                r.kill()
            if runs:
                collect(runs)
            raise
        finally:
            pipes.close_all()
        try:
            with open(feedback / "judgemessage.txt", "rb") as f:
                judge_message = f.read(4096).decode("utf-8", "replace").strip()
        except OSError:
            judge_message = ""
    verdict, message = interactive_verdict(
        ends,
        judge_message,
        time_limit_ms=time_limit_ms,
        memory_limit_mb=memory_limit_mb,
        wall_limit_ms=limits.wall_ms,
    )
    return InteractiveOutcome(ends.solution, verdict, message)


def _wait(runs: list[_Running], pipes: _Pipes) -> InteractiveEnds:
    """Collect both runs, reacting to whichever ends first as problemtools' runner does."""
    order: list[int] = []

    def ended(i: int, res: RunResult) -> None:
        first = not order
        order.append(i)
        other = runs[1 - i]
        if i == SOLUTION:
            pipes.close(pipes.to_val_w)  # now the validator may see EOF
            if first and _stopped_by_limit(res):
                other.kill()  # the solution is TLE whatever the validator would say (it counts as 43 then)
            return
        pipes.close(pipes.to_sol_w)  # now the solution may see EOF
        if first and not (res.reason == "none" and res.exit_code == 42):
            # WA or JE (or no verdict, which leaves the solution TLE) whatever the solution does now: stop it,
            # and let its writes fail as problemtools does once the validator has rejected it
            pipes.close(pipes.to_val_r)
            other.kill()

    vres, sres = collect(runs, on_end=ended)
    return InteractiveEnds(vres, sres, validator_first=bool(order) and order[0] == VALIDATOR)
