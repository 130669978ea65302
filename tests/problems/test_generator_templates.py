"""Input shapes read from statements, and the template generators built on them: each compiles in the judge's
sandbox (real python3 and g++) and its output is an input of the shape, for the built-in pack's statements, the
saved-page fixtures and statements written here the way other judges word them."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from algoitny_tui.domain import Problem
from algoitny_tui.judge import ProgramRunner
from algoitny_tui.judge.stress import helper_run_limits
from algoitny_tui.problems import load_any
from algoitny_tui.problems.generator_templates import template_source
from algoitny_tui.problems.input_shape import check_input, classify, classify_text, number, read_bounds

PACK = Path(__file__).resolve().parents[2] / "algoitny_tui" / "problems" / "builtin" / "pack"
FIXTURES = Path(__file__).parent / "fixtures"

PACK_SHAPES = {
    "0001-big-a-plus-b": "numbers",
    "0006-run-length": "strings",
    "0007-range-sum": "array",
    "0009-bracket-depth": "strings",
    "0011-anagram-groups": "strings",
    "0012-count-in-range": "array",
    "0021-subway-hops": "graph",
    "0022-island-count": "grid",
    "0023-shortest-routes-count": "graph",
    "0030-power-tower": "numbers",
    "0033-course-plan": "graph",
    "0035-conveyor-maze": "grid",
    "0039-treasure-caves": "graph",
    "0038-bubble-swaps": "array",
}

# Statements as other judges word them (none of them is in the pack): the classifier must not know only the pack's.
WRITTEN_HERE = {
    "tree": (
        "graph",
        "The first line contains two integers $n$ and $m$ ($2 \\le n \\le 2 \\cdot 10^5$, "
        "$m = n - 1$).\n\nEach of the following lines... each of the next $m$ lines contains two "
        "integers $x_i$ and $y_i$ ($1 \\le x_i, y_i \\le n$, $x_i \\neq y_i$) describing an edge.",
    ),
    "maze": (
        "grid",
        "The first line contains two integers $R$ and $C$ ($1 \\leq R, C \\leq 50$).\n\nEach of the "
        "next $R$ lines contains a string of $C$ characters: `*` is a wall, `.` is free.",
    ),
    # named like a template's loop variables (r, c): the template's own names must not shadow them
    "bits": (
        "grid",
        "The first line contains two integers $r$ and $c$ ($1 \\le r, c \\le 20$).\n\nEach of the next $r$ "
        "lines contains a string of $c$ characters, each `0` or `1`.",
    ),
    "array": (
        "array",
        "The first line contains one integer $n$ ($1 \\le n \\le 10^5$).\n\nThe second line "
        "contains $n$ integers $a_1, a_2, \\ldots, a_n$ ($-10^9 \\le a_i \\le 10^9$).",
    ),
    "words": (
        "strings",
        "The first line contains an integer $k$ ($1 \\le k \\le 100$).\n\nEach of the next $k$ "
        "lines contains a word of uppercase letters, between $1$ and $30$ letters long.",
    ),
    "pairs": (
        "numbers",
        "The first line contains an integer $t$ ($1 \\le t \\le 10^4$) — the number of test "
        "cases.\n\nEach test case is one line with two integers $x$ and $y$ "
        "($1 \\le x, y \\le 10^9$).",
    ),
}


def pack_problem(name: str) -> Problem:
    [(problem, _)] = load_any(PACK / name)
    return problem


def test_tex_numbers_and_bounds_are_read() -> None:
    assert [number(t) for t in ("100\\,000", "10^{18}", "-10^9", "2 \\cdot 10^5", "2^{30}", "1e9", "n")] == [
        100_000,
        10**18,
        -(10**9),
        200_000,
        2**30,
        10**9,
        None,
    ]
    bounds = read_bounds("($1 \\le N, Q \\le 100\\,000$), $0 \\le a_i < 2^{30}$, $1 \\le l \\le r \\le N$")
    assert (bounds["N"].low, bounds["N"].high, bounds["Q"].high) == (1, 100_000, 100_000)
    assert bounds["a"].high == 2**30 - 1  # strict
    assert bounds["r"].high == "N"


@pytest.mark.parametrize(("name", "kind"), sorted(PACK_SHAPES.items()))
def test_the_pack_statements_are_classified_and_their_samples_are_inputs_of_the_shape(
    name: str, kind: str
) -> None:
    [(problem, tests)] = load_any(PACK / name)
    shape = classify(problem)
    assert shape.kind == kind, shape
    samples = [t for t in tests if t.is_sample]
    assert samples
    for sample in samples:  # the shape read from the statement accepts the problem's own samples
        assert check_input(shape, sample.input) is None, (
            sample.test_case_id,
            check_input(shape, sample.input),
        )


@pytest.mark.parametrize("name", sorted(WRITTEN_HERE))
def test_statements_worded_as_other_judges_word_them_are_classified(name: str) -> None:
    kind, section = WRITTEN_HERE[name]
    assert classify_text(section).kind == kind


def test_check_input_refuses_what_is_not_of_the_shape() -> None:
    graph = classify(pack_problem("0021-subway-hops"))
    assert check_input(graph, "3 2\n1 2\n2 3\n") is None
    assert "1 <= u != v" in (check_input(graph, "3 2\n1 2\n2 2\n") or "")  # a loop
    assert "expected 2 edge lines" in (check_input(graph, "3 2\n1 2\n") or "")
    grid = classify(pack_problem("0022-island-count"))
    assert check_input(grid, "2 3\n#.#\n...\n") is None
    assert (
        check_input(grid, "2 3\n#.#\n..\n") is not None and check_input(grid, "2 3\n#x#\n...\n") is not None
    )
    array = classify(pack_problem("0007-range-sum"))
    assert check_input(array, "3 1\n1 2 3\n1 3\n") is None
    assert "query" in (check_input(array, "3 1\n1 2 3\n3 1\n") or "")  # l > r
    assert check_input(array, "") == "empty input"


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProgramRunner]:
    with ProgramRunner(cache_dir=tmp_path_factory.mktemp("gen-cache")) as runner:
        yield runner


def statements() -> list[tuple[str, Problem]]:
    found = [(name, pack_problem(name)) for name in sorted(PACK_SHAPES)]
    for page in ("atcoder_abc300_a.html", "codeforces_1850A.html", "atcoder_ja_only.html"):
        [(problem, _)] = load_any(FIXTURES / page)
        found.append((page, problem))
    for name, (_, section) in WRITTEN_HERE.items():
        found.append((name, Problem(platform="test", problem_number=name, title=name, input_format=section)))
    return found


@pytest.mark.slow
@pytest.mark.timeout(600)  # compilers on a loaded machine
@pytest.mark.parametrize("language", ["python3", "cpp"])
def test_each_template_compiles_in_the_sandbox_and_prints_inputs_of_its_shape(
    runner: ProgramRunner, language: str
) -> None:
    kinds: set[str] = set()
    for name, problem in statements():
        shape = classify(problem)
        if language == "cpp" and shape.kind in kinds and name not in WRITTEN_HERE:
            continue  # in C++ one pack statement per shape: compiling is what takes the time
        kinds.add(shape.kind)
        program = runner.prepare(template_source(shape, language, problem.title), language)
        assert program.artifact is not None, (name, program.compile.message)
        outputs = set()
        for seed in (1, 2, 4, 7, 12, 40):  # seed 4, 12, 40: values from the whole range
            run = runner.run(program, b"", helper_run_limits(problem), [str(seed)])
            assert run.ok, (name, seed, run.verdict, run.message, run.stderr)
            text = run.stdout.decode()
            assert check_input(shape, text) is None, (name, seed, check_input(shape, text), text[:300])
            outputs.add(text)
        assert len(outputs) > 1, f"{name}: every seed printed the same input"
    assert kinds == {"numbers", "array", "strings", "graph", "grid"}


def test_a_constraint_between_first_line_variables_is_kept() -> None:
    """`1 <= K <= N` (window-max): K is drawn up to the N just drawn, not up to N's largest value."""
    problem = pack_problem("0017-window-max")
    source = template_source(classify(problem), "python3", problem.title)
    assert "K = value(1, N)" in source
    import subprocess
    import sys

    for seed in range(1, 30):
        out = subprocess.run(
            [sys.executable, "-c", source, str(seed)], capture_output=True, text=True, check=True
        )
        n, k = map(int, out.stdout.split("\n")[0].split())
        assert 1 <= k <= n


