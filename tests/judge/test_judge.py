"""judge(): limits, compile cache, parallel runs, fail-fast, streaming, the JSON contract."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import TestReport, judge
from tests.judge.conftest import AB_TESTS, JudgeFn, make_problem, make_tests

AB = "a,b=map(int,input().split())\nprint(a+b)\n"
CPP_AB = '#include <cstdio>\nint main(){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);}\n'


def test_json_contract(run: JudgeFn) -> None:
    report = run(make_problem(), AB_TESTS, AB, "python3")
    data = json.loads(json.dumps(report.to_json()))
    assert set(data) == {"verdict", "tests", "compile", "sandbox"}
    assert data["verdict"] == "AC"
    assert data["sandbox"]["mode"] in ("namespaces", "landlock")
    assert "seccomp" in data["sandbox"]["isolation"]
    assert set(data["tests"][0]) == {"name", "verdict", "time_ms", "memory_kb", "message"}
    assert data["tests"][0]["name"] == "t1"
    assert set(data["compile"]) == {"ok", "time_ms", "message"}
    wrong = run(make_problem(), AB_TESTS, "print(0)\n", "python3").to_json()["tests"][0]
    assert (
        wrong["verdict"] == "WA" and wrong["mismatch"]["kind"] == "token" and wrong["mismatch"]["got"] == "0"
    )
    assert wrong["message"].startswith("line 1, column 1: expected ")


def test_overall_verdict_is_the_first_failing_test_in_order(run: JudgeFn) -> None:
    src = "a,b=map(int,input().split())\nif a == 10: print(0)\nelif a == -5: raise ValueError('boom')\nelse: print(a+b)\n"
    report = run(make_problem(), AB_TESTS, src, "python3")
    assert [t.verdict for t in report.tests] == [Verdict.AC, Verdict.WA, Verdict.RE]
    assert report.verdict == Verdict.WA
    assert "ValueError: boom" in report.tests[2].message and "ValueError: boom" in report.tests[2].stderr


def test_compile_error_gives_ce_with_the_compilers_message(run: JudgeFn) -> None:
    report = run(make_problem(), AB_TESTS, "int main() { return undefined_name; }\n", "cpp")
    assert report.verdict == Verdict.CE
    assert not report.compile.ok and "undefined_name" in report.compile.message
    assert report.tests == []


def test_resubmission_compiles_nothing(tmp_path: Path) -> None:
    src = CPP_AB + "// resubmission test\n"
    first = judge(make_problem(), AB_TESTS, src, "cpp", cache_dir=tmp_path)
    second = judge(make_problem(), AB_TESTS, src, "cpp", cache_dir=tmp_path)
    assert first.verdict == second.verdict == Verdict.AC
    assert first.compile.cached is False and second.compile.cached is True
    assert len([p for p in tmp_path.iterdir() if len(p.name) == 40]) == 1  # one artifact


def test_two_workers_compiling_the_same_source_at_once(tmp_path: Path) -> None:
    src = CPP_AB + "// race\n"
    with ThreadPoolExecutor(2) as pool:
        reports = list(
            pool.map(lambda _: judge(make_problem(), AB_TESTS, src, "cpp", cache_dir=tmp_path), range(2))
        )
    assert [r.verdict for r in reports] == [Verdict.AC, Verdict.AC]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("tmp-")]
    assert judge(make_problem(), AB_TESTS, src, "cpp", cache_dir=tmp_path).compile.cached


def test_compile_has_its_own_time_limit(tmp_path: Path) -> None:
    from algoitny_tui.judge.compile_cache import prepare
    from algoitny_tui.judge.languages import get_language
    from algoitny_tui.judge.sandbox import Sandbox, build_helper

    sandbox = Sandbox(build_helper(tmp_path))
    try:
        # reading /dev/zero as a header never ends
        art, rep = prepare(
            get_language("cpp"),
            '#include "/dev/zero"\nint main(){}\n',
            cache_dir=tmp_path,
            sandbox=sandbox,
            compile_timeout_ms=1000,
        )
    finally:
        sandbox.close()
    assert art is None and not rep.ok
    assert "longer than 1000 ms" in rep.message


def test_tle_is_judged_on_cpu_time_not_wall_time(run: JudgeFn) -> None:
    # 4 CPU-heavy tests at once on fewer cores: wall time stretches, CPU time does not
    src = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nprint(1)\n"
    tests = make_tests([("", "1\n")] * 4)
    report = run(make_problem(time_ms=1000), tests, src, "python3", jobs=4)
    assert [t.verdict for t in report.tests] == [Verdict.AC] * 4
    assert all(300 <= t.time_ms < 1000 for t in report.tests)


def test_memory_is_measured(run: JudgeFn) -> None:
    src = "x = bytearray(50 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1\nprint(3)\n"
    report = run(make_problem(memory_mb=256), make_tests([("", "3\n")]), src, "python3")
    assert report.verdict == Verdict.AC
    assert 50 * 1024 <= report.tests[0].memory_kb < 100 * 1024


def test_deep_recursion_gets_a_big_stack(run: JudgeFn) -> None:
    src = (
        "import sys\nsys.setrecursionlimit(10**6)\ndef f(n): return 0 if n == 0 else 1 + f(n - 1)\n"
        "print(f(200000))\n"
    )
    report = run(make_problem(memory_mb=512, time_ms=5000), make_tests([("", "200000\n")]), src, "python3")
    assert report.verdict == Verdict.AC, report.tests[0].message


def test_java_out_of_memory_is_mle(run: JudgeFn) -> None:
    src = (
        "import java.util.*;\npublic class Main { public static void main(String[] a) {\n"
        "  List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }\n"
    )
    report = run(make_problem(memory_mb=64), make_tests([("", "1\n")]), src, "java")
    assert report.verdict == Verdict.MLE, report.tests[0].message


def test_node_heap_out_of_memory_is_mle(run: JudgeFn) -> None:
    src = "const a = []; while (true) a.push(new Array(1e6).fill(1.5));\n"
    report = run(make_problem(memory_mb=64, time_ms=5000), make_tests([("", "1\n")]), src, "javascript")
    assert report.verdict == Verdict.MLE, report.tests[0].message


def test_fail_fast_skips_the_rest(run: JudgeFn) -> None:
    tests = make_tests([("1 2\n", "4\n")] + [("1 2\n", "3\n")] * 9)
    report = run(make_problem(), tests, AB, "python3", jobs=1, fail_fast=True)
    assert report.tests[0].verdict == Verdict.WA
    assert [t.verdict for t in report.tests[1:]] == [Verdict.SKIPPED] * 9
    assert report.verdict == Verdict.WA
    assert report.to_json()["tests"][1]["verdict"] == "SK"


def test_results_stream_test_by_test_on_the_callers_thread(run: JudgeFn) -> None:
    seen: list[tuple[str, bool]] = []

    def on_result(r: TestReport) -> None:
        seen.append((r.name, threading.current_thread() is threading.main_thread()))

    tests = make_tests([(f"{i} 1\n", f"{i + 1}\n") for i in range(8)])
    report = run(make_problem(), tests, AB, "python3", jobs=2, on_result=on_result)
    assert report.verdict == Verdict.AC
    assert sorted(n for n, _ in seen) == sorted(t.name for t in report.tests)
    assert all(main for _, main in seen)
    assert [t.name for t in report.tests] == [f"t{i + 1}" for i in range(8)]


def test_language_from_source_name(run: JudgeFn) -> None:
    report = run(make_problem(), AB_TESTS, CPP_AB, None, source_name="sol.cpp")
    assert report.verdict == Verdict.AC


def test_passed_outputs_are_capped_in_reports(run: JudgeFn) -> None:
    src = "print('1 ' * 100000)\n"
    report = run(make_problem(), make_tests([("", "1 " * 100000)]), src, "python3")
    t = report.tests[0]
    assert t.verdict == Verdict.AC
    assert len(t.output) == 64 * 1024 and t.output_truncated


@pytest.mark.parametrize("damage", ["{broken", "[1, 2]", '{"main_class": 7}'])
def test_a_damaged_compile_cache_entry_is_compiled_again(tmp_path: Path, damage: str) -> None:
    # a cache is rebuilt, not trusted: one bad entry must not end every later judge of that source
    src = "a, b = map(int, input().split())\nprint(a + b)\n"
    first = judge(make_problem(), AB_TESTS, src, "python3", cache_dir=tmp_path)
    assert first.verdict == Verdict.AC
    (meta,) = tmp_path.glob("*/meta.json")
    meta.write_text(damage)
    again = judge(make_problem(), AB_TESTS, src, "python3", cache_dir=tmp_path)
    assert again.verdict == Verdict.AC and not again.compile.cached
    assert json.loads(meta.read_text())["language"] == "python3"  # the entry is whole again
    assert not list(tmp_path.glob("tmp-*"))  # the damaged one is gone, not left aside
    assert judge(make_problem(), AB_TESTS, src, "python3", cache_dir=tmp_path).compile.cached
