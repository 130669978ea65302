"""Stress-test speed: cases per second of the stress runner (judge/stress.py, as `algoitny stress` runs it) against
a plain shell loop `gen $i | brute > b; gen $i | sol > s; diff b s`, on A+B-sized programs, measured in the same run.

    .venv/bin/python bench/stress/run.py [--cases 400] [--rounds 3] [--languages python3 cpp] [--env NAME=VALUE]

Per language: a generator printing two numbers from its seed, a brute force and a solution that add them (never a
difference, so every case runs). The shell loop runs the same programs: Python through the interpreter the judge
uses, C++ built as a user builds it (`g++ -std=gnu++17 -O2`: LOOP_CXX); the runner builds them with the judge's
compile command (`judge/languages.py`: statically linked where the compiler can; each row names both commands).
Rounds alternate loop and runner; the table gives the median of each. The runner's time includes starting its
sandbox and zygotes (the compile cache is warm, as the loop's programs are built before it starts); it runs one case
per core (`--jobs`, default: cores). `--env NAME=VALUE` (repeatable) sets a variable for the runner only:
ALGOITNY_STRESS_BATCH=0 measures it without batches (a sandbox per run), ALGOITNY_JUDGE_ZYGOTE=0 runs Python in
batches instead of from the zygote.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from algoitny_tui.domain import Problem  # noqa: E402
from algoitny_tui.judge.compile_cache import default_cache_dir  # noqa: E402
from algoitny_tui.judge.languages import get_language, resolve_tool  # noqa: E402
from algoitny_tui.judge.static_link import can_link_statically, without_static  # noqa: E402
from algoitny_tui.judge.stress import Source, stress  # noqa: E402

PROGRAMS = {
    "python3": {
        "gen": "import random, sys\nrandom.seed(int(sys.argv[1]))\nprint(random.randint(1, 10**9), "
        "random.randint(1, 10**9))\n",
        "brute": "a, b = map(int, input().split())\nprint(a + b)\n",
        "sol": "print(sum(map(int, input().split())))\n",
    },
    "cpp": {
        "gen": "#include <cstdio>\n#include <cstdlib>\n#include <random>\nint main(int c, char** v) {\n"
        '    std::mt19937 r(std::atoi(v[1]));\n    std::printf("%u %u\\n", r() % 1000000000u, '
        "r() % 1000000000u);\n}\n",
        "brute": "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n",
        "sol": '#include <cstdio>\nint main() { long long a, b; std::scanf("%lld %lld", &a, &b); '
        'std::printf("%lld\\n", a + b); }\n',
    },
}
SHELL_LOOP = """i=1
while [ "$i" -le "$N" ]; do
  $GEN "$i" | $BRUTE > b.txt
  $GEN "$i" | $SOL > s.txt
  diff b.txt s.txt > /dev/null || { echo "differ at $i"; exit 1; }
  i=$((i + 1))
done
"""


LOOP_CXX = ["g++", "-std=gnu++17", "-O2"]
"""How the loop builds C++: what a user types (linked dynamically, as g++ does by default). The runner builds with
the judge's command (judge/languages.py: the same plus `-pipe -static`, or without `-static` where the compiler
cannot link statically)."""

SHELL_ENV = dict(os.environ)
"""The loop's environment: the one the script started with (--env is for the runner only)."""


def shell_commands(language: str, work: Path) -> dict[str, str]:
    """The three programs as shell commands, built as the judge builds them."""
    if language == "python3":
        python = resolve_tool("python3")
        for role in ("gen", "brute", "sol"):
            (work / f"{role}.py").write_text(PROGRAMS[language][role])
        return {role.upper(): f"{python} {work / f'{role}.py'}" for role in ("gen", "brute", "sol")}
    commands = {}
    for role in ("gen", "brute", "sol"):
        src = work / f"{role}.cpp"
        src.write_text(PROGRAMS[language][role])
        exe = work / role
        subprocess.run([resolve_tool(LOOP_CXX[0]), *LOOP_CXX[1:], "-o", str(exe), str(src)], check=True)
        commands[role.upper()] = str(exe)
    return commands


def compile_commands(language: str) -> dict[str, str]:
    """What each side builds the programs with (the runner: the judge's command as it ran here)."""
    if language == "python3":
        return {"loop": "(interpreted)", "runner": "(interpreted)"}
    command = get_language(language).compile or []
    if can_link_statically(default_cache_dir(), resolve_tool(command[0]), command) is False:
        command = without_static(command)
    return {"loop": " ".join(LOOP_CXX), "runner": " ".join(command)}


def time_shell(commands: dict[str, str], cases: int, work: Path) -> float:
    env = {**SHELL_ENV, **commands, "N": str(cases)}
    started = time.monotonic()
    subprocess.run(["sh", "-c", SHELL_LOOP], cwd=work, env=env, check=True)
    return cases / (time.monotonic() - started)


def time_runner(language: str, cases: int, jobs: int | None) -> float:
    programs = PROGRAMS[language]
    problem = Problem(platform="bench", problem_number="ab")
    started = time.monotonic()
    outcome = stress(
        problem,
        Source(programs["sol"], language),
        Source(programs["gen"], language),
        Source(programs["brute"], language),
        count=cases,
        jobs=jobs,
    )
    elapsed = time.monotonic() - started
    assert not outcome.found and outcome.cases == cases, outcome
    return cases / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--languages", nargs="+", default=["python3", "cpp"])
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the runner only"
    )
    args = parser.parse_args()
    for item in args.env:
        name, _, value = item.partition("=")
        os.environ[name] = value  # the shell loop gets its own environment (time_shell)
    results = []
    for language in args.languages:
        with tempfile.TemporaryDirectory(prefix="bench-stress-") as tmp:
            work = Path(tmp)
            commands = shell_commands(language, work)
            time_runner(language, 5, args.jobs)  # warm the compile cache (the loop's programs are built too)
            loop, ours = [], []
            for _ in range(args.rounds):
                loop.append(time_shell(commands, args.cases, work))
                ours.append(time_runner(language, args.cases, args.jobs))
            row = {
                "language": language,
                "runner_env": args.env,
                "compile": compile_commands(language),
                "cases": args.cases,
                "rounds": args.rounds,
                "shell_loop_per_s": round(statistics.median(loop), 1),
                "runner_per_s": round(statistics.median(ours), 1),
                "ratio": round(statistics.median(ours) / statistics.median(loop), 2),
                "loop_all": [round(x, 1) for x in loop],
                "runner_all": [round(x, 1) for x in ours],
            }
            results.append(row)
            print(json.dumps(row), flush=True)
    print("\n| language | shell loop (cases/s) | stress runner (cases/s) | ratio |")
    print("|---|---|---|---|")
    for r in results:
        print(f"| {r['language']} | {r['shell_loop_per_s']} | {r['runner_per_s']} | {r['ratio']}x |")


if __name__ == "__main__":
    main()
