"""Compile errors: find the first real error in a compiler's output (gcc/clang, javac, kotlinc, rustc, go,
Python's SyntaxError) and say in plain words what the common ones mean."""

from __future__ import annotations

import re
from dataclasses import dataclass

from algoitny_tui.hints.source import source_line


@dataclass
class CompileError:
    kind: str
    """semicolon, include, std_namespace, undeclared, java_import, java_class, borrow, moved, types, brace,
    unused, missing_return, checked_exception, syntax, indentation, no_main, other."""
    text: str
    """The first error line, trimmed."""
    line: int | None = None
    column: int | None = None
    name: str | None = None
    """The identifier, header or class the error is about."""
    source: str = ""
    """The source line the error points at."""


_GCC = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):)?\s*(?:fatal )?error:\s*(?P<msg>.+)$", re.M
)
_JAVAC = re.compile(r"^(?P<file>[^:\n]+\.java):(?P<line>\d+):\s*error:\s*(?P<msg>.+)$", re.M)
_RUSTC = re.compile(
    r"^error(?:\[(?P<code>E\d+)\])?:\s*(?P<msg>.+)\n\s*-->\s*[^:\n]+:(?P<line>\d+):(?P<col>\d+)", re.M
)
_GO = re.compile(r"^(?P<file>\S+\.go):(?P<line>\d+):(?P<col>\d+):\s*(?P<msg>.+)$", re.M)
_PY = re.compile(r'File "[^"]+", line (?P<line>\d+)(?:.|\n)*?^\s*(?P<name>\w*Error): (?P<msg>.+)$', re.M)
_ANY = re.compile(r"^.*\berror\b.*$", re.M | re.I)

# Names from the C++ standard library, and the header that declares each.
STD_HEADERS = {
    "cout": "iostream",
    "cin": "iostream",
    "cerr": "iostream",
    "endl": "iostream",
    "vector": "vector",
    "string": "string",
    "getline": "string",
    "sort": "algorithm",
    "max": "algorithm",
    "min": "algorithm",
    "swap": "utility",
    "pair": "utility",
    "make_pair": "utility",
    "map": "map",
    "set": "set",
    "unordered_map": "unordered_map",
    "unordered_set": "unordered_set",
    "queue": "queue",
    "priority_queue": "queue",
    "stack": "stack",
    "deque": "deque",
    "printf": "cstdio",
    "scanf": "cstdio",
    "memset": "cstring",
    "strlen": "cstring",
    "sqrt": "cmath",
    "pow": "cmath",
    "abs": "cstdlib",
    "accumulate": "numeric",
    "iota": "numeric",
    "setprecision": "iomanip",
    "lower_bound": "algorithm",
    "upper_bound": "algorithm",
    "reverse": "algorithm",
    "fill": "algorithm",
    "array": "array",
    "bitset": "bitset",
    "tuple": "tuple",
    "numeric_limits": "limits",
    "INT_MAX": "climits",
}
JAVA_IMPORTS = {
    "Scanner": "java.util.Scanner",
    "ArrayList": "java.util.ArrayList",
    "List": "java.util.List",
    "HashMap": "java.util.HashMap",
    "Map": "java.util.Map",
    "HashSet": "java.util.HashSet",
    "Set": "java.util.Set",
    "Arrays": "java.util.Arrays",
    "Collections": "java.util.Collections",
    "PriorityQueue": "java.util.PriorityQueue",
    "ArrayDeque": "java.util.ArrayDeque",
    "Deque": "java.util.Deque",
    "Queue": "java.util.Queue",
    "TreeMap": "java.util.TreeMap",
    "StringTokenizer": "java.util.StringTokenizer",
    "BufferedReader": "java.io.BufferedReader",
    "InputStreamReader": "java.io.InputStreamReader",
    "IOException": "java.io.IOException",
    "PrintWriter": "java.io.PrintWriter",
    "BigInteger": "java.math.BigInteger",
}


