"""The evidence readers on their own: output diffs, number relations, input size, crashes, compiler output."""

from __future__ import annotations

import pytest

from algoitny_tui.hints import evidence
from algoitny_tui.hints.compiler import parse_compile_error
from algoitny_tui.hints.crashes import parse_crash
from algoitny_tui.hints.source import family, loop_nesting


@pytest.mark.parametrize(
    "got, want, kind, detail",
    [
        ("1 2 3\n", "1\n2\n3\n", "whitespace", "space where a line break"),
        ("1\n2\n3\n", "1 2 3\n", "whitespace", "line break where a space"),
        ("1 2 \n", "1 2\n", "whitespace", "trailing space"),
        ("Yes\n", "YES\n", "case", ""),
        ("1 2\n", "1 2 3\n", "missing", ""),
        ("1 2 3 4\n", "1 2 3\n", "extra", ""),
        ("debug: 5\n3\n", "3\n", "extra", ""),
        ("", "3\n", "empty", ""),
        ("3\n5\n", "3\n4\n", "token", ""),
    ],
)
def test_compare(got: str, want: str, kind: str, detail: str) -> None:
    diff = evidence.compare(got, want)
    assert diff is not None and diff.kind == kind
    assert detail in diff.whitespace_detail
    assert evidence.compare(want, want) is None


def test_first_difference_has_line_and_column() -> None:
    diff = evidence.compare("1 2\n3 9\n", "1 2\n3 4\n")
    assert diff is not None and (diff.line, diff.column, diff.got, diff.expected) == (2, 3, "9", "4")


@pytest.mark.parametrize(
    "got, want, relation",
    [
        ("9", "10", "off_by_one"),
        ("11", "10", "off_by_one"),
        ("-1294967296", "3000000000", "overflow"),
        ("1410065408", "10000000000", "overflow"),
        ("-7", "4294967289", "overflow"),
        ("1000000010", "3", "modulo"),
        ("3.14", "3.14159265", "precision"),
        ("1e-05", "0.00001", "scientific"),
        ("5.0", "5", "float_format"),
        ("-5", "5", "sign"),
        ("42", "17", "value"),
        ("123", "99999999999999999999", "overflow64"),
    ],
)
def test_relations(got: str, want: str, relation: str) -> None:
    assert evidence.relate(got, want)[0] == relation


@pytest.mark.parametrize(
    "output, expected, kind, where, got, wanted",
    [
        ("1 2\n9\n", "1 2\n10\n", "token", (2, 1), "9", "10"),
        ("YES\n", "yes\n", "case", (1, 1), "YES", "yes"),
        ("3\n", "3\n7\n11\n", "missing", (1, 2), None, "7"),
        ("", "4\n", "empty", (1, 1), None, "4"),
        ("1 2\nx\n", "1 2\n", "extra", (2, 1), "x", None),
    ],
)
def test_the_judges_mismatch_is_read_as_it_was_found(
    output: str, expected: str, kind: str, where: tuple[int, int], got: str | None, wanted: str | None
) -> None:
    """The checker's structured mismatch reaches the evidence as it is (no sentence parsed back), for a test whose
    answer the hint does not have."""
    from algoitny_tui.domain import CheckerSpec
    from algoitny_tui.judge.checkers import check_default

    check = check_default(output.encode(), expected.encode(), CheckerSpec(case_sensitive=kind == "case"))
    assert check.mismatch is not None and check.message == check.mismatch.describe()
    diff = evidence.diff_of({"output": output, "message": "not read", "mismatch": check.mismatch})
    assert diff is not None and (diff.kind, (diff.line, diff.column), diff.got, diff.expected) == (
        kind,
        where,
        got,
        wanted,
    )
    if kind == "missing":
        assert (diff.got_tokens, diff.expected_tokens) == (1, 3)


def test_an_off_by_one_is_seen_through_the_mismatch_and_old_results_without_one_still_read() -> None:
    from algoitny_tui.mismatch import Mismatch

    diff = evidence.diff_of(
        {"output": "...", "mismatch": Mismatch(kind="token", line=3, column=7, got="9", wanted="10")}
    )
    assert diff is not None and (diff.line, diff.column, diff.relation) == (3, 7, "off_by_one")
    # stored before mismatches were kept: the message alone is not parsed
    assert evidence.diff_of({"output": "9\n", "message": "line 1, column 1: expected '10', got '9'"}) is None


@pytest.mark.parametrize(
    "n, complexity",
    [
        (10, "O(n!)"),
        (20, "O(2^n · n)"),
        (400, "O(n³)"),
        (5000, "O(n²)"),
        (100_000, "O(n log n)"),
        (200_000, "O(n log n)"),
        (10**12, "O(√n)"),
        (10**18, "O(log n)"),
    ],
)
def test_complexity_targets(n: int, complexity: str) -> None:
    assert evidence.complexity_for(n) == complexity


