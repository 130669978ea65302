"""The shape of a problem's input (numbers, an array, strings, a graph, a grid), read from its statement's input section.

A small, general classifier for the statements users bring, in the usual competitive-programming wording (English,
with Korean keywords): it reads the variables of the first line, their bounds (`$1 \\le N \\le 10^5$`), words that
name a graph or a grid, and which line holds what. What it cannot read keeps a safe default (small sizes, values
from 1 to 100), and a template generator built on it is a draft to check against the statement, never more.
`check_input` says whether a text is an input of the shape: the tests and the generator's smoke run use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from algoitny_tui.domain import Problem

ShapeKind = Literal["numbers", "array", "strings", "graph", "grid"]
SHAPES: tuple[ShapeKind, ...] = ("numbers", "array", "strings", "graph", "grid")

DEFAULT_BOUNDS = (1, 100)
BIG = 10**18
_WORD_COUNTS = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "두": 2, "세": 3}

_GRAPH_WORDS = re.compile(
    r"\b(edges?|vertex|vertices|nodes?|roads?|tracks?|tunnels?|graph|tree|connected|"
    r"cities|towns|stations)\b|간선|정점|그래프|도로",
    re.I,
)
_GRID_WORDS = re.compile(r"\b(grid|board|maze|map|cells?)\b|격자|지도|칸", re.I)
_STRING_WORDS = re.compile(r"\b(strings?|words?|sentences?|letters|characters)\b|문자열|단어|문장", re.I)
_ARRAY_LINE = re.compile(
    r"(contains|with|are|of)\s+\$?(?P<var>[A-Za-z])\$?\s+(distinct\s+|positive\s+|"
    r"non-negative\s+)?(integers|numbers|values)|\$[a-z]_\{?1\}?\s*,?\s*[a-z]_\{?2\}?|"
    r"\\(l?dots|cdots)\s*,?\s*[a-zA-Z]_\{?(?P<last>[A-Za-z])\}?",
    re.I,
)
_MATH = re.compile(r"\$([^$]+)\$")
_LE = re.compile(r"\\leq?|\\leqslant|\\lt|<=|≤|<")


@dataclass(frozen=True)
class Bound:
    low: int
    high: int | str
    """A number, or the name of a variable (`N` in `1 <= l <= r <= N`)."""


UNREAD = Bound(*DEFAULT_BOUNDS)
"""Bounds the statement did not give: generators keep to them, `check_input` does not hold an input to them."""


@dataclass
class InputShape:
    kind: ShapeKind
    header: list[str] = field(default_factory=list)
    """The variables of the first line, in order (`N`, `M`): each is an integer."""
    bounds: dict[str, Bound] = field(default_factory=dict)
    size: str = ""
    """The header variable that counts the lines, the array's length, the vertices or the rows."""
    second: str = ""
    """The second count: edges (graph), columns (grid), queries (array)."""
    per_line: int = 2
    """Integers on each repeated line (numbers), each edge's integers (graph: 3 when weighted)."""
    values: Bound = UNREAD
    """Each value: array elements, numbers, edge weights (UNREAD: the statement gave no bounds)."""
    alphabet: str = "abcdefghijklmnopqrstuvwxyz"
    """Characters of strings and grid cells."""
    length: Bound = field(default_factory=lambda: Bound(1, 10))
    """A string's length."""
    node_values: bool = False
    """Graph: a line of N integers before the edges."""
    index_queries: bool = False
    """Array: the query lines are index ranges `l r` with l <= r <= N (else values)."""

    def bound(self, name: str) -> tuple[int, int]:
        """A variable's numeric bounds (a bound named by another variable takes that one's upper bound)."""
        found = self.bounds.get(name)
        if found is None:
            return DEFAULT_BOUNDS
        return found.low, self.resolve(found.high)

    def resolve(self, high: int | str) -> int:
        if isinstance(high, int):
            return high
        found = self.bounds.get(high)
        return found.high if found is not None and isinstance(found.high, int) else DEFAULT_BOUNDS[1]

    def describe(self) -> str:
        head = " ".join(self.header) or "-"
        return f"{self.kind} (first line: {head})"


