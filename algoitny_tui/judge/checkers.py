"""Output checks: the Kattis default validator, exact mode, and custom checker programs (Kattis / testlib)."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from algoitny_tui.domain import CheckerKind, CheckerSpec, Limits, Verdict
from algoitny_tui.judge.compile_cache import Artifact, tool_dirs, tool_env
from algoitny_tui.judge.sandbox import RunLimits, Sandbox
from algoitny_tui.mismatch import Mismatch, MismatchKind, kept

WHITESPACE = b" \t\n\v\f\r"  # exactly Kattis' set; bytes.split() splits on the same six bytes
_TOKEN = re.compile(rb"[^ \t\n\v\f\r]+")
_FLOAT = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)", re.I)
MESSAGE_CAP = 4096
KATTIS_AC, KATTIS_WA = 42, 43


NEXT_PASS = "nextpass.in"
SCORE_FILES = ("score.txt", "score_multiplier.txt")


@dataclass
class CheckResult:
    verdict: Verdict
    message: str = ""
    """For a user: the mismatch described, a custom checker's own message, or a note on an accepted output."""
    mismatch: Mismatch | None = None
    """Where a built-in check found the output wrong (None for custom checkers: they have only `message`)."""
    score: float | None = None
    """The validator's score.txt (scoring problems)."""
    score_multiplier: float | None = None
    """The validator's score_multiplier.txt (scoring problems)."""
    feedback: dict[str, bytes] = field(default_factory=dict)
    """The feedback directory's files after the run (multi-pass: carried into the next pass)."""
    next_input: bytes | None = None
    """Multi-pass: the input of the next pass (the validator's nextpass.in, with exit 42)."""


def wrong(mismatch: Mismatch) -> CheckResult:
    return CheckResult(Verdict.WA, mismatch.describe(), mismatch=mismatch)


def _line_col(data: bytes, pos: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, pos) + 1
    start = data.rfind(b"\n", 0, pos) + 1
    return line, pos - start + 1


def _as_float(token: bytes) -> float | None:
    return float(token) if _FLOAT.fullmatch(token) else None


def _floats_close(got: bytes, want: bytes, abs_tol: float | None, rel_tol: float | None) -> bool | None:
    """None: `want` is not a number, compare as text. Kattis: pass when |d| <= abs or |d| <= rel*|want|."""
    w = _as_float(want)
    if w is None:
        return None
    g = _as_float(got)
    if g is None:
        return False
    if math.isnan(w) or math.isnan(g):
        return math.isnan(w) and math.isnan(g)
    if math.isinf(w) or math.isinf(g):
        return w == g
    diff = abs(g - w)
    return (abs_tol is not None and diff <= abs_tol) or (rel_tol is not None and diff <= rel_tol * abs(w))


def check_default(output: bytes, expected: bytes, spec: CheckerSpec) -> CheckResult:
    """The Kattis default validator: whitespace-separated tokens, with the problem's flags."""
    if output == expected:
        return CheckResult(Verdict.AC)
    use_float = spec.float_absolute_tolerance is not None or spec.float_relative_tolerance is not None
    got_tokens = output.split()
    want_tokens = expected.split()
    case_only = False
    for i, (g, w) in enumerate(zip(got_tokens, want_tokens, strict=False)):
        if g == w:
            continue
        if use_float:
            close = _floats_close(g, w, spec.float_absolute_tolerance, spec.float_relative_tolerance)
            if close is not None:
                if close:
                    continue
                return _token_diff(output, i, g, w, "token")
        if g.lower() == w.lower():
            if not spec.case_sensitive:
                case_only = True
                continue
            return _token_diff(output, i, g, w, "case")
        return _token_diff(output, i, g, w, "token")
    if len(got_tokens) > len(want_tokens):
        i = len(want_tokens)
        line, col = _line_col(output, _nth_token_pos(output, i))
        return wrong(
            Mismatch(
                kind="extra", line=line, column=col, got=kept(got_tokens[i]), wanted_tokens=len(want_tokens)
            )
        )
    if len(got_tokens) < len(want_tokens):
        i = len(got_tokens)
        line, col = _line_col(output, len(output.rstrip(WHITESPACE)))
        return wrong(
            Mismatch(
                kind="missing",
                line=line,
                column=col,
                wanted=kept(want_tokens[i]),
                got_tokens=len(got_tokens),
                wanted_tokens=len(want_tokens),
            )
        )
    notes = []
    if case_only:
        notes.append("case differs only")
    ws_got, ws_want = _TOKEN.split(output), _TOKEN.split(expected)  # whitespace runs around the tokens
    if ws_got != ws_want:
        if spec.space_change_sensitive:
            return _whitespace_diff(output, expected)
        if ws_got[:-1] != ws_want[:-1]:  # a missing/extra final newline is not worth a note
            notes.append("whitespace differs only")
    return CheckResult(Verdict.AC, "; ".join(notes))


