"""Interactive problems (Kattis): the validator and the solution talk over two pipes, crosswise.

`validator input answer feedback_dir` reads the solution's stdout on its stdin and writes to the solution's
stdin. Both run in their own sandbox with their own wall limit, so a deadlock (both waiting to read) ends at the
wall limit. Verdict: the solution's TLE/OLE first (a killed solution makes the validator see EOF and say WA),
then the validator's WA, then the solution's own crash (RE/MLE), then the validator's AC; anything else is JE.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from algoitny_tui.judge.checkers import CheckResult, checker_limits, kattis_verdict
from algoitny_tui.judge.compile_cache import Artifact, tool_dirs, tool_env
from algoitny_tui.judge.sandbox import RunLimits, RunResult, Sandbox, collect
from algoitny_tui.judge.verdicts import classify
from algoitny_tui.models import CheckerSpec, Verdict


@dataclass
class InteractiveOutcome:
    solution: RunResult
    verdict: Verdict
    message: str


def run_interactive(sandbox: Sandbox, solution: Artifact, validator: Artifact, spec: CheckerSpec, *,
                    input_data: bytes, answer: bytes, limits: RunLimits, memory_limit_mb: int,
                    time_limit_ms: int) -> InteractiveOutcome:
    with sandbox.workdir() as (vdir, vuid), sandbox.workdir() as (sdir, suid):
        (vdir / "input").write_bytes(input_data)
        (vdir / "answer").write_bytes(answer)
        feedback = vdir / "feedback"
        feedback.mkdir()
        if vuid is not None:
            for p in (vdir / "input", vdir / "answer", feedback):
                os.chown(p, vuid, vuid)
        to_sol_r, to_sol_w = os.pipe()
        to_val_r, to_val_w = os.pipe()
        vlimits = checker_limits(time_limit_ms)
        vlimits.wall_ms = max(vlimits.wall_ms, limits.wall_ms + 2000)
        started = []
        try:
            vargv = validator.argv(1024) + [str(vdir / "input"), str(vdir / "answer"), str(feedback) + "/",
                                            *spec.arguments]
            started.append(sandbox.start(vargv, workdir=vdir, uid=vuid, limits=vlimits, stdin=to_val_r,
                                         stdout=to_sol_w, env=tool_env(vdir), tools=tool_dirs(validator.tools),
                                         readable=[str(validator.dir)]))
            started.append(sandbox.start(solution.argv(memory_limit_mb), workdir=sdir, uid=suid, limits=limits,
                                         stdin=to_sol_r, stdout=to_val_w, env=tool_env(sdir),
                                         tools=tool_dirs(solution.tools), readable=[str(solution.dir)]))
        finally:
            for fd in (to_sol_r, to_sol_w, to_val_r, to_val_w):
                os.close(fd)
        vres, sres = collect(started)
        try:
            with open(feedback / "judgemessage.txt", "rb") as f:
                judge_message = f.read(4096).decode("utf-8", "replace").strip()
        except OSError:
            judge_message = ""
    sol_verdict, sol_message = classify(sres, time_limit_ms=time_limit_ms, memory_limit_mb=memory_limit_mb,
                                        output_limit=limits.output_limit, wall_limit_ms=limits.wall_ms)
    if vres.reason != "none":
        check = CheckResult(Verdict.JE, f"validator failed to finish ({vres.reason})")
    else:
        check = kattis_verdict(vres.exit_code, judge_message, vres.stderr_text.strip())
    if sol_verdict in (Verdict.TLE, Verdict.OLE):
        return InteractiveOutcome(sres, sol_verdict, sol_message)
    if check.verdict == Verdict.WA:
        return InteractiveOutcome(sres, Verdict.WA, check.message)
    if sol_verdict is not None:
        return InteractiveOutcome(sres, sol_verdict, sol_message)
    return InteractiveOutcome(sres, check.verdict, check.message)
