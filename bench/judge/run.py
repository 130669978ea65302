"""Judge speed and memory, measured side by side in one run (this machine is shared and noisy: compare ratios).

    .venv/bin/python bench/judge/run.py [--rounds 5] [--tests 50] [--memory-tests 10000]

From the repository root, after `scripts/setup --dev` and `.venv/bin/pip install online-judge-tools` (oj; without
it the oj column is skipped). Prints Markdown: per round, in the order run (A B C ... A B C ...), then medians.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a fresh clone

from algoitny_tui.domain import Limits, Problem, TestCase  # noqa: E402
from algoitny_tui.judge import TestReport, judge  # noqa: E402
from algoitny_tui.judge.languages import resolve_tool  # noqa: E402
from algoitny_tui.judge.zygote import ZYGOTE_ENV  # noqa: E402
from bench.bytecode import bytecode_cached_env  # noqa: E402
from bench.judge.fixtures import C_AB, CPP_AB, PY_AB, ab_pairs, write_problem  # noqa: E402

BIN = Path(sys.executable).parent
# What `algoitny judge` imports before it judges anything (the part of its fixed cost outside judge())
CLI_IMPORTS = (
    "import algoitny_tui.cli, algoitny_tui.commands.judge, algoitny_tui.problems\n"
    "from algoitny_tui.judge import SandboxUnavailable, detect_language, judge"
)  # judge loads names lazily
REPO = Path(__file__).resolve().parents[2]


def cli() -> list[str]:
    script = BIN / "algoitny"
    return [str(script)] if script.exists() else [sys.executable, "-m", "algoitny_tui"]


def find_oj() -> str | None:
    found = BIN / "oj"
    return str(found) if found.exists() else shutil.which("oj")


def cpu_ms() -> float:
    """CPU of this process and of every descendant it has waited for (the judge's runs, the bare loop's)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime) * 1000


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def run_checked(argv: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    out = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd)
    if out.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv[:3])}... failed ({out.returncode}):\n{out.stdout[-2000:]}{out.stderr[-2000:]}"
        )
    return out.stdout


# The editable install's import hook would find the working tree first: drop it, put the baseline first.
BASELINE_LAUNCHER = (
    "import sys\n"
    "sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith('__editable__')]\n"
    "sys.path.insert(0, sys.argv.pop(1))\n"
    "from algoitny_tui.cli import main\n"
    "sys.argv[0] = 'algoitny'\n"
    "sys.exit(main())\n"
)