def number(text: str) -> int | None:
    """A TeX number: `100\\,000`, `10^{18}`, `-10^9`, `2 \\cdot 10^5`, `2^{30}`, `1e9`; None when it is not one."""
    t = re.sub(r"\\[,;!: ]|\{,\}|\s|~", "", text).replace("{", "").replace("}", "")
    t = t.replace("\\cdot", "*").replace("\\times", "*").replace("−", "-")
    sign = -1 if t.startswith("-") else 1
    t = t.lstrip("+-")
    match = re.fullmatch(r"(\d+)(?:\*(\d+))?(?:\^(\d+))?|(\d+)e(\d+)", t.replace(",", ""))
    if not match:
        return None
    if match[4]:
        return sign * int(match[4]) * 10 ** int(match[5])
    base = int(match[2] or match[1])
    value = base ** int(match[3]) if match[3] else base
    return sign * (int(match[1]) * value if match[2] else value)


def _names(text: str) -> list[str]:
    """The variables in `a_i, b_i` or `|s|` or `H, W`: their letters without indices."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if re.fullmatch(r"\|\s*[A-Za-z]\s*\|", part):
            out.append("|" + part.strip("| ") + "|")
            continue
        match = re.fullmatch(r"\\?(?:mathit|text|mathrm)?\{?([A-Za-z]+)\}?(?:_\{?[A-Za-z0-9,]+\}?)?", part)
        if match and (len(match[1]) == 1 or match[1] in ("HH", "MM")):
            out.append(match[1])
    return out


def read_bounds(text: str) -> dict[str, Bound]:
    """Every `lo <= X, Y <= hi` chain in the text's math, by variable (the first chain naming one wins)."""
    bounds: dict[str, Bound] = {}
    for math in _MATH.findall(text):
        strict = [
            bool(re.match(r"\s*(<|\\lt)(?!=)", m))
            for m in re.findall(r"(?:\\leq?|\\leqslant|\\lt|<=|≤|<)", math)
        ]
        parts = _LE.split(math)
        if len(parts) < 2:
            continue
        for i in range(1, len(parts) - 1):
            low, high = number(parts[i - 1]), parts[i + 1]
            names = _names(parts[i])
            high_value: int | str | None = number(high)
            if high_value is None:
                high_names = _names(high)
                high_value = high_names[0] if len(high_names) == 1 else None
            if low is None:
                low_names = _names(parts[i - 1])
                low = 1 if low_names else None  # `l <= r <= N`: r is at least 1 (an index)
            if low is None or high_value is None:
                continue
            if isinstance(high_value, int) and i < len(strict) and strict[i]:
                high_value -= 1
            if isinstance(high_value, int) and high_value < low:
                continue  # no value fits: not a bound we can use
            for name in names:
                bounds.setdefault(name, Bound(low, high_value))
    return bounds


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _format_block(text: str) -> list[str] | None:
    """AtCoder's input format block (```N A B\\nC_1 ... C_N```), as lines."""
    match = re.search(r"```\s*\n?(.*?)```", text, re.S)
    if not match:
        return None
    return [line.strip() for line in match[1].strip().splitlines() if line.strip()]


def _count_word(text: str) -> int | None:
    match = re.search(
        r"\b(one|single|two|three|four|five|six|\d)\s+(?:space-separated\s+)?(?:integers|numbers|"
        r"digits)|(두|세)\s*(?:개의\s*)?정수",
        text,
        re.I,
    )
    if not match:
        return None
    word = (match[1] or match[2]).lower()
    return int(word) if word.isdigit() else _WORD_COUNTS.get(word)


def _single_vars(text: str) -> list[str]:
    """Variables named alone in math (`$N$`, `$K$`), in order, without repeats."""
    seen: list[str] = []
    for math in _MATH.findall(text):
        names = _names(math)
        if names and not _LE.search(math) and "\\ne" not in math and len(names) <= 3:
            for name in names:
                if name not in seen and not name.startswith("|"):
                    seen.append(name)
    return seen


