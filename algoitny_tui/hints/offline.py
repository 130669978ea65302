"""The offline hint engine: reads the evidence (verdict, output diff, traceback, compiler output, input size,
limits, the code) and writes hints in levels, from a nudge to a pointed hint. No network.

Every diagnosis is three rungs: level 1 names the kind of mistake and where to look, level 2 shows the evidence,
level 3 says what to change. After them come what other failing tests show, then general advice. An accepted
solution, when known, is read for its approach and described in words; the guard in `source.redact` removes any
of its lines from what is returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from algoitny_tui.hints import code_smells as smells
from algoitny_tui.hints import crashes, evidence
from algoitny_tui.hints.base import HintRequest
from algoitny_tui.hints.compiler import JAVA_IMPORTS, STD_HEADERS, parse_compile_error
from algoitny_tui.hints.compiler import MEANING as CE_MEANING
from algoitny_tui.hints.crashes import MEANING as RE_MEANING
from algoitny_tui.hints.crashes import Crash
from algoitny_tui.hints.evidence import Diff, InputShape
from algoitny_tui.hints.source import approach_in_words, family, int64_name, loop_nesting, redact
from algoitny_tui.models import is_accepted

FAILING = ("WA", "TLE", "MLE", "RE", "OLE", "CE", "JE")


@dataclass
class Diagnosis:
    nudge: str
    evidence: str
    pointed: str

    def rungs(self) -> list[str]:
        return [self.nudge, self.evidence, self.pointed]


@dataclass
class Context:
    request: HintRequest
    fam: str
    test: dict[str, Any]
    label: str
    """How to name the test in a hint: "test sample/2"."""
    time_limit_ms: int | None
    memory_limit_mb: int | None

    @property
    def code(self) -> str:
        return self.request.code

    @property
    def python(self) -> bool:
        return self.fam == "python"

    def approach(self, *wanted: str) -> str:
        return approach_in_words(self.request.reference_solution, self.code, wanted)


class OfflineHintEngine:
    """Hints from the evidence alone. Deterministic, fast, never fails."""

    def hints(self, request: HintRequest, levels: int) -> list[str]:
        ladder = ladder_for(request)
        already = {h.strip() for h in request.previous_hints}
        start = len(request.previous_hints)
        out: list[str] = []
        for hint in ladder[start:]:
            if len(out) >= levels:
                break
            if hint.strip() not in already and hint not in out:
                out.append(hint)
        while len(out) < levels:  # the ladder ran out: say so instead of repeating
            out.append(
                "No new evidence beyond the hints above: test your program on the smallest and the largest "
                "inputs the constraints allow, and compare it with a brute force on small random inputs."
            )
            if len(out) < levels:
                out.append(ladder[min(len(ladder), 3) - 1] if ladder else out[-1])
        ref = request.reference_solution
        return [_polish(redact(h, ref)) for h in out[:levels]]


def _polish(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def ladder_for(request: HintRequest) -> list[str]:
    verdict = (request.verdict or "").upper()
    fam = family(request.language, request.code)
    failed = [t for t in request.failed_tests if not t.get("passed", False)]
    if is_accepted(verdict) and not failed:
        return [
            "All tests passed: there is nothing to fix. If you want more, check that your solution also fits the "
            "largest inputs the constraints allow, well within the time limit."
        ]
    primary = _primary(failed, verdict)
    ctx = _context(request, fam, primary)
    diag = diagnose(ctx, _status(primary, verdict))
    rungs = diag.rungs()
    seen = {_status(primary, verdict)}
    for other in failed:  # what other kinds of failure show, one rung each
        status = _status(other, verdict)
        if other is primary or status in seen or status not in FAILING:
            continue
        seen.add(status)
        rungs.append("Also: " + diagnose(_context(request, fam, other), status).evidence)
    approach = ctx.approach()
    if approach and not any(approach in r for r in rungs):
        rungs.append(approach + " Think about how that idea applies to your solution.")
    rungs.append(
        "Test your program on the edge cases: the smallest input (n = 1, or 0 if allowed), all values "
        "equal, and the largest values the constraints allow."
    )
    rungs.append(
        "Write a simple brute-force solution and compare it with yours on many small random inputs: the "
        "first input where they differ shows the bug."
    )
    return rungs


def _status(test: dict[str, Any] | None, verdict: str) -> str:
    status = str((test or {}).get("verdict") or "").upper()
    return status if status in FAILING else (verdict if verdict in FAILING else "WA")


def _primary(failed: list[dict[str, Any]], verdict: str) -> dict[str, Any]:
    """The test that decided the verdict: the first failing one with the overall verdict."""
    for t in failed:
        if str(t.get("verdict") or "").upper() == verdict:
            return t
    return failed[0] if failed else {}


def _context(request: HintRequest, fam: str, test: dict[str, Any]) -> Context:
    tid = test.get("test_case_id")
    label = f"test {tid}" if tid not in (None, "") else "the failing test"
    limits = request.problem.limits if request.problem else None
    tl = limits.time_limit_ms if limits else None
    ml = limits.memory_limit_mb if limits else None
    message = str(test.get("message") or "")
    if m := re.search(r"(?:CPU|wall) time over (\d+) ms", message):
        tl = tl or int(m[1])
    if m := re.search(r"memory limit (\d+) MB", message):
        ml = ml or int(m[1])
    return Context(request, fam, test, label, tl, ml)


def diagnose(ctx: Context, status: str) -> Diagnosis:
    if status == "CE":
        return _compile(ctx)
    if status == "RE":
        return _runtime(ctx)
    if status == "TLE":
        return _time(ctx)
    if status == "MLE":
        return _memory(ctx)
    if status == "OLE":
        return _output_limit(ctx)
    if status == "JE":
        return _judge_error(ctx)
    return _wrong(ctx)


# --- helpers ----------------------------------------------------------------------------------------------------


def _show(value: str | None, limit: int = 40) -> str:
    if value is None:
        return "nothing"
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return "'" + text + "'"


def _small_input(ctx: Context) -> str:
    """The test's input, inline, when it is small enough to work out by hand."""
    text = str(ctx.test.get("input") or "")
    lines = text.strip().splitlines()
    if not lines or len(text) > 120 or len(lines) > 6:
        return ""
    return " (input: `" + " / ".join(ln.strip() for ln in lines) + "`)"


