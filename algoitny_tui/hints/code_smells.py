"""Patterns in submitted code that explain a verdict: slow input, loop bounds, output to stderr, a main that is
never called, huge local arrays. Each finder returns a short phrase (with the line, quoted) or None."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Found:
    line: int
    text: str
    """The matching source line, stripped (quoted back to the user: it is their own code)."""


def find(code: str, pattern: str, flags: int = 0) -> Found | None:
    rx = re.compile(pattern, flags)
    for number, line in enumerate(code.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(("#", "//")):
            continue
        if rx.search(line):
            return Found(number, stripped if len(stripped) <= 80 else stripped[:79] + "…")
    return None


def short_loop(code: str, fam: str) -> Found | None:
    """A loop bound that stops one before n: `range(1, n)`, `range(n - 1)`, `i < n - 1`, `i < n` from 1."""
    if fam == "python":
        return (
            find(code, r"\brange\(\s*1\s*,\s*(\w+)\s*\)")
            or find(code, r"\brange\(\s*(\w+)\s*-\s*1\s*\)")
            or find(code, r"\brange\(\s*\w+\s*,\s*\w+\s*-\s*1\s*\)")
        )
    if fam == "rust":
        return find(code, r"\b1\s*\.\.\s*\w+\b(?!\s*\+)")
    return find(code, r"for\s*\([^;]*=\s*1\s*;\s*\w+\s*<\s*\w+\s*;") or find(
        code, r"for\s*\([^;]*;\s*\w+\s*<\s*\w+\s*-\s*1\s*;"
    )


def long_loop(code: str, fam: str) -> Found | None:
    """A loop bound that goes one past: `range(n + 1)` from 0, `i <= n` from 0."""
    if fam == "python":
        return find(code, r"\brange\(\s*(\w+)\s*\+\s*1\s*\)") or find(
            code, r"\brange\(\s*0\s*,\s*\w+\s*\+\s*1\s*\)"
        )
    if fam == "rust":
        return find(code, r"\b0\s*\.\.=\s*\w+")
    return find(code, r"for\s*\([^;]*=\s*0\s*;\s*\w+\s*<=\s*\w+\s*;")


def stderr_print(code: str, fam: str) -> Found | None:
    return find(
        code,
        r"file\s*=\s*sys\.stderr|sys\.stderr\.write|\bcerr\b|fprintf\s*\(\s*stderr|System\.err\."
        r"|console\.error|eprintln!|eprint!|os\.Stderr",
    )


def uncalled_main(code: str, fam: str) -> str | None:
    """Python: a `def main()`/`def solve()` that nothing calls, so the program does nothing."""
    if fam != "python":
        return None
    for name in ("main", "solve", "solution", "run"):
        if re.search(rf"^def {name}\s*\(", code, re.M) and not re.search(rf"(?<!def ){name}\s*\(", code):
            return name
    return None


def early_exit(code: str, fam: str) -> Found | None:
    return find(code, r"\bsys\.exit\(|\bexit\(\s*\)|\bquit\(\)|os\._exit\(|\breturn\s+0\s*;")


def input_prompt(code: str, fam: str) -> Found | None:
    """Python `input("Enter n: ")`: the prompt goes to stdout and becomes part of the answer."""
    return find(code, r"\binput\(\s*[fr]?['\"][^'\"]+['\"]") if fam == "python" else None


def print_in_loop(code: str, fam: str) -> bool:
    """A print indented under a loop (Python) — output once per iteration."""
    if fam != "python":
        return False
    lines = code.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(for|while)\b", line)
        if not m:
            continue
        indent = len(m[1])
        for body in lines[i + 1 :]:
            if not body.strip():
                continue
            if len(body) - len(body.lstrip()) <= indent:
                break
            if re.match(r"\s*print\(", body):
                return True
    return False


def slow_io(code: str, fam: str) -> str | None:
    """The I/O advice that fits this code, when its input/output is the usual slow kind for its language."""
    if fam == "python":
        if re.search(r"\binput\(", code) and "sys.stdin" not in code:
            return (
                "read input with `input = sys.stdin.readline` (or `sys.stdin.buffer.read().split()`) "
                "instead of input()"
            )
        return None
    if fam == "cpp" and re.search(r"\bcin\b", code) and "sync_with_stdio" not in code:
        return "add `ios::sync_with_stdio(false); cin.tie(nullptr);` and print '\\n' instead of endl"
    if fam == "java" and "Scanner" in code:
        return "read with BufferedReader + StringTokenizer instead of Scanner, and collect output in a StringBuilder"
    if fam == "kotlin" and re.search(r"\breadLine\(\)|Scanner", code) and "bufferedReader" not in code:
        return "read with System.`in`.bufferedReader() and print once with a StringBuilder"
    return None


def slow_python_idioms(code: str) -> str | None:
    if f := find(code, r"\.pop\(\s*0\s*\)|\.insert\(\s*0\s*,"):
        return f"`{f.text}` (line {f.line}) shifts the whole list each time: use collections.deque"
    if f := find(code, r"\bif\s+\w+\s+(not\s+)?in\s+\w*(list|arr|lst|seen|visited)\w*\s*:"):
        return f"`{f.text}` (line {f.line}) may search a list linearly: use a set for membership"
    if f := find(code, r"\+=\s*str\(|\w+\s*=\s*\w+\s*\+\s*str\("):
        return (
            f"building a string with `+=` (line {f.line}) copies it each time: collect parts and ''.join them"
        )
    return None


def recursive_function(code: str, fam: str) -> str | None:
    if fam == "python":
        for m in re.finditer(r"^\s*def (\w+)\s*\(", code, re.M):
            name = m[1]
            body = code[m.end() :]
            nxt = re.search(r"^def \w+|^\S", body, re.M)
            if re.search(rf"\b{name}\s*\(", body[: nxt.start()] if nxt else body):
                return name
        return None
    for m in re.finditer(r"\b(\w+)\s*\([^;{)]*\)\s*\{", code):
        name = m[1]
        if name in ("if", "for", "while", "switch", "main", "catch"):
            continue
        body = code[m.end() : m.end() + 2000]
        if re.search(rf"\b{name}\s*\(", body.split("\n}", 1)[0]):
            return name
    return None


def big_local_array(code: str, fam: str) -> Found | None:
    """C/C++: a local array of a million elements or more (the stack is a few MB)."""
    if fam not in ("c", "cpp"):
        return None
    return find(
        code,
        r"^\s+(?:static\s+)?(?:int|long|long long|double|char|bool|float|unsigned\s+\w+)\s+\w+"
        r"\s*\[\s*(?:\d{6,}|\d+e\d+|1'?000'?000)\s*\]",
    )


def table_2d(code: str, fam: str) -> Found | None:
    return find(
        code,
        r"\[\s*\[[^\]]*\]\s*\*\s*\(?\s*\w+[^\]]*\bfor\b[^\]]*\]|vector\s*<\s*vector\s*<"
        r"|new\s+(int|long|double|boolean)\s*\[\s*\w+\s*\]\s*\[\s*\w+\s*\]"
        r"|\b(int|long long|double|bool)\s+\w+\s*\[\s*\w+\s*\]\s*\[\s*\w+\s*\]",
    )


def assigned_none(code: str) -> Found | None:
    return find(code, r"\w+\s*=\s*\w+(?:\[[^\]]*\])?\.(sort|append|reverse|extend|insert|remove)\(")