def input_section(problem: Problem) -> str:
    """The input section: the problem's own, else the statement's paragraph headed Input (or 입력)."""
    if problem.input_format.strip():
        return problem.input_format
    statement = problem.statement or problem.statement_ko
    match = re.search(r"^#+\s*(Input|입력)\s*$(.*?)(?=^#+\s|\Z)", statement, re.M | re.S | re.I)
    return match[2] if match else ""


def classify(problem: Problem) -> InputShape:
    """The input's shape from the problem's input section (and its whole statement for the bounds)."""
    section = input_section(problem)
    statement = problem.statement or problem.statement_ko
    return classify_text(section, statement)


def classify_text(section: str, statement: str = "") -> InputShape:
    bounds = read_bounds(section)
    for name, bound in read_bounds(statement).items():  # a Constraints section elsewhere in the statement
        bounds.setdefault(name, bound)
    paragraphs = _paragraphs(section) or [section]
    block = _format_block(section)
    first = paragraphs[0]
    if block:
        header = _names(",".join(block[0].split()))
    else:
        header = _single_vars(first.split("(")[0] if "(" in first else first)
    rest = " ".join(paragraphs[1:]) if len(paragraphs) > 1 else ""
    base = InputShape("numbers", header=header, bounds=bounds)
    if len(header) >= 2 and (_GRID_WORDS.search(section) or _grid_rows(section, header)):
        return _grid(base, section)
    if len(header) >= 2 and _edge_lines(section, base):
        return _graph(base, section, rest)
    array = _ARRAY_LINE.search(rest or section) if not block else _block_array(block)
    if array and header and not re.search(r"\b(strings?|words?)\b", rest, re.I):
        return _array(base, section, rest, array)
    if _STRING_WORDS.search(section) or (block and not _count_word(section) and not header[1:]):
        return _strings(base, section, rest)
    return _numbers(base, section, rest)


def _grid_rows(section: str, header: list[str]) -> bool:
    """`Each of the next $H$ lines contains a string of $W$ characters`: rows of the header's width."""
    match = re.search(
        r"next\s+\$?(\w)\$?\s+lines.{0,60}?(string|row)s?\s+of\s+(length\s+)?\$?(\w)\$?", section, re.I | re.S
    )
    return bool(match and match[1] in header and match[4] in header)


def _lines_of(section: str, count: str) -> str:
    """The text from `next $count$ lines` on (empty when the section has no such lines)."""
    match = re.search(r"next\s+\$?" + re.escape(count) + r"\$?\s+lines.*", section, re.I | re.S)
    return match[0] if match else ""


def _edge_lines(section: str, shape: InputShape) -> bool:
    """A graph: `M` lines (the first line's second variable) whose first two integers are vertices (at most `N`, or
    named as edges, roads, vertices ...)."""
    text = _lines_of(section, shape.header[1])
    if not text:
        return False
    names = [n for n in _single_vars(text) if n not in shape.header]
    ends = [shape.bounds.get(n) for n in names[:2]]
    vertices = all(b is not None and b.high == shape.header[0] for b in ends) and len(ends) == 2
    return vertices or bool(_GRAPH_WORDS.search(section))


def _alphabet(section: str, default: str) -> str:
    marked = re.findall(r"`([^`\s])`", section)
    if marked:
        return "".join(dict.fromkeys(marked))
    lowered = section.lower()
    if "lowercase" in lowered or "소문자" in lowered:
        return "abcdefghijklmnopqrstuvwxyz"
    if "uppercase" in lowered or "대문자" in lowered:
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if "digit" in lowered:
        return "0123456789"
    return default


def _grid(base: InputShape, section: str) -> InputShape:
    base.kind = "grid"
    base.size, base.second = (base.header + ["", ""])[:2]
    base.alphabet = _alphabet(section, ".#")
    return base


