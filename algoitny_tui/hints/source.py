"""What can be read from source code without running it: the language family, loop nesting, slow I/O,
the approach of an accepted solution (in words), and a guard that keeps that solution out of every hint."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

FAMILIES = {
    "python": ("python", "python3", "pypy", "pypy3", "py", "py3"),
    "cpp": (
        "cpp",
        "c++",
        "cxx",
        "cc",
        "g++",
        "clang++",
        "cpp17",
        "cpp20",
        "c++17",
        "c++20",
        "c++14",
        "c++11",
    ),
    "c": ("c", "c99", "c11", "gcc", "clang"),
    "java": ("java", "java8", "java11", "java17", "java21"),
    "kotlin": ("kotlin", "kt"),
    "javascript": ("javascript", "js", "node", "nodejs", "typescript", "ts"),
    "rust": ("rust", "rs"),
    "go": ("go", "golang"),
}


def family(language: str, code: str = "") -> str:
    """python, cpp, c, java, kotlin, javascript, rust, go, or other (guessed from the code when unknown)."""
    lang = language.strip().lower()
    for fam, names in FAMILIES.items():
        if lang in names:
            return fam
    for fam, names in FAMILIES.items():
        if any(lang.startswith(n) for n in names if len(n) > 2):
            return fam
    if "#include" in code:
        return "cpp" if re.search(r"\b(std::|iostream|bits/stdc\+\+|cout|vector<)", code) else "c"
    if "public static void main" in code:
        return "java"
    if re.search(r"^\s*fn main\s*\(", code, re.M):
        return "rust"
    if re.search(r"^package main", code, re.M):
        return "go"
    if re.search(r"^\s*(def |import |print\()", code, re.M):
        return "python"
    return "other"


def int64_name(fam: str) -> str:
    return {
        "cpp": "long long",
        "c": "long long",
        "java": "long",
        "kotlin": "Long",
        "rust": "i64",
        "go": "int64",
        "javascript": "BigInt",
    }.get(fam, "a 64-bit integer type")


def source_line(code: str, number: int) -> str:
    lines = code.splitlines()
    return lines[number - 1].strip() if 1 <= number <= len(lines) else ""


# --- loops ------------------------------------------------------------------------------------------------------


@dataclass
class LoopInfo:
    depth: int = 0
    """Deepest nesting of loops (comprehensions count as loops)."""
    line: int = 0
    """Line of the innermost loop of the deepest nest."""


def loop_nesting(code: str, fam: str) -> LoopInfo:
    if fam == "python":
        try:
            return _python_loops(ast.parse(code))
        except (SyntaxError, ValueError, RecursionError):
            pass
    return _brace_loops(code)


def _python_loops(tree: ast.AST) -> LoopInfo:
    best = LoopInfo()

    def walk(node: ast.AST, depth: int) -> None:
        nonlocal best
        for child in ast.iter_child_nodes(node):
            d = depth
            if isinstance(child, ast.For | ast.While | ast.AsyncFor | ast.comprehension):
                d = depth + 1
                if d > best.depth:
                    best = LoopInfo(
                        d,
                        getattr(child, "lineno", getattr(child.target, "lineno", 0))
                        if isinstance(child, ast.comprehension)
                        else child.lineno,
                    )
            walk(child, d)

    walk(tree, 0)
    return best


_LOOP_HEAD = re.compile(r"\b(for|while)\s*\(|\bfor\s+\w+\s+in\b|\bfor\s*\{|\bloop\s*\{|\brepeat\s*\(")


def _brace_loops(code: str) -> LoopInfo:
    """Nesting of loops in a brace language: a loop's body is the brace block (or the single statement) after it."""
    best = LoopInfo()
    stack: list[int] = []  # brace depth at which each open loop's body starts
    depth = 0
    pending = 0  # loop heads seen whose body has not opened yet
    code = re.sub(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"", "", code, flags=re.S)
    for number, line in enumerate(code.splitlines(), 1):
        heads = len(_LOOP_HEAD.findall(line))
        for _ in range(heads):
            level = len(stack) + pending + 1
            if level > best.depth:
                best = LoopInfo(level, number)
        pending += heads
        for ch in line:
            if ch == "{":
                depth += 1
                if pending:
                    stack.extend([depth] * pending)
                    pending = 0
            elif ch == "}":
                while stack and stack[-1] == depth:
                    stack.pop()
                depth -= 1
            elif ch == ";" and pending and "for" not in line:
                pending = 0  # a loop with a one-statement body ended
    return best


# --- code features --------------------------------------------------------------------------------------------


@dataclass
class Features:
    """Named traits of a program, for comparing an answer with an accepted solution in words."""

    names: set[str] = field(default_factory=set)


