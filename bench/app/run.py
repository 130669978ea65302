"""App speed: start to the first interactive screen with 10,000 problems and 100,000 histories in the store;
keystroke to screen update in the editor with a 2,000-line file; opening history.

    .venv/bin/python bench/app/run.py [--problems 10000] [--histories 100000] [--runs 5]

Runs against a store it builds under a temporary ALGOITNY_HOME (reused across runs of one invocation).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def build_store(home: Path, problems: int, histories: int) -> None:
    os.environ["ALGOITNY_HOME"] = str(home)
    from algoitny_tui.codec import history_to_item, problem_to_item, test_case_to_item
    from algoitny_tui.config import load_settings
    from algoitny_tui.models import Problem, SearchHistory, TestCase, TestResult
    from algoitny_tui.storage.factory import open_repositories
    from algoitny_tui.worker.problem_cache import write_problem_index

    settings = load_settings()
    repos = open_repositories(settings)
    tags = ["dp", "graphs", "greedy", "math", "strings", "trees", "implementation", "geometry"]
    items = []
    for n in range(problems):
        p = Problem(platform="bench", problem_number=str(n), title=f"Problem number {n}", tags=[tags[n % 8]],
                    difficulty=n % 10 + 1, statement=f"Statement of problem {n}.\n" * 5, test_case_count=1)
        items.append(problem_to_item(p))
        items.append(test_case_to_item("bench", str(n), TestCase(test_case_id="sample/1", input="1 2\n",
                                                                 expected_output="3\n", is_sample=True), 0))
    repos.table.batch_write(items)
    code = "#include <cstdio>\nint main(){int a,b;scanf(\"%d %d\",&a,&b);printf(\"%d\\n\",a+b);}\n"
    base = 1_600_000_000_000_000
    verdicts = ["AC", "WA", "TLE", "AC", "RE"]
    batch = []
    for i in range(histories):
        n = i % problems
        verdict = verdicts[i % 5]
        h = SearchHistory(id=base + i * 1000, user_identifier=settings.user, problem_id=f"bench#{n}",
                          platform="bench", problem_number=str(n), problem_title=f"Problem number {n}",
                          language="cpp", code=code, verdict=verdict, total_count=1, passed_count=int(verdict == "AC"),
                          result_summary="Passed" if verdict == "AC" else "Failed",
                          test_results=[TestResult(test_case_id="sample/1", output="3\n", passed=verdict == "AC",
                                                   status=verdict, time_ms=1, memory_kb=1000)],
                          created_at=1_600_000_000 + i * 60)
        batch.append(history_to_item(h))
        if len(batch) == 5000:
            repos.table.batch_write(batch)
            batch = []
    repos.table.batch_write(batch)
    write_problem_index(repos, settings.locations.cache_dir)
    repos.close()


FIRST_SCREEN = r"""
import time, os, sys
t_start = float(sys.argv[1])
import asyncio
from algoitny_tui.app import make_app
from algoitny_tui.widgets.problem_table import ProblemTable

async def main():
    app = make_app(start_worker=False, install_pack=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            tables = app.screen.query(ProblemTable)
            if tables and len(tables.first().rows) >= 10000:
                break
            await asyncio.sleep(0.002)
        await pilot.pause()  # the frame with the rows painted
        ready = time.time()
        print(ready - t_start, flush=True)
        os._exit(0)  # the measurement is taken: do not wait for the store refresh behind it

asyncio.run(main())
"""


def first_screen(home: Path, runs: int) -> list[float]:
    times = []
    env = {**os.environ, "ALGOITNY_HOME": str(home)}
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", FIRST_SCREEN, str(start)], env=env, capture_output=True,
                             text=True, cwd=ROOT, timeout=120)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


async def editor_and_history(home: Path) -> dict[str, float]:
    os.environ["ALGOITNY_HOME"] = str(home)
    from textual.widgets import DataTable

    from algoitny_tui.app import make_app
    from algoitny_tui.screens.history_detail import HistoryDetailScreen
    from algoitny_tui.screens.solve import SolveScreen

    code = "".join(f"int f{i}(int x) {{ return x * {i} + {i % 7}; }}\n" for i in range(2000))
    app = make_app(start_worker=False, install_pack=False)
    results: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_problem("bench#1", code=code, language="cpp")
        while not (isinstance(app.screen, SolveScreen) and app.screen.problem is not None):
            await asyncio.sleep(0.01)
        await pilot.pause()
        editor = app.screen.editor
        editor.focus()
        editor.move_cursor((1000, 10))
        await pilot.pause()
        samples = []
        for _ in range(50):
            t = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()  # the refresh that shows the key
            samples.append(time.perf_counter() - t)
        results["keystroke_median_ms"] = statistics.median(samples) * 1000
        results["keystroke_p95_ms"] = sorted(samples)[int(len(samples) * 0.95) - 1] * 1000

        await pilot.press("escape", "escape")
        t = time.perf_counter()
        await pilot.press("f2")
        while True:
            tables = app.screen.query("#history-table")
            if tables and tables.first(DataTable).row_count > 0:
                break
            await asyncio.sleep(0.002)
        await pilot.pause()
        results["history_list_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        await pilot.press("enter")
        while not (isinstance(app.screen, HistoryDetailScreen) and app.screen.history is not None):
            await asyncio.sleep(0.002)
        await pilot.pause()
        results["history_open_ms"] = (time.perf_counter() - t) * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=10_000)
    parser.add_argument("--histories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        t = time.perf_counter()
        build_store(home, args.problems, args.histories)
        print(f"store: {args.problems} problems, {args.histories} histories, built in "
              f"{time.perf_counter() - t:.1f} s", flush=True)
        starts = first_screen(home, args.runs)
        other = asyncio.run(editor_and_history(home))
        report = {"first_screen_median_s": statistics.median(starts), "first_screen_runs_s": starts, **other}
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
