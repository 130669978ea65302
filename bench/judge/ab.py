"""`algoitny judge` against the same command at a baseline revision, interleaved round by round (whole processes,
wall and CPU ms), on the 50-test and the 1-test Python A+B of run.py. Quicker than run.py when only the CLI changed.

    .venv/bin/python bench/judge/ab.py --rounds 25 --baseline-rev REV
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a fresh clone

from bench.bytecode import bytecode_cached_env  # noqa: E402
from bench.judge.fixtures import PY_AB, write_problem  # noqa: E402
from bench.judge.run import algoitny_judge, export_baseline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=25)
    ap.add_argument("--baseline-rev", required=True)
    args = ap.parse_args()
    os.environ.update(bytecode_cached_env(os.environ, "bench-judge"))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="bench-judge-ab-") as tmp:
        root = Path(tmp)
        baseline = export_baseline(args.baseline_rev, root / "baseline")
        many, _ = write_problem(root / "many", 50)
        one, _ = write_problem(root / "one", 1)
        solution = root / "sol.py"
        solution.write_text(PY_AB)
        for problem in (many, one):  # warm: helper built, artifact cached, files in the page cache
            algoitny_judge(problem, solution, True)
            algoitny_judge(problem, solution, True, baseline)
        names = ("50 tests", "50 tests, baseline", "1 test", "1 test, baseline")
        runs = ((many, None), (many, baseline), (one, None), (one, baseline))
        wall: dict[str, list[float]] = {n: [] for n in names}
        cpu: dict[str, list[float]] = {n: [] for n in names}
        for _ in range(args.rounds):
            for name, (problem, base) in zip(names, runs, strict=True):
                wall[name].append(algoitny_judge(problem, solution, True, base, cpu=cpu[name]))
        print(
            f"{args.rounds} rounds, baseline {args.baseline_rev}, load at the end {os.getloadavg()[0]:.2f}\n"
        )
        print("| run | wall ms (median) | CPU ms (median) | baseline / this (median of the rounds) |")
        print("|---|---|---|---|")
        for name in names:
            ratio = ""
            if not name.endswith("baseline"):
                ours, theirs = wall[name], wall[f"{name}, baseline"]
                ratio = f"{statistics.median(b / a for a, b in zip(ours, theirs, strict=True)):.2f}x"
            print(
                f"| {name} | {statistics.median(wall[name]):.0f} | {statistics.median(cpu[name]):.0f} | {ratio} |"
            )


if __name__ == "__main__":
    main()