def parse_compile_error(message: str, code: str) -> CompileError | None:
    if not message.strip():
        return None
    err = _first(message)
    if err is None:
        return None
    if err.kind == "semicolon" and err.line:
        err.line = _line_missing_semicolon(code, err.line)
    if err.line and not err.source:
        err.source = source_line(code, err.line)
    return err


def _line_missing_semicolon(code: str, line: int) -> int:
    """gcc and javac point at the end of the statement missing `;` or, in some versions, at the next statement:
    take the line that does not end a statement."""

    def ends(number: int) -> bool:
        text = source_line(code, number)
        return (
            not text
            or text.endswith((";", "{", "}", ",", ":"))
            or text.startswith(("#", "//", "/*", "*"))
            or bool(re.match(r"(if|for|while|else|switch|do|public|private|class|template)\b", text))
        )

    if not code or not ends(line):
        return line
    prev = line - 1
    while prev >= 1 and not source_line(code, prev):
        prev -= 1
    return prev if prev >= 1 and not ends(prev) else line


def _first(message: str) -> CompileError | None:
    found: list[tuple[int, CompileError]] = []
    if m := _RUSTC.search(message):
        found.append(
            (m.start(), _classify(m["msg"], message, int(m["line"]), int(m["col"]), m["code"] or ""))
        )
    if m := _JAVAC.search(message):
        found.append((m.start(), _classify(m["msg"], message, int(m["line"]), None)))
    if m := _GCC.search(message):
        found.append(
            (m.start(), _classify(m["msg"], message, int(m["line"]), int(m["col"]) if m["col"] else None))
        )
    if not found and (m := _GO.search(message)):
        found.append((m.start(), _classify(m["msg"], message, int(m["line"]), int(m["col"]))))
    if not found and (m := _PY.search(message)):
        kind = "indentation" if m["name"] in ("IndentationError", "TabError") else "syntax"
        found.append((m.start(), CompileError(kind, f"{m['name']}: {m['msg'].strip()}", int(m["line"]))))
    if found:
        return min(found, key=lambda f: f[0])[1]
    m = _ANY.search(message)
    line = (m[0] if m else next(ln for ln in message.splitlines() if ln.strip())).strip()
    return CompileError("other", _short(line))


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(msg: str) -> str | None:
    m = re.search(r"[‘'`\"]([\w:.<>]+)[’'`\"]", msg)
    return m[1] if m else None


def _classify(msg: str, whole: str, line: int | None, col: int | None, code: str = "") -> CompileError:
    text = _short(msg)
    low = msg.lower()

    def make(kind: str, name: str | None = None) -> CompileError:
        return CompileError(kind, text, line, col, name)

    if re.search(r"expected [‘'`\"];[’'`\"]|[‘'`\"];[’'`\"] expected|expected `;`", msg):
        return make("semicolon")
    if m := re.search(r"did you forget to [‘']#include <(\w+(?:\.h)?)>[’']", whole):
        return make("include", m[1])
    if m := re.search(r"fatal error: ([\w/.+]+): No such file", whole):
        return make("include", m[1])
    if "is public, should be declared in a file named" in msg:
        m = re.search(r"class (\w+) is public", msg)
        return make("java_class", m[1] if m else None)
    if code in ("E0382", "E0505", "E0507") or "moved value" in low:
        return make("moved", _quoted(msg))
    if code in ("E0499", "E0502", "E0506", "E0596") or re.search(r"cannot borrow|borrowed", low):
        return make("borrow", _quoted(msg))
    if "cannot find symbol" in low:
        m = re.search(r"symbol:\s+(?:class|variable|method)\s+(\w+)", whole)
        name = m[1] if m else None
        return make("java_import" if name in JAVA_IMPORTS else "undeclared", name)
    if m := re.search(
        r"[‘'`\"](\w+)[’'`\"] (?:was not declared in this scope|is not a member of [‘']std[’'])", msg
    ):
        name = m[1]
        if "did you mean" in msg and "std::" in msg:
            return make("std_namespace", name)
        return make("include" if name in STD_HEADERS and "std" in msg else "undeclared", name)
    if m := re.search(
        r"use of undeclared identifier [‘'](\w+)[’']|undefined: (\w+)|unresolved reference:? [‘'`]?(\w+)"
        r"|cannot find (?:value|function|type|macro) `(\w+)`|undeclared \(first use",
        msg,
    ):
        name = next((g for g in m.groups() if g), None)
        if name in STD_HEADERS and re.search(r"#include", whole + msg):
            return make("std_namespace", name)
        return make("undeclared", name)
    if re.search(
        r"mismatched types|incompatible types|invalid conversion|cannot convert|lossy conversion", low
    ):
        return make("types")
    if re.search(
        r"expected [‘'`]?}[’'`]? at end of input|reached end of file while parsing|unclosed delimiter"
        r"|at end of input|unexpected eof|expected declaration or statement at end",
        low,
    ):
        return make("brace")
    if re.search(r"declared and not used|declared but not used|imported and not used", low):
        return make("unused", _quoted(msg) or (re.search(r"used: (\w+)", msg) or [None, None])[1])
    if "missing return" in low:
        return make("missing_return")
    if "unreported exception" in low:
        return make(
            "checked_exception", _quoted(msg) or (re.search(r"exception (\w+)", msg) or [None, None])[1]
        )
    if re.search(
        r"undefined reference to [`']main'|could not find or load main class|`main` function not found", low
    ):
        return make("no_main")
    if "syntax error" in low or "expected" in low:
        return make("syntax")
    return make("other")


