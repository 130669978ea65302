"""App speed: start to the first interactive screen with 10,000 problems and 100,000 histories in the store;
keystroke to screen update in the editor with a 2,000-line file; opening history and one submission.

    .venv/bin/python bench/app/run.py [--problems 10000] [--histories 100000] [--runs 5] [--home DIR]
                                      [--baseline REV]

Runs against a store it builds under ALGOITNY_HOME (a temporary one, or `--home DIR`, built once and reused).
`--baseline REV` measures the app of git revision REV too (its `algoitny_tui` extracted with `git archive`), each
measurement in its own process, the two versions alternating run by run, so both see the same machine load.

Every measurement runs in a fresh process. Start-up is timed from before the process is spawned to the frame that
shows the problem list with all its rows (`App.run_test`, headless, 120x40); `cpu` is the process's CPU time (all
threads) at that moment, which a loaded machine does not inflate the way it does wall time. The solved/tried status
cache is deleted before each start: every run is the first one after the histories arrived (the slowest case).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SRC = Path(os.environ.get("BENCH_APP_SRC") or ROOT)
"""The source tree whose `algoitny_tui` is measured (a baseline's extracted tree in a baseline child)."""
if __name__ == "__main__":
    sys.path.insert(0, str(SRC))
    sys.path.insert(1, str(ROOT))  # bench.bytecode

from bench.bytecode import bytecode_cached_env  # noqa: E402

BUILT_MARKER = "bench-store.json"


def build_store(home: Path, problems: int, histories: int) -> None:
    os.environ["ALGOITNY_HOME"] = str(home)
    from algoitny_tui.codec import history_to_item, problem_to_item, test_case_to_item
    from algoitny_tui.config import load_settings
    from algoitny_tui.domain import Problem, TestCase
    from algoitny_tui.models import SearchHistory, TestResult
    from algoitny_tui.storage.factory import open_repositories
    from algoitny_tui.worker.problem_cache import write_problem_index

    settings = load_settings()
    repos = open_repositories(settings)
    tags = ["dp", "graphs", "greedy", "math", "strings", "trees", "implementation", "geometry"]
    items = []
    for n in range(problems):
        p = Problem(
            platform="bench",
            problem_number=str(n),
            title=f"Problem number {n}",
            tags=[tags[n % 8]],
            difficulty=n % 10 + 1,
            statement=f"Statement of problem {n}.\n" * 5,
            test_case_count=1,
        )
        items.append(problem_to_item(p))
        items.append(
            test_case_to_item(
                "bench",
                str(n),
                TestCase(test_case_id="sample/1", input="1 2\n", expected_output="3\n", is_sample=True),
                0,
            )
        )
    repos.table.batch_write(items)
    code = '#include <cstdio>\nint main(){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);}\n'
    base = 1_600_000_000_000_000
    verdicts = ["AC", "WA", "TLE", "AC", "RE"]
    batch = []
    for i in range(histories):
        n = i % problems
        verdict = verdicts[i % 5]
        h = SearchHistory(
            id=base + i * 1000,
            user_identifier=settings.user,
            problem_id=f"bench#{n}",
            platform="bench",
            problem_number=str(n),
            problem_title=f"Problem number {n}",
            language="cpp",
            code=code,
            verdict=verdict,
            total_count=1,
            passed_count=int(verdict == "AC"),
            result_summary="Passed" if verdict == "AC" else "Failed",
            test_results=[
                TestResult(
                    test_case_id="sample/1",
                    output="3\n",
                    passed=verdict == "AC",
                    verdict=verdict,
                    time_ms=1,
                    memory_kb=1000,
                )
            ],
            created_at=1_600_000_000 + i * 60,
        )
        batch.append(history_to_item(h))
        if len(batch) == 5000:
            repos.table.batch_write(batch)
            batch = []
    repos.table.batch_write(batch)
    write_problem_index(repos, settings.locations.cache_dir)
    repos.close()
    (home / BUILT_MARKER).write_text(json.dumps({"problems": problems, "histories": histories}))


FIRST_SCREEN = r"""
import json, time, os, sys
t_start = float(sys.argv[1])
rows_wanted = int(sys.argv[2])
t0 = time.time()
import asyncio
# What `algoitny` imports before it builds the app: the command line and the app command (and, in versions that
# read them before the app starts, the settings: make_app(None) reads them as `algoitny` does in each version).
import algoitny_tui.cli
import algoitny_tui.commands.app
from textual import events
from algoitny_tui.app import make_app
from algoitny_tui.widgets.problem_table import ProblemTable
t_import = time.time()

def shown(app):
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

async def main():
    app = make_app(None, start_worker=False, install_pack=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            tables = app.screen.query(ProblemTable)
            if tables and len(tables.first().rows) >= rows_wanted:
                break
            await asyncio.sleep(0.002)
        await pilot.pause(0)  # every pending message handled, then the screen rendered: the frame with the rows
        painted = time.time()
        cpu = time.process_time()
        assert "bench#0 " in shown(app), shown(app)
        # A key typed at once: handled and on screen (the filter box shows it).
        search = app.screen.query_one("#search")
        t_key = time.time()
        app.post_message(events.Key("7", "7"))
        while search.value != "7":
            await asyncio.sleep(0.001)
        await pilot.pause(0)
        key_done = time.time()
        # The old measure: Pilot's pause() also waits (at most 1 s) until the process's threads are idle.
        await pilot.pause()
        settled = time.time()
        print(json.dumps({"wall": painted - t_start, "cpu": cpu, "spawn": t0 - t_start, "imports": t_import - t0,
                          "first_key": key_done - t_key, "settled": settled - t_start}), flush=True)
        os._exit(0)  # the measurement is taken: do not wait for the work behind it

asyncio.run(main())
"""


def _env(home: Path, src: Path) -> dict[str, str]:
    env = bytecode_cached_env(
        {**os.environ, "ALGOITNY_HOME": str(home), "BENCH_APP_SRC": str(src)}, "bench-app"
    )
    env.pop("PYTHONPATH", None)
    return env


def _forget_status_cache(home: Path) -> None:
    for path in (home / "cache").glob("app-status-*.json"):
        path.unlink()


def first_screen_once(home: Path, src: Path, rows: int) -> dict[str, float]:
    _forget_status_cache(home)
    start = time.time()
    # cwd is the measured tree: `python -c` puts it first on sys.path, before the editable install of this one.
    out = subprocess.run(
        [sys.executable, "-c", FIRST_SCREEN, str(start), str(rows)],
        env=_env(home, src),
        capture_output=True,
        text=True,
        cwd=src,
        timeout=180,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


async def key_to_frame(app: Any, pilot: Any, key: str, done: Any, character: str | None = None) -> float:
    """Seconds from a key event to the frame that shows its effect: the key is posted as the terminal driver
    posts it (Pilot's press() also waits until the process is idle, which measures the background threads too)."""
    from textual import events

    t = time.perf_counter()
    app.post_message(events.Key(key, character))
    while not done():
        await asyncio.sleep(0.001)
    await pilot.pause(0)  # pending messages handled, the screen rendered
    return time.perf_counter() - t


async def editor_and_history() -> dict[str, float]:
    from textual.widgets import DataTable

    from algoitny_tui.app import make_app
    from algoitny_tui.config import load_settings
    from algoitny_tui.screens.history_detail import HistoryDetailScreen
    from algoitny_tui.screens.solve import SolveScreen

    code = "".join(f"int f{i}(int x) {{ return x * {i} + {i % 7}; }}\n" for i in range(2000))
    app = make_app(load_settings(), start_worker=False, install_pack=False)
    results: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(3.0)  # start-up work (status of 100,000 histories) out of the way
        t = time.perf_counter()
        app.open_problem("bench#1", code=code, language="cpp")
        while not (isinstance(app.screen, SolveScreen) and app.screen.problem is not None):
            await asyncio.sleep(0.002)
        await pilot.pause(0)
        results["editor_open_ms"] = (time.perf_counter() - t) * 1000
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
        results["keystroke_pilot_median_ms"] = statistics.median(samples) * 1000
        direct = []
        for _ in range(50):
            before = editor.document.line_count, len(editor.document.get_line(1000))
            direct.append(
                await key_to_frame(
                    app,
                    pilot,
                    "y",
                    lambda b=before: (editor.document.line_count, len(editor.document.get_line(1000))) != b,
                    "y",
                )
            )
        results["keystroke_median_ms"] = statistics.median(direct) * 1000
        results["keystroke_p95_ms"] = sorted(direct)[int(len(direct) * 0.95) - 1] * 1000

        await pilot.press("escape", "escape")
        await pilot.pause(1.0)

        def history_rows() -> bool:
            tables = app.screen.query("#history-table")
            return bool(tables) and tables.first(DataTable).row_count > 0

        results["history_list_ms"] = await key_to_frame(app, pilot, "f2", history_rows) * 1000
        await pilot.pause(0.5)
        results["history_open_ms"] = (
            await key_to_frame(
                app,
                pilot,
                "enter",
                lambda: isinstance(app.screen, HistoryDetailScreen) and app.screen.history is not None,
            )
            * 1000
        )
    return results


def other_once(home: Path, src: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child-other"],
        env=_env(home, src),
        capture_output=True,
        text=True,
        cwd=src,
        timeout=300,
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def extract(rev: str, into: Path) -> Path:
    """`algoitny_tui` of a git revision, extracted (read-only git: archive)."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", rev, "algoitny_tui"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    keys = runs[0].keys()
    return {f"{k}_median": round(statistics.median(r[k] for r in runs), 3) for k in keys} | {
        "wall_runs": [round(r["wall"], 3) for r in runs] if "wall" in keys else None
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", type=int, default=10_000)
    parser.add_argument("--histories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", type=Path, help="build the store here once, and reuse it")
    parser.add_argument("--baseline", metavar="REV", help="also measure the app of this git revision")
    parser.add_argument("--child-other", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_other:
        print(json.dumps(asyncio.run(editor_and_history())), flush=True)
        os._exit(0)
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "home"
        marker = home / BUILT_MARKER
        wanted = {"problems": args.problems, "histories": args.histories}
        if not marker.exists() or json.loads(marker.read_text()) != wanted:
            shutil.rmtree(home, ignore_errors=True)
            t = time.perf_counter()
            build_store(home, args.problems, args.histories)
            print(
                f"store: {args.problems} problems, {args.histories} histories, built in "
                f"{time.perf_counter() - t:.1f} s",
                flush=True,
            )
        versions = {"current": ROOT}
        if args.baseline:
            versions = {
                f"baseline {args.baseline}": extract(args.baseline, Path(tmp) / "baseline"),
                **versions,
            }
        starts: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
        for src in versions.values():
            first_screen_once(
                home, src, args.problems
            )  # a warm-up, not counted: bytecode written, files cached
        for _ in range(args.runs):
            for name, src in versions.items():
                starts[name].append(first_screen_once(home, src, args.problems))
        others: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
        for _ in range(max(1, min(3, args.runs))):
            for name, src in versions.items():
                others[name].append(other_once(home, src))
        report: dict[str, Any] = {}
        for name in versions:
            report[name] = {
                "first_screen": summary(starts[name]),
                **{k: round(statistics.median(r[k] for r in others[name]), 1) for k in others[name][0]},
            }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