def _shape(ctx: Context) -> InputShape | None:
    text = ctx.test.get("input")
    return evidence.input_shape(text) if isinstance(text, str) else None


_BOUND = re.compile(
    r"\b[NnMmQqKk]\s*(?:≤|<=|\\le(?:q)?|&le;|<)\s*"
    r"(\d[\d,' ]*\d|\d+)(?:\s*(?:[×x*·]|\\times|\\cdot)\s*10\s*\^\s*\{?(\d+)\}?)?"
    r"|\b[NnMmQqKk]\s*(?:≤|<=|\\le(?:q)?|&le;)\s*10\s*\^\s*\{?(\d+)\}?"
)


def statement_bound(ctx: Context) -> int | None:
    """The largest size bound the statement gives for n, m, q or k (e.g. "N ≤ 2 × 10^5")."""
    problem = ctx.request.problem
    if not problem:
        return None
    text = " ".join((problem.statement, problem.input_format))
    best = None
    for m in _BOUND.finditer(text):
        if m[3]:
            value = 10 ** int(m[3])
        else:
            digits = re.sub(r"[,' ]", "", m[1])
            value = int(digits) * (10 ** int(m[2]) if m[2] else 1)
        if value <= 10**18:
            best = max(best or 0, value)
    return best


# --- compile errors ------------------------------------------------------------------------------------------------


def _compile(ctx: Context) -> Diagnosis:
    message = ctx.request.compile_message or str(ctx.test.get("message") or ctx.test.get("error") or "")
    err = parse_compile_error(message, ctx.code)
    if err is None:
        return Diagnosis(
            "Compile error: the compiler rejected the code, but its message is empty. Check that the "
            "language you submitted in matches the code.",
            f"The submission was compiled as {ctx.request.language or 'an unknown language'}; make "
            "sure that is the language the code is written in.",
            "Compile the code locally with the same compiler to see the full error.",
        )
    meaning, fix = CE_MEANING[err.kind]
    where = f" Look at line {err.line}." if err.line else ""
    nudge = f"Compile error: {meaning}.{where}"
    at = f" (line {err.line}" + (f": `{err.source}`)" if err.source else ")") if err.line else ""
    evidence_text = f"The first error the compiler reports is `{err.text}`{at}."
    name = err.name
    if err.kind == "semicolon" and err.line:
        pointed = f"Add the missing `;` at the end of line {err.line}" + (
            f" (`{err.source}`)." if err.source else "."
        )
    elif err.kind == "include" and name:
        header = STD_HEADERS.get(name, name)
        pointed = (
            f"Add `#include <{header}>` at the top of the file (or `#include <bits/stdc++.h>` with g++)."
        )
    elif err.kind == "std_namespace" and name:
        pointed = f"Write `std::{name}` or add `using namespace std;` after the includes."
    elif err.kind == "java_import" and name:
        pointed = f"Add `import {JAVA_IMPORTS[name]};` (or `import java.util.*;`) at the top of the file."
    elif err.kind == "java_class":
        pointed = (
            f"Your class is declared `public class {name}`, and a public class must match its file name: "
            "rename it to `Main` or remove the `public` keyword."
        )
    elif err.kind == "undeclared" and name:
        pointed = (
            f"`{name}` is not declared where line {err.line or '?'} uses it: check its spelling and declare "
            "it before use, in a scope that reaches that line (not only inside an earlier block)."
        )
    elif err.kind in ("moved", "borrow") and name:
        pointed = f"About `{name}`: {fix}"
    elif err.kind == "unused" and name:
        pointed = f"Remove `{name}` or use it: Go does not compile with unused variables or imports."
    else:
        pointed = fix
    return Diagnosis(nudge, evidence_text, pointed)


# --- runtime errors ------------------------------------------------------------------------------------------------

