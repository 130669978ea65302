"""`algoitny submit --wait` against `algoitny judge` on the same problem, whole processes, same run.

    .venv/bin/python bench/submit/run.py [--rounds 5] [--idle 30] [--tests 50] [--baseline-rev REV]

From the repository root, after `scripts/setup --dev`. Each side (this code, and with --baseline-rev the whole
package as at that revision) gets its own home with the Python A+B of `--tests` tests imported and its own
`algoitny worker --workers 2`. Every round the workers sit idle `--idle` seconds, then on each side (the order
alternates by round) `algoitny submit PROBLEM sol.py --wait --json` and `algoitny judge DIR sol.py --json` run one
after the other, each timed as a whole process. Prints Markdown: per round, then medians; `added` is submit - judge.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a fresh clone

from bench.bytecode import bytecode_cached_env  # noqa: E402
from bench.judge.fixtures import PY_AB, write_problem  # noqa: E402
from bench.judge.run import BASELINE_LAUNCHER, cli, export_baseline, run_checked  # noqa: E402


@dataclass
class Side:
    name: str
    command: list[str]
    env: dict[str, str]
    problem_id: str = ""
    worker: subprocess.Popen[bytes] | None = None
    times: dict[str, list[float]] = field(default_factory=lambda: {"submit": [], "judge": []})


def make_side(name: str, root: Path, problem: Path, baseline: Path | None) -> Side:
    command = [sys.executable, "-c", BASELINE_LAUNCHER, str(baseline)] if baseline is not None else cli()
    home = root / f"home-{name}"
    env = bytecode_cached_env({**os.environ, "ALGOITNY_HOME": str(home)}, f"bench-submit-{name}")
    side = Side(name, command, env)
    imported = json.loads(run_checked([*command, "import", str(problem), "--json"], env=env))
    side.problem_id = imported["problems"][0]["id"]
    log = (root / f"worker-{name}.log").open("ab")
    side.worker = subprocess.Popen(
        [*command, "worker", "--workers", "2"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    return side


def timed_run(side: Side, argv: list[str]) -> float:
    started = time.perf_counter()
    out = run_checked([*side.command, *argv], env=side.env)
    elapsed = (time.perf_counter() - started) * 1000
    assert json.loads(out)["verdict"] == "AC", out[:500]
    return elapsed


def submit(side: Side, solution: Path) -> float:
    return timed_run(side, ["submit", side.problem_id, str(solution), "--wait", "--json"])


def judge(side: Side, problem: Path, solution: Path) -> float:
    return timed_run(side, ["judge", str(problem), str(solution), "--json"])


def stop(side: Side) -> None:
    if side.worker is not None and side.worker.poll() is None:
        side.worker.send_signal(2)  # SIGINT: Huey's graceful stop
        try:
            side.worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            side.worker.kill()
            side.worker.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--idle", type=float, default=30.0, help="seconds the workers sit idle before each round")
    ap.add_argument("--tests", type=int, default=50)
    ap.add_argument("--baseline-rev", help="also run the whole package as at this git revision")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-submit-") as tmp:
        root = Path(tmp)
        problem, _ = write_problem(root / "problem", args.tests)
        solution = root / "sol.py"
        solution.write_text(PY_AB)
        print(
            f"machine: {os.cpu_count()} cores, load {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
            f"(1, 5, 15 min) at the start\n"
        )
        sides = [make_side("after", root, problem, None)]
        if args.baseline_rev:
            sides.append(
                make_side("before", root, problem, export_baseline(args.baseline_rev, root / "baseline"))
            )
        try:
            for side in sides:  # warm: the worker up, the sandbox helper built, files in the page cache
                submit(side, solution)
                judge(side, problem, solution)
            rows, loads = [], []
            for r in range(1, args.rounds + 1):
                time.sleep(args.idle)
                loads.append(os.getloadavg()[0])
                for side in sides if r % 2 else sides[::-1]:
                    side.times["submit"].append(submit(side, solution))
                    side.times["judge"].append(judge(side, problem, solution))
                rows.append(row(str(r), loads[-1], sides, lambda values: values[-1]))
            rows.append(row("**median**", statistics.median(loads), sides, statistics.median))
        finally:
            for side in sides:
                stop(side)
        names = [s.name for s in sides]
        print(
            f"Python A+B, {args.tests} tests; the workers idle {args.idle:.0f} s before each round. Times in ms "
            f"(whole processes); `added` = submit --wait - judge, per round (median: of the per-round values).\n"
        )
        print(
            "| round | load | "
            + " | ".join(f"{n}: submit --wait | {n}: judge | {n}: added" for n in names)
            + " |"
        )
        print("|---|---|" + "---|---|---|" * len(sides))
        print("\n".join(rows))
        print(f"\nload at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


def row(name: str, load: float, sides: list[Side], choose: Callable[[list[float]], float]) -> str:
    cells = [name, f"{load:.2f}"]
    for side in sides:
        submit_ms, judge_ms = side.times["submit"], side.times["judge"]
        added = [s - j for s, j in zip(submit_ms, judge_ms, strict=True)]
        cells += [f"{choose(submit_ms):.0f}", f"{choose(judge_ms):.0f}", f"{choose(added):.0f}"]
    return "| " + " | ".join(cells) + " |"


if __name__ == "__main__":
    main()