# What each kind means, in words (level 2), and what to change (level 3).
MEANING: dict[str, tuple[str, str]] = {
    "semicolon": (
        "a statement is missing its semicolon",
        "Add the `;` at the end of the statement the error points to (gcc points at the line after it).",
    ),
    "include": (
        "a name from the standard library is used without including its header",
        "Add the missing `#include` at the top of the file.",
    ),
    "std_namespace": (
        "a standard-library name is used without `std::`",
        "Write `std::` before it, or add `using namespace std;` after the includes.",
    ),
    "undeclared": (
        "a name is used that was never declared (a typo, or declared in another scope)",
        "Check the spelling and that the variable is declared before this line, in a scope that "
        "reaches it (not only inside an earlier block or loop).",
    ),
    "java_import": ("a Java class is used without importing it", "Add the import at the top of the file."),
    "java_class": (
        "a public Java class has a different name than its file",
        "Remove `public` from the class, or name it as the judge expects (usually `Main`).",
    ),
    "moved": (
        "a value is used after it was moved (Rust ownership)",
        "Borrow it (`&x`) instead of moving it, or `.clone()` it before the move if you really need two copies.",
    ),
    "borrow": (
        "a value is borrowed mutably while another borrow is alive (Rust borrow rules)",
        "End the first borrow before the second (copy the value out into a local first, or split the work "
        "into two steps / use indices instead of references).",
    ),
    "types": (
        "a value has the wrong type for where it is used",
        "Convert it explicitly (a cast, `as i64`, `(long)`), or change the variable's declared type.",
    ),
    "brace": (
        "the file ends before a block is closed: a `}` or `)` is missing",
        "Count the braces: every `{` opened in a function, loop or if needs its `}`.",
    ),
    "unused": (
        "Go refuses unused variables and imports",
        "Remove the unused variable or import (or use `_`).",
    ),
    "missing_return": (
        "a function can end without returning a value",
        "Add a `return` at the end of the function, for the path where no earlier return happens.",
    ),
    "checked_exception": (
        "Java requires this exception to be caught or declared",
        "Add `throws IOException` (or `throws Exception`) to `main`'s signature.",
    ),
    "syntax": ("the code does not parse", "Look at the line the error names and the line just above it."),
    "indentation": (
        "the indentation is inconsistent",
        "Indent every block with the same number of spaces (no tabs mixed with spaces).",
    ),
    "no_main": (
        "the program has no entry point the judge can run",
        "Define the `main` function (in Java: `public static void main(String[] args)`).",
    ),
    "other": (
        "the compiler rejected the code",
        "Fix the first error the compiler reports; later ones often follow from it.",
    ),
}
