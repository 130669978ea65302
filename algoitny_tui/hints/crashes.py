"""Runtime errors: read a crash out of stderr and the judge's message (Python tracebacks, Java and Node stack
traces, Rust and Go panics, C/C++ signals and uncaught exceptions), and say what it usually means."""

from __future__ import annotations

import re
from dataclasses import dataclass

from algoitny_tui.hints.source import source_line


@dataclass
class Crash:
    kind: str
    """index, recursion, stack_overflow, zero_division, parse, unpack, eof, key, name, none, null, segfault,
    memory, abort, stack_smash, overflow, assertion, exit_code, other."""
    summary: str
    """The error line, e.g. "IndexError: list index out of range" (short)."""
    line: int | None = None
    """Line in the submitted source, when the trace names it."""
    source: str = ""
    """That line's text."""
    literal: str | None = None
    """For parse errors: the text that was not a number."""
    exit_code: int | None = None


# What each kind means (level 2) and what to change (level 3). {lang}-specific fixes are added by the engine.
MEANING: dict[str, tuple[str, str]] = {
    "index": (
        "an index out of range",
        "an index goes past the end (or before the start) of an array, list or string",
    ),
    "recursion": (
        "recursion too deep",
        "Python stops at about 1000 nested calls, and this input makes your recursion deeper than that",
    ),
    "stack_overflow": (
        "a stack overflow",
        "recursion went too deep (or never stops) and used up the call stack",
    ),
    "zero_division": ("a division by zero", "a divisor or modulus is 0 on this input"),
    "parse": (
        "text that is not a number",
        "you parse as a number something that is not one number: the input format was misread",
    ),
    "unpack": (
        "a line with a different number of values than you expect",
        "the line you split holds a different number of values than the variables you unpack it into",
    ),
    "eof": ("reading past the end of the input", "your program asks for more input than the test has"),
    "key": ("a missing dictionary key", "you look up a key that was never stored"),
    "name": (
        "an undefined name",
        "a variable or function is used before it is defined (a typo, or it is only set in one branch)",
    ),
    "none": (
        "a None value used as a container",
        "a value you index or call a method on is None, often the result of a function that returns nothing",
    ),
    "null": ("a null/undefined value", "an object or array element is used before it was created"),
    "type": ("a type error", "an operation got a value of the wrong type (e.g. str where int was meant)"),
    "segfault": (
        "a segmentation fault (SIGSEGV)",
        "the program touched memory it does not own: usually an array index out of bounds, a local array "
        "too big for the stack, or very deep recursion",
    ),
    "memory": (
        "an allocation that failed",
        "the program asked for more memory than it may use: a container sized by a huge or garbage value, or "
        "one that grows without bound",
    ),
    "abort": ("an abort (SIGABRT)", "an assertion failed or an exception was thrown and never caught"),
    "stack_smash": ("stack smashing", "the program wrote past the end of a local array"),
    "fpe": ("an arithmetic exception (SIGFPE)", "an integer division or modulo by zero (or INT_MIN / -1)"),
    "overflow": ("an integer overflow", "an arithmetic result went outside the range of its integer type"),
    "assertion": ("a failed assertion", "an assumption your code checks is false on this input"),
    "exit_code": ("a non-zero exit code", "the program ended with a failure exit code but printed no error"),
    "other": ("a runtime error", "the program stopped with an error"),
}

_PY_FRAME = re.compile(r'File "([^"]+)", line (\d+)')
_PY_EXC = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Iteration))(?::\s*(.*))?$")
_JAVA_EXC = re.compile(
    r"(?:Exception in thread \"[^\"]*\"\s+)?((?:[a-z]\w*\.)+[A-Z]\w*(?:Exception|Error))(?::\s*(.*))?"
)
_JAVA_FRAME = re.compile(r"\bat\s+[\w.$<>]+\(([\w$]+\.(?:java|kt)):(\d+)\)")
_JS_EXC = re.compile(r"^(?:Uncaught\s+)?([A-Z]\w*Error)(?::\s*(.*))?$", re.M)
_JS_FRAME = re.compile(r"\(?(/[^():\s]+\.(?:js|mjs|cjs|ts)):(\d+)(?::\d+)?\)?")
_RUST_PANIC = re.compile(r"panicked at (?:'(.*?)', )?([\w/.\\-]+\.rs):(\d+):\d+:?\s*\n?(.*)")
_GO_PANIC = re.compile(r"panic: (.*)")
_GO_FRAME = re.compile(r"\t(/\S+\.go):(\d+)")