_LOOK = {
    "index": "Look at the indices near the ends of your loops and at the sizes of your arrays.",
    "recursion": "Look at how deep your recursion goes on large inputs.",
    "stack_overflow": "Look at how deep your recursion goes, and whether it always stops.",
    "zero_division": "Look at every division and modulo.",
    "parse": "Look at how you read the input, compared with the input format.",
    "unpack": "Look at how you read the input, compared with the input format.",
    "eof": "Count how many lines/values you read, compared with the input format.",
    "key": "Look at your dictionary lookups.",
    "name": "Look at the names used on the failing line.",
    "none": "Look at where that value comes from.",
    "null": "Look at which objects or elements might not exist yet.",
    "segfault": "Look at array sizes and indices, and at recursion depth.",
    "memory": "Look at how much memory you allocate and for what sizes.",
    "stack_smash": "Look at the sizes of your local arrays.",
    "fpe": "Look at every integer division and modulo.",
    "overflow": "Look at arithmetic that can go out of range (or below zero for unsigned types).",
}


def _runtime(ctx: Context) -> Diagnosis:
    stderr = str(ctx.test.get("error") or "")
    message = str(ctx.test.get("message") or "")
    crash = crashes.parse_crash(stderr, message, ctx.code)
    if crash is None:
        return Diagnosis(
            f"Runtime error on {ctx.label}: the program crashed. Run it on that input locally to see where.",
            f"{ctx.label.capitalize()} ended with a runtime error but no error message was "
            f"kept{_small_input(ctx)}.",
            "Check array bounds, divisions by zero, and that you read the input in the given format.",
        )
    title, meaning = RE_MEANING.get(crash.kind, RE_MEANING["other"])
    look = _LOOK.get(crash.kind, "Look at the line the error names.")
    nudge = f"Runtime error on {ctx.label}: {title}. {look}"
    where = ""
    if crash.line:
        where = f" at line {crash.line}" + (f" (`{crash.source}`)" if crash.source else "")
    evidence_text = f"The error is `{crash.summary}`{where}: {meaning}."
    return Diagnosis(nudge, evidence_text, _runtime_fix(ctx, crash))


def _runtime_fix(ctx: Context, crash: Crash) -> str:
    fam, line, src = ctx.fam, crash.line, crash.source
    at = f"line {line}" if line else "the failing line"
    kind = crash.kind
    if kind == "index":
        if re.search(r"\[[^\]]*\+\s*1\s*\]", src):
            return (
                f"On {at}, `{src}` reads one past the end at the last iteration (i + 1 = length): stop the loop "
                "one element earlier, or check the index first."
            )
        if fam != "python" and re.search(r"\[[^\]]*-\s*1\s*\]", src):
            return (
                f"On {at}, `{src}` reads index -1 at the first iteration: start the loop at 1 or check i > 0."
            )
        if f := smells.long_loop(ctx.code, fam):
            return (
                f"Your loop `{f.text}` (line {f.line}) runs one step too far: with n elements the valid indices "
                "are 0..n-1, so either stop at n-1 or make the array n + 1 long."
            )
        return (
            f"Before {at}, compare the index with the container's length on this input: a loop that runs to n "
            "inclusive, 1-based indices into an array of size n, or an empty list are the usual causes."
        )
    if kind == "recursion":
        return (
            "Add `sys.setrecursionlimit(10**6)` at the top (for depths near 10^5 also run the solver in a "
            "`threading.Thread` after `threading.stack_size(2**27)`), or rewrite the recursion as a loop with an "
            "explicit stack. If the depth should be small, check that every call reaches the base case."
        )
    if kind == "stack_overflow":
        extra = (
            ' In Java you can also run the solver in `new Thread(null, task, "", 1 << 26)` for a bigger stack.'
            if fam in ("java", "kotlin")
            else ""
        )
        return (
            "Check that the recursion always reaches its base case (mark visited nodes in a DFS); for depths like "
            f"10^5, replace it with a loop and an explicit stack.{extra}"
        )
    if kind in ("zero_division", "fpe"):
        quoted = f" (`{src}`)" if src else ""
        return (
            f"On {at}{quoted} the divisor is 0 for this input: handle that case (n = 0, an empty group, two "
            "equal values) before dividing."
        )
    if kind == "parse":
        return _parse_fix(ctx, crash)
    if kind == "unpack":
        m = re.search(r"expected (\d+), got (\d+)", crash.summary)
        if m and int(m[2]) < int(m[1]):
            return (
                f"The line you unpack on {at} holds only {m[2]} value(s) but you expect {m[1]}: the values are "
                "probably on separate lines (read each line on its own), or you are reading the wrong line."
            )
        return (
            f"The line you unpack on {at} holds more values than variables: unpack all of them, or take them as "
            "a list (`values = list(map(int, input().split()))`)."
        )
    if kind == "eof":
        return (
            "You read past the end of the input: count your reads against the input format (a count read twice, "
            "a loop that runs once too often); when there is no count, read until end of input "
            "(`for line in sys.stdin:` / `while (cin >> x)`)."
        )
    if kind == "key":
        return (
            "Check `key in d` before reading `d[key]`, or use `d.get(key, 0)` / `collections.defaultdict` so a "
            "missing key gets a default."
        )
    if kind == "name":
        return f"Check the spelling of the names on {at} and that each is assigned on every path before that line."
    if kind == "none":
        if f := smells.assigned_none(ctx.code):
            return (
                f"`{f.text}` (line {f.line}) stores None: list methods like sort() and append() change the list "
                "in place and return None; use `sorted(a)` or call the method without assigning."
            )
        return (
            "A value you use there is None: a function that does not `return` its result, or an in-place method "
            "like `list.sort()` whose result was assigned."
        )
    if kind == "null":
        return (
            f"On {at} an object or element does not exist yet: create it before use (a map entry that was never "
            "put, an array slot past the end, an object field never initialized)."
        )
    if kind == "segfault":
        if f := smells.big_local_array(ctx.code, fam):
            return (
                f"The local array `{f.text}` (line {f.line}) lives on the stack, which holds only a few MB: move "
                "it to global scope (or use a vector)."
            )
        return (
            "Check every array index against the array's size (size arrays for the maximum n plus a few), move big "
            "arrays out of functions to global scope, and avoid recursion deeper than about 10^5."
        )
    if kind == "memory":
        return (
            "Check the sizes you allocate: a size read from the wrong place, or an n × n table for large n, asks "
            "for gigabytes; keep only what the answer needs."
        )
    if kind == "stack_smash":
        return "A local array is written past its end: size it for the largest index you write to."
    if kind == "abort":
        return (
            "An exception was thrown and not caught, or an assert failed: `vector::at`, `stoi` on bad text and "
            "`assert` are the usual sources; check the values that reach them on this test."
        )
    if kind == "overflow":
        return (
            f"Use {int64_name(fam)} for values that can grow large, and make sure unsigned values (usize) never "
            "go below zero (compare before subtracting)."
        )
    if kind == "assertion":
        return f"The assertion on {at} is false for this input: either the assumption is wrong or a value before it is."
    if kind == "exit_code":
        if fam in ("c", "cpp"):
            return (
                "End `main` with `return 0;` and do not call exit() with a non-zero code: the judge reads a non-zero "
                "exit code as a crash."
            )
        return 'Do not end the program with a non-zero exit code (e.g. `sys.exit(1)` or `sys.exit("msg")`).'
    return (
        f"Read the error `{crash.summary}` and the line it names; reproduce it by running your program on "
        f"{ctx.label}'s input."
    )