_FEATURES: list[tuple[str, str]] = [
    (
        "int64",
        r"\blong\s+long\b|\bint64_t\b|\bi64\b|\bu64\b|\bint64\b|\bLong\b|\blong\s+\w+\s*[=;,\[]|BigInteger|BigInt",
    ),
    (
        "sort",
        r"\bsort\s*\(|\.sort\s*\(|\bsorted\s*\(|Arrays\.sort|Collections\.sort|\.sort_by|\.sort_unstable|sort\.(Ints|Slice)",
    ),
    (
        "binary_search",
        r"bisect|lower_bound|upper_bound|binary_search|binarySearch|\blo\s*\+\s*\(?\s*hi|\bleft\s*\+\s*\(?\s*right|\(lo\s*\+\s*hi\)|\(l\s*\+\s*r\)\s*(//|/|>>)\s*[12]",
    ),
    ("heap", r"heapq|priority_queue|PriorityQueue|BinaryHeap|container/heap"),
    ("queue", r"\bdeque\b|\bqueue<|\bQueue<|ArrayDeque|VecDeque|\bbfs\b|\bBFS\b"),
    ("dp", r"\bdp\s*[\[=(]|\bmemo\b|lru_cache|@cache\b|\bdp\b"),
    (
        "hash",
        r"\bdict\s*\(|\bset\s*\(|defaultdict|Counter\(|unordered_map|unordered_set|HashMap|HashSet|\bmap\[|std::map|\bmap<|\bset<",
    ),
    ("prefix", r"\bprefix\b|\bpref\b|\bpre\s*\[|\bpsum\b|accumulate|\bcum\w*\b"),
    ("modulo", r"\b1_?000_?000_?007\b|\b10\s*\*\*\s*9\s*\+\s*7\b|\b1e9\s*\+\s*7\b|\b998_?244_?353\b|\bMOD\b"),
    (
        "fast_io",
        r"sys\.stdin|stdin\.buffer|sync_with_stdio|BufferedReader|StreamTokenizer|bufio|read_to_string|BufWriter",
    ),
    ("recursion_limit", r"setrecursionlimit"),
    ("float_print", r"%\.\d+[fl]f|:\.\d+f|setprecision|toFixed|\{:\.\d+\}|format\(\s*['\"][^'\"]*\.\d+f"),
    ("gcd", r"\bgcd\b|__gcd"),
    ("two_pointers", r"\bwhile\s*\(?\s*(l|left|lo|i)\s*<\s*(r|right|hi|j)\b"),
]
_FEATURE_WORDS = {
    "int64": "keeps its values in 64-bit integers",
    "sort": "sorts the data first",
    "binary_search": "uses binary search",
    "heap": "uses a priority queue (heap)",
    "queue": "processes states with a queue (BFS-like)",
    "dp": "builds a table of sub-results (dynamic programming / memoization)",
    "hash": "looks values up in a hash map or set",
    "prefix": "precomputes prefix sums",
    "modulo": "reduces its results modulo the problem's modulus",
    "fast_io": "reads the input with fast buffered I/O",
    "recursion_limit": "raises the recursion limit",
    "float_print": "prints numbers with a fixed number of decimals",
    "gcd": "uses the greatest common divisor",
    "two_pointers": "moves two pointers over the data",
}


def features(code: str) -> set[str]:
    code = re.sub(r"(?m)(#|//).*$", "", code)  # comments say what code meant, not what it does
    return {name for name, pattern in _FEATURES if re.search(pattern, code)}


def approach_in_words(reference: str | None, code: str, wanted: tuple[str, ...] = ()) -> str:
    """What an accepted solution does that this code does not, in words; '' when nothing stands out."""
    if not reference:
        return ""
    missing = features(reference) - features(code)
    if wanted:
        missing &= set(wanted)
    order = [name for name, _ in _FEATURES if name in missing][:2]
    if not order:
        return ""
    return "An accepted solution " + " and ".join(_FEATURE_WORDS[n] for n in order) + "."


# --- the guard ----------------------------------------------------------------------------------------------------

_TRIVIAL = re.compile(
    r"^[\s{}()\[\];,.:]*$|^(else|try|finally|return|break|continue|pass|end|fi|done)\b[\s:;{}]*$"
)


def significant_lines(reference: str) -> list[str]:
    """Lines of a reference solution that would give something away if quoted (not braces, not `else:`)."""
    out = []
    for raw in reference.splitlines():
        line = raw.strip()
        if len(line) < 6 or _TRIVIAL.match(line):
            continue
        out.append(line)
    return out


def redact(hint: str, reference: str | None) -> str:
    """Remove any non-trivial line of the reference solution from a hint (a backstop: hints never quote it)."""
    if not reference:
        return hint
    for line in sorted(significant_lines(reference), key=len, reverse=True):
        if line in hint:
            hint = hint.replace(line, "…")
    return hint


def leaks(hint: str, reference: str | None) -> bool:
    return bool(reference) and any(line in hint for line in significant_lines(reference or ""))