_LIB = ("/lib/python", "site-packages", "<frozen", "/usr/lib/", "<string>")


def parse_crash(stderr: str, message: str, code: str) -> Crash | None:
    """The crash behind a runtime error, from the program's stderr and the judge's message."""
    text = stderr or ""
    for parser in (_java, _node, _rust, _go, _python, _native):
        crash = parser(text, message)
        if crash is not None:
            if crash.line and not crash.source:
                src = source_line(code, crash.line)
                crash.source = src if len(src) > 2 else ""  # `}` says nothing
            return crash
    if message:
        return Crash("other", _short(message))
    return None


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _python(text: str, message: str) -> Crash | None:
    if "Traceback (most recent call last)" not in text and not re.search(r"^\w+Error: ", text, re.M):
        # the judge's message carries the last line of stderr: "exit code 1: IndexError: ..."
        m = re.search(r"(?:exit code \d+|killed by \w+): ([A-Z]\w*(?:Error|Exception)(?::.*)?)$", message)
        if not m or "java" in m[1]:
            return None
        text = m[1]
    exc = None
    for raw in reversed(text.splitlines()):
        m = _PY_EXC.match(raw.strip())
        if m and not raw.startswith((" ", "\t")):
            exc = m
            break
    if exc is None:
        return None
    name, detail = exc[1].rsplit(".", 1)[-1], (exc[2] or "").strip()
    line = None
    # the frame that repeats (recursion) says more than the deepest one; else the last frame in the user's file
    repeated = text.split("[Previous line repeated", 1)[0] if "[Previous line repeated" in text else text
    for path, number in _PY_FRAME.findall(repeated):
        if not any(lib in path for lib in _LIB):
            line = int(number)
    summary = _short(f"{name}: {detail}" if detail else name)
    return Crash(_python_kind(name, detail), summary, line, literal=_literal(detail))


def _literal(detail: str) -> str | None:
    m = re.search(r"invalid literal for \w+\(\)(?: with base \d+)?: (['\"])(.*)\1", detail, re.S)
    if m:
        return m[2]
    m = re.search(r"could not convert string to float: (['\"])(.*)\1", detail, re.S)
    if m:
        return m[2]
    m = re.search(r'For input string: "(.*)"', detail, re.S)
    return m[1] if m else None


def _python_kind(name: str, detail: str) -> str:
    if name == "IndexError":
        return "index"
    if name == "RecursionError" or "maximum recursion depth" in detail:
        return "recursion"
    if name == "ZeroDivisionError":
        return "zero_division"
    if name == "ValueError" and ("unpack" in detail):
        return "unpack"
    if name == "ValueError" and ("invalid literal" in detail or "could not convert" in detail):
        return "parse"
    if name == "EOFError" or name == "StopIteration":
        return "eof"
    if name == "KeyError":
        return "key"
    if name in ("NameError", "UnboundLocalError"):
        return "name"
    if "NoneType" in detail:
        return "none"
    if name in ("TypeError", "AttributeError"):
        return "type"
    if name == "MemoryError":
        return "memory"
    if name == "AssertionError":
        return "assertion"
    if name == "OverflowError":
        return "overflow"
    return "other"


def _java(text: str, message: str) -> Crash | None:
    m = _JAVA_EXC.search(text) or _JAVA_EXC.search(message)
    if not m or not m[1].startswith(("java.", "javax.", "kotlin.")):
        return None
    name, detail = m[1].rsplit(".", 1)[-1], (m[2] or "").strip()
    frame = _JAVA_FRAME.search(text)
    kind = {
        "ArrayIndexOutOfBoundsException": "index",
        "StringIndexOutOfBoundsException": "index",
        "IndexOutOfBoundsException": "index",
        "NullPointerException": "null",
        "StackOverflowError": "stack_overflow",
        "NumberFormatException": "parse",
        "InputMismatchException": "parse",
        "NoSuchElementException": "eof",
        "OutOfMemoryError": "memory",
        "ArithmeticException": "zero_division" if "zero" in detail else "other",
        "AssertionError": "assertion",
        "ClassCastException": "type",
    }.get(name, "other")
    summary = _short(f"{name}: {detail}" if detail else name)
    return Crash(kind, summary, int(frame[2]) if frame else None, literal=_literal(detail))