def _parse_fix(ctx: Context, crash: Crash) -> str:
    lit = crash.literal
    split = {
        "python": "`a, b = map(int, input().split())`",
        "java": "`StringTokenizer` and `Integer.parseInt(st.nextToken())`",
        "kotlin": '`readLine()!!.split(" ").map { it.toInt() }`',
        "rust": "`line.split_whitespace().map(|x| x.parse().unwrap())`",
        "go": "`fmt.Fscan(reader, &a, &b)`",
        "javascript": "`line.split(' ').map(Number)`",
    }.get(ctx.fam, "split the line into tokens first")
    if lit is not None and lit.strip() and len(lit.split()) > 1:
        return f"You convert the whole line {_show(lit)} into one number, but it holds several: split it, e.g. {split}."
    if lit is not None and not lit.strip():
        return (
            "You convert an empty line into a number: the input has blank lines, or fewer lines than you read. "
            "Read all tokens at once (e.g. `sys.stdin.read().split()`) and walk through them."
        )
    if lit and re.fullmatch(r"-?\d+", lit.strip()):
        return (
            f"{_show(lit)} does not fit the integer type you parse it into: use a 64-bit type "
            f"({int64_name(ctx.fam)}; `Long.parseLong` / `nextLong()` in Java)."
        )
    if lit and re.fullmatch(r"-?\d*\.\d+", lit.strip()):
        return f"{_show(lit)} is a decimal number: parse it as a float/double, not an int."
    if lit:
        return (
            f"{_show(lit)} is not a number: you are reading a different part of the input than you think; compare "
            "your reads, one by one, with the input format."
        )
    return "Compare your reads, one by one, with the input format: a line holding several values read as one fails."


# --- time ----------------------------------------------------------------------------------------------------------


