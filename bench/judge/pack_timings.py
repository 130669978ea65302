"""CPU time of every accepted submission of the built-in pack on its slowest test, recorded for the time-limit
rule (Kattis format, "Problem timing"): time_limit >= 2 x the slowest accepted submission, in every language the
pack ships, rounded up to the time resolution (1 s). tests/pack/test_pack_time_limits.py reads what this writes.

    .venv/bin/python bench/judge/pack_timings.py [--runs 5] [--only 0030-power-tower ...]

Each submission is judged `--runs` times on every test (one test at a time, so runs do not compete with each
other for a core); the slowest CPU time of any run is kept. The problem's own time limit is lifted while timing
(a submission near its limit must be measured, not cut off). Writes bench/judge/pack_timings.json, keyed by
problem, with a hash of each submission and of the problem's tests so a stale record is detected.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from a fresh clone

from algoitny_tui.judge import detect_language, judge  # noqa: E402
from algoitny_tui.problems import list_submissions  # noqa: E402
from algoitny_tui.problems.builtin import iter_pack_dirs, load_pack_problem  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "pack_timings.json"
MEASURE_LIMIT_MS = 20_000  # the limit while timing: high enough that nothing accepted is cut off


def tests_hash(tests: list) -> str:
    digest = hashlib.sha256()
    for t in tests:
        digest.update(
            f"{t.test_case_id}\0{t.input}\0{t.expected_output}\0".encode("utf-8", "surrogateescape")
        )
    return digest.hexdigest()[:16]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def time_problem(path: Path, runs: int) -> dict:
    problem, tests = load_pack_problem(path)
    problem.limits.time_limit_ms = MEASURE_LIMIT_MS
    record: dict = {"tests": tests_hash(tests), "submissions": {}}
    for submission in list_submissions(path).get("accepted", []):
        slowest, where = 0, ""
        for _ in range(runs):
            report = judge(
                problem,
                tests,
                submission.read_text(),
                detect_language(submission),
                source_name=submission.name,
                jobs=1,
            )
            if str(report.verdict) != "AC":
                raise SystemExit(f"{path.name}/{submission.name}: {report.verdict} while timing")
            worst = max(report.tests, key=lambda t: t.time_ms)
            if worst.time_ms > slowest:
                slowest, where = worst.time_ms, worst.name
        record["submissions"][submission.name] = {
            "sha256": file_hash(submission),
            "slowest_cpu_ms": slowest,
            "slowest_test": where,
            "runs": runs,
        }
    return record


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="problem folders to time (default: all)")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for path in iter_pack_dirs():
        if args.only and path.name not in args.only:
            continue
        started = time.monotonic()
        results[path.name] = time_problem(path, args.runs)
        results[path.name]["measured"] = time.strftime("%Y-%m-%d", time.gmtime())
        subs = results[path.name]["submissions"]
        print(
            f"{path.name}: "
            + ", ".join(f"{name} {s['slowest_cpu_ms']} ms" for name, s in subs.items())
            + f"  ({time.monotonic() - started:.0f} s)",
            flush=True,
        )
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