def _node(text: str, message: str) -> Crash | None:
    if "heap out of memory" in text or "Allocation failed - JavaScript heap" in text:
        return Crash("memory", "JavaScript heap out of memory")
    m = _JS_EXC.search(text)
    if not m or not re.search(r"\.(?:js|mjs|cjs|ts)\b|node:", text):
        return None
    name, detail = m[1], (m[2] or "").strip()
    frame = _JS_FRAME.search(text)
    if "Maximum call stack size exceeded" in detail:
        kind = "stack_overflow"
    elif re.search(r"undefined|null", detail) and name == "TypeError":
        kind = "null"
    elif "Invalid array length" in detail:
        kind = "memory"
    elif name == "ReferenceError":
        kind = "name"
    else:
        kind = "other"
    summary = _short(f"{name}: {detail}" if detail else name)
    return Crash(kind, summary, int(frame[2]) if frame else None)


def _rust(text: str, message: str) -> Crash | None:
    if "has overflowed its stack" in text:
        return Crash("stack_overflow", "thread 'main' has overflowed its stack")
    if m := re.search(r"memory allocation of \d+ bytes failed", text):
        return Crash("memory", m[0])
    m = _RUST_PANIC.search(text)
    if not m:
        return None
    detail = (m[1] or m[4] or "").strip()
    if "index out of bounds" in detail or "out of range for slice" in detail:
        kind = "index"
    elif "with overflow" in detail:
        kind = "overflow"
    elif "divide by zero" in detail or "remainder with a divisor of zero" in detail:
        kind = "zero_division"
    elif "ParseIntError" in detail or "ParseFloatError" in detail:
        kind = "parse"
    elif "on a `None` value" in detail:
        kind = "eof"  # most `unwrap()` on None in contest code is `lines.next().unwrap()` at the end of input
    else:
        kind = "other"
    return Crash(kind, _short(f"panic: {detail}"), int(m[3]))


def _go(text: str, message: str) -> Crash | None:
    if "goroutine stack exceeds" in text or "fatal error: stack overflow" in text:
        return Crash("stack_overflow", "goroutine stack exceeds the limit")
    m = _GO_PANIC.search(text)
    if not m:
        return None
    detail = m[1].strip()
    frame = next(
        (f for f in _GO_FRAME.findall(text) if "/go/src/" not in f[0] and "/runtime/" not in f[0]), None
    )
    if "index out of range" in detail or "slice bounds out of range" in detail:
        kind = "index"
    elif "divide by zero" in detail:
        kind = "zero_division"
    elif "nil pointer" in detail or "nil map" in detail:
        kind = "null"
    elif "strconv" in detail:
        kind = "parse"
    else:
        kind = "other"
    return Crash(kind, _short(f"panic: {detail}"), int(frame[1]) if frame else None)


def _native(text: str, message: str) -> Crash | None:
    both = f"{text}\n{message}"
    if "std::bad_alloc" in both or "bad_array_new_length" in both:
        return Crash("memory", "std::bad_alloc")
    if m := re.search(r"what\(\):\s*(vector::_M_range_check[^\n]*|[^\n]*out_of_range[^\n]*)", both):
        return Crash("index", _short(f"std::out_of_range: {m[1]}"))
    if "out_of_range" in both:
        return Crash("index", "std::out_of_range")
    if "stack smashing detected" in both:
        return Crash("stack_smash", "*** stack smashing detected ***")
    if m := re.search(r"Assertion [`'](.+?)' failed", both):
        return Crash("assertion", _short(f"assertion failed: {m[1]}"))
    if "SIGSEGV" in both or "Segmentation fault" in both:
        return Crash("segfault", "killed by SIGSEGV (segmentation fault)")
    if "SIGFPE" in both or "Floating point exception" in both:
        return Crash("fpe", "killed by SIGFPE (arithmetic exception)")
    if m := re.search(r"terminate called after throwing an instance of '([^']+)'", both):
        return Crash("abort", _short(f"uncaught exception {m[1]}"))
    if "SIGABRT" in both or "Aborted" in both:
        return Crash("abort", "killed by SIGABRT (abort)")
    if "SIGBUS" in both:
        return Crash("segfault", "killed by SIGBUS (bad memory access)")
    if m := re.search(r"exit code (-?\d+)\s*$", message.strip()):
        return Crash("exit_code", f"exit code {m[1]}", exit_code=int(m[1]))
    return None