def _time(ctx: Context) -> Diagnosis:
    message = str(ctx.test.get("message") or "")
    limit_s = f"{ctx.time_limit_ms / 1000:g} s" if ctx.time_limit_ms else "the time limit"
    if "wall time" in message and ("sleeping" in message or "waiting" in message):
        cpu = re.search(r"CPU (\d+) ms", message)
        return Diagnosis(
            f"Time limit exceeded on {ctx.label}, but your program was mostly idle: it is probably waiting for "
            "input that never comes.",
            f"On {ctx.label} the wall clock passed {limit_s} while the CPU time was only "
            f"{cpu[1] + ' ms' if cpu else 'a little'}: the program was blocked, not computing.",
            "You read more input than the test has (an extra read, a loop waiting for a sentinel that is not there, "
            "or reading the count twice): read exactly the input format, or read everything at once and walk "
            "through the tokens.",
        )
    shape = _shape(ctx)
    n = shape.n if shape else None
    bound = statement_bound(ctx)
    if bound and (n is None or bound > n):
        n = bound if n is None else n
    loops = loop_nesting(ctx.code, ctx.fam)
    nudge = (
        f"Time limit exceeded on {ctx.label}: your algorithm is too slow for the largest inputs (or it never "
        "stops). Look at the loops whose work grows with the input size."
    )
    if n is None or not ctx.time_limit_ms:
        size = shape.describe() if shape else "a large input"
        evidence_text = (
            f"{ctx.label.capitalize()} has {size} and the limit is {limit_s}; your deepest loop nest "
            f"is {loops.depth} deep" + (f" (line {loops.line})." if loops.line else ".")
        )
        target = None
    else:
        target = evidence.complexity_for(n)
        ours = {0: "O(n)", 1: "O(n)", 2: "O(n²)", 3: "O(n³)"}.get(loops.depth, "O(n³)")
        size = shape.describe() if shape else f"n up to {n}"
        evidence_text = (
            f"{ctx.label.capitalize()} has {size} with a {limit_s} limit: that needs about {target}."
        )
        if loops.depth >= 2:
            steps = evidence.steps_of(ours, n)
            evidence_text += (
                f" Your loops nest {loops.depth} deep (line {loops.line}), about {ours} ≈ "
                f"{evidence.sci(steps)} steps."
            )
        elif ctx.python:
            evidence_text += " Your loops look linear, so the time goes into slow Python constant factors."
        if ctx.python and loops.depth >= 2:
            evidence_text += " (CPython does only about 10^7 simple steps per second.)"
    return Diagnosis(nudge, evidence_text, _time_fix(ctx, loops.depth, target))


def _time_fix(ctx: Context, depth: int, target: str | None) -> str:
    parts = []
    if depth >= 2 and target in ("O(n log n)", "O(n)", "O(√n)", "O(log n)", None):
        parts.append(
            "Replace the inner loop: sorting with binary search or two pointers, prefix sums, or a "
            "hash map/set lookup make each step O(log n) or O(1) instead of O(n)."
        )
    elif depth >= 3 and target == "O(n²)":
        parts.append(
            "Remove one level of loops: precompute what the innermost loop recomputes (prefix sums, "
            "a table filled once)."
        )
    if ctx.python:
        if slow := smells.slow_python_idioms(ctx.code):
            parts.append(slow[0].upper() + slow[1:] + ".")
        if io := smells.slow_io(ctx.code, ctx.fam):
            parts.append(io[0].upper() + io[1:] + ", and print once with '\\n'.join(...).")
        if name := smells.recursive_function(ctx.code, ctx.fam):
            parts.append(f"Recursion in `{name}` is slow in Python: an explicit loop is faster.")
    elif io := smells.slow_io(ctx.code, ctx.fam):
        parts.append(io[0].upper() + io[1:] + ".")
    if not parts:
        parts.append(
            "Look for work that is repeated: a value recomputed in every iteration, a search that could "
            "be a lookup, or a loop that never ends for some inputs (a condition that never changes)."
        )
    approach = ctx.approach(
        "sort", "binary_search", "heap", "hash", "prefix", "dp", "two_pointers", "fast_io", "queue"
    )
    if approach:
        parts.append(approach)
    return " ".join(parts[:3])


# --- memory and output limits --------------------------------------------------------------------------------------


def _memory(ctx: Context) -> Diagnosis:
    message = str(ctx.test.get("message") or "")
    peak = re.search(r"peak (\d+) MB", message)
    mem_kb = ctx.test.get("memory_kb")
    used = (
        f"{peak[1]} MB"
        if peak
        else (f"{int(mem_kb) // 1024} MB" if isinstance(mem_kb, int) and mem_kb else None)
    )
    limit = f"{ctx.memory_limit_mb} MB" if ctx.memory_limit_mb else "the memory limit"
    shape = _shape(ctx)
    nudge = (
        f"Memory limit exceeded on {ctx.label}: your program keeps too much in memory. Look at your biggest "
        "arrays, lists and tables, and at recursion depth."
    )
    evidence_text = f"On {ctx.label} memory use went over {limit}" + (f" (peak {used})" if used else "")
    evidence_text += f" with {shape.describe()}." if shape else "."
    table = smells.table_2d(ctx.code, ctx.fam)
    n = shape.n if shape else statement_bound(ctx)
    parts = []
    if table:
        cells = f" (n = {n} makes n × n = {evidence.sci(float(n) * n)} cells)" if n and n > 1000 else ""
        parts.append(
            f"The 2-D table `{table.text}` (line {table.line}) grows with n²{cells}: keep only the rows "
            "you need (often just the previous one) or store it sparsely."
        )
    if ctx.python:
        parts.append(
            "Python lists of objects are heavy (a tuple or int costs tens of bytes): store numbers in flat "
            "lists or `array('i')`, and process input as you read it instead of keeping all of it."
        )
    else:
        parts.append(
            "Store only what the answer needs, in flat arrays of the smallest fitting type, and process the "
            "input as you read it."
        )
    if smells.recursive_function(ctx.code, ctx.fam):
        parts.append("Deep recursion keeps every frame alive; an iterative version uses far less memory.")
    return Diagnosis(nudge, evidence_text, " ".join(parts[:3]))