def export_baseline(rev: str, dest: Path) -> Path:
    """The whole package as it was at `rev` (git archive: no checkout), so its CLI runs as it ran then."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "algoitny_tui"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def algoitny_judge(
    problem: Path, solution: Path, zygote: bool, baseline: Path | None = None, cpu: list[float] | None = None
) -> float:
    """Wall ms of one `algoitny judge` run; its CPU ms (the CLI and every process it started) appended to `cpu`."""
    env = {**os.environ, ZYGOTE_ENV: "1" if zygote else "0"}
    command = cli()
    if baseline is not None:  # what the console script does, with the baseline package found first
        command = [sys.executable, "-c", BASELINE_LAUNCHER, str(baseline)]
    started, cpu_started = time.perf_counter(), cpu_ms()
    out = run_checked([*command, "judge", str(problem), str(solution), "--json"], env=env)
    elapsed = (time.perf_counter() - started) * 1000
    if cpu is not None:
        cpu.append(cpu_ms() - cpu_started)
    assert json.loads(out)["verdict"] == "AC", out[:500]
    return elapsed


def bare_loop(python: str, solution: Path, problem: Path, n: int) -> tuple[float, float]:
    """Per test: the interpreter started once per input, nothing else (wall ms, CPU ms)."""
    started, cpu = time.perf_counter(), cpu_ms()
    for i in range(1, n + 1):
        with open(problem / f"{i}.in", "rb") as stdin:
            subprocess.run([python, "-S", "-I", str(solution)], stdin=stdin, capture_output=True, check=True)
    return (time.perf_counter() - started) * 1000 / n, (cpu_ms() - cpu) / n


def library_per_test(tests: list[TestCase], zygote: bool) -> tuple[float, float]:
    """Marginal cost of one more test, one at a time (jobs=1): (50 tests - 1 test) / 49, in-process, as (wall ms,
    CPU ms of the judge and all its processes)."""
    os.environ[ZYGOTE_ENV] = "1" if zygote else "0"
    problem = Problem(platform="bench", problem_number="ab", limits=Limits())
    cpu = cpu_ms()
    many = timed(lambda: judge(problem, tests, PY_AB, "python3", jobs=1))
    cpu_many, cpu = cpu_ms() - cpu, cpu_ms()
    one = timed(lambda: judge(problem, tests[:1], PY_AB, "python3", jobs=1))
    cpu_one = cpu_ms() - cpu
    os.environ.pop(ZYGOTE_ENV)
    return (many - one) / (len(tests) - 1), (cpu_many - cpu_one) / (len(tests) - 1)


def speed(root: Path, rounds: int, n: int, baseline: Path | None) -> list[str]:
    python = resolve_tool("python3")
    ours, oj_dir = write_problem(root / "many", n)
    one, _ = write_problem(root / "one", 1)
    solution = root / "sol.py"
    solution.write_text(PY_AB)
    (oj_dir.parent / "sol.py").write_text(PY_AB)  # oj refuses other files in its test directory
    oj = find_oj()
    tests = [
        TestCase(test_case_id=str(i), input=a, expected_output=b, order=i)
        for i, (a, b) in enumerate(ab_pairs(n))
    ]
    algoitny_judge(ours, solution, True)  # warm: helper built, artifact cached, files in the page cache
    if baseline is not None:
        algoitny_judge(ours, solution, False, baseline)
    rows = []
    keys = (
        "load",
        "after",
        "before",
        "base",
        "base_one",
        "one",
        "imports",
        "cpu_after",
        "cpu_one",
        "cpu_base",
        "cpu_base_one",
        "oj",
        "bare",
        "lib_z",
        "lib_x",
        "cpu_bare",
        "cpu_z",
        "cpu_x",
    )
    cols: dict[str, list[float]] = {k: [] for k in keys}
    for r in range(1, rounds + 1):
        cols["load"].append(os.getloadavg()[0])
        cols["after"].append(algoitny_judge(ours, solution, True, cpu=cols["cpu_after"]))
        cols["before"].append(algoitny_judge(ours, solution, False))
        if baseline is not None:  # as that revision runs by default (with its zygote, where it has one)
            cols["base"].append(algoitny_judge(ours, solution, True, baseline, cpu=cols["cpu_base"]))
            cols["base_one"].append(algoitny_judge(one, solution, True, baseline, cpu=cols["cpu_base_one"]))
        cols["one"].append(algoitny_judge(one, solution, True, cpu=cols["cpu_one"]))
        cols["imports"].append(timed(lambda: run_checked([sys.executable, "-c", CLI_IMPORTS])))
        if oj:
            cols["oj"].append(
                timed(
                    lambda: run_checked(
                        [oj, "test", "-c", f"{python} sol.py", "-d", oj_dir.name, "-j", "2"],
                        cwd=oj_dir.parent,
                    )
                )
            )
        for key, value in zip(("bare", "cpu_bare"), bare_loop(python, solution, ours, n), strict=True):
            cols[key].append(value)
        for key, value in zip(("lib_z", "cpu_z"), library_per_test(tests, True), strict=True):
            cols[key].append(value)
        for key, value in zip(("lib_x", "cpu_x"), library_per_test(tests, False), strict=True):
            cols[key].append(value)
        rows.append(_speed_row(str(r), {k: v[-1] for k, v in cols.items() if v}, n))
    med = {k: statistics.median(v) for k, v in cols.items() if v}
    # ratios: the median of each round's ratio (both sides measured moments apart), not a ratio of medians
    ratios = {"oj": ("oj", "after"), "base": ("base", "after"), "lib_z": ("lib_z", "bare")}
    med_ratio = {
        k: statistics.median(x / y for x, y in zip(cols[a], cols[b], strict=True))
        for k, (a, b) in ratios.items()
        if cols[a]
    }
    rows.append(_speed_row("**median**", med, n, med_ratio))
    header = [
        f"Python A+B, {n} tests. `after`/`before`: `algoitny judge DIR sol.py --json` (CLI, end to end) with the "
        f"zygote / with ALGOITNY_JUDGE_ZYGOTE=0; `1 test`: the same CLI on a 1-test problem (start-up, settings, "
        f'sandbox); `oj`: `oj test -c "{python} sol.py" -d DIR -j 2`; `bare`: `python3 -S -I sol.py < in`, '
        f"{n} times in a loop, per test; `imports`: a Python start importing what `algoitny judge` imports; "
        f"`lib/test`: judge() in-process, jobs=1, (time of {n} tests - time of 1) / "
        f"{n - 1}, with / without the zygote; `cpu/test`: the same, counting CPU (the judge and every process it "
        f"started) instead of wall time, which the machine's load disturbs less; `baseline`: the same CLI with "
        f"the whole package as at the --baseline-rev (`base 1 test`: on the 1-test problem); `per test`: "
        f"(50 tests - 1 test) / 49 through the CLI, after and baseline, in wall ms and in CPU ms of the CLI and "
        f"every process it started (`cpu per test`, steadier on a loaded machine). Times in ms.",
        "",
        "| round | load | after | before | baseline | 1 test | base 1 test | per test | base per test | cpu per test | "
        "base cpu per test | imports | oj -j 2 | "
        "oj / after | baseline / after | bare/test | lib/test zygote | lib/test exec | zygote / bare | cpu/test bare | "
        "cpu/test zygote | cpu/test exec |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    if not oj:
        header.insert(0, "oj not found: `.venv/bin/pip install online-judge-tools` to compare with it.\n")
    return header + rows


def _speed_row(name: str, v: dict[str, float], n: int, ratio: dict[str, float] | None = None) -> str:
    r = ratio or {
        k: v[k] / v[d] for k, d in (("oj", "after"), ("base", "after"), ("lib_z", "bare")) if k in v
    }
    oj = f"{v['oj']:.0f}" if "oj" in v else "-"
    oj_ratio = f"{r['oj']:.1f}x" if "oj" in r else "-"
    base = f"{v['base']:.0f}" if "base" in v else "-"
    base_ratio = f"{r['base']:.2f}x" if "base" in r else "-"
    base_one = f"{v['base_one']:.0f}" if "base_one" in v else "-"
    per_test = f"{(v['after'] - v['one']) / (n - 1):.2f}"
    base_per_test = f"{(v['base'] - v['base_one']) / (n - 1):.2f}" if "base_one" in v else "-"
    cpu_per_test = f"{(v['cpu_after'] - v['cpu_one']) / (n - 1):.2f}"
    base_cpu_per_test = f"{(v['cpu_base'] - v['cpu_base_one']) / (n - 1):.2f}" if "cpu_base" in v else "-"
    return (
        f"| {name} | {v['load']:.2f} | {v['after']:.0f} | {v['before']:.0f} | {base} | {v['one']:.0f} | "
        f"{base_one} | {per_test} | {base_per_test} | {cpu_per_test} | {base_cpu_per_test} | "
        f"{v['imports']:.0f} | {oj} | "
        f"{oj_ratio} | {base_ratio} | {v['bare']:.2f} | {v['lib_z']:.2f} | {v['lib_x']:.2f} | "
        f"{r['lib_z']:.2f}x | {v['cpu_bare']:.2f} | {v['cpu_z']:.2f} | {v['cpu_x']:.2f} |"
    )


def resubmission(root: Path) -> list[str]:
    """The same C++ source judged twice through the CLI: the second compiles nothing."""
    problem, _ = write_problem(root / "cpp", 3)
    solution = root / "sol.cpp"
    solution.write_text(CPP_AB + f"// bench {uuid.uuid4().hex}\n")  # new source: the first judge must compile
    rows = ["| C++ A+B, 3 tests, CLI | compile time_ms | wall ms |", "|---|---|---|"]
    for name in ("first", "second"):
        started = time.perf_counter()
        out = json.loads(run_checked([*cli(), "judge", str(problem), str(solution), "--json"]))
        wall = (time.perf_counter() - started) * 1000
        assert out["verdict"] == "AC", out
        rows.append(f"| {name} | {out['compile']['time_ms']} | {wall:.0f} |")
    return rows


BITS_AB = (
    "#include <bits/stdc++.h>\nusing namespace std;\n"
    "int main() { long long a, b; cin >> a >> b; cout << a + b << '\\n'; }\n"
)


def precompiled_header(root: Path, rounds: int) -> list[str]:
    """A C++ A+B that includes <bits/stdc++.h>, each round a new source (so it compiles): compile time through the
    CLI without the precompiled header (ALGOITNY_JUDGE_PCH=0) and with it, alternating; and the one-time build."""
    problem, _ = write_problem(root / "pch-problem", 3)
    home = root / "pch-home"
    env = {**os.environ, "ALGOITNY_HOME": str(home)}

    def compile_ms(pch: bool) -> int:
        solution = root / "bits.cpp"
        solution.write_text(BITS_AB + f"// bench {uuid.uuid4().hex}\n")
        out = json.loads(
            run_checked(
                [*cli(), "judge", str(problem), str(solution), "--json"],
                env={**env, "ALGOITNY_JUDGE_PCH": "1" if pch else "0"},
            )
        )
        assert out["verdict"] == "AC", out
        return int(out["compile"]["time_ms"])

    started = time.perf_counter()
    compile_ms(True)  # starts the background build
    while not list(home.glob("cache/compile/pch/*/bits/stdc++.h.gch")) or list(
        home.glob("cache/compile/pch/*/building")
    ):
        time.sleep(0.1)
    built_s = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in home.glob("cache/compile/pch/*/bits/*.gch")) / 2**20
    rows = [
        f"Precompiled <bits/stdc++.h>: built in the background in {built_s:.1f} s (from the first judge's start), "
        f"{size_mb:.0f} MB.",
        "",
        "| round | compile ms, header read | compile ms, precompiled | ratio |",
        "|---|---|---|---|",
    ]
    pairs = []
    for i in range(1, rounds + 1):
        plain, pch = compile_ms(False), compile_ms(True)
        pairs.append((plain, pch))
        rows.append(f"| {i} | {plain} | {pch} | {plain / max(pch, 1):.1f}x |")
    plain_med = statistics.median(p for p, _ in pairs)
    pch_med = statistics.median(q for _, q in pairs)
    rows.append(f"| **median** | {plain_med:.0f} | {pch_med:.0f} | **{plain_med / max(pch_med, 1):.1f}x** |")
    return rows


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory(n: int) -> list[str]:
    """RSS of the judging process every 1,000 tests of an n-test C A+B, judged in-process."""
    tests = [
        TestCase(test_case_id=str(i), input=a, expected_output=b, order=i)
        for i, (a, b) in enumerate(ab_pairs(n))
    ]
    problem = Problem(platform="bench", problem_number="ab", limits=Limits())
    judge(problem, tests[:2], C_AB, "c")  # compiled and warm before the first sample
    samples: list[tuple[int, int]] = [(0, rss_kb())]
    done = 0

    def on_result(_: TestReport) -> None:
        nonlocal done
        done += 1
        if done % 1000 == 0:
            samples.append((done, rss_kb()))

    started = time.perf_counter()
    report = judge(problem, tests, C_AB, "c", on_result=on_result)
    wall = time.perf_counter() - started
    assert report.verdict == "AC", report.verdict
    first, last = samples[1][1], samples[-1][1]
    return [
        f"C A+B, {n} tests, judge() in-process ({wall:.1f} s, {n / wall:.0f} tests/s). VmRSS of the judging "
        f"process (KB) after every 1,000 tests; 0 = before the call:",
        "",
        "| tests | " + " | ".join(str(t) for t, _ in samples) + " |",
        "|---|" + "---|" * len(samples),
        "| RSS KB | " + " | ".join(str(kb) for _, kb in samples) + " |",
        "",
        f"Growth from 1,000 to {n:,} tests: {last - first:+d} KB.",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tests", type=int, default=50)
    ap.add_argument("--memory-tests", type=int, default=10_000, help="0: skip the memory run")
    ap.add_argument(
        "--baseline-rev", help="also time the CLI with algoitny_tui/judge as at this git revision"
    )
    args = ap.parse_args()
    os.environ.update(bytecode_cached_env(os.environ, "bench-judge"))  # every process measured, oj's included
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if not find_oj():
        print(
            "oj (online-judge-tools) not found: `.venv/bin/pip install online-judge-tools`; running the rest.\n",
            file=sys.stderr,
        )
    with tempfile.TemporaryDirectory(prefix="bench-judge-") as tmp:
        root = Path(tmp)
        print(
            f"machine: {os.cpu_count()} cores, load {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
            f"(1, 5, 15 min) at the start\n"
        )
        baseline = export_baseline(args.baseline_rev, root / "baseline") if args.baseline_rev else None
        print("\n".join(speed(root, args.rounds, args.tests, baseline)), end="\n\n", flush=True)
        print("\n".join(resubmission(root)), end="\n\n", flush=True)
        print("\n".join(precompiled_header(root, args.rounds)), end="\n\n", flush=True)
        if args.memory_tests:
            print("\n".join(memory(args.memory_tests)), end="\n\n", flush=True)
        print(f"load at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
