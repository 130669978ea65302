"""Evidence from a failed test: how the output differs from the answer, and how big the input is.

Works from the expected output when the test carries it, and otherwise from where the judge's check found the
output wrong (its Mismatch), so hints stay specific even for tests whose answer is not stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from algoitny_tui.mismatch import Mismatch

# The Kattis default validator's whitespace: exactly these six characters.
_WS = " \t\n\v\f\r"
_TOKEN = re.compile(r"[^ \t\n\v\f\r]+")
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?")

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
JS_SAFE_MAX = 2**53
MODULI = (1_000_000_007, 998_244_353, 1_000_000_009)

DiffKind = Literal["token", "whitespace", "case", "missing", "extra", "empty"]
Relation = Literal[
    "off_by_one",
    "overflow",
    "overflow64",
    "modulo",
    "precision",
    "float_format",
    "scientific",
    "sign",
    "value",
]


@dataclass
class Diff:
    """The first place where the output and the answer part ways."""

    kind: DiffKind
    line: int = 1
    column: int = 1
    got: str | None = None
    expected: str | None = None
    token_index: int = 0
    got_tokens: int | None = None
    expected_tokens: int | None = None
    got_lines: int | None = None
    expected_lines: int | None = None
    relation: Relation | None = None
    delta: int | None = None
    """got - expected, when both are integers."""
    whitespace_detail: str = ""
    """For whitespace-only differences: what kind (newline vs space, trailing space, ...)."""


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _lines(text: str) -> list[str]:
    return [ln for ln in text.rstrip(_WS).split("\n")] if text.strip(_WS) else []


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    return line, pos - start + 1


def _token_pos(text: str, index: int) -> int:
    for i, m in enumerate(_TOKEN.finditer(text)):
        if i == index:
            return m.start()
    return len(text.rstrip(_WS))


def compare(output: str, expected: str) -> Diff | None:
    """Where `output` first differs from `expected`; None when they are identical."""
    if output == expected:
        return None
    got_t, want_t = tokens(output), tokens(expected)
    counts: dict[str, Any] = {
        "got_tokens": len(got_t),
        "expected_tokens": len(want_t),
        "got_lines": len(_lines(output)),
        "expected_lines": len(_lines(expected)),
    }
    if not got_t and want_t:
        return Diff("empty", expected=want_t[0], **counts)
    if got_t == want_t:
        return _whitespace(output, expected, counts)
    if want_t and len(got_t) > len(want_t) and got_t[-len(want_t) :] == want_t:
        # the answer is all there, after something else: a prompt or a debug line printed first
        line, col = _line_col(output, _token_pos(output, 0))
        return Diff("extra", line, col, got_t[0], None, 0, **counts)
    for i, (g, w) in enumerate(zip(got_t, want_t, strict=False)):
        if g != w:
            line, col = _line_col(output, _token_pos(output, i))
            case_only = [t.lower() for t in got_t] == [t.lower() for t in want_t]
            diff = Diff("case" if case_only else "token", line, col, g, w, i, **counts)
            diff.relation, diff.delta = relate(g, w)
            return diff
    i = min(len(got_t), len(want_t))
    line, col = _line_col(output, _token_pos(output, i))
    if len(got_t) > len(want_t):
        return Diff("extra", line, col, got_t[i], None, i, **counts)
    return Diff("missing", line, col, None, want_t[i], i, **counts)


def _whitespace(output: str, expected: str, counts: dict[str, Any]) -> Diff:
    n = min(len(output), len(expected))
    pos = next((i for i in range(n) if output[i] != expected[i]), n)
    line, col = _line_col(output, pos)
    g, w = output[pos : pos + 1], expected[pos : pos + 1]
    if g == " " and w in ("\n", "") and output[pos + 1 : pos + 2] in ("\n", ""):
        detail = f"there is a trailing space at the end of line {line}"
    elif w == "\n" and g == " ":
        detail = (
            "you print a space where a line break is expected (values on one line instead of one per line)"
        )
    elif g == "\n" and w == " ":
        detail = (
            "you print a line break where a space is expected (one value per line instead of on one line)"
        )
    elif g == " " and w in ("\n", ""):
        detail = f"there is a trailing space at the end of line {line}"
    elif g == "" and w:
        detail = "your output is missing a final line break or blank line"
    elif w == "" and g:
        detail = "your output has extra whitespace (a blank line or trailing spaces) at the end"
    elif g == "\n" and w == "\n":
        detail = f"the line breaks differ around line {line}"
    elif g == "\r":
        detail = "your output has Windows line endings (\\r\\n)"
    elif g == "\n" and expected[pos : pos + 1] != "\n":
        detail = f"you print an extra line break on line {line}"
    else:
        detail = f"spacing differs at line {line}, column {col}"
    return Diff("whitespace", line, col, g, w, whitespace_detail=detail, **counts)


def _as_int(token: str) -> int | None:
    return int(token) if _INT.fullmatch(token) else None


def relate(got: str, want: str) -> tuple[Relation | None, int | None]:
    """How a wrong number relates to the right one: off by one, wrapped around 2^32, missing modulo, ..."""
    g, w = _as_int(got), _as_int(want)
    if g is not None and w is not None:
        d = g - w
        if abs(d) == 1:
            return "off_by_one", d
        if w > INT64_MAX or w < -INT64_MAX - 1:
            return "overflow64", d
        if (w > INT32_MAX or w < -INT32_MAX - 1) and -INT32_MAX - 1 <= g <= INT32_MAX:
            return "overflow", d
        if d % 2**32 == 0 or d % 2**64 == 0:
            return "overflow", d
        if (g < 0 <= w) and abs(g) > 1000:
            return "overflow", d
        if any(w < m <= g and g % m == w for m in MODULI):
            return "modulo", d
        if g < 0 <= w or w < 0 <= g:
            return "sign", d
        return "value", d
    if w is not None and _FLOAT.fullmatch(got):
        gf = float(got)
        if "e" in got.lower():
            return "scientific", None
        if gf == w:
            return "float_format", None  # "5.0" for 5: float division or float formatting
        return "value", None
    if _FLOAT.fullmatch(got) and _FLOAT.fullmatch(want):
        gf, wf = float(got), float(want)
        if "e" in got.lower() and "e" not in want.lower():
            return "scientific", None
        if abs(gf - wf) <= 1e-2 * max(1.0, abs(wf)):
            return "precision", None
        return "value", None
    return None, None


# --- the judge's mismatch (algoitny_tui/mismatch.py), for tests whose answer is not stored ---------------------


def from_mismatch(mismatch: Mismatch, output: str) -> Diff:
    """A Diff from where the judge's check found the output wrong, when the expected output is not at hand."""
    m = mismatch
    got_n = len(tokens(output))
    if m.kind == "missing":
        kind: DiffKind = "empty" if not m.got_tokens else "missing"
        return Diff(
            kind,
            m.line,
            m.column,
            None,
            m.wanted,
            m.got_tokens or 0,
            got_tokens=m.got_tokens,
            expected_tokens=m.wanted_tokens,
        )
    if m.kind == "extra":
        return Diff(
            "extra",
            m.line,
            m.column,
            m.got,
            None,
            m.wanted_tokens or 0,
            got_tokens=got_n,
            expected_tokens=m.wanted_tokens,
        )
    if m.kind == "whitespace":
        return Diff("whitespace", m.line, m.column, whitespace_detail=f"spacing differs at line {m.line}")
    if m.kind == "whitespace_only":
        return Diff("whitespace", m.line, m.column, whitespace_detail="only the spacing differs")
    diff = Diff("case" if m.kind == "case" else "token", m.line, m.column, m.got, m.wanted, got_tokens=got_n)
    if m.got is not None and m.wanted is not None:
        diff.relation, diff.delta = relate(m.got, m.wanted)
    return diff