def _output_limit(ctx: Context) -> Diagnosis:
    message = str(ctx.test.get("message") or "")
    return Diagnosis(
        f"Output limit exceeded on {ctx.label}: your program prints far more than the answer. Look at the loops "
        "that print.",
        f"On {ctx.label}: {message or 'the output grew past the limit'}. Expected output is usually short, so "
        "something prints repeatedly.",
        "Check that the loop around your print ends (a counter that never changes, a condition that stays true), "
        "and remove debug prints.",
    )


def _judge_error(ctx: Context) -> Diagnosis:
    message = str(ctx.test.get("message") or ctx.test.get("error") or "no details")
    return Diagnosis(
        f"Judge error on {ctx.label}: the judge itself (or the problem's checker) failed, which is not necessarily "
        "a mistake in your program.",
        f"The judge reported: {message[:200]}.",
        "Submit again; if it keeps happening, the problem's checker or test data is broken: report it.",
    )


# --- wrong answers -------------------------------------------------------------------------------------------------


def _wrong(ctx: Context) -> Diagnosis:
    diff = evidence.diff_of(ctx.test)
    if diff is None:
        message = str(ctx.test.get("message") or "")
        return Diagnosis(
            f"Wrong answer on {ctx.label}: your program runs but its answer differs. Re-read the statement for a "
            "condition or edge case you are not handling.",
            f"On {ctx.label}{_small_input(ctx)}: {message or 'the output does not match the expected answer'}.",
            _value_fix(ctx, None),
        )
    handler = {"empty": _empty, "missing": _missing, "extra": _extra, "whitespace": _spacing, "case": _case}
    if diff.kind in handler:
        return handler[diff.kind](ctx, diff)
    return _token(ctx, diff)


def _where(diff: Diff) -> str:
    return f"line {diff.line}, column {diff.column}"


def _empty(ctx: Context, diff: Diff) -> Diagnosis:
    stderr = str(ctx.test.get("error") or "").strip()
    nudge = (
        f"Wrong answer on {ctx.label}: your program printed nothing. Check that your answer is actually "
        "written to standard output."
    )
    evidence_text = (
        f"On {ctx.label} the expected output starts with {_show(diff.expected)}, but your output was empty"
    )
    evidence_text += (
        f"; your program wrote to stderr: {_show(stderr.splitlines()[0], 60)}." if stderr else "."
    )
    fam = ctx.fam
    if name := smells.uncalled_main(ctx.code, fam):
        pointed = (
            f"You define `{name}()` but never call it, so nothing runs: call `{name}()` at the end of the file "
            '(e.g. under `if __name__ == "__main__":`).'
        )
    elif f := smells.stderr_print(ctx.code, fam):
        pointed = (
            f"`{f.text}` (line {f.line}) writes to stderr, which the judge does not read: print the answer to "
            "standard output."
        )
    elif f := smells.early_exit(ctx.code, fam):
        pointed = (
            f"`{f.text}` (line {f.line}) can end the program before anything is printed: make sure every path "
            "reaches the print."
        )
    else:
        pointed = (
            "Make sure every path reaches the print (no early return before it) and that you read the input in "
            "the given format: a read that gets nothing can skip the whole loop that prints."
        )
    return Diagnosis(nudge, evidence_text, pointed)


def _first_number(ctx: Context) -> int | None:
    shape = _shape(ctx)
    return shape.first_numbers[0] if shape and shape.first_numbers else None


def _missing(ctx: Context, diff: Diff) -> Diagnosis:
    nudge = (
        f"Wrong answer on {ctx.label}: your output stops too early, with fewer values than expected. Check that "
        "you answer every case."
    )
    got, want = diff.got_tokens, diff.expected_tokens
    evidence_text = (
        f"On {ctx.label} you printed {got} value(s) but {want if want is not None else 'more'} were "
        f"expected; the first missing one is {_show(diff.expected)}."
    )
    t = _first_number(ctx)
    if (t and t > 1 and diff.expected_lines == t and (diff.got_lines or 0) < t) or (
        t and t > 1 and want == t and (got or 0) < t
    ):
        pointed = (
            f"The input starts with {t}, the number of cases, and the answer has {t} lines, but you print "
            f"{diff.got_lines or got}: loop over all {t} cases and print an answer for each."
        )
    elif (
        diff.got_lines is not None
        and diff.expected_lines is not None
        and diff.got_lines < diff.expected_lines
    ):
        pointed = (
            f"You print {diff.got_lines} line(s) where {diff.expected_lines} are expected: every query or case "
            "needs its own line; check that the printing loop is not cut short by a break or an early return."
        )
    else:
        pointed = (
            "Compare the expected output's layout with yours: you leave out part of the answer (for example a "
            "count printed before the values, or the last value of a loop that stops one short)."
        )
    return Diagnosis(nudge, evidence_text, pointed)