def _nth_token_pos(data: bytes, n: int) -> int:
    for i, m in enumerate(_TOKEN.finditer(data)):
        if i == n:
            return m.start()
    return len(data)


def _token_diff(output: bytes, index: int, got: bytes, want: bytes, kind: MismatchKind) -> CheckResult:
    line, col = _line_col(output, _nth_token_pos(output, index))
    return wrong(Mismatch(kind=kind, line=line, column=col, got=kept(got), wanted=kept(want)))


def _first_difference(output: bytes, expected: bytes, kind: MismatchKind, shown: int) -> CheckResult:
    """The first byte where the two differ, with `shown` bytes of each from there."""
    n = min(len(output), len(expected))
    pos = next((i for i in range(n) if output[i] != expected[i]), n)
    line, col = _line_col(output, pos)
    return wrong(
        Mismatch(
            kind=kind,
            line=line,
            column=col,
            got=kept(output[pos : pos + shown]),
            wanted=kept(expected[pos : pos + shown]),
        )
    )


def _whitespace_diff(output: bytes, expected: bytes) -> CheckResult:
    return _first_difference(output, expected, "whitespace", 10)


def check_exact(output: bytes, expected: bytes) -> CheckResult:
    """Byte for byte."""
    if output == expected:
        return CheckResult(Verdict.AC)
    if output.split() == expected.split():
        return _first_difference(output, expected, "whitespace_only", 10)
    return _first_difference(output, expected, "text", 20)


def check_text(output: bytes, expected: bytes, spec: CheckerSpec) -> CheckResult:
    if spec.kind == CheckerKind.EXACT:
        return check_exact(output, expected)
    return check_default(output, expected, spec)


def checker_limits(time_limit_ms: int, limits: Limits | None = None) -> RunLimits:
    # Checkers are the problem's own code: generous, but still bounded so a broken one cannot hang the judge.
    # A package's validation_time and validation_output are guarantees: the checker gets at least those.
    cpu = max(10_000, 5 * time_limit_ms, (limits.validation_time_ms or 0) if limits else 0)
    output = max(MESSAGE_CAP * 16, (limits.validation_output_kb or 0) * 1024 if limits else 0)
    return RunLimits(
        cpu_ms=cpu,
        wall_ms=2 * cpu,
        address_space_kb=None,
        max_processes=256,
        output_limit=output,
        stderr_cap=MESSAGE_CAP * 16,
    )


