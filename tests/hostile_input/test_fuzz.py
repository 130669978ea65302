"""Random bytes and random structures into every importer and the listener's parser: a valid problem or a clear
error (ProblemFormatError / RequestRefused), never another exception. Examples are few and small, so it stays quick."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from algoitny_tui.domain import Problem, check_platform, check_problem_number
from algoitny_tui.problems import ProblemFormatError, load_any
from algoitny_tui.problems.companion import problem_from_companion
from algoitny_tui.services.companion_listener import RequestRefused, check_request, parse_body

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
urls = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "https://codeforces.com/contest/1/problem/A",
            "http://algoitny/0001",
            "http://../../x",
            "https://www.acmicpc.net/problem/1000",
            "https://atcoder.jp/contests/abc1/tasks/abc1_a",
            "https://open.kattis.com/problems/x",
            "javascript:alert(1)",
            "http://[::1]/a",
        ]
    ),
)
companion_objects = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(st.text(max_size=30), json_values),
        "url": st.one_of(urls, json_values),
        "tests": st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {"input": st.text(max_size=10)},
                    optional={"output": st.one_of(st.text(max_size=10), json_values)},
                ),
                max_size=3,
            ),
            json_values,
        ),
        "timeLimit": json_values,
        "memoryLimit": json_values,
        "interactive": json_values,
    },
)


def assert_valid(problem: Problem) -> None:
    check_platform(problem.platform)
    check_problem_number(problem.problem_number)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def import_or_clear_error(path: Path) -> None:
    try:
        found = load_any(path)
    except ProblemFormatError as exc:
        assert str(exc)
        return
    for problem, _ in found:
        assert_valid(problem)


@FUZZ
@given(st.one_of(companion_objects, st.dictionaries(st.text(max_size=8), json_values, max_size=6)))
def test_companion_objects(obj: dict[str, Any]) -> None:
    try:
        problem, _ = problem_from_companion(obj, source=None)
    except ProblemFormatError as exc:
        assert str(exc)
        return
    assert_valid(problem)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=300),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.lists(companion_objects, max_size=3).map(lambda v: json.dumps(v).encode()),
    )
)
def test_companion_files(data: bytes) -> None:
    with folder() as root:
        path = root / "x.json"
        path.write_bytes(data)
        import_or_clear_error(path)


yaml_fragments = st.sampled_from(
    [
        "name: ",
        "&a ",
        "*a ",
        "[",
        "]",
        "{",
        "}",
        "- ",
        "\n",
        "limits:",
        " time_limit: ",
        "type: ",
        "validation: custom",
        "keywords: ",
        "source: ",
        "1",
        "x",
        ":",
        "'",
        "!!python/object ",
        "problem_format_version: 2023-07-draft",
        "\t",
        "%",
        "? ",
    ]
)


@FUZZ
@given(
    st.one_of(st.lists(yaml_fragments, max_size=30).map("".join).map(str.encode), st.binary(max_size=200)),
    st.binary(max_size=50),
    st.binary(max_size=50),
)
def test_kattis_packages(problem_yaml: bytes, test_input: bytes, answer: bytes) -> None:
    with folder() as root:
        (root / "data" / "secret").mkdir(parents=True)
        (root / "problem.yaml").write_bytes(problem_yaml)
        (root / "data" / "secret" / "1.in").write_bytes(test_input)
        (root / "data" / "secret" / "1.ans").write_bytes(answer)
        import_or_clear_error(root)


xml_fragments = st.sampled_from(
    [
        "<problem>",
        "</problem>",
        "<judging>",
        "</judging>",
        "<testset name='tests'>",
        "</testset>",
        "<test-count>1</test-count>",
        "<test-count>x</test-count>",
        "<input-path-pattern>tests/%02d</input-path-pattern>",
        "<input-path-pattern>%s%s</input-path-pattern>",
        "<!DOCTYPE a [<!ENTITY e 'x'>]>",
        "&e;",
        "<names><name language='english' value='N'/></names>",
        "<",
        ">",
        "x",
    ]
)


@FUZZ
@given(st.lists(xml_fragments, max_size=20).map("".join))
def test_polygon_packages(problem_xml: str) -> None:
    with folder() as root:
        (root / "problem.xml").write_text(problem_xml)
        (root / "tests").mkdir()
        (root / "tests" / "01").write_text("1\n")
        (root / "tests" / "01.a").write_text("1\n")
        import_or_clear_error(root)


html_fragments = st.sampled_from(
    [
        "<div class='problem-statement'>",
        "<div class='header'>",
        "<div class='title'>",
        "</div>",
        "<pre>",
        "</pre>",
        "<div class='sample-test'>",
        "<div class='input'>",
        "<div class='output'>",
        "<div id='problem-info'>",
        "<span class='lang-en'>",
        "<div id='task-statement'>",
        "<h3>",
        "</h3>",
        "<var>",
        "</var>",
        "<br>",
        "x",
        "1 2\n",
        "<link rel='canonical' href='https://codeforces.com/contest/1/problem/A'>",
        "<link rel='canonical' href='http://../../x'>",
        "<table><tr><td>",
        "<!--",
        "-->",
        "<script type='math/tex'>",
        "</script>",
        "$$$x$$$",
        "<",
    ]
)


@FUZZ
@given(st.one_of(st.lists(html_fragments, max_size=40).map("".join).map(str.encode), st.binary(max_size=300)))
def test_saved_pages(page: bytes) -> None:
    with folder() as root:
        path = root / "page.html"
        path.write_bytes(page)
        import_or_clear_error(path)


header_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "moz-extension://x",
            "https://a.b",
            "12",
            "-1",
            "99999999999999999999",
            "abc",
            " 5 ",
            "٣",
        ]
    ),
)


@FUZZ
@given(
    st.sampled_from(["POST", "GET", "OPTIONS", "PUT", "post"]),
    st.fixed_dictionaries(
        {
            "Origin": header_values,
            "Content-Type": header_values,
            "Content-Length": header_values,
            "Transfer-Encoding": st.none() | st.just("chunked"),
        }
    ),
    st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        companion_objects.map(lambda v: json.dumps(v).encode()),
    ),
)
def test_the_listeners_parser(method: str, headers: dict[str, str | None], body: bytes) -> None:
    present = {name: value for name, value in headers.items() if value is not None}
    try:
        length = check_request(method, present)
        assert length > 0
        data = parse_body(body)
    except RequestRefused as exc:
        assert 400 <= exc.status < 500 and str(exc)
        return
    assert isinstance(data, dict)
    assert_valid(problem_from_companion(data, source=None)[0])