def diff_of(test: dict[str, Any]) -> Diff | None:
    """Where the test's output differs: from its expected output when stored, else from the judge's mismatch;
    None when neither is known (a result stored before mismatches were kept, a custom checker's verdict)."""
    output = str(test.get("output") or "")
    expected = test.get("expected_output")
    if isinstance(expected, str):
        return compare(output, expected)
    mismatch = test.get("mismatch")
    if isinstance(mismatch, Mismatch):
        return from_mismatch(mismatch, output)
    if not output.strip(_WS):
        return Diff("empty", got_tokens=0)
    return None


# --- input size ------------------------------------------------------------------------------------------------


@dataclass
class InputShape:
    size_bytes: int
    lines: int
    tokens: int
    first_numbers: list[int]
    """Integers on the first line."""
    n: int | None
    """Best guess of the problem size: the largest count-like number on the first line, else the token count."""
    largest: int | None
    """Largest integer anywhere in the (scanned part of the) input."""

    def describe(self) -> str:
        size = _human_bytes(self.size_bytes)
        if self.n is not None:
            return f"n = {self.n} ({size} of input)" if self.size_bytes >= 1024 else f"n = {self.n}"
        return f"{size} of input"


def _human_bytes(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} bytes"


def input_shape(text: str) -> InputShape | None:
    if not text.strip():
        return None
    first = text.lstrip(_WS).split("\n", 1)[0]
    firsts = [int(t) for t in tokens(first) if _INT.fullmatch(t)][:8]
    head = text[:200_000]
    ints = [int(t) for t in tokens(head) if _INT.fullmatch(t) and len(t) < 30]
    n_tokens = len(tokens(text)) if len(text) < 5_000_000 else text.count(" ") + text.count("\n")
    counts = [v for v in firsts if 0 < v <= 10**18]
    n = max(counts) if counts else None
    if n is None or (n < 1000 and n_tokens > 10 * max(n, 1) and n_tokens > 1000):
        n = n_tokens if n_tokens > 1 else n
    return InputShape(
        len(text),
        text.count("\n") + (not text.endswith("\n")),
        n_tokens,
        firsts,
        n,
        max(ints) if ints else None,
    )


def complexity_for(n: int) -> str:
    """The usual contest rule of thumb (about 10^8 simple steps per second in C++; CPython is ~10x slower, which
    the hint says separately): n ≤ 20 → O(2^n), ≤ 5000 → O(n²), ≤ 2·10^5..10^6 → O(n log n)."""
    if n <= 11:
        return "O(n!)"
    if n <= 25:
        return "O(2^n · n)"
    if n <= 500:
        return "O(n³)"
    if n <= 5000:
        return "O(n²)"
    if n <= 2_000_000:
        return "O(n log n)"
    if n <= 100_000_000:
        return "O(n)"
    if n <= 10**14:
        return "O(√n)"
    return "O(log n)"


def steps_of(complexity: str, n: int) -> float:
    import math

    return {
        "O(n)": n,
        "O(n log n)": n * math.log2(max(n, 2)),
        "O(n²)": n * n,
        "O(n³)": n**3,
        "O(2^n)": 2.0 ** min(n, 1000),
    }.get(complexity, float(n))


def sci(x: float) -> str:
    """1.2·10^10 style, short."""
    if x < 1e4:
        return f"{x:.0f}"
    exp = len(str(int(x))) - 1
    mant = x / 10**exp
    return f"{mant:.0f}·10^{exp}" if abs(mant - round(mant)) < 0.05 else f"{mant:.1f}·10^{exp}"