def run_output_checker(
    spec: CheckerSpec,
    checker: Artifact,
    sandbox: Sandbox,
    *,
    input_data: bytes,
    answer: bytes,
    output: bytes,
    time_limit_ms: int,
    limits: Limits | None = None,
    feedback_files: dict[str, bytes] | None = None,
) -> CheckResult:
    """Kattis output validator (`v input answer feedback_dir < output`, 42/43) or testlib checker
    (`c input output answer`, 0 AC, 1 WA, 2 PE->WA). `feedback_files`: what an earlier pass of a multi-pass
    problem left in the feedback directory (kept between passes, as the format says)."""
    with sandbox.workdir() as (wd, uid):
        files = {"input": input_data, "answer": answer, "output": output}
        for name, data in files.items():
            (wd / name).write_bytes(data)
        feedback = wd / "feedback"
        feedback.mkdir()
        for name, data in (feedback_files or {}).items():
            (feedback / name).write_bytes(data)
        if uid is not None:
            for p in [*(wd / n for n in files), feedback, *(feedback / n for n in feedback_files or {})]:
                os.chown(p, uid, uid)
        argv = checker.argv(1024)
        if spec.kind == CheckerKind.TESTLIB:
            argv += [str(wd / "input"), str(wd / "output"), str(wd / "answer"), *spec.arguments]
            stdin_path = os.devnull
        else:
            argv += [str(wd / "input"), str(wd / "answer"), str(feedback) + "/", *spec.arguments]
            stdin_path = str(wd / "output")
        with open(stdin_path, "rb") as stdin:
            res = sandbox.run(
                argv,
                workdir=wd,
                uid=uid,
                limits=checker_limits(time_limit_ms),
                stdin=stdin.fileno(),
                env=tool_env(wd),
                tools=tool_dirs(checker.tools),
                readable=[str(checker.dir)],
            )
        judge_message = _feedback(feedback)
        kept = _read_feedback(feedback, checker_limits(time_limit_ms, limits).output_limit)
    stderr = res.stderr_text.strip()
    if res.reason != "none":
        return CheckResult(Verdict.JE, f"checker failed to finish ({res.reason}): {stderr[:MESSAGE_CAP]}")
    code = res.exit_code
    if spec.kind == CheckerKind.KATTIS:
        return _with_feedback(kattis_verdict(code, judge_message, stderr), kept, multi_pass=spec.multi_pass)
    if spec.kind == CheckerKind.TESTLIB:
        if code == 0:
            return CheckResult(Verdict.AC, stderr[:MESSAGE_CAP] if stderr != "ok" else "")
        if code in (1, 2):
            return CheckResult(Verdict.WA, stderr[:MESSAGE_CAP])
        return CheckResult(
            Verdict.JE,
            f"checker exited with {code if code is not None else res.signal}: {stderr[:MESSAGE_CAP]}",
        )
    return kattis_verdict(code, judge_message, stderr)


def kattis_verdict(code: int | None, judge_message: str, stderr: str) -> CheckResult:
    message = (judge_message or stderr)[:MESSAGE_CAP]
    if code == KATTIS_AC:
        return CheckResult(Verdict.AC, message)
    if code == KATTIS_WA:
        return CheckResult(Verdict.WA, message)
    return CheckResult(Verdict.JE, f"validator exited with {code} (expected 42 or 43): {message}")


def _read_feedback(feedback: Path, cap: int) -> dict[str, bytes]:
    """The feedback directory's plain files (at most `cap` bytes in all: the validation output limit)."""
    kept: dict[str, bytes] = {}
    left = cap
    for path in sorted(feedback.iterdir()):
        if not path.is_file() or path.is_symlink() or left <= 0:
            continue
        with open(path, "rb") as f:
            kept[path.name] = f.read(left)
        left -= len(kept[path.name])
    return kept


def _with_feedback(check: CheckResult, feedback: dict[str, bytes], *, multi_pass: bool) -> CheckResult:
    """The score files and nextpass.in the validator wrote, with the format's judge errors."""
    check.feedback = feedback
    if check.verdict == Verdict.JE:
        return check
    if multi_pass and NEXT_PASS in feedback:
        if check.verdict != Verdict.AC:
            return CheckResult(
                Verdict.JE,
                f"validator wrote {NEXT_PASS} but exited 43 (it must exit 42 to ask "
                f"for another pass): {check.message}",
            )
        check.next_input = feedback.pop(NEXT_PASS)
    written = [name for name in SCORE_FILES if name in feedback]
    if not written:
        return check
    if check.verdict != Verdict.AC:
        return CheckResult(Verdict.JE, f"validator wrote {written[0]} on a rejected output: {check.message}")
    if len(written) == 2:
        return CheckResult(Verdict.JE, "validator wrote both score.txt and score_multiplier.txt")
    text = feedback[written[0]].decode("utf-8", "replace").strip()
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (written[0] == "score_multiplier.txt" and value > 1):
        return CheckResult(
            Verdict.JE,
            f"validator's {written[0]} holds {text[:40]!r}, not a "
            f"{'number in [0, 1]' if 'multiplier' in written[0] else 'score >= 0'}",
        )
    if written[0] == "score.txt":
        check.score = value
    else:
        check.score_multiplier = value
    return check


def _feedback(feedback: Path) -> str:
    try:
        with open(feedback / "judgemessage.txt", "rb") as f:
            return f.read(MESSAGE_CAP).decode("utf-8", "replace").strip()
    except OSError:
        return ""