def _graph(base: InputShape, section: str, rest: str) -> InputShape:
    base.kind = "graph"
    base.size, base.second = base.header[0], base.header[1]
    text = _lines_of(section, base.second)
    base.per_line = 3 if (_count_word(text) or 2) >= 3 else 2
    names = [n for n in _single_vars(text) if n not in base.header]
    if base.per_line == 3 and names:
        base.values = base.bounds.get(names[-1], base.values)
    values_line = re.search(
        r"(second|next)\s+line\s+contains\s+\$?" + re.escape(base.size) + r"\$?\s+integers"
        r".*?([a-zA-Z])_\{?[1i]\}?",
        rest,
        re.S,
    )
    base.node_values = bool(values_line)
    if values_line and values_line[2] in base.bounds:
        base.values = base.bounds[values_line[2]]
    return base


def _block_array(block: list[str]) -> re.Match[str] | None:
    for line in block[1:2]:
        match = re.search(r"_\{?(?P<last>[A-Za-z])\}?\s*$", line)
        if match and ("\\ldots" in line or "..." in line or "\\dots" in line or "\\cdots" in line):
            return match
    return None


def _array(base: InputShape, section: str, rest: str, match: re.Match[str]) -> InputShape:
    base.kind = "array"
    groups = match.groupdict()
    length = groups.get("var") or groups.get("last") or ""
    base.size = length if length in base.header else base.header[0]
    element = re.search(r"([a-zA-Z])_(?:\{?[1i]\}?)", rest or section)
    if element and element[1] in base.bounds:
        base.values = base.bounds[element[1]]
    queries = re.search(r"next\s+\$?(?P<q>\w)\$?\s+lines.*", rest, re.I | re.S)
    if queries and queries["q"] in base.header and queries["q"] != base.size:
        base.second = queries["q"]
        query_vars = [n for n in _single_vars(queries[0]) if n not in base.header]
        bound = base.bounds.get(query_vars[-1]) if query_vars else None
        base.index_queries = bound is not None and bound.high == base.size
        if bound is not None and not base.index_queries:  # value queries (`l r` in the value range)
            base.length = _span([base.bounds[n] for n in query_vars if n in base.bounds], base.length)
    return base


def _strings(base: InputShape, section: str, rest: str) -> InputShape:
    base.kind = "strings"
    base.alphabet = _alphabet(section, "abcdefghijklmnopqrstuvwxyz")
    if re.search(r"printable", section, re.I):
        base.alphabet = "".join(map(chr, range(32, 127)))
    length = next((b for name, b in base.bounds.items() if name.startswith("|")), None)
    between = re.search(
        r"between\s+\$?(\d+)\$?\s+and\s+\$?([^$\s]+)\$?\s+(letters|characters)", section, re.I
    )
    if length is not None:
        base.length = length
    elif between and number(between[2]) is not None:
        base.length = Bound(int(between[1]), number(between[2]) or 10)
    many = re.search(r"next\s+\$?(?P<n>\w)\$?\s+lines", rest, re.I)
    base.size = many["n"] if many and many["n"] in base.header else ""
    if not base.size:
        base.header = []  # one line with the string
    return base


def _numbers(base: InputShape, section: str, rest: str) -> InputShape:
    base.kind = "numbers"
    cases = re.search(r"(next\s+\$?(?P<n>\w)\$?\s+lines|each\s+test\s+case)", rest, re.I)
    if cases and base.header and (cases["n"] in base.header or len(base.header) == 1):
        base.size = cases["n"] if cases["n"] in base.header else base.header[0]
        case_text = rest[cases.start() :]
        names = [n for n in _single_vars(case_text) if n not in base.header]
        base.per_line = _count_word(case_text) or len(names) or 2
    else:
        base.per_line = len(base.header) or _count_word(section) or 2
        names = list(base.header)
        base.header = []
    base.values = _span([base.bounds[n] for n in names if n in base.bounds], base.values)
    return base


def _span(bounds: list[Bound], default: Bound) -> Bound:
    """One range for values named by several variables (`a b c`, `s e` with s < e): lowest low, highest high."""
    highs = [b.high for b in bounds if isinstance(b.high, int)]
    if not highs:
        return default
    return Bound(min(b.low for b in bounds), max(highs))


def _ints(line: str) -> list[int] | None:
    try:
        return [int(x) for x in line.split()]
    except ValueError:
        return None