def _extra(ctx: Context, diff: Diff) -> Diagnosis:
    nudge = (
        f"Wrong answer on {ctx.label}: your output has more than the expected answer. Look for extra prints."
    )
    evidence_text = (
        f"On {ctx.label} the answer has {diff.expected_tokens} value(s) but you printed "
        f"{diff.got_tokens}; the first extra one is {_show(diff.got)} at {_where(diff)}."
    )
    if f := smells.input_prompt(ctx.code, ctx.fam):
        pointed = (
            f"`{f.text}` (line {f.line}) prints its prompt to standard output, where it becomes part of your "
            "answer: call input() without a prompt."
        )
    elif smells.print_in_loop(ctx.code, ctx.fam) and (diff.got_lines or 0) > (diff.expected_lines or 0):
        pointed = (
            "You print inside a loop, so you print once per iteration: compute inside the loop and print the "
            "result once, after it."
        )
    else:
        pointed = (
            "Remove debug output and prompts, and print each answer exactly once (not inside the loop that "
            "computes it)."
        )
    return Diagnosis(nudge, evidence_text, pointed)


def _spacing(ctx: Context, diff: Diff) -> Diagnosis:
    nudge = (
        f"Wrong answer on {ctx.label} because of formatting only: your values are right, but the whitespace "
        "(spaces or line breaks) differs from the expected output."
    )
    evidence_text = f"On {ctx.label}, {diff.whitespace_detail}" + (
        f" ({_where(diff)})." if diff.line else "."
    )
    detail = diff.whitespace_detail
    if "where a line break is expected" in detail:
        pointed = (
            "Print each value on its own line: e.g. `print(*values, sep='\\n')`, or one print per value."
        )
    elif "where a space is expected" in detail:
        pointed = (
            "Print the values on one line separated by single spaces: e.g. `print(*values)` or "
            "`' '.join(map(str, values))`."
        )
    elif "trailing space" in detail:
        pointed = (
            "Do not print a space after the last value of a line: join the values with ' ' instead of printing "
            "each value followed by a space."
        )
    else:
        pointed = "Match the sample output's layout exactly: the same line breaks, single spaces, no extra blank lines."
    return Diagnosis(nudge, evidence_text, pointed)


def _case(ctx: Context, diff: Diff) -> Diagnosis:
    return Diagnosis(
        f"Wrong answer on {ctx.label} because of letter case only: your words are right but their capitalization "
        "differs from the expected output.",
        f"On {ctx.label} you print {_show(diff.got)} where {_show(diff.expected)} is expected ({_where(diff)}).",
        f"Print the words exactly as the statement writes them, e.g. {_show(diff.expected)}: this checker compares "
        "letter case.",
    )