# Pieces statements are made of, shuffled into sections no judge wrote: the classifier and the templates must still
# give a program (Python that compiles) whose bounds are in order, never an exception.
PIECES = [
    "The first line contains two integers $N$ and $M$",
    "($1 \\le N \\le 10^{5}$",
    "$0 \\le M \\le N$)",
    "Each of the next $M$ lines contains",
    "a string of $N$ characters",
    "three integers $u$, $v$, $w$",
    "$1 \\le u, v \\le N$",
    "`#` or `.`",
    "$a_1, \\ldots, a_N$",
    "($-10^{18} \\le a_i < 2^{63}$)",
    "\n\n",
    "$10^{100} \\le x \\le -5$",
    "$|s| \\le 0$",
    "grid",
    "edges",
    "words",
    "$\\le$",
    "$$",
    "`",
    "첫째 줄에",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=15), max_size=12))
def test_any_section_gives_a_template_that_compiles(pieces: list[str]) -> None:
    shape = classify_text(" ".join(pieces))
    assert shape.kind in ("numbers", "array", "strings", "graph", "grid")
    source = template_source(shape, "python3", "fuzz")
    printed, argv = io.StringIO(), sys.argv
    sys.argv = ["gen.py", "4"]  # seed 4: values from the whole range
    try:
        with redirect_stdout(printed):
            exec(compile(source, "gen.py", "exec"), {"__name__": "__main__"})  # noqa: S102 - our own template
    finally:
        sys.argv = argv
    assert printed.getvalue().strip()
    check_input(shape, "1 2\n3\n")  # answers, whatever the text