def check_input(shape: InputShape, text: str) -> str | None:
    """None when `text` is an input of this shape within its bounds; else what is wrong, and on which line."""
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    if not lines:
        return "empty input"
    values: dict[str, int] = {}
    at = 0
    if shape.header:
        head = _ints(lines[0])
        if head is None or len(head) != len(shape.header):
            return (
                f"line 1: expected {len(shape.header)} integers ({' '.join(shape.header)}), got {lines[0]!r}"
            )
        for name, value in zip(shape.header, head, strict=True):
            low, high = shape.bound(name)
            if name in shape.bounds and not low <= value <= high:
                return f"line 1: {name} = {value} is outside [{low}, {high}]"
            values[name] = value
        at = 1
    body = lines[at:]
    count = values.get(shape.size, 1)
    if shape.kind == "grid":
        width = values.get(shape.second)
        if len(body) != count:
            return f"expected {count} rows after the first line, got {len(body)}"
        for n, cells in enumerate(body, at + 1):
            if (width is not None and len(cells) != width) or set(cells) - set(shape.alphabet):
                return f"line {n}: not a row of {width} characters from {shape.alphabet!r}: {cells[:80]!r}"
        return None
    if shape.kind == "strings":
        texts = body if shape.header else lines
        expected = count if shape.size else 1
        if len(texts) != expected:
            return f"expected {expected} string lines, got {len(texts)}"
        low, high = shape.length.low, shape.resolve(shape.length.high)
        for n, word in enumerate(texts, at + 1):
            if not low <= len(word) <= high or set(word) - set(shape.alphabet):
                return f"line {n}: not a string of {low}..{high} characters from {shape.alphabet!r}: {word[:80]!r}"
        return None
    low, high = shape.values.low, shape.resolve(shape.values.high)
    if shape.values is UNREAD:
        low, high = -(2**63), 2**63 - 1
    rows = [_ints(line) for line in body]
    bad = next((at + i + 1 for i, r in enumerate(rows) if r is None), None)
    if bad is not None:
        return f"line {bad}: not integers: {lines[bad - 1][:80]!r}"
    ints = [r for r in rows if r is not None]
    if shape.kind == "numbers":
        if len(ints) != count:
            return f"expected {count} lines of numbers, got {len(ints)}"
        for n, row in enumerate(ints, at + 1):
            if len(row) != shape.per_line or any(not low <= v <= high for v in row):
                return f"line {n}: expected {shape.per_line} integers in [{low}, {high}], got {row}"
        return None
    if shape.kind == "array":
        queries = values.get(shape.second, 0) if shape.second else 0
        if len(ints) != 1 + queries:
            return f"expected the array line and {queries} query lines, got {len(ints)} lines"
        if len(ints[0]) != count or any(not low <= v <= high for v in ints[0]):
            return f"line {at + 1}: expected {count} integers in [{low}, {high}]"
        for n, row in enumerate(ints[1:], at + 2):
            top = count if shape.index_queries else shape.resolve(shape.length.high)
            bottom = 1 if shape.index_queries else shape.length.low
            if len(row) < 2 or row[0] > row[1] or not bottom <= row[0] or row[1] > top:
                return f"line {n}: expected a query l <= r within [{bottom}, {top}], got {row}"
        return None
    # graph
    vertices, edges = values.get(shape.size, 0), values.get(shape.second, 0)
    if shape.node_values:
        if not ints or len(ints[0]) != vertices or any(not low <= v <= high for v in ints[0]):
            return f"line {at + 1}: expected {vertices} vertex values in [{low}, {high}]"
        ints = ints[1:]
        at += 1
    if len(ints) != edges:
        return f"expected {edges} edge lines, got {len(ints)}"
    for n, row in enumerate(ints, at + 1):
        if len(row) != shape.per_line or not all(1 <= v <= vertices for v in row[:2]) or row[0] == row[1]:
            return (
                f"line {n}: expected an edge u v{' w' if shape.per_line == 3 else ''} with 1 <= u != v <= "
                f"{vertices}, got {row}"
            )
        if shape.per_line == 3 and not low <= row[2] <= high:
            return f"line {n}: weight {row[2]} is outside [{low}, {high}]"
    return None