def _token(ctx: Context, diff: Diff) -> Diagnosis:
    got, want = _show(diff.got), _show(diff.expected)
    base = f"On {ctx.label}{_small_input(ctx)} you print {got} where {want} is expected ({_where(diff)})"
    rel = diff.relation
    fam = ctx.fam
    if rel == "off_by_one":
        more_less = "one less" if (diff.delta or 0) < 0 else "one more"
        return Diagnosis(
            f"Wrong answer on {ctx.label}: your result is off by one. Look at loop bounds and boundary cases "
            "(< versus <=, starting at 0 or at 1).",
            f"{base}: {more_less} than the answer.",
            _off_by_one_fix(ctx, diff.delta or 0),
        )
    if rel in ("overflow", "overflow64"):
        if rel == "overflow64":
            pointed = (
                "The answer does not fit in 64 bits: use arbitrary precision (Python int, BigInteger, "
                "__int128), or re-read the output section: maybe it asks for the answer modulo something."
            )
        elif fam == "python":
            pointed = (
                "Python ints do not overflow, so a fixed-width type sneaks in: numpy arrays, or a float from "
                "`/` or `math` functions; keep the computation in plain ints with `//`."
            )
        elif fam == "javascript":
            pointed = (
                "Numbers above 2^53 lose precision in JavaScript: compute with BigInt (`10n`, `BigInt(x)`)."
            )
        else:
            t = int64_name(fam)
            cast = {"cpp": "`1LL * a * b`", "c": "`1LL * a * b`", "java": "`(long) a * b`"}.get(
                fam, "a wider type"
            )
            pointed = (
                f"Store the values and the sums/products you compute in {t}, and widen before multiplying "
                f"({cast}): a product of two ints overflows before it is assigned to a {t}."
            )
        more = ctx.approach("int64")
        return Diagnosis(
            f"Wrong answer on {ctx.label}: the number looks like it wrapped around, an integer overflow. Look at "
            "the types of the variables that hold large values.",
            f"{base}; the expected value is beyond the range of a 32-bit int (2147483647)"
            + (" and even of a 64-bit one." if rel == "overflow64" else "."),
            f"{pointed} {more}".strip(),
        )
    if rel == "modulo":
        return Diagnosis(
            f"Wrong answer on {ctx.label}: your number is too big; the answer seems to be required modulo a "
            "constant.",
            f"{base}: yours is larger, and reducing it modulo the problem's modulus gives the expected value.",
            "Take the result modulo the given modulus (e.g. 1000000007), after every addition and multiplication so "
            "intermediate values stay small. " + ctx.approach("modulo"),
        )
    if rel in ("precision", "scientific"):
        fmt = {
            "python": "`print(f'{x:.10f}')`",
            "cpp": "`cout << fixed << setprecision(10)`",
            "c": '`printf("%.10f", x)`',
            "java": '`System.out.printf("%.10f%n", x)`',
            "javascript": "`x.toFixed(10)`",
            "rust": '`println!("{:.10}", x)`',
            "go": '`fmt.Printf("%.10f\\n", x)`',
        }.get(fam, "a fixed format with 10 decimals")
        if rel == "scientific":
            why = f"{got} is in scientific notation, which this answer does not accept."
        else:
            why = f"{got} is close to {want} but not within the allowed error."
        spec = ctx.request.problem.checker if ctx.request.problem else None
        tol = ""
        if spec and (spec.float_absolute_tolerance or spec.float_relative_tolerance):
            tol = f" (the checker allows an error of {spec.float_absolute_tolerance or spec.float_relative_tolerance:g})"
        return Diagnosis(
            f"Wrong answer on {ctx.label}: your number is close but not precise enough{tol}. Look at how you "
            "compute and print decimals.",
            f"{base}: {why}",
            f"Print with more decimal places in fixed notation, e.g. {fmt}, and compute in double precision (not "
            "float); avoid subtracting nearly equal numbers where you can.",
        )
    if rel == "float_format":
        pointed = (
            "In Python, `/` always gives a float: use `//` for integer division (or convert with int())."
            if fam == "python"
            else "Print the value as an integer: keep it in an integer type, or format it without decimals."
        )
        return Diagnosis(
            f"Wrong answer on {ctx.label}: the value is right but printed as a decimal where an integer is "
            "expected.",
            f"{base}.",
            pointed,
        )
    if rel == "sign":
        return Diagnosis(
            f"Wrong answer on {ctx.label}: your result has the wrong sign. Look at subtractions and at the "
            "initial values of minimums/maximums.",
            f"{base}.",
            "Check the order of subtractions (a - b versus b - a), absolute values, and that a running maximum does "
            "not start at 0 when all values can be negative. " + ctx.approach(),
        )
    return Diagnosis(
        f"Wrong answer on {ctx.label}: your program runs but its answer differs. Re-read the statement for a "
        "condition or edge case you are not handling.",
        f"{base}.",
        _value_fix(ctx, diff),
    )


def _off_by_one_fix(ctx: Context, delta: int) -> str:
    fam = ctx.fam
    if delta < 0 and (f := smells.short_loop(ctx.code, fam)):
        fix = {"python": "use `range(1, n + 1)`"}.get(fam, "use `<=` or extend the bound by one")
        return (
            f"Your loop `{f.text}` (line {f.line}) stops one step short, so the last value is never counted: "
            f"{fix} if it should be included."
        )
    if delta > 0 and (f := smells.long_loop(ctx.code, fam)):
        return (
            f"Your loop `{f.text}` (line {f.line}) runs one step too far, counting one extra value: stop it one "
            "earlier if that value should not count."
        )
    if delta < 0:
        return (
            "You count one too few: check whether the boundary is included (a strict `<` or `>` where `<=` or "
            "`>=` is needed, or a loop that stops before the last element)."
        )
    return (
        "You count one too many: check whether the boundary should be excluded (`<=` where `<` is needed, a "
        "start counted twice, or a loop that starts at 0 instead of 1)."
    )


def _value_fix(ctx: Context, diff: Diff | None) -> str:
    approach = ctx.approach()
    small = _small_input(ctx)
    parts = []
    if small:
        parts.append(
            "This input is small: work it out by hand and compare each step with what your program computes."
        )
    else:
        parts.append(
            "Check the edge cases the statement allows (n = 1, equal values, the largest values) and "
            "re-read the conditions in the statement."
        )
    if approach:
        parts.append(approach)
    if diff is not None and diff.got and diff.expected and not re.fullmatch(r"-?[\d.]+", diff.expected):
        parts.insert(
            0,
            f"Your program decides {_show(diff.got)} where the answer is {_show(diff.expected)}: the "
            "condition behind that decision is wrong for this input.",
        )
    return " ".join(parts[:3])


def findings(request: HintRequest) -> list[str]:
    """What the offline analysis found, as plain sentences (the evidence rungs): context for another engine."""
    verdict = (request.verdict or "").upper()
    fam = family(request.language, request.code)
    failed = [t for t in request.failed_tests if not t.get("passed", False)]
    if not failed and verdict != "CE":
        return []
    primary = _primary(failed, verdict)
    ctx = _context(request, fam, primary)
    out = [diagnose(ctx, _status(primary, verdict)).evidence]
    ref = request.reference_solution
    return [_polish(redact(line, ref)) for line in out]