def test_input_shape_guesses_n() -> None:
    shape = evidence.input_shape("200000\n" + "1 " * 200000 + "\n")
    assert shape is not None and shape.n == 200000 and "KB" in shape.describe()
    shape = evidence.input_shape("3 5\n1 2 3\n")
    assert shape is not None and shape.first_numbers == [3, 5]


@pytest.mark.parametrize(
    "message, kind, line, name",
    [
        ("main.cpp:4:5: error: use of undeclared identifier 'cnt'\n", "undeclared", 4, "cnt"),
        (
            "main.cpp:3:5: error: 'vector' was not declared in this scope\nmain.cpp:1:1: note: 'std::vector' is defined in "
            "header '<vector>'; did you forget to '#include <vector>'?\n",
            "include",
            3,
            "vector",
        ),
        (
            "main.cpp:4:5: error: 'cout' was not declared in this scope; did you mean 'std::cout'?",
            "std_namespace",
            4,
            "cout",
        ),
        ("Main.java:3: error: cannot find symbol\n  symbol:   class Scanner\n", "java_import", 3, "Scanner"),
        ("Main.java:5: error: ';' expected\n", "semicolon", 5, None),
        (
            "error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable\n --> src/main.rs:4:5\n",
            "borrow",
            4,
            "v",
        ),
        ("error[E0382]: borrow of moved value: `s`\n --> src/main.rs:5:20\n", "moved", 5, "s"),
        ("./main.go:4:2: declared and not used: x\n", "unused", 4, "x"),
        ('  File "main.py", line 2\n    print(a +)\nSyntaxError: invalid syntax\n', "syntax", 2, None),
        ("main.cpp:9:1: error: expected '}' at end of input\n", "brace", 9, None),
        ("something went wrong: error in the toolchain\n", "other", None, None),
    ],
)
def test_compile_errors(message: str, kind: str, line: int | None, name: str | None) -> None:
    err = parse_compile_error(message, "")
    assert err is not None and (err.kind, err.line, err.name) == (kind, line, name)


@pytest.mark.parametrize(
    "stderr, message, kind, line",
    [
        (
            "thread 'main' panicked at src/main.rs:5:13:\nindex out of bounds: the len is 3 but the index is 5\n",
            "",
            "index",
            5,
        ),
        (
            "thread 'main' panicked at src/main.rs:3:40:\ncalled `Result::unwrap()` on an `Err` value: ParseIntError { kind: "
            "InvalidDigit }\n",
            "",
            "parse",
            3,
        ),
        (
            "panic: runtime error: index out of range [5] with length 5\n\ngoroutine 1 [running]:\nmain.main()\n"
            "\t/tmp/x/main.go:9 +0x1d\n",
            "",
            "index",
            9,
        ),
        ("", "killed by SIGFPE", "fpe", None),
        (
            'Traceback (most recent call last):\n  File "/tmp/main.py", line 4, in <module>\nKeyError: 7\n',
            "",
            "key",
            4,
        ),
        (
            'Traceback (most recent call last):\n  File "/tmp/main.py", line 3, in <module>\nEOFError: EOF when reading a '
            "line\n",
            "",
            "eof",
            3,
        ),
        (
            "Traceback (most recent call last):\n  File \"/tmp/main.py\", line 3, in <module>\nTypeError: 'NoneType' "
            "object is not subscriptable\n",
            "",
            "none",
            3,
        ),
        (
            "/tmp/x/main.js:2\n\nRangeError: Maximum call stack size exceeded\n    at f (/tmp/x/main.js:2:15)\n",
            "",
            "stack_overflow",
            2,
        ),
        (
            "terminate called after throwing an instance of 'std::out_of_range'\n  what():  vector::_M_range_check: __n "
            "(which is 5) >= this->size() (which is 5)\n",
            "killed by SIGABRT",
            "index",
            None,
        ),
        ("", "exit code 3", "exit_code", None),
    ],
)
def test_crashes(stderr: str, message: str, kind: str, line: int | None) -> None:
    crash = parse_crash(stderr, message, "")
    assert crash is not None and (crash.kind, crash.line) == (kind, line)


def test_loop_nesting() -> None:
    assert loop_nesting("for i in range(n):\n    for j in range(n):\n        pass\n", "python").depth == 2
    assert loop_nesting("s = sum(x for x in a)\n", "python").depth == 1
    cpp = "int main(){\n for(int i=0;i<n;i++){\n  for(int j=0;j<n;j++)\n   s+=a[j];\n }\n for(;;){}\n}\n"
    assert loop_nesting(cpp, "cpp").depth == 2


def test_language_family() -> None:
    assert family("python3") == "python" and family("pypy3") == "python"
    assert family("cpp") == "cpp" and family("c++17") == "cpp" and family("java") == "java"
    assert family("", "#include <iostream>\nint main(){std::cout<<1;}") == "cpp"
